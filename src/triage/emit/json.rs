//! `tree.json`: the compiled tree for other tools (and for anyone auditing it).

use serde::Serialize;

use crate::triage::CompiledTriage;
use crate::triage::compile::NodeKind;
use crate::triage::model::{Alternative, Triage};
use crate::triage::shared::{self, Shared};
use crate::triage::words::{self, Joiners};

#[derive(Serialize)]
struct Tree<'a> {
    title: &'a str,
    root: &'a str,
    questions: Vec<Question<'a>>,
    conditions: Vec<Condition<'a>>,
    outcomes: Vec<TopicOutcome<'a>>,
    otherwise: Otherwise<'a>,
    nodes: Vec<Node<'a>>,
}

#[derive(Serialize)]
struct TopicOutcome<'a> {
    id: &'a str,
    urgency: &'static str,
    advice: &'a str,
    /// Each entry: question id → the answer ids that make it hold.
    when: Vec<Vec<(&'a str, Vec<&'a str>)>>,
}

#[derive(Serialize)]
struct Rule<'a> {
    urgency: &'static str,
    when: Vec<(&'a str, Vec<&'a str>)>,
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
    rules: Vec<Rule<'a>>,
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
    /// The topic outcome whose own action replaces the level's.
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'a str>,
    /// An "I'm not sure" on the way raised the level.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cautious: bool,
    /// What every path here shares (SPEC §5): the conditions that can need this
    /// level, the topic outcomes' advice, the `otherwise` advice, and why (the rules
    /// at this level that lead here, in words).
    #[serde(skip_serializing_if = "Option::is_none")]
    conditions: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    advice: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    otherwise: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reasons: Vec<String>,
}

/// The tree as pretty JSON (stable: same tree, same bytes).
/// `shared` is what every path to each node shares ([`shared::shared`]).
pub(crate) fn tree_json(
    compiled: &CompiledTriage,
    base_path: &str,
    shared: &[Option<Shared>],
) -> String {
    let t = &compiled.triage;
    let d = &compiled.diagram;
    let id = |n: usize| d.node(n).id.as_str();
    let entries = shared::entries(t);
    let nodes = (0..d.nodes.len())
        .map(|index| node_json(compiled, index, shared[index].as_ref(), &entries, base_path))
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
                rules: c
                    .rules
                    .iter()
                    .map(|r| Rule {
                        urgency: r.level.id(),
                        when: entry(t, &r.when),
                    })
                    .collect(),
            })
            .collect(),
        outcomes: t
            .outcomes
            .iter()
            .map(|o| TopicOutcome {
                id: &o.id,
                urgency: o.level.id(),
                advice: &o.advice,
                when: o.when.iter().map(|w| entry(t, w)).collect(),
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

/// A rule entry with ids: question id → the answer ids it allows.
fn entry<'a>(t: &'a Triage, when: &Alternative) -> Vec<(&'a str, Vec<&'a str>)> {
    when.iter()
        .map(|&(q, allowed)| {
            let question = &t.questions[q];
            let answers = question
                .answers
                .iter()
                .enumerate()
                .filter(|(i, _)| allowed & (1 << i) != 0)
                .map(|(_, a)| a.id.as_str())
                .collect();
            (question.id.as_str(), answers)
        })
        .collect()
}

/// One node of the tree as JSON.
fn node_json<'a>(
    compiled: &'a CompiledTriage,
    index: usize,
    shared: Option<&Shared>,
    entries: &[shared::Entry<'_>],
    base_path: &str,
) -> Node<'a> {
    let t = &compiled.triage;
    let d = &compiled.diagram;
    let id = |n: usize| d.node(n).id.as_str();
    let node = d.node(index);
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
        action: None,
        cautious: false,
        conditions: None,
        advice: None,
        otherwise: false,
        reasons: Vec::new(),
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
            out.action = o.action.map(|a| t.outcomes[a].id.as_str());
            out.cautious = o.cautious;
            let empty = Shared::default();
            let shared = shared.unwrap_or(&empty);
            out.conditions = Some(
                shared
                    .conditions
                    .iter()
                    .map(|&c| t.conditions[c].key.as_str())
                    .collect(),
            );
            out.advice = Some(
                shared
                    .advice
                    .iter()
                    .map(|&a| t.outcomes[a].id.as_str())
                    .collect(),
            );
            out.otherwise = shared.otherwise;
            out.reasons = shared
                .reasons
                .iter()
                .map(|&e| words::entry(&t.questions, entries[e].when, &Joiners::default()))
                .collect();
        }
    }
    out
}
