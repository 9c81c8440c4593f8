//! For clinical reviewers: the tree drawn as an SVG diagram (laid out at build time)
//! and a table of every path and its outcome.

use crate::html::escape;
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
pub const MAX_PATH_ROWS: usize = 2_000;

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

/// The diagram as an SVG drawing, laid out in columns: the start on the left, each
/// node one column right of the furthest question that leads to it, outcomes coloured
/// by care level and "I'm not sure" edges dashed. Deterministic, like every output.
pub fn svg(compiled: &CompiledTriage) -> String {
    const COLUMN: usize = 250;
    const ROW: usize = 56;
    const BOX_W: usize = 200;
    const BOX_H: usize = 36;
    let t = &compiled.triage;
    let d = &compiled.diagram;
    let layers = layers(compiled);
    let columns = layers.iter().copied().max().unwrap_or(0) + 1;
    let (row_of, rows_used) = rows(compiled, &layers, columns);
    let height = rows_used.iter().copied().max().unwrap_or(1) * ROW + 20;
    let width = columns * COLUMN + 20;
    let at = |n: usize| (20 + layers[n] * COLUMN, 20 + row_of[n] * ROW);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        escape(&t.title)
    );
    for (index, node) in d.nodes.iter().enumerate() {
        let NodeKind::Question {
            question,
            answers,
            unsure,
        } = &node.kind
        else {
            continue;
        };
        let (x, y) = at(index);
        let edges = t.questions[*question]
            .answers
            .iter()
            .map(|a| a.id.as_str())
            .zip(answers.iter().copied())
            .chain(unsure.map(|u| ("not sure", u)));
        for (label, child) in edges {
            let (cx, cy) = at(child);
            let (x1, y1, x2, y2) = (x + BOX_W, y + BOX_H / 2, cx, cy + BOX_H / 2);
            let dash = if label == "not sure" {
                " stroke-dasharray=\"5 4\""
            } else {
                ""
            };
            // The label sits a quarter of the way along its curve.
            let (lx, ly) = (x1 + (x2 - x1) / 4, (y1 * 27 + y2 * 5) / 32 - 3);
            svg.push_str(&format!(
                "<path d=\"M{x1} {y1} C{} {y1} {} {y2} {x2} {y2}\" fill=\"none\" stroke=\"#4c6272\"{dash}/>\n<text x=\"{lx}\" y=\"{ly}\" fill=\"#212b32\">{}</text>\n",
                x1 + 40,
                x2 - 40,
                escape(label)
            ));
        }
    }
    for (index, node) in d.nodes.iter().enumerate() {
        let (x, y) = at(index);
        let (fill, label) = node_box(t, &node.kind);
        svg.push_str(&format!(
            "<g><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"6\" fill=\"{fill}\" stroke=\"#212b32\"/><text x=\"{}\" y=\"{}\" fill=\"#212b32\">{}</text></g>\n",
            escape(&node.id),
            x + 8,
            y + 22,
            escape(&label)
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// Each node's row in its column: nodes in order of first visit from the start,
/// answers in authored order. Returns the rows and how many each column uses.
fn rows(compiled: &CompiledTriage, layers: &[usize], columns: usize) -> (Vec<usize>, Vec<usize>) {
    let d = &compiled.diagram;
    let mut row_of = vec![usize::MAX; d.nodes.len()];
    let mut rows_used = vec![0usize; columns];
    let mut stack = vec![d.root];
    while let Some(node) = stack.pop() {
        if row_of[node] != usize::MAX {
            continue;
        }
        row_of[node] = rows_used[layers[node]];
        rows_used[layers[node]] += 1;
        if let NodeKind::Question {
            answers, unsure, ..
        } = &d.node(node).kind
        {
            stack.extend(answers.iter().chain(unsure).rev());
        }
    }
    (row_of, rows_used)
}

/// A node's box: its fill colour and its label (at most 30 characters).
fn node_box(t: &Triage, kind: &NodeKind) -> (&'static str, String) {
    let (fill, label) = match kind {
        NodeKind::Question { question, .. } => {
            ("#ffffff", format!("{}?", t.questions[*question].id))
        }
        NodeKind::Outcome(o) => {
            let mut names: Vec<&str> = o
                .action
                .map(|a| t.outcomes[a].id.as_str())
                .into_iter()
                .collect();
            if o.cautious {
                names.push("not sure");
            }
            let fill = match o.level.id() {
                "emergency" => "#f6d5d1",
                "urgent" => "#fbe6c2",
                "soon" => "#d2e4f5",
                _ => "#d5ecdf",
            };
            let label = format!("{}: {}", o.level.id().to_uppercase(), names.join(", "));
            (fill, label)
        }
    };
    if label.chars().count() > 30 {
        (fill, label.chars().take(29).chain(['…']).collect())
    } else {
        (fill, label)
    }
}

/// Each node's column: one more than the furthest question leading to it.
fn layers(compiled: &CompiledTriage) -> Vec<usize> {
    let d = &compiled.diagram;
    let mut layer = vec![0usize; d.nodes.len()];
    // Children are created before parents, so reverse creation order visits every
    // parent before its children.
    for index in (0..d.nodes.len()).rev() {
        if let NodeKind::Question {
            answers, unsure, ..
        } = &d.node(index).kind
        {
            for &child in answers.iter().chain(unsure) {
                layer[child] = layer[child].max(layer[index] + 1);
            }
        }
    }
    layer
}
