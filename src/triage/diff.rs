//! What a change to a topic's rules does to patients: every group of answers whose
//! care level, listed conditions or topic advice differ between two versions of a
//! decision tree.
//!
//! The two versions are compared over every full set of answers to the questions of
//! either: a question only one version asks is ignored by the other, and an answer id
//! only one version has (added, or renamed) is an answer set the other cannot be given.
//!
//! Answer sets are never gone through one by one (a tree of 40 questions has more than
//! could be). Both versions' meanings are built as decision diagrams ([`Mdd`]) over the
//! questions of both: each version's care level, and each condition's and topic
//! outcome's match. The questions are then taken in order, every diagram following
//! each answer; answers that leave the same diagrams lead to the same differences, so
//! each such state is worked out once, and the result is a decision diagram of the
//! differences. Its paths are groups of answers, and groups that changed the same way
//! are merged into as few as a clinician can read: where a group holds every answer to
//! a question, that question is left out of its description ("whatever the answer").

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::care::CareLevel;
use crate::triage::mdd::{FAILS, Mdd, NodeId};
use crate::triage::model::{Alternative, Question, Triage};
use crate::triage::translation::untranslated;

/// The most states (a question, and what is left of each version's diagrams) a diff
/// works out; past it, it says so rather than run for long.
pub const MAX_STATES: usize = 2_000_000;

/// The most groups of answers a diff lists before merging them; past it, it says so
/// (a change that touches that many scattered groups cannot be read anyway).
pub const MAX_GROUPS: usize = 100_000;

/// What one version tells a patient for one set of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    pub level: CareLevel,
    /// The conditions listed, as (file without language, title), in file order.
    pub conditions: Vec<(String, String)>,
    /// The ids of the topic outcomes whose advice is given.
    pub advice: Vec<String>,
}

/// How the advice for some answers changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The care level before and after; `None` where that version cannot be given
    /// these answers (an answer it does not have).
    pub old: Option<CareLevel>,
    pub new: Option<CareLevel>,
    /// Titles of the conditions listed now and not before, and before and not now.
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Ids of the topic outcomes whose advice is given now and not before, and before
    /// and not now.
    pub advice_added: Vec<String>,
    pub advice_removed: Vec<String>,
}

impl Change {
    fn between(old: Option<&Told>, new: Option<&Told>) -> Change {
        let names = |from: Option<&Told>, not_in: Option<&Told>| match (from, not_in) {
            (Some(from), Some(not_in)) => from
                .conditions
                .iter()
                .filter(|c| !not_in.conditions.iter().any(|n| n.0 == c.0))
                .map(|c| c.1.clone())
                .collect(),
            _ => Vec::new(),
        };
        let advice = |from: Option<&Told>, not_in: Option<&Told>| match (from, not_in) {
            (Some(from), Some(not_in)) => from
                .advice
                .iter()
                .filter(|a| !not_in.advice.contains(a))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        Change {
            old: old.map(|t| t.level),
            new: new.map(|t| t.level),
            added: names(new, old),
            removed: names(old, new),
            advice_added: advice(new, old),
            advice_removed: advice(old, new),
        }
    }

    /// The care level went down: over-triage is harm too, but a lower level needs a
    /// clinician's explicit sign-off.
    pub fn is_lower(&self) -> bool {
        matches!((self.old, self.new), (Some(old), Some(new)) if old.is_more_urgent_than(new))
    }
}

/// Answer sets that changed the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// (question id, answer labels) of each question the group is narrowed by, in the
    /// order of the questions; empty for "every set of answers".
    pub answers: Vec<(String, String)>,
    /// Per question of [`TopicDiff::questions`], the group's answers as a bit mask
    /// (bit `i`: [`TopicDiff::questions`]' answer `i`).
    pub masks: Vec<u64>,
    pub change: Change,
}

impl Group {
    pub fn is_lower(&self) -> bool {
        self.change.is_lower()
    }
}

/// How a topic's tree changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicDiff {
    /// Every full set of answers compared.
    pub answer_sets: u128,
    /// The questions of both versions, as (id, answer ids): the new version's first.
    pub questions: Vec<(String, Vec<String>)>,
    pub groups: Vec<Group>,
}

