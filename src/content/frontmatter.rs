//! Splitting a Markdown file into its YAML front-matter and body, and reading the
//! front-matter into [`RawFrontMatter`].
//!
//! The front-matter sits between a first line `---` and the next line `---`. It is
//! read strictly: unknown keys are errors with a "did you mean". Turning the raw values
//! into pages (and checking what each kind of page requires) is `content::page`'s job.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::care::CareLevel;
use crate::content::walk::SourceFile;
use crate::diagnostics::{Diagnostic, Location};
use crate::yaml::{self, YamlSource};
use triage::RawTriage;

pub mod triage;

/// The file line on which front-matter begins, after the opening `---`.
pub const FIRST_LINE: usize = 2;

/// Where a front-matter value is in its file's `text`.
pub fn location<T>(text: &str, spanned: &Spanned<T>) -> Location {
    yaml::location(text, FIRST_LINE, spanned)
}

/// The line of a spanned front-matter value in its file, without working out the rest
/// of a [`Location`]: rules keep theirs for `triage diff` to point at.
pub fn line<T>(spanned: &Spanned<T>) -> usize {
    FIRST_LINE + (spanned.referenced.line() as usize).saturating_sub(1)
}

/// Every key a page's front-matter may have. Which are required depends on the page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Spanned<String>,
    pub summary: Option<String>,
    pub urgency: Option<Spanned<CareLevel>>,
    #[serde(default)]
    pub also_called: Vec<String>,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub red_flags: Vec<String>,
    #[serde(default)]
    pub tests: Vec<String>,
    pub triage: Option<Spanned<RawTriage>>,
    pub reviewed: Option<RawReview>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub draft: bool,
    /// Orders pages with the same urgency in listings; lower first.
    pub weight: Option<i64>,
    /// A template to use instead of the default one for this kind of page.
    pub template: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    pub by: Spanned<String>,
    pub on: Spanned<String>,
    pub due: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
    pub publisher: Option<String>,
    pub url: Spanned<String>,
    /// The language the source is written in, when it is not the page's.
    pub lang: Option<Spanned<String>>,
}

/// A file split into front-matter and body.
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `file` at its `---` fences.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    if text.trim().is_empty() {
        return Err(Diagnostic::error(&file.path, "this file is empty").with_help(
            "start it with front-matter: a line `---`, then `title: …`, then a line `---`, then the text",
        ));
    }
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::error(&file.path, "this file does not start with front-matter")
            .at(Location::in_text(text, 1, 1, text.lines().next().map_or(1, |l| l.chars().count())))
            .with_help("make the first line `---`, then `title: …` and the other keys, then a line `---`"));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = yaml.matches('\n').count() + 3;
            return Ok(Split {
                yaml,
                body,
                body_line,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(&file.path, "the front-matter is never closed")
            .at(Location::in_text(text, 1, 1, 3))
            .with_help(
                "add a line with just `---` after the last front-matter key, before the text",
            ),
    )
}

/// Reads the front-matter of `file`.
pub fn parse(file: &SourceFile, split: &Split<'_>) -> Result<RawFrontMatter, Diagnostic> {
    let source = YamlSource {
        file: &file.path,
        text: split.yaml,
        file_text: &file.text,
        first_line: FIRST_LINE,
    };
    if split.yaml.trim().is_empty() {
        return Err(Diagnostic::error(&file.path, "the front-matter is empty")
            .at(Location::in_text(&file.text, 1, 1, 3))
            .with_help("add at least `title: …` between the two `---` lines"));
    }
    yaml::parse(&source)
}

/// What the front-matter of `file` says that its author did not mean (see
/// [`yaml::lint`]).
pub fn lint(file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
    yaml::lint(&YamlSource {
        file: &file.path,
        text: split.yaml,
        file_text: &file.text,
        first_line: FIRST_LINE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("content/a.md"),
            content_path: "a.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn splits_at_fences_and_counts_body_line() {
        let f = file("---\ntitle: A\nsummary: B\n---\nHello\n");
        let s = split(&f).unwrap();
        assert_eq!(s.yaml, "title: A\nsummary: B\n");
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let f = file("---\ntitle: A\nHello\n");
        assert_eq!(
            split(&f).err().unwrap().message,
            "the front-matter is never closed"
        );
    }

    #[test]
    fn yaml_errors_are_on_file_lines() {
        let f = file("---\ntitle: A\nurgency: emergncy\n---\n");
        let s = split(&f).unwrap();
        let e = parse(&f, &s).unwrap_err();
        assert_eq!(e.location.unwrap().line, 3);
        assert!(e.help.unwrap().contains("did you mean `emergency`?"));
    }
}
