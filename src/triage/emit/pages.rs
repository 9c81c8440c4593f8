//! One static page per diagram node. Each answer is a plain link to the next node's
//! page, so the whole checker works with JavaScript off (and prints); `triage.js`
//! enhances the same pages in place.

use serde::Serialize;

use crate::triage::CompiledTriage;
use crate::triage::compile::NodeKind;
use crate::triage::model::Outcome;
use crate::triage::shared::{self, Shared};
use crate::triage::words::{self, Joiners};

/// `checker` in the checker templates: what every page of one checker shares.
#[derive(Debug, Serialize)]
pub(crate) struct CheckerValues<'a> {
    pub title: &'a str,
    /// URL path of the start page, under the base path.
    pub start_url: String,
    pub review_url: String,
    pub json_url: String,
    pub question_count: usize,
    /// The most questions any patient is asked.
    pub longest_path: usize,
}

/// `node` in `checker.html`: one question or outcome.
#[derive(Debug, Serialize)]
pub(crate) struct NodeValues<'a> {
    pub id: &'a str,
    pub url: String,
    pub is_start: bool,
    /// The most questions left from here, this one included.
    pub remaining: usize,
    pub question: Option<QuestionValues<'a>>,
    pub outcome: Option<OutcomeValues<'a>>,
    /// The page before this one, when only one page leads here.
    pub back_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct QuestionValues<'a> {
    pub id: &'a str,
    pub ask: &'a str,
    pub answers: Vec<AnswerLink<'a>>,
    /// The "I'm not sure" link, when offered.
    pub unsure_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct AnswerLink<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct OutcomeValues<'a> {
    pub level: &'static str,
    /// The topic outcome's own action, when one replaces the level's.
    pub action: Option<ActionValues<'a>>,
    /// The conditions that can need this level of care on some path here, most
    /// urgent first.
    pub conditions: Vec<ConditionLink<'a>>,
    /// The advice every path here calls for: topic outcomes' at this level, then the
    /// `otherwise` advice when no rule at this level leads here.
    pub advice: Vec<&'a str>,
    /// Why: the rules at this level that lead here, in words.
    pub reasons: Vec<String>,
    /// An "I'm not sure" made this advice more cautious.
    pub cautious: bool,
}

/// A topic outcome's own action: its words and the service it calls.
#[derive(Debug, Serialize)]
pub(crate) struct ActionValues<'a> {
    pub text: &'a str,
    pub call: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ConditionLink<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub urgency: &'static str,
}

/// The URL path (under the base path) of a node's page.
pub(crate) fn node_path(check_path: &str, compiled: &CompiledTriage, node: usize) -> String {
    if node == compiled.diagram.root {
        check_path.to_string()
    } else {
        format!("{check_path}{}/", compiled.diagram.node(node).id)
    }
}

pub(crate) fn checker_values<'a>(
    compiled: &'a CompiledTriage,
    base_path: &str,
) -> CheckerValues<'a> {
    let check = format!("{base_path}{}", compiled.check_path);
    CheckerValues {
        title: &compiled.triage.title,
        review_url: format!("{check}review/"),
        json_url: format!("{check}tree.json"),
        start_url: check,
        question_count: compiled.triage.questions.len(),
        longest_path: compiled.diagram.node(compiled.diagram.root).remaining,
    }
}

/// The values of every node's page, in node order, with its path under the base path.
pub(crate) fn node_values<'a>(
    compiled: &'a CompiledTriage,
    base_path: &str,
    joiners: &Joiners,
    shared: &[Option<Shared>],
) -> Vec<(String, NodeValues<'a>)> {
    let diagram = &compiled.diagram;
    let entries = shared::entries(&compiled.triage);
    let path = |node: usize| node_path(&compiled.check_path, compiled, node);
    let url = |node: usize| format!("{base_path}{}", path(node));
    let parents = parents(compiled);
    diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let (question, outcome) = match &node.kind {
                NodeKind::Question {
                    question,
                    answers,
                    unsure,
                } => {
                    let q = &compiled.triage.questions[*question];
                    let links = q
                        .answers
                        .iter()
                        .zip(answers)
                        .map(|(a, &child)| AnswerLink {
                            id: &a.id,
                            label: &a.label,
                            url: url(child),
                        })
                        .collect();
                    (
                        Some(QuestionValues {
                            id: &q.id,
                            ask: &q.ask,
                            answers: links,
                            unsure_url: unsure.map(url),
                        }),
                        None,
                    )
                }
                NodeKind::Outcome(o) => {
                    let here = shared[index].as_ref();
                    let values = outcome_values(compiled, o, here, &entries, base_path, joiners);
                    (None, Some(values))
                }
            };
            let back_url = match parents[index].as_slice() {
                [only] => Some(url(*only)),
                _ => None,
            };
            let values = NodeValues {
                id: &node.id,
                url: url(index),
                is_start: index == diagram.root,
                remaining: node.remaining,
                question,
                outcome,
                back_url,
            };
            (path(index), values)
        })
        .collect()
}

fn outcome_values<'a>(
    compiled: &'a CompiledTriage,
    outcome: &Outcome,
    shared: Option<&Shared>,
    entries: &[shared::Entry<'_>],
    base_path: &str,
    joiners: &Joiners,
) -> OutcomeValues<'a> {
    let triage = &compiled.triage;
    let empty = Shared::default();
    let shared = shared.unwrap_or(&empty);
    let conditions = shared
        .conditions
        .iter()
        .map(|&c| {
            let c = &triage.conditions[c];
            ConditionLink {
                title: &c.title,
                summary: &c.summary,
                url: format!("{base_path}{}", c.path),
                urgency: c.urgency.id(),
            }
        })
        .collect();
    // The topic outcome whose action the page gives says why with its advice.
    let mut advice: Vec<&str> = outcome
        .action
        .into_iter()
        .chain(
            shared
                .advice
                .iter()
                .copied()
                .filter(|&o| Some(o) != outcome.action),
        )
        .map(|o| triage.outcomes[o].advice.as_str())
        .collect();
    if shared.otherwise {
        advice.push(&triage.otherwise.advice);
    }
    let mut reasons: Vec<String> = Vec::new();
    for &e in &shared.reasons {
        let said = words::entry(&triage.questions, entries[e].when, joiners);
        if !reasons.contains(&said) {
            reasons.push(said);
        }
    }
    OutcomeValues {
        level: outcome.level.id(),
        action: outcome
            .action
            .and_then(|o| triage.outcomes[o].action.as_ref())
            .map(|a| ActionValues {
                text: &a.text,
                call: a.call.as_deref(),
            }),
        conditions,
        advice,
        reasons,
        cautious: outcome.cautious,
    }
}

/// For each node, the distinct nodes that link to it.
fn parents(compiled: &CompiledTriage) -> Vec<Vec<usize>> {
    let mut parents = vec![Vec::new(); compiled.diagram.nodes.len()];
    for (index, node) in compiled.diagram.nodes.iter().enumerate() {
        if let NodeKind::Question {
            answers, unsure, ..
        } = &node.kind
        {
            for &child in answers.iter().chain(unsure) {
                if !parents[child].contains(&index) {
                    parents[child].push(index);
                }
            }
        }
    }
    parents
}
