//! A clinician's sign-off of a decision tree, bound to exactly the tree they read.
//!
//! A topic's front-matter may say `triage: { reviewed: { by, on, tree: HASH } }`.
//! [`tree_hash`] is the fingerprint of the tree's patient-facing meaning: the questions
//! and answers as worded, the order they are asked in, every rule (by the question
//! text and answer labels it names), every outcome's level, action, number and
//! advice, and the conditions' titles; not ids, file names or layout. When the
//! recorded hash is the tree's, the review is current and the pages say who reviewed
//! it; when anything a patient can be told changed since, `check` warns at the
//! `reviewed:` line and the review page says the review is out of date.

use std::collections::BTreeMap;
use std::fmt::Write;

use sha2::{Digest, Sha256};

use crate::care::CareLevel;
use crate::config::{Call, Config};
use crate::content::{Page, frontmatter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::triage::CompiledTriage;
use crate::triage::compile::NodeKind;
use crate::triage::model::{Alternative, Triage};

/// A tree's recorded review and whether it is of the tree as it is now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TreeReview {
    pub by: String,
    pub on: String,
    /// The recorded fingerprint is this tree's.
    pub current: bool,
}

/// How many hexadecimal digits of the SHA-256 a fingerprint keeps: enough that a
/// change never goes unnoticed by chance, short enough to copy.
const DIGITS: usize = 16;

/// The interface strings of one language (the theme's `i18n/LANG.yaml`): the care
/// levels' labels are part of what a patient is told.
pub(crate) type Strings = BTreeMap<String, String>;

