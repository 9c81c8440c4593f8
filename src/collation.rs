//! Titles in the order a reader of their language expects: ICU's collation for the
//! language (`zh`: pinyin, so 宫颈出血 before 宫外孕 before 流产; `en`: case and
//! accents second, so `ectopic` sits with `Ectopic`, not after `Z`).

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::Locale;

/// Compares text in one language's order.
pub(crate) struct Collation {
    collator: Option<CollatorBorrowed<'static>>,
}

impl Collation {
    /// The order of the language `lang` (a BCP 47 code such as `zh` or `pt-BR`); the
    /// root order for a language ICU does not know, and code-point order only if even
    /// that cannot be had.
    #[must_use]
    pub(crate) fn new(lang: &str) -> Collation {
        let locale = lang.parse().unwrap_or(Locale::UNKNOWN);
        let collator = Collator::try_new(locale.into(), CollatorOptions::default())
            .or_else(|_| Collator::try_new(Locale::UNKNOWN.into(), CollatorOptions::default()))
            .ok();
        Collation { collator }
    }

    #[must_use]
    pub(crate) fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.collator {
            Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
            None => a.cmp(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: &str, titles: &[&'static str]) -> Vec<&'static str> {
        let collation = Collation::new(lang);
        let mut titles = titles.to_vec();
        titles.sort_by(|a, b| collation.compare(a, b));
        titles
    }

    #[test]
    fn chinese_is_in_pinyin_order() {
        // gōngjǐng, gōngwài, liúchǎn, pútao, zhuóchuáng
        assert_eq!(
            sorted("zh", &["着床出血", "流产", "宫外孕", "葡萄胎", "宫颈出血"]),
            ["宫颈出血", "宫外孕", "流产", "葡萄胎", "着床出血"]
        );
    }

    #[test]
    fn english_puts_case_and_accents_second() {
        assert_eq!(
            sorted(
                "en",
                &["Zebra", "ectopic", "Miscarriage", "Éclair", "apple"]
            ),
            ["apple", "Éclair", "ectopic", "Miscarriage", "Zebra"]
        );
    }

    #[test]
    fn an_unknown_language_still_sorts() {
        assert_eq!(sorted("xx", &["b", "A", "a"]), ["a", "A", "b"]);
    }
}
