//! `careleaf triage diff OLD_SITE`: what a change to a topic's rules does to patients,
//! in plain words, grouped; a lower care level fails unless `--allow-lower` signs it
//! off. Snapshots: a lowered level, a raised level, a renamed answer, an added question.

use std::path::Path;
use std::process::Command;

use crate::common::*;

const QUESTIONS: &str = "    - id: faint\n      ask: Have you fainted?\n      answers: [yes, no]\n    - id: pain\n      ask: Do you have pain?\n      answers: { none: No pain, one_side: Pain on one side, severe: Severe pain }\n";
const RULES: &str = "  emergency:\n    - { faint: yes }\n    - { pain: severe }\n  urgent:\n    - { pain: one_side }\n";

/// A site with one topic (`questions`) and one condition (`rules`).
fn site(dir: &Path, questions: &str, rules: &str) {
    write(dir, "site.yaml", "title: Diff\n");
    write(dir, "content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    write(
        dir,
        "content/bleeding/_index.md",
        format!(
            "---\ntitle: Bleeding\ntriage:\n  title: What should I do?\n  questions:\n{questions}  otherwise: {{ urgency: soon, advice: Call your midwife. }}\n---\nText.\n"
        ),
    );
    write(
        dir,
        "content/bleeding/ectopic.md",
        format!(
            "---\ntitle: Ectopic pregnancy\nsummary: A pregnancy outside the womb.\nurgency: emergency\ntriage:\n{rules}reviewed: {{ by: A, on: 2026-11-01 }}\nsources:\n  - {{ title: Ectopic pregnancy, publisher: NHS, url: \"https://www.nhs.uk/\" }}\n---\nText.\n"
        ),
    );
}

/// `careleaf triage diff` of a site changed from the original: (exit code, output).
fn diff(questions: &str, rules: &str, extra: &[&str]) -> (i32, String) {
    let old = tempfile::tempdir().unwrap();
    let new = tempfile::tempdir().unwrap();
    site(old.path(), QUESTIONS, RULES);
    site(new.path(), questions, rules);
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["triage", "diff"])
        .arg(old.path())
        .arg("--site")
        .arg(new.path())
        .args(extra)
        .output()
        .expect("run careleaf triage diff");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn a_lowered_level_fails_without_sign_off() {
    // One-sided pain without fainting was urgent; a rule now makes it routine.
    let lowered = RULES.replace(
        "  urgent:\n    - { pain: one_side }\n",
        "  routine:\n    - { pain: one_side }\n",
    );
    let (code, text) = diff(QUESTIONS, &lowered, &[]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("diff_lowered", text);
    let (code, _) = diff(QUESTIONS, &lowered, &["--allow-lower"]);
    assert_eq!(code, 0, "a clinician signed it off");
}

#[test]
fn a_raised_level_passes() {
    let raised = RULES.replace(
        "    - { pain: one_side }\n",
        "    - { pain: one_side }\n    - { pain: none, faint: no }\n",
    );
    let (code, text) = diff(QUESTIONS, &raised, &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!("diff_raised", text);
}

#[test]
fn a_renamed_answer_shows_what_each_version_could_be_given() {
    let renamed = QUESTIONS.replace(
        "one_side: Pain on one side",
        "one_sided: Pain low down on one side",
    );
    let rules = RULES.replace("pain: one_side", "pain: one_sided");
    let (code, text) = diff(&renamed, &rules, &[]);
    assert_eq!(
        code, 0,
        "nothing that both versions can be given got lower: {text}"
    );
    insta::assert_snapshot!("diff_renamed", text);
}

#[test]
fn an_added_question_that_changes_care_is_listed() {
    let added = format!(
        "{QUESTIONS}    - id: shoulder\n      ask: Do you have shoulder-tip pain?\n      answers: [yes, no]\n"
    );
    let rules = RULES.replace(
        "    - { pain: severe }\n",
        "    - { pain: severe }\n    - { shoulder: yes }\n",
    );
    let (code, text) = diff(&added, &rules, &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!("diff_added_question", text);
}

#[test]
fn the_same_rules_are_no_change() {
    let (code, text) = diff(QUESTIONS, RULES, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        text,
        "bleeding: no change to what any patient is told (6 sets of answers compared)\n"
    );
}

#[test]
fn topic_advice_that_changes_is_listed() {
    let with_outcome = format!(
        "{QUESTIONS}  outcomes:\n    - {{ id: lie_down, when: [{{ faint: yes }}], urgency: emergency, advice: Lie down while you wait. }}\n"
    );
    let (code, text) = diff(&with_outcome, RULES, &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text,
        "bleeding: 1 group of answers changed (6 sets of answers compared)\n  faint: Yes: emergency → emergency; now advises lie_down\n"
    );
}
