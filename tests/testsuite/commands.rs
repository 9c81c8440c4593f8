//! `careleaf init` and `careleaf new condition`, through the real binary.

use std::process::Command;

use crate::common::*;

fn careleaf(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(args)
        .output()
        .expect("run careleaf");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("clinic");
    let (ok, out) = careleaf(&["init", site.to_str().unwrap()]);
    assert!(ok, "{out}");
    for file in [
        "site.yaml",
        "content/_index.md",
        "content/early-pregnancy-bleeding/ectopic-pregnancy.md",
        "templates/README.md",
        ".gitignore",
        ".github/workflows/pages.yml",
        ".github/dependabot.yml",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(!site.join("themes").exists(), "the theme stays built in");
    assert!(read(&site.join(".github/workflows/pages.yml")).contains("careleaf build"));
    let (ok, out) = careleaf(&["build", "--site", site.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(
        site.join("public/early-pregnancy-bleeding/check/index.html")
            .is_file()
    );
}

#[test]
fn init_refuses_a_folder_with_files_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", "mine");
    let (ok, out) = careleaf(&["init", dir.path().to_str().unwrap()]);
    assert!(!ok);
    assert!(
        out.contains("this folder is not empty") && out.contains("--force"),
        "{out}"
    );
    assert!(!dir.path().join("site.yaml").exists());
    let (ok, out) = careleaf(&["init", "--force", dir.path().to_str().unwrap()]);
    assert!(ok, "{out}");
    assert_eq!(read(&dir.path().join("notes.txt")), "mine");
}

#[test]
fn new_condition_writes_a_draft_that_parses_and_builds() {
    let site = example_site();
    let root = site.path().to_str().unwrap();
    let new_condition = || {
        careleaf(&[
            "new",
            "condition",
            "early-pregnancy-bleeding/subchorionic-haematoma",
            "--site",
            root,
        ])
    };
    let (ok, out) = new_condition();
    assert!(ok, "{out}");
    let file = site
        .path()
        .join("content/early-pregnancy-bleeding/subchorionic-haematoma.md");
    let text = read(&file);
    assert!(text.contains("title: Subchorionic haematoma"));
    assert!(
        text.contains("#     faint: yes | no"),
        "lists the topic's questions:\n{text}"
    );
    assert!(text.contains("draft: true"));
    // A draft is left out of the build; with --drafts it builds, outside the tree.
    let (ok, out) = careleaf(&["build", "--site", root]);
    assert!(ok, "{out}");
    assert!(
        !site
            .path()
            .join("public/early-pregnancy-bleeding/subchorionic-haematoma")
            .exists()
    );
    let report = careleaf::build(&careleaf::BuildOptions {
        site: site.path().into(),
        drafts: true,
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(
        site.path()
            .join("public/early-pregnancy-bleeding/subchorionic-haematoma/index.html")
            .is_file()
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message == "this condition is not in the decision tree")
    );
    let (ok, out) = new_condition();
    assert!(!ok && out.contains("already exists"), "{out}");
    let (ok, out) = careleaf(&["new", "condition", "Bad Name", "--site", root]);
    assert!(!ok && out.contains("expected TOPIC/SLUG"), "{out}");
}

#[test]
fn new_condition_in_a_topic_that_does_not_exist_suggests_one_or_starts_it_on_request() {
    let site = example_site();
    let root = site.path().to_str().unwrap();
    let (ok, out) = careleaf(&["new", "condition", "bleeding/spotting", "--site", root]);
    assert!(!ok, "{out}");
    assert!(out.contains("there is no topic `bleeding`"), "{out}");
    assert!(
        out.contains("did you mean `early-pregnancy-bleeding`?"),
        "{out}"
    );
    assert!(out.contains("--new-topic"), "{out}");
    assert!(
        !site.path().join("content/bleeding").exists(),
        "nothing written"
    );
    let (ok, out) = careleaf(&[
        "new",
        "condition",
        "headaches/migraine",
        "--new-topic",
        "--site",
        root,
    ]);
    assert!(ok, "{out}");
    assert!(read(&site.path().join("content/headaches/_index.md")).contains("title: Headaches"));
    assert!(site.path().join("content/headaches/migraine.md").is_file());
    let (ok, out) = careleaf(&["build", "--site", root]);
    assert!(ok, "the new topic builds: {out}");
}

#[test]
fn every_command_has_help_with_examples() {
    for args in [
        "--help",
        "build --help",
        "check --help",
        "serve --help",
        "init --help",
        "new --help",
        "new condition --help",
        "triage --help",
        "triage diff --help",
        "triage hash --help",
        "completions --help",
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
            .args(args.split(' '))
            .output()
            .unwrap();
        assert!(output.status.success(), "{args}");
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let name = format!(
            "help_{}",
            args.replace("--help", "").trim().replace(' ', "_")
        );
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn shell_completions_are_written() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (ok, out) = careleaf(&["completions", shell]);
        assert!(
            ok && out.contains("careleaf") && out.contains("serve"),
            "{shell}: {out}"
        );
    }
}

#[test]
fn deny_warnings_fails_a_build_with_warnings_and_quiet_prints_nothing() {
    let site = fixture("editorial_problems");
    let root = site.path().to_str().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["build", "-q", "-s", root])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        output.stdout.is_empty() && output.stderr.is_empty(),
        "quiet"
    );
    let (ok, out) = careleaf(&["build", "--deny-warnings", "-s", root]);
    assert!(!ok && out.contains("--deny-warnings"), "{out}");
}
