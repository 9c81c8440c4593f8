//! Compiling a [`Triage`] into a reduced decision diagram.
//!
//! Questions are asked in authored order. At each step the compiler knows, for every
//! question, either the answer or "any answer" (not asked yet, skipped, or "I'm not
//! sure"). From that state it stops with an outcome when every remaining possibility
//! gives the same outcome or every one is an emergency; otherwise it builds one child
//! per answer (plus "I'm not sure", which keeps "any answer") and skips the question
//! when all answers lead to the same sub-diagram. Identical sub-diagrams are shared
//! (hash-consed), and each node's id is a hash of its content, so URLs stay stable
//! while the tree is unchanged.
//!
//! "I'm not sure" is never a lower level of care: its outcome is the most urgent of
//! the outcomes its possible answers lead to ([`Outcome::most_urgent`]).

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;
use std::rc::Rc;

use crate::care::CareLevel;
use crate::triage::model::{Outcome, Triage};

/// "Any answer" in a state vector.
const ANY: u8 = u8::MAX;

/// The compiled tree. Nodes are in creation order (children before parents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    pub nodes: Vec<Node>,
    pub root: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// A short hash of the node's content: stable across builds of the same tree.
    pub id: String,
    pub kind: NodeKind,
    /// The most questions still to be asked from here, this one included.
    pub remaining: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Question {
        /// Index into [`Triage::questions`].
        question: usize,
        /// The child for each answer, in the question's answer order.
        answers: Vec<usize>,
        /// The child for "I'm not sure", if the question offers it.
        unsure: Option<usize>,
    },
    Outcome(Outcome),
}

impl Diagram {
    /// How many nodes the same tree would have without merging identical sub-trees.
    pub fn unfolded_size(&self) -> u128 {
        let mut size = vec![0u128; self.nodes.len()];
        // Children are created before their parents.
        for (index, node) in self.nodes.iter().enumerate() {
            size[index] = 1 + match &node.kind {
                NodeKind::Question {
                    answers, unsure, ..
                } => answers.iter().chain(unsure).map(|&c| size[c]).sum::<u128>(),
                NodeKind::Outcome(_) => 0,
            };
        }
        size[self.root]
    }

    pub fn node(&self, index: usize) -> &Node {
        &self.nodes[index]
    }

    /// Follows `answers` (an answer index per question; questions the diagram skips
    /// are passed over) from the root to an outcome.
    pub fn walk(&self, answers: &[usize]) -> &Outcome {
        let mut at = self.root;
        loop {
            match &self.nodes[at].kind {
                NodeKind::Outcome(outcome) => return outcome,
                NodeKind::Question {
                    question,
                    answers: children,
                    ..
                } => at = children[answers[*question]],
            }
        }
    }
}

/// Compiles `triage`. Pure: no I/O. The caller checks the size first
/// ([`Triage::answer_sets`]); the work grows with the number of answer sets.
pub fn compile(triage: &Triage) -> Diagram {
    let mut radix = Vec::with_capacity(triage.questions.len() + 1);
    let mut product = 1u64;
    for q in &triage.questions {
        radix.push(product);
        product = product.saturating_mul(q.answers.len() as u64 + 1);
    }
    let mut compiler = Compiler {
        triage,
        radix,
        nodes: Vec::new(),
        interned: HashMap::new(),
        memo: FxHashMap::default(),
        eventual: FxHashMap::default(),
        worst: FxHashMap::default(),
        outcomes: Vec::new(),
        outcome_ids: HashMap::new(),
        ids: HashSet::new(),
    };
    let mut state = vec![ANY; triage.questions.len()];
    let root = compiler.node(&mut state, 0);
    Diagram {
        nodes: compiler.nodes,
        root,
    }
}

/// An interned [`Outcome`]: an index into `Compiler::outcomes`.
type OutcomeId = u32;

