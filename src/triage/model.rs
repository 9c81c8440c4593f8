//! The decision tree's vocabulary: care levels, questions, answers and rules, as the
//! authors write them in front-matter.
//!
//! The topic's `_index.md` declares the questions and the `otherwise` outcome; each
//! condition declares `triage.when`, the answers that point to it. These types are read
//! straight from YAML (with the line and column of every id, so checks can point at
//! them). Compiling them into a decision diagram is the job of `triage::compile`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// How soon the patient should get care, most urgent first.
///
/// The derived order is by declaration, so `Emergency < Urgent`; use
/// [`CareLevel::is_more_urgent_than`] instead of comparing by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareLevel {
    Emergency,
    Urgent,
    Soon,
    Routine,
    SelfCare,
}

impl CareLevel {
    /// Every level, most urgent first.
    pub const ALL: [CareLevel; 5] = [
        CareLevel::Emergency,
        CareLevel::Urgent,
        CareLevel::Soon,
        CareLevel::Routine,
        CareLevel::SelfCare,
    ];

    /// The id authors write in YAML, e.g. `self_care`.
    pub fn id(self) -> &'static str {
        match self {
            CareLevel::Emergency => "emergency",
            CareLevel::Urgent => "urgent",
            CareLevel::Soon => "soon",
            CareLevel::Routine => "routine",
            CareLevel::SelfCare => "self_care",
        }
    }

    pub fn is_more_urgent_than(self, other: CareLevel) -> bool {
        self < other
    }

    /// 0 for emergency, 4 for self care: the position in a list sorted by urgency.
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl fmt::Display for CareLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The `triage:` block of a topic's `_index.md` or of a condition.
///
/// One struct for both so that unknown keys are caught in either place; `content::page`
/// checks that a topic uses `title`/`questions`/`otherwise` and a condition uses `when`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTriage {
    pub title: Option<String>,
    pub questions: Option<Vec<RawQuestion>>,
    pub otherwise: Option<RawOutcome>,
    pub when: Option<Vec<Spanned<RawRuleEntry>>>,
}

/// One question of a topic's decision tree.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub ask: String,
    pub answers: Spanned<RawAnswers>,
    /// Offer "I'm not sure" (default true).
    #[serde(default = "yes")]
    pub unsure: bool,
}

fn yes() -> bool {
    true
}

/// The outcome when no condition matches.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub urgency: CareLevel,
    pub advice: String,
}

/// A question's answers in authored order: `[yes, no]` (ids that are their own labels,
/// `yes`/`no` shown as "Yes"/"No") or `{ id: "Label", … }`.
#[derive(Debug, Clone, Default)]
pub struct RawAnswers(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for RawAnswers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswersVisitor;
        impl<'de> Visitor<'de> for AnswersVisitor {
            type Value = RawAnswers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of answer ids like `[yes, no]` or a map of `id: \"Label\"`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawAnswers, A::Error> {
                let mut answers = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    let label = default_label(&id);
                    answers.push((id, label));
                }
                Ok(RawAnswers(answers))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswers, A::Error> {
                let mut answers = Vec::new();
                while let Some((id, label)) = map.next_entry::<String, String>()? {
                    answers.push((id, label));
                }
                Ok(RawAnswers(answers))
            }
        }
        deserializer.deserialize_any(AnswersVisitor)
    }
}

/// "yes" → "Yes", "one_side" → "One side".
fn default_label(id: &str) -> String {
    let text = id.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// One alternative of a condition's `when`: every question listed must have one of
/// the answers given (AND); the alternatives of a `when` are ORed.
#[derive(Debug, Clone, Default)]
pub struct RawRuleEntry(pub Vec<(String, Vec<String>)>);

impl<'de> Deserialize<'de> for RawRuleEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = RawRuleEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of question id to an answer id or a list of answer ids, like `{ pain: [one_side, severe] }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRuleEntry, A::Error> {
                let mut entry = Vec::new();
                while let Some((question, answers)) = map.next_entry::<String, OneOrMany>()? {
                    entry.push((question, answers.0));
                }
                Ok(RawRuleEntry(entry))
            }
        }
        deserializer.deserialize_map(EntryVisitor)
    }
}

/// `answer` or `[answer, answer]`.
struct OneOrMany(Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer id or a list of answer ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut all = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    all.push(id);
                }
                Ok(OneOrMany(all))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn care_levels_order_most_urgent_first() {
        assert!(CareLevel::Emergency.is_more_urgent_than(CareLevel::Urgent));
        assert!(CareLevel::Soon.is_more_urgent_than(CareLevel::SelfCare));
        assert!(!CareLevel::Routine.is_more_urgent_than(CareLevel::Routine));
    }

    #[test]
    fn default_labels_are_readable() {
        assert_eq!(default_label("yes"), "Yes");
        assert_eq!(default_label("one_side"), "One side");
    }
}

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
