//! Property tests for the triage compiler: for random questions, per-level rules and
//! topic outcomes, the compiled diagram always agrees with direct evaluation of the
//! rules (the safety property: the same level for every answer set, and every "I'm not
//! sure" path at the most urgent level reachable), and it is reduced: no duplicate
//! nodes, and every question asked can change the care level. The build's symbolic
//! proof agrees with the enumerating one, on compiled diagrams and on broken ones.

use std::collections::HashSet;

use careleaf::CareLevel;
use careleaf::tree::Diagram;
use careleaf::tree::verify;
use careleaf::tree::verify_symbolically;
use careleaf::tree::{
    Action, Alternative, Answer, Otherwise, Question, Rule, TopicOutcome, Triage, TriageCondition,
};
use careleaf::tree::{Given, narrow, shared};
use careleaf::tree::{NodeKind, compile};
use proptest::prelude::*;

fn level() -> impl Strategy<Value = CareLevel> {
    prop::sample::select(CareLevel::ALL.to_vec())
}

fn triage() -> impl Strategy<Value = Triage> {
    let questions = prop::collection::vec((2usize..=4, any::<bool>()), 1..=5);
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
            let rule = (level(), alternative.clone());
            let condition = prop::collection::vec(rule, 1..=3);
            let outcome = (
                level(),
                prop::collection::vec(alternative, 1..=2),
                any::<bool>(),
            );
            (
                Just(shape),
                Just(otherwise),
                prop::collection::vec(condition, 1..=4),
                prop::collection::vec(outcome, 0..=2),
            )
        })
        .prop_map(|(shape, otherwise, conditions, outcomes)| Triage {
            topic: "t".into(),
            lang: "en".into(),
            title: "T".into(),
            source: "topic/_index.md".into(),
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
                            sign: None,
                        })
                        .collect(),
                    unsure,
                    sign: None,
                })
                .collect(),
            conditions: conditions
                .into_iter()
                .enumerate()
                .map(|(i, rules)| {
                    let rules: Vec<Rule> = rules
                        .into_iter()
                        .map(|(level, when)| Rule {
                            line: 0,
                            level,
                            when: entry(when),
                        })
                        .collect();
                    TriageCondition::simple(&format!("c{i}"), rules)
                })
                .collect(),
            outcomes: outcomes
                .into_iter()
                .enumerate()
                .map(|(i, (level, when, own_action))| TopicOutcome {
                    line: 0,
                    id: format!("o{i}"),
                    level,
                    advice: format!("Advice {i}."),
                    when: when.into_iter().map(entry).collect(),
                    action: own_action.then(|| Action {
                        text: format!("Action {i}."),
                        call: None,
                    }),
                })
                .collect(),
            otherwise: Otherwise {
                line: 0,
                level: otherwise,
                advice: "Get checked.".into(),
            },
        })
}

/// One question at most once in an entry, in question order (as validation makes it).
fn entry(mut when: Alternative) -> Alternative {
    when.sort_by_key(|(q, _)| *q);
    when.dedup_by_key(|(q, _)| *q);
    when
}

/// Every way through `diagram` to an outcome: the outcome node and what the patient
/// gave on the way.
fn paths(t: &Triage, diagram: &Diagram) -> Vec<(usize, Vec<Given>)> {
    let mut found = Vec::new();
    let mut stack = vec![(diagram.root, vec![Given::NotAsked; t.questions.len()])];
    while let Some((node, given)) = stack.pop() {
        match &diagram.nodes[node].kind {
            NodeKind::Outcome(_) => found.push((node, given)),
            NodeKind::Question {
                question,
                answers,
                unsure,
            } => {
                for (a, &child) in answers.iter().enumerate() {
                    let mut next = given.clone();
                    next[*question] = Given::Answer(a);
                    stack.push((child, next));
                }
                if let Some(child) = unsure {
                    let mut next = given.clone();
                    next[*question] = Given::Unsure;
                    stack.push((*child, next));
                }
            }
        }
    }
    found
}

