//! Escaping text for HTML, for the few places that write HTML outside templates
//! (care cards, code blocks), and [`sanitize`]: what authors' Markdown may carry into
//! a patient's page. Templates escape with Tera's autoescape.

pub(crate) mod sanitize;

/// Escapes `&`, `<`, `>`, `"` and `'`.
pub(crate) fn escape(text: &str) -> String {
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

/// A CSS hex colour as `site.yaml` takes it: `#` and 3 or 6 hex digits.
pub(crate) fn is_hex_colour(text: &str) -> bool {
    let Some(hex) = text.strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
