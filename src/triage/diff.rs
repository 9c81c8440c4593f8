//! What a change to a topic's rules does to patients: every group of answers whose
//! care level, listed conditions or topic advice differ between two versions of a
//! decision tree.
//!
//! The two versions are compared over every full set of answers to the questions of
//! either: a question only one version asks is ignored by the other, and an answer id
//! only one version has (added, or renamed) is an answer set the other cannot be given.
//! Answer sets that changed the same way are merged into as few groups as a clinician
//! can read: where a group holds every answer to a question, that question is left out
//! of its description ("whatever the answer").

use std::collections::BTreeMap;

use crate::care::CareLevel;
use crate::triage::model::Triage;
use crate::triage::translation::untranslated;

/// The most answer sets a diff compares; past it, it says so rather than run for long.
pub const MAX_ANSWER_SETS: u128 = 2_000_000;

/// What one version tells a patient for one set of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    pub level: CareLevel,
    /// The conditions listed, as (file without language, title), in file order.
    pub conditions: Vec<(String, String)>,
    /// The ids of the topic outcomes whose advice is given.
    pub advice: Vec<String>,
}

/// How the advice for some answers changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The care level before and after; `None` where that version cannot be given
    /// these answers (an answer it does not have).
    pub old: Option<CareLevel>,
    pub new: Option<CareLevel>,
    /// Titles of the conditions listed now and not before, and before and not now.
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Ids of the topic outcomes whose advice is given now and not before, and before
    /// and not now.
    pub advice_added: Vec<String>,
    pub advice_removed: Vec<String>,
}

impl Change {
    fn between(old: Option<&Told>, new: Option<&Told>) -> Change {
        let names = |from: Option<&Told>, not_in: Option<&Told>| match (from, not_in) {
            (Some(from), Some(not_in)) => from
                .conditions
                .iter()
                .filter(|c| !not_in.conditions.iter().any(|n| n.0 == c.0))
                .map(|c| c.1.clone())
                .collect(),
            _ => Vec::new(),
        };
        let advice = |from: Option<&Told>, not_in: Option<&Told>| match (from, not_in) {
            (Some(from), Some(not_in)) => from
                .advice
                .iter()
                .filter(|a| !not_in.advice.contains(a))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        Change {
            old: old.map(|t| t.level),
            new: new.map(|t| t.level),
            added: names(new, old),
            removed: names(old, new),
            advice_added: advice(new, old),
            advice_removed: advice(old, new),
        }
    }

    /// The care level went down: over-triage is harm too, but a lower level needs a
    /// clinician's explicit sign-off.
    pub fn is_lower(&self) -> bool {
        matches!((self.old, self.new), (Some(old), Some(new)) if old.is_more_urgent_than(new))
    }
}

/// Answer sets that changed the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// (question id, answer labels) of each question the group is narrowed by, in the
    /// order of the questions; empty for "every set of answers".
    pub answers: Vec<(String, String)>,
    pub change: Change,
}

impl Group {
    pub fn is_lower(&self) -> bool {
        self.change.is_lower()
    }
}

/// How a topic's tree changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicDiff {
    /// Every full set of answers compared.
    pub answer_sets: u128,
    pub groups: Vec<Group>,
}

/// One question of both versions: its id, its answers (the new version's first, then
/// any only the old one has) as (id, label), and where it is in each version.
struct Joint {
    id: String,
    answers: Vec<(String, String)>,
    /// Per joint answer: its index in the old / new version's question, if it has it.
    old: Option<(usize, Vec<Option<usize>>)>,
    new: Option<(usize, Vec<Option<usize>>)>,
}

/// Compares two versions of a topic's tree, or says why it cannot.
pub fn diff(old: &Triage, new: &Triage) -> Result<TopicDiff, String> {
    let joint = joint_questions(old, new);
    let answer_sets = joint
        .iter()
        .map(|q| q.answers.len() as u128)
        .try_fold(1u128, u128::checked_mul)
        .unwrap_or(u128::MAX);
    if answer_sets > MAX_ANSWER_SETS {
        return Err(format!(
            "the two versions have {answer_sets} sets of answers between them, more than the {MAX_ANSWER_SETS} a diff compares"
        ));
    }
    // Answer sets are grouped by how they changed (the levels, and the conditions
    // added and removed), not by all they list: so a change reads as one group.
    let mut changed: BTreeMap<Change, Vec<Vec<u64>>> = BTreeMap::new();
    let mut answers = vec![0usize; joint.len()];
    loop {
        let before = told(old, &joint, &answers, |q| q.old.as_ref());
        let after = told(new, &joint, &answers, |q| q.new.as_ref());
        if before != after {
            changed
                .entry(Change::between(before.as_ref(), after.as_ref()))
                .or_default()
                .push(answers.iter().map(|&a| 1u64 << a).collect());
        }
        if !next(&mut answers, &joint) {
            break;
        }
    }
    let mut groups = Vec::new();
    for (change, cubes) in changed {
        for cube in merge(cubes, &joint) {
            let answers = cube
                .iter()
                .zip(&joint)
                .filter(|(mask, q)| mask.count_ones() as usize != q.answers.len())
                .map(|(mask, q)| {
                    let labels: Vec<&str> = (0..q.answers.len())
                        .filter(|a| mask & (1 << a) != 0)
                        .map(|a| q.answers[a].1.as_str())
                        .collect();
                    (q.id.clone(), labels.join(" / "))
                })
                .collect();
            groups.push(Group {
                answers,
                change: change.clone(),
            });
        }
    }
    // Lowered care first, then by how urgent the new advice is.
    groups.sort_by_key(|g| (!g.is_lower(), g.change.new));
    Ok(TopicDiff {
        answer_sets,
        groups,
    })
}

