//! `careleaf new condition TOPIC/SLUG`: a new condition file with every field and a
//! comment on each. It starts as a draft, with its decision-tree rule commented out,
//! so nothing reaches patients until an author has filled it in and a clinician has
//! reviewed it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::Config;
use crate::content::walk;
use crate::diagnostics::{Diagnostic, Diagnostics, Failed, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// A condition with every field, as a draft: TOPIC/SLUG.
    Condition {
        target: String,
        /// The site folder, the one with site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
}

pub fn run(args: Args) -> ExitCode {
    let What::Condition { target, site } = args.what;
    let mut diagnostics = Diagnostics::default();
    let written = new_condition(&site, &target, &mut diagnostics);
    print(&diagnostics.into_sorted());
    match written {
        Ok(path) => {
            println!(
                "Wrote {} (a draft: fill it in, then remove `draft: true`)",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(Failed) => ExitCode::FAILURE,
    }
}

/// Writes `content/TOPIC/SLUG.md` in the site at `root`; returns its path.
pub fn new_condition(
    root: &Path,
    target: &str,
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
    let questions = topic_questions(
        root,
        &content_dir,
        &content_dir.join(topic).join("_index.md"),
    );
    let text = template(&title_from(slug), &questions, &today());
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, text));
    written.map_err(|e| {
        diagnostics.fail(Diagnostic::error(
            &path,
            format!("cannot write this file: {e}"),
        ))
    })?;
    Ok(path)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `subchorionic-haematoma` → `Subchorionic haematoma`.
fn title_from(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
            let answers: Vec<&str> = q
                .answers
                .value
                .0
                .iter()
                .map(|(id, _)| id.as_str())
                .collect();
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
# Signs that mean: get help straight away.
red_flags:
  - A warning sign
# Tests they may be offered.
tests: []
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
# Who checked it and when; the next review is due within a year.
reviewed: {{ by: "Name, role", on: {on}, due: {due} }}
# Where the facts come from: NHS, ACOG, RCOG or similar patient pages.
sources:
  - {{ title: "Page title", publisher: NHS, url: "https://www.nhs.uk/conditions/" }}
# A draft is left out of the site until you remove this line (preview: serve --drafts).
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
    fn titles_come_from_slugs() {
        assert_eq!(
            title_from("subchorionic-haematoma"),
            "Subchorionic haematoma"
        );
    }
}
