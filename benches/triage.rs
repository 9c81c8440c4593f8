//! Benchmarks of the triage compiler and its safety check:
//! `cargo bench --bench triage`.
//!
//! - the example site's tree (8 questions, 1,728 answer sets);
//! - synthetic trees with 8 conditions whose rules tie several questions together:
//!   9 questions (5 with 3 answers, 4 yes/no: 3,888 answer sets), compiled and proven;
//!   12 questions (6 and 6: 46,656 answer sets), compiled (5,348 nodes) and proven
//!   since the compiler's memo leaves out answers nothing depends on any more;
//!   14 questions (7 and 7), which takes more than the compiler's step limit: the
//!   figure is how fast it is refused (until a symbolic compiler).

use std::path::Path;

use careleaf::care::CareLevel;
use careleaf::config::Config;
use careleaf::diagnostics::Diagnostics;
use careleaf::triage::compile::compile;
use careleaf::triage::model::{Otherwise, Question, Rule, Triage, TriageCondition};
use careleaf::triage::safety::verify;
use careleaf::triage::validate;

fn main() {
    divan::main();
}

fn example() -> Triage {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diagnostics = Diagnostics::default();
    let config = Config::load(root, &mut diagnostics).expect("site.yaml");
    let content = careleaf::content::load(root, &config, false, &mut diagnostics);
    let (topic, conditions) = validate::topics_with_conditions(&content.pages).remove(0);
    validate::triage_for(topic, &conditions, &mut diagnostics).expect("the example tree is valid")
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
        .map(|c| TriageCondition {
            key: format!("topic/c{c}.md"),
            title: format!("Condition {c}"),
            summary: String::new(),
            path: format!("topic/c{c}/"),
            urgency: levels[c % levels.len()],
            rules: vec![
                Rule {
                    level: levels[c % levels.len()],
                    when: vec![(c % three, 0b100), (three + c % two, 0b01)],
                },
                Rule {
                    level: levels[(c + 1) % levels.len()].max(levels[c % levels.len()]),
                    when: vec![
                        ((c + 2) % three, 0b010),
                        ((c + 3) % three, 0b110),
                        (three + (c + 1) % two, 0b01),
                    ],
                },
            ],
        })
        .collect();
    Triage {
        topic: "topic".into(),
        lang: "en".into(),
        title: "Synthetic".into(),
        questions,
        conditions,
        outcomes: Vec::new(),
        otherwise: Otherwise {
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
        verify(&triage, &diagram).expect("safe")
    });
}

#[divan::bench]
fn compile_and_prove_9_questions(bencher: divan::Bencher) {
    let triage = synthetic(5, 4);
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify(&triage, &diagram).expect("safe")
    });
}

#[divan::bench(sample_count = 3)]
fn compile_and_prove_12_questions(bencher: divan::Bencher) {
    let triage = synthetic(6, 6);
    bencher.bench(|| {
        let diagram = compile(&triage).expect("compiles");
        verify(&triage, &diagram).expect("safe")
    });
}

#[divan::bench(sample_count = 3)]
fn refuse_14_questions(bencher: divan::Bencher) {
    let triage = synthetic(7, 7);
    bencher.bench(|| compile(divan::black_box(&triage)).is_err());
}