fn joint_questions(old: &Triage, new: &Triage) -> Vec<Joint> {
    let mut joint: Vec<Joint> = Vec::new();
    for question in new.questions.iter().chain(&old.questions) {
        let at = match joint.iter().position(|j| j.id == question.id) {
            Some(at) => at,
            None => {
                joint.push(Joint {
                    id: question.id.clone(),
                    answers: Vec::new(),
                    old: None,
                    new: None,
                });
                joint.len() - 1
            }
        };
        let answers = &mut joint[at].answers;
        for answer in &question.answers {
            if !answers.iter().any(|(id, _)| *id == answer.id) {
                answers.push((answer.id.clone(), answer.label.clone()));
            }
        }
    }
    for j in &mut joint {
        j.old = place(old, &j.id, &j.answers);
        j.new = place(new, &j.id, &j.answers);
    }
    joint
}

/// Where the joint question `id` is in one version: its index there and, per joint
/// answer, that answer's index there; `None` when that version does not ask it.
fn place(
    triage: &Triage,
    id: &str,
    answers: &[(String, String)],
) -> Option<(usize, Vec<Option<usize>>)> {
    let qi = triage.questions.iter().position(|q| q.id == id)?;
    let question = &triage.questions[qi];
    let map = answers
        .iter()
        .map(|(id, _)| question.answers.iter().position(|a| a.id == *id))
        .collect();
    Some((qi, map))
}

/// What `triage` (one version) tells a patient who gave `answers` (per joint
/// question), or `None` when one of them is not an answer that version has.
fn told(
    triage: &Triage,
    joint: &[Joint],
    answers: &[usize],
    version: impl Fn(&Joint) -> Option<&(usize, Vec<Option<usize>>)>,
) -> Option<Told> {
    let mut own = vec![0usize; triage.questions.len()];
    for (q, &a) in joint.iter().zip(answers) {
        if let Some((qi, map)) = version(q) {
            own[*qi] = map[a]?;
        }
    }
    let outcome = triage.evaluate(&own);
    Some(Told {
        level: outcome.level,
        conditions: outcome
            .conditions
            .iter()
            .map(|&c| {
                let c = &triage.conditions[c];
                (untranslated(&c.key, &triage.lang), c.title.clone())
            })
            .collect(),
        advice: outcome
            .advice
            .iter()
            .map(|&o| triage.outcomes[o].id.clone())
            .collect(),
    })
}

/// The next full set of answers, the last question fastest; false after the last.
fn next(answers: &mut [usize], joint: &[Joint]) -> bool {
    for q in (0..answers.len()).rev() {
        answers[q] += 1;
        if answers[q] < joint[q].answers.len() {
            return true;
        }
        answers[q] = 0;
    }
    false
}

/// Merges answer sets into groups: sets that differ in only one question become one
/// set with the answers of both to that question, question by question until nothing
/// merges. Each group is a set of answers per question (a bit mask).
fn merge(mut cubes: Vec<Vec<u64>>, joint: &[Joint]) -> Vec<Vec<u64>> {
    loop {
        let before = cubes.len();
        for q in 0..joint.len() {
            let mut by_rest: BTreeMap<Vec<u64>, u64> = BTreeMap::new();
            for cube in &cubes {
                let mut rest = cube.clone();
                rest[q] = 0;
                *by_rest.entry(rest).or_default() |= cube[q];
            }
            cubes = by_rest
                .into_iter()
                .map(|(mut rest, answers)| {
                    rest[q] = answers;
                    rest
                })
                .collect();
        }
        if cubes.len() == before {
            return cubes;
        }
    }
}

/// A diff in plain words, one line per group:
/// `faint: No; pain: Pain low down on one side: emergency → urgent (LOWER)`.
pub fn describe(topic: &str, diff: &TopicDiff) -> String {
    let mut out = format!(
        "{topic}: {} ({} sets of answers compared)\n",
        match diff.groups.len() {
            0 => "no change to what any patient is told".to_string(),
            1 => "1 group of answers changed".to_string(),
            n => format!("{n} groups of answers changed"),
        },
        diff.answer_sets
    );
    for group in &diff.groups {
        let answers = if group.answers.is_empty() {
            "every set of answers".to_string()
        } else {
            group
                .answers
                .iter()
                .map(|(q, a)| format!("{q}: {a}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let change = &group.change;
        let old = change.old.map_or("(not an answer before)", CareLevel::id);
        let new = change.new.map_or("(no longer an answer)", CareLevel::id);
        let mut line = format!("  {answers}: {old} → {new}");
        if change.is_lower() {
            line.push_str(" (LOWER)");
        }
        if !change.added.is_empty() {
            line.push_str(&format!("; now lists {}", change.added.join(", ")));
        }
        if !change.removed.is_empty() {
            line.push_str(&format!("; no longer lists {}", change.removed.join(", ")));
        }
        if !change.advice_added.is_empty() {
            line.push_str(&format!("; now advises {}", change.advice_added.join(", ")));
        }
        if !change.advice_removed.is_empty() {
            line.push_str(&format!(
                "; no longer advises {}",
                change.advice_removed.join(", ")
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}
