//! Calendar dates as `YYYY-MM-DD` strings: today, and days between dates. No time
//! zones: review dates are days.

use std::time::{SystemTime, UNIX_EPOCH};

/// Today (UTC) as `YYYY-MM-DD`, or the day of `SOURCE_DATE_EPOCH` when it is set (the
/// reproducible-builds convention): then a build is the same on any day.
pub(crate) fn today() -> String {
    let pinned = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let seconds = pinned.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    format_days((seconds / 86_400) as i64)
}

/// `YYYY-MM-DD` → days since 1970-01-01 (for a date already checked as valid).
pub(crate) fn to_days(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(str::parse::<i64>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Days since 1970-01-01 → `YYYY-MM-DD`.
pub(crate) fn format_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), in the proleptic Gregorian calendar.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The same day a year later (28 February for 29 February).
pub(crate) fn next_year(date: &str) -> String {
    let (y, rest) = date.split_once('-').unwrap_or((date, "01-01"));
    let y: i64 = y.parse().unwrap_or(1970);
    let rest = if rest == "02-29" { "02-28" } else { rest };
    format!("{:04}-{rest}", y + 1)
}

/// `2026-11-01` as people read it in `lang`: `1 November 2026`, `2026年11月1日`.
/// A small table rather than ICU data: the site's languages are few, and a date is
/// the only thing careleaf writes in words (a language not in the table gets the
/// English form, as its interface strings fall back to English).
pub(crate) fn for_people(date: &str, lang: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_string();
    };
    let (Ok(month), Ok(day)) = (m.parse::<usize>(), d.parse::<u32>()) else {
        return date.to_string();
    };
    // Arabic's names of the months of the Gregorian calendar, as used in Egypt and the
    // Gulf (the Levant names them differently: a site for it can override the date).
    const ARABIC: [&str; 12] = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    let named = |names: &[&str; 12]| match names.get(month.wrapping_sub(1)) {
        Some(name) => format!("{day} {name} {y}"),
        None => date.to_string(),
    };
    match lang.split('-').next().unwrap_or(lang) {
        "zh" | "ja" => format!("{y}年{month}月{day}日"),
        "en" => named(&MONTHS),
        "ar" => named(&ARABIC),
        // A language whose month names careleaf does not know: the date as numbers,
        // which every reader can read, rather than English words.
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_for_people_follow_the_language() {
        assert_eq!(for_people("2026-11-01", "en"), "1 November 2026");
        assert_eq!(for_people("2026-11-01", "zh"), "2026年11月1日");
        assert_eq!(for_people("2026-11-01", "zh-Hans"), "2026年11月1日");
        assert_eq!(for_people("2026-11-01", "ar"), "1 نوفمبر 2026");
        assert_eq!(
            for_people("2026-11-01", "fr"),
            "2026-11-01",
            "no English month names in French"
        );
    }

    #[test]
    fn days_and_dates_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_787), (2026, 11, 30));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        for date in ["1970-01-01", "2000-02-29", "2026-11-30", "2027-03-01"] {
            assert_eq!(format_days(to_days(date).unwrap()), date);
        }
        assert_eq!(next_year("2028-02-29"), "2029-02-28");
    }
}
