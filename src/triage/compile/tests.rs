//! Unit tests of `compile`.

use super::*;
use crate::care::CareLevel;
use crate::triage::model::{Alternative, Otherwise, Question, Rule, TopicOutcome, TriageCondition};
use crate::triage::shared::{Shared, shared};

/// What every path to `node` shares.
fn shared_at(t: &Triage, d: &Diagram, node: usize) -> Shared {
    shared(t, d)[node].clone().expect("an outcome")
}

fn question(id: &str, answers: &[&str]) -> Question {
    Question::simple(id, answers)
}

fn condition(name: &str, rules: &[(CareLevel, Alternative)]) -> TriageCondition {
    let rules = rules
        .iter()
        .map(|(level, when)| Rule {
            line: 0,
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
        source: "topic/_index.md".into(),
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
            line: 0,
            id: "after_12_weeks".into(),
            level: CareLevel::Urgent,
            advice: "This guide is for the first 12 weeks.".into(),
            when: vec![vec![(WEEKS, 0b10)]],
            action: None,
        }],
        otherwise: Otherwise {
            line: 0,
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
    let t = example();
    let d = compile(&t).unwrap();
    let (q, answers, _) = question_of(&d, d.root);
    assert_eq!(*q, FAINT);
    let yes = outcome_of(&d, answers[0]);
    assert_eq!(yes.level, CareLevel::Emergency);
    assert!(!yes.cautious);
    let here = shared_at(&t, &d, answers[0]);
    // Fainting, and severe pain: its page is also the way after "no" and severe pain.
    assert_eq!(here.reasons.len(), 2);
    assert_eq!(here.conditions, [0], "only ectopic has emergency rules");
}

#[test]
fn one_sided_pain_is_urgent_not_an_emergency() {
    let t = example();
    let d = compile(&t).unwrap();
    let (_, answers, _) = question_of(&d, d.root);
    let (q, pain, _) = question_of(&d, answers[1]);
    assert_eq!(*q, PAIN);
    let one_side = outcome_of(&d, pain[2]);
    assert_eq!(one_side.level, CareLevel::Urgent);
    let here = shared_at(&t, &d, pain[2]);
    // Ectopic (one-sided pain) and miscarriage (cramps) both lead to this page.
    assert_eq!(here.conditions, [0, 1]);
    assert!(here.advice.is_empty(), "weeks were not asked");
    assert_eq!(outcome_of(&d, pain[3]).level, CareLevel::Emergency);
}

#[test]
fn not_sure_about_fainting_is_an_emergency_that_says_so() {
    let t = example();
    let d = compile(&t).unwrap();
    let (_, _, unsure) = question_of(&d, d.root);
    let node = unsure.expect("offered");
    let outcome = outcome_of(&d, node);
    assert_eq!(outcome.level, CareLevel::Emergency);
    assert!(outcome.cautious);
    // Why: the rules an "I'm not sure" may meet (fainting; severe pain, after "no").
    assert_eq!(shared_at(&t, &d, node).reasons.len(), 2);
}

#[test]
fn not_sure_about_pain_takes_the_most_urgent_answer() {
    let d = compile(&example()).unwrap();
    let (_, answers, _) = question_of(&d, d.root);
    let (_, _, unsure) = question_of(&d, answers[1]);
    let outcome = outcome_of(&d, unsure.expect("offered"));
    assert_eq!(outcome.level, CareLevel::Emergency);
    assert!(outcome.cautious);
}

#[test]
fn a_topic_outcome_gives_its_advice_and_action_when_its_answers_are_given() {
    let mut t = example();
    t.outcomes[0].action = Some(crate::triage::model::Action {
        text: "Call the maternity unit".into(),
        call: Some("maternity".into()),
    });
    let d = compile(&t).unwrap();
    // No faint, no pain, not after sex, more than 12 weeks.
    let outcome = d.walk(&[1, 0, 1, 1]);
    assert_eq!(outcome.level, CareLevel::Urgent);
    assert_eq!(outcome.action, Some(0));
    // One-sided pain after 12 weeks: the same level, and the outcome's action.
    assert_eq!(d.walk(&[1, 2, 1, 1]).action, Some(0));
    assert_eq!(d.walk(&[1, 2, 1, 0]).action, None);
    let early = d.walk(&[1, 0, 1, 0]);
    assert_eq!(early.level, CareLevel::Soon);
    let shared = shared(&t, &d);
    let node = d
        .nodes
        .iter()
        .position(|n| matches!(&n.kind, NodeKind::Outcome(o) if *o == *early))
        .unwrap();
    let here = shared[node].as_ref().unwrap();
    assert!(here.otherwise && here.advice.is_empty());
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
                    assert_eq!(compiled.action, direct.action, "{answers:?}");
                }
            }
        }
    }
}
