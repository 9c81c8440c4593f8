//! `tree.json`: the compiled tree for other tools (and for anyone auditing it).

use serde::Serialize;

use crate::triage::CompiledTriage;
use crate::triage::compile::NodeKind;

#[derive(Serialize)]
struct Tree<'a> {
    title: &'a str,
    root: &'a str,
    questions: Vec<Question<'a>>,
    conditions: Vec<Condition<'a>>,
    otherwise: Otherwise<'a>,
    nodes: Vec<Node<'a>>,
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    ask: &'a str,
    answers: Vec<Answer<'a>>,
    unsure: bool,
}

#[derive(Serialize)]
struct Answer<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct Condition<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    urgency: &'static str,
}

#[derive(Serialize)]
struct Otherwise<'a> {
    urgency: &'static str,
    advice: &'a str,
}

#[derive(Serialize)]
struct Node<'a> {
    id: &'a str,
    url: String,
    remaining: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<&'a str>,
    /// Answer id → child node id, in answer order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    answers: Vec<(&'a str, &'a str)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unsure: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    urgency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conditions: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    otherwise: bool,
}

/// The tree as pretty JSON (stable: same tree, same bytes).
pub fn tree_json(compiled: &CompiledTriage, base_path: &str) -> String {
    let t = &compiled.triage;
    let d = &compiled.diagram;
    let id = |n: usize| d.node(n).id.as_str();
    let nodes = d
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let url = format!(
                "{base_path}{}",
                super::pages::node_path(&compiled.check_path, compiled, index)
            );
            let mut out = Node {
                id: &node.id,
                url,
                remaining: node.remaining,
                question: None,
                answers: Vec::new(),
                unsure: None,
                urgency: None,
                conditions: None,
                otherwise: false,
            };
            match &node.kind {
                NodeKind::Question {
                    question,
                    answers,
                    unsure,
                } => {
                    let q = &t.questions[*question];
                    out.question = Some(&q.id);
                    out.answers = q
                        .answers
                        .iter()
                        .zip(answers)
                        .map(|(a, &c)| (a.id.as_str(), id(c)))
                        .collect();
                    out.unsure = unsure.map(id);
                }
                NodeKind::Outcome(o) => {
                    out.urgency = Some(o.level.id());
                    out.conditions = Some(
                        o.conditions
                            .iter()
                            .map(|&c| t.conditions[c].key.as_str())
                            .collect(),
                    );
                    out.otherwise = o.otherwise;
                }
            }
            out
        })
        .collect();
    let tree = Tree {
        title: &t.title,
        root: id(d.root),
        questions: t
            .questions
            .iter()
            .map(|q| Question {
                id: &q.id,
                ask: &q.ask,
                answers: q
                    .answers
                    .iter()
                    .map(|a| Answer {
                        id: &a.id,
                        label: &a.label,
                    })
                    .collect(),
                unsure: q.unsure,
            })
            .collect(),
        conditions: t
            .conditions
            .iter()
            .map(|c| Condition {
                id: &c.key,
                title: &c.title,
                url: format!("{base_path}{}", c.path),
                urgency: c.urgency.id(),
            })
            .collect(),
        otherwise: Otherwise {
            urgency: t.otherwise.level.id(),
            advice: &t.otherwise.advice,
        },
        nodes,
    };
    let mut json = serde_json::to_string_pretty(&tree).unwrap_or_default();
    json.push('\n');
    json
}
