//! The decision tree's validated model: questions, answers, conditions with their
//! rules as indices, and outcomes.
//!
//! Authors write the tree in front-matter (read as `content::frontmatter::triage`'s raw
//! types); `triage::validate` turns those into a [`Triage`] that cannot be invalid.
//! Compiling it into a decision diagram is the job of `triage::compile`.

use crate::care::CareLevel;

/// A validated decision tree for one topic: questions in authored order, the
/// conditions and topic outcomes with their rules as indices, and the outcome when no
/// rule holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    /// The topic folder, e.g. `early-pregnancy-bleeding`.
    pub topic: String,
    pub lang: String,
    pub title: String,
    /// The topic's file under `content/` (`early-pregnancy-bleeding/_index.md`), where
    /// its questions, outcomes and `otherwise` are written.
    pub source: String,
    pub questions: Vec<Question>,
    /// Most urgent first (by each page's `urgency`), then by title.
    pub conditions: Vec<TriageCondition>,
    pub outcomes: Vec<TopicOutcome>,
    pub otherwise: Otherwise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub ask: String,
    pub answers: Vec<Answer>,
    /// Whether "I'm not sure" is offered.
    pub unsure: bool,
    /// How a care card names the sign its first answer (`yes`) stands for.
    pub sign: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: String,
    pub label: String,
    /// How a care card names this answer ("pain low down on one side of your tummy").
    pub sign: Option<String>,
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
    /// The page's headline: the most urgent level its rules reach.
    pub urgency: CareLevel,
    /// The condition matches at the most urgent level whose rule holds.
    pub rules: Vec<Rule>,
}

/// Advice that belongs to no condition page ("this guide is for the first 12
/// weeks"): it applies at `level` when one of its entries holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicOutcome {
    pub id: String,
    pub level: CareLevel,
    pub advice: String,
    pub when: Vec<Alternative>,
    /// What the patient is told to do instead of the level's action, when it applies.
    pub action: Option<Action>,
    /// The line of its `id:` in the topic's file (0 where a tree was not read from one).
    pub line: usize,
}

/// A topic outcome's own action: "Call the maternity triage line now", and the
/// service (an id of `site.yaml`'s `services:`) its button calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub text: String,
    pub call: Option<String>,
}

/// The most topic outcomes with their own `action:` at one care level.
pub(crate) const MAX_ACTIONS_PER_LEVEL: usize = 7;

/// One entry of a condition's rules: when it holds, the condition matches at `level`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub level: CareLevel,
    pub when: Alternative,
    /// The entry's line in its condition's file (0 where a tree was not read from one).
    pub line: usize,
}

/// One entry of a rule list: per question index, the set of allowed answers as a bit
/// mask. Every `(question, allowed answers)` must hold (AND).
pub type Alternative = Vec<(usize, AnswerSet)>;

/// A set of answer indices of one question (bit `i` is answer `i`).
pub(crate) type AnswerSet = u64;

/// The most answers a question may have (the width of [`AnswerSet`]).
pub(crate) const MAX_ANSWERS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Otherwise {
    pub level: CareLevel,
    pub advice: String,
    /// The line of `otherwise:` in the topic's file (0 where a tree was not read from one).
    pub line: usize,
}

/// What the patient is told where asking stops: a care level, whose action (the
/// level's or a topic outcome's), and whether an "I'm not sure" made it cautious.
///
/// This is all a page of the tree is: what else the page says (why, the conditions
/// that can need this care, the advice) is what every way of reaching it shares
/// (`emit::shared`), so the pages grow with the diagram, never with the paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Outcome {
    pub level: CareLevel,
    /// The topic outcome (index into [`Triage::outcomes`]) whose `action:` replaces
    /// the level's.
    pub action: Option<usize>,
    /// An "I'm not sure" on the way here raised the level: some answer to it would
    /// have given a less urgent one.
    pub cautious: bool,
}

/// What the rules say for one full set of answers: the outcome, and everything
/// that holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub level: CareLevel,
    pub action: Option<usize>,
    /// Indices into [`Triage::conditions`] of the conditions whose rules hold.
    pub conditions: Vec<usize>,
    /// Indices into [`Triage::outcomes`] whose advice applies at this level.
    pub advice: Vec<usize>,
    /// No rule holds, so the `otherwise` advice applies.
    pub otherwise: bool,
    /// The answers that led to this level: (question, answer) of every entry at this
    /// level that holds.
    pub reasons: Vec<(usize, usize)>,
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
                    sign: None,
                })
                .collect(),
            unsure: true,
            sign: None,
        }
    }
}

