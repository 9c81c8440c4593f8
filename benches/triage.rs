//! Benchmarks of the triage compiler and its safety check:
//! `cargo bench --bench triage`.
//!
//! - the example site's tree (8 questions, 1,728 answer sets);
//! - a synthetic tree of 12 questions (3 answers each for the first 6, yes/no after:
//!   46,656 answer sets) with 8 conditions.

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

fn synthetic_12() -> Triage {
    let questions = (0..12)
        .map(|i| {
            let ids: &[&str] = if i < 6 {
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
                    when: vec![(c % 6, 0b100), (6 + c % 6, 0b01)],
                },
                Rule {
                    level: levels[(c + 1) % levels.len()].max(levels[c % levels.len()]),
                    when: vec![
                        ((c + 2) % 6, 0b010),
                        ((c + 3) % 6, 0b110),
                        (6 + (c + 1) % 6, 0b01),
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
        let diagram = compile(&triage);
        verify(&triage, &diagram).expect("safe")
    });
}

#[divan::bench(sample_count = 10)]
fn compile_and_prove_12_questions(bencher: divan::Bencher) {
    let triage = synthetic_12();
    bencher.bench(|| {
        let diagram = compile(&triage);
        verify(&triage, &diagram).expect("safe")
    });
}

#[divan::bench(sample_count = 3)]
fn compile_12_questions(bencher: divan::Bencher) {
    let triage = synthetic_12();
    bencher.bench(|| compile(divan::black_box(&triage)));
}
