//! What an outcome page says beyond its care level and action: only what is true for
//! *every* way of reaching it (SPEC §5), so the pages grow with the diagram, never
//! with the paths.
//!
//! For each outcome node of a compiled diagram:
//! - **why**: the rule entries at its level that some path to it *meets* (every
//!   question of the entry answered with an allowed answer, or "I'm not sure");
//! - **conditions**: those with an entry at its level that some path to it leaves
//!   possible (no question of the entry answered otherwise): signposting, never a
//!   diagnosis, and never a condition whose rules do not reach this level;
//! - **advice**: the topic outcomes at its level with an entry every path to it
//!   satisfies (each question answered with an allowed answer);
//! - **otherwise**: the `otherwise` advice, when no path meets any entry at its level.
//!
//! Each is worked out on the diagram, an entry at a time, in one pass over its edges
//! from the root (children are created before their parents, so the nodes in reverse
//! are in order from the root): the work grows with the diagram times the entries.
//! [`narrow`] is the same for one patient's answers, as `triage.js` does it.

use crate::care::CareLevel;
use crate::triage::compile::{Diagram, NodeKind};
use crate::triage::model::{Alternative, Triage};

/// Whose an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Owner {
    /// Index into [`Triage::conditions`].
    Condition(usize),
    /// Index into [`Triage::outcomes`].
    Outcome(usize),
}

/// One rule entry of the tree: a condition's rule or a topic outcome's alternative.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub level: CareLevel,
    pub owner: Owner,
    pub when: &'a Alternative,
}

/// Every entry of `triage`, the conditions' first, in [`Triage::entries`] order.
pub(crate) fn entries(triage: &Triage) -> Vec<Entry<'_>> {
    let conditions = triage.conditions.iter().enumerate().flat_map(|(c, cond)| {
        cond.rules.iter().map(move |r| Entry {
            level: r.level,
            owner: Owner::Condition(c),
            when: &r.when,
        })
    });
    let outcomes = triage.outcomes.iter().enumerate().flat_map(|(o, out)| {
        out.when.iter().map(move |w| Entry {
            level: out.level,
            owner: Owner::Outcome(o),
            when: w,
        })
    });
    conditions.chain(outcomes).collect()
}

/// What every path to one outcome node shares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shared {
    /// Indices into [`entries`]: why, as the rules that lead here.
    pub reasons: Vec<usize>,
    /// Indices into [`Triage::conditions`], most urgent first.
    pub conditions: Vec<usize>,
    /// Indices into [`Triage::outcomes`] whose advice every path here calls for.
    pub advice: Vec<usize>,
    /// No entry at this level leads here: the `otherwise` advice applies.
    pub otherwise: bool,
}

/// What one way into a node may be: by an answer, or by "I'm not sure".
#[derive(Clone, Copy)]
struct Edge {
    parent: usize,
    question: usize,
    /// `None` for "I'm not sure".
    answer: Option<usize>,
}

/// Per node, what every path to it shares (`None` for question nodes).
pub fn shared(triage: &Triage, diagram: &Diagram) -> Vec<Option<Shared>> {
    let n = diagram.nodes.len();
    let mut incoming: Vec<Vec<Edge>> = vec![Vec::new(); n];
    for (parent, node) in diagram.nodes.iter().enumerate() {
        if let NodeKind::Question {
            question,
            answers,
            unsure,
        } = &node.kind
        {
            for (a, &child) in answers.iter().enumerate() {
                incoming[child].push(Edge {
                    parent,
                    question: *question,
                    answer: Some(a),
                });
            }
            if let Some(child) = *unsure {
                incoming[child].push(Edge {
                    parent,
                    question: *question,
                    answer: None,
                });
            }
        }
    }
    let asks = |node: usize| match &diagram.nodes[node].kind {
        NodeKind::Question { question, .. } => *question,
        NodeKind::Outcome(_) => usize::MAX,
    };
    let entries = entries(triage);
    let mut out: Vec<Option<Shared>> = diagram
        .nodes
        .iter()
        .map(|node| match node.kind {
            NodeKind::Outcome(_) => Some(Shared::default()),
            NodeKind::Question { .. } => None,
        })
        .collect();
    let level_of = |node: usize| match &diagram.nodes[node].kind {
        NodeKind::Outcome(o) => Some(o.level),
        NodeKind::Question { .. } => None,
    };
    let questions = triage.questions.len();
    for (index, entry) in entries.iter().enumerate() {
        let allowed = |q: usize| entry.when.iter().find(|(eq, _)| *eq == q).map(|&(_, a)| a);
        // How many of the entry's questions come before question `q`.
        let mut before = vec![0usize; questions + 1];
        for q in 0..questions {
            before[q + 1] = before[q] + usize::from(allowed(q).is_some());
        }
        let skipped_between = |from: usize, to: usize| {
            let to = to.min(questions);
            from + 1 < to && before[to] > before[from + 1]
        };
        let fits = |edge: &Edge| match (allowed(edge.question), edge.answer) {
            (None, _) | (Some(_), None) => true,
            (Some(mask), Some(a)) => mask & (1 << a) != 0,
        };
        let mut met = vec![false; n];
        let mut possible = vec![false; n];
        met[diagram.root] = before[asks(diagram.root).min(questions)] == 0;
        possible[diagram.root] = true;
        for node in (0..n).rev() {
            for edge in &incoming[node] {
                let ok = fits(edge);
                possible[node] |= possible[edge.parent] && ok;
                met[node] |= met[edge.parent] && ok && !skipped_between(edge.question, asks(node));
            }
        }
        for (node, shared) in out.iter_mut().enumerate() {
            let Some(shared) = shared else { continue };
            if level_of(node) != Some(entry.level) {
                continue;
            }
            if met[node] {
                shared.reasons.push(index);
            }
            if let (true, Owner::Condition(c)) = (possible[node], entry.owner)
                && !shared.conditions.contains(&c)
            {
                shared.conditions.push(c);
            }
        }
    }
    advice(triage, diagram, &incoming, &mut out);
    for (node, shared) in out.iter_mut().enumerate() {
        if let Some(shared) = shared {
            shared.conditions.sort_unstable();
            shared.otherwise =
                shared.reasons.is_empty() && level_of(node) == Some(triage.otherwise.level);
        }
    }
    out
}

