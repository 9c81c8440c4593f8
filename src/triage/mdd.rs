//! Multi-valued decision diagrams over a tree's questions, in authored order: the
//! meaning of the rules as a function from answers to a value, built without going
//! through the answer sets one by one.
//!
//! A diagram is reduced and shared (a node whose children are all the same is that
//! child; equal nodes are one node), so two functions are equal exactly when their
//! diagrams are the same node, and a function that does not depend on the answers is a
//! leaf. Leaves are small numbers, smaller meaning more urgent (a care level's rank), so
//! "the most urgent of" is [`Mdd::min`] and "the most urgent any answer to a question
//! gives" is [`Mdd::project`]. A condition's match is the same kind of diagram with two
//! leaves, [`HOLDS`] (0, which `min` keeps: "or") and [`FAILS`].

use rustc_hash::FxHashMap;

use crate::care::CareLevel;
use crate::triage::model::{Alternative, Triage};

/// A node: a leaf (below [`LEAVES`]) or an index into the diagram's nodes, plus
/// [`LEAVES`].
pub(crate) type NodeId = u32;

/// Leaves are the ids `0..LEAVES`; the value of a leaf is its id.
pub(crate) const LEAVES: NodeId = 64;

/// Leaves per care level in a care diagram ([`Mdd::care_level`]): a level's leaves
/// are `rank * SLOTS + slot`, slot `i` for its `i`th topic outcome with an action of
/// its own and the last for the level's own action. The most urgent leaf is then the
/// most urgent level, and at that level the first outcome action that applies.
pub(crate) const SLOTS: NodeId = 8;

/// The care diagram's leaf for `level` with the action of topic outcome `action`
/// (`None`: the level's own).
pub(crate) fn care_leaf(triage: &Triage, level: CareLevel, action: Option<usize>) -> NodeId {
    let slot = action
        .and_then(|a| triage.actions_at(level).position(|o| o == a))
        .map_or(SLOTS - 1, |slot| slot as NodeId);
    level.rank() as NodeId * SLOTS + slot
}

/// The care level and action of a care diagram's leaf.
pub(crate) fn care_of_leaf(triage: &Triage, leaf: NodeId) -> (CareLevel, Option<usize>) {
    let level = CareLevel::ALL[(leaf / SLOTS) as usize];
    (level, triage.actions_at(level).nth((leaf % SLOTS) as usize))
}

/// The leaves of a care diagram at `level`, as a bit set like [`Mdd::leaves`].
pub(crate) fn leaves_at(level: CareLevel) -> u64 {
    ((1u64 << SLOTS) - 1) << (level.rank() as NodeId * SLOTS)
}
/// The leaf of a condition's diagram where it matches.
pub(crate) const HOLDS: NodeId = 0;
/// The leaf of a condition's diagram where it does not.
pub(crate) const FAILS: NodeId = 1;

/// Which of two values to keep: the least (most urgent) or the most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Least,
    Most,
}

/// Building a diagram would take more than the step budget it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget;

/// The store of diagrams over one tree's questions.
pub struct Mdd {
    /// Per question, how many answers it has.
    sizes: Vec<usize>,
    /// Per node: its question, and where its children start in `children`.
    question: Vec<u16>,
    first: Vec<u32>,
    children: Vec<NodeId>,
    unique: FxHashMap<Box<[NodeId]>, NodeId>,
    min_memo: FxHashMap<(NodeId, NodeId), NodeId>,
    max_memo: FxHashMap<(NodeId, NodeId), NodeId>,
    project_memo: FxHashMap<(NodeId, u16, bool), NodeId>,
    leaves_memo: FxHashMap<NodeId, u64>,
    steps: usize,
    budget: usize,
}

impl Mdd {
    /// An empty store for questions with `sizes` answers each, that may take `budget`
    /// steps (nodes made and operations not found in a memo) in all.
    pub fn new(sizes: Vec<usize>, budget: usize) -> Mdd {
        Mdd {
            sizes,
            question: Vec::new(),
            first: Vec::new(),
            children: Vec::new(),
            unique: FxHashMap::default(),
            min_memo: FxHashMap::default(),
            max_memo: FxHashMap::default(),
            project_memo: FxHashMap::default(),
            leaves_memo: FxHashMap::default(),
            steps: 0,
            budget,
        }
    }

