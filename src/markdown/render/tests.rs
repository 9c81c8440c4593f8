//! Unit tests of `render`.

use super::*;
use crate::content::PageKind;

fn page_with_body(body: &str, others: &[&str]) -> (Page, LinkMap) {
    let text = format!("---\ntitle: T\n---\n{body}");
    let mut p = Page {
        kind: PageKind::Plain,
        source: "content/t.md".into(),
        content_path: "t.md".into(),
        lang: "en".into(),
        url_path: "t/".into(),
        topic: None,
        title: "T".into(),
        title_at: None,
        summary: None,
        draft: false,
        weight: 0,
        template: None,
        reviewed: None,
        sources: vec![],
        condition: None,
        triage: None,
        body_start: text.len() - body.len(),
        body_line: 4,
        text,
        text_state: crate::content::page::TextState::Whole,
    };
    let mut pages = vec![p.clone()];
    for o in others {
        p.content_path = o.to_string();
        p.url_path = format!("{}/", o.trim_end_matches(".md"));
        pages.push(p.clone());
    }
    let links = LinkMap::new(
        pages
            .iter()
            .map(|p| (p.content_path.clone(), p.url_path.clone())),
    );
    (pages.remove(0), links)
}

/// The HTML of a body that is not spent yet.
fn html(r: &Rendered) -> &str {
    match &r.page {
        BodyHtml::Unwritten { html, .. } => html,
        BodyHtml::Spent => panic!("the body is spent"),
    }
}

/// The headings of a body that is not spent yet.
fn toc(r: &Rendered) -> &[Heading] {
    match &r.page {
        BodyHtml::Unwritten { toc, .. } => toc,
        BodyHtml::Spent => panic!("the body is spent"),
    }
}

fn render_body(body: &str, others: &[&str]) -> (Rendered, Vec<Diagnostic>) {
    let (page, links) = page_with_body(body, others);
    let labels = CardLabels::default();
    let mut diagnostics = Diagnostics::default();
    let config = crate::config::Config::from_yaml(
        "title: T\ncare_levels:\n  emergency: { action: Call 999 now, phone: \"999\" }\n  soon: { action: Call your midwife }\n",
    );
    let cx = MarkdownContext {
        links: &links,
        base_path: "/careleaf/",
        labels: &labels,
        translated_labels: None,
        care: &config.care_levels,
        translated_care: Some(&config.translations),
        raw_html: config.raw_html,
        embeds: &config.embeds,
        is_static: Some(&|file: &str| file == "img/scan.png"),
        site_numbers: Some(&["999"]),
    };
    let rendered = render(&page, &cx, &mut diagnostics);
    (rendered, diagnostics.into_sorted())
}

#[test]
fn internal_links_resolve_under_the_base_path() {
    let (r, d) = render_body("See [it](@/topic/a.md#why).\n", &["topic/a.md"]);
    assert!(d.is_empty());
    assert!(
        html(&r).contains("href=\"/careleaf/topic/a/#why\""),
        "{}",
        html(&r)
    );
}

#[test]
fn broken_internal_link_is_located() {
    let (_, d) = render_body("Intro\n\nSee [it](@/topic/b.md).\n", &["topic/a.md"]);
    let loc = d[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (6, 10));
    assert_eq!(d[0].help.as_deref(), Some("did you mean `@/topic/a.md`?"));
}

#[test]
fn alerts_become_care_cards() {
    let (r, _) = render_body("> [!CAUTION]\n> Call 911.\n", &[]);
    assert!(html(&r).contains("care-card--emergency"), "{}", html(&r));
    assert!(!html(&r).contains("<blockquote"));
}

#[test]
fn headings_get_unique_ids() {
    let (r, _) = render_body("## What next\n\n## What next\n", &[]);
    assert!(html(&r).contains("id=\"what-next\""));
    assert!(html(&r).contains("id=\"what-next-1\""));
    assert_eq!(toc(&r).len(), 2);
}

#[test]
fn gfm_extensions_are_on() {
    let (r, _) = render_body(
        "| a |\n|---|\n| b |\n\n~~x~~ \"q\"[^1]\n\n[^1]: n\n\n- [x] done\n",
        &[],
    );
    for needle in [
        "<table>",
        "<del>",
        "\u{201c}q\u{201d}",
        "footnote",
        "checkbox",
    ] {
        assert!(html(&r).contains(needle), "{needle} in {}", html(&r));
    }
}

#[test]
fn care_cards_end_with_the_sites_action_and_number() {
    let (r, d) = render_body("> [!CAUTION]\n> - severe pain\n", &[]);
    assert!(d.is_empty());
    assert!(
        html(&r).contains("<p class=\"care-card__action\">Call 999 now</p>"),
        "{}",
        html(&r)
    );
    assert!(html(&r).contains("href=\"tel:999\""), "{}", html(&r));
}

#[test]
fn care_links_dial_the_levels_number() {
    let (r, d) = render_body(
        "Then [call us](care:emergency), or [](care:emergency), or [](care:soon).\n",
        &[],
    );
    assert!(d.is_empty());
    assert!(
        html(&r).contains(
            "<a class=\"care-link\" href=\"tel:999\" data-care-level=\"emergency\">call us</a>"
        ),
        "{}",
        html(&r)
    );
    assert!(
        html(&r).contains(">Call 999 now (<span class=\"phone\">999</span>)</a>"),
        "{}",
        html(&r)
    );
    assert!(
        html(&r).contains(
            "<span class=\"care-link\" data-care-level=\"soon\">Call your midwife</span>"
        ),
        "{}",
        html(&r)
    );
}

