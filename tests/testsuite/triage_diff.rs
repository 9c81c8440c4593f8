//! `careleaf triage diff OLD_SITE`: what a change to a topic's rules does to patients,
//! in their words (the care level, the action and its number, the advice, and the rule
//! that made the difference), grouped by answers; a lower care level fails unless
//! `--allow-lower` signs it off. Snapshots: a lowered level, a raised level, a changed
//! action, a changed phone number in `site.yaml`, a renamed answer, an added question;
//! and the same change for a pull request (`--format github`) and for tools (`json`).

use std::path::Path;
use std::process::Command;

use crate::common::*;

const QUESTIONS: &str = "    - id: faint\n      ask: Have you fainted?\n      answers: [yes, no]\n    - id: pain\n      ask: Do you have pain?\n      answers: { none: No pain, one_side: Pain on one side, severe: Severe pain }\n";
const RULES: &str = "  emergency:\n    - { faint: yes }\n    - { pain: severe }\n  urgent:\n    - { pain: one_side }\n";

/// The site's services and care levels: the words and numbers a diff says.
const SITE: &str = "title: Diff\nservices:\n  emergency: { name: Emergency services, phone: \"999\" }\n  epu: { name: Early Pregnancy Unit, phone: \"+44 20 7946 0001\", hours: 8am to 8pm }\n  gp: { name: Your GP, phone: \"+44 20 7946 0002\" }\ncare_levels:\n  emergency: { action: Call 999 now, call: emergency }\n  urgent: { action: Call the Early Pregnancy Unit now, call: epu }\n  soon: { action: Call your GP today or tomorrow, call: gp }\n  routine: { action: Mention it at your next appointment }\n  self_care: { action: Rest at home }\n";

/// A site with one topic (`questions`) and one condition (`rules`).
fn site(dir: &Path, questions: &str, rules: &str) {
    site_with(dir, SITE, questions, rules);
}

fn site_with(dir: &Path, site_yaml: &str, questions: &str, rules: &str) {
    write(dir, "site.yaml", site_yaml);
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
    diff_sites(SITE, questions, rules, extra)
}

/// [`diff`] with the new version's `site.yaml` too.
fn diff_sites(site_yaml: &str, questions: &str, rules: &str, extra: &[&str]) -> (i32, String) {
    let old = tempfile::tempdir().unwrap();
    let new = tempfile::tempdir().unwrap();
    site(old.path(), QUESTIONS, RULES);
    site_with(new.path(), site_yaml, questions, rules);
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

/// One-sided pain without fainting was urgent; a rule now makes it routine.
fn lowered() -> String {
    RULES.replace(
        "  urgent:\n    - { pain: one_side }\n",
        "  routine:\n    - { pain: one_side }\n",
    )
}

#[test]
fn a_lowered_level_fails_without_sign_off() {
    let (code, text) = diff(QUESTIONS, &lowered(), &[]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("diff_lowered", text);
    let (code, _) = diff(QUESTIONS, &lowered(), &["--allow-lower"]);
    assert_eq!(code, 0, "a clinician signed it off");
}

#[test]
fn a_lowered_level_annotates_the_rule_in_a_pull_request() {
    let (code, text) = diff(
        QUESTIONS,
        &lowered(),
        &[
            "--format",
            "github",
            "--sign-off-label",
            "care-lowered-signed-off",
        ],
    );
    assert_eq!(code, 1, "{text}");
    let annotation = text.lines().next().unwrap_or_default();
    assert!(
        annotation.starts_with("::error file=")
            && annotation.contains("/content/bleeding/ectopic.md,line=10,"),
        "the error is at the rule's line in the new version: {text}"
    );
    insta::assert_snapshot!(
        "diff_lowered_github",
        text.replace(
            &annotation[13..annotation.find("/content/").unwrap_or(13)],
            "SITE"
        )
    );
}

#[test]
fn a_lowered_level_as_json_says_what_each_version_tells() {
    let (code, text) = diff(QUESTIONS, &lowered(), &["--format", "json"]);
    assert_eq!(code, 1, "{text}");
    let json_part = &text[..text.rfind('}').map_or(0, |i| i + 1)];
    let value: serde_json::Value = serde_json::from_str(json_part).expect("one JSON document");
    assert_eq!(value["lower"], true);
    let care = &value["topics"][0]["diff"]["care"][0];
    assert_eq!(
        care["before"]["action"],
        "Call the Early Pregnancy Unit now"
    );
    assert_eq!(care["before"]["phone"], "+44 20 7946 0001");
    assert_eq!(care["now"]["level"], "routine");
    assert_eq!(care["groups"][0]["now"]["line"], 10);
    assert_eq!(care["groups"][0]["answers"][0][0], "Have you fainted?");
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
fn a_changed_action_says_both_words_and_where_they_are_written() {
    let changed = SITE.replace(
        "Call the Early Pregnancy Unit now",
        "Go to the Early Pregnancy Unit today",
    );
    let (code, text) = diff_sites(&changed, QUESTIONS, RULES, &[]);
    assert_eq!(code, 0, "the same level: {text}");
    assert!(text.contains("given by site.yaml"), "{text}");
    insta::assert_snapshot!("diff_action", text);
}

#[test]
fn a_changed_phone_number_in_site_yaml_is_a_change_for_patients() {
    let changed = SITE.replace("+44 20 7946 0001", "+44 20 7946 0009");
    let (code, text) = diff_sites(&changed, QUESTIONS, RULES, &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!("diff_phone", text);
}

#[test]
fn a_renamed_answer_id_with_the_same_label_is_the_same_answer() {
    let renamed = QUESTIONS.replace("one_side: Pain on one side", "one_sided: Pain on one side");
    let rules = RULES.replace("pain: one_side", "pain: one_sided");
    let (code, text) = diff(&renamed, &rules, &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text,
        "bleeding: no change to what any patient is told (6 sets of answers compared)\n"
    );
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
    insta::assert_snapshot!("diff_advice", text);
}