/// The topic outcomes every path to each outcome node calls for: one of its entries
/// whose every question is answered with an allowed answer on every path there.
fn advice(triage: &Triage, diagram: &Diagram, incoming: &[Vec<Edge>], out: &mut [Option<Shared>]) {
    let n = diagram.nodes.len();
    for (o, outcome) in triage.outcomes.iter().enumerate() {
        let mut applies = vec![false; n];
        for when in &outcome.when {
            let mut all = vec![true; n];
            for &(q, mask) in when {
                // Whether every path to the node has answered `q` with an allowed answer.
                let mut sure = vec![false; n];
                for node in (0..n).rev() {
                    if node == diagram.root || incoming[node].is_empty() {
                        continue;
                    }
                    sure[node] = incoming[node].iter().all(|e| {
                        sure[e.parent]
                            || (e.question == q && e.answer.is_some_and(|a| mask & (1 << a) != 0))
                    });
                }
                for (all, sure) in all.iter_mut().zip(&sure) {
                    *all &= *sure;
                }
            }
            for (applies, all) in applies.iter_mut().zip(&all) {
                *applies |= *all;
            }
        }
        for (node, shared) in out.iter_mut().enumerate() {
            if let (Some(shared), NodeKind::Outcome(found)) = (shared, &diagram.nodes[node].kind)
                && applies[node]
                && found.level == outcome.level
            {
                shared.advice.push(o);
            }
        }
    }
}

/// One patient's answer to a question: an answer, "I'm not sure", or not asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    Answer(usize),
    Unsure,
    NotAsked,
}

/// What the script shows on an outcome page of `level` for one patient's answers:
/// [`Shared`] narrowed to them, and the questions answered "I'm not sure" that count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrowed {
    pub shared: Shared,
    /// Questions answered "I'm not sure" in an entry that leads here.
    pub unsure: Vec<usize>,
}

/// [`Shared`] for one patient's answers (as `triage.js` works it out): why is the
/// entries at `level` their answers meet, the conditions those with an entry at
/// `level` their answers leave possible, the advice the topic outcomes at `level`
/// their answers satisfy.
pub fn narrow(triage: &Triage, level: CareLevel, given: &[Given]) -> Narrowed {
    let mut narrowed = Narrowed::default();
    for (index, entry) in entries(triage).iter().enumerate() {
        if entry.level != level {
            continue;
        }
        let each =
            |test: fn(Given, u64) -> bool| entry.when.iter().all(|&(q, m)| test(given[q], m));
        let met = each(|g, m| match g {
            Given::Answer(a) => m & (1 << a) != 0,
            Given::Unsure => true,
            Given::NotAsked => false,
        });
        let possible = each(|g, m| match g {
            Given::Answer(a) => m & (1 << a) != 0,
            Given::Unsure | Given::NotAsked => true,
        });
        let sure = each(|g, m| matches!(g, Given::Answer(a) if m & (1 << a) != 0));
        if met {
            narrowed.shared.reasons.push(index);
            for &(q, _) in entry.when {
                if given[q] == Given::Unsure && !narrowed.unsure.contains(&q) {
                    narrowed.unsure.push(q);
                }
            }
        }
        match entry.owner {
            Owner::Condition(c) if possible && !narrowed.shared.conditions.contains(&c) => {
                narrowed.shared.conditions.push(c);
            }
            Owner::Outcome(o) if sure && !narrowed.shared.advice.contains(&o) => {
                narrowed.shared.advice.push(o);
            }
            _ => {}
        }
    }
    narrowed.shared.conditions.sort_unstable();
    narrowed.shared.advice.sort_unstable();
    narrowed.unsure.sort_unstable();
    narrowed.shared.otherwise =
        narrowed.shared.reasons.is_empty() && level == triage.otherwise.level;
    narrowed
}
