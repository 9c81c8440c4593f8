//! Every mistake in a decision tree is an error (or, for a question never asked, a
//! warning) that points at the line in the author's file. Snapshots of each.

use crate::common::*;

const TOPIC: &str = "content/topic/_index.md";
const CONDITION: &str = "content/topic/condition.md";

fn topic(triage: &str) -> String {
    format!(
        "---\ntitle: A topic\nsummary: What this topic is about.\ntriage:\n{triage}---\nThe conditions are below.\n"
    )
}

const QUESTIONS: &str = "  questions:
    - id: faint
      ask: Have you fainted?
      answers: [yes, no]
    - id: pain
      ask: Do you have pain?
      answers: { none: \"No pain\", cramps: \"Cramps\", severe: \"Severe pain\" }
  otherwise: { urgency: soon, advice: \"Get checked.\" }
";

fn condition(when: &str) -> String {
    format!(
        "---\ntitle: A condition\nsummary: One plain sentence.\nurgency: urgent\nreviewed: {{ by: \"A. Author\", on: 2026-11-01 }}\nsources:\n  - {{ title: \"A source\", url: \"https://www.nhs.uk/\" }}\ntriage:\n  when:\n{when}---\nBody.\n"
    )
}

fn report(topic_text: &str, condition_text: &str) -> String {
    let site = fixture("minimal");
    write(site.path(), TOPIC, topic_text);
    write(site.path(), CONDITION, condition_text);
    match build(site.path()) {
        Ok(report) => format!(
            "build succeeded with warnings:\n{}",
            rendered(&report.warnings)
        ),
        Err(diagnostics) => rendered(&diagnostics),
    }
}

#[test]
fn unknown_question_id() {
    insta::assert_snapshot!(report(
        &topic(QUESTIONS),
        &condition("    - { fiant: yes }\n")
    ));
}

#[test]
fn unknown_answer_id() {
    insta::assert_snapshot!(report(
        &topic(QUESTIONS),
        &condition("    - { pain: [cramps, sever] }\n")
    ));
}

#[test]
fn duplicate_question_id() {
    let questions = QUESTIONS.replace("id: pain", "id: faint");
    insta::assert_snapshot!(report(
        &topic(&questions),
        &condition("    - { faint: yes }\n")
    ));
}

#[test]
fn duplicate_answer_id() {
    let questions = QUESTIONS.replace("answers: [yes, no]", "answers: [yes, no, yes]");
    insta::assert_snapshot!(report(
        &topic(&questions),
        &condition("    - { faint: yes }\n")
    ));
}

#[test]
fn question_with_one_answer() {
    let questions = QUESTIONS.replace("answers: [yes, no]", "answers: [yes]");
    insta::assert_snapshot!(report(
        &topic(&questions),
        &condition("    - { pain: severe }\n")
    ));
}

#[test]
fn rule_that_can_never_match() {
    insta::assert_snapshot!(report(
        &topic(QUESTIONS),
        &condition("    - { faint: yes, pain: [] }\n")
    ));
}

#[test]
fn missing_otherwise() {
    let questions = QUESTIONS.replace(
        "  otherwise: { urgency: soon, advice: \"Get checked.\" }\n",
        "",
    );
    insta::assert_snapshot!(report(
        &topic(&questions),
        &condition("    - { faint: yes }\n")
    ));
}

#[test]
fn rules_without_questions() {
    let no_triage = "---\ntitle: A topic\n---\nText.\n".to_string();
    insta::assert_snapshot!(report(&no_triage, &condition("    - { faint: yes }\n")));
}

#[test]
fn question_never_asked_is_a_warning() {
    insta::assert_snapshot!(report(
        &topic(QUESTIONS),
        &condition("    - { faint: yes }\n")
    ));
}

/// `n` yes/no questions `q0`…, and `otherwise`.
fn yes_no_questions(n: usize) -> String {
    let mut questions = String::from("  questions:\n");
    for i in 0..n {
        questions.push_str(&format!(
            "    - {{ id: q{i}, ask: \"Question {i}?\", answers: [yes, no] }}\n"
        ));
    }
    questions.push_str("  otherwise: { urgency: soon, advice: \"Get checked.\" }\n");
    questions
}

/// 24 questions are 16,777,216 answer sets, more than could be gone through one by
/// one: the proof does not go through them, so the tree builds.
#[test]
fn more_answer_sets_than_could_be_enumerated_are_proven() {
    let report = report(
        &topic(&yes_no_questions(24)),
        &condition("    - { q0: yes, q23: yes }\n"),
    );
    assert!(report.starts_with("build succeeded"), "{report}");
    assert_eq!(report.matches("is never asked").count(), 22, "{report}");
}

/// A condition that needs 16 "yes" answers: each set of "I'm not sure" answers among
/// them is an outcome of its own (it says which answers made it more cautious), so the
/// tree would have 65,536 outcome pages. Refused, saying why.
#[test]
fn too_many_pages() {
    let all_yes: Vec<String> = (0..16).map(|i| format!("q{i}: yes")).collect();
    insta::assert_snapshot!(report(
        &topic(&yes_no_questions(16)),
        &condition(&format!("    - {{ {} }}\n", all_yes.join(", ")))
    ));
}

fn translated_site(zh_questions: &str) -> tempfile::TempDir {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nlanguages: [en, zh]\n",
    );
    write(site.path(), TOPIC, topic(QUESTIONS));
    write(
        site.path(),
        CONDITION,
        condition("    - { faint: yes }\n    - { pain: severe }\n"),
    );
    write(
        site.path(),
        "content/topic/_index.zh.md",
        topic(zh_questions),
    );
    let zh_condition = condition("    - { faint: yes }\n    - { pain: severe }\n")
        .replace("title: A condition", "title: 一种情况");
    write(site.path(), "content/topic/condition.zh.md", zh_condition);
    site
}

#[test]
fn a_translation_that_changes_only_text_gets_its_own_checker() {
    let zh = QUESTIONS.replace("Have you fainted?", "你晕倒过吗？");
    let site = translated_site(&zh);
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let start = read(&site.path().join("public/zh/topic/check/index.html"));
    assert!(start.contains("你晕倒过吗？"), "{start}");
    assert!(start.contains("href=\"/zh/topic/check/"));
}

#[test]
fn a_translation_that_changes_answers_is_an_error() {
    let zh = QUESTIONS.replace("answers: [yes, no]", "answers: [yes, no, maybe]");
    let site = translated_site(&zh);
    insta::assert_snapshot!(rendered(&build(site.path()).expect_err("must fail")));
}

#[test]
fn a_translated_condition_with_other_rules_is_named() {
    let site = translated_site(QUESTIONS);
    let zh = std::fs::read_to_string(site.path().join("content/topic/condition.zh.md")).unwrap();
    write(
        site.path(),
        "content/topic/condition.zh.md",
        zh.replace("    - { pain: severe }\n", ""),
    );
    let errors = rendered(&build(site.path()).expect_err("must fail"));
    let flat = errors
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("the `triage:` rules of `topic/condition.zh.md` are not its original's"),
        "{errors}"
    );
}