    /// How many answers question `q` has.
    pub fn answers(&self, q: usize) -> usize {
        self.sizes[q]
    }

    /// Counts one step against the budget.
    pub fn step(&mut self) -> Result<(), OverBudget> {
        self.steps += 1;
        if self.steps > self.budget {
            Err(OverBudget)
        } else {
            Ok(())
        }
    }

    pub fn is_leaf(node: NodeId) -> bool {
        node < LEAVES
    }

    /// The question `node` asks first, or `usize::MAX` for a leaf (after every question).
    pub fn question_of(&self, node: NodeId) -> usize {
        if Mdd::is_leaf(node) {
            usize::MAX
        } else {
            usize::from(self.question[(node - LEAVES) as usize])
        }
    }

    fn kids(&self, node: NodeId) -> &[NodeId] {
        let index = (node - LEAVES) as usize;
        let start = self.first[index] as usize;
        &self.children[start..start + self.sizes[usize::from(self.question[index])]]
    }

    /// `node` with question `q` answered `answer`. `q` must be at or before the first
    /// question `node` asks.
    pub fn child(&self, node: NodeId, q: usize, answer: usize) -> NodeId {
        if self.question_of(node) == q {
            self.kids(node)[answer]
        } else {
            node
        }
    }

    /// The node asking `q` with these children (one per answer), reduced and shared.
    pub fn node(&mut self, q: usize, kids: &[NodeId]) -> Result<NodeId, OverBudget> {
        if kids.iter().all(|&k| k == kids[0]) {
            return Ok(kids[0]);
        }
        let mut key = Vec::with_capacity(kids.len() + 1);
        key.push(q as NodeId);
        key.extend_from_slice(kids);
        if let Some(&id) = self.unique.get(key.as_slice()) {
            return Ok(id);
        }
        self.step()?;
        let id = LEAVES + self.question.len() as NodeId;
        self.question.push(q as u16);
        self.first.push(self.children.len() as u32);
        self.children.extend_from_slice(kids);
        self.unique.insert(key.into_boxed_slice(), id);
        Ok(id)
    }

    /// `then` where every `(question, allowed answers)` of `entry` holds, else `other`.
    pub fn entry(
        &mut self,
        entry: &Alternative,
        then: NodeId,
        other: NodeId,
    ) -> Result<NodeId, OverBudget> {
        let mut allowed: Vec<(usize, u64)> = Vec::with_capacity(entry.len());
        for &(q, answers) in entry {
            match allowed.iter_mut().find(|(named, _)| *named == q) {
                Some((_, both)) => *both &= answers,
                None => allowed.push((q, answers)),
            }
        }
        allowed.sort_unstable_by_key(|&(q, _)| std::cmp::Reverse(q));
        let mut node = then;
        for (q, answers) in allowed {
            let kids: Vec<NodeId> = (0..self.sizes[q])
                .map(|a| if answers & (1 << a) != 0 { node } else { other })
                .collect();
            node = self.node(q, &kids)?;
        }
        Ok(node)
    }

