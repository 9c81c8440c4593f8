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

use crate::care::CareLevel;
use crate::triage::mdd::{Mdd, NodeId, OverBudget};
use crate::triage::model::{Alternative, Holds, Outcome, Triage, holds};

/// A question not asked (yet, or skipped): any answer.
const NOT_ASKED: u8 = u8::MAX - 1;
/// "I'm not sure": any answer, and the outcome says so.
const UNSURE: u8 = u8::MAX;
/// In a memo key: a question whose answer nothing depends on any more.
const IRRELEVANT: u8 = u8::MAX - 2;

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
pub const MAX_STEPS: usize = 1_000_000;

/// The most nodes a diagram may have: each is a page of the site, and the reviewers'
/// drawing shows them all.
pub const MAX_NODES: usize = 20_000;

/// The most steps the rules' meaning ([`Mdd::care_level`]) and the work on it may take.
pub const MAX_MEANING_STEPS: usize = 20_000_000;

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

/// Compiles `triage`. Pure: no I/O. The work grows with the states the rules make
/// different (about the diagram's size); past [`MAX_STEPS`] it stops and says so.
pub fn compile(triage: &Triage) -> Result<Diagram, TooLarge> {
    let sizes = triage.questions.iter().map(|q| q.answers.len()).collect();
    let mut mdd = Mdd::new(sizes, MAX_MEANING_STEPS);
    let meaning = mdd.care_level(triage)?;
    // Per question, the entries (rules and topic-outcome alternatives) that name it.
    let entries: Vec<&Alternative> = triage.entries().map(|(_, when)| when).collect();
    let mut entries_of = vec![Vec::new(); triage.questions.len()];
    for (e, when) in entries.iter().enumerate() {
        for &(q, _) in when.iter() {
            entries_of[q].push(e);
        }
    }
    let mut compiler = Compiler {
        triage,
        entries,
        entries_of,
        scratch: Vec::new(),
        nodes: Vec::new(),
        interned: HashMap::new(),
        memo: FxHashMap::default(),
        mdd,
        meaning,
        ids: HashSet::new(),
        steps: 0,
    };
    let mut state = vec![NOT_ASKED; triage.questions.len()];
    let root = compiler.node(&mut state, 0, meaning)?;
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
    /// Every rule entry and topic-outcome alternative, in [`Triage::entries`] order.
    entries: Vec<&'a Alternative>,
    /// Per question, the indices of the entries that name it.
    entries_of: Vec<Vec<usize>>,
    /// A buffer [`Compiler::key`] reuses.
    scratch: Vec<u8>,
    nodes: Vec<Node>,
    /// Node content → index, so identical sub-diagrams are built once.
    interned: HashMap<NodeKind, usize>,
    /// (state, next question) → node; the state as [`Compiler::key`] has it, so
    /// states that differ only in answers nothing depends on any more share a node.
    memo: FxHashMap<(Box<[u8]>, usize), usize>,
    /// The rules' meaning: the care level of every full set of answers.
    mdd: Mdd,
    meaning: NodeId,
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

    /// The node for `state` when question `next` is the next one that may be asked.
    /// Entries of `state` from `next` on are [`NOT_ASKED`]; earlier ones are an
    /// answer, [`NOT_ASKED`] (skipped) or [`UNSURE`]. `meaning` is the care level from
    /// here: the rules' meaning with the answers given, and the most urgent over the
    /// questions before `next` not answered (see [`Compiler::meaning_of`]).
    fn node(
        &mut self,
        state: &mut Vec<u8>,
        next: usize,
        meaning: NodeId,
    ) -> Result<usize, TooLarge> {
        let key = (self.key(state, true), next);
        if let Some(&node) = self.memo.get(&key) {
            return Ok(node);
        }
        self.step()?;
        let node = if self.mdd.leaves(meaning).count_ones() == 1 {
            let outcome = self.outcome(state, next, meaning)?;
            self.intern(NodeKind::Outcome(outcome))?
        } else {
            self.question(state, next, meaning)?
        };
        self.memo.insert(key, node);
        Ok(node)
    }

    fn question(
        &mut self,
        state: &mut Vec<u8>,
        next: usize,
        meaning: NodeId,
    ) -> Result<usize, TooLarge> {
        if self.mdd.question_of(meaning) != next {
            // The care level from here does not depend on this question's answer (the
            // meaning is reduced: a node that asks it is one whose answers differ):
            // don't ask.
            return self.node(state, next + 1, meaning);
        }
        let question = &self.triage.questions[next];
        let (count, offers_unsure) = (question.answers.len(), question.unsure);
        let mut children = Vec::with_capacity(count);
        for answer in 0..count {
            state[next] = answer as u8;
            let given = self.mdd.child(meaning, next, answer);
            children.push(self.node(state, next + 1, given)?);
        }
        state[next] = NOT_ASKED;
        // Not sure: the most urgent of its answers.
        let any = self.mdd.project(meaning, next)?;
        let unsure = if offers_unsure {
            state[next] = UNSURE;
            let child = self.node(state, next + 1, any);
            state[next] = NOT_ASKED;
            Some(child?)
        } else {
            None
        };
        self.intern(NodeKind::Question {
            question: next,
            answers: children,
            unsure,
        })
    }

    /// The care level from question `next` on for `state`: the rules' meaning with the
    /// answers given, and the most urgent over each question before `next` that is
    /// not answered (skipped, or "I'm not sure"). `state` is read from the start: for
    /// a state the compiler is not walking through (one answer of the path changed).
    fn meaning_of(&mut self, state: &[u8], next: usize) -> Result<NodeId, TooLarge> {
        let mut meaning = self.meaning;
        for (q, &value) in state.iter().enumerate().take(next) {
            meaning = match answer(value) {
                Some(a) => self.mdd.child(meaning, q, a),
                None => self.mdd.project(meaning, q)?,
            };
        }
        Ok(meaning)
    }

    /// What the patient is told where asking stops (before question `next`), from
    /// what `state` knows: the level, the conditions still possible, the topic
    /// outcomes at this level, and why.
    fn outcome(
        &mut self,
        state: &mut [u8],
        next: usize,
        meaning: NodeId,
    ) -> Result<Outcome, TooLarge> {
        let triage = self.triage;
        let level = CareLevel::ALL[self.mdd.least(meaning) as usize];
        let known = |q: usize| answer(state[q]);
        let possible = |when| holds(when, known) != Holds::Never;
        let surely = |when| holds(when, known) == Holds::Surely;
        let conditions = (0..triage.conditions.len())
            .filter(|&c| triage.conditions[c].rules.iter().any(|r| possible(&r.when)))
            .collect();
        // A topic outcome's advice is given only when the answers make it hold: "this
        // guide is for the first 12 weeks" is not for someone who has not said.
        let advice = (0..triage.outcomes.len())
            .filter(|&o| {
                let outcome = &triage.outcomes[o];
                outcome.level == level && outcome.when.iter().any(surely)
            })
            .collect();
        let sure: Vec<(CareLevel, &Alternative)> =
            triage.entries().filter(|(_, when)| surely(when)).collect();
        let mut reasons: Vec<(usize, usize)> = sure
            .iter()
            .filter(|(l, _)| *l == level)
            .flat_map(|(_, when)| when.iter().filter_map(|&(q, _)| known(q).map(|a| (q, a))))
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        let otherwise = triage.otherwise.level == level && sure.is_empty();
        let mut unsure = Vec::new();
        for q in 0..state.len() {
            if state[q] != UNSURE {
                continue;
            }
            // Raised: had they answered, some answer could have led (then or after
            // more questions) to a less urgent level.
            let mut raised = false;
            for a in 0..triage.questions[q].answers.len() {
                state[q] = a as u8;
                let answered = self.meaning_of(state, next);
                state[q] = UNSURE;
                raised |= self.mdd.leaves(answered?) & !(1 << level.rank()) != 0;
            }
            if raised {
                unsure.push(q);
            }
        }
        Ok(Outcome {
            level,
            conditions,
            advice,
            otherwise,
            reasons,
            unsure,
        })
    }

    /// `state` as a memo key. An answered question whose every entry is already
    /// ruled out (by an answer to some question) can change nothing that follows: not
    /// the care level, not the conditions still possible, not the reasons (those come
    /// from entries that hold), not whether "I'm not sure" raised the level. Its value
    /// is left out, so such states share their sub-diagram; this is what keeps long
    /// question lists small. With `unsure` false, "not sure" and "not asked" are both
    /// "any" (what is known).
    fn key(&mut self, state: &[u8], unsure: bool) -> Box<[u8]> {
        // Per entry: 0 not looked at yet, 1 ruled out, 2 may still hold.
        let status = &mut self.scratch;
        status.clear();
        status.resize(self.entries.len(), 0);
        let entries = &self.entries;
        let mut key = Vec::with_capacity(state.len());
        for (q, &a) in state.iter().enumerate() {
            let matters = self.entries_of[q].iter().any(|&e| {
                if status[e] == 0 {
                    let out = entries[e].iter().any(|&(q, allowed)| {
                        answer(state[q]).is_some_and(|a| allowed & (1 << a) == 0)
                    });
                    status[e] = if out { 1 } else { 2 };
                }
                status[e] == 2
            });
            key.push(match a {
                _ if !matters => IRRELEVANT,
                UNSURE if !unsure => NOT_ASKED,
                a => a,
            });
        }
        key.into_boxed_slice()
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
        let t = self.triage;
        let mut text = format!("O|{}|{}", outcome.level, outcome.otherwise);
        // A node's id is the same in every language (the language switcher goes to
        // the same node), so a condition is named by its untranslated file.
        for &c in &outcome.conditions {
            text.push('|');
            text.push_str(&super::translation::untranslated(
                &t.conditions[c].key,
                &t.lang,
            ));
        }
        for &o in &outcome.advice {
            text.push_str("|advice=");
            text.push_str(&t.outcomes[o].id);
        }
        for &(q, a) in &outcome.reasons {
            let q = &t.questions[q];
            text.push_str(&format!("|why={}={}", q.id, q.answers[a].id));
        }
        for &q in &outcome.unsure {
            text.push_str(&format!("|unsure={}", t.questions[q].id));
        }
        text
    }
}

/// What a state says of one answer: given, or any (not asked, not sure).
fn answer(value: u8) -> Option<usize> {
    (value < NOT_ASKED).then_some(usize::from(value))
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
