//! Compiling a [`Triage`] into a reduced decision diagram that asks only what changes
//! the care level.
//!
//! Questions are asked in authored order. At each step the compiler knows, for every
//! question, an answer or "any answer" (not asked yet, skipped, or "I'm not sure").
//! The care level of such a state is the most urgent level any of its full answer sets
//! reaches, so "I'm not sure" is never a lower level of care. The compiler carries it
//! as a decision diagram of the rules' meaning ([`Mdd`]), restricted by each answer
//! and taken at its most urgent over each question not answered, so it never goes
//! through answer sets. Asking stops as soon as the level is fixed: every way of
//! answering the rest gives the same level (at an emergency, that is at once). A
//! question is skipped when the care level still to come does not depend on it. The outcome then lists the conditions
//! still possible, the topic outcomes that apply, and why: the answers that led to the
//! level and the "I'm not sure" answers that raised it.
//!
//! Identical sub-diagrams are shared (hash-consed), and each node's id is a hash of its
//! content, so URLs stay stable while the tree is unchanged.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use crate::triage::mdd::{Mdd, NodeId, OverBudget, SLOTS, care_of_leaf, leaves_at};
use crate::triage::model::{Outcome, Triage};

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

/// The most steps (states looked at) a compilation may take: about a second and a
/// few hundred megabytes. A tree that needs more is refused, never half-built.
pub(crate) const MAX_STEPS: usize = 1_000_000;

/// The most nodes a diagram may have: each is a page of the site, and the reviewers'
/// drawing shows them all.
pub(crate) const MAX_NODES: usize = 20_000;

/// The most steps the rules' meaning ([`Mdd::care_level`]) and the work on it may take.
pub(crate) const MAX_MEANING_STEPS: usize = 20_000_000;

/// Why a tree was not compiled. It is refused, never half-built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLarge {
    /// Its diagram would have more than [`MAX_NODES`] nodes.
    Nodes,
    /// Compiling it would take more than [`MAX_STEPS`].
    Steps,
    /// Working out what its rules mean would take more than [`MAX_MEANING_STEPS`].
    Meaning,
}

impl From<OverBudget> for TooLarge {
    fn from(_: OverBudget) -> TooLarge {
        TooLarge::Meaning
    }
}

/// Compiles `triage`. Pure: no I/O. The work grows with the diagram: a state is the
/// pair of meanings from here (most and least urgent over what is not known), and
/// equal pairs are one state; past [`MAX_STEPS`] states it stops and says so.
pub fn compile(triage: &Triage) -> Result<Diagram, TooLarge> {
    let sizes = triage.questions.iter().map(|q| q.answers.len()).collect();
    let mut mdd = Mdd::new(sizes, MAX_MEANING_STEPS);
    let meaning = mdd.care_level(triage)?;
    let mut compiler = Compiler {
        triage,
        nodes: Vec::new(),
        interned: HashMap::new(),
        memo: FxHashMap::default(),
        mdd,
        ids: HashSet::new(),
        steps: 0,
    };
    let root = compiler.node(0, meaning, meaning)?;
    Ok(reachable(compiler.nodes, root))
}

/// The diagram of the nodes `root` leads to, in the same order (children before
/// parents). A question found not to change the care level was skipped after its
/// answers' sub-diagrams were built: those no page may show are left out here.
fn reachable(nodes: Vec<Node>, root: usize) -> Diagram {
    let mut seen = vec![false; nodes.len()];
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        if let NodeKind::Question {
            answers, unsure, ..
        } = &nodes[n].kind
        {
            stack.extend(answers.iter().chain(unsure));
        }
    }
    let mut new_index = vec![usize::MAX; nodes.len()];
    let mut kept = Vec::with_capacity(nodes.len());
    for (old, mut node) in nodes.into_iter().enumerate() {
        if !seen[old] {
            continue;
        }
        if let NodeKind::Question {
            answers, unsure, ..
        } = &mut node.kind
        {
            // Children come first, so they already have their new index.
            for child in answers.iter_mut().chain(unsure.iter_mut()) {
                *child = new_index[*child];
            }
        }
        new_index[old] = kept.len();
        kept.push(node);
    }
    Diagram {
        nodes: kept,
        root: new_index[root],
    }
}

