//! Benchmarks of the triage compiler and its safety check:
//! `cargo bench --bench triage`.
//!
//! - the example site's tree (8 questions, 1,728 answer sets), compiled; proven by
//!   symbol (as builds do) and by enumeration (the tests' oracle);
//! - synthetic trees with 8 conditions whose rules tie several questions together:
//!   9 questions (5 with 3 answers, 4 yes/no: 3,888 answer sets), 12 (6 and 6: 46,656)
//!   and 14 (7 and 7: 279,936), compiled and proven;
//! - random protocols shaped like real triage (`support/protocol.rs`): 16 questions and 24
//!   conditions, compiled and proven; 40 questions of 2–5 answers and 60 conditions
//!   whose rules name 1–4 questions: the care level its rules give, built as a decision
//!   diagram; with each rule's questions near each other (as real protocols have
//!   them), compiled and proven; with them scattered over all 40, how fast its
//!   compilation is refused (its diagram would have more pages than
//!   `compile::MAX_NODES`);
//! - `triage diff` of that protocol against itself with one rule's level raised, and
//!   of two protocols of 60 conditions that ask 20 (30) entirely different questions.

use std::path::Path;

use careleaf::CareLevel;
use careleaf::Config;
use careleaf::Diagnostics;
use careleaf::tree::Mdd;
use careleaf::tree::Side;
use careleaf::tree::compile;
use careleaf::tree::verify;
use careleaf::tree::verify_symbolically;
use careleaf::tree::{Otherwise, Question, Rule, Triage, TriageCondition};
use careleaf::tree::{topics_with_conditions, triage_for};

#[path = "support/protocol.rs"]
mod protocol;
use protocol::protocol;

fn main() {
    divan::main();
}

fn example() -> Triage {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diagnostics = Diagnostics::default();
    let config = Config::load(root, &mut diagnostics).expect("site.yaml");
    let content = careleaf::stages::load_content(root, &config, false, &mut diagnostics);
    let (topic, conditions) = topics_with_conditions(&content.pages).remove(0);
    triage_for(topic, &conditions, &config.services, &mut diagnostics)
        .expect("the example tree is valid")
}

/// `three` questions with 3 answers, then `two` yes/no questions.
fn synthetic(three: usize, two: usize) -> Triage {
    let questions = (0..three + two)
        .map(|i| {
            let ids: &[&str] = if i < three {
                &["none", "some", "lots"]
            } else {
                &["yes", "no"]
            };
            Question::simple(&format!("q{i}"), ids)
        })
        .collect();
    let levels = [
        CareLevel::Emergency,
        CareLevel::Urgent,
        CareLevel::Soon,
        CareLevel::Routine,
    ];
    let conditions = (0..8)
        .map(|c| {
            TriageCondition::simple(
                &format!("c{c}"),
                vec![
                    Rule {
                        line: 0,
                        level: levels[c % levels.len()],
                        when: vec![(c % three, 0b100), (three + c % two, 0b01)],
                    },
                    Rule {
                        line: 0,
                        level: levels[(c + 1) % levels.len()].max(levels[c % levels.len()]),
                        when: vec![
                            ((c + 2) % three, 0b010),
                            ((c + 3) % three, 0b110),
                            (three + (c + 1) % two, 0b01),
                        ],
                    },
                ],
            )
        })
        .collect();
    Triage {
        topic: "topic".into(),
        lang: "en".into(),
        title: "Synthetic".into(),
        source: "topic/_index.md".into(),
        questions,
        conditions,
        outcomes: Vec::new(),
        otherwise: Otherwise {
            line: 0,
            level: CareLevel::Soon,
            advice: "Get checked.".into(),
        },
    }
}

#[divan::bench]
fn compile_example(bencher: divan::Bencher) {
    let triage = example();
    bencher.bench(|| compile(divan::black_box(&triage)));
}

#[divan::bench]
fn compile_and_prove_example(bencher: divan::Bencher) {
    let triage = example();
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify_symbolically(&triage, &diagram).expect("safe")
    });
}

/// The proof builds ran before it was symbolic, for comparison.
#[divan::bench]
fn prove_example_by_enumeration(bencher: divan::Bencher) {
    let triage = example();
    let diagram = compile(&triage).expect("compiles");
    bencher.bench(|| verify(&triage, &diagram).expect("safe"));
}