struct Compiler<'a> {
    triage: &'a Triage,
    /// Mixed-radix place values that turn a state into one number (see `code`).
    radix: Vec<u64>,
    nodes: Vec<Node>,
    /// Node content → index, so identical sub-diagrams are built once.
    interned: HashMap<NodeKind, usize>,
    /// (state, next question) → node.
    memo: FxHashMap<(u64, usize), usize>,
    /// (state, next question) → [`Compiler::eventual_outcomes`], sorted.
    eventual: FxHashMap<(u64, usize), Rc<[OutcomeId]>>,
    /// State → the most urgent outcome of the answer sets consistent with it.
    worst: FxHashMap<u64, OutcomeId>,
    outcomes: Vec<Outcome>,
    outcome_ids: HashMap<Outcome, OutcomeId>,
    /// Ids in use, to keep them unique should two contents ever hash alike.
    ids: HashSet<String>,
}

impl Compiler<'_> {
    /// The node for `state` when question `next` is the next one that may be asked.
    /// Entries of `state` from `next` on are [`ANY`]; earlier ones are an answer or
    /// [`ANY`] for "I'm not sure".
    fn node(&mut self, state: &mut Vec<u8>, next: usize) -> usize {
        let key = (self.code(state), next);
        if let Some(&node) = self.memo.get(&key) {
            return node;
        }
        let eventual = self.eventual_outcomes(state, next);
        let node = if eventual.len() == 1 {
            let outcome = self.outcomes[eventual[0] as usize].clone();
            self.intern(NodeKind::Outcome(outcome))
        } else if eventual
            .iter()
            .all(|&o| self.outcomes[o as usize].level == CareLevel::Emergency)
        {
            let outcome = self.emergency(&eventual);
            self.intern(NodeKind::Outcome(outcome))
        } else {
            self.question(state, next)
        };
        self.memo.insert(key, node);
        node
    }

    /// The outcomes the patient could still end with from `state`: one per way of
    /// answering the questions from `next` on, each the most urgent outcome of the
    /// answer sets consistent with it ("I'm not sure" stands for every answer).
    fn eventual_outcomes(&mut self, state: &mut Vec<u8>, next: usize) -> Rc<[OutcomeId]> {
        let key = (self.code(state), next);
        if let Some(set) = self.eventual.get(&key) {
            return Rc::clone(set);
        }
        let set: Rc<[OutcomeId]> = if next == state.len() {
            Rc::from([self.worst_outcome(state)])
        } else {
            let mut union = Vec::new();
            for answer in 0..self.triage.questions[next].answers.len() {
                state[next] = answer as u8;
                union.extend_from_slice(&self.eventual_outcomes(state, next + 1));
            }
            state[next] = ANY;
            union.sort_unstable();
            union.dedup();
            Rc::from(union)
        };
        self.eventual.insert(key, Rc::clone(&set));
        set
    }

    /// The most urgent outcome of every full answer set consistent with `state`.
    fn worst_outcome(&mut self, state: &mut Vec<u8>) -> OutcomeId {
        let key = self.code(state);
        if let Some(&id) = self.worst.get(&key) {
            return id;
        }
        let id = match state.iter().position(|&a| a == ANY) {
            None => {
                let answers: Vec<usize> = state.iter().map(|&a| a as usize).collect();
                let outcome = self.triage.evaluate(&answers);
                self.outcome_id(outcome)
            }
            Some(open) => {
                let mut ids = Vec::new();
                for answer in 0..self.triage.questions[open].answers.len() {
                    state[open] = answer as u8;
                    ids.push(self.worst_outcome(state));
                }
                state[open] = ANY;
                ids.sort_unstable();
                ids.dedup();
                let outcome = Outcome::most_urgent(ids.iter().map(|&i| &self.outcomes[i as usize]))
                    .unwrap_or_else(|| self.otherwise());
                self.outcome_id(outcome)
            }
        };
        self.worst.insert(key, id);
        id
    }

    /// `state` as one number: each entry (an answer, or [`ANY`] as one more digit) in
    /// the mixed radix of the questions' answer counts.
    fn code(&self, state: &[u8]) -> u64 {
        state
            .iter()
            .zip(&self.triage.questions)
            .zip(&self.radix)
            .map(|((&a, q), &place)| if a == ANY { q.answers.len() as u64 } else { u64::from(a) } * place)
            .sum()
    }

    fn outcome_id(&mut self, outcome: Outcome) -> OutcomeId {
        if let Some(&id) = self.outcome_ids.get(&outcome) {
            return id;
        }
        let id = self.outcomes.len() as OutcomeId;
        self.outcomes.push(outcome.clone());
        self.outcome_ids.insert(outcome, id);
        id
    }

    /// When every way on is an emergency, asking stops. The patient is told to call
    /// now, and shown the conditions behind every way on (or, if none is common to
    /// all, every emergency condition that could be behind it).
    fn emergency(&self, eventual: &[OutcomeId]) -> Outcome {
        let eventual: Vec<&Outcome> = eventual
            .iter()
            .map(|&o| &self.outcomes[o as usize])
            .collect();
        let mut common: Option<Vec<usize>> = None;
        for outcome in &eventual {
            common = Some(match common {
                None => outcome.conditions.clone(),
                Some(c) => c
                    .into_iter()
                    .filter(|i| outcome.conditions.contains(i))
                    .collect(),
            });
        }
        let mut conditions = common.unwrap_or_default();
        if conditions.is_empty() {
            conditions = eventual
                .iter()
                .flat_map(|o| o.conditions.iter().copied())
                .filter(|&c| self.triage.conditions[c].urgency == CareLevel::Emergency)
                .collect();
            conditions.sort_unstable();
            conditions.dedup();
        }
        Outcome {
            level: CareLevel::Emergency,
            otherwise: eventual.iter().any(|o| o.otherwise),
            conditions,
        }
    }

    fn question(&mut self, state: &mut Vec<u8>, next: usize) -> usize {
        let question = &self.triage.questions[next];
        let (count, offers_unsure) = (question.answers.len(), question.unsure);
        let mut children = Vec::with_capacity(count);
        for answer in 0..count {
            state[next] = answer as u8;
            children.push(self.node(state, next + 1));
        }
        state[next] = ANY;
        if children.iter().all(|&c| c == children[0]) {
            // No answer changes the outcome: don't ask.
            return children[0];
        }
        let unsure = offers_unsure.then(|| self.node(state, next + 1));
        self.intern(NodeKind::Question {
            question: next,
            answers: children,
            unsure,
        })
    }

    fn otherwise(&self) -> Outcome {
        Outcome {
            level: self.triage.otherwise.level,
            conditions: Vec::new(),
            otherwise: true,
        }
    }

    fn intern(&mut self, kind: NodeKind) -> usize {
        if let Some(&index) = self.interned.get(&kind) {
            return index;
        }
        let (mut text, remaining) = match &kind {
            NodeKind::Outcome(o) => (self.outcome_text(o), 0),
            NodeKind::Question {
                question,
                answers,
                unsure,
            } => {
                let q = &self.triage.questions[*question];
                let mut text = format!("Q|{}", q.id);
                for (answer, &child) in q.answers.iter().zip(answers) {
                    text.push_str(&format!("|{}={}", answer.id, self.nodes[child].id));
                }
                if let Some(u) = unsure {
                    text.push_str(&format!("|unsure={}", self.nodes[*u].id));
                }
                let remaining = answers
                    .iter()
                    .chain(unsure)
                    .map(|&c| self.nodes[c].remaining)
                    .max()
                    .unwrap_or(0)
                    + 1;
                (text, remaining)
            }
        };
        let mut id = short_hash(&text);
        while !self.ids.insert(id.clone()) {
            text.push('#');
            id = short_hash(&text);
        }
        let index = self.nodes.len();
        self.nodes.push(Node {
            id,
            kind: kind.clone(),
            remaining,
        });
        self.interned.insert(kind, index);
        index
    }

    fn outcome_text(&self, outcome: &Outcome) -> String {
        let mut text = format!("O|{}|{}", outcome.level, outcome.otherwise);
        for &c in &outcome.conditions {
            text.push('|');
            text.push_str(&self.triage.conditions[c].key);
        }
        text
    }
}

/// 64-bit FNV-1a as 12 hex digits: short, URL-safe, stable across Rust versions.
fn short_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests;
