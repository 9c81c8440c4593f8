//! `careleaf new condition TOPIC/SLUG`: a new condition file with every field and a
//! comment on each. It starts as a draft, with its decision-tree rule commented out,
//! so nothing reaches patients until an author has filled it in and a clinician has
//! reviewed it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::Config;
use crate::content::walk;
use crate::diagnostics::{Diagnostic, Diagnostics, Failed, print};
use crate::text;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// A condition with every field, as a draft: TOPIC/SLUG, like
    /// early-pregnancy-bleeding/subchorionic-haematoma.
    Condition {
        target: String,
        #[command(flatten)]
        site: crate::cmd::SiteArgs,
        /// Start a new topic TOPIC (writes its _index.md) instead of adding to one.
        #[arg(long)]
        new_topic: bool,
    },
}

pub fn run(args: Args) -> ExitCode {
    let What::Condition {
        target,
        site,
        new_topic,
    } = args.what;
    let mut diagnostics = Diagnostics::default();
    let written = new_condition(&site.dir, &target, new_topic, &mut diagnostics);
    print(&diagnostics.into_sorted());
    match written {
        Ok(path) => {
            println!(
                "Wrote {} (a draft: fill it in, then remove `draft: true`)",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(_) => ExitCode::FAILURE,
    }
}

/// Writes `content/TOPIC/SLUG.md` in the site at `root`; returns its path. TOPIC must
/// exist (a misspelt one gets a "did you mean"), unless `new_topic` says to start it.
pub fn new_condition(
    root: &Path,
    target: &str,
    new_topic: bool,
    diagnostics: &mut Diagnostics,
) -> Result<PathBuf, Failed> {
    let (topic, slug) = target
        .split_once('/')
        .filter(|(t, s)| is_slug(t) && is_slug(s))
        .ok_or_else(|| {
            diagnostics.fail(
                Diagnostic::error(
                    target,
                    "expected TOPIC/SLUG, like early-pregnancy-bleeding/subchorionic-haematoma",
                )
                .with_help("use lower-case letters, digits and `-` in both parts"),
            )
        })?;
    if let Some(taken) = [topic, slug]
        .into_iter()
        .find(|s| GENERATED_URLS.contains(s))
    {
        return Err(diagnostics.fail(
            Diagnostic::error(
                target,
                format!(
                    "`{taken}` is an address careleaf uses for its own pages (the checker, search)"
                ),
            )
            .with_help(format!("choose another name, like `{taken}-info`")),
        ));
    }
    let config = Config::load(root, diagnostics)?;
    let content_dir = config.content_dir(root);
    let path = content_dir.join(topic).join(format!("{slug}.md"));
    if path.exists() {
        return Err(diagnostics.fail(
            Diagnostic::error(
                crate::diagnostics::relative_to(&path, root),
                "this file already exists",
            )
            .with_help("choose another name, or edit the file"),
        ));
    }
    let index = content_dir.join(topic).join("_index.md");
    if !index.is_file() {
        if !new_topic {
            return Err(diagnostics.fail(no_such_topic(&content_dir, topic)));
        }
        write_file(
            &index,
            &topic_template(&text::words_from_id(topic)),
            diagnostics,
        )?;
    }
    let questions = topic_questions(root, &content_dir, &index);
    let text = template(&text::words_from_id(slug), &questions, &today());
    let text = match schema_line(root, &path, diagnostics)? {
        Some(line) => text.replacen("---\n", &format!("---\n{line}\n"), 1),
        None => text,
    };
    write_file(&path, &text, diagnostics)?;
    Ok(path)
}

/// The line that points an editor's YAML extension at the front-matter's schema, from
/// the new file at `path` to the site's `schemas/` (written there if missing); none
/// when the content is outside the site folder.
fn schema_line(
    root: &Path,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Option<String>, Failed> {
    use crate::cmd::schema::{SCHEMA_DIR, Which};
    let Some(depth) = path
        .parent()
        .and_then(|dir| dir.strip_prefix(root).ok())
        .map(|rel| rel.components().count())
    else {
        return Ok(None);
    };
    let name = Which::FrontMatter.file_name();
    let schema = root.join(SCHEMA_DIR).join(name);
    if !schema.exists() {
        write_file(&schema, &Which::FrontMatter.json(), diagnostics)?;
    }
    Ok(Some(format!(
        "# yaml-language-server: $schema={}{SCHEMA_DIR}/{name}",
        "../".repeat(depth)
    )))
}

fn write_file(path: &Path, text: &str, diagnostics: &mut Diagnostics) -> Result<(), Failed> {
    crate::cmd::write_file(path, text).map_err(|d| diagnostics.fail(d))
}

/// The error for a topic that has no `_index.md`: the closest topic, or the list.
fn no_such_topic(content_dir: &Path, topic: &str) -> Diagnostic {
    let mut topics: Vec<String> = std::fs::read_dir(content_dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("_index.md").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    topics.sort();
    // Close in spelling, or a topic whose name has this one as a word
    // (`bleeding` → `early-pregnancy-bleeding`).
    let suggestion = crate::diagnostics::did_you_mean(topic, topics.iter().map(String::as_str))
        .or_else(|| {
            topics
                .iter()
                .map(String::as_str)
                .find(|t| t.split('-').any(|word| word == topic) || t.contains(topic))
        })
        .map(|best| format!("did you mean `{best}`? "))
        .unwrap_or_default();
    let listed = topics
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::error(
        format!("content/{topic}"),
        format!("there is no topic `{topic}`"),
    )
    .with_help(format!(
        "{suggestion}The topics are: {listed}. To start a new topic, add --new-topic."
    ))
}

/// A new topic's `_index.md`: a title, a summary to write, and where its questions go.
fn topic_template(title: &str) -> String {
    format!(
        r#"---
title: {title}
# One plain sentence: what this topic is about. Shown on the home page.
summary: Write one plain sentence about this topic.
# The "What should I do?" checker: the questions, scope and red flags first, then
# the outcome when no rule matches. Remove the # signs to start it.
# triage:
#   title: {title} — what should I do?
#   questions:
#     - id: question_id
#       ask: A question the patient can answer?
#       answers: [yes, no]
#   otherwise: {{ urgency: soon, advice: "Get checked by your midwife or doctor." }}
---
What this topic covers, in plain words.
"#
    )
}

/// Names that are addresses of pages careleaf makes: `TOPIC/check/` (the checker and
/// its `review/`), `search/`, `404`. A page by one of these names would clash with
/// them (the build refuses two files at one address, too).
const GENERATED_URLS: &[&str] = &["check", "search", "review", "404"];

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The topic's questions as comment lines: `#     faint: yes | no`.
fn topic_questions(root: &Path, content_dir: &Path, index: &Path) -> Vec<String> {
    let Ok(source) = walk::read_one(index, root, content_dir) else {
        return Vec::new();
    };
    // A topic with errors still gives a usable file; the build reports the errors.
    let Ok(page) = crate::content::page::load(source, &[], &mut Diagnostics::default()) else {
        return Vec::new();
    };
    let Some(questions) = page.triage.and_then(|t| t.value.questions) else {
        return Vec::new();
    };
    questions
        .iter()
        .map(|q| {
            let answers: Vec<&str> = q.answers.value.0.iter().map(|a| a.id.as_str()).collect();
            format!("#     {}: {}", q.id.value, answers.join(" | "))
        })
        .collect()
}

/// Today as `YYYY-MM-DD`, and the same day next year.
fn today() -> (String, String) {
    let today = crate::dates::today();
    let next = crate::dates::next_year(&today);
    (today, next)
}

fn template(title: &str, questions: &[String], (on, due): &(String, String)) -> String {
    let questions = if questions.is_empty() {
        "#   (this topic's _index.md declares no questions yet)".to_string()
    } else {
        format!(
            "#   The topic's questions and their answers:\n{}",
            questions.join("\n")
        )
    };
    format!(
        r#"---
# The name patients know it by.
title: {title}
# One plain sentence: what it is. Shown in lists, search results and the checker.
summary: Write one plain sentence that says what this is.
# How soon someone who might have it should get care:
# emergency | urgent | soon | routine | self_care (site.yaml says what each means).
urgency: soon
# Other names patients may know it by.
also_called: []
# What the patient may notice, in their words, one per line.
symptoms:
  - A symptom, in plain words
# Signs that mean: get help straight away, for a page WITHOUT triage rules. A page
# with rules gets its care cards from them (one per level, naming each rule's signs),
# so leave this out once you write `triage:` below.
red_flags:
  - A warning sign
# Tests they may be offered.
tests: []
# Orders conditions of the same urgency in listings, lower first (default 0).
# weight: 0
# A template of the site's templates/ to use instead of condition.html.
# template: condition.html
# When the "What should I do?" checker points to this condition, per care level (as
# clinical guidance says: "call 999 if …; call the unit now if …"). Any entry of a
# level matches (OR); inside an entry, every question must have one of the answers
# given (AND). `urgency` above must be the most urgent level used here.
# Remove the # signs and use the topic's question and answer ids.
{questions}
# triage:
#   emergency:
#     - {{ question_id: answer_id }}
#   soon:
#     - {{ question_id: [answer_id, other_answer_id] }}
# A card names a rule by the answers' `sign:` phrases in the topic's _index.md
# (`one_side: {{ label: "Pain on one side", sign: "pain low down on one side" }}`).
# Who checked it (name and role, like "Dr A. Jones, obstetrician") and when; the next
# review is due within a year. careleaf check and build refuse the page until `by` is
# filled in and `draft: true` is gone.
reviewed: {{ by: "", on: {on}, due: {due} }}
# Where the facts come from: NHS, ACOG, RCOG or similar patient pages.
sources:
  - {{ title: "Page title", publisher: NHS, url: "https://www.nhs.uk/conditions/" }}
# A draft is left out of the site until you remove this line. The preview (careleaf
# serve) shows it; careleaf build --drafts builds it; careleaf check --drafts checks it.
draft: true
---
## What it is

## Symptoms

## When to get help

## What happens next
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_addresses_of_generated_pages_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for target in ["bleeding/check", "search/x", "bleeding/review"] {
            let mut diagnostics = Diagnostics::default();
            assert!(new_condition(dir.path(), target, true, &mut diagnostics).is_err());
            let said = diagnostics.into_sorted();
            assert!(
                said[0].message.contains("an address careleaf uses"),
                "{target}: {said:?}"
            );
        }
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing written"
        );
    }

    #[test]
    fn titles_come_from_slugs() {
        assert_eq!(
            text::words_from_id("subchorionic-haematoma"),
            "Subchorionic haematoma"
        );
    }
}
