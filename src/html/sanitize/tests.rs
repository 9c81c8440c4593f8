use super::*;

fn origins() -> Vec<String> {
    vec!["https://www.youtube-nocookie.com".to_string()]
}

#[test]
fn harmless_markup_is_kept_as_written() {
    for html in [
        "<abbr title=\"human chorionic gonadotropin\">hCG</abbr>",
        "<details open=\"\"><summary>More</summary><p>Text</p></details>",
        "<span class=\"note\" lang=\"en\">x</span>",
        "<a href=\"https://www.nhs.uk/\">NHS</a>",
        "<a href=\"tel:999\">999</a>",
        "<img src=\"/img/scan.png\" alt=\"A scan\">",
    ] {
        assert_eq!(clean(html, &[]), html);
        assert_eq!(audit(html, &[]), [], "{html}");
    }
}

#[test]
fn encoded_schemes_are_decoded_before_the_decision() {
    for html in [
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" JaVa\tScRiPt:alert(1)\">x</a>",
        "<a href=\"vbscript:x\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
    ] {
        assert_eq!(clean(html, &[]), "<a>x</a>", "{html}");
        let dropped = audit(html, &[]);
        assert_eq!(dropped.len(), 1, "{html}: {dropped:?}");
        assert!(dropped[0].what.starts_with("<a href="), "{dropped:?}");
    }
}

#[test]
fn loads_from_other_sites_need_their_origin_named() {
    let tracker = "<img src=\"https://tracker.example/p.gif\" alt=\"\">";
    assert_eq!(clean(tracker, &origins()), "<img alt=\"\">");
    assert_eq!(
        audit(tracker, &origins())[0].why,
        "loads from another site that site.yaml's `embeds:` does not name"
    );
    for sneaky in [
        "//tracker.example/p.gif",
        "\\\\tracker.example/p.gif",
        " /\t/tracker.example/p.gif",
        "HTTPS://www.youtube-nocookie.com.evil.example/x",
    ] {
        let html = format!("<img src=\"{sneaky}\" alt=\"\">");
        assert_eq!(clean(&html, &origins()), "<img alt=\"\">", "{sneaky}");
    }
    let video =
        "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\"></iframe>";
    assert_eq!(clean(video, &origins()), video);
    assert_eq!(audit(video, &origins()), []);
    assert_eq!(clean(video, &[]), "<iframe title=\"Video\"></iframe>");
}

#[test]
fn handlers_scripts_and_styles_are_named_at_their_line() {
    let html = "<div\nonclick=\"alert(1)\">x</div>\n<script>alert(1)</script><style>p{}</style>";
    assert_eq!(clean(html, &[]), "<div>x</div>\n");
    let dropped = audit(html, &[]);
    let named: Vec<(usize, &str)> = dropped.iter().map(|d| (d.line, d.what.as_str())).collect();
    assert_eq!(
        named,
        [(2, "<div onclick>"), (3, "<script>"), (3, "<style>")]
    );
    assert_eq!(dropped[0].why, "runs code");
}

#[test]
fn schemes_are_read_as_browsers_read_them() {
    assert_eq!(scheme_of("HTTPS://x"), Some("https".to_string()));
    assert_eq!(scheme_of("/a:b"), None);
    assert_eq!(scheme_of("a b:c"), None);
    assert!(is_allowed_link("\u{1} mailto:a@b.org"));
    assert!(is_allowed_link("../x#y:z"));
    assert!(!is_allowed_link("java\nscript:x"));
    assert!(!is_allowed_link("\u{0}javascript:x"));
    assert!(!is_allowed_link("file:///etc/passwd"));
}
