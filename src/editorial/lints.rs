//! What `careleaf check` adds to a build's checks, for an editorial lead: reviews
//! overdue or due within 30 days, reading measures above the site's target,
//! translations out of date or not reviewed, sources that are not https, phone numbers
//! typed into front-matter, care actions not translated, and the body's findings
//! from its one render pass ([`Rendered::lints`]: images without alt text, `http://`
//! links, raw HTML, phone numbers typed into a body).

use crate::config::Config;
use crate::content::Page;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::editorial::{
    DUE_SOON_DAYS, PageStatus, ReviewStatus, TranslationStatus, originals, page_status,
};
use crate::markdown::Rendered;
use crate::markdown::render::typed_number;
use crate::phone;

/// Every lint of a loaded site, into `diagnostics`; returns each page's status (in
/// page order) as of `today` (`YYYY-MM-DD`).
pub(crate) fn lint(
    config: &Config,
    pages: &[Page],
    bodies: &[Rendered],
    today: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<PageStatus> {
    let target = config.reading_grade;
    let numbers = config.dialled_numbers();
    check_care_translations(config, diagnostics);
    crate::content::translations::check_missing(pages, &config.languages, diagnostics);
    let originals = originals(pages, &config.language);
    let mut statuses = Vec::with_capacity(pages.len());
    for (page, body) in pages.iter().zip(bodies) {
        let original = originals.get(page.translation_key()).copied();
        let status = page_status(page, body, today, original);
        check_reading(page, &status, target, diagnostics);
        check_sentences(page, &status, config.sentence_characters, diagnostics);
        check_translation(page, &status, diagnostics);
        check_review(page, &status, today, diagnostics);
        diagnostics.extend(body.lints.iter().cloned());
        check_sources(page, diagnostics);
        check_numbers(page, &numbers, diagnostics);
        statuses.push(status);
    }
    statuses
}

/// A Chinese or Japanese page whose sentences are longer, on average, than the
/// site's target (`sentence_characters`).
fn check_sentences(page: &Page, status: &PageStatus, target: f64, diagnostics: &mut Diagnostics) {
    let Some(length) = status.sentence_characters.filter(|n| *n > target) else {
        return;
    };
    // Very short pages give unstable figures (as with English grades).
    if status.words < 60 {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(&page.source, format!("sentences are {length:.1} characters long on average, above the site's target of {target}"))
            .with_help("split long sentences (one idea each) and use everyday words; explain a medical word the first time it is used"),
    );
}

/// A translation that is not reviewed in its own right, or was reviewed before its
/// original last changed.
fn check_translation(page: &Page, status: &PageStatus, diagnostics: &mut Diagnostics) {
    let original = status.original_reviewed.as_deref().unwrap_or("-");
    let diagnostic = match status.translation {
        Some(TranslationStatus::OutOfDate) => Diagnostic::warning(
            &page.source,
            format!(
                "this translation is out of date: it was reviewed on {}, before its original changed on {original}",
                page.reviewed.as_ref().map_or("-", |r| r.on.as_str())
            ),
        )
        .with_help("bring the translation up to date with the original, have it reviewed, then update its `reviewed: on:`"),
        Some(TranslationStatus::NotReviewed) => Diagnostic::warning(
            &page.source,
            format!("this translation has no review of its own (its original was reviewed on {original})"),
        )
        .with_help("a translation is not reviewed because its original is: have a clinician who reads the language review it, then add `reviewed: { by: \"Name, role\", on: YYYY-MM-DD }`"),
        _ => return,
    };
    // At `reviewed:`, or at the title where there is none.
    let at = page
        .reviewed
        .as_ref()
        .and_then(|r| r.on_at)
        .or(page.title_at)
        .map(|s| s.locate(&page.text));
    diagnostics.push(match at {
        Some(at) => diagnostic.at(at),
        None => diagnostic,
    });
}

/// A language whose pages would show the care actions in the default language,
/// because `site.yaml` does not translate them.
fn check_care_translations(config: &Config, diagnostics: &mut Diagnostics) {
    for lang in &config.languages[1..] {
        let untranslated: Vec<&str> = config
            .care_levels
            .iter()
            .zip(config.care_levels_in(lang))
            .filter(|(original, own)| original.action == own.action)
            .map(|(original, _)| original.level.id())
            .collect();
        if untranslated.is_empty() {
            continue;
        }
        let line = config.language_at.get(lang).cloned();
        let diagnostic = Diagnostic::warning(
            crate::config::CONFIG_FILE,
            format!(
                "pages in `{lang}` show what to do in `{}`: {} {} not translated",
                config.language,
                untranslated.join(", "),
                if untranslated.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_help(format!(
            "add each level's action in `{lang}` under `translations: {lang}: care_levels:`, like `emergency: {{ action: \"…\" }}` (the number to call stays the one above unless you give another)"
        ));
        diagnostics.push(match line {
            Some(at) => diagnostic.at(at),
            None => diagnostic,
        });
    }
}

/// A reading grade above the site's target.
fn check_reading(page: &Page, status: &PageStatus, target: f64, diagnostics: &mut Diagnostics) {
    let Some(grade) = status.grade.filter(|g| *g > target) else {
        return;
    };
    // Very short pages (a home page of three lines) give unstable grades.
    if status.words < 20 {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(&page.source, format!("the reading grade is {grade:.1} (Flesch-Kincaid), above the site's target of {target}"))
            .with_help("use shorter sentences and everyday words; explain a medical word the first time it is used"),
    )
}

/// A review overdue (an error) or due soon (a warning).
fn check_review(page: &Page, status: &PageStatus, today: &str, diagnostics: &mut Diagnostics) {
    let Some(due) = status.review_due.as_deref() else {
        return;
    };
    let at = page
        .reviewed
        .as_ref()
        .and_then(|r| r.due_at.or(r.on_at))
        .map(|s| s.locate(&page.text));
    let diagnostic = match status.review {
        ReviewStatus::Overdue => Diagnostic::error(
            &page.source,
            format!("the review was due on {due} (today is {today})"),
        )
        .with_help("have a clinician review the page, then update `reviewed: on:` and `due:`"),
        ReviewStatus::DueSoon => Diagnostic::warning(
            &page.source,
            format!("the review is due on {due}, within {DUE_SOON_DAYS} days"),
        )
        .with_help("plan the review with a clinician"),
        ReviewStatus::Ok | ReviewStatus::None => return,
    };
    diagnostics.push(match at {
        Some(at) => diagnostic.at(at),
        None => diagnostic,
    });
}

/// Sources that are not https (the body's own findings come from its rendering:
/// [`crate::markdown::Rendered::lints`]).
fn check_sources(page: &Page, problems: &mut Diagnostics) {
    for source in page.sources.iter().filter(|s| s.url.starts_with("http://")) {
        let at = source.url_at.map_or_else(
            || Location::in_text(&page.text, 1, 1, 3),
            |s| s.locate(&page.text),
        );
        problems.push(crate::markdown::render::insecure(page, &source.url, at));
    }
}

/// Phone numbers typed into a page's front-matter values that are not one of the
/// numbers `site.yaml` gives its care levels: a clinic that changes its numbers would
/// still ship these (the body's are found as it renders: [`Rendered::lints`]).
///
/// [`Rendered::lints`]: crate::markdown::Rendered::lints
fn check_numbers(page: &Page, site_numbers: &[&str], problems: &mut Diagnostics) {
    let mut offset = 0;
    for line in page
        .text
        .get(..page.body_start)
        .unwrap_or_default()
        .split_inclusive('\n')
    {
        if !line.trim_start().starts_with('#') {
            for range in phone::typed_numbers(line, site_numbers) {
                let at = Location::at_offset(&page.text, offset + range.start, range.len());
                problems.push(typed_number(page, &line[range], at));
            }
        }
        offset += line.len();
    }
}
