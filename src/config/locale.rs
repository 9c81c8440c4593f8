//! How each language is named to browsers and sharing cards: the `lang` attribute
//! (`zh-Hans`, a full BCP 47 tag, so a screen reader picks Mandarin in simplified
//! characters) and `og:locale` (`zh_CN`). A file's language code (`zh`, in
//! `miscarriage.zh.md`) stays short; `site.yaml`'s `locales:` says otherwise per
//! language: `locales: { zh: { lang: zh-Hant, og: zh_TW } }`.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml;

/// One language's entry under `locales:`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocale {
    /// The `lang` tag browsers and screen readers are told: `zh-Hans`, `zh-Hant`, `pt-BR`.
    #[schemars(with = "Option<String>")]
    lang: Option<Spanned<String>>,
    /// The `og:locale` of sharing cards: `zh_CN`, `zh_TW`, `pt_BR`.
    #[schemars(with = "Option<String>")]
    og: Option<Spanned<String>>,
}

/// A language as browsers and sharing cards are told it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Locale {
    /// For `lang` and `hreflang`: `zh-Hans`.
    pub lang: String,
    /// For `og:locale`: `zh_CN`.
    pub og: String,
}

/// What a language code means when `locales:` says nothing: the script or region
/// most sites in it use.
fn default_locale(code: &str) -> Locale {
    let (lang, og) = match code {
        "en" => ("en", "en_US"),
        "zh" => ("zh-Hans", "zh_CN"),
        "ar" => ("ar", "ar_AR"),
        "es" => ("es", "es_ES"),
        "fr" => ("fr", "fr_FR"),
        "de" => ("de", "de_DE"),
        "pt" => ("pt", "pt_PT"),
        "ja" => ("ja", "ja_JP"),
        "ko" => ("ko", "ko_KR"),
        "vi" => ("vi", "vi_VN"),
        "pl" => ("pl", "pl_PL"),
        "ur" => ("ur", "ur_PK"),
        "hi" => ("hi", "hi_IN"),
        "bn" => ("bn", "bn_IN"),
        _ => {
            // `pt-BR` → `pt_BR`; a code without a region is its own locale.
            return Locale {
                lang: code.to_string(),
                og: code.replace('-', "_"),
            };
        }
    };
    Locale {
        lang: lang.to_string(),
        og: og.to_string(),
    }
}

/// Every language's locale: `locales:` where it names one, else the default.
pub(super) fn locales(
    raw: HashMap<Spanned<String>, RawLocale>,
    languages: &[String],
    text: &str,
    is_tag: impl Fn(&str) -> bool,
    errors: &mut Diagnostics,
) -> BTreeMap<String, Locale> {
    let mut out: BTreeMap<String, Locale> = languages
        .iter()
        .map(|code| (code.clone(), default_locale(code)))
        .collect();
    // The value, or the error at its line: "`VALUE` is not WHAT", with `help`.
    let mut checked = |value: Spanned<String>, valid: bool, what: &str, help: String| {
        if valid {
            return Some(value.value);
        }
        errors.push(
            Diagnostic::error(
                super::CONFIG_FILE,
                format!("`{}` is not {what}", value.value),
            )
            .at(yaml::location(text, 1, &value))
            .with_help(help),
        );
        None
    };
    for (code, given) in raw {
        let known = out.contains_key(&code.value);
        let help = format!(
            "`locales:` names the site's languages: {}",
            languages.join(", ")
        );
        let Some(code) = checked(code, known, "one of the site's languages", help) else {
            continue;
        };
        let lang = given.lang.and_then(|lang| {
            let valid = is_tag(&lang.value);
            checked(
                lang,
                valid,
                "a language tag",
                "write a tag like `zh-Hans`, `zh-Hant` or `pt-BR`".into(),
            )
        });
        let og = given.og.and_then(|og| {
            let valid = og
                .value
                .split('_')
                .all(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
            checked(
                og,
                valid,
                "a locale for sharing cards",
                "write language and region joined by `_`, like `zh_CN` or `pt_BR`".into(),
            )
        });
        if let Some(locale) = out.get_mut(&code) {
            locale.lang = lang.unwrap_or_else(|| locale.lang.clone());
            locale.og = og.unwrap_or_else(|| locale.og.clone());
        }
    }
    out
}

/// A language's name as its speakers write it; the code itself when not known.
pub(crate) fn language_name(lang: &str) -> &'static str {
    match lang.split('-').next().unwrap_or(lang) {
        "en" => "English",
        "zh" => "中文",
        "ar" => "العربية",
        "es" => "Español",
        "fr" => "Français",
        "de" => "Deutsch",
        "pt" => "Português",
        "hi" => "हिन्दी",
        "ur" => "اردو",
        "bn" => "বাংলা",
        "pl" => "Polski",
        "ro" => "Română",
        "so" => "Soomaali",
        "ja" => "日本語",
        "ko" => "한국어",
        "vi" => "Tiếng Việt",
        "he" => "עברית",
        "fa" => "فارسی",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_simplified_and_a_region_tag_is_its_own_locale() {
        assert_eq!(
            default_locale("zh"),
            Locale {
                lang: "zh-Hans".into(),
                og: "zh_CN".into()
            }
        );
        assert_eq!(default_locale("pt-BR").og, "pt_BR");
    }
}
