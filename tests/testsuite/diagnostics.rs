//! Every kind of bad input gives a diagnostic a person can act on: file, line, column,
//! the line itself, what is wrong and how to fix it. Each case breaks the minimal
//! fixture site in one way and snapshots what `careleaf build` reports.

use crate::common::*;

/// Builds the minimal site after writing `files` into it, expecting failure, and
/// returns the rendered diagnostics.
fn errors_after(files: &[(&str, &[u8])]) -> String {
    let site = fixture("minimal");
    for (path, contents) in files {
        write(site.path(), path, contents);
    }
    let diagnostics = build(site.path()).expect_err("the build must fail");
    assert!(
        !site.path().join("public").exists(),
        "a failed build wrote public/"
    );
    rendered(&diagnostics)
}

const CONDITION: &str = "content/topic/condition.md";

fn condition_with(front_matter: &str) -> Vec<u8> {
    format!("---\n{front_matter}---\nBody.\n").into_bytes()
}

const GOOD_REST: &str = "summary: One plain sentence.\nurgency: urgent\nreviewed: { by: \"A. Author\", on: 2026-11-01, due: 2027-11-01 }\nsources:\n  - { title: \"A source\", url: \"https://www.nhs.uk/\" }\n";

#[test]
fn invalid_yaml() {
    let file = condition_with("title: [A condition\nsummary: x\n");
    insta::assert_snapshot!(errors_after(&[(CONDITION, &file)]));
}

#[test]
fn front_matter_never_closed() {
    insta::assert_snapshot!(errors_after(&[(
        CONDITION,
        b"---\ntitle: A\nurgency: urgent\n\nBody text.\n"
    )]));
}

#[test]
fn no_front_matter() {
    insta::assert_snapshot!(errors_after(&[(
        CONDITION,
        b"# A condition\n\nBody text.\n"
    )]));
}

#[test]
fn unknown_key() {
    let file = condition_with(&format!("title: A condition\nsumary: oops\n{GOOD_REST}"));
    insta::assert_snapshot!(errors_after(&[(CONDITION, &file)]));
}

#[test]
fn wrong_type() {
    let file = condition_with(&format!(
        "title: A condition\nsymptoms: {{ pain: yes }}\n{GOOD_REST}"
    ));
    insta::assert_snapshot!(errors_after(&[(CONDITION, &file)]));
}

#[test]
fn bad_urgency() {
    let rest = GOOD_REST.replace("urgency: urgent", "urgency: emergncy");
    let file = condition_with(&format!("title: A condition\n{rest}"));
    insta::assert_snapshot!(errors_after(&[(CONDITION, &file)]));
}

#[test]
fn missing_title() {
    insta::assert_snapshot!(errors_after(&[(CONDITION, &condition_with(GOOD_REST))]));
}

#[test]
fn condition_missing_required_fields() {
    let file = condition_with("title: A condition\nurgency: soon\n");
    insta::assert_snapshot!(errors_after(&[(CONDITION, &file)]));
}

#[test]
fn invalid_date() {
    let rest = GOOD_REST.replace("on: 2026-11-01", "on: 2026-02-30");
    let file = condition_with(&format!("title: A condition\n{rest}"));
    insta::assert_snapshot!(errors_after(&[(CONDITION, &file)]));
}

#[test]
fn duplicate_url() {
    let page = b"---\ntitle: About\n---\n";
    insta::assert_snapshot!(errors_after(&[
        ("content/about.md", page),
        ("content/About.md", page)
    ]));
}

#[test]
fn broken_internal_link() {
    let file = b"---\ntitle: Home\n---\nRead about [the condition](@/topic/conditon.md) first.\n";
    insta::assert_snapshot!(errors_after(&[("content/_index.md", file)]));
}

#[test]
fn link_to_a_draft() {
    let home = b"---\ntitle: Home\n---\nSee [soon](@/soon.md).\n";
    insta::assert_snapshot!(errors_after(&[
        ("content/_index.md", home),
        ("content/soon.md", b"---\ntitle: Soon\ndraft: true\n---\n")
    ]));
}

#[test]
fn a_page_with_bad_front_matter_is_not_also_a_broken_link() {
    let report = errors_after(&[("content/topic/_index.md", b"---\ntitle: [oops\n---\n")]);
    assert!(!report.contains("does not exist"), "{report}");
}

#[test]
fn missing_template() {
    let file = b"---\ntitle: About\ntemplate: special.html\n---\n";
    insta::assert_snapshot!(errors_after(&[("content/about.md", file)]));
}

#[test]
fn tera_syntax_error() {
    let template = b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }</h1>\n{% endblock main %}\n";
    insta::assert_snapshot!(errors_after(&[
        ("templates/page.html", template),
        ("content/about.md", b"---\ntitle: About\n---\n")
    ]));
}

#[test]
fn tera_rendering_error() {
    let template = b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}\n";
    insta::assert_snapshot!(errors_after(&[
        ("templates/page.html", template),
        ("content/about.md", b"---\ntitle: About\n---\n")
    ]));
}

/// A build renders each page's Markdown as it writes the page: a broken link and a
/// template that fails on another page are still both reported, in one run.
#[test]
fn broken_link_and_template_error_come_in_one_run() {
    let template = b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}\n";
    let home = b"---\ntitle: Home\n---\nRead about [the condition](@/topic/conditon.md) first.\n";
    insta::assert_snapshot!(errors_after(&[
        ("templates/page.html", template),
        ("content/about.md", b"---\ntitle: About\n---\n"),
        ("content/_index.md", home),
    ]));
}