struct Compiler<'a> {
    triage: &'a Triage,
    nodes: Vec<Node>,
    /// Node content → index, so identical sub-diagrams are built once.
    interned: HashMap<NodeKind, usize>,
    /// (next question, most urgent meaning, least urgent meaning) → node.
    memo: FxHashMap<(usize, NodeId, NodeId), usize>,
    /// The rules' meaning: the care level and action of every full set of answers.
    mdd: Mdd,
    /// Ids in use, to keep them unique should two contents ever hash alike.
    ids: HashSet<String>,
    /// States looked at so far (see [`MAX_STEPS`]).
    steps: usize,
}

impl Compiler<'_> {
    /// Counts one step of work; `Err` past the limit.
    fn step(&mut self) -> Result<(), TooLarge> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            Err(TooLarge::Steps)
        } else {
            Ok(())
        }
    }

    /// The node where question `next` is the next one that may be asked. `most` is
    /// the care from here: the rules' meaning with the answers given, at its most
    /// urgent over each earlier question not answered (skipped, or "I'm not sure");
    /// `least` is the same at its least urgent, which says whether an answer to a
    /// question the patient was not sure of could have led to less urgent care.
    fn node(&mut self, next: usize, most: NodeId, least: NodeId) -> Result<usize, TooLarge> {
        let key = (next, most, least);
        if let Some(&node) = self.memo.get(&key) {
            return Ok(node);
        }
        self.step()?;
        let node = if self.mdd.leaves(most).count_ones() == 1 {
            let outcome = self.outcome(most, least);
            self.intern(NodeKind::Outcome(outcome))?
        } else if self.mdd.question_of(most) != next {
            // The care from here does not depend on this question's answer (the
            // meaning is reduced: a node that asks it is one whose answers differ):
            // don't ask.
            let least = self.mdd.project_most(least, next)?;
            self.node(next + 1, most, least)?
        } else {
            self.question(next, most, least)?
        };
        self.memo.insert(key, node);
        Ok(node)
    }

    fn question(&mut self, next: usize, most: NodeId, least: NodeId) -> Result<usize, TooLarge> {
        let question = &self.triage.questions[next];
        let (count, offers_unsure) = (question.answers.len(), question.unsure);
        let mut children = Vec::with_capacity(count);
        for answer in 0..count {
            let given = (
                self.mdd.child(most, next, answer),
                self.mdd.child(least, next, answer),
            );
            children.push(self.node(next + 1, given.0, given.1)?);
        }
        // Not sure: the most urgent of its answers (and, for whether that was
        // cautious, the least).
        let unsure = if offers_unsure {
            let any_most = self.mdd.project(most, next)?;
            let any_least = self.mdd.project_most(least, next)?;
            Some(self.node(next + 1, any_most, any_least)?)
        } else {
            None
        };
        self.intern(NodeKind::Question {
            question: next,
            answers: children,
            unsure,
        })
    }

    /// What the patient is told where asking stops: the care level and action the
    /// rules fix here, and whether an "I'm not sure" raised the level (some answer to
    /// the questions not known could have led to a less urgent one).
    fn outcome(&mut self, most: NodeId, least: NodeId) -> Outcome {
        let (level, action) = care_of_leaf(self.triage, self.mdd.least(most));
        let less_urgent = !leaves_at(level) & !((1u64 << (level.rank() as u32 * SLOTS)) - 1);
        Outcome {
            level,
            action,
            cautious: self.mdd.leaves(least) & less_urgent != 0,
        }
    }

    fn intern(&mut self, kind: NodeKind) -> Result<usize, TooLarge> {
        if let Some(&index) = self.interned.get(&kind) {
            return Ok(index);
        }
        if self.nodes.len() >= MAX_NODES {
            return Err(TooLarge::Nodes);
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
        Ok(index)
    }

    fn outcome_text(&self, outcome: &Outcome) -> String {
        let action = outcome
            .action
            .map_or("", |o| self.triage.outcomes[o].id.as_str());
        format!("O|{}|{action}|{}", outcome.level, outcome.cautious)
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
