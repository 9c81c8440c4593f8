//! The mistakes midwives still make in YAML and in translations, each caught at its
//! own line, once, with the fix: a tab, a list item that swallowed the next, a colour
//! read as a comment, a typo that must not also blame the translation, a draft that
//! must not need one, a translation that is its original copied, and the
//! placeholder reviewer of `careleaf new condition`. And the command line's own traps.

use std::process::Command;

use crate::common::*;

/// Every diagnostic of building `site`, rendered (or that it built, with warnings).
fn outcome(site: &std::path::Path) -> String {
    match build(site) {
        Ok(report) => format!("built\n{}", rendered(&report.warnings)),
        Err(diagnostics) => rendered(&diagnostics),
    }
}

fn edit(site: &std::path::Path, rel: &str, from: &str, to: &str) {
    let text = read(&site.join(rel));
    assert!(text.contains(from), "{rel}: {from}");
    write(site, rel, text.replacen(from, to, 1));
}

#[test]
fn a_tab_is_shown_on_its_own_line() {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nbase_url: https://example.github.io/careleaf/\n# Our brand\nbrand:\n  name: Clinic\n\tcolors: { primary: \"#005eb8\" }\n",
    );
    let said = outcome(site.path());
    assert!(said.contains("site.yaml:6:1"), "{said}");
    insta::assert_snapshot!("tab_in_site_yaml", said);
}

#[test]
fn a_list_item_that_swallowed_the_next_is_a_warning_with_the_fix() {
    let site = fixture("minimal");
    edit(
        site.path(),
        "content/topic/condition.md",
        "symptoms: [A symptom]\n",
        "symptoms: [A symptom]\nred_flags:\n  - Heavy bleeding, soaking a pad an hour\n   - Severe pain in your tummy\n",
    );
    let said = outcome(site.path());
    assert!(said.starts_with("built"), "{said}");
    insta::assert_snapshot!("merged_list_items", said);
}

#[test]
fn a_colour_read_as_a_comment_is_one_error_naming_the_quotes() {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nbase_url: https://example.github.io/careleaf/\nbrand:\n  colors:\n    primary: #5c2d91\n",
    );
    let diagnostics = build(site.path()).expect_err("an empty colour is an error");
    assert_eq!(diagnostics.len(), 1, "{}", rendered(&diagnostics));
    insta::assert_snapshot!("colour_as_comment", rendered(&diagnostics));
}

#[test]
fn a_typo_in_a_translated_condition_is_one_error_not_a_translation_error_too() {
    let site = example_site();
    edit(
        site.path(),
        "content/early-pregnancy-bleeding/miscarriage.md",
        "urgency: urgent",
        "urgency: urgnt",
    );
    let diagnostics = build(site.path()).expect_err("a typo is an error");
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", rendered(&diagnostics));
    assert!(
        !rendered(&diagnostics).contains("translation"),
        "{}",
        rendered(&diagnostics)
    );
    insta::assert_snapshot!("typo_in_translated_condition", rendered(&diagnostics));
}

#[test]
fn a_draft_needs_no_translation_even_with_rules() {
    let site = example_site();
    let text = read(
        &site
            .path()
            .join("content/early-pregnancy-bleeding/cervical-causes.md"),
    )
    .replace(
        "title: Bleeding from the cervix",
        "title: Subchorionic haematoma",
    )
    .replacen("---\n", "---\ndraft: true\n", 1);
    write(
        site.path(),
        "content/early-pregnancy-bleeding/subchorionic-haematoma.md",
        text,
    );
    // As the preview loads it: drafts shown.
    let report = careleaf::build(&careleaf::BuildOptions {
        site: site.path().into(),
        drafts: true,
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.message.contains("translation")),
        "{}",
        rendered(&report.warnings)
    );
    // The English checker has the draft's rules in the preview; the Chinese one
    // waits for its translation.
    assert!(
        site.path()
            .join("public/early-pregnancy-bleeding/subchorionic-haematoma/index.html")
            .is_file()
    );
}

#[test]
fn a_translation_that_is_its_original_copied_is_a_warning() {
    let site = example_site();
    let english = read(&site.path().join("content/about.md"));
    let body = english.splitn(3, "---\n").nth(2).unwrap().to_string();
    let chinese = read(&site.path().join("content/about.zh.md"));
    let front = chinese.split("---\n").nth(1).unwrap();
    write(
        site.path(),
        "content/about.zh.md",
        format!("---\n{front}---\n{body}"),
    );
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_eq!(report.warnings.len(), 1, "{}", rendered(&report.warnings));
    insta::assert_snapshot!("copied_translation", rendered(&report.warnings));
}

#[test]
fn a_new_condition_is_refused_until_its_reviewer_is_named() {
    let site = example_site();
    let root = site.path().to_str().unwrap();
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
            .args(args)
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (ok, out) = run(&[
        "new",
        "condition",
        "early-pregnancy-bleeding/subchorionic-haematoma",
        "--site",
        root,
    ]);
    assert!(ok, "{out}");
    let rel = "content/early-pregnancy-bleeding/subchorionic-haematoma.md";
    let text = read(&site.path().join(rel));
    assert!(text.contains("reviewed: { by: \"\","), "{text}");
    // Its comments name flags that exist.
    assert!(text.contains("careleaf build --drafts") && !text.contains("serve --drafts"));
    for flags in [["build", "--drafts"], ["check", "--drafts"]] {
        let (_, help) = run(&[flags[0], "--help"]);
        assert!(help.contains(flags[1]), "{flags:?}");
    }
    // A draft waits; without `draft: true` check and build refuse it.
    let (ok, out) = run(&["check", "--site", root]);
    assert!(ok, "{out}");
    write(site.path(), rel, text.replace("draft: true\n", ""));
    let (ok, out) = run(&["check", "--site", root]);
    assert!(
        !ok && out.contains("`reviewed: by:` does not name who reviewed this page"),
        "{out}"
    );
    let diagnostics = build(site.path()).expect_err("refused");
    let reviewer: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.message.contains("reviewed: by:"))
        .collect();
    assert_eq!(reviewer.len(), 1);
    // Today's date, as `new` wrote it, made stable for the snapshot.
    let shown = reviewer[0].render();
    let dated = |from: &str| {
        let at = shown.find(from).map(|i| i + from.len());
        at.map(|i| shown[i..i + 10].to_string())
    };
    let mut stable = shown.clone();
    for date in [dated("on: "), dated("due: ")].into_iter().flatten() {
        stable = stable.replace(&date, "YYYY-MM-DD");
    }
    insta::assert_snapshot!("new_condition_reviewer", stable);
}

#[test]
fn the_command_line_says_where_it_looked_and_what_it_left() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-site");
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["build", "--site"])
        .arg(&missing)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        said.contains(&missing.join("site.yaml").display().to_string()),
        "{said}"
    );
    assert!(said.contains("Nothing was written."), "{said}");
    assert!(!said.contains("previous site"), "{said}");
    // Piped, the diagnostics are plain ASCII; no box drawing.
    assert!(said.is_ascii(), "{said}");

    // A site that built once, then fails: its previous site is left.
    let site = fixture("minimal");
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    edit(
        site.path(),
        "content/topic/condition.md",
        "urgency: urgent",
        "urgency: urgnt",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["build", "--site"])
        .arg(site.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("The previous site in"), "{said}");
    assert!(said.contains(" | urgency: urgnt"), "ASCII quoting: {said}");

    // `-O` opens; `-o` is `--output` everywhere, so `serve -o` says so.
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["serve", "-o"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("use `-O` or `--open`"));
}
