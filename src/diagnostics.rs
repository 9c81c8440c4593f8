//! Diagnostics: what went wrong in an author's input, where, and how to fix it.
//!
//! A [`Diagnostic`] carries the file (relative to the site root), the 1-based line and
//! column, the offending line itself, a message and a `help:` hint.
//!
//! One convention, as rustc's `DiagCtxt`: a stage that goes on after a problem takes
//! `&mut Diagnostics` and returns `Result<T, Failed>` when it cannot produce its value
//! (the errors are then in the collector); a check that stops at its first problem
//! returns `Result<T, Diagnostic>`. Library stages never print: the commands print
//! with [`print()`], the one printer, which draws the rustc-style report with miette's
//! graphical handler, without colour so that the output is the same on every terminal
//! and in snapshot tests.

use std::fmt;
use std::path::{Path, PathBuf};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

/// How bad a diagnostic is. Errors fail the build; warnings are shown and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: 1-based line and column (in characters), plus the line's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The whole source line the problem is on, without its line ending.
    pub source_line: String,
    /// How many characters from `column` to underline (at least 1).
    pub length: usize,
}

impl Location {
    /// The location of `column` on `line` of `text` (both 1-based), quoting that line.
    pub fn in_text(text: &str, line: usize, column: usize, length: usize) -> Location {
        let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        Location {
            line: line.max(1),
            column: column.max(1),
            source_line: source_line.trim_end_matches('\r').to_string(),
            length: length.max(1),
        }
    }

    /// The location of a byte offset in `text`, underlining `len` bytes.
    pub fn at_offset(text: &str, offset: usize, len: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + len).min(text.len()));
        let length = text[offset..end].chars().take_while(|c| *c != '\n').count();
        Location::in_text(text, line, column, length)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// One problem found in the author's input. A diagnostic that is made and dropped
