//! Every language is first-class: a Chinese page takes its punctuation, its `lang`
//! tag, its 404 page and its order of titles from its own language, never from the
//! English the templates were written in; a page with no version in a language is
//! listed there in its own language and every page has a way back.

use std::path::Path;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::common::{build, example_site, read, rendered, write};

/// The text a reader sees in `html` (no scripts or styles), one line per block, with
/// text inside an element whose `lang` is not Chinese left out (an English source's
/// title keeps its own brackets).
fn chinese_text(html: &str) -> String {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut out = String::new();
    collect(&dom.document, &mut out);
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn collect(node: &Handle, out: &mut String) {
    match &node.data {
        NodeData::Element { name, attrs, .. } => {
            let tag: &str = &name.local;
            if matches!(tag, "script" | "style" | "head") {
                return;
            }
            let other_lang = attrs
                .borrow()
                .iter()
                .any(|a| &*a.name.local == "lang" && !a.value.starts_with("zh"));
            if other_lang {
                out.push_str("⟨…⟩");
                return;
            }
            let block = matches!(
                tag,
                "p" | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "div"
                    | "section"
                    | "ul"
                    | "br"
                    | "tr"
                    | "summary"
                    | "dd"
                    | "dt"
            );
            if block {
                out.push('\n');
            }
            for child in node.children.borrow().iter() {
                collect(child, out);
            }
            if block {
                out.push('\n');
            }
        }
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        _ => {
            for child in node.children.borrow().iter() {
                collect(child, out);
            }
        }
    }
}

/// Chinese, Japanese and full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Each ASCII `:`, `(`, `)`, `.`, `,` or `;` next to Chinese text (spaces between
/// them ignored), with the text around it.
fn ascii_punctuation_by_chinese(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, ':' | '(' | ')' | '.' | ',' | ';') {
            continue;
        }
        let before = chars[..i].iter().rev().find(|c| **c != ' ');
        let after = chars[i + 1..].iter().find(|c| **c != ' ');
        if before.is_some_and(|c| is_cjk(*c)) || after.is_some_and(|c| is_cjk(*c)) {
            let from = i.saturating_sub(12);
            let to = (i + 12).min(chars.len());
            found.push(chars[from..to].iter().collect());
        }
    }
    found
}

fn built_example() -> tempfile::TempDir {
    let site = example_site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    site
}

fn page(site: &Path, rel: &str) -> String {
    read(&site.join("public").join(rel))
}

/// The first outcome page of the Chinese checker that is not an emergency.
fn chinese_outcome(public: &Path) -> String {
    let dir = public.join("zh/early-pregnancy-bleeding/check");
    let mut outcomes: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .filter(|p| p.exists())
        .map(|p| (p.display().to_string(), read(&p)))
        .filter(|(_, html)| html.contains("data-outcome=\"soon\""))
        .collect();
    outcomes.sort();
    outcomes.swap_remove(0).1
}

#[test]
fn chinese_pages_have_no_english_punctuation_and_full_language_tags() {
    let site = built_example();
    let public = site.path().join("public");
    let pages = [
        ("home", page(site.path(), "zh/index.html")),
        (
            "condition",
            page(
                site.path(),
                "zh/early-pregnancy-bleeding/ectopic-pregnancy/index.html",
            ),
        ),
        ("outcome", chinese_outcome(&public)),
        ("not_found", page(site.path(), "zh/404.html")),
        ("search", page(site.path(), "zh/search/index.html")),
        (
            "review",
            page(
                site.path(),
                "zh/early-pregnancy-bleeding/check/review/index.html",
            ),
        ),
    ];
    for (name, html) in &pages {
        assert!(
            html.contains("<html lang=\"zh-Hans\" dir=\"ltr\">"),
            "{name}"
        );
        let text = chinese_text(html);
        let found = ascii_punctuation_by_chinese(&text);
        assert!(found.is_empty(), "{name}: {found:#?}");
        if *name != "review" && *name != "search" {
            insta::assert_snapshot!(format!("zh_{name}"), text);
        }
    }
}

#[test]
fn the_punctuation_judge_finds_english_punctuation_by_chinese() {
    assert_eq!(
        ascii_punctuation_by_chinese("紧急情况？ 拨打 911，或立即去急诊室."),
        [" 911，或立即去急诊室."]
    );
    assert_eq!(ascii_punctuation_by_chinese("也称为: 异位妊娠").len(), 1);
    assert!(ascii_punctuation_by_chinese("也称为：异位妊娠、输卵管妊娠（NHS）").is_empty());
    assert!(ascii_punctuation_by_chinese("Ectopic pregnancy (NHS)").is_empty());
}

#[test]
fn each_language_has_its_404_page_with_links_to_every_home_page() {
    let site = built_example();
    let zh = page(site.path(), "zh/404.html");
    assert!(zh.contains("<h1>找不到页面</h1>"));
    assert!(
        !zh.contains("not-found.js"),
        "the language's own 404 needs no script"
    );
    let en = page(site.path(), "404.html");
    assert!(en.contains("<h1>Page not found</h1>"));
    assert!(en.contains("<script src=\"/careleaf/not-found.js\" defer></script>"));
    for html in [&en, &zh] {
        assert!(html.contains(
            "<a href=\"/careleaf/zh/\" hreflang=\"zh-Hans\" lang=\"zh-Hans\" data-not-found=\"/careleaf/zh/404.html\">中文：首页</a>"
        ));
        assert!(
            html.contains("<a href=\"/careleaf/\" hreflang=\"en\" lang=\"en\">English: Home</a>")
        );
    }
    assert!(site.path().join("public/not-found.js").exists());
}

