//! Unit tests of `compile`.

use super::*;
use crate::triage::model::{Alternative, Otherwise, Question, Rule, TopicOutcome, TriageCondition};

fn question(id: &str, answers: &[&str]) -> Question {
    Question::simple(id, answers)
}

fn condition(name: &str, rules: &[(CareLevel, Alternative)]) -> TriageCondition {
    let rules = rules
        .iter()
        .map(|(level, when)| Rule {
            level: *level,
            when: when.clone(),
        })
        .collect();
    TriageCondition::simple(name, rules)
}

const FAINT: usize = 0;
const PAIN: usize = 1;
const AFTER_SEX: usize = 2;
const WEEKS: usize = 3;

/// faint [yes, no]; pain [none, cramps, one_side, severe]; after_sex [yes, no];
/// weeks [early, later]. Ectopic: emergency when fainting or severe pain, urgent with
/// one-sided pain; miscarriage urgent with cramps; cervix soon after sex; after 12
/// weeks, the topic's own advice (urgent); otherwise soon.
fn example() -> Triage {
    Triage {
        topic: "t".into(),
        lang: "en".into(),
        title: "T".into(),
        questions: vec![
            question("faint", &["yes", "no"]),
            question("pain", &["none", "cramps", "one_side", "severe"]),
            question("after_sex", &["yes", "no"]),
            question("weeks", &["early", "later"]),
        ],
        conditions: vec![
            condition(
                "ectopic",
                &[
                    (CareLevel::Emergency, vec![(FAINT, 0b01)]),
                    (CareLevel::Emergency, vec![(PAIN, 0b1000)]),
                    (CareLevel::Urgent, vec![(PAIN, 0b0100)]),
                ],
            ),
            condition("miscarriage", &[(CareLevel::Urgent, vec![(PAIN, 0b0010)])]),
            condition("cervix", &[(CareLevel::Soon, vec![(AFTER_SEX, 0b01)])]),
        ],
        outcomes: vec![TopicOutcome {
            id: "after_12_weeks".into(),
            level: CareLevel::Urgent,
            advice: "This guide is for the first 12 weeks.".into(),
            when: vec![vec![(WEEKS, 0b10)]],
        }],
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
fn fainting_stops_asking_at_once_and_says_why() {
    let d = compile(&example()).unwrap();
    let (q, answers, _) = question_of(&d, d.root);
    assert_eq!(*q, FAINT);
    let yes = outcome_of(&d, answers[0]);
    assert_eq!(yes.level, CareLevel::Emergency);
    assert_eq!(yes.reasons, [(FAINT, 0)]);
    assert!(yes.unsure.is_empty());
    assert_eq!(
        yes.conditions,
        [0, 1, 2],
        "every condition is still possible"
    );
}

#[test]
fn one_sided_pain_is_urgent_not_an_emergency() {
    let d = compile(&example()).unwrap();
    let (_, answers, _) = question_of(&d, d.root);
    let (q, pain, _) = question_of(&d, answers[1]);
    assert_eq!(*q, PAIN);
    let one_side = outcome_of(&d, pain[2]);
    assert_eq!(one_side.level, CareLevel::Urgent);
    assert_eq!(one_side.reasons, [(PAIN, 2)]);
    // Asking stopped: no later answer changes the level. Cervix is still possible.
    assert_eq!(one_side.conditions, [0, 2]);
    assert!(one_side.advice.is_empty(), "weeks were not asked");
    assert_eq!(outcome_of(&d, pain[3]).level, CareLevel::Emergency);
}

#[test]
fn not_sure_about_fainting_is_an_emergency_that_says_so() {
    let d = compile(&example()).unwrap();
    let (_, _, unsure) = question_of(&d, d.root);
    let outcome = outcome_of(&d, unsure.expect("offered"));
    assert_eq!(outcome.level, CareLevel::Emergency);
    assert_eq!(outcome.unsure, [FAINT]);
    assert!(outcome.reasons.is_empty());
}

#[test]
fn not_sure_about_pain_takes_the_most_urgent_answer() {
    let d = compile(&example()).unwrap();
    let (_, answers, _) = question_of(&d, d.root);
    let (_, _, unsure) = question_of(&d, answers[1]);
    let outcome = outcome_of(&d, unsure.expect("offered"));
    assert_eq!(outcome.level, CareLevel::Emergency);
    assert_eq!(outcome.unsure, [PAIN]);
}

#[test]
fn a_topic_outcome_gives_its_advice_when_its_answers_are_given() {
    let t = example();
    let d = compile(&t).unwrap();
    // No faint, no pain, not after sex, more than 12 weeks.
    let outcome = d.walk(&[1, 0, 1, 1]);
    assert_eq!(outcome.level, CareLevel::Urgent);
    assert_eq!(outcome.advice, [0]);
    assert_eq!(outcome.reasons, [(WEEKS, 1)]);
    assert!(!outcome.otherwise);
    let early = d.walk(&[1, 0, 1, 0]);
    assert_eq!(early.level, CareLevel::Soon);
    assert!(early.otherwise && early.advice.is_empty());
}

#[test]
fn a_question_that_cannot_change_the_care_level_is_skipped() {
    let mut t = example();
    // After sex now gives the same level as no rule at all: it changes nothing.
    t.conditions[2].rules[0].level = CareLevel::Soon;
    t.otherwise.level = CareLevel::Soon;
    t.outcomes.clear();
    let d = compile(&t).unwrap();
    for node in &d.nodes {
        if let NodeKind::Question { question, .. } = node.kind {
            assert!(
                question != AFTER_SEX && question != WEEKS,
                "asked {question}"
            );
        }
    }
}

#[test]
fn identical_subtrees_are_shared_and_ids_are_stable() {
    let d1 = compile(&example()).unwrap();
    let d2 = compile(&example()).unwrap();
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
    let d = compile(&t).unwrap();
    let (_, _, unsure) = question_of(&d, d.root);
    assert!(unsure.is_none());
}

#[test]
fn compiled_walk_equals_direct_evaluation() {
    let t = example();
    let d = compile(&t).unwrap();
    for a in 0..2 {
        for b in 0..4 {
            for c in 0..2 {
                for w in 0..2 {
                    let answers = [a, b, c, w];
                    let direct = t.evaluate(&answers);
                    let compiled = d.walk(&answers);
                    assert_eq!(compiled.level, direct.level, "{answers:?}");
                    for c in &direct.conditions {
                        assert!(compiled.conditions.contains(c), "{answers:?}");
                    }
                }
            }
        }
    }
}
