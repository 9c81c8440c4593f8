//! What translations say about each other: a "translation" that is its original's
//! text unchanged (copied in to get past a check) and, for `check`, each page a
//! language has no version of.

use std::collections::{BTreeMap, HashMap};

use crate::content::Page;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// A warning for each translation whose body is byte for byte its original's: the
/// patient reading that language would get the other language, marked as theirs.
pub(crate) fn check_identical(pages: &[Page], language: &str, diagnostics: &mut Diagnostics) {
    let originals: HashMap<&str, &Page> = pages
        .iter()
        .filter(|p| p.lang == language)
        .map(|p| (p.translation_key(), p))
        .collect();
    for page in pages.iter().filter(|p| p.lang != language) {
        let Some(original) = originals.get(page.translation_key()) else {
            continue;
        };
        if page.body().trim().is_empty() || page.body().trim() != original.body().trim() {
            continue;
        }
        let warning = Diagnostic::warning(
            &page.source,
            format!(
                "this translation's text is its original's ({}) unchanged",
                original.source.display()
            ),
        )
        .with_help(format!(
            "translate the text into `{}`, or delete this file until it is translated: the page is then listed in its own language, marked as not translated",
            page.lang
        ));
        // At the body's first line of text.
        let first = page
            .text
            .lines()
            .enumerate()
            .skip(page.body_line.saturating_sub(1))
            .find(|(_, l)| !l.trim().is_empty());
        diagnostics.push(match first {
            Some((i, text)) => warning.at(Location::in_text(
                &page.text,
                i + 1,
                1,
                text.chars().count(),
            )),
            None => warning,
        });
    }
}

/// For `check`: a warning for each page (not a draft) with no version in one of the
/// site's other languages, at its title, naming them.
pub(crate) fn check_missing(pages: &[Page], languages: &[String], diagnostics: &mut Diagnostics) {
    let Some((language, others)) = languages.split_first() else {
        return;
    };
    if others.is_empty() {
        return;
    }
    let mut versions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for page in pages {
        versions
            .entry(page.translation_key())
            .or_default()
            .push(&page.lang);
    }
    for page in pages.iter().filter(|p| p.lang == *language && !p.draft) {
        let have = &versions[page.translation_key()];
        let missing: Vec<&str> = others
            .iter()
            .map(String::as_str)
            .filter(|l| !have.contains(l))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let files: Vec<String> = missing
            .iter()
            .map(|l| {
                let stem = page
                    .content_path
                    .strip_suffix(".md")
                    .unwrap_or(&page.content_path);
                format!("`content/{stem}.{l}.md`")
            })
            .collect();
        let warning = Diagnostic::warning(
            &page.source,
            format!("this page has no translation into {}", missing.join(", ")),
        )
        .with_help(format!(
            "readers of {} see it in `{language}`, marked as not translated; to translate it, add {}",
            missing.join(", "),
            files.join(" and ")
        ));
        diagnostics.push(match page.title_at.map(|s| s.locate(&page.text)) {
            Some(at) => warning.at(at),
            None => warning,
        });
    }
}
