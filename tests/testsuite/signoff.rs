//! A clinician's sign-off bound to the tree they read: `triage: { reviewed: { by, on,
//! tree } }` with the fingerprint `careleaf triage hash` prints. While it matches, the
//! checker's first page and the review page say who reviewed it; once a rule changes,
//! `check` warns at the `reviewed:` line, `build --deny-warnings` fails and the review
//! page says the review is out of date; undoing the change restores it.

use std::path::Path;
use std::process::Command;

use crate::common::*;

const TOPIC: &str = "content/early-pregnancy-bleeding/_index.md";
/// The condition and its translation, whose rules must stay the same.
const ECTOPIC: [&str; 2] = [
    "content/early-pregnancy-bleeding/ectopic-pregnancy.md",
    "content/early-pregnancy-bleeding/ectopic-pregnancy.zh.md",
];

fn careleaf(site: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(args)
        .arg("--site")
        .arg(site)
        .output()
        .expect("run careleaf");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

/// The English tree's fingerprint, as `triage hash` prints it.
fn english_hash(site: &Path) -> String {
    let (ok, out) = careleaf(site, &["triage", "hash"]);
    assert!(ok, "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with("early-pregnancy-bleeding/_index.md (en): tree: "))
        .unwrap_or_else(|| panic!("{out}"));
    line.rsplit(' ').next().unwrap_or_default().to_string()
}

/// Records a review of the tree with fingerprint `hash` in the topic's front-matter.
fn sign(site: &Path, hash: &str) {
    let text = read(&site.join(TOPIC)).replacen(
        "triage:\n",
        &format!("triage:\n  reviewed: {{ by: \"Dr A. Reviewer, obstetrician\", on: 2026-12-01, tree: {hash} }}\n"),
        1,
    );
    write(site, TOPIC, text);
}

#[test]
fn a_review_holds_until_the_rules_change_and_again_once_restored() {
    let site = example_site();
    let root = site.path();
    let hash = english_hash(root);
    assert_eq!(hash.len(), 16);
    sign(root, &hash);
    assert_eq!(
        english_hash(root),
        hash,
        "the review itself is not the tree's meaning"
    );

    let (ok, out) = careleaf(root, &["check"]);
    assert!(ok, "{out}");
    assert!(!out.contains("changed since it was reviewed"), "{out}");
    let (ok, out) = careleaf(root, &["build", "--deny-warnings"]);
    assert!(ok, "{out}");
    let check = root.join("public/early-pregnancy-bleeding/check");
    let start = read(&check.join("index.html"));
    assert!(
        start.contains("Clinically reviewed by Dr A. Reviewer, obstetrician on 1 December 2026."),
        "the patient's first page says who reviewed it"
    );
    let review = read(&check.join("review/index.html"));
    assert!(review.contains("data-signoff=\"current\""));
    assert!(review.contains(&hash));

    // One rule changes: one-sided pain is no longer urgent on its own.
    let originals = ECTOPIC.map(|file| read(&root.join(file)));
    for (file, original) in ECTOPIC.iter().zip(&originals) {
        let changed = original.replace(
            "    - { pain: one_side }\n",
            "    - { pain: one_side, heavy: \"no\" }\n",
        );
        assert_ne!(&changed, original);
        write(root, file, &changed);
    }
    let new_hash = english_hash(root);
    assert_ne!(new_hash, hash);
    let (_, out) = careleaf(root, &["check"]);
    assert!(
        out.contains("the decision tree changed since it was reviewed on 2026-12-01"),
        "{out}"
    );
    let reviewed_line = read(&root.join(TOPIC))
        .lines()
        .position(|l| l.starts_with("  reviewed:"))
        .map(|i| i + 1);
    assert!(
        out.contains(&format!("_index.md:{}:", reviewed_line.unwrap_or(0))),
        "at the reviewed: line: {out}"
    );
    assert!(
        out.contains("update `tree:`") && out.contains(&format!("`{new_hash}`")),
        "the new fingerprint to record: {out}"
    );
    let (ok, out) = careleaf(root, &["build", "--deny-warnings"]);
    assert!(!ok, "--deny-warnings fails: {out}");
    let (ok, out) = careleaf(root, &["build"]);
    assert!(ok, "{out}");
    let start = read(&check.join("index.html"));
    assert!(
        !start.contains("Clinically reviewed"),
        "no patient is told of a review that no longer holds"
    );
    let review = read(&check.join("review/index.html"));
    assert!(review.contains("data-signoff=\"stale\"") && review.contains("Out of date"));

    // Undone: the review holds again.
    for (file, original) in ECTOPIC.iter().zip(&originals) {
        write(root, file, original);
    }
    let (ok, out) = careleaf(root, &["build", "--deny-warnings"]);
    assert!(ok, "{out}");
}

#[test]
fn a_changed_number_in_site_yaml_undoes_the_review_too() {
    let site = example_site();
    let root = site.path();
    sign(root, &english_hash(root));
    let config = read(&root.join("site.yaml")).replace("+1 555 0199", "+1 555 0198");
    write(root, "site.yaml", config);
    let (_, out) = careleaf(root, &["check"]);
    assert!(
        out.contains("the decision tree changed since it was reviewed"),
        "{out}"
    );
}

#[test]
fn a_review_without_a_fingerprint_says_how_to_record_one() {
    let site = example_site();
    let root = site.path();
    let text = read(&root.join(TOPIC)).replacen(
        "triage:\n",
        "triage:\n  reviewed: { by: \"Dr A. Reviewer\", on: 2026-12-01 }\n",
        1,
    );
    write(root, TOPIC, text);
    let hash = english_hash(root);
    let (_, out) = careleaf(root, &["check"]);
    assert!(
        out.contains("this review does not say which tree was reviewed"),
        "{out}"
    );
    assert!(out.contains(&format!("add `tree: {hash}`")), "{out}");
}
