//! Turning a topic's questions and outcomes and its conditions' rules (keyed by care
//! level, or `when:` at the page's own `urgency`) into a [`Triage`], with an error for
//! everything that would make the tree wrong: unknown or duplicate ids, a question with
//! fewer than two answers, a rule no answers can satisfy, a missing `otherwise`, an
//! `urgency` that is not the most urgent level a condition's rules reach. Every error
//! points at the line in the author's file.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use crate::config::Services;
use crate::content::frontmatter;
use crate::content::frontmatter::triage::{RawQuestion, RawRuleEntry, RawTopicOutcome, Rules};
use crate::content::{Page, PageKind};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::triage::model::{
    Action, Alternative, Answer, MAX_ACTIONS_PER_LEVEL, MAX_ANSWERS, Otherwise, Question, Rule,
    TopicOutcome, Triage, TriageCondition,
};

/// Builds the triage of `topic` from its `_index.md` and `conditions` (the topic's
/// condition pages in the same language). Returns `None` when the topic declares no
/// questions and no condition has rules.
/// `services` are `site.yaml`'s services, which a topic outcome's `action: { call }`
/// may name, and whose numbers alone its words may contain.
pub fn triage_for(
    topic: &Page,
    conditions: &[&Page],
    services: &Services,
    errors: &mut Diagnostics,
) -> Option<Triage> {
    let raw = topic.triage.as_ref();
    let with_rules: Vec<&Page> = conditions
        .iter()
        .copied()
        .filter(|c| c.triage.as_ref().is_some_and(|t| t.value.has_rules()))
        .collect();
    let Some(raw) = raw.filter(|r| r.value.questions.is_some()) else {
        for condition in with_rules {
            errors.push(
                Diagnostic::error(
                    &condition.source,
                    "this condition has triage rules, but its topic asks no questions",
                )
                .at(triage_location(condition))
                .with_help(format!(
                    "declare `triage: questions:` in {}",
                    topic.source.display()
                )),
            );
        }
        return None;
    };
    let before = errors.errors();
    let questions = questions(
        topic,
        raw.value.questions.as_deref().unwrap_or_default(),
        errors,
    );
    let otherwise = match &raw.value.otherwise {
        Some(o) => Otherwise {
            level: o.value.urgency,
            advice: o.value.advice.clone(),
            line: frontmatter::line(o),
        },
        None => {
            errors.push(
                Diagnostic::error(&topic.source, "the decision tree has no `otherwise` outcome")
                    .at(frontmatter::location(&topic.text, raw))
                    .with_help("add `otherwise: { urgency: soon, advice: \"…\" }` for answers that match no condition"),
            );
            Otherwise {
                level: crate::care::CareLevel::Soon,
                advice: String::new(),
                line: 0,
            }
        }
    };
    let outcomes = topic_outcomes(
        topic,
        raw.value.outcomes.as_deref().unwrap_or_default(),
        &questions,
        services,
        errors,
    );
    let mut triage_conditions = Vec::new();
    for page in with_rules {
        if let Some(c) = condition(page, &questions, errors) {
            triage_conditions.push(c);
        }
    }
    // Most urgent first, then by title: the order outcomes list conditions in.
    triage_conditions.sort_by(|a, b| (a.urgency, &a.title).cmp(&(b.urgency, &b.title)));
    if errors.errors() > before {
        return None;
    }
    Some(Triage {
        topic: topic.topic.clone().unwrap_or_default(),
        lang: topic.lang.clone(),
        title: raw
            .value
            .title
            .clone()
            .unwrap_or_else(|| topic.title.clone()),
        source: topic.content_path.clone(),
        questions,
        conditions: triage_conditions,
        outcomes,
        otherwise,
    })
}

