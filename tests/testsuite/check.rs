//! `careleaf check` on a site with every kind of editorial problem: an overdue review,
//! a review due within 30 days, a page above the reading grade, an image without alt
//! text, links that are not https, a condition outside the decision tree, phone numbers
//! typed into content, a `javascript:` link and an iframe. Text and
//! JSON output are snapshots; the exit code is
//! non-zero because of the errors.

use std::process::Command;

use crate::common::*;

const TODAY: &str = "2026-11-24";

fn run(site: &std::path::Path, format: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["check", "--today", TODAY, "--format", format, "--site"])
        .arg(site)
        .output()
        .expect("run careleaf check");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn check_reports_every_editorial_problem() {
    let site = fixture("editorial_problems");
    let (code, text) = run(site.path(), "text");
    assert_eq!(code, 1, "errors give a non-zero exit");
    insta::assert_snapshot!("check_text", text);
    let (code, json) = run(site.path(), "json");
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["errors"], 2, "overdue review, image without alt");
    assert_eq!(
        value["warnings"], 10,
        "review due soon, reading grade, two http links, a condition outside the tree, a question never asked, two typed phone numbers, an iframe left out, a javascript: link left out"
    );
    assert_eq!(
        value["care_levels"][0]["dials"], "911",
        "check says what the emergency button dials"
    );
    insta::assert_snapshot!("check_json", json);
    let (code, annotations) = run(site.path(), "github");
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_github", annotations);
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn the_example_site_passes_check() {
    let site = example_site();
    let (code, text) = run(site.path(), "text");
    assert_eq!(code, 0, "{text}");
    assert!(text.ends_with("0 errors, 0 warnings\n"), "{text}");
}

/// A translation is reviewed in its own right: one reviewed before its original
/// last changed is out of date, one with no review of its own is not reviewed; a
/// Chinese page is measured by its sentence length, not an English grade.
#[test]
fn check_reports_translations_out_of_date_or_not_reviewed() {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nlanguages: [en, zh]\nsentence_characters: 20\ntranslations:\n  zh:\n    title: 最小网站\n    care_levels:\n      emergency: { action: 拨打 911 }\n",
    );
    let original = std::fs::read_to_string(site.path().join("content/topic/condition.md")).unwrap();
    // Reviewed in October; the original changed (and was reviewed) on 1 November.
    write(
        site.path(),
        "content/topic/condition.zh.md",
        original
            .replace("title: A condition", "title: 一种情况")
            .replace("on: 2026-11-01", "on: 2026-10-01")
            .replace("Some text with a [link home](@/_index.md).", "这是一段很长的句子，它一直说下去，没有停下来，因为作者忘记了把它分成几个短句，读者会读得很累。这一句也很长，因为它把好几件事情放在一起说，而没有一件一件地慢慢说清楚。"),
    );
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\nreviewed: { by: \"Editorial team\", on: 2026-11-01 }\n---\nWho writes this site and how it is checked.\n",
    );
    write(
        site.path(),
        "content/about.zh.md",
        "---\ntitle: 关于\n---\n谁编写本网站，以及如何审核。\n",
    );
    let (code, text) = run(site.path(), "text");
    assert_eq!(code, 0, "warnings only: {text}");
    insta::assert_snapshot!("check_translations", text);
    let (_, json) = run(site.path(), "json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let zh = &value["pages"][5];
    assert_eq!(zh["translation"], "out_of_date");
    assert_eq!(
        zh["grade"],
        serde_json::Value::Null,
        "no English grade for Chinese"
    );
    assert!(zh["sentence_characters"].as_f64().unwrap() > 20.0);
}