#[divan::bench]
fn prove_example_by_symbol(bencher: divan::Bencher) {
    let triage = example();
    let diagram = compile(&triage).expect("compiles");
    bencher.bench(|| verify_symbolically(&triage, &diagram).expect("safe"));
}

#[divan::bench]
fn compile_and_prove_9_questions(bencher: divan::Bencher) {
    let triage = synthetic(5, 4);
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify_symbolically(&triage, &diagram).expect("safe")
    });
}

#[divan::bench(sample_count = 5)]
fn compile_and_prove_12_questions(bencher: divan::Bencher) {
    let triage = synthetic(6, 6);
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify_symbolically(&triage, &diagram).expect("safe")
    });
}

#[divan::bench(sample_count = 5)]
fn compile_and_prove_14_questions(bencher: divan::Bencher) {
    let triage = synthetic(7, 7);
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify_symbolically(&triage, &diagram).expect("safe")
    });
}

/// 16 questions, 24 conditions (seed 2): 18,946 nodes, 314,692 paths proven.
#[divan::bench(sample_count = 3)]
fn compile_and_prove_16_question_protocol(bencher: divan::Bencher) {
    let triage = protocol(16, 24, 2);
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify_symbolically(&triage, &diagram).expect("safe")
    });
}

/// The care level of 40 questions and 60 conditions (seed 1): 10,311 nodes.
#[divan::bench(sample_count = 5)]
fn meaning_of_40_question_protocol(bencher: divan::Bencher) {
    let triage = protocol(40, 60, 1);
    bencher.bench(|| {
        let sizes = triage.questions.iter().map(|q| q.answers.len()).collect();
        let mut mdd = Mdd::new(sizes, usize::MAX);
        let level = mdd.care_level(&triage).expect("no budget");
        mdd.size(level)
    });
}

/// 40 questions and 60 conditions whose rules name questions within 8 of each other
/// (seed 3): compiled and proven, as every build does (373 pages).
#[divan::bench(sample_count = 10)]
fn compile_and_prove_40_question_protocol(bencher: divan::Bencher) {
    let triage = protocol::protocol_within(40, 60, 3, 8);
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify_symbolically(&triage, &diagram).expect("safe")
    });
}

/// The scattered protocol compiled: more than `MAX_NODES` pages, refused.
#[divan::bench(sample_count = 3)]
fn refuse_40_question_protocol(bencher: divan::Bencher) {
    let triage = protocol(40, 60, 1);
    bencher.bench(|| compile(divan::black_box(&triage)).is_err());
}

/// `triage diff` of the 40-question protocol (seed 1) against itself with one rule
/// raised from soon to urgent (8,050 groups of answers change): what a pull request's
/// check runs.
#[divan::bench(sample_count = 5)]
fn diff_40_question_protocol(bencher: divan::Bencher) {
    let old = protocol(40, 60, 1);
    let mut new = old.clone();
    assert_eq!(new.conditions[30].rules[0].level, CareLevel::Soon);
    new.conditions[30].rules[0].level = CareLevel::Urgent;
    bencher.bench(|| {
        let (old, new) = (Side::plain(&old), Side::plain(&new));
        let d = careleaf::tree::diff(&old, &new).unwrap_or_else(|e| panic!("{e}"));
        d.care.len()
    });
}

/// `triage diff` against a version whose 20 questions are all different (60
/// conditions each).
#[divan::bench(sample_count = 5)]
fn diff_against_20_new_questions(bencher: divan::Bencher) {
    let (old, new) = protocol::rewritten(20, 60);
    bencher.bench(|| {
        let d = careleaf::tree::diff(&Side::plain(&old), &Side::plain(&new));
        d.map(|d| d.care.len()).unwrap_or_else(|e| panic!("{e}"))
    });
}

/// The same with 30 questions each.
#[divan::bench(sample_count = 3)]
fn diff_against_30_new_questions(bencher: divan::Bencher) {
    let (old, new) = protocol::rewritten(30, 60);
    bencher.bench(|| {
        let d = careleaf::tree::diff(&Side::plain(&old), &Side::plain(&new));
        d.map(|d| d.care.len()).unwrap_or_else(|e| panic!("{e}"))
    });
}