fn questions(topic: &Page, raw: &[RawQuestion], errors: &mut Diagnostics) -> Vec<Question> {
    let mut seen = HashSet::new();
    let mut questions = Vec::with_capacity(raw.len());
    for q in raw {
        let at = frontmatter::location(&topic.text, &q.id);
        if !is_id(&q.id.value) {
            errors.push(
                Diagnostic::error(
                    &topic.source,
                    format!("`{}` is not a usable question id", q.id.value),
                )
                .at(at.clone())
                .with_help("use lower-case letters, digits and `_`, like `shoulder_pain`"),
            );
        }
        if !seen.insert(q.id.value.as_str()) {
            errors.push(
                Diagnostic::error(
                    &topic.source,
                    format!("the question id `{}` is used twice", q.id.value),
                )
                .at(at.clone())
                .with_help("give every question its own id"),
            );
        }
        let answers_at = frontmatter::location(&topic.text, &q.answers);
        let answers = &q.answers.value.0;
        if answers.len() < 2 {
            errors.push(
                Diagnostic::error(
                    &topic.source,
                    format!("the question `{}` has fewer than two answers", q.id.value),
                )
                .at(answers_at.clone())
                .with_help("give at least two answers, like `[yes, no]`"),
            );
        }
        if answers.len() > MAX_ANSWERS {
            errors.push(
                Diagnostic::error(
                    &topic.source,
                    format!(
                        "the question `{}` has more than {MAX_ANSWERS} answers",
                        q.id.value
                    ),
                )
                .at(answers_at.clone())
                .with_help("split it into several questions"),
            );
        }
        let mut answer_ids = HashSet::new();
        for id in answers.iter().map(|a| &a.id) {
            if !answer_ids.insert(id.as_str()) || id == "unsure" {
                let why = if id == "unsure" {
                    "is kept for \"I'm not sure\""
                } else {
                    "is used twice"
                };
                errors.push(
                    Diagnostic::error(
                        &topic.source,
                        format!("the answer id `{id}` of `{}` {why}", q.id.value),
                    )
                    .at(answers_at.clone())
                    .with_help("give every answer of a question its own id"),
                );
            }
        }
        questions.push(Question {
            id: q.id.value.clone(),
            ask: q.ask.clone(),
            answers: answers
                .iter()
                .map(|a| Answer {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    sign: a.sign.clone(),
                })
                .collect(),
            unsure: q.unsure,
            sign: q.sign.clone(),
        });
    }
    questions
}

fn condition(
    page: &Page,
    questions: &[Question],
    errors: &mut Diagnostics,
) -> Option<TriageCondition> {
    let triage = &page.triage.as_ref()?.value;
    let urgency = page.condition.as_ref()?.urgency;
    let by_level = match &triage.when {
        Some(when) => vec![(urgency, when)],
        None => triage.by_level(),
    };
    let mut rules = Vec::new();
    for (level, entries) in by_level {
        rules.extend(
            rule_list(page, entries, questions, errors)
                .into_iter()
                .map(|(when, line)| Rule { level, when, line }),
        );
    }
    if page
        .condition
        .as_ref()
        .is_some_and(|c| !c.red_flags.is_empty())
    {
        let at = page
            .text
            .lines()
            .position(|l| l.starts_with("red_flags:"))
            .map_or_else(
                || triage_location(page),
                |i| Location::in_text(&page.text, i + 1, 1, 9),
            );
        errors.push(
            Diagnostic::warning(&page.source, "`red_flags` is not shown on a page with triage rules")
                .at(at)
                .with_help("the page's care cards are written from its rules now, so the page and the checker say the same: remove `red_flags`, and give a question or answer a `sign:` to change how a card names it"),
        );
    }
    let reached = rules.iter().map(|r| r.level).min()?;
    if reached != urgency {
        errors.push(
            Diagnostic::error(
                &page.source,
                format!("`urgency: {urgency}` is not the most urgent level this condition's rules reach (`{reached}`)"),
            )
            .at(urgency_location(page))
            .with_help(format!(
                "the page's headline is its most urgent level: set `urgency: {reached}`, or move the `{reached}` rules under `{urgency}`"
            )),
        );
    }
    Some(TriageCondition {
        key: page.content_path.clone(),
        title: page.title.clone(),
        summary: page.summary.clone().unwrap_or_default(),
        path: page.url_path.clone(),
        urgency,
        rules,
    })
}

/// The entries of one list of rules, each with its line; an empty list is an error.
fn rule_list(
    page: &Page,
    entries: &Rules,
    questions: &[Question],
    errors: &mut Diagnostics,
) -> Vec<(Alternative, usize)> {
    if entries.value.is_empty() {
        errors.push(
            Diagnostic::error(
                &page.source,
                "this list of rules has no entries, so no answers lead to it",
            )
            .at(frontmatter::location(&page.text, entries))
            .with_help("add an entry like `- { pain: severe }`, or remove the key"),
        );
        return Vec::new();
    }
    entries
        .value
        .iter()
        .filter_map(|entry| {
            alternative(page, entry, questions, errors).map(|when| (when, frontmatter::line(entry)))
        })
        .collect()
}