/// One question of both versions: its id, its answers (the new version's first, then
/// any only the old one has) as (id, label), and where it is in each version.
struct Joint {
    id: String,
    answers: Vec<(String, String)>,
    /// Per joint answer: its index in the old / new version's question, if it has it.
    old: Option<(usize, Vec<Option<usize>>)>,
    new: Option<(usize, Vec<Option<usize>>)>,
}

/// Compares two versions of a topic's tree, or says why it cannot.
pub fn diff(old: &Triage, new: &Triage) -> Result<TopicDiff, String> {
    let joint = joint_questions(old, new);
    let answer_sets = joint
        .iter()
        .map(|q| q.answers.len() as u128)
        .try_fold(1u128, u128::checked_mul)
        .unwrap_or(u128::MAX);
    let (mut differences, start) = Differences::new(old, new, &joint)?;
    let root = differences.node(0, &start)?;
    // Answer sets are grouped by how they changed (the levels, and the conditions
    // added and removed), not by all they list: so a change reads as one group.
    let mut changed: BTreeMap<usize, Vec<Vec<u64>>> = BTreeMap::new();
    let mut cube: Vec<u64> = joint.iter().map(|q| full(q.answers.len())).collect();
    let mut groups_found = 0;
    differences.paths(root, &mut cube, &mut |change, cube| {
        groups_found += 1;
        if groups_found > MAX_GROUPS {
            return Err(format!(
                "the change touches more than {MAX_GROUPS} separate groups of answers"
            ));
        }
        changed.entry(change).or_default().push(cube.to_vec());
        Ok(())
    })?;
    // In the order of the changes (what they were, then what they are), so the
    // report reads the same run after run.
    let mut changed: Vec<(&Change, Vec<Vec<u64>>)> = changed
        .into_iter()
        .map(|(change, cubes)| (&differences.changes[change], cubes))
        .collect();
    changed.sort_by(|a, b| a.0.cmp(b.0));
    let mut groups = Vec::new();
    for (change, cubes) in changed {
        for cube in merge(cubes, &joint) {
            let answers = cube
                .iter()
                .zip(&joint)
                .filter(|(mask, q)| mask.count_ones() as usize != q.answers.len())
                .map(|(mask, q)| {
                    let labels: Vec<&str> = (0..q.answers.len())
                        .filter(|a| mask & (1 << a) != 0)
                        .map(|a| q.answers[a].1.as_str())
                        .collect();
                    (q.id.clone(), labels.join(" / "))
                })
                .collect();
            groups.push(Group {
                answers,
                masks: cube,
                change: change.clone(),
            });
        }
    }
    // Lowered care first, then by how urgent the new advice is.
    groups.sort_by_key(|g| (!g.is_lower(), g.change.new));
    Ok(TopicDiff {
        answer_sets,
        questions: joint
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    q.answers.iter().map(|a| a.0.clone()).collect(),
                )
            })
            .collect(),
        groups,
    })
}

/// Every answer of a question of `n` answers, as a bit mask.
fn full(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// For tests: how every full set of answers (an answer index per question of
/// [`TopicDiff::questions`]) changed, found by trying each one: what [`diff`]'s groups
/// must say. Only for small trees.
pub fn changes_by_enumeration(old: &Triage, new: &Triage) -> BTreeMap<Vec<usize>, Change> {
    let joint = joint_questions(old, new);
    let mut changes = BTreeMap::new();
    let mut answers = vec![0usize; joint.len()];
    loop {
        let before = told(old, &joint, &answers, |q| q.old.as_ref());
        let after = told(new, &joint, &answers, |q| q.new.as_ref());
        if before != after {
            changes.insert(
                answers.clone(),
                Change::between(before.as_ref(), after.as_ref()),
            );
        }
        if !next(&mut answers, &joint) {
            return changes;
        }
    }
}

/// A node of the diagram of differences: a leaf (how the answers that reach it
/// changed, as an index into [`Differences::changes`], or `None` for no change), or
/// a question with a child per joint answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Node {
    Leaf(Option<usize>),
    Question(usize, Vec<usize>),
}

/// In a state's key: a version that cannot be given the answers so far.
const NOT_GIVEN: NodeId = NodeId::MAX;
/// In a state's key: a condition both versions match for exactly the same answers
/// from here on (it is never listed as added or removed).
const SAME: NodeId = NodeId::MAX - 1;

