//! Property tests for the triage compiler: for random questions and rules, the compiled
//! diagram always agrees with direct evaluation of the rules (the safety property), and
//! it is reduced: no duplicate nodes, no question whose answers all lead to one place.

use std::collections::HashSet;

use careleaf::care::CareLevel;
use careleaf::triage::compile::{NodeKind, compile};
use careleaf::triage::model::{Answer, Otherwise, Question, Triage, TriageCondition};
use careleaf::triage::safety::verify;
use proptest::prelude::*;

fn level() -> impl Strategy<Value = CareLevel> {
    prop::sample::select(CareLevel::ALL.to_vec())
}

fn triage() -> impl Strategy<Value = Triage> {
    let questions = prop::collection::vec((2usize..=4, any::<bool>()), 1..=6);
    (questions, level())
        .prop_flat_map(|(shape, otherwise)| {
            let shape2 = shape.clone();
            let alternative = prop::collection::vec(
                (0..shape.len()).prop_flat_map(move |q| {
                    let n = shape2[q].0;
                    (Just(q), 1u64..(1u64 << n))
                }),
                1..=3,
            );
            let condition = (level(), prop::collection::vec(alternative, 1..=3));
            (
                Just(shape),
                Just(otherwise),
                prop::collection::vec(condition, 1..=5),
            )
        })
        .prop_map(|(shape, otherwise, conditions)| Triage {
            topic: "t".into(),
            lang: "en".into(),
            title: "T".into(),
            questions: shape
                .iter()
                .enumerate()
                .map(|(i, &(n, unsure))| Question {
                    id: format!("q{i}"),
                    ask: format!("Question {i}?"),
                    answers: (0..n)
                        .map(|a| Answer {
                            id: format!("a{a}"),
                            label: format!("A{a}"),
                        })
                        .collect(),
                    unsure,
                })
                .collect(),
            conditions: conditions
                .into_iter()
                .enumerate()
                .map(|(i, (urgency, mut when))| {
                    for alt in &mut when {
                        alt.sort_by_key(|(q, _)| *q);
                        alt.dedup_by_key(|(q, _)| *q);
                    }
                    TriageCondition {
                        key: format!("c{i}.md"),
                        title: format!("C{i}"),
                        summary: String::new(),
                        path: format!("c{i}/"),
                        urgency,
                        when,
                    }
                })
                .collect(),
            otherwise: Otherwise {
                level: otherwise,
                advice: "Get checked.".into(),
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn compiled_diagram_agrees_with_the_rules(t in triage()) {
        let diagram = compile(&t);
        if let Err(counterexample) = verify(&t, &diagram) {
            return Err(TestCaseError::fail(counterexample.to_string()));
        }
    }

    #[test]
    fn diagram_is_reduced_and_deterministic(t in triage()) {
        let diagram = compile(&t);
        prop_assert_eq!(&diagram, &compile(&t));
        let kinds: HashSet<&NodeKind> = diagram.nodes.iter().map(|n| &n.kind).collect();
        prop_assert_eq!(kinds.len(), diagram.nodes.len(), "merged nodes are identical, so none repeats");
        let ids: HashSet<&str> = diagram.nodes.iter().map(|n| n.id.as_str()).collect();
        prop_assert_eq!(ids.len(), diagram.nodes.len(), "node ids are unique");
        for node in &diagram.nodes {
            if let NodeKind::Question { answers, unsure, question } = &node.kind {
                prop_assert!(answers.iter().any(|&c| c != answers[0]), "a question whose answers all lead to one place is asked");
                prop_assert_eq!(unsure.is_some(), t.questions[*question].unsure);
            }
        }
    }

    #[test]
    fn not_sure_is_never_less_urgent_than_an_answer(t in triage()) {
        let diagram = compile(&t);
        for node in &diagram.nodes {
            if let NodeKind::Question { answers, unsure: Some(u), .. } = &node.kind {
                let unsure_level = most_urgent_leaf(&diagram, *u, &mut HashSet::new());
                for &child in answers {
                    let answer_most = most_urgent_leaf(&diagram, child, &mut HashSet::new());
                    prop_assert!(unsure_level <= answer_most, "unsure reaches {unsure_level:?}, an answer reaches {answer_most:?}");
                }
            }
        }
    }
}

/// The most urgent level any path below `node` reaches.
fn most_urgent_leaf(
    d: &careleaf::triage::compile::Diagram,
    node: usize,
    seen: &mut HashSet<usize>,
) -> CareLevel {
    let _ = seen.insert(node);
    match &d.node(node).kind {
        NodeKind::Outcome(o) => o.level,
        NodeKind::Question {
            answers, unsure, ..
        } => answers
            .iter()
            .chain(unsure)
            .map(|&c| most_urgent_leaf(d, c, seen))
            .min()
            .unwrap_or(CareLevel::SelfCare),
    }
}
