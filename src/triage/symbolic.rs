//! The safety check that runs on every build, by symbol: it proves what
//! [`safety`](crate::triage::safety)'s enumeration proves, without going through the
//! answer sets one by one, so its work grows with the diagrams' sizes, not with the
//! number of answer sets (40 questions are normal in real triage).
//!
//! The rules' meaning is built as decision diagrams ([`Mdd`]) over the questions in
//! authored order: the care level (the most urgent entry that holds, else `otherwise`),
//! and per condition and topic outcome, whether it matches. The compiled tree is then
//! walked beside them, a memo on pairs of nodes (tree node, meaning node) so each pair
//! is looked at once:
//!
//! - down an answer, the meaning is restricted to that answer; down "I'm not sure" (and
//!   past a question the tree skips after one), it is the most urgent over that
//!   question's answers;
//! - past a question the tree skips with only real answers given, each answer is
//!   followed on its own, so every full set of answers is covered;
//! - at an outcome reached with real answers only, the meaning must be one care level
//!   and action, the outcome's; reached through "I'm not sure", the outcome's must be
//!   the most urgent one left. (What else an outcome page says is what every path to
//!   it shares, worked out from the diagram by `shared`: signposting, not care.)

use rustc_hash::FxHashSet;

use crate::triage::compile::{Diagram, NodeKind};
use crate::triage::mdd::{FAILS, Mdd, NodeId, OverBudget, care_of_leaf};
use crate::triage::model::Triage;
use crate::triage::safety::{Counterexample, Failure, Proof};

/// The most steps (diagram nodes made, operations and pairs of nodes looked at) the
/// proof may take: a few seconds at most. A tree that needs more is refused.
pub(crate) const MAX_STEPS: usize = 20_000_000;

impl From<OverBudget> for Failure {
    fn from(_: OverBudget) -> Failure {
        Failure::TooLarge
    }
}

/// Proves `diagram` tells every patient what `triage`'s rules say (see the module).
pub fn verify(triage: &Triage, diagram: &Diagram) -> Result<Proof, Failure> {
    let sizes = triage.questions.iter().map(|q| q.answers.len()).collect();
    let mut mdd = Mdd::new(sizes, MAX_STEPS);
    let level = mdd.care_level(triage)?;
    let mut conditions = Vec::with_capacity(triage.conditions.len());
    for condition in &triage.conditions {
        conditions.push(mdd.matches(condition.rules.iter().map(|r| &r.when))?);
    }
    let mut walker = Walker {
        triage,
        diagram,
        mdd,
        seen: FxHashSet::default(),
        path: Vec::new(),
    };
    walker.walk(diagram.root, level, Check::Level, false)?;
    Ok(Proof {
        answer_sets: triage.answer_sets(),
        paths: count_paths(diagram),
        matched: conditions.iter().map(|&c| c != FAILS).collect(),
    })
}

/// How many ways through the diagram there are, "I'm not sure" included.
fn count_paths(diagram: &Diagram) -> u128 {
    let mut paths = vec![0u128; diagram.nodes.len()];
    // Children are created before their parents.
    for (index, node) in diagram.nodes.iter().enumerate() {
        paths[index] = match &node.kind {
            NodeKind::Outcome(_) => 1,
            NodeKind::Question {
                answers, unsure, ..
            } => answers
                .iter()
                .chain(unsure)
                .fold(0u128, |sum, &c| sum.saturating_add(paths[c])),
        };
    }
    paths[diagram.root]
}

/// What one walk checks at the outcomes: the care level and its action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Check {
    Level,
}

struct Walker<'a> {
    triage: &'a Triage,
    diagram: &'a Diagram,
    mdd: Mdd,
    /// (tree node, meaning node, through "I'm not sure") already walked.
    seen: FxHashSet<(usize, NodeId, bool)>,
    /// The answers on the way here: `None` is "I'm not sure".
    path: Vec<(usize, Option<usize>)>,
}

impl Walker<'_> {
    fn walk(
        &mut self,
        node: usize,
        mut meaning: NodeId,
        check: Check,
        unsure: bool,
    ) -> Result<(), Failure> {
        if !self.seen.insert((node, meaning, unsure)) {
            return Ok(());
        }
        self.mdd.step()?;
        let kind = &self.diagram.node(node).kind;
        // The first question the tree asks here; for the level at an outcome, after all.
        let asks = match kind {
            NodeKind::Question { question, .. } => *question,
            NodeKind::Outcome(_) if check == Check::Level => usize::MAX,
            NodeKind::Outcome(_) => 0,
        };
        // Questions the rules ask and the tree skipped on the way here.
        while self.mdd.question_of(meaning) < asks {
            let skipped = self.mdd.question_of(meaning);
            if unsure {
                meaning = self.mdd.project(meaning, skipped)?;
            } else {
                for answer in 0..self.mdd.answers(skipped) {
                    self.path.push((skipped, Some(answer)));
                    let restricted = self.mdd.child(meaning, skipped, answer);
                    self.walk(node, restricted, check, false)?;
                    self.path.pop();
                }
                return Ok(());
            }
        }
        match kind {
            NodeKind::Outcome(outcome) => self.outcome(outcome, meaning, check),
            NodeKind::Question {
                question,
                answers,
                unsure: not_sure,
            } => {
                let q = *question;
                for (answer, &child) in answers.iter().enumerate() {
                    self.path.push((q, Some(answer)));
                    let restricted = self.mdd.child(meaning, q, answer);
                    self.walk(child, restricted, check, unsure)?;
                    self.path.pop();
                }
                // Conditions and advice are proven for full sets of answers, which never
                // go through "I'm not sure".
                if let Some(child) = not_sure
                    && check == Check::Level
                {
                    self.path.push((q, None));
                    let any = self.mdd.project(meaning, q)?;
                    self.walk(*child, any, check, true)?;
                    self.path.pop();
                }
                Ok(())
            }
        }
    }

    fn outcome(
        &mut self,
        outcome: &crate::triage::model::Outcome,
        meaning: NodeId,
        check: Check,
    ) -> Result<(), Failure> {
        let wrong = match check {
            // Every question the rules ask is behind us, answered, followed answer by
            // answer, or (through "I'm not sure") taken at its most urgent: `meaning`
            // is one care level and action.
            Check::Level => {
                let expected = care_of_leaf(self.triage, self.mdd.least(meaning));
                (expected != (outcome.level, outcome.action)).then_some(expected.0)
            }
        };
        match wrong {
            None => Ok(()),
            Some(expected) => Err(Counterexample {
                answers: self.answers(),
                expected,
                found: outcome.level,
            }
            .into()),
        }
    }

    /// Per question: the answer id on the way here, `unsure`, or `-`.
    fn answers(&self) -> Vec<String> {
        let mut answers = vec!["-".to_string(); self.triage.questions.len()];
        for &(q, answer) in &self.path {
            answers[q] = match answer {
                Some(a) => self.triage.questions[q].answers[a].id.clone(),
                None => "unsure".to_string(),
            };
        }
        answers
    }
}