/// What is left, after the answers so far, of what each version tells a patient: per
/// version (old, new), its care level's diagram, each condition's and each topic
/// outcome's match, and whether it can be given these answers at all.
#[derive(Clone)]
struct State {
    valid: [bool; 2],
    level: [NodeId; 2],
    conditions: Vec<[NodeId; 2]>,
    outcomes: Vec<[NodeId; 2]>,
}

/// Conditions (by file) or topic outcomes (by id) of both versions, each with its
/// match in the old and the new version ([`FAILS`] in one that does not have it).
#[derive(Default)]
struct Paired {
    keys: Vec<String>,
    nodes: Vec<[NodeId; 2]>,
}

impl Paired {
    fn set(&mut self, key: String, version: usize, node: NodeId) {
        let at = match self.keys.iter().position(|k| *k == key) {
            Some(at) => at,
            None => {
                self.keys.push(key);
                self.nodes.push([FAILS, FAILS]);
                self.nodes.len() - 1
            }
        };
        self.nodes[at][version] = node;
    }
}

/// Works out the diagram of differences between two versions, state by state.
struct Differences<'a> {
    joint: &'a [Joint],
    old: &'a Triage,
    new: &'a Triage,
    mdd: Mdd,
    /// The answers so far, one per joint question before the current one.
    answers: Vec<usize>,
    nodes: Vec<Node>,
    interned: FxHashMap<Node, usize>,
    /// (question, the state as [`Differences::key`] has it) → node.
    memo: FxHashMap<(usize, Vec<NodeId>), usize>,
    changes: Vec<Change>,
    change_index: BTreeMap<Change, usize>,
}

impl<'a> Differences<'a> {
    /// The store of diagrams over the joint questions, and the state before any answer.
    fn new(
        old: &'a Triage,
        new: &'a Triage,
        joint: &'a [Joint],
    ) -> Result<(Differences<'a>, State), String> {
        let sizes = joint.iter().map(|q| q.answers.len()).collect();
        let mut mdd = Mdd::new(sizes, MAX_STATES * 10);
        let too_large = |_| {
            format!(
                "the two versions' rules are too large to compare (more than {MAX_STATES} states)"
            )
        };
        let versions = [
            on_joint(old, joint, |q| q.old.as_ref()),
            on_joint(new, joint, |q| q.new.as_ref()),
        ];
        let level = [
            mdd.care_level(&versions[0]).map_err(too_large)?,
            mdd.care_level(&versions[1]).map_err(too_large)?,
        ];
        // Conditions are paired by file, topic outcomes by id; one missing from a
        // version never matches there.
        let (mut conditions, mut outcomes) = (Paired::default(), Paired::default());
        for (v, version) in versions.iter().enumerate() {
            for c in &version.conditions {
                let node = mdd
                    .matches(c.rules.iter().map(|r| &r.when))
                    .map_err(too_large)?;
                conditions.set(untranslated(&c.key, &version.lang), v, node);
            }
            for o in &version.outcomes {
                let node = mdd.matches(o.when.iter()).map_err(too_large)?;
                outcomes.set(o.id.clone(), v, node);
            }
        }
        let differences = Differences {
            joint,
            old,
            new,
            mdd,
            answers: vec![0; joint.len()],
            nodes: Vec::new(),
            interned: FxHashMap::default(),
            memo: FxHashMap::default(),
            changes: Vec::new(),
            change_index: BTreeMap::new(),
        };
        let state = State {
            valid: [true; 2],
            level,
            conditions: conditions.nodes,
            outcomes: outcomes.nodes,
        };
        Ok((differences, state))
    }

    /// `state` as a memo key: what decides, for every way of answering the rest, how
    /// the outcome changes. A condition whose match is the same function in both
    /// versions from here on is never added or removed, so it is left out. When a
    /// version cannot be given these answers, only the other's level is said to change
    /// (nothing is listed as added or removed), so only that is kept.
    fn key(state: &State) -> Vec<NodeId> {
        let of = |v: usize, node: NodeId| if state.valid[v] { node } else { NOT_GIVEN };
        let mut key = vec![of(0, state.level[0]), of(1, state.level[1])];
        if state.valid != [true; 2] {
            return key;
        }
        key.reserve(2 * (state.conditions.len() + state.outcomes.len()));
        for &[old, new] in &state.conditions {
            if old == new {
                key.extend([SAME, SAME]);
            } else {
                key.extend([old, new]);
            }
        }
        for &[old, new] in &state.outcomes {
            key.extend([old, new]);
        }
        key
    }

