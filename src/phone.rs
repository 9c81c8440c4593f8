//! Phone numbers: what a `tel:` link dials, and finding numbers written in text.
//!
//! A care level's `phone` in `site.yaml` must be exactly one dialable number, because
//! a call button dials it: `"+1 555 0199"` dials `+15550199`, while `"999 or 112 from a
//! mobile"` is refused (it would dial `999112`). What people should read beside the
//! button may say more (`phone_text`). `careleaf check` uses [`find_numbers`] to warn
//! about numbers typed into content instead of taken from `site.yaml`.

/// Emergency and health-line numbers short enough to be missed by the length rule.
const SHORT_NUMBERS: [&str; 8] = ["911", "999", "112", "000", "111", "119", "988", "15"];

/// The number a `tel:` link dials for `phone`, or why it cannot be dialled. A national
/// trunk prefix written in brackets after a country code (`+44 (0)20 7946 0000`) is
/// not dialled: from abroad, and on mobiles, `+4402…` is a wrong number.
pub(crate) fn dialable(phone: &str) -> Result<String, &'static str> {
    let phone = phone.trim();
    if split_in_two(phone).is_some() || is_two_short_numbers(phone) {
        return Err("it is two numbers; a phone is one number");
    }
    let without_trunk;
    let phone = if phone.starts_with('+') && phone.contains("(0)") {
        without_trunk = phone.replacen("(0)", "", 1);
        without_trunk.as_str()
    } else {
        phone
    };
    let mut tel = String::with_capacity(phone.len());
    for (i, c) in phone.chars().enumerate() {
        match c {
            '0'..='9' => tel.push(c),
            '+' if i == 0 => tel.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return Err("it has words or signs in it; a phone is one number"),
        }
    }
    match tel.trim_start_matches('+').len() {
        0..=1 => Err("it has too few digits to dial"),
        2..=15 => Ok(tel),
        _ => Err("it has more than 15 digits, so it is more than one number"),
    }
}

/// The phone numbers written in `text` ([`find_numbers`]) that do not dial one of
/// `site_numbers`: numbers a clinic that changes its own in `site.yaml` would still
/// ship.
pub(crate) fn typed_numbers(text: &str, site_numbers: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut found = find_numbers(text);
    found.retain(|range| {
        let dials = dialable(&text[range.clone()]).unwrap_or_default();
        !site_numbers.contains(&dials.as_str())
    });
    found
}

/// The phone numbers written in `text`, as byte ranges: runs of digits with spaces,
/// `-`, `.` or brackets between them and an optional leading `+`, that have at least 7
/// digits, or that are a well-known short number (`911`, `999`, `112`…) on their own.
pub(crate) fn find_numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            || (bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            || (bytes[i] == b'(' && bracketed_digits(&bytes[i..]).is_some());
        let after_word = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
        if !starts_number || after_word {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = if bytes[i] == b'+' { i + 1 } else { i };
        let mut end = j;
        while j < bytes.len() {
            match bytes[j] {
                b'0'..=b'9' => {
                    j += 1;
                    end = j;
                }
                b' ' | b'-' | b'.' if bytes.get(j + 1).is_some_and(u8::is_ascii_digit) => j += 1,
                b' ' if bytes.get(j + 1) == Some(&b'(') => j += 1,
                // An area code in brackets, `(020)`, and nothing else in brackets.
                b'(' => match bracketed_digits(&bytes[j..]) {
                    Some(len) => {
                        j += len;
                        end = j;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        let number = &text[start..end];
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        let word_ends = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        if word_ends && !is_date(number) && (digits >= 7 || SHORT_NUMBERS.contains(&number)) {
            match split_in_two(number) {
                Some(space) => {
                    found.push(start..start + space);
                    found.push(start + space + 1..end);
                }
                None => found.push(start..end),
            }
        }
        i = end.max(i + 1);
    }
    found
}

/// Where a run of digits is two numbers side by side (`555 0100 555 0101`): the space
/// that splits it into two parts of seven digits or more each. One number split that
/// way would be fourteen digits or more, which no national number with spaces in the
/// usual places is (`+44 20 7946 0000` splits 4/8 or 8/4 at best).
fn split_in_two(number: &str) -> Option<usize> {
    let digits = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    number
        .match_indices(' ')
        .map(|(i, _)| i)
        .find(|&i| digits(&number[..i]) >= 7 && digits(&number[i + 1..]) >= 7)
}

/// `999 112`: two well-known short numbers side by side, not one to dial.
fn is_two_short_numbers(number: &str) -> bool {
    let groups: Vec<&str> = number
        .split([' ', '/', ','])
        .filter(|g| !g.is_empty())
        .collect();
    groups.len() > 1 && groups.iter().all(|g| SHORT_NUMBERS.contains(g))
}

/// The length of `(digits)` at the start of `bytes`, if that is what starts it.
fn bracketed_digits(bytes: &[u8]) -> Option<usize> {
    let digits = bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    (digits > 0 && bytes.get(1 + digits) == Some(&b')')).then_some(digits + 2)
}

/// `2026-11-01`: a date, not a phone number.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number_is_dialable() {
        assert_eq!(dialable("+1 555 0199"), Ok("+15550199".to_string()));
        assert_eq!(dialable("999"), Ok("999".to_string()));
        assert_eq!(dialable("(020) 7946-0000"), Ok("02079460000".to_string()));
        assert_eq!(
            dialable("+44 (0)20 7946 0000"),
            Ok("+442079460000".to_string())
        );
        assert_eq!(dialable("116 117"), Ok("116117".to_string()));
        assert_eq!(
            dialable("+44 20 7946 0000"),
            Ok("+442079460000".to_string())
        );
        assert_eq!(dialable("1 800 555 0199"), Ok("18005550199".to_string()));
    }

    #[test]
    fn more_than_one_number_or_words_are_refused() {
        assert!(dialable("999 or 112 from a mobile").is_err());
        assert!(dialable("0800 123 4567 (24 hours)").is_err());
        assert!(dialable("0800 123 4567 0800 123 4568").is_err());
        assert!(dialable("+").is_err());
        assert!(dialable("1+1").is_err());
        assert!(dialable("999 112").is_err());
        assert!(dialable("555 0100 555 0101").is_err());
    }

    #[test]
    fn two_numbers_side_by_side_are_two_numbers_in_text() {
        let text = "Call 555 0100 555 0101 any time.";
        let found: Vec<&str> = find_numbers(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["555 0100", "555 0101"]);
    }

    #[test]
    fn numbers_in_text_are_found() {
        let text = "Call 911 now, or the unit on +1 555 0199. At 12 weeks, 1 in 100 pregnancies…";
        let found: Vec<&str> = find_numbers(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["911", "+1 555 0199"]);
        let text = "Unit: +1 555 0142 (8am to 8pm), or (020) 7946 0000.";
        let found: Vec<&str> = find_numbers(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["+1 555 0142", "(020) 7946 0000"]);
        assert!(find_numbers("Between 2026-11-01 and version 1.2.3").is_empty());
        assert!(find_numbers("page 9110 and B911").is_empty());
    }
}
