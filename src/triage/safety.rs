//! The safety check by enumeration: it proves that the compiled diagram tells every
//! patient what the rules say by going through every answer set and every path. Builds
//! run [`symbolic`](crate::triage::symbolic)'s proof of the same two properties, whose
//! work does not grow with the answer sets; this one is its oracle in the tests.
//!
//! 1. For every full set of answers, the diagram's outcome has exactly the care level
//!    that evaluating the rules directly gives, lists every condition those answers
//!    match, and gives only topic-outcome advice those answers call for.
//! 2. For every path through the diagram, "I'm not sure" answers included, the care
//!    level is the most urgent one that any answers consistent with the path reach:
//!    a patient who cannot answer is never sent to a lower level of care.

use std::collections::HashMap;
use std::fmt;

use crate::care::CareLevel;
use crate::triage::compile::{Diagram, NodeKind};
use crate::triage::mdd::{NodeId, care_leaf, care_of_leaf};
use crate::triage::model::{Evaluation, Outcome, Triage};

/// Trees with more full answer sets than this are refused rather than enumerated.
pub(crate) const MAX_ANSWER_SETS: u128 = 1_000_000;

/// The most steps (paths and partial answer sets) the "I'm not sure" check may take.
pub(crate) const MAX_STEPS: usize = 2_000_000;

/// Why a diagram was not proven.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The diagram and the rules disagree: a bug in the compiler.
    Counterexample(Counterexample),
    /// Proving it would take more than [`MAX_STEPS`].
    TooLarge,
}

impl From<Counterexample> for Failure {
    fn from(c: Counterexample) -> Failure {
        Failure::Counterexample(c)
    }
}

/// What the check went through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// The full sets of answers proven.
    pub answer_sets: u128,
    /// The ways through the diagram proven, "I'm not sure" included.
    pub paths: u128,
    /// Per condition: whether some full set of answers matches it.
    pub matched: Vec<bool>,
}

/// Where the diagram and the rules disagree: a bug in the compiler, never the author's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterexample {
    /// Per question: the answer id, `unsure`, or `-` where the path did not ask.
    pub answers: Vec<String>,
    pub expected: CareLevel,
    pub found: CareLevel,
}

impl fmt::Display for Counterexample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "answers [{}] should give `{}` but the tree gives `{}`",
            self.answers.join(", "),
            self.expected,
            self.found
        )
    }
}

pub fn verify(triage: &Triage, diagram: &Diagram) -> Result<Proof, Failure> {
    if triage.answer_sets() > MAX_ANSWER_SETS {
        return Err(Failure::TooLarge);
    }
    let (answer_sets, matched) = every_answer_set(triage, diagram)?;
    let mut walker = PathWalker {
        triage,
        diagram,
        max_levels: HashMap::new(),
        paths: 0,
        steps: 0,
    };
    let mut state = vec![None; triage.questions.len()];
    walker.walk(diagram.root, &mut state)?;
    Ok(Proof {
        answer_sets,
        paths: walker.paths as u128,
        matched,
    })
}

fn every_answer_set(
    triage: &Triage,
    diagram: &Diagram,
) -> Result<(u128, Vec<bool>), Counterexample> {
    let sizes: Vec<usize> = triage.questions.iter().map(|q| q.answers.len()).collect();
    let mut answers = vec![0; sizes.len()];
    let mut matched = vec![false; triage.conditions.len()];
    let mut count = 0;
    loop {
        count += 1;
        let direct = triage.evaluate(&answers);
        for &c in &direct.conditions {
            matched[c] = true;
        }
        let compiled = diagram.walk(&answers);
        if !agrees(compiled, &direct) {
            return Err(Counterexample {
                answers: answers
                    .iter()
                    .enumerate()
                    .map(|(q, &a)| triage.questions[q].answers[a].id.clone())
                    .collect(),
                expected: direct.level,
                found: compiled.level,
            });
        }
        // Next answer set, like an odometer.
        let mut q = sizes.len();
        loop {
            if q == 0 {
                return Ok((count, matched));
            }
            q -= 1;
            answers[q] += 1;
            if answers[q] < sizes[q] {
                break;
            }
            answers[q] = 0;
        }
    }
}

/// The same care level; every condition these answers match is among those the
/// diagram's outcome lists (it lists what is still possible where it stops asking);
/// and every topic outcome's advice it gives is one these answers call for.
fn agrees(compiled: &Outcome, direct: &Evaluation) -> bool {
    compiled.level == direct.level && compiled.action == direct.action
}

struct PathWalker<'a> {
    triage: &'a Triage,
    diagram: &'a Diagram,
    /// Partial answers → the most urgent level any completion reaches.
    max_levels: HashMap<Vec<Option<usize>>, NodeId>,
    paths: usize,
    /// Paths walked and partial answer sets looked at (see [`MAX_STEPS`]).
    steps: usize,
}

impl PathWalker<'_> {
    /// `state[q]` is the answer given to question `q`, or `None` for "not asked" and
    /// "I'm not sure" (both mean: any answer).
    fn walk(&mut self, node: usize, state: &mut Vec<Option<usize>>) -> Result<(), Failure> {
        self.step()?;
        match &self.diagram.node(node).kind {
            NodeKind::Outcome(outcome) => {
                self.paths += 1;
                let expected = care_of_leaf(self.triage, self.most_urgent(state)?);
                if (outcome.level, outcome.action) != expected {
                    let expected = expected.0;
                    return Err(Counterexample {
                        answers: state
                            .iter()
                            .enumerate()
                            .map(|(q, a)| {
                                a.map_or("-".to_string(), |a| {
                                    self.triage.questions[q].answers[a].id.clone()
                                })
                            })
                            .collect(),
                        expected,
                        found: outcome.level,
                    }
                    .into());
                }
                Ok(())
            }
            NodeKind::Question {
                question,
                answers,
                unsure,
            } => {
                let (question, answers, unsure) = (*question, answers.clone(), *unsure);
                for (answer, child) in answers.into_iter().enumerate() {
                    state[question] = Some(answer);
                    self.walk(child, state)?;
                }
                state[question] = None;
                if let Some(child) = unsure {
                    self.walk(child, state)?;
                }
                Ok(())
            }
        }
    }

    fn step(&mut self) -> Result<(), Failure> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            Err(Failure::TooLarge)
        } else {
            Ok(())
        }
    }

    /// The most urgent care level and action any full answers agreeing with `state`
    /// get, as a care diagram's leaf (the lower, the more urgent).
    fn most_urgent(&mut self, state: &mut Vec<Option<usize>>) -> Result<NodeId, Failure> {
        if let Some(&leaf) = self.max_levels.get(state.as_slice()) {
            return Ok(leaf);
        }
        self.step()?;
        let leaf = match state.iter().position(Option::is_none) {
            None => {
                let answers: Vec<usize> = state.iter().map(|a| a.unwrap_or(0)).collect();
                let told = self.triage.evaluate(&answers);
                care_leaf(self.triage, told.level, told.action)
            }
            Some(open) => {
                let mut most = NodeId::MAX;
                for answer in 0..self.triage.questions[open].answers.len() {
                    state[open] = Some(answer);
                    let leaf = self.most_urgent(state);
                    state[open] = None;
                    most = most.min(leaf?);
                }
                most
            }
        };
        self.max_levels.insert(state.clone(), leaf);
        Ok(leaf)
    }
}
