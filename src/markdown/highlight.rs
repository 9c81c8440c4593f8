//! Fenced code, highlighted by syntect into CSS classes (`hl-…`) that themes style.
//!
//! Loading syntect's syntax definitions takes milliseconds, so it happens once, and only
//! when a page actually has a fenced block with a language.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The most code highlighted in one block, and the longest line: syntect's regexes
/// take seconds on megabytes, and longer on one very long line.
pub(crate) const MAX_BYTES: usize = 64 * 1024;
pub(crate) const MAX_LINE: usize = 2_000;

/// Whether `code` is small enough to highlight (else it is shown plain).
pub(crate) fn within_budget(code: &str) -> bool {
    code.len() <= MAX_BYTES && code.lines().all(|l| l.len() <= MAX_LINE)
}

/// The `<pre><code>` block for `code` in language `lang` (may be empty).
pub(crate) fn code_block(lang: &str, code: &str) -> String {
    let lang = lang.split_whitespace().next().unwrap_or("");
    let highlighted = (!lang.is_empty()).then(|| highlight(lang, code)).flatten();
    let body = highlighted.unwrap_or_else(|| crate::html::escape(code));
    if lang.is_empty() {
        format!("<pre><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\"><code class=\"language-{}\">{body}</code></pre>\n",
            crate::html::escape(lang)
        )
    }
}

fn highlight(lang: &str, code: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let html = code_block("nosuchlang", "<b>\n");
        assert!(html.contains("&lt;b&gt;"));
    }
}
