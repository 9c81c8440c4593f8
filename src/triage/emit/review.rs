//! For clinical reviewers: the tree drawn as an SVG diagram (laid out at build time)
//! and a table of every path and its outcome.

use serde::Serialize;

use crate::triage::CompiledTriage;
use crate::triage::compile::NodeKind;
use crate::triage::model::Triage;
use crate::triage::shared::{self, Given};

/// One row of the path table: the answers given, in order, and where they lead.
#[derive(Debug, Serialize)]
pub struct PathRow<'a> {
    pub steps: Vec<Step<'a>>,
    pub level: &'static str,
    pub conditions: Vec<&'a str>,
    /// The ids of the topic outcomes whose advice applies.
    pub advice: Vec<&'a str>,
    pub otherwise: bool,
    /// The id of the outcome node (the page the path ends on).
    pub outcome: &'a str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Step<'a> {
    pub question: &'a str,
    pub ask: &'a str,
    pub answer: &'a str,
    pub label: &'a str,
}

/// The most paths the review page lists: past it the page lists the first ones and
/// the per-question view, which has every page of the tree once, carries the rest.
pub const MAX_PATH_ROWS: usize = 300;

/// The first `limit` paths from the start through answers (not "I'm not sure") to an
/// outcome, in answer order.
pub fn path_table(compiled: &CompiledTriage, limit: usize) -> Vec<PathRow<'_>> {
    let mut rows = Vec::new();
    let mut steps = Vec::new();
    collect(
        compiled,
        compiled.diagram.root,
        &mut steps,
        &mut rows,
        limit,
    );
    rows
}

/// How many paths (without "I'm not sure") lead from the start to each care level,
/// most urgent first, counted over the diagram without listing them.
pub fn paths_by_level(compiled: &CompiledTriage) -> Vec<(&'static str, u128)> {
    let nodes = &compiled.diagram.nodes;
    // Per node, its paths to each level (by rank); children come before parents.
    let mut counts: Vec<[u128; 5]> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let mut c = [0u128; 5];
        match &node.kind {
            NodeKind::Outcome(o) => c[o.level.rank()] = 1,
            NodeKind::Question { answers, .. } => {
                for &child in answers {
                    for (total, n) in c.iter_mut().zip(counts[child]) {
                        *total = total.saturating_add(n);
                    }
                }
            }
        }
        counts.push(c);
    }
    crate::care::CareLevel::ALL
        .into_iter()
        .map(|level| (level.id(), counts[compiled.diagram.root][level.rank()]))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// One page of the tree that asks a question, for the per-question view.
#[derive(Debug, Serialize)]
pub struct QuestionPage<'a> {
    /// The node's id (its page is `check/ID/`).
    pub id: &'a str,
    pub url: String,
    pub answers: Vec<AnswerTarget<'a>>,
}

/// Where one answer on a question page leads.
#[derive(Debug, Serialize)]
pub struct AnswerTarget<'a> {
    pub label: &'a str,
    /// The next question's text, or the outcome's care level id.
    pub leads_to: String,
    /// For an outcome: its care level (templates show its label).
    pub level: Option<&'static str>,
    /// The id of the page it leads to.
    pub id: &'a str,
    /// Where to link: a question's entry on this page (`#node-ID`), or an outcome's page.
    pub href: String,
}

/// A question and every page of the tree that asks it.
#[derive(Debug, Serialize)]
pub struct QuestionView<'a> {
    pub ask: &'a str,
    pub pages: Vec<QuestionPage<'a>>,
}

/// Each question, in authored order, with every page of the tree that asks it (each
/// page once, however many paths lead there): the view that stays readable when the
/// tree has thousands of paths.
pub fn question_pages<'a>(
    compiled: &'a CompiledTriage,
    url: impl Fn(usize) -> String,
) -> Vec<QuestionView<'a>> {
    let t = &compiled.triage;
    let diagram = &compiled.diagram;
    let leads_to = |child: usize| match &diagram.node(child).kind {
        NodeKind::Question { question, .. } => t.questions[*question].ask.clone(),
        NodeKind::Outcome(o) => o.level.id().to_string(),
    };
    let mut by_question: Vec<Vec<QuestionPage<'a>>> =
        t.questions.iter().map(|_| Vec::new()).collect();
    for (index, node) in diagram.nodes.iter().enumerate() {
        if let NodeKind::Question {
            question, answers, ..
        } = &node.kind
        {
            let q = &t.questions[*question];
            by_question[*question].push(QuestionPage {
                id: &node.id,
                url: url(index),
                answers: q
                    .answers
                    .iter()
                    .zip(answers)
                    .map(|(a, &child)| AnswerTarget {
                        label: &a.label,
                        leads_to: leads_to(child),
                        level: match &diagram.node(child).kind {
                            NodeKind::Outcome(o) => Some(o.level.id()),
                            NodeKind::Question { .. } => None,
                        },
                        id: &diagram.node(child).id,
                        href: match diagram.node(child).kind {
                            NodeKind::Question { .. } => {
                                format!("#node-{}", diagram.node(child).id)
                            }
                            NodeKind::Outcome(_) => url(child),
                        },
                    })
                    .collect(),
            });
        }
    }
    t.questions
        .iter()
        .zip(by_question)
        .filter(|(_, pages)| !pages.is_empty())
        .map(|(q, pages)| QuestionView { ask: &q.ask, pages })
        .collect()
}

