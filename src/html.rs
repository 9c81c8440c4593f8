//! Escaping text for HTML, for the few places that write HTML outside templates
//! (care cards, code blocks), and telling what authors' Markdown must not carry
//! into a patient's page: links that run code instead of going somewhere, and raw
//! HTML that loads, runs or redirects. Templates escape with Tera's autoescape.

/// Escapes `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a link target runs code or hides content instead of going to a page:
/// `javascript:`, `vbscript:` or `data:` (as browsers read it: case, leading spaces and
/// tabs or line breaks inside the scheme do not matter).
pub fn is_unsafe_url(url: &str) -> bool {
    // The first 11 characters that count, lower-cased, on the stack (this runs for
    // every link of a site); a character that is not ASCII is in no scheme below.
    let mut scheme = [0u8; 11];
    let chars = url
        .trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut len = 0;
    for (slot, c) in scheme.iter_mut().zip(chars) {
        *slot = u8::try_from(c).map_or(0xFF, |b| b.to_ascii_lowercase());
        len += 1;
    }
    let scheme = &scheme[..len];
    [&b"javascript:"[..], b"vbscript:", b"data:"]
        .iter()
        .any(|s| scheme.starts_with(s))
}

/// Whether raw HTML in Markdown loads or runs something, or sends the reader away:
/// `<script>`, `<iframe>`, `<object>`, `<embed>`, `<meta>`, `<base>`, `<form>`,
/// `<link>`, `<style>`, an `on…=` event handler or a `javascript:` address.
pub fn is_active_html(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let tags = [
        "<script", "<iframe", "<object", "<embed", "<meta", "<base", "<form", "<link", "<style",
        "<frame",
    ];
    if tags.iter().any(|t| lower.contains(t)) || is_unsafe_url_in(&lower) {
        return true;
    }
    // An event handler: ` onload=`, ` onerror =`…
    lower.match_indices("on").any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let rest = &lower[i + 2..];
        let name_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
        before.is_some_and(|c| c.is_ascii_whitespace() || c == '/' || c == '"' || c == '\'')
            && name_len > 0
            && rest[name_len..].trim_start().starts_with('=')
    })
}

fn is_unsafe_url_in(lower: &str) -> bool {
    lower.contains("javascript:") || lower.contains("vbscript:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes_are_found_however_written() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "vbscript:x",
            "data:text/html,x",
        ] {
            assert!(is_unsafe_url(url), "{url}");
        }
        for url in [
            "https://www.nhs.uk/",
            "/careleaf/x/",
            "#why",
            "mailto:a@b.org",
            "tel:999",
        ] {
            assert!(!is_unsafe_url(url), "{url}");
        }
    }

    proptest::proptest! {
        /// The check on the stack decides as the first one did, which collected the
        /// scheme into a lower-cased `String`.
        #[test]
        fn the_scheme_check_agrees_with_the_first_one(
            url in proptest::prop_oneof![
                "[ \t\n\r\u{1}\u{7f}jJaAvVsScCrRiIpPtTbBdD:/éÄ\u{130}x]{0,16}",
                // Near misses and hits: the schemes in any case, with white space and
                // control characters before and inside, or a letter changed.
                "[ \t\u{1}]{0,2}(v|V)?[jJ][aA]\t?[vV][aA][sS]\n?[cC][rR][iIı\u{130}][pP][tT][:x]x?",
                "[ \t\u{1}]{0,2}[dD][aAä]\r?[tT][aA][:;]x?",
            ]
        ) {
            let scheme = url
                .trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control())
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .take(11)
                .collect::<String>()
                .to_ascii_lowercase();
            let first = ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|s| scheme.starts_with(s));
            proptest::prop_assert_eq!(is_unsafe_url(&url), first);
        }
    }

    #[test]
    fn active_html_is_told_from_harmless_html() {
        for html in [
            "<script>x</script>",
            "<IFRAME src=x>",
            "<meta http-equiv=\"refresh\" content=\"0;url=x\">",
            "<img src=x onerror=\"alert(1)\">",
            "<a href=\"javascript:x\">",
        ] {
            assert!(is_active_html(html), "{html}");
        }
        for html in [
            "<br>",
            "<abbr title=\"hCG\">hCG</abbr>",
            "<details><summary>More</summary>",
            "<span class=\"note\">",
        ] {
            assert!(!is_active_html(html), "{html}");
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
