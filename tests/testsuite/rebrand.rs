//! `examples/riverside-clinic/`: a second site that reuses the example content
//! (`content_dir: ../../content`), uses the built-in default theme, and has its own
//! colours, logo, phone numbers and footer. Its build shows its brand and none of the
//! example's.

use crate::common::*;

/// A copy of Riverside's site beside a copy of the content it reuses: (the folder,
/// the site).
fn riverside() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("examples/riverside-clinic");
    copy_dir(&repo_root().join("examples/riverside-clinic"), &site);
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    (dir, site)
}

#[test]
fn riverside_has_its_brand_and_not_the_defaults() {
    let (_dir, site) = riverside();
    let report = build(&site).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(report.warnings.is_empty(), "{}", rendered(&report.warnings));
    let public = site.join("public");
    let page = |rel: &str| read(&public.join(rel));

    let brand = page("brand.css");
    assert!(
        brand.contains("--brand-primary: #5c2d91;") && brand.contains("--brand-accent: #f2a900;"),
        "{brand}"
    );
    assert!(!brand.contains("#005eb8"));
    let condition = page("early-pregnancy-bleeding/miscarriage/index.html");
    assert!(
        condition.contains("src=\"/pregnancy/riverside-logo.svg\""),
        "its logo, under its base path"
    );
    assert!(!condition.contains("/logo.svg\""));
    assert!(public.join("riverside-logo.svg").is_file());
    assert!(
        condition.contains("200 River Road"),
        "the overridden footer"
    );
    assert!(
        !condition.contains("<p>This site gives general information."),
        "not the default footer"
    );
    assert!(
        condition.contains("href=\"tel:+15550142\"")
            && condition.contains("Call the Riverside Early Pregnancy Unit now")
    );
    assert!(
        !condition.contains("+15550199"),
        "not the example's numbers"
    );
    assert!(condition.contains("Riverside Women&#39;s Clinic"));
    assert!(
        !condition.contains("Example Women"),
        "not the example's name"
    );
    assert!(
        public.join("style.css").is_file() && public.join("triage.js").is_file(),
        "the built-in theme's files"
    );
    // Its emergency number is 999: every page shows and dials it, none the example's 911.
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = read(entry.path());
        let name = entry.path().display();
        assert!(!html.contains("911"), "{name} shows 911");
        // None of the example's numbers (EPU, midwives, maternity triage), shown or dialled.
        for example in [
            "555 0199", "5550199", "555 0100", "5550100", "555 0123", "5550123",
        ] {
            assert!(
                !html.contains(example),
                "{name} shows the example's {example}"
            );
        }
        assert!(
            html.contains("href=\"tel:999\""),
            "{name} has no call button for 999"
        );
        let in_chinese = entry.path().starts_with(public.join("zh"));
        let call = if in_chinese {
            "<span class=\"phone\">999（手机也可拨打 112）</span>"
        } else {
            "<span class=\"phone\">999 (or 112 from a mobile)</span>"
        };
        assert!(html.contains(call), "{name}");
    }
    // Its Chinese pages say its actions in Chinese, and dial its numbers.
    let zh = page("zh/early-pregnancy-bleeding/ectopic-pregnancy/index.html");
    assert!(zh.contains("拨打 999，或立即去河畔总医院急诊室"), "{zh}");
    assert!(zh.contains("河畔妇女诊所") && !zh.contains("示例妇女健康服务中心"));
    let zh_molar = page("zh/early-pregnancy-bleeding/molar-pregnancy/index.html");
    assert!(
        zh_molar.contains("现在就打电话给河畔早孕门诊")
            && zh_molar.contains("href=\"tel:+15550142\""),
        "the urgent action in Chinese, with the number from the English `care_levels`"
    );
    let ectopic = page("early-pregnancy-bleeding/ectopic-pregnancy/index.html");
    assert!(
        ectopic.contains("Call 999 or go to Riverside General&#39;s A&amp;E now"),
        "the content's emergency card takes the action from site.yaml"
    );
    assert!(
        condition.contains("<a href=\"tel:+15550142\">+1 555 0142</a>"),
        "the footer's number is a tel: link"
    );
    assert!(page("sitemap.xml").contains("<loc>https://riverside-clinic.example/pregnancy/early-pregnancy-bleeding/miscarriage/</loc>"));
}

/// A clinic that moved to 999 but left "911" in a translation's words is stopped at
/// that line: no page may say one number beside a button that dials another.
#[test]
fn a_translation_that_still_says_911_fails_the_build_at_its_line() {
    let (_dir, site) = riverside();
    let config = read(&site.join("site.yaml")).replace(
        "拨打 999，或立即去河畔总医院急诊室",
        "拨打 911，或立即去河畔总医院急诊室",
    );
    write(&site, "site.yaml", &config);
    let errors = build(&site).expect_err("a translation saying 911 beside a 999 button");
    let text = rendered(&errors);
    let line = config.lines().position(|l| l.contains("拨打 911")).unwrap() + 1;
    assert!(
        text.contains(&format!("site.yaml:{line}:"))
            && text.contains("`911` is not a number this site calls here"),
        "{text}"
    );
    assert!(!site.join("public").exists(), "nothing is written");
}

/// The example's numbers written into an action after the services changed are an
/// error at that line, in English too.
#[test]
fn an_action_naming_another_number_is_an_error() {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nservices:\n  emergency: { name: Emergency, phone: \"999\" }\ncare_levels:\n  emergency: { action: \"Call 911 now\", call: emergency }\n",
    );
    let errors = build(site.path()).expect_err("911 beside a 999 button");
    insta::assert_snapshot!(rendered(&errors));
}

#[test]
fn a_brand_colour_with_poor_contrast_is_a_warning_with_the_ratio() {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nbrand:\n  colors: { primary: \"#ffcc00\", accent: \"#333333\" }\n",
    );
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    insta::assert_snapshot!(rendered(&report.warnings));
}

/// A number typed into a topic outcome's advice (front-matter, not Markdown) is an
/// error at its line unless it is one of the site's services': Riverside's copy of the
/// example content cannot keep the example's maternity number.
#[test]
fn a_number_in_a_topic_outcome_is_an_error_unless_it_is_a_service() {
    let (dir, site) = riverside();
    let topic = dir
        .path()
        .join("content/early-pregnancy-bleeding/_index.md");
    let text = read(&topic).replace(
        "by the maternity team.\"",
        "by the maternity team: call +1 555 0123.\"",
    );
    std::fs::write(&topic, &text).unwrap();
    let errors = build(&site).expect_err("the example's number in Riverside's content");
    let shown = rendered(&errors);
    let line = text
        .lines()
        .position(|l| l.contains("+1 555 0123"))
        .unwrap()
        + 1;
    assert!(
        shown.contains(&format!("_index.md:{line}:"))
            && shown.contains("`+1 555 0123` is not a number of this site's services"),
        "{shown}"
    );
    // Riverside's own maternity number is allowed.
    std::fs::write(&topic, text.replace("+1 555 0123", "+1 555 0144")).unwrap();
    build(&site).unwrap_or_else(|d| panic!("{}", rendered(&d)));
}