/// The topic's own outcomes: advice that belongs to no condition page.
fn topic_outcomes(
    topic: &Page,
    raw: &[RawTopicOutcome],
    questions: &[Question],
    services: &Services,
    errors: &mut Diagnostics,
) -> Vec<TopicOutcome> {
    let numbers = services.numbers();
    let services = &services.ids();
    let mut seen = HashSet::new();
    let mut outcomes = Vec::with_capacity(raw.len());
    for o in raw {
        let id = &o.id.value;
        if !is_id(id) || !seen.insert(id.as_str()) {
            let why = if is_id(id) {
                "is used twice"
            } else {
                "is not a usable id"
            };
            errors.push(
                Diagnostic::error(&topic.source, format!("the outcome id `{id}` {why}"))
                    .at(frontmatter::location(&topic.text, &o.id))
                    .with_help("give every outcome its own id of lower-case letters, digits and `_`, like `after_12_weeks`"),
            );
        }
        let action = o.action.as_ref().map(|a| Action {
            text: a.text.clone(),
            call: a.call.as_ref().and_then(|call| {
                if services.contains(&call.value) {
                    return Some(call.value.clone());
                }
                let help = match did_you_mean(&call.value, services.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if services.is_empty() => format!(
                        "name the service in site.yaml first, like `services: {}: {{ name: \"…\", phone: \"…\" }}`",
                        call.value
                    ),
                    None => format!("the services in site.yaml are: {}", list(services.iter().map(String::as_str))),
                };
                errors.push(
                    Diagnostic::error(&topic.source, format!("there is no service `{}`", call.value))
                        .at(frontmatter::location(&topic.text, call))
                        .with_help(help),
                );
                None
            }),
        });
        if action.is_some()
            && outcomes
                .iter()
                .filter(|t: &&TopicOutcome| t.level == o.urgency && t.action.is_some())
                .count()
                >= MAX_ACTIONS_PER_LEVEL
        {
            errors.push(
                Diagnostic::error(
                    &topic.source,
                    format!("more than {MAX_ACTIONS_PER_LEVEL} outcomes at `{}` have an action of their own", o.urgency),
                )
                .at(frontmatter::location(&topic.text, &o.id))
                .with_help("let some of them use the care level's action (remove their `action:`)"),
            );
        }
        let words = [Some(&o.advice), o.action.as_ref().map(|a| &a.text)];
        for text in words.into_iter().flatten() {
            typed_numbers(topic, &o.id, text, &numbers, errors);
        }
        outcomes.push(TopicOutcome {
            id: id.clone(),
            level: o.urgency,
            advice: o.advice.clone(),
            when: rule_list(topic, &o.when, questions, errors)
                .into_iter()
                .map(|(when, _)| when)
                .collect(),
            action,
            line: frontmatter::line(&o.id),
        });
    }
    outcomes
}

/// An error for each phone number typed into a topic outcome's words that is not one
/// of the site's services': numbers come from `site.yaml`, so none goes stale.
fn typed_numbers(
    topic: &Page,
    id: &Spanned<String>,
    text: &str,
    numbers: &[String],
    errors: &mut Diagnostics,
) {
    for range in crate::phone::find_numbers(text) {
        let written = &text[range];
        if crate::phone::dialable(written).is_ok_and(|tel| numbers.contains(&tel)) {
            continue;
        }
        let from = frontmatter::location(&topic.text, id);
        let at = topic
            .text
            .lines()
            .enumerate()
            .skip(from.line.saturating_sub(1))
            .find_map(|(i, line)| {
                let column = line.find(written)?;
                let column = line[..column].chars().count() + 1;
                Some(Location::in_text(
                    &topic.text,
                    i + 1,
                    column,
                    written.chars().count(),
                ))
            })
            .unwrap_or(from);
        errors.push(
            Diagnostic::error(&topic.source, format!("`{written}` is not a number of this site's services"))
                .at(at)
                .with_help("leave the number out: the outcome's call button shows it (give the outcome `action: { text: \"…\", call: SERVICE }`), and name the service under `services:` in site.yaml"),
        );
    }
}

/// Where the page says `urgency:`.
fn urgency_location(page: &Page) -> Location {
    match page
        .text
        .lines()
        .position(|l| l.trim_start().starts_with("urgency:"))
    {
        Some(i) => Location::in_text(&page.text, i + 1, 1, 7),
        None => triage_location(page),
    }
}

