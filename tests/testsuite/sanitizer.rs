//! Raw HTML and links in Markdown never publish code that runs, a `data:` address or
//! a load from another site: judged by parsing the output with html5ever, as a
//! browser would, never by looking for substrings.

use std::fs;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use proptest::prelude::*;

use crate::common::{build, fixture, rendered, write};

/// What a browser would run or load from `html`: handlers, inline scripts, `javascript:`,
/// `vbscript:` and `data:` addresses, and loads from a site other than this one and
/// `allowed`.
pub fn live_things(html: &str, allowed: &[&str]) -> Vec<String> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut found = Vec::new();
    walk(&dom.document, allowed, &mut found);
    found
}

fn walk(node: &Handle, allowed: &[&str], found: &mut Vec<String>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let tag: &str = &name.local;
        let has_text = node
            .children
            .borrow()
            .iter()
            .any(|c| matches!(&c.data, NodeData::Text { contents } if !contents.borrow().trim().is_empty()));
        let attr_value = |wanted: &str| {
            attrs
                .borrow()
                .iter()
                .find(|a| &*a.name.local == wanted)
                .map(|a| a.value.to_ascii_lowercase())
        };
        let is_data = attr_value("type").is_some_and(|t| t.ends_with("json"));
        if matches!(tag, "script" | "style") && has_text && !is_data {
            found.push(format!("inline <{tag}>"));
        }
        if matches!(tag, "object" | "embed" | "base" | "frame" | "applet") {
            found.push(format!("<{tag}>"));
        }
        for attr in attrs.borrow().iter() {
            let attr_name: &str = &attr.name.local;
            let value = browser_form(&attr.value);
            let lower = value.to_ascii_lowercase();
            if attr_name.starts_with("on") {
                found.push(format!("<{tag} {attr_name}>"));
            }
            if tag == "meta" && attr_name == "http-equiv" && lower == "refresh" {
                found.push("<meta http-equiv=refresh>".to_string());
            }
            if attr_name == "style" && lower.contains("url(") {
                found.push(format!("<{tag} style=url()>"));
            }
            let is_url = matches!(
                attr_name,
                "href"
                    | "src"
                    | "poster"
                    | "action"
                    | "formaction"
                    | "data"
                    | "srcset"
                    | "background"
                    | "ping"
                    | "xlink:href"
            );
            if is_url
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| lower.starts_with(s))
            {
                found.push(format!("<{tag} {attr_name}={value}>"));
            }
            let loads = matches!(
                attr_name,
                "src" | "poster" | "srcset" | "data" | "background"
            ) || (tag == "link"
                && attr_name == "href"
                && attr_value("rel").is_some_and(|r| {
                    r.split_whitespace().any(|r| {
                        matches!(
                            r,
                            "stylesheet"
                                | "icon"
                                | "preload"
                                | "prefetch"
                                | "modulepreload"
                                | "manifest"
                        )
                    })
                }));
            if loads && is_off_site(&lower) && !allowed.iter().any(|o| lower.starts_with(o)) {
                found.push(format!(
                    "<{tag} {attr_name}={value}> loads from another site"
                ));
            }
        }
    }
    for child in node.children.borrow().iter() {
        walk(child, allowed, found);
    }
}

fn browser_form(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn is_off_site(url: &str) -> bool {
    let b = url.as_bytes();
    let authority = b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\');
    let scheme = url.find(':').is_some_and(|i| {
        url[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && i > 0
    });
    authority || scheme
}

/// A character written as HTML would let an attacker write it: itself, or a decimal,
/// hex or named reference, with or without the semicolon.
fn encoded(c: char) -> BoxedStrategy<String> {
    let n = c as u32;
    let mut options = vec![
        Just(c.to_string()).boxed(),
        Just(c.to_ascii_uppercase().to_string()).boxed(),
        Just(format!("&#{n};")).boxed(),
        Just(format!("&#x{n:X};")).boxed(),
        Just(format!("&#x{n:x}")).boxed(),
        Just(format!("&#000{n};")).boxed(),
    ];
    match c {
        ':' => options.push(Just("&colon;".to_string()).boxed()),
        '/' => options.push(Just("&sol;".to_string()).boxed()),
        _ => {}
    }
    proptest::strategy::Union::new(options).boxed()
}

/// A dangerous address, each character possibly encoded, with white space and
/// control characters before it and tabs or line breaks inside it.
fn address() -> impl Strategy<Value = String> {
    let target = prop_oneof![
        Just("javascript:alert(1)"),
        Just("vbscript:msgbox(1)"),
        Just("data:text/html,<script>alert(1)</script>"),
        Just("https://tracker.example/p.gif"),
        Just("//tracker.example/p.gif"),
        Just("\\\\tracker.example/p.gif"),
        Just("http:tracker.example/p.gif"),
    ];
    (
        "[ \u{1}\u{8}\t\n]{0,2}|&#0*32;|&Tab;|&NewLine;",
        target,
        proptest::collection::vec(any::<u8>(), 12),
    )
        .prop_flat_map(|(lead, target, noise)| {
            let parts: Vec<BoxedStrategy<String>> = target
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    let inner = match noise[i % noise.len()] % 9 {
                        0 => "\t",
                        1 => "\n",
                        2 => "&#9;",
                        3 => "&NewLine;",
                        _ => "",
                    };
                    encoded(c)
                        .prop_map(move |s| format!("{s}{}", if i < 9 { inner } else { "" }))
                        .boxed()
                })
                .collect();
            parts.prop_map(move |p| format!("{lead}{}", p.concat()))
        })
}

