//! The `triage:` block of front-matter as authors write it: a topic's questions, topic
//! outcomes and `otherwise`; a condition's rules, keyed by care level (or `when:`, the
//! shorthand for rules at the page's own `urgency`). Read straight from YAML, with the line and
//! column of every id so that `triage::validate` can point at them; validating them
//! into a decision tree is `triage`'s job.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::care::CareLevel;
use crate::text;

/// The `triage:` block of a topic's `_index.md` or of a condition.
///
/// One struct for both so that unknown keys are caught in either place (a misspelt
/// care level gets a "did you mean"); `content::page` checks that a topic uses
/// `title`/`questions`/`outcomes`/`otherwise` and a condition its rules.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTriage {
    /// A topic's checker title: "Bleeding in early pregnancy: what should I do?".
    pub title: Option<String>,
    /// A topic's questions, asked in this order (each only when its answer can change the advice).
    pub questions: Option<Vec<RawQuestion>>,
    /// A topic's own outcomes: advice that belongs to no condition page, given when its rules hold.
    pub outcomes: Option<Vec<RawTopicOutcome>>,
    /// A topic's outcome when no rule holds: `{ urgency, advice }`.
    #[schemars(with = "Option<RawOutcome>")]
    pub otherwise: Option<Spanned<RawOutcome>>,
    /// A clinician's sign-off of the whole tree, bound to its meaning by `tree:`.
    #[schemars(with = "Option<RawTreeReview>")]
    pub reviewed: Option<Spanned<RawTreeReview>>,
    /// Rules at the page's own `urgency`.
    #[schemars(with = "Option<Vec<RawRuleEntry>>")]
    pub when: Option<Rules>,
    /// A condition's rules for calling the emergency number now: any entry may hold.
    #[schemars(with = "Option<Vec<RawRuleEntry>>")]
    pub emergency: Option<Rules>,
    /// A condition's rules for urgent, same-day care: any entry may hold.
    #[schemars(with = "Option<Vec<RawRuleEntry>>")]
    pub urgent: Option<Rules>,
    /// A condition's rules for care today or tomorrow: any entry may hold.
    #[schemars(with = "Option<Vec<RawRuleEntry>>")]
    pub soon: Option<Rules>,
    /// A condition's rules for mentioning it at the next appointment: any entry may hold.
    #[schemars(with = "Option<Vec<RawRuleEntry>>")]
    pub routine: Option<Rules>,
    /// A condition's rules for looking after oneself at home: any entry may hold.
    #[schemars(with = "Option<Vec<RawRuleEntry>>")]
    pub self_care: Option<Rules>,
}

/// `triage: { reviewed: { by, on, tree } }`: who reviewed every outcome of the tree,
/// when, and the fingerprint (`careleaf triage hash`) of the tree they reviewed.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTreeReview {
    /// The name and role of the clinician who read every outcome of the tree.
    pub by: String,
    /// The date of the review: YYYY-MM-DD.
    #[schemars(with = "String")]
    pub on: Spanned<String>,
    /// The fingerprint of the tree they reviewed (`careleaf triage hash`); a change to
    /// what the tree tells patients makes the review out of date.
    #[schemars(with = "Option<String>")]
    pub tree: Option<Spanned<String>>,
}

/// A list of rule entries: any entry matches (OR).
pub(crate) type Rules = Spanned<Vec<Spanned<RawRuleEntry>>>;

impl RawTriage {
    /// The rules written under a care level's key, most urgent first.
    pub fn by_level(&self) -> Vec<(CareLevel, &Rules)> {
        let keyed = [
            (CareLevel::Emergency, &self.emergency),
            (CareLevel::Urgent, &self.urgent),
            (CareLevel::Soon, &self.soon),
            (CareLevel::Routine, &self.routine),
            (CareLevel::SelfCare, &self.self_care),
        ];
        keyed
            .into_iter()
            .filter_map(|(level, rules)| rules.as_ref().map(|r| (level, r)))
            .collect()
    }

    /// Whether a condition's rules are written here (`when` or a level key).
    pub fn has_rules(&self) -> bool {
        self.when.is_some() || !self.by_level().is_empty()
    }
}