/// Every full set of answers to `t`'s questions.
fn answer_sets(t: &Triage) -> Vec<Vec<usize>> {
    let mut sets = vec![Vec::new()];
    for q in &t.questions {
        sets = sets
            .into_iter()
            .flat_map(|set| {
                (0..q.answers.len()).map(move |a| {
                    let mut next = set.clone();
                    next.push(a);
                    next
                })
            })
            .collect();
    }
    sets
}

/// The level reached from `node` by following `answers`.
/// The care level and action the diagram gives from `node` for full `answers`.
fn care_from(d: &Diagram, node: usize, answers: &[usize]) -> (CareLevel, Option<usize>) {
    let mut node = node;
    loop {
        match &d.node(node).kind {
            NodeKind::Outcome(o) => return (o.level, o.action),
            NodeKind::Question {
                question,
                answers: children,
                ..
            } => node = children[answers[*question]],
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn compiled_diagram_agrees_with_the_rules(t in triage()) {
        let diagram = compile(&t).expect("small trees compile");
        if let Err(counterexample) = verify(&t, &diagram) {
            return Err(TestCaseError::fail(format!("{counterexample:?}")));
        }
    }

    #[test]
    fn diagram_is_reduced_and_deterministic(t in triage()) {
        let diagram = compile(&t).expect("small trees compile");
        prop_assert_eq!(&diagram, &compile(&t).expect("small trees compile"));
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

    /// Asked only where an answer changes what the patient is told to do: the care
    /// level or (a topic outcome's own) action.
    #[test]
    fn every_question_asked_can_change_the_care_level(t in triage()) {
        let diagram = compile(&t).expect("small trees compile");
        let sets = answer_sets(&t);
        for node in &diagram.nodes {
            if let NodeKind::Question { answers, question, .. } = &node.kind {
                let changes = sets.iter().any(|set| {
                    let first = care_from(&diagram, answers[0], set);
                    answers.iter().any(|&c| care_from(&diagram, c, set) != first)
                });
                prop_assert!(changes, "question {question} is asked but no answer changes the care level or action");
            }
        }
    }

    /// SPEC §5: an outcome page says what every way to it shares, a function of the
    /// node; the script's narrowing to one patient's answers (`shared::narrow`, as
    /// `triage.js` does it) stays within it and never changes the care or the action.
    #[test]
    fn outcome_pages_say_what_every_path_shares_and_narrowing_stays_within(t in triage()) {
        let diagram = compile(&t).expect("small trees compile");
        let all = shared(&t, &diagram);
        for (leaf, given) in paths(&t, &diagram) {
            let NodeKind::Outcome(outcome) = &diagram.nodes[leaf].kind else { unreachable!() };
            let here = all[leaf].as_ref().expect("an outcome's content");
            let narrowed = narrow(&t, outcome.level, &given);
            for c in &narrowed.shared.conditions {
                prop_assert!(here.conditions.contains(c), "condition {c} narrowed in but not on the page");
            }
            for r in &narrowed.shared.reasons {
                prop_assert!(here.reasons.contains(r), "reason {r} narrowed in but not on the page");
            }
            for o in &here.advice {
                prop_assert!(narrowed.shared.advice.contains(o), "advice {o} on the page but not for these answers");
            }
            prop_assert!(!here.otherwise || narrowed.shared.otherwise);
            // Full answers: the page's care and action are what the rules say, and a
            // condition matching at this level is listed.
            if given.iter().all(|g| matches!(g, Given::Answer(_) | Given::NotAsked)) {
                let mut full: Vec<Vec<usize>> = vec![Vec::new()];
                for (q, g) in given.iter().enumerate() {
                    full = full.into_iter().flat_map(|set| {
                        let options: Vec<usize> = match g {
                            Given::Answer(a) => vec![*a],
                            _ => (0..t.questions[q].answers.len()).collect(),
                        };
                        options.into_iter().map(move |a| { let mut s = set.clone(); s.push(a); s })
                    }).collect();
                }
                for set in full {
                    let direct = t.evaluate(&set);
                    prop_assert_eq!(outcome.level, direct.level);
                    prop_assert_eq!(outcome.action, direct.action);
                    for &c in &direct.conditions {
                        let at_level = t.conditions[c].rules.iter().any(|r| r.level == outcome.level
                            && r.when.iter().all(|&(q, m)| m & (1 << set[q]) != 0));
                        if at_level {
                            prop_assert!(narrowed.shared.conditions.contains(&c), "condition {c} matched at this level but not listed");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn not_sure_is_never_less_urgent_than_an_answer(t in triage()) {
        let diagram = compile(&t).expect("small trees compile");
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
    d: &careleaf::tree::Diagram,
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every node of the diagram is reached from its start: each is a page a patient
    /// can land on, and the reviewers' drawing lays out every one.
    #[test]
    fn every_node_is_reachable_from_the_start(t in triage()) {
        let diagram = compile(&t).expect("small trees compile");
        let mut seen = vec![false; diagram.nodes.len()];
        let mut stack = vec![diagram.root];
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            if let NodeKind::Question { answers, unsure, .. } = &diagram.node(n).kind {
                stack.extend(answers.iter().chain(unsure));
            }
        }
        prop_assert!(seen.iter().all(|&s| s), "unreachable nodes");
    }
}

/// A way to break a compiled diagram, as a compiler bug might.
#[derive(Debug, Clone)]
enum Mutation {
    /// The outcome at this (wrapped) index gets this level.
    Level(usize, CareLevel),
    /// The outcome at this index gets the action of topic outcome `.1` (none if out
    /// of range).
    SetAction(usize, usize),
    /// The question node at this index sends its first answer where its last goes.
    Redirect(usize),
    /// The question node at this index sends "I'm not sure" where its first answer goes.
    UnsureToFirst(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), level()).prop_map(|(i, l)| Mutation::Level(i, l)),
        (any::<usize>(), 0usize..3).prop_map(|(i, o)| Mutation::SetAction(i, o)),
        any::<usize>().prop_map(Mutation::Redirect),
        any::<usize>().prop_map(Mutation::UnsureToFirst),
    ]
}

/// `diagram` broken by `mutation` (or unchanged where it does not apply).
fn mutate(t: &Triage, diagram: &mut Diagram, mutation: &Mutation) {
    let outcomes: Vec<usize> = (0..diagram.nodes.len())
        .filter(|&n| matches!(diagram.nodes[n].kind, NodeKind::Outcome(_)))
        .collect();
    let questions: Vec<usize> = (0..diagram.nodes.len())
        .filter(|&n| matches!(diagram.nodes[n].kind, NodeKind::Question { .. }))
        .collect();
    let outcome_at = |i: usize| outcomes[i % outcomes.len()];
    match (mutation, questions.is_empty()) {
        (Mutation::Level(i, level), _) => {
            if let NodeKind::Outcome(o) = &mut diagram.nodes[outcome_at(*i)].kind {
                o.level = *level;
            }
        }
        (Mutation::SetAction(i, action), _) => {
            if let NodeKind::Outcome(o) = &mut diagram.nodes[outcome_at(*i)].kind {
                o.action = (*action < t.outcomes.len()).then_some(*action);
            }
        }
        (Mutation::Redirect(i), false) => {
            let n = questions[i % questions.len()];
            if let NodeKind::Question { answers, .. } = &mut diagram.nodes[n].kind {
                answers[0] = answers[answers.len() - 1];
            }
        }
        (Mutation::UnsureToFirst(i), false) => {
            let n = questions[i % questions.len()];
            if let NodeKind::Question {
                answers, unsure, ..
            } = &mut diagram.nodes[n].kind
                && unsure.is_some()
            {
                *unsure = Some(answers[0]);
            }
        }
        (_, true) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// The proof builds run (by symbol) and the enumerating proof accept and refuse the
    /// same diagrams, and say the same of those they accept.
    #[test]
    fn the_symbolic_proof_agrees_with_enumeration(t in triage(), broken in mutation()) {
        let mut diagram = compile(&t).expect("small trees compile");
        let enumerated = verify(&t, &diagram).expect("the compiled diagram is proven");
        prop_assert_eq!(verify_symbolically(&t, &diagram), Ok(enumerated));
        mutate(&t, &mut diagram, &broken);
        let (by_symbol, by_enumeration) = (verify_symbolically(&t, &diagram), verify(&t, &diagram));
        prop_assert_eq!(by_symbol.is_ok(), by_enumeration.is_ok(), "{:?}: {:?} / {:?}", broken, by_symbol, by_enumeration);
        if let (Ok(a), Ok(b)) = (by_symbol, by_enumeration) {
            prop_assert_eq!(a, b);
        }
    }
}

/// Some mutations do break a diagram (so the agreement above is not only on good ones),
/// and the symbolic proof names the answers that show it.
#[test]
fn the_symbolic_proof_finds_a_wrong_level() {
    let t = careleaf::tree::Triage {
        topic: "t".into(),
        lang: "en".into(),
        title: "T".into(),
        source: "topic/_index.md".into(),
        questions: vec![
            Question::simple("faint", &["yes", "no"]),
            Question::simple("pain", &["yes", "no"]),
        ],
        conditions: vec![TriageCondition::simple(
            "c",
            vec![
                Rule {
                    line: 0,
                    level: CareLevel::Emergency,
                    when: vec![(0, 0b01)],
                },
                Rule {
                    line: 0,
                    level: CareLevel::Urgent,
                    when: vec![(1, 0b01)],
                },
            ],
        )],
        outcomes: Vec::new(),
        otherwise: Otherwise {
            line: 0,
            level: CareLevel::Soon,
            advice: "Get checked.".into(),
        },
    };
    let mut diagram = compile(&t).unwrap();
    // Pain without a faint: urgent, told "soon".
    for node in &mut diagram.nodes {
        if let NodeKind::Outcome(o) = &mut node.kind
            && o.level == CareLevel::Urgent
        {
            o.level = CareLevel::Soon;
        }
    }
    let failure = verify_symbolically(&t, &diagram).unwrap_err();
    assert!(verify(&t, &diagram).is_err());
    let careleaf::tree::Failure::Counterexample(c) = failure else {
        panic!("{failure:?}");
    };
    assert_eq!((c.expected, c.found), (CareLevel::Urgent, CareLevel::Soon));
    assert_eq!(c.answers[1], "yes", "{c}");
}

/// `t` with one rule's level changed (a small edit, as a clinician makes).
fn edited(t: &Triage, rule: usize, level: CareLevel) -> Triage {
    let mut edited = t.clone();
    let rules: Vec<&mut Rule> = edited
        .conditions
        .iter_mut()
        .flat_map(|c| c.rules.iter_mut())
        .collect();
    let count = rules.len();
    if let Some(r) = rules.into_iter().nth(rule % count.max(1)) {
        r.level = level;
    }
    edited
}

/// The groups a diff lists hold, between them, exactly the answer sets whose care,
/// listing or advice changed (each once per kind of change), each with how it
/// changed, and count them right: what trying every set finds.
fn diff_agrees_with_enumeration(old: &Triage, new: &Triage) -> Result<(), TestCaseError> {
    use careleaf::tree::{Side, changed_by_groups, changes_by_enumeration, diff};
    let (old, new) = (Side::plain(old), Side::plain(new));
    let d = diff(&old, &new).expect("small trees are compared");
    let listed = changed_by_groups(&d).map_err(TestCaseError::fail)?;
    prop_assert_eq!(listed, changes_by_enumeration(&old, &new));
    let sets: u128 = d
        .questions
        .iter()
        .map(|q| q.answers.len() as u128)
        .product();
    prop_assert_eq!(d.answer_sets, sets);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// `triage diff` (by state, never answer set by answer set) says what trying every
    /// answer set says: between unrelated trees (questions, answers and conditions
    /// added, removed and renamed), and after a one-rule edit.
    #[test]
    fn the_diff_agrees_with_enumeration(
        old in triage(),
        new in triage(),
        rule in 0usize..12,
        level in level(),
    ) {
        diff_agrees_with_enumeration(&old, &new)?;
        diff_agrees_with_enumeration(&old, &edited(&old, rule, level))?;
    }
}