/// The fingerprint of `compiled`'s patient-facing meaning, in the words of `config`
/// and `strings` (the theme's, in the tree's language).
pub(crate) fn tree_hash(compiled: &CompiledTriage, config: &Config, strings: &Strings) -> String {
    let digest = Sha256::digest(meaning(compiled, config, strings).as_bytes());
    digest
        .iter()
        .take(DIGITS / 2)
        .fold(String::with_capacity(DIGITS), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// The tree's fingerprint: the one [`check_reviews`] worked out, else worked out now.
pub(crate) fn fingerprint(compiled: &CompiledTriage, config: &Config, strings: &Strings) -> String {
    compiled
        .fingerprint
        .clone()
        .unwrap_or_else(|| tree_hash(compiled, config, strings))
}

/// The tree's meaning as text, one fact per line: what [`tree_hash`] fingerprints.
pub(crate) fn meaning(compiled: &CompiledTriage, config: &Config, strings: &Strings) -> String {
    let t = &compiled.triage;
    let lang = t.lang.as_str();
    let mut out = String::from("careleaf decision tree 1\n");
    let _ = writeln!(out, "title {}", t.title);
    for level in CareLevel::ALL {
        let care = config.care_in(level, lang);
        let label = level.label_in(strings);
        let _ = writeln!(
            out,
            "level {} {label} | {} | {}",
            level.id(),
            care.action,
            call(care.call.as_ref())
        );
    }
    for (q, question) in t.questions.iter().enumerate() {
        let labels: Vec<&str> = question.answers.iter().map(|a| a.label.as_str()).collect();
        let _ = writeln!(
            out,
            "question {q} {} | {} | unsure {}",
            question.ask,
            labels.join(" | "),
            question.unsure
        );
    }
    for condition in &t.conditions {
        let _ = writeln!(
            out,
            "condition {} | {}",
            condition.title,
            condition.urgency.id()
        );
        for rule in &condition.rules {
            let _ = writeln!(out, "  rule {} {}", rule.level.id(), when(t, &rule.when));
        }
    }
    let services = config.services_in(lang);
    for outcome in &t.outcomes {
        let _ = writeln!(out, "outcome {} | {}", outcome.level.id(), outcome.advice);
        if let Some(action) = &outcome.action {
            let called = action.call.as_deref().and_then(|id| services.call(id));
            let _ = writeln!(out, "  action {} | {}", action.text, call(called.as_ref()));
        }
        for entry in &outcome.when {
            let _ = writeln!(out, "  when {}", when(t, entry));
        }
    }
    let _ = writeln!(
        out,
        "otherwise {} | {}",
        t.otherwise.level.id(),
        t.otherwise.advice
    );
    // The order questions are asked in, and where each answer leads: nodes numbered in
    // order of first visit from the start, so the numbering is not the compiler's.
    let diagram = &compiled.diagram;
    let mut number = vec![usize::MAX; diagram.nodes.len()];
    let mut order = Vec::new();
    let mut stack = vec![diagram.root];
    while let Some(node) = stack.pop() {
        if number[node] != usize::MAX {
            continue;
        }
        number[node] = order.len();
        order.push(node);
        if let NodeKind::Question {
            answers, unsure, ..
        } = &diagram.node(node).kind
        {
            stack.extend(answers.iter().chain(unsure).rev());
        }
    }
    for node in order {
        match &diagram.node(node).kind {
            NodeKind::Question {
                question,
                answers,
                unsure,
            } => {
                let next: Vec<String> = answers
                    .iter()
                    .chain(unsure)
                    .map(|&n| number[n].to_string())
                    .collect();
                let _ = writeln!(out, "ask {question} -> {}", next.join(" "));
            }
            NodeKind::Outcome(o) => {
                let action = o.action.map_or(-1, |a| a as i64);
                let _ = writeln!(out, "tell {} {action} {}", o.level.id(), o.cautious);
            }
        }
    }
    out
}

fn call(called: Option<&Call>) -> String {
    called.map_or_else(String::new, |c| {
        let closed = c
            .closed
            .as_deref()
            .map_or_else(String::new, |closed| call(Some(closed)));
        format!(
            "{} {} {} [{closed}]",
            c.name.as_deref().unwrap_or(""),
            c.phone,
            c.hours.as_deref().unwrap_or("")
        )
    })
}

/// A rule entry by question number and answer labels.
fn when(t: &Triage, entry: &Alternative) -> String {
    entry
        .iter()
        .map(|&(q, allowed)| {
            let labels: Vec<&str> = t.questions[q]
                .answers
                .iter()
                .enumerate()
                .filter(|(a, _)| allowed & (1 << a) != 0)
                .map(|(_, a)| a.label.as_str())
                .collect();
            format!("{q}={}", labels.join("/"))
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Fingerprints each tree ([`CompiledTriage::fingerprint`]), reads its `reviewed:` from
/// its topic page and checks the review against the tree:
/// a warning when the tree changed since (or when no `tree:` was recorded), so that
/// `build --deny-warnings` fails until a clinician reviews it again.
pub(crate) fn check_reviews<'s>(
    triages: &mut [CompiledTriage],
    pages: &[Page],
    config: &Config,
    strings_for: impl Fn(&str) -> &'s Strings,
    diagnostics: &mut Diagnostics,
) {
    for compiled in triages {
        let hash = tree_hash(compiled, config, strings_for(&compiled.triage.lang));
        compiled.fingerprint = Some(hash.clone());
        let Some(page) = pages
            .iter()
            .find(|p| p.content_path == compiled.triage.source)
        else {
            continue;
        };
        let Some(reviewed) = page.triage.as_ref().and_then(|t| t.value.reviewed.as_ref()) else {
            compiled.review = None;
            continue;
        };
        let r = &reviewed.value;
        let current = r.tree.as_ref().is_some_and(|t| t.value.trim() == hash);
        let at = frontmatter::location(&page.text, reviewed);
        if crate::dates::to_days(&r.on.value).is_none() {
            diagnostics.push(
                Diagnostic::error(&page.source, format!("`{}` is not a date", r.on.value))
                    .at(frontmatter::location(&page.text, &r.on))
                    .with_help("write the day of the review as YYYY-MM-DD, like `on: 2026-12-05`"),
            );
        }
        match &r.tree {
            None => diagnostics.push(
                Diagnostic::warning(&page.source, "this review does not say which tree was reviewed")
                    .at(at)
                    .with_help(format!("add `tree: {hash}` (what `careleaf triage hash` prints) once a clinician has read every outcome of this tree")),
            ),
            Some(_) if !current => diagnostics.push(
                Diagnostic::warning(
                    &page.source,
                    format!("the decision tree changed since it was reviewed on {}", r.on.value),
                )
                .at(at)
                .with_help(format!("have a clinician review it (its review page lists every outcome) and update `tree:` to `{hash}`")),
            ),
            Some(_) => {}
        }
        compiled.review = Some(TreeReview {
            by: r.by.clone(),
            on: r.on.value.clone(),
            current,
        });
    }
}