fn element() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        Just(("a", "href")),
        Just(("img", "src")),
        Just(("iframe", "src")),
        Just(("video", "poster")),
        Just(("source", "src")),
        Just(("img", "srcset")),
        Just(("form", "action")),
        Just(("button", "formaction")),
        Just(("object", "data")),
        Just(("embed", "src")),
        Just(("link", "href")),
        Just(("base", "href")),
        Just(("svg><a", "xlink:href")),
        Just(("math><mi", "href")),
        Just(("div", "style")),
    ]
    .prop_map(|(t, a)| (t.to_string(), a.to_string()))
}

fn quoted(value: String) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!("\"{value}\"")),
        Just(format!("'{}'", value.replace('\'', "&#39;"))),
        Just(value.replace([' ', '>', '"', '\''], "")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever the tricks, the sanitizer's output runs and loads nothing.
    #[test]
    fn no_trick_gets_code_or_a_foreign_load_through(
        (tag, attr) in element(),
        value in address().prop_flat_map(quoted),
        case in any::<bool>(),
        handler in "(on[a-z]{3,8})?",
        split in "[ \n\t/]{1,2}",
    ) {
        let tag = if case { tag.to_ascii_uppercase() } else { tag };
        let attr = if attr == "style" { "style".to_string() } else { attr };
        let value = if attr == "style" { format!("\"background:url({})\"", value.trim_matches(['"', '\''])) } else { value };
        let handler = if handler.is_empty() { String::new() } else { format!("{split}{handler}=alert(1)") };
        let html = format!("<p>Before</p><{tag}{split}{attr}={value}{handler}>text</{tag}><p>After</p>");
        let clean = careleaf::stages::sanitize(&html, &[]);
        let live = live_things(&clean, &[]);
        prop_assert!(live.is_empty(), "{html}\n→ {clean}\n{live:?}");
    }
}

/// The judge itself finds what it is there to find (a test that cannot fail is no test).
#[test]
fn the_judge_finds_live_things() {
    for html in [
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:x\">x</a>",
        "<img src=\"https://tracker.example/p.gif\">",
        "<div\nonclick=alert(1)>x</div>",
        "<h2 id=\"x\" onmouseover=\"alert(1)\">x</h2>",
        "<img src=\"\\\\tracker.example/x\">",
        "<script>alert(1)</script>",
    ] {
        assert!(!live_things(html, &[]).is_empty(), "{html}");
    }
    assert!(
        live_things(
            "<a href=\"https://www.nhs.uk/\">NHS</a><img src=\"/x.png\">",
            &[]
        )
        .is_empty()
    );
}

/// The bypasses found by hand, each on a real site built with `raw_html: safe`.
#[test]
fn the_reported_bypasses_publish_nothing_live() {
    let site = fixture("minimal");
    let body = "\
<a href=\"jav&#x61;script:alert(1)\">one</a>

<a href=\"&#106;avascript:alert(2)\">two</a>

<img src=\"https://tracker.example/p.gif\" alt=\"\">

## Heading {#x onmouseover=alert(1)}

## Link {href=javascript:alert(1)}

<div
onclick=\"alert(1)\">three</div>

[four](jav&#x61;script:alert(1))
";
    let page = fs::read_to_string(site.path().join("content/topic/condition.md")).unwrap();
    write(
        site.path(),
        "content/topic/condition.md",
        format!("{page}\n{body}"),
    );
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let html = fs::read_to_string(site.path().join("public/topic/condition/index.html")).unwrap();
    assert_eq!(live_things(&html, &[]), Vec::<String>::new(), "{html}");
    for kept in ["one", "two", "three", "four", "<h2 id=\"x\">Heading</h2>"] {
        assert!(html.contains(kept), "{kept}");
    }
    let warnings = rendered(&report.warnings);
    for named in [
        "`<a href=\"javascript:alert(1)\">` is left out",
        "`<a href=\"javascript:alert(2)\">` is left out",
        "`<img src=\"https://tracker.example/p.gif\">` is left out",
        "the heading attribute `onmouseover=alert(1)` is left out",
        "the heading attribute `href=javascript:alert(1)` is left out",
        "`<div onclick>` is left out",
        "the link `javascript:alert(1)` is left out",
    ] {
        assert!(warnings.contains(named), "{named}\n{warnings}");
    }
}

/// An origin named in `embeds:` may be loaded from, and the page's policy says so.
#[test]
fn a_named_origin_may_embed_and_the_policy_says_so() {
    let site = fixture("minimal");
    let yaml = fs::read_to_string(site.path().join("site.yaml")).unwrap();
    write(
        site.path(),
        "site.yaml",
        format!("{yaml}embeds: [\"https://www.youtube-nocookie.com\"]\n"),
    );
    let page = fs::read_to_string(site.path().join("content/topic/condition.md")).unwrap();
    write(
        site.path(),
        "content/topic/condition.md",
        format!(
            "{page}\n<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\"></iframe>\n\n<img src=\"https://tracker.example/p.gif\" alt=\"\">\n"
        ),
    );
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let html = fs::read_to_string(site.path().join("public/topic/condition/index.html")).unwrap();
    assert!(
        html.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/x\""),
        "{html}"
    );
    assert!(!html.contains("tracker.example"), "{html}");
    assert!(
        html.contains("frame-src https://www.youtube-nocookie.com;"),
        "{html}"
    );
    assert_eq!(
        live_things(&html, &["https://www.youtube-nocookie.com"]),
        Vec::<String>::new()
    );
}
