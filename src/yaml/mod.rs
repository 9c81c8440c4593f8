//! Reading YAML (site.yaml and front-matter) into typed structs, with errors as
//! [`Diagnostic`]s that point at the author's file, line and column.
//!
//! We read with serde-saphyr and **strict booleans**: only `true`/`false` are booleans,
//! so `yes` and `no` stay strings, because they are answer ids in the decision tree.
//! Serde's own messages ("unknown field", "unknown variant", "missing field") are turned
//! into plain sentences with a "did you mean" hint.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Options, Spanned};

use crate::diagnostics::{Diagnostic, Location, did_you_mean};

mod lint;
mod plain;

pub(crate) use lint::lint;

/// A piece of YAML inside a file: its text and the file line its first line is on.
pub(crate) struct YamlSource<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    /// The whole file, used to quote lines in diagnostics.
    pub file_text: &'a str,
    /// 1-based line of the file on which `text` begins.
    pub first_line: usize,
}

/// Parses `source` as `T`, or explains in one diagnostic why it cannot.
pub(crate) fn parse<T: DeserializeOwned>(source: &YamlSource<'_>) -> Result<T, Diagnostic> {
    let mut options = Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(source.text, options).map_err(|e| to_diagnostic(&e, source))
}

/// Where a value read with its span ([`Spanned`]) is in the file: `file_text` is the
/// whole file and `first_line` the file line on which the YAML begins (1 for
/// `site.yaml`, 2 for front-matter, after the opening `---`). The underline runs to the
/// end of the value in a flow mapping (`,` or `}`) or of the line.
pub(crate) fn location<T>(file_text: &str, first_line: usize, spanned: &Spanned<T>) -> Location {
    spot(first_line, spanned).locate(file_text)
}

/// Where a value read with its span is, without the quoted line: cheap to keep for
/// every page, made into a [`Location`] only for a diagnostic ([`Spot::locate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The [`Spot`] of a value read with its span; `first_line` as for [`location`].
pub(crate) fn spot<T>(first_line: usize, spanned: &Spanned<T>) -> Spot {
    Spot {
        line: first_line + (spanned.referenced.line() as usize).saturating_sub(1),
        column: spanned.referenced.column() as usize,
    }
}

impl Spot {
    /// The location in `file_text`, underlining the value: to the end of the line, or
    /// of a flow mapping's value (`,` or `}`), without the spaces before that nor the
    /// value's quotes.
    pub fn locate(self, file_text: &str) -> Location {
        let mut column = self.column;
        let text = file_text
            .lines()
            .nth(self.line.saturating_sub(1))
            .unwrap_or("");
        let value: String = text
            .chars()
            .skip(column.saturating_sub(1))
            .take_while(|c| !matches!(c, ',' | '}' | '\r'))
            .collect();
        let mut value = value.trim_end();
        if let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\''))
            && let Some(inner) = value[1..].split(quote).next().filter(|i| !i.is_empty())
        {
            column += 1;
            value = inner;
        }
        Location::in_text(file_text, self.line, column, value.chars().count().max(1))
    }
}

/// Turns a reader error into a diagnostic in the author's terms.
fn to_diagnostic(error: &Error, source: &YamlSource<'_>) -> Diagnostic {
    let error = error.without_snippet();
    let reader_line = error.location().map_or(1, |l| (l.line() as usize).max(1));
    let known = matches!(
        error,
        Error::SerdeUnknownField { .. }
            | Error::SerdeUnknownVariant { .. }
            | Error::SerdeMissingField { .. }
            | Error::DuplicateMappingKey { .. }
    );
    let plain = (!known)
        .then(|| plain::explain(&error.to_string(), source.text, reader_line))
        .flatten();
    let (message, help, at) = match plain {
        Some(p) => (p.message, Some(p.help), p.at),
        None => {
            let (message, help) = explain(error);
            (message, help, None)
        }
    };
    let mut diagnostic = Diagnostic::error(source.file, message);
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    let at = at.or_else(|| {
        error
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| (l.line() as usize, l.column().max(1) as usize))
    });
    match at {
        Some((yaml_line, column)) => {
            let line = source.first_line + yaml_line - 1;
            let length = token_length(source.file_text, line, column);
            diagnostic.at(Location::in_text(source.file_text, line, column, length))
        }
        None => diagnostic,
    }
}

