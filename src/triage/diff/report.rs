//! A [`TopicDiff`] for people: plain text for a terminal, workflow commands that
//! annotate the changed rule's line in a pull request, and JSON for tools.

use std::fmt::Write;

use super::{Groups, Place, Said, TopicDiff};
use crate::diagnostics::{workflow_data, workflow_property};

/// The diff of one topic in words.
pub(crate) fn text(topic: &str, diff: &TopicDiff) -> String {
    let mut out = String::new();
    if diff.is_empty() {
        let _ = writeln!(
            out,
            "{topic}: no change to what any patient is told ({} sets of answers compared)",
            diff.answer_sets
        );
        return out;
    }
    let changes = diff.care.len() + diff.listing.len() + diff.advice.len();
    let _ = writeln!(
        out,
        "{topic}: {} for patients ({} sets of answers compared)",
        crate::diagnostics::count(changes, "change"),
        diff.answer_sets
    );
    for change in &diff.care {
        let _ = writeln!(
            out,
            "\n{} for {}:",
            care_heading(change.before.as_ref(), change.now.as_ref(), change.lower),
            count_sets(change.groups.answer_sets)
        );
        let _ = writeln!(
            out,
            "  before: {}",
            said(change.before.as_ref(), "these answers could not be given")
        );
        let _ = writeln!(
            out,
            "  now:    {}",
            said(change.now.as_ref(), "these answers can no longer be given")
        );
        groups(&mut out, &change.groups);
    }
    for change in &diff.listing {
        let _ = writeln!(
            out,
            "\n“{}” is {} for {}:",
            change.condition,
            if change.listed_now {
                "now listed"
            } else {
                "no longer listed"
            },
            count_sets(change.groups.answer_sets)
        );
        groups(&mut out, &change.groups);
    }
    for change in &diff.advice {
        let heading = match (&change.before, &change.now) {
            (None, Some(now)) => format!("The advice “{now}” is now given"),
            (Some(before), None) => format!("The advice “{before}” is no longer given"),
            (Some(before), Some(now)) => format!("The advice “{before}” now reads “{now}”"),
            (None, None) => format!("The advice `{}` changed", change.outcome),
        };
        let _ = writeln!(
            out,
            "\n{heading} for {}:",
            count_sets(change.groups.answer_sets)
        );
        groups(&mut out, &change.groups);
    }
    if !diff.wording.is_empty() {
        let _ = writeln!(out, "\nWording:");
        for words in &diff.wording {
            let _ = writeln!(out, "  - {words}");
        }
    }
    out
}

/// The diff of one topic as GitHub workflow commands: one annotation per group, at the
/// line of the rule that gives its care now (else the one that gave it before); a
/// lowered care level is an error, every other change a notice. `path` turns a file
/// under the site's folder into a path from the repository's root.
pub(crate) fn github(topic: &str, diff: &TopicDiff, path: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut annotate = |kind: &str, title: &str, place: Option<&Place>, message: String| {
        let at = place.map_or_else(String::new, |p| {
            let line = if p.line > 0 {
                format!(",line={}", p.line)
            } else {
                String::new()
            };
            format!(" file={}{line},", workflow_property(&path(&p.file)))
        });
        let at = at.trim_end_matches(',');
        let _ = writeln!(
            out,
            "::{kind}{at}{}title={}::{}",
            if at.is_empty() { " " } else { "," },
            workflow_property(title),
            workflow_data(&message)
        );
    };
    for change in &diff.care {
        let title = format!(
            "{topic} — {}",
            care_heading(change.before.as_ref(), change.now.as_ref(), change.lower)
        );
        let kind = if change.lower { "error" } else { "notice" };
        for group in &change.groups.groups {
            let message = format!(
                "For {}: {}\nbefore: {}\nnow: {}",
                answers(group),
                count_sets(group.answer_sets),
                said(change.before.as_ref(), "these answers could not be given"),
                said(change.now.as_ref(), "these answers can no longer be given"),
            );
            annotate(
                kind,
                &title,
                group.now.as_ref().or(group.before.as_ref()),
                message,
            );
        }
    }
    for change in &diff.listing {
        let title = format!(
            "{topic} — “{}” is {}",
            change.condition,
            if change.listed_now {
                "now listed"
            } else {
                "no longer listed"
            }
        );
        for group in &change.groups.groups {
            annotate(
                "notice",
                &title,
                group.now.as_ref().or(group.before.as_ref()),
                format!("For {}", answers(group)),
            );
        }
    }
    for change in &diff.advice {
        let title = format!("{topic} — the advice `{}` changed", change.outcome);
        for group in &change.groups.groups {
            let message = format!(
                "For {}\nbefore: {}\nnow: {}",
                answers(group),
                change.before.as_deref().unwrap_or("(not given)"),
                change.now.as_deref().unwrap_or("(not given)")
            );
            annotate(
                "notice",
                &title,
                group.now.as_ref().or(group.before.as_ref()),
                message,
            );
        }
    }
    for words in &diff.wording {
        annotate("notice", &format!("{topic} — wording"), None, words.clone());
    }
    out
}

