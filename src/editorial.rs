//! Editorial figures of a page: its word count, reading grades and review status.
//!
//! `careleaf check` prints them as a table and warns about them; the editors' page
//! `/_editorial/` shows them. Both take them from here, so the two never disagree.
//! What is a problem worth a diagnostic is decided by [`lints`], for `careleaf check`.

pub(crate) mod lints;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::content::Page;
use crate::dates;
use crate::markdown::Rendered;
use crate::readability::Measure;

/// Reviews due within this many days are "due soon".
pub(crate) const DUE_SOON_DAYS: i64 = 30;

/// Where a page's review stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Ok,
    DueSoon,
    Overdue,
    /// The page has no review date.
    None,
}

impl ReviewStatus {
    /// The id templates and `check --format json` use: `ok`, `due_soon`, `overdue`,
    /// `none`.
    pub fn id(self) -> &'static str {
        match self {
            ReviewStatus::Ok => "ok",
            ReviewStatus::DueSoon => "due_soon",
            ReviewStatus::Overdue => "overdue",
            ReviewStatus::None => "none",
        }
    }

    /// The status of a review due on `due` (`YYYY-MM-DD`), as of `today`.
    pub fn of(due: Option<&str>, today: &str) -> ReviewStatus {
        match due.and_then(dates::to_days) {
            None => ReviewStatus::None,
            Some(due) => match dates::to_days(today) {
                Some(now) if due < now => ReviewStatus::Overdue,
                Some(now) if due <= now + DUE_SOON_DAYS => ReviewStatus::DueSoon,
                _ => ReviewStatus::Ok,
            },
        }
    }
}

/// Where a translation's own review stands against its original's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TranslationStatus {
    /// Reviewed on or after its original's last review.
    Current,
    /// Reviewed before its original last changed: it may say something the original
    /// no longer does.
    OutOfDate,
    /// Its original is reviewed, it is not: a translation is not reviewed because its
    /// original is.
    NotReviewed,
}

impl TranslationStatus {
    /// The id templates and `check --format json` use.
    pub fn id(self) -> &'static str {
        match self {
            TranslationStatus::Current => "current",
            TranslationStatus::OutOfDate => "out_of_date",
            TranslationStatus::NotReviewed => "not_reviewed",
        }
    }

    /// The status of `translation` against `original` (its default-language page).
    pub fn of(translation: &Page, original: &Page) -> Option<TranslationStatus> {
        let original_on = original.reviewed.as_ref().map(|r| r.on.as_str())?;
        Some(match translation.reviewed.as_ref().map(|r| r.on.as_str()) {
            None => TranslationStatus::NotReviewed,
            // `YYYY-MM-DD` sorts as the dates do.
            Some(on) if on < original_on => TranslationStatus::OutOfDate,
            Some(_) => TranslationStatus::Current,
        })
    }
}

/// Each page in the default language `lang` by its translation key: the originals
/// translations are measured against.
pub(crate) fn originals<'p>(pages: &'p [Page], lang: &str) -> HashMap<&'p str, &'p Page> {
    pages
        .iter()
        .filter(|p| p.lang == lang)
        .map(|p| (p.translation_key(), p))
        .collect()
}

/// One page's figures, for the editorial table.
#[derive(Debug, Clone, Serialize)]
pub struct PageStatus {
    pub file: PathBuf,
    pub title: String,
    pub lang: String,
    /// Words; for Chinese and Japanese, characters.
    pub words: usize,
    /// Flesch-Kincaid grade, to one decimal (English pages only).
    pub grade: Option<f64>,
    pub smog: Option<f64>,
    /// Average sentence length in characters, to one decimal (Chinese and Japanese).
    pub sentence_characters: Option<f64>,
    pub review_due: Option<String>,
    pub review: ReviewStatus,
    /// For a translation: its review against its original's.
    pub translation: Option<TranslationStatus>,
    /// For a translation: when its original was last reviewed.
    pub original_reviewed: Option<String>,
}

/// A page's figures; `today` decides its review status. A review with no `due` date
/// is due a year after it was done. `original` is the page a translation translates.
pub(crate) fn page_status(
    page: &Page,
    body: &Rendered,
    today: &str,
    original: Option<&Page>,
) -> PageStatus {
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let due = page
        .reviewed
        .as_ref()
        .map(|r| r.due.clone().unwrap_or_else(|| dates::next_year(&r.on)));
    let measure = Measure::for_language(&page.lang);
    let readability = body.readability;
    let original = original.filter(|o| o.lang != page.lang);
    PageStatus {
        file: page.source.clone(),
        title: page.title.clone(),
        lang: page.lang.clone(),
        // Chinese and Japanese count characters where English counts words.
        words: match (measure, readability) {
            (Measure::SentenceCharacters, Some(r)) => r.characters,
            _ => body.word_count,
        },
        grade: readability
            .filter(|_| measure == Measure::Grade)
            .map(|r| round(r.grade)),
        smog: readability
            .filter(|_| measure == Measure::Grade)
            .and_then(|r| r.smog)
            .map(round),
        sentence_characters: readability
            .filter(|r| measure == Measure::SentenceCharacters && r.characters > 0)
            .map(|r| round(r.characters_per_sentence())),
        review: ReviewStatus::of(due.as_deref(), today),
        review_due: due,
        translation: original.and_then(|o| TranslationStatus::of(page, o)),
        original_reviewed: original.and_then(|o| o.reviewed.as_ref().map(|r| r.on.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_status_by_date() {
        let today = "2026-11-30";
        assert_eq!(ReviewStatus::of(None, today), ReviewStatus::None);
        assert_eq!(
            ReviewStatus::of(Some("2026-11-29"), today),
            ReviewStatus::Overdue
        );
        assert_eq!(
            ReviewStatus::of(Some("2026-11-30"), today),
            ReviewStatus::DueSoon
        );
        assert_eq!(
            ReviewStatus::of(Some("2026-12-30"), today),
            ReviewStatus::DueSoon
        );
        assert_eq!(
            ReviewStatus::of(Some("2026-12-31"), today),
            ReviewStatus::Ok
        );
    }

    #[test]
    fn review_status_serialises_as_its_id() {
        for status in [
            ReviewStatus::Ok,
            ReviewStatus::DueSoon,
            ReviewStatus::Overdue,
            ReviewStatus::None,
        ] {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.id()));
        }
    }
}