fn alternative(
    page: &Page,
    entry: &Spanned<RawRuleEntry>,
    questions: &[Question],
    errors: &mut Diagnostics,
) -> Option<Alternative> {
    // Where things are is worked out only for a diagnostic: this runs for every rule.
    let entry_at = || frontmatter::location(&page.text, entry);
    if entry.value.0.is_empty() {
        errors.push(
            Diagnostic::error(
                &page.source,
                "this `when` entry is empty, so it would match every set of answers",
            )
            .at(entry_at())
            .with_help("name at least one question and its answers, like `{ faint: yes }`"),
        );
        return None;
    }
    let mut alt = Vec::new();
    let mut ok = true;
    for (question_id, answer_ids) in &entry.value.0 {
        let at = || locate_word(&page.text, &entry_at(), question_id);
        let Some(q) = questions.iter().position(|q| q.id == *question_id) else {
            let ids = questions.iter().map(|q| q.id.as_str());
            let help = match did_you_mean(question_id, ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "the questions are: {}",
                    list(questions.iter().map(|q| q.id.as_str()))
                ),
            };
            errors.push(
                Diagnostic::error(
                    &page.source,
                    format!("`{question_id}` is not a question of this topic"),
                )
                .at(at())
                .with_help(help),
            );
            ok = false;
            continue;
        };
        let question = &questions[q];
        if answer_ids.is_empty() {
            errors.push(
                Diagnostic::error(
                    &page.source,
                    format!(
                        "no answers are listed for `{question_id}`, so this entry can never match"
                    ),
                )
                .at(at())
                .with_help(format!(
                    "list one or more of: {}",
                    list(question.answers.iter().map(|a| a.id.as_str()))
                )),
            );
            ok = false;
            continue;
        }
        let mut allowed = 0u64;
        for answer_id in answer_ids {
            match question.answers.iter().position(|a| a.id == *answer_id) {
                Some(i) => allowed |= 1 << i,
                None => {
                    let ids = question.answers.iter().map(|a| a.id.as_str());
                    let help = match did_you_mean(answer_id, ids.clone()) {
                        Some(best) => format!(
                            "did you mean `{best}`? (answers of `{question_id}`: {})",
                            list(ids)
                        ),
                        None => format!("the answers of `{question_id}` are: {}", list(ids)),
                    };
                    errors.push(
                        Diagnostic::error(
                            &page.source,
                            format!("`{answer_id}` is not an answer of `{question_id}`"),
                        )
                        .at(locate_word(&page.text, &entry_at(), answer_id))
                        .with_help(help),
                    );
                    ok = false;
                }
            }
        }
        alt.push((q, allowed));
    }
    ok.then_some(alt)
}

fn triage_location(page: &Page) -> Location {
    match &page.triage {
        Some(t) => frontmatter::location(&page.text, t),
        None => Location::in_text(&page.text, 1, 1, 3),
    }
}

/// The location of `word` on or after `from`'s line (rule entries span one or a few
/// lines); `from` itself when it cannot be found.
fn locate_word(text: &str, from: &Location, word: &str) -> Location {
    for (i, line) in text.lines().enumerate().skip(from.line - 1).take(8) {
        let start = if i + 1 == from.line {
            from.column - 1
        } else {
            0
        };
        let chars: Vec<char> = line.chars().collect();
        let mut col = start;
        while col + word.chars().count() <= chars.len() {
            let candidate: String = chars[col..col + word.chars().count()].iter().collect();
            let before_ok = col == 0 || !is_id_char(chars[col - 1]);
            let after_ok = chars
                .get(col + word.chars().count())
                .is_none_or(|c| !is_id_char(*c));
            if candidate == word && before_ok && after_ok {
                return Location::in_text(text, i + 1, col + 1, word.chars().count());
            }
            col += 1;
        }
    }
    from.clone()
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every topic page in `pages` with its conditions, in page order.
pub fn topics_with_conditions(pages: &[Page]) -> Vec<(&Page, Vec<&Page>)> {
    let mut conditions: std::collections::HashMap<(&str, &str), Vec<&Page>> =
        std::collections::HashMap::new();
    for page in pages.iter().filter(|p| p.kind == PageKind::Condition) {
        if let Some(topic) = &page.topic {
            conditions
                .entry((page.lang.as_str(), topic.as_str()))
                .or_default()
                .push(page);
        }
    }
    pages
        .iter()
        .filter(|p| p.kind == PageKind::Topic)
        .map(|topic| {
            let key = (topic.lang.as_str(), topic.topic.as_deref().unwrap_or(""));
            (topic, conditions.remove(&key).unwrap_or_default())
        })
        .collect()
}
