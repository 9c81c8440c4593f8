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
    assert_eq!(
        value["errors"], 3,
        "overdue review, image without alt, javascript: link"
    );
    assert_eq!(
        value["warnings"], 9,
        "review due soon, reading grade, two http links, a condition outside the tree, a question never asked, two typed phone numbers, an iframe"
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