#[test]
fn an_unknown_care_level_is_located_with_a_suggestion() {
    let (_, d) = render_body("Please [call](care:emergncy).\n", &[]);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].message, "`care:emergncy` is not a care level");
    assert_eq!(d[0].help.as_deref(), Some("did you mean `care:emergency`?"));
    assert_eq!(d[0].location.as_ref().unwrap().line, 4);
}

#[test]
fn links_that_run_code_and_active_html_are_dropped_and_named() {
    let (r, d) = render_body(
        "[Click](javascript:alert(1)) and [this](JavaScript:x).\n\n<script>alert(1)</script>\n\nA <abbr title=\"human chorionic gonadotropin\">hCG</abbr> test.\n\n## Heading {#x onmouseover=alert(1) href=javascript:x}\n",
        &[],
    );
    let said: Vec<(usize, &str)> = d
        .iter()
        .map(|d| (d.location.as_ref().unwrap().line, d.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                4,
                "the link `javascript:alert(1)` is left out: it would run code, or it is not a web, mail or phone address"
            ),
            (
                4,
                "the link `JavaScript:x` is left out: it would run code, or it is not a web, mail or phone address"
            ),
            (
                6,
                "`<script>` is left out of the page: dropped with what is inside it"
            ),
            (
                10,
                "the heading attribute `onmouseover=alert(1)` is left out"
            ),
            (10, "the heading attribute `href=javascript:x` is left out"),
        ]
    );
    let lower = html(&r).to_ascii_lowercase();
    assert!(!lower.contains("javascript:"), "{}", html(&r));
    assert!(!lower.contains("script"), "{}", html(&r));
    assert!(!lower.contains("onmouseover"), "{}", html(&r));
    assert!(
        html(&r).contains("<h2 id=\"x\">Heading</h2>"),
        "{}",
        html(&r)
    );
    assert!(
        html(&r).contains("Click and this."),
        "the text stays: {}",
        html(&r)
    );
    assert!(
        html(&r).contains("<abbr title="),
        "harmless HTML is kept: {}",
        html(&r)
    );
}

#[test]
fn images_must_be_static_files_of_this_site() {
    let (r, d) = render_body("![A scan](/img/scan.png)\n", &[]);
    assert!(d.is_empty(), "{d:?}");
    assert!(html(&r).contains("src=\"/careleaf/img/scan.png\""));
    let problems = |body: &str| -> Vec<String> {
        render_body(body, &[])
            .1
            .into_iter()
            .map(|d| d.message)
            .collect()
    };
    assert_eq!(
        problems("![A scan](/img/missing.png)\n"),
        ["the image `/img/missing.png` is not in static/"]
    );
    assert_eq!(
        problems("![A scan](img/scan.png)\n"),
        ["the image `img/scan.png` has a relative address, which breaks on the site's inner pages"]
    );
    assert_eq!(
        problems("![A scan](https://tracker.example/a.png)\n"),
        ["the image `https://tracker.example/a.png` is on another site"]
    );
}

#[test]
fn a_wrapped_line_of_chinese_is_joined_without_a_space() {
    let (r, _) = render_body(
        "第一行，\n第二行。\n\nFirst line\nsecond line.\n\n中文\nEnglish\n",
        &[],
    );
    assert!(html(&r).contains("<p>第一行，第二行。</p>"), "{}", html(&r));
    assert!(
        html(&r).contains("<p>First line\nsecond line.</p>"),
        "{}",
        html(&r)
    );
    assert!(
        html(&r).contains("<p>中文\nEnglish</p>"),
        "a break next to a word in spaces stays: {}",
        html(&r)
    );
}

/// A phone number typed into a body that is not one of the site's is a lint, at its
/// own place (the second of two in one sentence at the second), in text, inline code
/// and `tel:` addresses; the site's own number is not, nor are the digits of a link's
/// address (a line-by-line scan took `000` in `@/topic-000/…` for a number).
#[test]
fn typed_phone_numbers_are_lints_at_their_place() {
    let body = "Call 999, or 0800 123 4567 (or again 0800 123 4567).\n\n[Ring](tel:01632960123) or `0161 496 0000`.\n\nSee [the next page](@/topic-000/page-001.md).\n";
    let (rendered, diagnostics) = render_body(body, &["topic-000/page-001.md"]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let found: Vec<(String, usize, usize)> = rendered
        .lints
        .iter()
        .map(|d| {
            let at = d.location.as_ref().expect("a place");
            (d.message.clone(), at.line, at.column)
        })
        .collect();
    let typed = |n: &str| {
        format!("`{n}` is a phone number typed into this page, and not one of the site's")
    };
    assert_eq!(
        found,
        [
            (typed("0800 123 4567"), 4, 14),
            (typed("0800 123 4567"), 4, 38),
            (typed("01632960123"), 6, 12),
            (typed("0161 496 0000"), 6, 29),
        ]
    );
}

/// A body's HTML is there until its page is written, and is then said to be spent,
/// not left as an empty string a page could be written with.
#[test]
fn a_spent_body_has_no_html() {
    let (mut r, _) = render_body("## Why\n\nText.\n", &[]);
    assert!(html(&r).contains("Text."));
    assert_eq!(toc(&r).len(), 1);
    r.spend();
    assert!(matches!(r.page, BodyHtml::Spent));
    assert_eq!(
        r.word_count, 2,
        "what the search and editors' pages need stays"
    );
}
