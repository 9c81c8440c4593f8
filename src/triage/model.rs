//! The decision tree's validated model: questions, answers, conditions with their
//! rules as indices, and outcomes.
//!
//! Authors write the tree in front-matter (read as `content::frontmatter::triage`'s raw
//! types); `triage::validate` turns those into a [`Triage`] that cannot be invalid.
//! Compiling it into a decision diagram is the job of `triage::compile`.

use crate::care::CareLevel;

/// A validated decision tree for one topic: questions in authored order, the
/// conditions with their rules as indices, and the outcome when nothing matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    /// The topic folder, e.g. `early-pregnancy-bleeding`.
    pub topic: String,
    pub lang: String,
    pub title: String,
    pub questions: Vec<Question>,
    pub conditions: Vec<TriageCondition>,
    pub otherwise: Otherwise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub ask: String,
    pub answers: Vec<Answer>,
    /// Whether "I'm not sure" is offered.
    pub unsure: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: String,
    pub label: String,
}

/// A condition as the decision tree sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageCondition {
    /// Its file under `content/`, e.g. `early-pregnancy-bleeding/miscarriage.md`.
    pub key: String,
    pub title: String,
    pub summary: String,
    /// URL path relative to the base path.
    pub path: String,
    pub urgency: CareLevel,
    /// Any alternative matches; inside one, every `(question, allowed answers)` holds.
    pub when: Vec<Alternative>,
}

/// One entry of a `when`: per question index, the set of allowed answers as a bit mask.
pub type Alternative = Vec<(usize, AnswerSet)>;

/// A set of answer indices of one question (bit `i` is answer `i`).
pub type AnswerSet = u64;

/// The most answers a question may have (the width of [`AnswerSet`]).
pub const MAX_ANSWERS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Otherwise {
    pub level: CareLevel,
    pub advice: String,
}

/// What the patient is told: a care level and the conditions it could be (in the
/// triage's condition order, which is most urgent first), never a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Outcome {
    pub level: CareLevel,
    /// Indices into [`Triage::conditions`].
    pub conditions: Vec<usize>,
    /// True when a set of answers that matches no condition leads here, so the
    /// `otherwise` advice applies.
    pub otherwise: bool,
}

impl Question {
    /// A question `id?` whose answers are their own labels, offering "I'm not sure":
    /// for tests and benchmarks.
    pub fn simple(id: &str, answers: &[&str]) -> Question {
        Question {
            id: id.to_string(),
            ask: format!("{id}?"),
            answers: answers
                .iter()
                .map(|a| Answer {
                    id: (*a).to_string(),
                    label: (*a).to_string(),
                })
                .collect(),
            unsure: true,
        }
    }
}

impl Triage {
    /// Evaluates the rules directly for one full set of answers (one answer index per
    /// question). This is the meaning the compiled diagram must agree with.
    pub fn evaluate(&self, answers: &[usize]) -> Outcome {
        let conditions: Vec<usize> = self
            .conditions
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.when.iter().any(|alt| {
                    alt.iter()
                        .all(|&(q, allowed)| allowed & (1 << answers[q]) != 0)
                })
            })
            .map(|(i, _)| i)
            .collect();
        let level = conditions
            .iter()
            .map(|&i| self.conditions[i].urgency)
            .min()
            .unwrap_or(self.otherwise.level);
        Outcome {
            level,
            otherwise: conditions.is_empty(),
            conditions,
        }
    }

    /// How many full sets of answers there are.
    pub fn answer_sets(&self) -> u128 {
        self.questions
            .iter()
            .map(|q| q.answers.len() as u128)
            .product()
    }
}

impl Outcome {
    /// The outcome for a patient whose answers could be any of `outcomes`: the most
    /// urgent level any of them reaches, with every condition that leads there.
    pub fn most_urgent<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Option<Outcome> {
        let mut result: Option<Outcome> = None;
        for o in outcomes {
            match &mut result {
                None => result = Some(o.clone()),
                Some(r) if o.level < r.level => *r = o.clone(),
                Some(r) if o.level == r.level => {
                    r.conditions.extend(&o.conditions);
                    r.conditions.sort_unstable();
                    r.conditions.dedup();
                    r.otherwise |= o.otherwise;
                }
                Some(_) => {}
            }
        }
        result
    }
}
