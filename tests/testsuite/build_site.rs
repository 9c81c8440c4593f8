//! Building real sites in temporary folders and checking what lands in the output.

use std::fs;
use std::path::Path;

use crate::common::*;

/// Every `href="…"` and `src="…"` value in `html`.
fn urls(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("closing quote");
            found.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    found
}

fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

#[test]
fn example_site_builds_with_every_internal_link_resolving_under_the_subpath() {
    let site = example_site();
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(report.warnings.is_empty(), "{}", rendered(&report.warnings));
    let public = site.path().join("public");
    let pages = html_files(&public);
    let checker = html_files(&public.join("early-pregnancy-bleeding/check")).len();
    assert!(
        checker > 10,
        "the checker has a page per node and a review page"
    );
    assert_eq!(
        pages.len(),
        1 + 2 * (10 + checker),
        "the editors' page, and in English and Chinese: 8 pages, a 404 page, the search page and the checker"
    );
    let mut checked = 0;
    for page in &pages {
        let html = read(page);
        for url in urls(&html) {
            if url.starts_with("https://") || url.starts_with("tel:") || url.starts_with('#') {
                continue;
            }
            assert!(
                url.starts_with("/careleaf/"),
                "{url} in {} is not under the base path",
                page.display()
            );
            let (path, _) = url.split_once('#').unwrap_or((&url, ""));
            let rel = &path["/careleaf/".len()..];
            let target = if rel.is_empty() || rel.ends_with('/') {
                public.join(rel).join("index.html")
            } else {
                public.join(rel)
            };
            assert!(
                target.is_file(),
                "{url} in {} does not resolve ({})",
                page.display(),
                target.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} internal links checked");
    let editorial = read(&public.join("_editorial/index.html"));
    assert!(editorial.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert_eq!(
        editorial.matches("<tr data-review=").count(),
        16,
        "every page, in both languages"
    );
    assert!(!read(&public.join("sitemap.xml")).contains("_editorial"));
    for file in [
        "sitemap.xml",
        "robots.txt",
        "404.html",
        ".nojekyll",
        "brand.css",
        "style.css",
        "logo.svg",
    ] {
        assert!(public.join(file).is_file(), "{file} missing");
    }
}

#[test]
fn condition_page_has_care_card_review_dates_and_json_ld() {
    let site = example_site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let html = read(
        &site
            .path()
            .join("public/early-pregnancy-bleeding/ectopic-pregnancy/index.html"),
    );
    assert!(html.contains("data-care-level=\"emergency\""));
    assert!(html.contains("href=\"tel:911\""));
    assert!(
        html.contains("Page last reviewed: <time datetime=\"2026-11-01\">1 November 2026</time>")
    );
    assert!(html.contains("Next review due: <time datetime=\"2027-11-01\">1 November 2027</time>"));
    assert!(html.contains("\"@type\":\"MedicalWebPage\""));
    assert!(html.contains("\"lastReviewed\":\"2026-11-01\""));
    assert!(html.contains("\"reviewedBy\":{\"@type\":\"Person\""));
    let miscarriage = read(
        &site
            .path()
            .join("public/early-pregnancy-bleeding/miscarriage/index.html"),
    );
    assert!(
        miscarriage.contains("href=\"tel:+15550199\""),
        "urgent care links to the EPU number"
    );
}

#[test]
fn pages_have_no_inline_script_or_style_and_no_third_party_requests() {
    let site = example_site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    for page in html_files(&site.path().join("public")) {
        let html = read(&page);
        let scripts = html.matches("<script").count();
        let data_blocks = html
            .matches("<script type=\"application/ld+json\">")
            .count();
        let same_origin_files = html.matches("<script src=\"/careleaf/").count();
        assert_eq!(
            scripts,
            data_blocks + same_origin_files,
            "inline script in {}",
            page.display()
        );
        let json_ld_closes = html.matches("}</script>").count();
        assert_eq!(
            html.matches("></script>").count() + json_ld_closes,
            scripts,
            "script files have no inline code"
        );
        assert!(
            !html.contains("<style") && !html.contains(" style=\""),
            "inline style in {}",
            page.display()
        );
        for tag in html.split('<').filter(|t| {
            t.starts_with("img")
                || t.starts_with("link rel=\"stylesheet")
                || t.starts_with("link rel=\"icon")
                || t.starts_with("script")
        }) {
            assert!(
                !tag.contains("=\"http") && !tag.contains("=\"//"),
                "third-party resource in {}: <{tag}",
                page.display()
            );
        }
    }
}

#[test]
fn topic_lists_conditions_most_urgent_first() {
    let site = example_site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let html = read(
        &site
            .path()
            .join("public/early-pregnancy-bleeding/index.html"),
    );
    let order: Vec<usize> = [
        "ectopic-pregnancy/",
        "miscarriage/",
        "molar-pregnancy/",
        "cervical-causes/",
    ]
    .iter()
    .map(|slug| {
        html.find(&format!("early-pregnancy-bleeding/{slug}\">"))
            .expect(slug)
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = example_site();
    build_into(site.path(), &site.path().join("one"))
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    build_into(site.path(), &site.path().join("two"))
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let (one, two) = (
        files(&site.path().join("one")),
        files(&site.path().join("two")),
    );
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    assert!(one == two, "outputs differ");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture("minimal");
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let index = site.path().join("public/index.html");
    let before = fs::read(&index).unwrap();
    write(
        site.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\nNow [broken](@/nope.md).\n",
    );
    let errors = build(site.path()).expect_err("broken link must fail the build");
    assert_eq!(errors.len(), 1);
    assert_eq!(fs::read(&index).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("careleaf"))
        .collect();
    // The lock file stays: it is only a name for the OS lock, held by no one now.
    assert_eq!(
        leftovers,
        [".public.careleaf-lock"],
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = fixture("minimal");
    let precious = site.path().join("precious");
    write(&precious, "thesis.txt", "years of work");
    let errors = build_into(site.path(), &precious).expect_err("must refuse");
    assert!(
        errors[0].message.contains("careleaf did not write"),
        "{}",
        errors[0]
    );
    assert_eq!(read(&precious.join("thesis.txt")), "years of work");
    let errors =
        build_into(site.path(), &site.path().join("content/out")).expect_err("must refuse");
    assert!(errors[0].message.contains("content/"), "{}", errors[0]);
}

#[test]
fn bom_and_crlf_simply_work() {
    let site = fixture("minimal");
    write(
        site.path(),
        "content/about.md",
        "\u{feff}---\r\ntitle: About us\r\n---\r\nHello **there**.\r\n",
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let html = read(&site.path().join("public/about/index.html"));
    assert!(html.contains("<h1>About us</h1>"));
    assert!(html.contains("Hello <strong>there</strong>."));
}

#[test]
fn cname_is_copied_when_configured_and_site_templates_override_the_theme() {
    let site = fixture("minimal");
    write(site.path(), "static/CNAME", "health.example.org\n");
    write(
        site.path(),
        "templates/partials/footer.html",
        "<footer>Clinic footer</footer>\n",
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_eq!(
        read(&site.path().join("public/CNAME")),
        "health.example.org\n"
    );
    let html = read(&site.path().join("public/index.html"));
    assert!(html.contains("<footer>Clinic footer</footer>"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = fixture("minimal");
    write(
        site.path(),
        "content/draft.md",
        "---\ntitle: Not yet\ndraft: true\n---\n",
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(!site.path().join("public/draft").exists());
    careleaf::build(&careleaf::BuildOptions {
        site: site.path().into(),
        drafts: true,
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(site.path().join("public/draft/index.html").exists());
}

#[test]
fn base_url_override_and_root_site() {
    let site = fixture("minimal");
    careleaf::build(&careleaf::BuildOptions {
        site: site.path().into(),
        base_url: Some("https://clinic.example/".into()),
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let html = read(&site.path().join("public/topic/condition/index.html"));
    assert!(html.contains("href=\"/style.css\""));
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://clinic.example/topic/condition/\">")
    );
    assert!(read(&site.path().join("public/sitemap.xml")).contains(
        "<loc>https://clinic.example/topic/condition/</loc><lastmod>2026-11-01</lastmod>"
    ));
}

#[test]
fn sharing_tags_canonical_links_hreflang_and_favicon() {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nbase_url: https://example.github.io/careleaf/\nlanguages: [en, zh]\nbrand: { logo: /logo.svg }\n",
    );
    write(
        site.path(),
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\nsummary: Who we are.\n---\n",
    );
    write(
        site.path(),
        "content/about.zh.md",
        "---\ntitle: 关于\nsummary: 我们是谁。\n---\n",
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let html = read(&site.path().join("public/about/index.html"));
    for tag in [
        "<link rel=\"canonical\" href=\"https://example.github.io/careleaf/about/\">",
        "<meta property=\"og:title\" content=\"About\">",
        "<meta property=\"og:description\" content=\"Who we are.\">",
        "<meta property=\"og:image\" content=\"https://example.github.io/careleaf/logo.svg\">",
        "<meta name=\"twitter:card\" content=\"summary\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.github.io/careleaf/about/\">",
        "<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://example.github.io/careleaf/zh/about/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.github.io/careleaf/about/\">",
        "<link rel=\"icon\" href=\"/careleaf/logo.svg\">",
    ] {
        assert!(html.contains(tag), "{tag} missing");
    }
    let zh = read(&site.path().join("public/zh/about/index.html"));
    assert!(zh.contains("<html lang=\"zh-Hans\" dir=\"ltr\">"));
    assert!(zh.contains("hreflang=\"en\""));
    assert!(
        zh.contains("<meta property=\"og:locale\" content=\"zh_CN\">"),
        "og:locale is a full locale"
    );
    assert!(
        read(&site.path().join("public/robots.txt"))
            .contains("Sitemap: https://example.github.io/careleaf/sitemap.xml")
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_page_is_left_out_with_a_warning_and_hidden_static_files_stay_private() {
    let site = fixture("minimal");
    let outside = site.path().join("elsewhere.md");
    fs::write(&outside, "---\ntitle: Elsewhere\n---\nText.\n").unwrap();
    std::os::unix::fs::symlink(&outside, site.path().join("content/topic/linked.md")).unwrap();
    write(site.path(), "static/.env", "SECRET=1");
    write(
        site.path(),
        "static/.well-known/security.txt",
        "Contact: mailto:x@example.org",
    );
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let warnings = rendered(&report.warnings);
    assert!(
        warnings.contains("content/topic/linked.md: this page is a symbolic link"),
        "{warnings}"
    );
    let public = site.path().join("public");
    assert!(!public.join("topic/linked").exists());
    assert!(
        !public.join(".env").exists(),
        "a hidden static file is not published"
    );
    assert!(public.join(".well-known/security.txt").is_file());
}

/// Every file under `dir`, relative to it, sorted.
fn file_set(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn overlapping_builds_never_publish_a_partial_site() {
    let site = example_site();
    let public = site.path().join("public");
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let complete = file_set(&public);
    assert!(complete.len() > 50);
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_careleaf"))
            .args(["build", "--site"])
            .arg(site.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start careleaf build")
    };
    for round in 0..50 {
        let (a, b) = (start(), start());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(
            file_set(&public),
            complete,
            "round {round}: public/ is one complete build"
        );
    }
    let leftovers: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("careleaf-new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_site_in_chinese_or_arabic_gets_its_language_direction_strings_and_dates() {
    let site = fixture("minimal");
    write(site.path(), "site.yaml", "title: 测试网站\nlanguage: zh\n");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: 关于\nreviewed: { by: \"王医生\", on: 2026-11-01, due: 2027-11-01 }\n---\n本网站的介绍。\n",
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let about = read(&site.path().join("public/about/index.html"));
    assert!(
        about.contains("<html lang=\"zh-Hans\" dir=\"ltr\">"),
        "{about}"
    );
    assert!(
        about.contains("2026年11月1日"),
        "the review date in Chinese"
    );
    assert!(
        about.contains("跳到主要内容"),
        "the interface strings in Chinese"
    );

    let site = fixture("minimal");
    write(site.path(), "site.yaml", "title: موقع\nlanguage: ar\n");
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let home = read(&site.path().join("public/index.html"));
    assert!(
        home.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "right to left"
    );
}

#[test]
fn each_page_speaks_its_own_language_on_a_bilingual_site() {
    let site = fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nlanguages: [en, zh]\n",
    );
    let page =
        |title: &str, text: &str| format!("---\ntitle: {title}\n---\n> [!CAUTION]\n> {text}\n");
    write(site.path(), "content/about.md", page("About", "Get help."));
    write(
        site.path(),
        "content/about.zh.md",
        page("关于", "请立即求助。"),
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let en = read(&site.path().join("public/about/index.html"));
    let zh = read(&site.path().join("public/zh/about/index.html"));
    assert!(en.contains("Skip to main content") && en.contains("Immediate action required"));
    assert!(zh.contains("跳到主要内容"), "the interface in Chinese");
    assert!(
        zh.contains("需要立即行动"),
        "the care card's label in Chinese"
    );
    assert!(
        !zh.contains("Skip to main content"),
        "no English left in the interface"
    );
}
