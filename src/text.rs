//! Reading text files the way every stage wants them: UTF-8 checked (a file that is
//! not is a diagnostic pointing at the first bad byte), without a byte-order mark, and
//! with `\n` line endings.
//!
//! Content, `site.yaml`, templates and theme files are all read through here, so a
//! Windows editor's CRLF or BOM works the same everywhere. Not for output: only
//! `output` writes.
//!
//! Also the one place an id becomes words for people (`one_side` → "One side").

use std::path::Path;

use crate::diagnostics::{Diagnostic, Location};

/// Whether the language `lang` (a BCP 47 code) is usually written in Latin letters;
/// `false` for Chinese, Japanese, Korean, Arabic, Hebrew, Persian, Urdu, the
/// languages of India, Greek, Cyrillic and Thai.
pub(crate) fn is_latin_script(lang: &str) -> bool {
    const OTHER: [&str; 24] = [
        "zh", "ja", "ko", "ar", "he", "fa", "ur", "ps", "yi", "hi", "bn", "pa", "gu", "ta", "te",
        "ml", "mr", "ne", "el", "ru", "uk", "bg", "th", "am",
    ];
    !OTHER.contains(&lang.split('-').next().unwrap_or(lang))
}

/// Reads the file at `path` as text; `shown` is the path to name in a diagnostic
/// (relative to the site root).
pub(crate) fn read(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(shown, format!("cannot read this file: {e}")))?;
    decode(shown, bytes)
}

/// Bytes read from `shown` as normalised text, or the diagnostic for a file that is
/// not UTF-8.
pub(crate) fn decode(shown: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize(text)),
        Err(e) => Err(not_utf8(shown, e.as_bytes(), e.utf8_error())),
    }
}

/// Removes a byte-order mark and turns `\r\n` into `\n`. Text that has neither (the
/// usual case) is returned as it came, without a copy.
pub(crate) fn normalize(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    text
}

/// The diagnostic for a file that is not UTF-8, pointing at the first bad byte.
pub(crate) fn not_utf8(file: &Path, bytes: &[u8], error: std::str::Utf8Error) -> Diagnostic {
    let good = String::from_utf8_lossy(&bytes[..error.valid_up_to()]);
    let line = good.matches('\n').count() + 1;
    let line_start = good.rfind('\n').map_or(0, |i| i + 1);
    let column = good[line_start..].chars().count() + 1;
    let whole = String::from_utf8_lossy(bytes);
    Diagnostic::error(file, "this file is not UTF-8 text")
        .at(Location::in_text(&whole, line, column, 1))
        .with_help("save the file as UTF-8 (in most editors: File → Save with encoding → UTF-8)")
}

/// A file whose name is not UTF-8: it cannot become a URL or a link target.
pub(crate) fn not_utf8_name(shown: &Path) -> Diagnostic {
    Diagnostic::error(shown, "this file's name is not UTF-8 text")
        .with_help("rename the file (the name shown has a \u{fffd} where a character could not be read); use letters, digits and `-`, like `ectopic-pregnancy.md`")
}

/// An id or slug as words for people: `_` and `-` become spaces and the first letter
/// a capital. `one_side` → "One side", `subchorionic-haematoma` → "Subchorionic
/// haematoma".
pub(crate) fn words_from_id(id: &str) -> String {
    let words = id.replace(['_', '-'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_removed() {
        assert_eq!(
            normalize("\u{feff}---\r\ntitle: A\r\n".into()),
            "---\ntitle: A\n"
        );
        assert_eq!(normalize("a\rb\n".into()), "a\rb\n", "a lone CR is kept");
    }

    #[test]
    fn not_utf8_points_at_the_bad_byte() {
        let bytes: Vec<u8> = b"---\ntitle: caf\xe9\n---\n".to_vec();
        let err = std::str::from_utf8(&bytes).unwrap_err();
        let d = not_utf8(Path::new("a.md"), &bytes, err);
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 11));
    }
}