/// A condition whose `triage:` block is `rules` (indented by two spaces).
fn condition_with(urgency: &str, rules: &str) -> String {
    condition("")
        .replace("urgency: urgent", &format!("urgency: {urgency}"))
        .replace("triage:\n  when:\n", &format!("triage:\n{rules}"))
}

#[test]
fn urgency_that_is_not_the_most_urgent_level_the_rules_reach() {
    insta::assert_snapshot!(report(
        &topic(QUESTIONS),
        &condition_with(
            "urgent",
            "  emergency:\n    - { faint: yes }\n  urgent:\n    - { pain: cramps }\n"
        )
    ));
}

#[test]
fn a_misspelt_care_level_gets_a_suggestion() {
    insta::assert_snapshot!(report(
        &topic(QUESTIONS),
        &condition_with("urgent", "  urgnet:\n    - { pain: cramps }\n")
    ));
}

#[test]
fn when_cannot_be_mixed_with_care_levels() {
    insta::assert_snapshot!(report(
        &topic(QUESTIONS),
        &condition_with(
            "urgent",
            "  when:\n    - { pain: cramps }\n  emergency:\n    - { faint: yes }\n"
        )
    ));
}

#[test]
fn a_topic_outcome_is_checked_like_a_rule() {
    let questions = QUESTIONS.replace(
        "  otherwise:",
        "  outcomes:\n    - { id: fainted, when: [{ faint: yse }], urgency: emergency, advice: \"Call now.\" }\n  otherwise:",
    );
    insta::assert_snapshot!(report(
        &topic(&questions),
        &condition("    - { pain: cramps }\n")
    ));
}

/// A site whose topic asks `n` yes/no questions, each pointing on its own to one of
/// `n` routine conditions (answer sets that all differ: the worst case for a tree).
fn independent_site(n: usize) -> tempfile::TempDir {
    let site = fixture("minimal");
    let mut questions = String::from("  questions:\n");
    for i in 0..n {
        questions.push_str(&format!(
            "    - {{ id: q{i}, ask: \"Question {i}?\", answers: [yes, no] }}\n"
        ));
    }
    questions.push_str("  otherwise: { urgency: soon, advice: \"Get checked.\" }\n");
    write(site.path(), TOPIC, topic(&questions));
    for i in 0..n {
        write(
            site.path(),
            &format!("content/topic/c{i}.md"),
            condition(&format!("    - {{ q{i}: yes }}\n"))
                .replace("urgency: urgent", "urgency: routine")
                .replace("title: A condition", &format!("title: Condition {i}")),
        );
    }
    site
}

/// 16 and 20 independent questions: each builds or is refused with a message, within
/// a CPU-time limit (5 s for a release build) and 4 GiB of address space.
#[cfg(unix)]
#[test]
fn a_large_tree_builds_or_is_refused_quickly_within_bounded_memory() {
    // The test binary is unoptimised, about eight times slower than a release build
    // (which refuses the 16-question tree in half a second of CPU).
    let cpu_seconds = if cfg!(debug_assertions) { 20 } else { 5 };
    for n in [16, 20] {
        let site = independent_site(n);
        let started = std::time::Instant::now();
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 4194304 && ulimit -t {cpu_seconds} && exec \"$0\" build --site \"$1\""
            ))
            .arg(env!("CARGO_BIN_EXE_careleaf"))
            .arg(site.path())
            .output()
            .expect("run careleaf build");
        let elapsed = started.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{n} questions: no crash, no panic: {:?} {stderr}",
            output.status
        );
        if output.status.code() == Some(1) {
            assert!(
                stderr.contains("the decision tree is too large"),
                "{stderr}"
            );
            assert!(
                stderr.contains("content/topic/_index.md"),
                "names the file: {stderr}"
            );
        }
        // CPU time is limited above (a runaway is killed, and fails the first assert);
        // the wall clock only catches a hang, since other tests share the machine.
        assert!(elapsed.as_secs() < 120, "{n} questions took {elapsed:?}");
    }
}
