//! Sites stay upgradable: `init` writes no copy of the theme, so a build uses the
//! templates built into the careleaf that runs it; a template the site ejects is its
//! own, and a build says when the built-in one has changed since.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{build, rendered};

fn careleaf(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(args)
        .output()
        .expect("run careleaf");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_init_site_builds_with_the_built_in_theme_and_an_ejected_template_is_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("clinic");
    let site_arg = site.display().to_string();
    careleaf(&["init", &site_arg]);
    assert!(!site.join("themes").exists());
    build(&site).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let home = fs::read_to_string(site.join("public/index.html")).unwrap();
    // The built-in base.html, as this binary has it.
    let builtin = careleaf::stages::builtin_template("base.html").unwrap();
    let doctype = builtin.lines().next().unwrap();
    assert!(home.starts_with(doctype), "{home}");

    // Eject base.html and change it: the site's copy is used, with no warning.
    careleaf(&["theme", "eject", "base.html", "--site", &site_arg]);
    let copy = site.join("templates/base.html");
    let text = fs::read_to_string(&copy).unwrap();
    fs::write(
        &copy,
        text.replacen("<body", "<body data-clinic=\"riverside\"", 1),
    )
    .unwrap();
    let report = build(&site).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(report.warnings.is_empty(), "{}", rendered(&report.warnings));
    let home = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("data-clinic=\"riverside\""));

    // The copy as an older careleaf would have ejected it: the built-in has changed since.
    let text = fs::read_to_string(&copy).unwrap();
    let first = text.lines().next().unwrap().to_string();
    let open = first.rfind('(').unwrap();
    let older = format!("{}(0000000000000000{}", &first[..open], &first[open + 17..]);
    fs::write(&copy, text.replacen(&first, &older, 1)).unwrap();
    let report = build(&site).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let warnings = rendered(&report.warnings);
    assert!(
        warnings.contains("the built-in `base.html` has changed since this copy was ejected"),
        "{warnings}"
    );
    assert!(
        fs::read_to_string(site.join("public/index.html"))
            .unwrap()
            .contains("data-clinic=\"riverside\""),
        "the site's copy is still used"
    );
    assert!(Path::new(&site).join("templates/README.md").is_file());
}