fn care_heading(before: Option<&Said>, now: Option<&Said>, lower: bool) -> &'static str {
    match (before, now) {
        _ if lower => "Care LOWERED (needs a clinician's sign-off)",
        (Some(b), Some(n)) if b.level == n.level && b.action == n.action => {
            "The number to call changed"
        }
        (Some(b), Some(n)) if b.level == n.level => "What to do changed",
        (Some(_), Some(_)) => "Care raised",
        (None, _) => "New answers",
        (_, None) => "Answers no longer offered",
    }
}

/// What a version tells the patient: "Urgent: Call 111 now (111, 24 hours a day)".
fn said(said: Option<&Said>, none: &str) -> String {
    let Some(s) = said else {
        return format!("({none})");
    };
    let mut words = format!("{}: {}", s.label, s.action);
    match (&s.phone, &s.hours) {
        (Some(phone), Some(hours)) => {
            let _ = write!(words, " ({phone}, {hours})");
        }
        (Some(phone), None) => {
            let _ = write!(words, " ({phone})");
        }
        _ => {}
    }
    words
}

fn groups(out: &mut String, groups: &Groups) {
    for group in &groups.groups {
        if group.answers.is_empty() {
            let _ = writeln!(out, "  - every set of answers");
        } else {
            let _ = writeln!(
                out,
                "  - when the answers are ({}):",
                count_sets(group.answer_sets)
            );
            for (ask, labels) in &group.answers {
                let _ = writeln!(out, "      {ask} → {}", labels.join(" or "));
            }
        }
        match (&group.now, &group.before) {
            (Some(now), Some(before)) if now == before => {
                let _ = writeln!(out, "    given by {now}");
            }
            (Some(now), Some(before)) => {
                let _ = writeln!(out, "    given now by {now}; before by {before}");
            }
            (Some(place), None) | (None, Some(place)) => {
                let _ = writeln!(out, "    given by {place}");
            }
            (None, None) => {}
        }
    }
    if groups.not_listed > 0 {
        let _ = writeln!(
            out,
            "  - and {} in groups too scattered to list",
            count_sets(groups.not_listed)
        );
    }
}

/// A group's answers by question text: "Have you fainted? No; Do you have pain? Pain
/// on one side or Severe pain", or "every set of answers".
fn answers(group: &super::Group) -> String {
    if group.answers.is_empty() {
        return "every set of answers".to_string();
    }
    group
        .answers
        .iter()
        .map(|(ask, labels)| format!("{ask} {}", labels.join(" or ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn count_sets(n: u128) -> String {
    if n == 1 {
        "1 set of answers".to_string()
    } else {
        format!("{n} sets of answers")
    }
}
