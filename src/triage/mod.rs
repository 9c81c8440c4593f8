//! The "What should I do?" decision tree.
//!
//! - [`model`]: care levels, questions, rules and outcomes, as authors write them and
//!   as validated values.
//! - [`validate`]: the topic's questions + its conditions' rules → a [`model::Triage`],
//!   with a diagnostic for every mistake.
//! - [`compile`]: a triage → a reduced decision [`compile::Diagram`] (pure).
//! - [`symbolic`]: the proof, on every build, that the diagram agrees with the rules,
//!   over the rules' meaning as decision diagrams ([`mdd`]); [`safety`] proves the same
//!   by enumeration, for the tests.
//! - [`emit`]: the diagram as static pages, JSON, an SVG diagram and a path table.
//!
//! [`build`] runs the first four for every topic of the site.

pub(crate) mod compile;
pub(crate) mod diff;
pub(crate) mod emit;
pub(crate) mod mdd;
pub(crate) mod model;
pub(crate) mod safety;
pub(crate) mod shared;
pub(crate) mod signoff;
pub(crate) mod symbolic;
pub(crate) mod translation;
pub(crate) mod validate;
pub(crate) mod words;

use rayon::prelude::*;

use crate::config::Services;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use compile::Diagram;
use model::Triage;

/// A topic's checked and compiled decision tree.
#[derive(Debug, Clone)]
pub struct CompiledTriage {
    /// URL path of the checker's start page, under the base path:
    /// `early-pregnancy-bleeding/check/`.
    pub check_path: String,
    pub triage: Triage,
    pub diagram: Diagram,
    pub proof: safety::Proof,
    /// A clinician's sign-off recorded in the topic's front-matter, checked against
    /// this tree ([`signoff::check_reviews`]; `None` until then, or when there is none).
    pub review: Option<signoff::TreeReview>,
    /// [`signoff::tree_hash`] of this tree, worked out once with its review check.
    pub fingerprint: Option<String>,
}

/// Checks, compiles and proves the decision tree of every topic that has one.
/// `language` is the site's default language: a translated tree must have exactly
/// the questions, answers and rules of the original. `services` are the ids a topic
/// outcome's `action:` may call, and whose numbers its words may name.
pub fn build(
    content: &Content,
    language: &str,
    services: &Services,
    diagnostics: &mut Diagnostics,
) -> Vec<CompiledTriage> {
    build_topics(content, language, services, None, diagnostics)
}

/// [`build`] for the topics named in `only` (by folder; every language of them), or
/// all topics when `None`: the live preview recompiles only the topics an edit touches.
pub(crate) fn build_topics(
    content: &Content,
    language: &str,
    services: &Services,
    only: Option<&std::collections::HashSet<String>>,
    diagnostics: &mut Diagnostics,
) -> Vec<CompiledTriage> {
    // Topics are checked independently: in parallel, then gathered in page order.
    let checks: Vec<_> = validate::topics_with_conditions(&content.pages)
        .into_par_iter()
        .filter(|(topic, _)| {
            topic
                .topic
                .as_ref()
                .is_some_and(|t| only.is_none_or(|o| o.contains(t)))
        })
        .map(|(topic, conditions)| {
            let mut errors = Diagnostics::default();
            let triage = validate::triage_for(topic, &conditions, services, &mut errors);
            (topic, conditions, triage, errors)
        })
        .collect();
    let mut checked = Vec::new();
    for (topic, conditions, triage, errors) in checks {
        diagnostics.append(errors);
        if let Some(triage) = triage {
            checked.push((topic, conditions, triage));
        }
    }
    let originals: Vec<&Triage> = checked
        .iter()
        .map(|(_, _, t)| t)
        .filter(|t| t.lang == language)
        .collect();
    let mut mismatched = Vec::new();
    for (topic, conditions, triage) in checked.iter().filter(|(_, _, t)| t.lang != language) {
        // A file of the topic that failed to read is missing from one tree or the
        // other: its error is the one to fix, and the trees are not compared.
        let folder = format!("{}/", triage.topic);
        if content.failed.iter().any(|f| f.starts_with(&folder)) {
            continue;
        }
        // A draft needs no translation: its rules are left out of the comparison
        // until it has one.
        let untranslated_draft = |key: &str| {
            content
                .pages
                .iter()
                .any(|p| p.draft && p.content_path == key && p.lang == language)
                && !conditions
                    .iter()
                    .any(|c| translation::untranslated(&c.content_path, &triage.lang) == key)
        };
        let original = originals.iter().find(|o| o.topic == triage.topic);
        let difference =
            original.and_then(|o| translation::difference(o, triage, &untranslated_draft));
        if let Some(difference) = difference {
            diagnostics.push(
                Diagnostic::error(&topic.source, format!("this translation's decision tree differs from the original: {difference}"))
                    .with_help("a translation may change only the text: keep the ids, answers, urgencies and rules of the original"),
            );
            mismatched.push(topic.source.clone());
        }
    }
    // A page that failed to load is missing from its tree: what the tree then never
    // asks is noise beside the error that explains it.
    let quiet = diagnostics.has_errors();
    // Topics compile and prove independently: in parallel, then in page order.
    let results: Vec<(Option<CompiledTriage>, Diagnostics)> = checked
        .into_par_iter()
        .filter(|(topic, _, _)| !mismatched.contains(&topic.source))
        .map(|(topic, conditions, triage)| compile_one(topic, &conditions, triage, quiet))
        .collect();
    let mut compiled = Vec::new();
    for (one, problems) in results {
        diagnostics.extend(problems.into_sorted());
        compiled.extend(one);
    }
    compiled
}

