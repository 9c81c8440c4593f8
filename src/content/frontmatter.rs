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

pub(crate) mod triage;

/// The file line on which front-matter begins, after the opening `---`.
pub(crate) const FIRST_LINE: usize = 2;

/// Where a front-matter value is in its file's `text`.
pub(crate) fn location<T>(text: &str, spanned: &Spanned<T>) -> Location {
    yaml::location(text, FIRST_LINE, spanned)
}

/// Where a spanned front-matter value is, to be made a [`Location`] when needed.
pub(crate) fn spot<T>(spanned: &Spanned<T>) -> yaml::Spot {
    yaml::spot(FIRST_LINE, spanned)
}

/// The line of a spanned front-matter value in its file, without working out the rest
/// of a [`Location`]: rules keep theirs for `triage diff` to point at.
pub(crate) fn line<T>(spanned: &Spanned<T>) -> usize {
    FIRST_LINE + (spanned.referenced.line() as usize).saturating_sub(1)
}

/// Every key a page's front-matter may have. Which are required depends on the page.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFrontMatter {
    /// The page's title, as patients will search for it (required).
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// One plain sentence: what this is. Shown under the title, in listings and in search.
    pub summary: Option<String>,
    /// A condition's care level: `emergency`, `urgent`, `soon`, `routine` or `self_care`
    /// (`site.yaml`'s `care_levels` say what each tells the patient). Makes the page a condition.
    #[schemars(with = "Option<CareLevel>")]
    pub urgency: Option<Spanned<CareLevel>>,
    /// Other names patients may know it by.
    #[serde(default)]
    pub also_called: Vec<String>,
    /// What the patient may notice, in their words, one per item.
    #[serde(default)]
    pub symptoms: Vec<String>,
    /// Signs that mean: get help straight away (for a condition without `triage:` rules;
    /// a page with rules gets its care cards from them).
    #[serde(default)]
    pub red_flags: Vec<String>,
    /// Tests the patient may be offered.
    #[serde(default)]
    pub tests: Vec<String>,
    /// The decision tree: a topic's `questions`, `outcomes` and `otherwise` in its
    /// `_index.md`; a condition's rules, keyed by care level, in its own file.
    #[schemars(with = "Option<RawTriage>")]
    pub triage: Option<Spanned<RawTriage>>,
    /// Who checked the page and when: `{ by: "Name, role", on: YYYY-MM-DD, due: YYYY-MM-DD }`.
    pub reviewed: Option<RawReview>,
    /// Where the facts come from: NHS, ACOG, RCOG or similar patient pages.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Leave the page out of the site (the preview still shows it, marked as a draft).
    #[serde(default)]
    pub draft: bool,
    /// Orders pages with the same urgency in listings; lower first.
    pub weight: Option<i64>,
    /// A template to use instead of the default one for this kind of page.
    #[schemars(with = "Option<String>")]
    pub template: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReview {
    /// The name and role of the clinician who reviewed the page.
    #[schemars(with = "String")]
    pub by: Spanned<String>,
    /// The date they reviewed it: YYYY-MM-DD.
    #[schemars(with = "String")]
    pub on: Spanned<String>,
    /// When the next review is due (within a year): YYYY-MM-DD.
    #[schemars(with = "Option<String>")]
    pub due: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    /// The source page's title.
    pub title: String,
    /// Who publishes it: NHS, ACOG, RCOG…
    pub publisher: Option<String>,
    /// Its full address, starting with https://.
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    /// The language the source is written in, when it is not the page's.
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
}

/// A file split into front-matter and body.
pub(crate) struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `file` at its `---` fences.
pub(crate) fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
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

/// The JSON Schema of a page's front-matter, from [`RawFrontMatter`] and its doc
/// comments: what an editor's YAML extension completes and checks as an author types.
#[must_use]
pub(crate) fn schema() -> schemars::Schema {
    let mut schema = schemars::schema_for!(RawFrontMatter);
    schema.insert("title".into(), "careleaf page front-matter".into());
    schema
}

/// Reads the front-matter of `file`.
pub(crate) fn parse(file: &SourceFile, split: &Split<'_>) -> Result<RawFrontMatter, Diagnostic> {
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
pub(crate) fn lint(file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
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
