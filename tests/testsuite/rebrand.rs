//! `examples/riverside-clinic/`: a second site that reuses the example content
//! (`content_dir: ../../content`), uses the built-in default theme, and has its own
//! colours, logo, phone numbers and footer. Its build shows its brand and none of the
//! example's.

use crate::common::*;

#[test]
fn riverside_has_its_brand_and_not_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo_root().join("examples/riverside-clinic"),
        &dir.path().join("examples/riverside-clinic"),
    );
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    let site = dir.path().join("examples/riverside-clinic");
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
        assert!(
            html.contains("href=\"tel:999\""),
            "{name} has no call button for 999"
        );
        let in_chinese = entry.path().starts_with(public.join("zh"));
        let call = if in_chinese {
            "拨打 999（手机也可拨打 112）"
        } else {
            "Call 999 (or 112 from a mobile)"
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
