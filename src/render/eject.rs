//! A site's copy of a built-in template, and whether the built-in one has changed
//! since: `careleaf theme eject NAME` writes the copy with a first line that records
//! the careleaf version and the built-in template's fingerprint, and a build warns when
//! that fingerprint is no longer the built-in's (the copy misses a fix).

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::render::builtin::DEFAULT_THEME;

/// What starts the first line of an ejected template.
const MARKER: &str = "{# ejected by careleaf ";

/// The built-in theme's template `name` (`page.html`), if there is one.
pub fn builtin(name: &str) -> Option<&'static str> {
    let path = format!("templates/{name}");
    DEFAULT_THEME
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// The names of the built-in templates, for help and errors.
pub(crate) fn names() -> Vec<&'static str> {
    DEFAULT_THEME
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("templates/"))
        .collect()
}

/// A short fingerprint of a template's text.
fn fingerprint(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The text `eject` writes for the built-in template `name`: its marker line, then the
/// template as it is.
pub(crate) fn ejected(name: &str) -> Option<String> {
    let text = builtin(name)?;
    Some(format!(
        "{MARKER}{} from the default theme's {name} ({}); keep this line: a build says when the built-in template changes #}}\n{text}",
        env!("CARGO_PKG_VERSION"),
        fingerprint(text)
    ))
}

/// Warns, at the marker line, about each of the site's templates (`(name, file,
/// text)`) ejected from a built-in template that has changed since.
pub(crate) fn check_stale<'a>(
    overrides: impl IntoIterator<Item = (&'a str, &'a std::path::Path, &'a str)>,
    diagnostics: &mut Diagnostics,
) {
    for (name, file, text) in overrides {
        let Some(first) = text.lines().next().filter(|l| l.starts_with(MARKER)) else {
            continue;
        };
        let (Some(current), Some(recorded)) = (builtin(name), recorded_fingerprint(first)) else {
            continue;
        };
        if fingerprint(current) == recorded {
            continue;
        }
        let version = first[MARKER.len()..]
            .split_whitespace()
            .next()
            .unwrap_or("?");
        diagnostics.push(
            Diagnostic::warning(
                file,
                format!("the built-in `{name}` has changed since this copy was ejected (careleaf {version}): the site does not get its fixes"),
            )
            .at(Location::in_text(text, 1, 1, first.len()))
            .with_help(format!(
                "compare with the current one (`careleaf theme eject {name} --stdout`), bring your changes into it and keep its first line; or delete this file to use the built-in one"
            )),
        );
    }
}

/// The fingerprint in a marker line: the hex in the last brackets.
fn recorded_fingerprint(line: &str) -> Option<&str> {
    let open = line.rfind('(')?;
    let close = line[open..].find(')')? + open;
    Some(&line[open + 1..close])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_copy_is_current_and_a_changed_built_in_is_said() {
        let copy = ejected("page.html").unwrap();
        let file = std::path::Path::new("templates/page.html");
        let mut diagnostics = Diagnostics::default();
        check_stale([("page.html", file, copy.as_str())], &mut diagnostics);
        assert!(diagnostics.into_sorted().is_empty());
        // As if ejected from an older careleaf, whose page.html was different.
        let old = copy.replacen(
            &fingerprint(builtin("page.html").unwrap()),
            "0123456789abcdef",
            1,
        );
        let mut diagnostics = Diagnostics::default();
        check_stale([("page.html", file, old.as_str())], &mut diagnostics);
        let said = diagnostics.into_sorted();
        assert_eq!(said.len(), 1);
        assert!(
            said[0]
                .message
                .starts_with("the built-in `page.html` has changed"),
            "{}",
            said[0].message
        );
        assert_eq!(said[0].location.as_ref().unwrap().line, 1);
        assert!(ejected("nope.html").is_none());
    }
}