/// Advice that belongs to no condition page, given when its rules hold: "this guide is
/// for the first 12 weeks".
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTopicOutcome {
    /// The outcome's id, for `triage diff` and the review page.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Its rules: any entry may hold.
    #[schemars(with = "Vec<RawRuleEntry>")]
    pub when: Rules,
    /// Its care level.
    pub urgency: CareLevel,
    /// What it adds to the advice, in plain words.
    pub advice: String,
    /// What to do instead of the care level's action ("Call the maternity triage
    /// line now"), and whom to call.
    #[serde(default)]
    pub action: Option<RawAction>,
}

/// A topic outcome's own action: its words and the service its button calls.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    /// What to do, as the outcome says it.
    pub text: String,
    /// The id of the service (in `site.yaml`'s `services:`) its button calls.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub call: Option<Spanned<String>>,
}

/// One question of a topic's decision tree.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// The question's id, used in rules (`faint: yes`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The question as the patient reads it.
    pub ask: String,
    /// Its answers: `[yes, no]`, or `id: "Label"` pairs.
    #[schemars(with = "RawAnswers")]
    pub answers: Spanned<RawAnswers>,
    /// Offer "I'm not sure" (default true).
    #[serde(default = "yes")]
    pub unsure: bool,
    /// How a care card names this question's sign when a rule asks for its first
    /// answer (`yes`): "fainting, or feeling very dizzy or faint".
    #[serde(default)]
    pub sign: Option<String>,
}

fn yes() -> bool {
    true
}

/// The outcome when no condition matches.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    /// Its care level.
    pub urgency: CareLevel,
    /// What it adds to the advice, in plain words.
    pub advice: String,
}

/// A question's answers in authored order: `[yes, no]` (ids that are their own labels,
/// `yes`/`no` shown as "Yes"/"No") or `{ id: "Label", … }`, where a label may also be
/// `{ label: "Label", sign: "what a care card calls it" }`.
#[derive(Debug, Clone, Default)]
pub struct RawAnswers(pub Vec<RawAnswer>);

/// One answer: its id, label and, for care cards, its sign.
#[derive(Debug, Clone, Default)]
pub struct RawAnswer {
    pub id: String,
    pub label: String,
    pub sign: Option<String>,
}

/// An answer's label, or `{ label, sign }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawLabel {
    Label(String),
    WithSign(RawLabelWithSign),
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawLabelWithSign {
    label: String,
    sign: Option<String>,
}

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
                    let label = text::words_from_id(&id);
                    answers.push(RawAnswer {
                        id,
                        label,
                        sign: None,
                    });
                }
                Ok(RawAnswers(answers))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswers, A::Error> {
                let mut answers = Vec::new();
                while let Some((id, label)) = map.next_entry::<String, RawLabel>()? {
                    answers.push(match label {
                        RawLabel::Label(label) => RawAnswer {
                            id,
                            label,
                            sign: None,
                        },
                        RawLabel::WithSign(given) => RawAnswer {
                            id,
                            label: given.label,
                            sign: given.sign,
                        },
                    });
                }
                Ok(RawAnswers(answers))
            }
        }
        deserializer.deserialize_any(AnswersVisitor)
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

// The two shapes serde reads by hand, described for editors.
impl schemars::JsonSchema for RawAnswers {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answers".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The answers, in the order shown: a list of ids that are their own labels (`[yes, no]`), or `id: \"Label\"` pairs, where a label may be `{ label: \"Label\", sign: \"how a care card names it\" }`.",
            "anyOf": [
                { "type": "array", "items": { "type": "string" } },
                {
                    "type": "object",
                    "additionalProperties": {
                        "anyOf": [
                            { "type": "string" },
                            {
                                "type": "object",
                                "properties": {
                                    "label": { "type": "string", "description": "What the patient reads." },
                                    "sign": { "type": "string", "description": "How a care card names this answer's sign." }
                                },
                                "required": ["label"],
                                "additionalProperties": false
                            }
                        ]
                    }
                }
            ]
        })
    }
}

impl schemars::JsonSchema for RawRuleEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleEntry".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "One rule: `question_id: answer_id` pairs (or a list of answer ids); it holds when every question has one of its answers.",
            "type": "object",
            "additionalProperties": {
                "anyOf": [
                    { "type": "string" },
                    { "type": "array", "items": { "type": "string" } }
                ]
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_labels_are_readable() {
        assert_eq!(text::words_from_id("yes"), "Yes");
        assert_eq!(text::words_from_id("one_side"), "One side");
    }
}
