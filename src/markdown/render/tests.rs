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

fn render_body(body: &str, others: &[&str]) -> (Rendered, Vec<Diagnostic>) {
    let (page, links) = page_with_body(body, others);
    let labels = CardLabels::default();
    let mut diagnostics = Diagnostics::default();
    let cx = MarkdownContext {
        links: &links,
        base_path: "/careleaf/",
        labels: &labels,
    };
    let rendered = render(&page, &cx, &mut diagnostics);
    (rendered, diagnostics.into_sorted())
}

#[test]
fn internal_links_resolve_under_the_base_path() {
    let (r, d) = render_body("See [it](@/topic/a.md#why).\n", &["topic/a.md"]);
    assert!(d.is_empty());
    assert!(
        r.html.contains("href=\"/careleaf/topic/a/#why\""),
        "{}",
        r.html
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
    assert!(r.html.contains("care-card--emergency"), "{}", r.html);
    assert!(!r.html.contains("<blockquote"));
}

#[test]
fn headings_get_unique_ids() {
    let (r, _) = render_body("## What next\n\n## What next\n", &[]);
    assert!(r.html.contains("id=\"what-next\""));
    assert!(r.html.contains("id=\"what-next-1\""));
    assert_eq!(r.toc.len(), 2);
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
        assert!(r.html.contains(needle), "{needle} in {}", r.html);
    }
}