fn explain(error: &Error) -> (String, Option<String>) {
    match error {
        Error::SerdeUnknownField { field, expected, .. } => (
            format!("unknown key `{field}`"),
            Some(match did_you_mean(field, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the keys allowed here are: {}", list(expected)),
            }),
        ),
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            // Capitalised spellings are read too (aliases); the help lists the real ones.
            let expected: Vec<&str> = expected
                .iter()
                .copied()
                .filter(|v| !v.starts_with(|c: char| c.is_uppercase()))
                .collect();
            (
                format!("`{variant}` is not one of the allowed values"),
                Some(match did_you_mean(variant, expected.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`? (allowed: {})", list(&expected)),
                    None => format!("use one of: {}", list(&expected)),
                }),
            )
        }
        Error::SerdeMissingField { field, .. } => (
            format!("missing required key `{field}`"),
            Some(format!("add a line `{field}: …` to this block")),
        ),
        Error::Unexpected { expected, .. } => {
            let (what, help) = expected_in_words(expected);
            (format!("expected {what} here"), Some(help.to_string()))
        }
        Error::SerdeInvalidType { unexpected, expected, .. } => (
            format!("expected {expected}, found {unexpected}"),
            Some(type_help(expected)),
        ),
        Error::SerdeInvalidValue { unexpected, expected, .. } => {
            (format!("expected {expected}, found {unexpected}"), None)
        }
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("the key `{key}` appears twice"),
                None => "a key appears twice".to_string(),
            },
            Some("keep one of them and delete the other".to_string()),
        ),
        other => (
            strip_location(&other.to_string()),
            Some("check the indentation and that every `key: value` pair has a colon and a space; quote text that contains `: ` or starts with a symbol".to_string()),
        ),
    }
}

/// serde-saphyr's parser words ("sequence start") in an author's words.
fn expected_in_words(expected: &str) -> (&'static str, &'static str) {
    if expected.contains("sequence") {
        ("a list", "write a list, one `- item` per line, or `[a, b]`")
    } else if expected.contains("mapping") {
        (
            "`key: value` pairs",
            "write `key: value` pairs indented under this key, or `{ key: value }`",
        )
    } else {
        (
            "plain text",
            "put the text in quotes if it starts with [ { * & ! or contains `: ` or ` #`, like \"[Draft] title\"",
        )
    }
}

fn type_help(expected: &str) -> String {
    if expected.contains("sequence") {
        "write a list, one `- item` per line, or `[a, b]`".to_string()
    } else if expected.contains("map") || expected.contains("struct") {
        "write `key: value` pairs indented under this key".to_string()
    } else {
        "check the value's type; put text in quotes if it is meant as text".to_string()
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// serde-saphyr appends " at line N, column M"; we show the location ourselves.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The length of the word (key or value) that starts at `line`:`column`, for the underline.
fn token_length(text: &str, line: usize, column: usize) -> usize {
    let Some(source_line) = text.lines().nth(line - 1) else {
        return 1;
    };
    source_line
        .chars()
        .skip(column - 1)
        .take_while(|c| !matches!(c, ':' | ',' | '}' | ']' | '\r') && !c.is_whitespace())
        .count()
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        title: String,
        #[serde(default)]
        answers: Vec<String>,
    }

    fn source(text: &str) -> YamlSource<'_> {
        YamlSource {
            file: Path::new("a.md"),
            text,
            file_text: text,
            first_line: 1,
        }
    }

    #[test]
    fn yes_and_no_stay_strings() {
        let s: Sample = parse(&source("title: A\nanswers: [yes, no, on, off]\n")).unwrap();
        assert_eq!(s.title, "A");
        assert_eq!(s.answers, ["yes", "no", "on", "off"]);
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let e = parse::<Sample>(&source("title: A\ntitel: B\n")).unwrap_err();
        assert_eq!(e.message, "unknown key `titel`");
        assert_eq!(e.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(e.location.unwrap().line, 2);
    }
}