fn collect<'a>(
    compiled: &'a CompiledTriage,
    node: usize,
    steps: &mut Vec<Step<'a>>,
    rows: &mut Vec<PathRow<'a>>,
    limit: usize,
) {
    if rows.len() >= limit {
        return;
    }
    let t = &compiled.triage;
    let n = compiled.diagram.node(node);
    match &n.kind {
        NodeKind::Outcome(o) => {
            // What this path's patient is shown (the page narrowed to their answers).
            let mut given = vec![Given::NotAsked; t.questions.len()];
            for step in steps.iter() {
                if let Some(q) = t.questions.iter().position(|q| q.id == step.question) {
                    let a = t.questions[q]
                        .answers
                        .iter()
                        .position(|a| a.id == step.answer);
                    given[q] = a.map_or(Given::Unsure, Given::Answer);
                }
            }
            let narrowed = shared::narrow(t, o.level, &given).shared;
            rows.push(PathRow {
                steps: steps.clone(),
                level: o.level.id(),
                conditions: narrowed
                    .conditions
                    .iter()
                    .map(|&c| t.conditions[c].title.as_str())
                    .collect(),
                advice: narrowed
                    .advice
                    .iter()
                    .map(|&a| t.outcomes[a].id.as_str())
                    .collect(),
                otherwise: narrowed.otherwise,
                outcome: &n.id,
            });
        }
        NodeKind::Question {
            question, answers, ..
        } => {
            let q = &t.questions[*question];
            for (answer, &child) in q.answers.iter().zip(answers) {
                steps.push(Step {
                    question: &q.id,
                    ask: &q.ask,
                    answer: &answer.id,
                    label: &answer.label,
                });
                collect(compiled, child, steps, rows, limit);
                steps.pop();
            }
        }
    }
}

/// The most groups of answers the review page lists per outcome page; the rest are
/// counted.
pub const MAX_GROUPS_PER_OUTCOME: usize = 60;

/// The most paths gone through per outcome page to make its groups.
const MAX_PATHS_PER_OUTCOME: usize = 2_000;

/// How the patients who reach one outcome page got there.
#[derive(Debug, Serialize)]
pub struct Routes {
    /// The outcome node.
    pub node: usize,
    /// Full sets of answers (without "I'm not sure") that end here; `None` when there
    /// are too many questions to count them in 128 bits.
    pub answer_sets: Option<String>,
    /// Paths from the first question that end here, with "I'm not sure" answers too.
    pub paths: String,
    /// Groups of answers that lead here: per question the group is narrowed by, its
    /// text and the answers (labels, and "I'm not sure" as `unsure`).
    pub groups: Vec<Vec<RouteStep>>,
    /// Groups merged but not listed.
    pub more_groups: usize,
    /// Paths not gone through to make the groups (past [`MAX_PATHS_PER_OUTCOME`]).
    pub unlisted_paths: String,
}

/// One question of a group of answers: its text and the answers of the group.
#[derive(Debug, Serialize)]
pub struct RouteStep {
    pub ask: String,
    pub answers: Vec<String>,
    /// The group includes "I'm not sure".
    pub unsure: bool,
}

/// For each outcome page of the tree (in node order), how many answer sets and paths
/// end there and the groups of answers that lead there, merged so a reviewer reads
/// each outcome once: the first [`MAX_GROUPS_PER_OUTCOME`] listed.
pub fn routes(compiled: &CompiledTriage) -> Vec<Routes> {
    let t = &compiled.triage;
    let d = &compiled.diagram;
    let outcomes: Vec<usize> = (0..d.nodes.len())
        .filter(|&n| matches!(d.node(n).kind, NodeKind::Outcome(_)))
        .collect();
    let slot = |node: usize| outcomes.iter().position(|&o| o == node);
    // Per node, per outcome: full answer sets (times the answers of the questions not
    // yet asked, so that each division below is exact) and paths. Children are made
    // before their parents.
    let total = t
        .questions
        .iter()
        .try_fold(1u128, |n, q| n.checked_mul(q.answers.len() as u128));
    let mut sets: Vec<Vec<u128>> = Vec::with_capacity(d.nodes.len());
    let mut paths: Vec<Vec<u128>> = Vec::with_capacity(d.nodes.len());
    for (index, node) in d.nodes.iter().enumerate() {
        let mut s = vec![0u128; outcomes.len()];
        let mut p = vec![0u128; outcomes.len()];
        match &node.kind {
            NodeKind::Outcome(_) => {
                if let Some(i) = slot(index) {
                    s[i] = total.unwrap_or(0);
                    p[i] = 1;
                }
            }
            NodeKind::Question {
                question,
                answers,
                unsure,
            } => {
                let n = t.questions[*question].answers.len() as u128;
                for &child in answers {
                    for i in 0..outcomes.len() {
                        s[i] = s[i].saturating_add(sets[child][i] / n);
                    }
                }
                for &child in answers.iter().chain(unsure) {
                    for i in 0..outcomes.len() {
                        p[i] = p[i].saturating_add(paths[child][i]);
                    }
                }
            }
        }
        sets.push(s);
        paths.push(p);
    }
    let root = d.root;
    outcomes
        .iter()
        .enumerate()
        .map(|(i, &node)| {
            let (cubes, listed_paths) = paths_to(compiled, node, MAX_PATHS_PER_OUTCOME);
            // An extra bit per question, after its answers, stands for "I'm not sure".
            let merged = crate::triage::diff::merge(cubes, t.questions.len());
            let groups: Vec<Vec<RouteStep>> = merged
                .iter()
                .take(MAX_GROUPS_PER_OUTCOME)
                .map(|cube| describe(t, cube))
                .collect();
            let all = paths[root][i];
            Routes {
                node,
                answer_sets: total.map(|_| sets[root][i].to_string()),
                paths: all.to_string(),
                groups,
                more_groups: merged.len().saturating_sub(MAX_GROUPS_PER_OUTCOME),
                unlisted_paths: all.saturating_sub(listed_paths).to_string(),
            }
        })
        .collect()
}