    /// The diagram from joint question `q` on, from `state`.
    fn node(&mut self, q: usize, state: &State) -> Result<usize, String> {
        if q == self.joint.len() {
            let change = self.change_here();
            return Ok(self.intern(Node::Leaf(change)));
        }
        let key = (q, Differences::key(state));
        if let Some(&node) = self.memo.get(&key) {
            return Ok(node);
        }
        if self.memo.len() >= MAX_STATES {
            return Err(format!(
                "the two versions' rules leave more than {MAX_STATES} different states to compare"
            ));
        }
        let mut children = Vec::with_capacity(self.joint[q].answers.len());
        for a in 0..self.joint[q].answers.len() {
            self.answers[q] = a;
            let next = self.answer(state, q, a);
            children.push(self.node(q + 1, &next)?);
        }
        let node = if children.iter().all(|&c| c == children[0]) {
            children[0]
        } else {
            self.intern(Node::Question(q, children))
        };
        self.memo.insert(key, node);
        Ok(node)
    }

    /// `state` after answer `a` to joint question `q`: each diagram follows the
    /// answer, and a version that does not have that answer can no longer be given
    /// these answers.
    fn answer(&self, state: &State, q: usize, a: usize) -> State {
        let joint = &self.joint[q];
        let mut next = state.clone();
        for (v, place) in [&joint.old, &joint.new].into_iter().enumerate() {
            if place.as_ref().is_some_and(|(_, map)| map[a].is_none()) {
                next.valid[v] = false;
            }
            if !next.valid[v] {
                continue;
            }
            next.level[v] = self.mdd.child(state.level[v], q, a);
            for pair in next.conditions.iter_mut().chain(next.outcomes.iter_mut()) {
                pair[v] = self.mdd.child(pair[v], q, a);
            }
        }
        next
    }

    /// How the full set of answers given changed, if it did.
    fn change_here(&mut self) -> Option<usize> {
        let before = told(self.old, self.joint, &self.answers, |q| q.old.as_ref());
        let after = told(self.new, self.joint, &self.answers, |q| q.new.as_ref());
        if before == after {
            return None;
        }
        let change = Change::between(before.as_ref(), after.as_ref());
        let next = self.changes.len();
        let index = *self.change_index.entry(change.clone()).or_insert(next);
        if index == next {
            self.changes.push(change);
        }
        Some(index)
    }