#[test]
fn non_utf8_file() {
    insta::assert_snapshot!(errors_after(&[(
        "content/about.md",
        b"---\ntitle: Caf\xe9 opening hours\n---\n"
    )]));
}

#[test]
fn empty_file() {
    insta::assert_snapshot!(errors_after(&[("content/about.md", b"")]));
}

#[test]
fn unknown_key_in_site_yaml() {
    let config = b"title: Minimal site\nbrand:\n  colours: { primary: \"#005eb8\" }\n";
    insta::assert_snapshot!(errors_after(&[("site.yaml", config)]));
}

#[test]
fn all_errors_come_in_one_run() {
    let report = errors_after(&[
        ("content/about.md", b"---\ntitle: About\nsumary: x\n---\n"),
        (
            "content/help.md",
            b"---\ntitle: Help\n---\nSee [x](@/missing.md).\n",
        ),
        (
            CONDITION,
            &condition_with("title: A condition\nurgency: later\n"),
        ),
    ]);
    assert_eq!(
        report.matches("× ").count() + report.matches("Error: ").count(),
        3,
        "{report}"
    );
    insta::assert_snapshot!(report);
}

/// A file name that is not UTF-8 (possible on Linux) is an error naming the file
/// lossily, from `build` and from `check`, never a panic.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    for folder in ["content/topic", "templates"] {
        let site = fixture("minimal");
        let dir = site.path().join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::write(dir.join(name), "---\ntitle: Cafe\n---\nText.\n").unwrap();
        let diagnostics = build(site.path()).expect_err("the build must fail");
        let text = rendered(&diagnostics);
        assert!(
            text.contains(&format!(
                "{folder}/caf\u{fffd}.md: this file's name is not UTF-8 text"
            )),
            "{text}"
        );
        let check = std::process::Command::new(env!("CARGO_BIN_EXE_careleaf"))
            .args(["check", "--site"])
            .arg(site.path())
            .output()
            .unwrap();
        assert_eq!(check.status.code(), Some(1), "check fails too");
        assert!(!site.path().join("public").exists());
    }
}

#[test]
fn a_page_on_the_url_of_a_generated_page() {
    let page = b"---\ntitle: A page\n---\nText.\n";
    insta::assert_snapshot!(errors_after(&[
        ("content/topic/check.md", page),
        ("content/search.md", page),
    ]));
}

#[test]
fn a_language_that_is_not_a_language_code() {
    let config = b"title: Minimal site\nlanguage: en\"><script>\n";
    insta::assert_snapshot!(errors_after(&[("site.yaml", config)]));
}

#[test]
fn a_logo_path_that_is_missing() {
    let config = b"title: Minimal site\nbrand:\n  logo: /nope.svg\n";
    insta::assert_snapshot!(errors_after(&[("site.yaml", config)]));
}

/// A template error is one cause: reported once, with the pages it breaks counted.
#[test]
fn a_template_error_is_reported_once_for_every_page_it_breaks() {
    let template = b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}\n";
    let page = b"---\ntitle: A page\n---\nText.\n";
    let text = errors_after(&[
        ("templates/page.html", template),
        ("content/about.md", page),
        ("content/contact.md", page),
        ("content/privacy.md", page),
    ]);
    assert_eq!(text.matches("is not defined").count(), 1, "{text}");
    insta::assert_snapshot!(text);
}

/// Every content problem of a body (a broken `@/` link, an image that is not in
/// static/, an unknown care level) is found when the site loads, before any template
/// renders or any output is touched: the site does not load. Writing a site that did
/// load finds no problem in a content file.
#[test]
fn content_problems_are_found_when_the_site_loads() {
    use careleaf::{Diagnostic, Diagnostics};
    use careleaf::{LoadOptions, Site};
    let site = fixture("minimal");
    write(
        site.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\nSee [it](@/topic/conditon.md), ![A scan](/scan.png) and [](care:urgnt).\n",
    );
    let mut diagnostics = Diagnostics::default();
    let loaded = Site::load_for_build(site.path(), &LoadOptions::default(), &mut diagnostics);
    assert!(loaded.is_err(), "a site with broken content does not load");
    let messages: Vec<String> = diagnostics
        .into_sorted()
        .into_iter()
        .map(|d| d.message)
        .collect();
    assert_eq!(
        messages,
        [
            "the link `@/topic/conditon.md` points to a file that does not exist",
            "the image `/scan.png` is not in static/",
            "`care:urgnt` is not a care level",
        ]
    );

    let site = example_site();
    let mut diagnostics = Diagnostics::default();
    let mut loaded = Site::load_for_build(site.path(), &LoadOptions::default(), &mut diagnostics)
        .unwrap_or_else(|_| panic!("{}", rendered(&diagnostics.into_sorted())));
    let mut writing = Diagnostics::default();
    let _ = loaded.render_dry(&mut writing);
    let about_content: Vec<Diagnostic> = writing
        .into_sorted()
        .into_iter()
        .filter(|d| d.file.starts_with("content"))
        .collect();
    assert!(about_content.is_empty(), "{}", rendered(&about_content));
}
