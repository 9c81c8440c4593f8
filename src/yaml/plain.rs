//! The YAML reader's messages in an author's words, at the line where the author's
//! mistake is (not where the reader noticed it): an unclosed quote is shown where the
//! quote opens, a tab where the tab is. Each comes with the fix, written from the
//! author's own line where that helps (`summary: "Note: the loss…"`).

/// A mistake explained: the message, the help, and the (1-based) line and column of
/// the YAML text where the mistake is, when that is not where the reader stopped.
pub(super) struct Plain {
    pub message: String,
    pub help: String,
    pub at: Option<(usize, usize)>,
}

/// Explains the reader's `message` about `yaml` (the front-matter or `site.yaml`
/// text), which it noticed on `line` (1-based, of `yaml`). `None` for a message this
/// does not know.
pub(super) fn explain(message: &str, yaml: &str, line: usize) -> Option<Plain> {
    let lower = message.to_ascii_lowercase();
    let line_text = yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
    if lower.contains("quoted scalar") || lower.contains("unclosed quote") {
        let at = unclosed_quote(yaml, line);
        let opening = at.map_or(line_text, |(l, _)| yaml.lines().nth(l - 1).unwrap_or(""));
        let fixed = format!("{}\"", opening.trim_end());
        return Some(Plain {
            message: "a quote `\"` opens here and is never closed".to_string(),
            help: format!(
                "close it at the end of the text: `{}`, or remove the quote",
                fixed.trim()
            ),
            at,
        });
    }
    // The reader may notice a tab at the end of the line before it, or as a key it
    // did not expect: a tab in the indentation of the line it stopped on or the next
    // is the mistake, whatever it said.
    let near_tab = [line, line + 1]
        .into_iter()
        .find_map(|l| indent_tab(yaml.lines().nth(l.saturating_sub(1))?).map(|c| (l, c)));
    if lower.contains("tab") || near_tab.is_some() {
        let at = near_tab.or_else(|| tab(yaml, line));
        return Some(Plain {
            message: "this line is indented with a tab".to_string(),
            help: "YAML needs spaces: replace the tab with two spaces (most editors can be set to insert spaces for the Tab key)".to_string(),
            at,
        });
    }
    if lower.contains("mapping values are not allowed") {
        let (key, value) = line_text.split_once(": ").unwrap_or(("summary", line_text));
        return Some(Plain {
            message: "a colon followed by a space inside text".to_string(),
            help: format!(
                "put the text in quotes, so the colon is part of it: `{}: \"{}\"`",
                key.trim(),
                value.trim().replace('"', "'")
            ),
            at: None,
        });
    }
    if lower.contains("simple key")
        || lower.contains("expected ':'")
        || lower.contains("could not find expected")
    {
        let fix = match line_text.split_once(':') {
            Some((key, value)) if !value.starts_with(' ') && !value.is_empty() => {
                format!(
                    "put a space after the colon: `{}: {}`",
                    key.trim(),
                    value.trim()
                )
            }
            _ => "write each line as `key: value`, with a space after the colon".to_string(),
        };
        return Some(Plain {
            message: "a `key: value` line is not complete".to_string(),
            help: fix,
            at: None,
        });
    }
    if lower.contains("bom") {
        return Some(Plain {
            message: "there is an invisible character (a byte-order mark) inside this line".to_string(),
            help: "delete the start of the value and type it again, or save the file as \"UTF-8\" (not \"UTF-8 with BOM\")".to_string(),
            at: None,
        });
    }
    value_type(&lower, line_text)
}

/// A value of the wrong kind: empty, not a number, a list for one word, or more than
/// one YAML document.
fn value_type(lower: &str, line_text: &str) -> Option<Plain> {
    let key = line_text
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches("- ");
    if lower.contains("null") && (lower.contains("string") || lower.contains("str")) {
        return Some(Plain {
            message: format!("`{key}` is empty"),
            help: format!("write its value after `{key}:` on the same line"),
            at: None,
        });
    }
    if ["i64", "u64", "i32", "u32", "integer"]
        .iter()
        .any(|t| lower.contains(t))
    {
        return Some(Plain {
            message: format!("`{key}` must be a whole number"),
            help: format!("write it without a decimal point or words, like `{key}: 2`"),
            at: None,
        });
    }
    if lower.contains("f64") || lower.contains("float") {
        return Some(Plain {
            message: format!("`{key}` must be a number"),
            help: format!("write a number, like `{key}: 8`"),
            at: None,
        });
    }
    if lower.contains("enum") {
        return Some(Plain {
            message: "one word is expected here, not a list".to_string(),
            help: "write the value on the same line, like `urgency: urgent`, without `[` or `- `"
                .to_string(),
            at: None,
        });
    }
    if lower.contains("multiple documents") || lower.contains("from_str_multiple") {
        return Some(Plain {
            message: "a second `---` inside the front-matter".to_string(),
            help: "the front-matter is everything between the first two `---` lines: remove the extra one".to_string(),
            at: None,
        });
    }
    None
}

/// The line and column where a double quote opens that no later quote on its line
/// closes, at or before `line`.
fn unclosed_quote(yaml: &str, line: usize) -> Option<(usize, usize)> {
    for (i, text) in yaml.lines().enumerate().take(line.max(1)) {
        let mut open: Option<usize> = None;
        let mut escaped = false;
        for (col, c) in text.chars().enumerate() {
            match c {
                '\\' if open.is_some() => escaped = !escaped,
                '"' if !escaped => open = if open.is_some() { None } else { Some(col) },
                _ => escaped = false,
            }
        }
        if let Some(col) = open {
            return Some((i + 1, col + 1));
        }
    }
    None
}

/// The first tab in a line's indentation, at or before `line`.
fn tab(yaml: &str, line: usize) -> Option<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .take(line.max(1))
        .find_map(|(i, text)| indent_tab(text).map(|col| (i + 1, col)))
}

/// The (1-based) column of a tab in `text`'s indentation, if it has one.
fn indent_tab(text: &str) -> Option<usize> {
    text.chars()
        .take_while(|c| c.is_whitespace())
        .position(|c| c == '\t')
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_shown_where_it_opens() {
        let yaml = "title: \"Miscarriage\nsummary: x\nreviewed: { by: \"A\" }\n";
        let plain = explain(
            "invalid trailing content after double-quoted scalar",
            yaml,
            3,
        )
        .unwrap();
        assert_eq!(plain.at, Some((1, 8)));
        assert!(
            plain.help.contains("`title: \"Miscarriage\"`"),
            "{}",
            plain.help
        );
    }

    #[test]
    fn a_colon_in_text_gets_quotes_in_its_fix() {
        let yaml = "title: A\nsummary: Note: the loss\n";
        let plain = explain("mapping values are not allowed in this context", yaml, 2).unwrap();
        assert_eq!(
            plain.help,
            "put the text in quotes, so the colon is part of it: `summary: \"Note: the loss\"`"
        );
    }
}
