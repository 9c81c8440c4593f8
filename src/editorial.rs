//! Editorial figures of a page: its word count, reading grades and review status.
//!
//! `careleaf check` prints them as a table and warns about them; the editors' page
//! `/_editorial/` shows them. Both take them from here, so the two never disagree.
//! Not for deciding what is a problem worth a diagnostic: that is `cmd::check`'s.

use std::path::PathBuf;

use serde::Serialize;

use crate::content::Page;
use crate::dates;
use crate::markdown::Rendered;

/// Reviews due within this many days are "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

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

/// One page's figures, for the editorial table.
#[derive(Debug, Clone, Serialize)]
pub struct PageStatus {
    pub file: PathBuf,
    pub title: String,
    pub words: usize,
    /// Flesch-Kincaid grade, to one decimal.
    pub grade: Option<f64>,
    pub smog: Option<f64>,
    pub review_due: Option<String>,
    pub review: ReviewStatus,
}

/// A page's figures; `today` decides its review status. A review with no `due` date
/// is due a year after it was done.
pub fn page_status(page: &Page, body: &Rendered, today: &str) -> PageStatus {
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let due = page
        .reviewed
        .as_ref()
        .map(|r| r.due.clone().unwrap_or_else(|| dates::next_year(&r.on)));
    PageStatus {
        file: page.source.clone(),
        title: page.title.clone(),
        words: body.word_count,
        grade: body.readability.map(|r| round(r.grade)),
        smog: body.readability.and_then(|r| r.smog).map(round),
        review: ReviewStatus::of(due.as_deref(), today),
        review_due: due,
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