/// Compiles one topic's tree and proves it safe.
fn compile_one(
    topic: &crate::content::Page,
    conditions: &[&crate::content::Page],
    triage: Triage,
    quiet: bool,
) -> (Option<CompiledTriage>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let too_large = |what: String| {
        let mut d = Diagnostic::error(&topic.source, format!("the decision tree is too large: {what}"))
            .with_help("ask fewer questions, merge questions whose answers lead to the same care, or split the topic in two");
        if let Some(raw) = &topic.triage {
            d = d.at(crate::content::frontmatter::location(&topic.text, raw));
        }
        d
    };
    let diagram = match compile::compile(&triage) {
        Ok(diagram) => diagram,
        Err(why) => {
            diagnostics.push(too_large(match why {
                compile::TooLarge::Nodes => format!(
                    "it would have more than {} pages, one per node of its diagram. Each way of \
                     answering that can change the care is a page, and every question that can be \
                     answered \"I'm not sure\" adds the pages of its cautious answers: rules that tie \
                     together questions far apart in the list multiply them",
                    compile::MAX_NODES
                ),
                compile::TooLarge::Steps => format!(
                    "compiling it would take more than {} steps",
                    compile::MAX_STEPS
                ),
                compile::TooLarge::Meaning => format!(
                    "working out the care level its rules give would take more than {} steps",
                    compile::MAX_MEANING_STEPS
                ),
            }));
            return (None, diagnostics);
        }
    };
    match symbolic::verify(&triage, &diagram) {
        Ok(proof) => {
            warn_about_unused(
                quiet,
                topic,
                &triage,
                &diagram,
                &proof,
                conditions,
                &mut diagnostics,
            );
            let check_path = format!("{}check/", topic.url_path);
            (
                Some(CompiledTriage {
                    check_path,
                    triage,
                    diagram,
                    proof,
                    review: None,
                    fingerprint: None,
                }),
                diagnostics,
            )
        }
        Err(safety::Failure::TooLarge) => {
            diagnostics.push(too_large(format!(
                "proving its {} nodes give the care its rules say would take more than {} steps",
                diagram.nodes.len(),
                symbolic::MAX_STEPS
            )));
            (None, diagnostics)
        }
        Err(safety::Failure::Counterexample(counterexample)) => {
            diagnostics.push(
                Diagnostic::error(&topic.source, format!("the safety check failed: {counterexample}"))
                    .with_help("this is a bug in careleaf, not in your content: please report it with this message"),
            );
            (None, diagnostics)
        }
    }
}

/// Questions the diagram never asks (a warning), conditions no answers match (an
/// error) and conditions with no rules (a warning).
fn warn_about_unused(
    quiet: bool,
    topic: &crate::content::Page,
    triage: &Triage,
    diagram: &Diagram,
    proof: &safety::Proof,
    conditions: &[&crate::content::Page],
    diagnostics: &mut Diagnostics,
) {
    let mut asked = vec![false; triage.questions.len()];
    for node in &diagram.nodes {
        if let compile::NodeKind::Question { question, .. } = &node.kind {
            asked[*question] = true;
        }
    }
    for (question, _) in triage
        .questions
        .iter()
        .zip(&asked)
        .filter(|(_, a)| !quiet && !**a)
    {
        diagnostics.push(
            Diagnostic::warning(&topic.source, format!("the question `{}` is never asked", question.id))
                .with_help("no answer to it ever changes the care level; use it in a rule that does, or remove it"),
        );
    }
    let by_path: std::collections::HashMap<&str, &crate::content::Page> = conditions
        .iter()
        .map(|p| (p.content_path.as_str(), *p))
        .collect();
    for (index, condition) in triage.conditions.iter().enumerate() {
        let source = by_path
            .get(condition.key.as_str())
            .map_or(&topic.source, |p| &p.source);
        if !proof.matched[index] {
            diagnostics.push(
                Diagnostic::error(source, "no set of answers leads to this condition")
                    .with_help("check its rules: every entry must be possible together"),
            );
        }
    }
    for page in conditions
        .iter()
        .filter(|p| p.triage.as_ref().is_none_or(|t| !t.value.has_rules()))
    {
        diagnostics.push(
            Diagnostic::warning(&page.source, "this condition is not in the decision tree")
                .with_help("add rules under `triage:`, keyed by care level (like `urgent:`), with the answers that point to it"),
        );
    }
}
