//! YAML mistakes, in authors' words: one broken condition file per kind of mistake a
//! midwife makes, each reported at the line where the mistake is, with the fix, and
//! never in the words of the YAML reader or of Rust.

use crate::common::*;

const GOOD: &str = "---
title: Miscarriage
summary: The loss of a pregnancy before 24 weeks.
urgency: urgent
weight: 1
reviewed: { by: \"A. Author\", on: 2026-11-01, due: 2027-11-01 }
sources:
  - { title: \"Miscarriage\", publisher: NHS, url: \"https://www.nhs.uk/conditions/miscarriage/\" }
---
Body text.
";

/// The report for the condition file `text`, built in the minimal fixture.
fn report(text: &[u8]) -> String {
    let site = fixture("minimal");
    write(site.path(), "content/topic/condition.md", text);
    match build(site.path()) {
        Ok(report) => format!("the build succeeded\n{}", rendered(&report.warnings)),
        Err(diagnostics) => rendered(&diagnostics),
    }
}

fn with(from: &str, to: &str) -> Vec<u8> {
    assert!(GOOD.contains(from), "{from}");
    GOOD.replacen(from, to, 1).into_bytes()
}

#[test]
fn every_yaml_mistake_in_plain_words() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "unclosed_quote",
            with("title: Miscarriage", "title: \"Miscarriage"),
        ),
        ("tab_indent", with("  - { title", "\t- { title")),
        (
            "colon_in_text",
            with("summary: The loss", "summary: Note: the loss"),
        ),
        (
            "no_space_after_colon",
            with("urgency: urgent", "urgency:urgent"),
        ),
        ("empty_title", with("title: Miscarriage", "title:")),
        ("number_expected", with("weight: 1", "weight: 1.5")),
        ("unclosed_list", with("urgency: urgent", "urgency: [urgent")),
        (
            "second_document",
            with("Body text.", "---\ntitle: Again\n---\nMore."),
        ),
        ("duplicate_key", with("weight: 1", "weight: 1\nweight: 2")),
        ("bad_date", with("on: 2026-11-01", "on: 1 November 2026")),
        (
            "list_for_a_value",
            with("urgency: urgent", "urgency:\n  - urgent"),
        ),
        (
            "capitalised_level",
            with("urgency: urgent", "urgency: Urgent"),
        ),
        (
            "bom_in_the_middle",
            with("summary: The loss", "summary: \u{feff}The loss"),
        ),
        (
            "windows_1252",
            with("summary: The loss", "summary: The loss\u{0}")
                .into_iter()
                .map(|b| if b == 0 { 0x93 } else { b })
                .collect(),
        ),
    ];
    let mut all = String::new();
    let mut reader_words = Vec::new();
    for (name, text) in cases {
        let report = report(&text);
        for word in [
            "Option<",
            "i64",
            "f64",
            "deserialize",
            "externally tagged",
            "from_str",
            "scalar",
            "u32",
        ] {
            if report.contains(word) {
                reader_words.push(format!("{name}: `{word}`"));
            }
        }
        all.push_str(&format!("=== {name}\n{report}\n"));
    }
    insta::assert_snapshot!(all);
    assert!(
        reader_words.is_empty(),
        "messages in the reader's words: {reader_words:?}"
    );
}