    fn intern(&mut self, node: Node) -> usize {
        if let Some(&index) = self.interned.get(&node) {
            return index;
        }
        self.nodes.push(node.clone());
        self.interned.insert(node, self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    /// Calls `found` with every path from `node` to a change, as the answers it holds
    /// per question (`cube`: those of the path so far, every answer elsewhere). The
    /// answers of one question that lead to the same node are one path.
    fn paths(
        &self,
        node: usize,
        cube: &mut [u64],
        found: &mut impl FnMut(usize, &[u64]) -> Result<(), String>,
    ) -> Result<(), String> {
        match &self.nodes[node] {
            Node::Leaf(None) => Ok(()),
            Node::Leaf(Some(change)) => found(*change, cube),
            Node::Question(q, children) => {
                let mut by_child: BTreeMap<usize, u64> = BTreeMap::new();
                for (a, &child) in children.iter().enumerate() {
                    *by_child.entry(child).or_default() |= 1 << a;
                }
                let all = cube[*q];
                for (child, answers) in by_child {
                    cube[*q] = answers;
                    self.paths(child, cube, found)?;
                }
                cube[*q] = all;
                Ok(())
            }
        }
    }
}

/// `triage` with its questions, answers and rules on the joint questions: question
/// `q` is joint question `q` (a question it does not ask is one no rule names), and
/// an answer is the joint answer of the same id.
fn on_joint(
    triage: &Triage,
    joint: &[Joint],
    version: impl Fn(&Joint) -> Option<&(usize, Vec<Option<usize>>)>,
) -> Triage {
    // Per own question: its joint index, and per own answer its joint answer.
    let mut own: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); triage.questions.len()];
    for (j, q) in joint.iter().enumerate() {
        if let Some((qi, map)) = version(q) {
            let mut answers = vec![0; triage.questions[*qi].answers.len()];
            for (joint_answer, own_answer) in map.iter().enumerate() {
                if let Some(a) = own_answer {
                    answers[*a] = joint_answer;
                }
            }
            own[*qi] = (j, answers);
        }
    }
    let remap = |when: &Alternative| -> Alternative {
        when.iter()
            .map(|&(q, allowed)| {
                let (j, answers) = &own[q];
                let mask = answers
                    .iter()
                    .enumerate()
                    .filter(|(a, _)| allowed & (1 << a) != 0)
                    .fold(0u64, |mask, (_, &joint_answer)| mask | 1 << joint_answer);
                (*j, mask)
            })
            .collect()
    };
    let mut on_joint = triage.clone();
    on_joint.questions = joint
        .iter()
        .map(|q| {
            let ids: Vec<&str> = q.answers.iter().map(|(id, _)| id.as_str()).collect();
            Question::simple(&q.id, &ids)
        })
        .collect();
    for c in &mut on_joint.conditions {
        for r in &mut c.rules {
            r.when = remap(&r.when);
        }
    }
    for o in &mut on_joint.outcomes {
        o.when = o.when.iter().map(remap).collect();
    }
    on_joint
}

fn joint_questions(old: &Triage, new: &Triage) -> Vec<Joint> {
    let mut joint: Vec<Joint> = Vec::new();
    for question in new.questions.iter().chain(&old.questions) {
        let at = match joint.iter().position(|j| j.id == question.id) {
            Some(at) => at,
            None => {
                joint.push(Joint {
                    id: question.id.clone(),
                    answers: Vec::new(),
                    old: None,
                    new: None,
                });
                joint.len() - 1
            }
        };
        let answers = &mut joint[at].answers;
        for answer in &question.answers {
            if !answers.iter().any(|(id, _)| *id == answer.id) {
                answers.push((answer.id.clone(), answer.label.clone()));
            }
        }
    }
    for j in &mut joint {
        j.old = place(old, &j.id, &j.answers);
        j.new = place(new, &j.id, &j.answers);
    }
    joint
}

/// Where the joint question `id` is in one version: its index there and, per joint
/// answer, that answer's index there; `None` when that version does not ask it.
fn place(
    triage: &Triage,
    id: &str,
    answers: &[(String, String)],
) -> Option<(usize, Vec<Option<usize>>)> {
    let qi = triage.questions.iter().position(|q| q.id == id)?;
    let question = &triage.questions[qi];
    let map = answers
        .iter()
        .map(|(id, _)| question.answers.iter().position(|a| a.id == *id))
        .collect();
    Some((qi, map))
}

/// What `triage` (one version) tells a patient who gave `answers` (per joint
/// question), or `None` when one of them is not an answer that version has.
fn told(
    triage: &Triage,
    joint: &[Joint],
    answers: &[usize],
    version: impl Fn(&Joint) -> Option<&(usize, Vec<Option<usize>>)>,
) -> Option<Told> {
    let mut own = vec![0usize; triage.questions.len()];
    for (q, &a) in joint.iter().zip(answers) {
        if let Some((qi, map)) = version(q) {
            own[*qi] = map[a]?;
        }
    }
    let outcome = triage.evaluate(&own);
    Some(Told {
        level: outcome.level,
        conditions: outcome
            .conditions
            .iter()
            .map(|&c| {
                let c = &triage.conditions[c];
                (untranslated(&c.key, &triage.lang), c.title.clone())
            })
            .collect(),
        advice: outcome
            .advice
            .iter()
            .map(|&o| triage.outcomes[o].id.clone())
            .collect(),
    })
}

/// The next full set of answers, the last question fastest; false after the last.
fn next(answers: &mut [usize], joint: &[Joint]) -> bool {
    for q in (0..answers.len()).rev() {
        answers[q] += 1;
        if answers[q] < joint[q].answers.len() {
            return true;
        }
        answers[q] = 0;
    }
    false
}