/// The first `limit` paths from the start to `target`, each as the answers it gives
/// per question (a bit per answer, and the bit after them for "I'm not sure"; every
/// bit for a question it does not ask). Only nodes from which `target` can be reached
/// are entered. Also says how many paths (one per answer) those are.
fn paths_to(compiled: &CompiledTriage, target: usize, limit: usize) -> (Vec<Vec<u64>>, u128) {
    let t = &compiled.triage;
    let d = &compiled.diagram;
    let mut reaches = vec![false; d.nodes.len()];
    reaches[target] = true;
    for (index, node) in d.nodes.iter().enumerate() {
        if let NodeKind::Question {
            answers, unsure, ..
        } = &node.kind
        {
            reaches[index] = answers.iter().chain(unsure).any(|&c| reaches[c]);
        }
    }
    let every = |q: usize| {
        let n = t.questions[q].answers.len() + usize::from(t.questions[q].unsure);
        if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
    };
    let mut cube: Vec<u64> = (0..t.questions.len()).map(every).collect();
    let mut found = Vec::new();
    let mut count = 0u128;
    let mut walk = Walk {
        compiled,
        target,
        reaches: &reaches,
        found: &mut found,
        count: &mut count,
        limit,
    };
    walk.to(d.root, &mut cube, 1);
    (found, count)
}

/// The search for paths to one outcome page.
struct Walk<'w> {
    compiled: &'w CompiledTriage,
    target: usize,
    reaches: &'w [bool],
    found: &'w mut Vec<Vec<u64>>,
    count: &'w mut u128,
    limit: usize,
}

impl Walk<'_> {
    /// From `node`, reached by `paths` paths that share the answers of `cube`.
    fn to(&mut self, node: usize, cube: &mut [u64], paths: u128) {
        if self.found.len() >= self.limit || !self.reaches[node] {
            return;
        }
        if node == self.target {
            self.found.push(cube.to_vec());
            *self.count = self.count.saturating_add(paths);
            return;
        }
        let NodeKind::Question {
            question,
            answers,
            unsure,
        } = &self.compiled.diagram.node(node).kind
        else {
            return;
        };
        let q = *question;
        let unsure_bit = self.compiled.triage.questions[q].answers.len();
        // Answers that lead to the same page are one group.
        let mut by_child: Vec<(usize, u64)> = Vec::new();
        let edges = answers
            .iter()
            .enumerate()
            .map(|(a, &c)| (a, c))
            .chain(unsure.map(|c| (unsure_bit, c)));
        for (bit, child) in edges {
            match by_child.iter_mut().find(|(c, _)| *c == child) {
                Some((_, mask)) => *mask |= 1 << bit,
                None => by_child.push((child, 1 << bit)),
            }
        }
        let all = cube[q];
        for (child, mask) in by_child {
            cube[q] = mask;
            self.to(
                child,
                cube,
                paths.saturating_mul(u128::from(mask.count_ones())),
            );
        }
        cube[q] = all;
    }
}

/// A group's answers in words, for the questions it is narrowed by.
fn describe(t: &Triage, cube: &[u64]) -> Vec<RouteStep> {
    cube.iter()
        .enumerate()
        .filter_map(|(q, &mask)| {
            let question = &t.questions[q];
            let n = question.answers.len();
            let every = if question.unsure {
                (1u64 << (n + 1)) - 1
            } else {
                (1u64 << n) - 1
            };
            if mask & every == every {
                return None;
            }
            Some(RouteStep {
                ask: question.ask.clone(),
                answers: (0..n)
                    .filter(|a| mask & (1 << a) != 0)
                    .map(|a| question.answers[a].label.clone())
                    .collect(),
                unsure: mask & (1 << n) != 0,
            })
        })
        .collect()
}
