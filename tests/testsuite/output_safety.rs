//! What ships is what careleaf meant to ship: one writer per address, no junk, nothing
//! of the user's moved or deleted, a lock the OS holds, and `check` failing on all a
//! build fails on.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{build, build_into, example_site, fixture, rendered, write};

fn careleaf(args: &[&str], site: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(args)
        .arg("--site")
        .arg(site)
        .output()
        .expect("run careleaf");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// The build fails with one error that names `file` and says where; `check` fails too.
fn clashes(site: &Path, file: &str, at: &str) {
    let errors = build(site).expect_err("two writers of one address");
    assert_eq!(errors.len(), 1, "{}", rendered(&errors));
    assert_eq!(errors[0].file, Path::new(file), "{}", rendered(&errors));
    assert!(
        errors[0]
            .message
            .starts_with(&format!("this would be published at `{at}`, where ")),
        "{}",
        errors[0].message
    );
    assert!(!site.join("public").exists(), "nothing published");
    let (ok, report) = careleaf(&["check", "--format", "json"], site);
    assert!(!ok, "check fails where build does:\n{report}");
    assert!(
        report.contains(&format!("would be published at `{at}`")),
        "{report}"
    );
}

#[test]
fn a_static_file_cannot_replace_the_home_page() {
    let site = fixture("minimal");
    write(
        site.path(),
        "static/index.html",
        "<h1>Not the home page</h1>",
    );
    clashes(site.path(), "static/index.html", "/index.html");
}

#[test]
fn a_static_file_cannot_replace_the_first_step_of_a_checker() {
    let site = example_site();
    write(
        site.path(),
        "static/early-pregnancy-bleeding/check/index.html",
        "<h1>Go home</h1>",
    );
    clashes(
        site.path(),
        "static/early-pregnancy-bleeding/check/index.html",
        "/early-pregnancy-bleeding/check/index.html",
    );
}

#[test]
fn a_page_cannot_take_the_address_of_a_language_search_page() {
    let site = example_site();
    write(
        site.path(),
        "content/zh/search.md",
        "---\ntitle: 搜索\nsummary: 一页。\n---\n正文。\n",
    );
    clashes(site.path(), "content/zh/search.md", "/zh/search/index.html");
}

#[test]
fn a_site_may_still_replace_the_theme_files() {
    let site = fixture("minimal");
    write(
        site.path(),
        "static/robots.txt",
        "User-agent: *\nDisallow: /\n",
    );
    write(site.path(), "static/style.css", "body { color: black }\n");
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_eq!(
        fs::read_to_string(site.path().join("public/robots.txt")).unwrap(),
        "User-agent: *\nDisallow: /\n"
    );
    assert_eq!(
        fs::read_to_string(site.path().join("public/style.css")).unwrap(),
        "body { color: black }\n"
    );
}

#[test]
fn editor_and_system_junk_is_never_published() {
    let site = fixture("minimal");
    for junk in [
        "#notes.md#",
        "Thumbs.db",
        "img/desktop.ini",
        ".DS_Store",
        "logo.svg~",
        "img/.#scan.png",
    ] {
        write(site.path(), &format!("static/{junk}"), "junk");
    }
    write(site.path(), "static/img/scan.png", "png");
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let public = site.path().join("public");
    assert!(public.join("img/scan.png").exists());
    for junk in [
        "#notes.md#",
        "Thumbs.db",
        "img/desktop.ini",
        ".DS_Store",
        "logo.svg~",
        "img/.#scan.png",
    ] {
        assert!(!public.join(junk).exists(), "{junk} was published");
    }
}

#[cfg(unix)]
#[test]
fn check_fails_on_what_build_fails_on() {
    use std::os::unix::ffi::OsStrExt;
    // A static file whose name is not UTF-8.
    let site = fixture("minimal");
    let name = std::ffi::OsStr::from_bytes(b"scan-\xff.png");
    fs::create_dir_all(site.path().join("static")).unwrap();
    fs::write(site.path().join("static").join(name), "png").unwrap();
    assert!(build(site.path()).is_err());
    let (ok, report) = careleaf(&["check"], site.path());
    assert!(!ok, "{report}");
    assert!(report.contains("name is not UTF-8"), "{report}");
    // A template that uses a variable nothing gives it.
    let site = fixture("minimal");
    let base =
        fs::read_to_string(crate::common::repo_root().join("themes/default/templates/base.html"))
            .unwrap();
    write(
        site.path(),
        "templates/base.html",
        base.replacen("<body", "{{ no_such_thing }}<body", 1),
    );
    let errors = build(site.path()).expect_err("unknown variable");
    let (ok, report) = careleaf(&["check", "--format", "json"], site.path());
    assert!(!ok, "{report}");
    let message = serde_json::to_string(&errors[0].message).unwrap();
    assert!(report.contains(&message), "{report}\n{}", rendered(&errors));
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn the_output_must_be_a_folder_careleaf_may_replace() {
    let site = fixture("minimal");
    write(site.path(), "notes.txt", "my notes");
    let yaml = fs::read(site.path().join("site.yaml")).unwrap();
    for (output, why) in [
        (
            "notes.txt",
            "it is one of the site's own files, not a folder",
        ),
        (
            "site.yaml",
            "it is one of the site's own files, not a folder",
        ),
        ("content", "it is inside the site's content/ folder"),
    ] {
        let errors = build_into(site.path(), &site.path().join(output)).expect_err(output);
        assert_eq!(
            errors[0].message,
            format!("careleaf will not replace this output folder: {why}")
        );
    }
    assert_eq!(
        fs::read_to_string(site.path().join("notes.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(fs::read(site.path().join("site.yaml")).unwrap(), yaml);
    let mut names: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["content", "notes.txt", "site.yaml", "themes"],
        "nothing moved aside"
    );
    // A folder of someone else's files.
    let theirs = tempfile::tempdir().unwrap();
    fs::write(theirs.path().join("report.pdf"), "pdf").unwrap();
    let err = build_into(site.path(), theirs.path()).expect_err("not careleaf's");
    assert_eq!(
        err[0].message,
        "careleaf will not replace this output folder: it has files in it that careleaf did not write"
    );
    assert_eq!(
        fs::read_to_string(theirs.path().join("report.pdf")).unwrap(),
        "pdf"
    );
}

/// A build killed while it holds the lock: the OS lets go, and the next build starts at
/// once (no PID to guess about, no two-minute wait).
#[cfg(target_os = "linux")]
#[test]
fn a_killed_build_leaves_no_lock_to_wait_for() {
    let site = fixture("minimal");
    let lock = site.path().join(".public.careleaf-lock");
    // Holds the same OS lock a build takes, as a build would, then dies by SIGKILL.
    // `-o`: flock itself holds the lock, not the command it runs.
    let Ok(mut holder) = Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sleep", "60"])
        .stdout(Stdio::null())
        .spawn()
    else {
        eprintln!("skipped: util-linux's flock is not installed");
        return;
    };
    let held = Instant::now();
    while is_free(&lock) {
        assert!(
            held.elapsed() < Duration::from_secs(10),
            "flock never took the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !build_within(site.path(), Duration::from_millis(500)),
        "a build waits while the lock is held"
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
    let started = Instant::now();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the next build did not wait: {:?}",
        started.elapsed()
    );
}

/// Whether no one holds the lock (`flock -n` fails at once when someone does).
#[cfg(target_os = "linux")]
fn is_free(lock: &Path) -> bool {
    Command::new("flock")
        .args(["-n"])
        .arg(lock)
        .arg("true")
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether a build finished within `limit` (it is left running, then killed, if not).
#[cfg(target_os = "linux")]
fn build_within(site: &Path, limit: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["build", "-q", "--site"])
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while started.elapsed() < limit {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    false
}

/// An output folder whose parent cannot be written (`/proc` refuses even root): the
/// error names the output folder, not a hidden file beside it.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_parent_is_an_error_naming_the_output() {
    let site = fixture("minimal");
    let output = Path::new("/proc/careleaf-test/public");
    let errors = build_into(site.path(), output).expect_err("cannot write there");
    assert_eq!(errors.len(), 1, "{}", rendered(&errors));
    assert_eq!(errors[0].file, output);
    assert!(
        !rendered(&errors).contains("careleaf-lock"),
        "{}",
        rendered(&errors)
    );
}

/// Large input ends in a clear error or a warning, never minutes or gigabytes.
#[test]
fn large_pages_code_and_tables_are_bounded() {
    let page = |body: &str| format!("---\ntitle: Big\nsummary: One plain sentence.\n---\n{body}\n");
    // A 400 KB code block: shown plain, with a warning, quickly.
    let site = fixture("minimal");
    let code = "let x = \"a string\"; // and a comment\n".repeat(10_000);
    write(
        site.path(),
        "content/topic/big.md",
        page(&format!("```rust\n{code}```")),
    );
    let started = Instant::now();
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(
        rendered(&report.warnings).contains("a code block is too large to highlight"),
        "{}",
        rendered(&report.warnings)
    );
    let html = fs::read_to_string(site.path().join("public/topic/big/index.html")).unwrap();
    assert!(!html.contains("hl-"), "not highlighted");
    // A page over 512 KB.
    let site = fixture("minimal");
    write(
        site.path(),
        "content/topic/big.md",
        page(&"A line of text.\n".repeat(40_000)),
    );
    let errors = build(site.path()).expect_err("too large");
    assert!(
        errors[0]
            .message
            .contains("more than the 512 KB a page may be"),
        "{}",
        rendered(&errors)
    );
    // A table of 6,000 cells.
    let site = fixture("minimal");
    let rows = "| a | b | c |\n".repeat(2_000);
    write(
        site.path(),
        "content/topic/big.md",
        page(&format!("| x | y | z |\n|---|---|---|\n{rows}")),
    );
    let errors = build(site.path()).expect_err("too many cells");
    assert!(
        errors[0]
            .message
            .contains("cells, more than the 5000 a page may have"),
        "{}",
        rendered(&errors)
    );
}

/// `content_dir: ../..` would walk the site's own output, or from a shallow folder the
/// whole disk (the fuzz run's only hangs): refused at its line.
#[test]
fn a_content_dir_that_holds_the_site_is_refused() {
    for dir in [".", "..", "../.."] {
        let site = fixture("minimal");
        let yaml = fs::read_to_string(site.path().join("site.yaml")).unwrap();
        write(
            site.path(),
            "site.yaml",
            format!("{yaml}content_dir: {dir}\n"),
        );
        let errors = build(site.path()).expect_err(dir);
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("which holds the site itself")
                    && e.location.as_ref().is_some_and(|l| l.line == 3)),
            "{dir}: {}",
            rendered(&errors)
        );
    }
}