/// Merges answer sets into groups: sets that differ in only one question become one
/// set with the answers of both to that question, question by question until nothing
/// merges. Each group is a set of answers per question (a bit mask); the groups come
/// in order of their masks, so a report reads the same run after run.
fn merge(mut cubes: Vec<Vec<u64>>, joint: &[Joint]) -> Vec<Vec<u64>> {
    loop {
        let before = cubes.len();
        for q in 0..joint.len() {
            // The groups by all but question `q`, in the order first seen.
            let mut index: FxHashMap<Vec<u64>, usize> = FxHashMap::default();
            let mut merged: Vec<Vec<u64>> = Vec::with_capacity(cubes.len());
            for mut cube in cubes {
                let answers = std::mem::take(&mut cube[q]);
                match index.get(&cube) {
                    Some(&at) => merged[at][q] |= answers,
                    None => {
                        index.insert(cube.clone(), merged.len());
                        cube[q] = answers;
                        merged.push(cube);
                    }
                }
            }
            cubes = merged;
        }
        if cubes.len() == before {
            cubes.sort_unstable();
            return cubes;
        }
    }
}

/// A diff in plain words, one line per group:
/// `faint: No; pain: Pain low down on one side: emergency → urgent (LOWER)`.
pub fn describe(topic: &str, diff: &TopicDiff) -> String {
    let mut out = format!(
        "{topic}: {} ({} sets of answers compared)\n",
        match diff.groups.len() {
            0 => "no change to what any patient is told".to_string(),
            1 => "1 group of answers changed".to_string(),
            n => format!("{n} groups of answers changed"),
        },
        diff.answer_sets
    );
    for group in &diff.groups {
        let answers = if group.answers.is_empty() {
            "every set of answers".to_string()
        } else {
            group
                .answers
                .iter()
                .map(|(q, a)| format!("{q}: {a}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let change = &group.change;
        let old = change.old.map_or("(not an answer before)", CareLevel::id);
        let new = change.new.map_or("(no longer an answer)", CareLevel::id);
        let mut line = format!("  {answers}: {old} → {new}");
        if change.is_lower() {
            line.push_str(" (LOWER)");
        }
        if !change.added.is_empty() {
            line.push_str(&format!("; now lists {}", change.added.join(", ")));
        }
        if !change.removed.is_empty() {
            line.push_str(&format!("; no longer lists {}", change.removed.join(", ")));
        }
        if !change.advice_added.is_empty() {
            line.push_str(&format!("; now advises {}", change.advice_added.join(", ")));
        }
        if !change.advice_removed.is_empty() {
            line.push_str(&format!(
                "; no longer advises {}",
                change.advice_removed.join(", ")
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::model::{Otherwise, Question, Rule, TriageCondition};

    /// `n` yes/no questions; one condition, urgent when the last is answered yes.
    fn long(n: usize, level: CareLevel) -> Triage {
        Triage {
            topic: "t".into(),
            lang: "en".into(),
            title: "T".into(),
            questions: (0..n)
                .map(|i| Question::simple(&format!("q{i}"), &["yes", "no"]))
                .collect(),
            conditions: vec![TriageCondition::simple(
                "c",
                vec![Rule {
                    level,
                    when: vec![(n - 1, 0b01)],
                }],
            )],
            outcomes: Vec::new(),
            otherwise: Otherwise {
                level: CareLevel::SelfCare,
                advice: "Rest.".into(),
            },
        }
    }

    #[test]
    fn more_answer_sets_than_could_be_tried_are_compared() {
        // 2^40 answer sets: compared state by state, in a moment.
        let d = diff(&long(40, CareLevel::Urgent), &long(40, CareLevel::Routine)).unwrap();
        assert_eq!(d.answer_sets, 1 << 40);
        assert_eq!(d.groups.len(), 1, "{d:?}");
        let group = &d.groups[0];
        assert_eq!(group.answers, vec![("q39".to_string(), "yes".to_string())]);
        assert!(group.is_lower());
        assert_eq!(
            describe("t", &d),
            "t: 1 group of answers changed (1099511627776 sets of answers compared)\n  q39: yes: urgent → routine (LOWER)\n"
        );
    }
}
