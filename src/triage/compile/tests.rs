//! Unit tests of `compile`.

use super::*;
use crate::triage::model::{Otherwise, Question, TriageCondition};

fn question(id: &str, answers: &[&str]) -> Question {
    Question::simple(id, answers)
}

fn condition(key: &str, urgency: CareLevel, when: Vec<Vec<(usize, u64)>>) -> TriageCondition {
    TriageCondition {
        key: key.into(),
        title: key.into(),
        summary: String::new(),
        path: format!("{key}/"),
        urgency,
        when,
    }
}

/// faint [yes,no]; pain [none, cramps, severe]; after_sex [yes,no].
fn example() -> Triage {
    Triage {
        topic: "t".into(),
        lang: "en".into(),
        title: "T".into(),
        questions: vec![
            question("faint", &["yes", "no"]),
            question("pain", &["none", "cramps", "severe"]),
            question("after_sex", &["yes", "no"]),
        ],
        conditions: vec![
            condition(
                "ectopic",
                CareLevel::Emergency,
                vec![vec![(0, 0b01)], vec![(1, 0b100)]],
            ),
            condition("miscarriage", CareLevel::Urgent, vec![vec![(1, 0b010)]]),
            condition("cervix", CareLevel::Soon, vec![vec![(2, 0b01)]]),
        ],
        otherwise: Otherwise {
            level: CareLevel::Soon,
            advice: "Get checked".into(),
        },
    }
}

fn question_of(d: &Diagram, node: usize) -> (&usize, &Vec<usize>, &Option<usize>) {
    match &d.node(node).kind {
        NodeKind::Question {
            question,
            answers,
            unsure,
        } => (question, answers, unsure),
        NodeKind::Outcome(o) => panic!("expected a question, found {o:?}"),
    }
}

fn outcome_of(d: &Diagram, node: usize) -> &Outcome {
    match &d.node(node).kind {
        NodeKind::Outcome(o) => o,
        other => panic!("expected an outcome, found {other:?}"),
    }
}

#[test]
fn fainting_stops_asking_at_once() {
    let d = compile(&example());
    let (q, answers, _) = question_of(&d, d.root);
    assert_eq!(*q, 0);
    let yes = outcome_of(&d, answers[0]);
    assert_eq!(yes.level, CareLevel::Emergency);
    assert_eq!(yes.conditions, vec![0]);
}

#[test]
fn severe_pain_is_an_emergency_without_asking_more() {
    let d = compile(&example());
    let (_, answers, _) = question_of(&d, d.root);
    let (q, pain, _) = question_of(&d, answers[1]);
    assert_eq!(*q, 1);
    assert_eq!(outcome_of(&d, pain[2]).level, CareLevel::Emergency);
}

#[test]
fn not_sure_about_fainting_is_treated_as_fainting() {
    let d = compile(&example());
    let (_, answers, unsure) = question_of(&d, d.root);
    assert_eq!(
        unsure.expect("offered"),
        answers[0],
        "unsure must lead where `yes` leads"
    );
}

#[test]
fn not_sure_about_pain_takes_the_most_urgent_answer() {
    let d = compile(&example());
    let (_, answers, _) = question_of(&d, d.root);
    let (_, _, unsure) = question_of(&d, answers[1]);
    let outcome = outcome_of(&d, unsure.expect("offered"));
    assert_eq!(outcome.level, CareLevel::Emergency);
    assert!(outcome.conditions.contains(&0));
}

#[test]
fn a_question_that_cannot_change_the_outcome_is_skipped() {
    let mut t = example();
    // Make after_sex irrelevant: cervix now depends on pain only.
    t.conditions[2].when = vec![vec![(1, 0b001)]];
    let d = compile(&t);
    for node in &d.nodes {
        if let NodeKind::Question { question, .. } = node.kind {
            assert_ne!(question, 2, "after_sex is never asked");
        }
    }
}

#[test]
fn identical_subtrees_are_shared_and_ids_are_stable() {
    let d1 = compile(&example());
    let d2 = compile(&example());
    assert_eq!(d1, d2);
    let mut ids: Vec<&str> = d1.nodes.iter().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), d1.nodes.len(), "every node is distinct");
}

#[test]
fn unsure_off_means_no_unsure_child() {
    let mut t = example();
    t.questions[0].unsure = false;
    let d = compile(&t);
    let (_, _, unsure) = question_of(&d, d.root);
    assert!(unsure.is_none());
}

#[test]
fn compiled_walk_equals_direct_evaluation() {
    let t = example();
    let d = compile(&t);
    for a in 0..2 {
        for b in 0..3 {
            for c in 0..2 {
                let answers = [a, b, c];
                let direct = t.evaluate(&answers);
                let compiled = d.walk(&answers);
                assert_eq!(compiled.level, direct.level, "{answers:?}");
            }
        }
    }
}