/// tells no one: push it into [`Diagnostics`] or return it.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// Boxed to keep `Result<_, Diagnostic>` small on the happy path.
    pub location: Option<Box<Location>>,
    pub message: String,
    pub help: Option<String>,
    /// The pages being rendered when a template went wrong: one cause reported once,
    /// however many pages it breaks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rendering: Vec<PathBuf>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            message: message.into(),
            help: None,
            rendering: Vec::new(),
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Says which page was being rendered when this happened.
    pub fn while_rendering(mut self, page: impl Into<PathBuf>) -> Diagnostic {
        self.rendering.push(page.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The help, with the pages being rendered when it happened.
    pub fn full_help(&self) -> Option<String> {
        let pages = match self.rendering.as_slice() {
            [] => None,
            [one] => Some(format!("while rendering {}", one.display())),
            [first, ..] => Some(format!(
                "while rendering {} pages, like {}",
                self.rendering.len(),
                first.display()
            )),
        };
        match (pages, &self.help) {
            (Some(pages), Some(help)) => Some(format!("{pages}; {help}")),
            (pages, help) => pages.or_else(|| help.clone()),
        }
    }

    /// The report as a person reads it: message, `file:line:column`, the quoted line
    /// with the problem underlined, and the help.
    pub fn render(&self) -> String {
        self.render_with(GraphicalTheme::unicode_nocolor())
    }

    /// [`Diagnostic::render`] in ASCII (`|`, `-`, `^`), for a log file, a pipe or a
    /// terminal that cannot draw boxes (`TERM=dumb`).
    pub fn render_plain(&self) -> String {
        self.render_with(GraphicalTheme::none())
    }

    /// [`Diagnostic::render`] with `boxes`, else [`Diagnostic::render_plain`].
    pub fn render_for(&self, boxes: bool) -> String {
        if boxes {
            self.render()
        } else {
            self.render_plain()
        }
    }

    fn render_with(&self, theme: GraphicalTheme) -> String {
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_context_lines(0);
        let mut out = String::new();
        match handler.render_report(&mut out, &Report(self)) {
            Ok(()) => out,
            // The handler only fails on a formatter error; fall back to the plain form.
            Err(_) => self.to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form: `file:line:column: error: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(loc) = &self.location {
            write!(f, ":{}:{}", loc.line, loc.column)?;
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)?;
        if let Some(help) = self.full_help() {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Proof that a stage failed and that its errors are in the [`Diagnostics`] it was
/// given (rustc's `ErrorGuaranteed`): the caller has nothing more to report.
/// Only the collector makes one ([`Diagnostics::fail`], [`Diagnostics::check`],
/// [`Diagnostics::check_since`]), so a `Failed` always has its error recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failed(());

/// Collects diagnostics from a stage that goes on after the first problem.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records an error that stops the stage: `return Err(diagnostics.fail(d))`.
    pub fn fail(&mut self, diagnostic: Diagnostic) -> Failed {
        self.items.push(diagnostic);
        Failed(())
    }

    /// `Err(Failed)` when an error has been recorded: a stage's last check before it
    /// hands on a value that later stages must be able to trust.
    pub fn check(&self) -> Result<(), Failed> {
        self.check_since(0)
    }

    /// `Err(Failed)` when an error has been recorded since there were `before`
    /// ([`Diagnostics::errors`]): a stage that shares the collector with others.
    pub fn check_since(&self, before: usize) -> Result<(), Failed> {
        if self.errors() > before {
            Err(Failed(()))
        } else {
            Ok(())
        }
    }

    /// How many errors have been recorded.
    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many diagnostics have been recorded (errors and warnings).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Takes every diagnostic of `other` (a stage run on its own, say in parallel).
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position so that every run prints the same.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            let pos = |d: &Diagnostic| d.location.as_ref().map(|l| (l.line, l.column));
            (&a.file, pos(a), a.severity, &a.message).cmp(&(
                &b.file,
                pos(b),
                b.severity,
                &b.message,
            ))
        });
        // One cause, one report: the same problem met while rendering many pages is
        // one diagnostic that counts them.
        let mut merged: Vec<Diagnostic> = Vec::with_capacity(self.items.len());
        for d in self.items {
            match merged.last_mut() {
                Some(last) if same_cause(last, &d) => {
                    last.rendering.extend(d.rendering);
                    last.rendering.sort();
                    last.rendering.dedup();
                }
                _ => merged.push(d),
            }
        }
        merged
    }
}

fn same_cause(a: &Diagnostic, b: &Diagnostic) -> bool {
    (a.severity, &a.file, &a.location, &a.message, &a.help)
        == (b.severity, &b.file, &b.location, &b.message, &b.help)
}

/// Prints `diagnostics` to standard error, each as [`Diagnostic::render`] draws it
/// on a terminal, and in ASCII ([`Diagnostic::render_plain`]) when standard error is
/// a file or a pipe or `TERM=dumb`: the one place where the command line and the live
/// preview's terminal show problems.
pub(crate) fn print(diagnostics: &[Diagnostic]) {
    use std::io::IsTerminal;
    let boxes = draws_boxes(std::io::stderr().is_terminal());
    for d in diagnostics {
        eprintln!("{}", d.render_for(boxes));
    }
}

/// Whether diagnostics written to a stream are drawn with boxes: only on a terminal
/// (`is_terminal`) that is not `TERM=dumb`.
#[must_use]
pub(crate) fn draws_boxes(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
}

/// `1 error`, `2 errors`: a count with its noun.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A GitHub workflow command's message (`::error …::MESSAGE`), escaped as GitHub reads
/// it: `%`, CR and LF.
pub(crate) fn workflow_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (`file=`, `title=`): also `:` and `,`.
pub(crate) fn workflow_property(text: &str) -> String {
    workflow_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Suggests the candidate closest to `input`, for "did you mean …?" hints.
pub(crate) fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A path shown relative to `root` when it is inside it.
pub(crate) fn relative_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Adapter that lets miette draw a [`Diagnostic`].
struct Report<'a>(&'a Diagnostic);

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.location {
            None => write!(f, "{}: {}", self.0.file.display(), self.0.message),
            Some(_) => f.write_str(&self.0.message),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.0.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0
            .full_help()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.location.as_ref().map(|_| self as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let loc = self.0.location.as_ref()?;
        let start: usize = loc
            .source_line
            .chars()
            .take(loc.column - 1)
            .map(char::len_utf8)
            .sum();
        let len: usize = loc.source_line[start.min(loc.source_line.len())..]
            .chars()
            .take(loc.length)
            .map(char::len_utf8)
            .sum();
        let span = LabeledSpan::new_primary_with_span(None, (start, len.max(1)));
        Some(Box::new(std::iter::once(span)))
    }
}

/// The quoted line is the whole "source" miette sees; this reports its real line
/// number and the file name so the header reads `file:line:column`.
impl SourceCode for Report<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let Some(loc) = &self.0.location else {
            return Err(MietteError::OutOfBounds);
        };
        let text = loc.source_line.as_bytes();
        Ok(Box::new(MietteSpanContents::new_named(
            self.0.file.display().to_string(),
            text,
            SourceSpan::new(0.into(), text.len()),
            loc.line - 1,
            loc.source_line
                .get(..span.offset())
                .map_or(0, |s| s.chars().count()),
            1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_at_offset_counts_lines_and_characters() {
        let text = "title: x\nsümmary: y\n";
        let loc = Location::at_offset(text, text.find(": y").unwrap() + 2, 1);
        assert_eq!((loc.line, loc.column), (2, 10));
        assert_eq!(loc.source_line, "sümmary: y");
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let keys = ["summary", "symptoms", "sources"];
        assert_eq!(did_you_mean("sumary", keys), Some("summary"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn render_quotes_the_line_and_help() {
        let d = Diagnostic::error("content/a.md", "unknown key `sumary`")
            .at(Location::in_text("title: A\nsumary: B\n", 2, 1, 6))
            .with_help("did you mean `summary`?");
        let out = d.render();
        assert!(out.contains("content/a.md:2:1"), "{out}");
        assert!(out.contains("sumary: B"), "{out}");
        assert!(out.contains("did you mean `summary`?"), "{out}");
    }
}