    /// Where one of the entries `when` holds ([`HOLDS`]), and where none does
    /// ([`FAILS`]): a condition's or a topic outcome's match.
    pub fn matches<'e>(
        &mut self,
        when: impl Iterator<Item = &'e Alternative>,
    ) -> Result<NodeId, OverBudget> {
        let mut parts = Vec::new();
        for entry in when {
            parts.push(self.entry(entry, HOLDS, FAILS)?);
        }
        self.min_all(parts, FAILS)
    }

    /// The smaller (more urgent) of the two functions, answer set by answer set.
    pub fn min(&mut self, a: NodeId, b: NodeId) -> Result<NodeId, OverBudget> {
        self.pick(a, b, Pick::Least)
    }

    /// The larger (less urgent) of the two functions, answer set by answer set.
    pub fn max(&mut self, a: NodeId, b: NodeId) -> Result<NodeId, OverBudget> {
        self.pick(a, b, Pick::Most)
    }

    fn pick(&mut self, a: NodeId, b: NodeId, pick: Pick) -> Result<NodeId, OverBudget> {
        if a == b {
            return Ok(a);
        }
        // 0 is the least value: the least of it and anything is 0.
        if pick == Pick::Least && (a == 0 || b == 0) {
            return Ok(0);
        }
        if Mdd::is_leaf(a) && Mdd::is_leaf(b) {
            return Ok(match pick {
                Pick::Least => a.min(b),
                Pick::Most => a.max(b),
            });
        }
        let key = (a.min(b), a.max(b));
        let memo = match pick {
            Pick::Least => &self.min_memo,
            Pick::Most => &self.max_memo,
        };
        if let Some(&done) = memo.get(&key) {
            return Ok(done);
        }
        self.step()?;
        let q = self.question_of(a).min(self.question_of(b));
        let mut kids = Vec::with_capacity(self.sizes[q]);
        for answer in 0..self.sizes[q] {
            let (x, y) = (self.child(a, q, answer), self.child(b, q, answer));
            kids.push(self.pick(x, y, pick)?);
        }
        let done = self.node(q, &kids)?;
        match pick {
            Pick::Least => self.min_memo.insert(key, done),
            Pick::Most => self.max_memo.insert(key, done),
        };
        Ok(done)
    }

    /// The smallest of `parts`, answer set by answer set (`empty` when there are none),
    /// taken in pairs, then pairs of pairs: intermediate diagrams stay near the size of
    /// the parts they join, where one long fold drags a large diagram along.
    pub fn min_all(&mut self, mut parts: Vec<NodeId>, empty: NodeId) -> Result<NodeId, OverBudget> {
        while parts.len() > 1 {
            let mut joined = Vec::with_capacity(parts.len().div_ceil(2));
            for pair in parts.chunks(2) {
                joined.push(match *pair {
                    [a, b] => self.min(a, b)?,
                    _ => pair[0],
                });
            }
            parts = joined;
        }
        Ok(parts.first().copied().unwrap_or(empty))
    }

    /// The most urgent value any answer to question `q` gives: what "I'm not sure"
    /// (or not asking `q`) means.
    pub fn project(&mut self, node: NodeId, q: usize) -> Result<NodeId, OverBudget> {
        self.project_by(node, q, Pick::Least)
    }

    /// The least urgent value any answer to question `q` gives: with [`Mdd::leaves`],
    /// whether some answer to it could have led to less urgent care.
    pub fn project_most(&mut self, node: NodeId, q: usize) -> Result<NodeId, OverBudget> {
        self.project_by(node, q, Pick::Most)
    }

    fn project_by(&mut self, node: NodeId, q: usize, pick: Pick) -> Result<NodeId, OverBudget> {
        let first = self.question_of(node);
        if first > q {
            return Ok(node);
        }
        let key = (node, q as u16, pick == Pick::Most);
        if let Some(&done) = self.project_memo.get(&key) {
            return Ok(done);
        }
        self.step()?;
        let kids = self.kids(node).to_vec();
        let done = if first == q {
            let mut most = kids[0];
            for &kid in &kids[1..] {
                most = self.pick(most, kid, pick)?;
            }
            most
        } else {
            let mut projected = Vec::with_capacity(kids.len());
            for kid in kids {
                projected.push(self.project_by(kid, q, pick)?);
            }
            self.node(first, &projected)?
        };
        self.project_memo.insert(key, done);
        Ok(done)
    }

    /// The smallest (most urgent) leaf under `node`: its value when nothing more is
    /// known.
    pub fn least(&mut self, node: NodeId) -> NodeId {
        self.leaves(node).trailing_zeros()
    }

    /// The leaves under `node`, as a bit set (bit `v` for leaf `v`): the values the
    /// questions it asks can still lead to.
    pub fn leaves(&mut self, node: NodeId) -> u64 {
        if Mdd::is_leaf(node) {
            return 1 << node;
        }
        if let Some(&done) = self.leaves_memo.get(&node) {
            return done;
        }
        let leaves = self
            .kids(node)
            .to_vec()
            .into_iter()
            .fold(0, |all, kid| all | self.leaves(kid));
        self.leaves_memo.insert(node, leaves);
        leaves
    }

    /// `node` with every leaf `v` replaced by `to(v)`: a care diagram read as "the
    /// level is urgent" ([`HOLDS`]/[`FAILS`]), for one.
    pub fn map_leaves(
        &mut self,
        node: NodeId,
        to: &impl Fn(NodeId) -> NodeId,
        memo: &mut FxHashMap<NodeId, NodeId>,
    ) -> Result<NodeId, OverBudget> {
        if Mdd::is_leaf(node) {
            return Ok(to(node));
        }
        if let Some(&done) = memo.get(&node) {
            return Ok(done);
        }
        self.step()?;
        let q = self.question_of(node);
        let mut kids = self.kids(node).to_vec();
        for kid in &mut kids {
            *kid = self.map_leaves(*kid, to, memo)?;
        }
        let done = self.node(q, &kids)?;
        memo.insert(node, done);
        Ok(done)
    }

    /// The care level and action of every full set of answers to `triage`'s
    /// questions (whose answer counts this store was made with), as a diagram whose
    /// leaves are [`care_leaf`]s: the most urgent entry that holds, else `otherwise`;
    /// at that level, the first topic outcome's own action that holds.
    pub fn care_level(&mut self, triage: &Triage) -> Result<NodeId, OverBudget> {
        // While building, "no rule holds" is a leaf less urgent than every level, so
        // that `min` keeps any level that holds; it then becomes `otherwise`'s level.
        const NO_RULE: NodeId = CareLevel::ALL.len() as NodeId * SLOTS;
        let mut parts = Vec::new();
        for condition in &triage.conditions {
            for rule in &condition.rules {
                let leaf = care_leaf(triage, rule.level, None);
                parts.push(self.entry(&rule.when, leaf, NO_RULE)?);
            }
        }
        for (index, outcome) in triage.outcomes.iter().enumerate() {
            let leaf = care_leaf(triage, outcome.level, Some(index));
            for entry in &outcome.when {
                parts.push(self.entry(entry, leaf, NO_RULE)?);
            }
        }
        let level = self.min_all(parts, NO_RULE)?;
        let otherwise = care_leaf(triage, triage.otherwise.level, None);
        let to = |leaf| if leaf == NO_RULE { otherwise } else { leaf };
        self.map_leaves(level, &to, &mut FxHashMap::default())
    }

    /// How many nodes (not leaves) the diagram from `root` has.
    pub fn size(&self, root: NodeId) -> usize {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if !Mdd::is_leaf(node) && seen.insert(node) {
                stack.extend_from_slice(self.kids(node));
            }
        }
        seen.len()
    }

    /// The value for one full set of answers.
    #[cfg(test)]
    fn evaluate(&self, mut node: NodeId, answers: &[usize]) -> NodeId {
        while !Mdd::is_leaf(node) {
            let q = self.question_of(node);
            node = self.kids(node)[answers[q]];
        }
        node
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_functions_are_the_same_node() {
        let mut mdd = Mdd::new(vec![2, 3], 1000);
        // q0 = a0 and q1 in {a1, a2}, built in two orders of the same entry.
        let one = mdd
            .entry(&vec![(0, 0b01), (1, 0b110)], HOLDS, FAILS)
            .unwrap();
        let two = mdd
            .entry(&vec![(1, 0b110), (0, 0b01)], HOLDS, FAILS)
            .unwrap();
        assert_eq!(one, two);
        // "or" with itself is itself; "or" with its complement on q0 holds everywhere
        // that q1 allows.
        assert_eq!(mdd.min(one, one).unwrap(), one);
        let other = mdd
            .entry(&vec![(0, 0b10), (1, 0b110)], HOLDS, FAILS)
            .unwrap();
        let either = mdd.min(one, other).unwrap();
        assert_eq!(mdd.question_of(either), 1, "q0 no longer matters");
        assert_eq!(mdd.evaluate(either, &[1, 2]), HOLDS);
        assert_eq!(mdd.evaluate(either, &[1, 0]), FAILS);
        // Not sure of q1: some answer to it holds.
        assert_eq!(mdd.project(either, 1).unwrap(), HOLDS);
        assert_eq!(mdd.least(one), HOLDS);
    }

    #[test]
    fn the_budget_is_kept() {
        let mut mdd = Mdd::new(vec![2; 8], 3);
        let entry: Alternative = (0..8).map(|q| (q, 0b01)).collect();
        assert_eq!(mdd.entry(&entry, HOLDS, FAILS), Err(OverBudget));
    }
}