#[test]
fn listings_are_in_the_languages_order_pinyin_for_chinese() {
    let site = built_example();
    let titles = |html: &str| -> Vec<String> {
        let list = html.split("data-search-results>").nth(1).unwrap();
        list.split("<a href=\"")
            .skip(1)
            .map(|a| {
                a.split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        titles(&page(site.path(), "zh/search/index.html")),
        ["宫颈出血", "宫外孕", "流产", "葡萄胎", "着床出血"]
    );
    assert!(page(site.path(), "zh/search/index.html").contains("按拼音顺序排列"));
    assert_eq!(
        titles(&page(site.path(), "search/index.html")),
        [
            "Bleeding from the cervix",
            "Ectopic pregnancy",
            "Implantation bleeding",
            "Miscarriage",
            "Molar pregnancy"
        ]
    );
}

#[test]
fn urgent_and_emergency_differ_in_chinese_words_and_in_their_tags() {
    let site = built_example();
    let topic = page(site.path(), "zh/early-pregnancy-bleeding/index.html");
    assert!(
        topic.contains("<p class=\"tag tag--urgent\">当天就医</p>"),
        "{topic}"
    );
    assert!(topic.contains("<p class=\"tag tag--emergency\">需要立即行动</p>"));
    let css = page(site.path(), "style.css");
    let rule = |class: &str| {
        css.lines()
            .find(|l| l.starts_with(&format!(".{class} {{")))
            .unwrap_or_else(|| panic!("{class}"))
            .to_string()
    };
    assert_ne!(rule("tag--urgent"), rule("tag--emergency"));
    assert!(css.contains(".phone { white-space: nowrap; }"));
    // A `care:` link's number is a phone too, in the page's brackets.
    let miscarriage = page(
        site.path(),
        "zh/early-pregnancy-bleeding/miscarriage/index.html",
    );
    assert!(
        miscarriage.contains("现在就打电话给早孕门诊（<span class=\"phone\">+1 555 0199</span>）"),
        "{miscarriage}"
    );
}

#[test]
fn an_untranslated_page_is_listed_in_its_own_language_and_every_page_has_a_way_back() {
    let site = crate::common::fixture("minimal");
    write(
        site.path(),
        "site.yaml",
        "title: Minimal site\nbase_url: https://example.github.io/careleaf/\nlanguages: [en, zh]\n",
    );
    write(
        site.path(),
        "content/_index.zh.md",
        "---\ntitle: 首页\n---\n欢迎。\n",
    );
    write(
        site.path(),
        "content/topic/_index.zh.md",
        "---\ntitle: 一个主题\n---\n这个主题的情况列在下面。\n",
    );
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\n---\nWho we are.\n",
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let public = site.path().join("public");
    let topic = read(&public.join("zh/topic/index.html"));
    assert!(
        topic.contains("<a href=\"/careleaf/topic/condition/\" hreflang=\"en\" lang=\"en\">A condition</a>（尚无中文版）"),
        "{topic}"
    );
    let home = read(&public.join("zh/index.html"));
    assert!(
        home.contains(
            "<a href=\"/careleaf/about/\" hreflang=\"en\" lang=\"en\">About</a>（尚无中文版）"
        ),
        "{home}"
    );
    // The English page links back to the Chinese site's home, and is not a version.
    let condition = read(&public.join("topic/condition/index.html"));
    assert!(
        condition.contains("<a href=\"/careleaf/zh/\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">中文 <span class=\"language-switcher__note\">首页</span></a>"),
        "{condition}"
    );
    assert!(
        !condition.contains("rel=\"alternate\" hreflang=\"zh-Hans\""),
        "a home page is not an alternate"
    );
}

#[test]
fn a_site_says_how_each_language_is_named_to_browsers() {
    let site = crate::common::fixture("minimal");
    let config = "title: Minimal site\nbase_url: https://example.github.io/careleaf/\nlanguages: [en, zh]\nlocales:\n  zh: { lang: zh-Hant, og: zh_TW }\n";
    write(site.path(), "site.yaml", config);
    write(
        site.path(),
        "content/_index.zh.md",
        "---\ntitle: 首頁\n---\n歡迎。\n",
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let home = read(&site.path().join("public/zh/index.html"));
    assert!(
        home.contains("<html lang=\"zh-Hant\" dir=\"ltr\">"),
        "{home}"
    );
    assert!(home.contains("<meta property=\"og:locale\" content=\"zh_TW\">"));
    write(
        site.path(),
        "site.yaml",
        config.replace(
            "zh: { lang: zh-Hant, og: zh_TW }",
            "zh: { lang: \"Chinese (Taiwan)\", og: zh-TW }\n  fr: { lang: fr }",
        ),
    );
    let diagnostics = build(site.path()).expect_err("bad locales");
    assert_eq!(diagnostics.len(), 3, "{}", rendered(&diagnostics));
    insta::assert_snapshot!("bad_locales", rendered(&diagnostics));
}