impl TriageCondition {
    /// A condition `name` (file `name.md`, titled `name`) with these rules, whose
    /// urgency is the most urgent level they reach: for tests and benchmarks.
    pub fn simple(name: &str, rules: Vec<Rule>) -> TriageCondition {
        TriageCondition {
            key: format!("{name}.md"),
            title: name.to_string(),
            summary: String::new(),
            path: format!("{name}/"),
            urgency: rules
                .iter()
                .map(|r| r.level)
                .min()
                .unwrap_or(CareLevel::Soon),
            rules,
        }
    }
}

/// What is known of one question's answer: given, or any (not asked, "I'm not sure").
pub(crate) type Known = Option<usize>;

/// Whether an entry holds for what is known of the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holds {
    /// For every answer to the questions not known.
    Surely,
    /// For some.
    Possibly,
    Never,
}

/// Whether `entry` holds for what is known of the answers: `known(q)` is question
/// `q`'s answer, if known.
pub(crate) fn holds(entry: &Alternative, known: impl Fn(usize) -> Known) -> Holds {
    let mut surely = true;
    for &(q, allowed) in entry {
        match known(q) {
            Some(a) if allowed & (1 << a) == 0 => return Holds::Never,
            Some(_) => {}
            None => surely = false,
        }
    }
    if surely {
        Holds::Surely
    } else {
        Holds::Possibly
    }
}

impl Triage {
    /// Every rule of the tree as (level, entry): the conditions' and the topic
    /// outcomes'.
    pub fn entries(&self) -> impl Iterator<Item = (CareLevel, &Alternative)> {
        let conditions = self
            .conditions
            .iter()
            .flat_map(|c| c.rules.iter().map(|r| (r.level, &r.when)));
        let outcomes = self
            .outcomes
            .iter()
            .flat_map(|o| o.when.iter().map(move |w| (o.level, w)));
        conditions.chain(outcomes)
    }

    /// Evaluates the rules directly for one full set of answers (one answer index per
    /// question). This is the meaning the compiled diagram must agree with.
    pub fn evaluate(&self, answers: &[usize]) -> Evaluation {
        let matches = |when: &Alternative| holds(when, |q| Some(answers[q])) == Holds::Surely;
        let mut level: Option<CareLevel> = None;
        let mut conditions = Vec::new();
        for (i, c) in self.conditions.iter().enumerate() {
            if let Some(at) = c
                .rules
                .iter()
                .filter(|r| matches(&r.when))
                .map(|r| r.level)
                .min()
            {
                conditions.push(i);
                level = Some(level.map_or(at, |l| l.min(at)));
            }
        }
        let mut matched_outcomes = Vec::new();
        for (i, o) in self.outcomes.iter().enumerate() {
            if o.when.iter().any(matches) {
                matched_outcomes.push(i);
                level = Some(level.map_or(o.level, |l| l.min(o.level)));
            }
        }
        let otherwise = level.is_none();
        let level = level.unwrap_or(self.otherwise.level);
        let mut reasons: Vec<(usize, usize)> = self
            .entries()
            .filter(|(l, when)| *l == level && matches(when))
            .flat_map(|(_, when)| when.iter().map(|&(q, _)| (q, answers[q])))
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        let advice: Vec<usize> = matched_outcomes
            .into_iter()
            .filter(|&i| self.outcomes[i].level == level)
            .collect();
        // The first topic outcome at this level with an action of its own sets it.
        let action = advice
            .iter()
            .copied()
            .find(|&i| self.outcomes[i].action.is_some());
        Evaluation {
            level,
            action,
            conditions,
            advice,
            otherwise,
            reasons,
        }
    }

    /// The most urgent level among the entries that may hold for what is `known`.
    pub fn most_urgent_possible(&self, known: impl Fn(usize) -> Known + Copy) -> Option<CareLevel> {
        self.entries()
            .filter(|(_, when)| holds(when, known) != Holds::Never)
            .map(|(level, _)| level)
            .min()
    }

    /// The topic outcomes with an action of their own at `level`, in authored order:
    /// the first that applies sets the action.
    pub fn actions_at(&self, level: CareLevel) -> impl Iterator<Item = usize> + '_ {
        (0..self.outcomes.len())
            .filter(move |&o| self.outcomes[o].level == level && self.outcomes[o].action.is_some())
    }

    /// How many full sets of answers there are.
    pub fn answer_sets(&self) -> u128 {
        self.questions
            .iter()
            .map(|q| q.answers.len() as u128)
            .product()
    }
}
