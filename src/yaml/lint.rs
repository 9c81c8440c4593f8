//! What YAML reads without complaint but an author did not mean, found in the text:
//! a value lost to a comment (`primary: #5c2d91` is `primary:` and the comment
//! `#5c2d91`), and two list items run together (`   - Severe pain` one space too
//! far in is more of the item above, not an item of its own).

use crate::diagnostics::{Diagnostic, Location};
use crate::yaml::YamlSource;

/// The lints of `source`: an error for each value lost to a comment, a warning for
/// each list item that swallowed the next line.
pub(crate) fn lint(source: &YamlSource<'_>) -> Vec<Diagnostic> {
    let lines: Vec<&str> = source.text.lines().collect();
    let mut found = Vec::new();
    let at = |i: usize, column: usize, length: usize| {
        Location::in_text(source.file_text, source.first_line + i, column, length)
    };
    // The indentation of the `-` of a list item whose plain text may go on to the
    // lines below it, and the line it is on.
    let mut open_item: Option<(usize, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some((dash, item_line)) = open_item {
            if indent > dash && content.starts_with("- ") {
                let item = lines[item_line]
                    .trim_start()
                    .trim_start_matches("- ")
                    .trim();
                found.push(
                    Diagnostic::warning(
                        source.file,
                        "this line is read as more of the list item above it, not as an item of its own",
                    )
                    .at(at(i, indent + 1, content.chars().count()))
                    .with_help(format!(
                        "line the `-` up with the one above ({} spaces in), so that \"{}\" and \"{}\" are two items",
                        dash,
                        item,
                        content.trim_start_matches("- ").trim()
                    )),
                );
                continue;
            }
            if indent > dash {
                continue;
            }
            open_item = None;
        }
        if let Some(value) = content.strip_prefix("- ")
            && is_plain(value.trim())
            && !value.contains(": ")
        {
            open_item = Some((indent, i));
        }
        found.extend(comment_for_value(source, &lines, i, indent, content));
    }
    found
}

/// Plain text: not quoted, not a flow list or mapping, not a block scalar.
fn is_plain(value: &str) -> bool {
    !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!'])
}

/// `key: #…` where nothing below gives `key` a value: YAML read the value as a
/// comment, and the key as empty.
fn comment_for_value(
    source: &YamlSource<'_>,
    lines: &[&str],
    i: usize,
    indent: usize,
    content: &str,
) -> Option<Diagnostic> {
    let content_start = if content.starts_with("- ") { 2 } else { 0 };
    let entry = &content[content_start..];
    let (key, rest) = entry.split_once(':')?;
    let key = key.trim();
    if key.is_empty() || key.contains([' ', '"', '\'', '{', '[']) {
        return None;
    }
    let spaces = rest.len() - rest.trim_start().len();
    let value = rest.trim_start();
    if spaces == 0 || !value.starts_with('#') {
        return None;
    }
    // A block below (more indented, or a list at the key's own indentation) is the
    // value, and the comment only a comment.
    let below = lines[i + 1..]
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    if let Some(next) = below {
        let next_indent = next.len() - next.trim_start().len();
        if next_indent > indent || (next_indent == indent && next.trim_start().starts_with("- ")) {
            return None;
        }
    }
    let comment = value.trim_end();
    let quoted = format!("{key}: \"{comment}\"");
    let help = if crate::html::is_hex_colour(comment) {
        format!("a colour must be quoted, like `{quoted}`")
    } else {
        format!(
            "if `{comment}` is the value, quote it: `{quoted}`; if it is a comment, give `{key}` a value or delete the line"
        )
    };
    let column = indent + content_start + key.len() + 1 + spaces + 1;
    let at = Location::in_text(
        source.file_text,
        source.first_line + i,
        column,
        comment.chars().count(),
    );
    Some(
        Diagnostic::error(
            source.file,
            format!("`{key}` is empty: YAML reads ` #` and what follows as a comment"),
        )
        .at(at)
        .with_help(help),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lint_of(text: &str) -> Vec<Diagnostic> {
        lint(&YamlSource {
            file: Path::new("site.yaml"),
            text,
            file_text: text,
            first_line: 1,
        })
    }

    #[test]
    fn a_colour_read_as_a_comment_is_an_error_at_its_line() {
        let found = lint_of("title: X\nbrand:\n  colors:\n    primary: #5c2d91\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert_eq!(
            found[0].message,
            "`primary` is empty: YAML reads ` #` and what follows as a comment"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("a colour must be quoted, like `primary: \"#5c2d91\"`")
        );
    }

    #[test]
    fn a_comment_above_a_block_is_only_a_comment() {
        assert!(lint_of("brand: # our brand\n  name: X\nred_flags: # signs\n- One\n").is_empty());
        assert!(lint_of("title: \"#1 cause\"\nsummary: x # y\n").is_empty());
    }

    #[test]
    fn a_list_item_one_space_too_far_in_is_a_warning() {
        let found = lint_of("red_flags:\n  - Heavy bleeding\n   - Severe pain\n  - Fainting\n");
        assert_eq!(found.len(), 1);
        assert!(!found[0].is_error());
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap()
                .contains("\"Heavy bleeding\" and \"Severe pain\"")
        );
        assert!(lint_of("red_flags:\n  - Heavy bleeding\n  - Severe pain\n").is_empty());
        assert!(
            lint_of("red_flags:\n  - \"Heavy\n    - not an item\"\n").is_empty(),
            "inside quotes"
        );
    }
}
