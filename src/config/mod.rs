//! `site.yaml` → [`Config`]: the site's title, address, language, theme, brand and what
//! each care level tells the patient.
//!
//! Every key but `title` has a default. Unknown keys, malformed colours and addresses
//! are diagnostics that point at the line in `site.yaml`.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::care::CareLevel;
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::text;
use crate::yaml::{self, YamlSource};

mod locale;
mod services;

pub(crate) use locale::{Locale, language_name};

pub(crate) use services::{Call, CareAction, Service, Services};
use services::{RawCareLevels, RawService, RawServiceText};

/// The file name of the site configuration, relative to the site root.
pub(crate) const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// The site's title (required).
    title: String,
    /// One sentence about the site, for search engines and sharing cards.
    #[serde(default)]
    description: Option<String>,
    /// The site's full address, like `https://clinic.github.io/pregnancy/`: every link is under its path.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    base_url: Option<Spanned<String>>,
    /// The language of `content/FILE.md`, as a code like `en` (default `en`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    language: Option<Spanned<String>>,
    /// All the site's languages, the default first: translations are `FILE.LANG.md`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    languages: Vec<Spanned<String>>,
    /// The theme (default `default`, built in).
    #[serde(default)]
    theme: Option<String>,
    /// The clinic's name, logo, colours and contact line.
    #[serde(default)]
    brand: RawBrand,
    /// Who a patient can call, each named once with its number and hours.
    #[serde(default)]
    #[schemars(with = "HashMap<String, RawService>")]
    services: HashMap<Spanned<String>, RawService>,
    /// What each care level tells the patient (`action`) and whom it calls (`call`).
    #[serde(default)]
    care_levels: RawCareLevels,
    /// Where the Markdown is, relative to the site folder (default `content`): lets a
    /// second site reuse the pages of another.
    #[serde(default)]
    content_dir: Option<String>,
    /// The reading grade English pages should not go above (Flesch-Kincaid; default 8).
    #[serde(default)]
    reading_grade: Option<f64>,
    /// The average sentence length, in characters, that pages in Chinese or Japanese
    /// should not go above (default 25).
    #[serde(default)]
    sentence_characters: Option<f64>,
    /// What the site says in its other languages: per language, its title,
    /// description, brand name and contact line, and its care levels' actions.
    #[serde(default)]
    #[schemars(with = "HashMap<String, RawSiteText>")]
    translations: HashMap<Spanned<String>, RawSiteText>,
    /// What raw HTML in Markdown may do (default `safe`).
    #[serde(default)]
    raw_html: RawHtml,
    /// The other sites that images, video and frames may load from, by origin
    /// (`https://www.youtube-nocookie.com`); the page's security policy names them too.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    embeds: Vec<Spanned<String>>,
    /// How each language is named to browsers and sharing cards, where the default
    /// is not right: `zh: { lang: zh-Hant, og: zh_TW }`.
    #[serde(default)]
    #[schemars(with = "HashMap<String, locale::RawLocale>")]
    locales: HashMap<Spanned<String>, locale::RawLocale>,
}

/// What raw HTML in Markdown may do.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RawHtml {
    /// Harmless markup (`<br>`, `<abbr>`, `<details>`) is kept; HTML that loads, runs
    /// or redirects (`<script>`, `<iframe>`, `<meta http-equiv>`, `on…=` handlers) is
    /// shown as text.
    #[default]
    Safe,
    /// Everything is kept: for a site that needs embeds (a video), whose content
    /// every contributor is trusted with.
    All,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBrand {
    /// The clinic's name, in the header and footer (default: the title).
    name: Option<String>,
    /// The logo's path in `static/` from the site's root (`/logo.svg`), or an https:// address.
    #[schemars(with = "Option<String>")]
    logo: Option<Spanned<String>>,
    /// Brand colours, quoted because of the `#`: `{ primary: "#005eb8", accent: "#ffb81c" }`.
    colors: Option<RawColors>,
    /// A line of contact details shown in the footer.
    #[schemars(with = "Option<String>")]
    contact: Option<Spanned<String>>,
}

/// One language's text under `translations:` (anything left out is the default
/// language's).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSiteText {
    /// The site's title in this language.
    title: Option<String>,
    /// The site's description in this language.
    description: Option<String>,
    /// The clinic's name and contact line in this language.
    brand: Option<RawBrandText>,
    /// The services' names, hours and `phone_text` in this language (never numbers).
    #[serde(default)]
    #[schemars(with = "HashMap<String, RawServiceText>")]
    services: HashMap<Spanned<String>, RawServiceText>,
    /// Each care level's `action` in this language (numbers are never translated).
    #[serde(default)]
    care_levels: RawCareLevels,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBrandText {
    /// The clinic's name in this language.
    name: Option<String>,
    /// The contact line in this language.
    #[schemars(with = "Option<String>")]
    contact: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawColors {
    /// The main colour (links, buttons, header), like `"#005eb8"`: checked for WCAG AA contrast.
    #[schemars(with = "Option<String>")]
    primary: Option<Spanned<String>>,
    /// The accent colour (focus outlines), like `"#ffb81c"`.
    #[schemars(with = "Option<String>")]
    accent: Option<Spanned<String>>,
}

/// The validated site configuration.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute site address, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`, e.g. `/careleaf/`; every internal URL starts with it.
    pub base_path: String,
    pub language: String,
    /// All languages, the default first.
    pub languages: Vec<String>,
    pub theme: String,
    pub brand: Brand,
    /// Who a patient can call, in the order `site.yaml` names them.
    pub services: Services,
    /// What each care level tells the patient, most urgent first.
    pub care_levels: Vec<CareAction>,
    /// The content folder, relative to the site folder.
    pub content_dir: String,
    /// The highest reading grade `careleaf check` accepts (English pages).
    pub reading_grade: f64,
    /// The longest average sentence, in characters, `careleaf check` accepts for pages
    /// in a language written without spaces (Chinese, Japanese).
    pub sentence_characters: f64,
    /// What the site says in each of its other languages.
    pub translations: std::collections::BTreeMap<String, SiteText>,
    /// What raw HTML in Markdown may do.
    pub raw_html: RawHtml,
    /// The origins (`https://host`) that images, video and frames may load from.
    pub embeds: Vec<String>,
    /// Where each language is named in `site.yaml` (its `translations:` key, else its
    /// entry in `languages:`), for diagnostics about it.
    #[serde(skip)]
    pub language_at: std::collections::BTreeMap<String, crate::diagnostics::Location>,
    /// Per language code: its `lang` tag and `og:locale`.
    pub locales: std::collections::BTreeMap<String, Locale>,
    /// The text of `site.yaml`, so a later check (a brand colour, the logo) can point
    /// at the value it is about without reading the file again.
    #[serde(skip)]
    pub text: String,
}

/// The site's own words in one of its other languages: `site.yaml`'s
/// `translations: LANG:`, with the default language's wherever it says nothing.
#[derive(Debug, Clone, Serialize)]
pub struct SiteText {
    pub title: String,
    pub description: String,
    pub brand_name: String,
    pub contact: Option<String>,
    /// The services in this language: their names and hours; numbers are never
    /// translated.
    pub services: Services,
    /// Most urgent first, like [`Config::care_levels`]; each calls what the default
    /// language's level calls.
    pub care_levels: Vec<CareAction>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Brand {
    pub name: String,
    pub logo: Option<String>,
    pub primary: String,
    pub accent: String,
    pub contact: Option<String>,
}

/// The JSON Schema of `site.yaml`, from its serde types and their doc comments.
#[must_use]
pub(crate) fn schema() -> schemars::Schema {
    let mut schema = schemars::schema_for!(RawConfig);
    schema.insert("title".into(), "careleaf site.yaml".into());
    schema
}

impl Config {
    /// Reads `site.yaml` in `root`.
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Result<Config, Failed> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            diagnostics.fail(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("cannot read the site configuration {}: {e}", path.display()),
                )
                .with_help(
                    "run careleaf in the site folder (the one with site.yaml), or pass --site DIR",
                ),
            )
        })?;
        let text = text::decode(Path::new(CONFIG_FILE), bytes).map_err(|d| diagnostics.fail(d))?;
        Config::parse(&text, diagnostics)
    }

    /// Parses the text of `site.yaml`.
    pub fn parse(text: &str, diagnostics: &mut Diagnostics) -> Result<Config, Failed> {
        let source = YamlSource {
            file: Path::new(CONFIG_FILE),
            text,
            file_text: text,
            first_line: 1,
        };
        let before = diagnostics.errors();
        diagnostics.extend(yaml::lint(&source));
        let linted = diagnostics.check_since(before);
        let raw: RawConfig = yaml::parse(&source).map_err(|d| diagnostics.fail(d))?;
        linted?;
        validate(raw, text, diagnostics)
    }

    /// A configuration from `site.yaml` text that must be valid: for tests.
    #[cfg(test)]
    pub(crate) fn from_yaml(text: &str) -> Config {
        let mut diagnostics = Diagnostics::default();
        match Config::parse(text, &mut diagnostics) {
            Ok(config) => config,
            Err(_) => panic!("invalid site.yaml: {diagnostics:?}"),
        }
    }

    /// The content folder of the site in `root`.
    pub fn content_dir(&self, root: &std::path::Path) -> std::path::PathBuf {
        let dir = root.join(&self.content_dir);
        if self.content_dir == "content" {
            return dir;
        }
        // Elsewhere (`../other/content`): resolve the `..` so paths compare.
        dir.canonicalize().unwrap_or(dir)
    }

    /// The action for `level`.
    pub fn care(&self, level: CareLevel) -> &CareAction {
        &self.care_levels[level.rank()]
    }

    /// Where the language `lang`'s pages are, under the base path: `` for the
    /// default language, `zh/` for Chinese.
    #[must_use]
    pub fn language_prefix(&self, lang: &str) -> String {
        if lang == self.language {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// How the language `lang` is named to browsers and sharing cards.
    pub fn locale(&self, lang: &str) -> std::borrow::Cow<'_, Locale> {
        self.locales.get(lang).map_or_else(
            || {
                std::borrow::Cow::Owned(Locale {
                    lang: lang.to_string(),
                    og: lang.replace('-', "_"),
                })
            },
            std::borrow::Cow::Borrowed,
        )
    }

    /// The services as the language `lang` names them.
    pub fn services_in(&self, lang: &str) -> &Services {
        self.translations
            .get(lang)
            .map_or(&self.services, |t| &t.services)
    }

    /// Every level's action in the language `lang`, most urgent first.
    pub fn care_levels_in(&self, lang: &str) -> &[CareAction] {
        self.translations
            .get(lang)
            .map_or(&self.care_levels, |t| &t.care_levels)
    }

    /// The numbers `site.yaml` gives to dial (its services' and care levels'): any
    /// other phone number typed into a page is one a clinic could forget to change.
    pub fn dialled_numbers(&self) -> Vec<&str> {
        self.services
            .0
            .iter()
            .map(|s| s.tel.as_str())
            .chain(self.care_levels.iter().filter_map(|c| c.tel()))
            .collect()
    }

    /// The action for `level` in the language `lang`.
    pub fn care_in(&self, level: CareLevel, lang: &str) -> &CareAction {
        &self.care_levels_in(lang)[level.rank()]
    }

    /// The URL of `path` (relative to the base path) as pages link to it:
    /// `early-pregnancy-bleeding/` → `/careleaf/early-pregnancy-bleeding/`.
    pub fn url(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.base_path.len() + path.len());
        url.push_str(&self.base_path);
        url.push_str(path);
        url
    }

    /// The full address of `path` (relative to the base path), for the sitemap,
    /// canonical links and sharing: `https://example.github.io/careleaf/…`.
    pub fn permalink(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.base_url.len() + path.len());
        url.push_str(&self.base_url);
        url.push_str(path);
        url
    }

    /// Replaces the site address (for `--base-url` and the live preview).
    /// The page's Content-Security-Policy: everything from the site itself, plus the
    /// images, video and frames of the origins `embeds:` names.
    pub fn content_security_policy(&self) -> String {
        let extra: String = self.embeds.iter().map(|o| format!(" {o}")).collect();
        let frames = if self.embeds.is_empty() {
            String::new()
        } else {
            format!(" media-src 'self'{extra}; frame-src{extra};")
        };
        format!(
            "default-src 'self'; img-src 'self' data:{extra};{frames} style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
        )
    }

    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = split_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }
}

fn validate(raw: RawConfig, text: &str, errors: &mut Diagnostics) -> Result<Config, Failed> {
    let at = |s: &Spanned<String>| yaml::location(text, 1, s);

    let (base_url, base_path) = match &raw.base_url {
        None => ("/".to_string(), "/".to_string()),
        Some(url) => split_base_url(&url.value).unwrap_or_else(|help| {
            errors.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("`{}` is not a usable base_url", url.value),
                )
                .at(at(url))
                .with_help(help),
            );
            ("/".to_string(), "/".to_string())
        }),
    };

    let (primary, accent) = colours(raw.brand.colors.as_ref(), text, errors);
    let (language, languages) = site_languages(&raw, text, errors);
    let language_at = language_locations(&raw, text);
    let logo = raw.brand.logo.as_ref().map(|l| logo(l, text, errors));

    let embeds = raw
        .embeds
        .iter()
        .filter_map(|e| embed_origin(e, text, errors))
        .collect();
    let services = services::services(raw.services, text, errors);
    let care_levels = services::care_actions(raw.care_levels, &services, text, errors);
    let numbers = services::all_numbers(&services, &care_levels);
    let contact = |contact: Option<Spanned<String>>, errors: &mut Diagnostics| {
        contact.map(|c| {
            services::check_numbers(&c, &numbers, "brand: contact", text, errors);
            c.value
        })
    };
    let description = raw.description.unwrap_or_default();
    let brand = Brand {
        name: raw.brand.name.unwrap_or_else(|| raw.title.clone()),
        logo,
        primary,
        accent,
        contact: contact(raw.brand.contact, errors),
    };
    let mut translations = std::collections::BTreeMap::new();
    for (lang, given) in raw.translations {
        if !languages[1..].contains(&lang.value) {
            errors.push(not_another_language(&lang, &languages, text));
            continue;
        }
        let own_services = services::translated_services(given.services, &services, text, errors);
        let own_care = services::translated_care_actions(
            given.care_levels,
            &care_levels,
            &own_services,
            text,
            errors,
        );
        let site_text = SiteText {
            title: given.title.unwrap_or_else(|| raw.title.clone()),
            description: given.description.unwrap_or_else(|| description.clone()),
            brand_name: given
                .brand
                .as_ref()
                .and_then(|b| b.name.clone())
                .unwrap_or_else(|| brand.name.clone()),
            contact: contact(given.brand.and_then(|b| b.contact), errors)
                .or_else(|| brand.contact.clone()),
            services: own_services,
            care_levels: own_care,
        };
        translations.insert(lang.value, site_text);
    }
    let locales = locale::locales(raw.locales, &languages, text, is_language_tag, errors);
    errors.check()?;
    Ok(Config {
        description,
        brand,
        title: raw.title,
        base_url,
        base_path,
        language,
        languages,
        theme: raw.theme.unwrap_or_else(|| "default".to_string()),
        services,
        care_levels,
        content_dir: raw.content_dir.unwrap_or_else(|| "content".to_string()),
        reading_grade: raw.reading_grade.unwrap_or(8.0),
        sentence_characters: raw.sentence_characters.unwrap_or(25.0),
        translations,
        raw_html: raw.raw_html,
        embeds,
        locales,
        language_at,
        text: text.to_string(),
    })
}

/// Where each language is named: its `translations:` key, else its `languages:` entry.
fn language_locations(
    raw: &RawConfig,
    text: &str,
) -> std::collections::BTreeMap<String, crate::diagnostics::Location> {
    let at = |s: &Spanned<String>| yaml::location(text, 1, s);
    let mut found: std::collections::BTreeMap<_, _> = raw
        .languages
        .iter()
        .map(|tag| (tag.value.clone(), at(tag)))
        .collect();
    for lang in raw.translations.keys() {
        found.insert(lang.value.clone(), at(lang));
    }
    found
}

/// `brand: colors:` (primary, accent), each checked, or its default.
fn colours(colors: Option<&RawColors>, text: &str, errors: &mut Diagnostics) -> (String, String) {
    let mut color = |c: Option<&Spanned<String>>, default: &str| match c {
        None => default.to_string(),
        Some(c) if crate::html::is_hex_colour(&c.value) => c.value.to_lowercase(),
        Some(c) => {
            errors.push(
                Diagnostic::error(CONFIG_FILE, format!("`{}` is not a colour", c.value))
                    .at(yaml::location(text, 1, c))
                    .with_help("write a hex colour in quotes, like \"#005eb8\""),
            );
            default.to_string()
        }
    };
    (
        color(colors.and_then(|c| c.primary.as_ref()), "#005eb8"),
        color(colors.and_then(|c| c.accent.as_ref()), "#ffb81c"),
    )
}

/// `language` and `languages`: the default language and all of them, the default
/// first, each a checked code.
fn site_languages(raw: &RawConfig, text: &str, errors: &mut Diagnostics) -> (String, Vec<String>) {
    let mut language_tag = |tag: &Spanned<String>| {
        if !is_language_tag(&tag.value) {
            errors.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("`{}` is not a language code", tag.value),
                )
                .at(yaml::location(text, 1, tag))
                .with_help("write a language code like `en`, `zh`, `pt-BR` or `zh-Hans`"),
            );
        }
        tag.value.clone()
    };
    let language = raw
        .language
        .as_ref()
        .map_or_else(|| "en".to_string(), &mut language_tag);
    let mut languages = vec![language.clone()];
    for tag in &raw.languages {
        let tag = language_tag(tag);
        if tag != language && !languages.contains(&tag) {
            languages.push(tag);
        }
    }
    (language, languages)
}

/// `brand: logo:`, a path from the site's root or an https:// address.
fn logo(logo: &Spanned<String>, text: &str, errors: &mut Diagnostics) -> String {
    let value = logo.value.trim();
    let site_path = value.starts_with('/') && !value.starts_with("//");
    if !site_path && !value.starts_with("https://") {
        errors.push(
            Diagnostic::error(CONFIG_FILE, format!("`{value}` is not a usable logo address"))
                .at(yaml::location(text, 1, logo))
                .with_help("put the logo in static/ and write its path from the site's root, starting with `/`, like `/logo.svg` (or give an https:// address)"),
        );
    }
    value.to_string()
}

/// The error for `translations: LANG:` where LANG is not one of the site's others.
fn not_another_language(lang: &Spanned<String>, languages: &[String], text: &str) -> Diagnostic {
    let help = match languages.len() {
        1 => format!(
            "add the language to the site's languages first: `languages: [{}, {}]`",
            languages[0], lang.value
        ),
        _ => format!(
            "translations are for the site's other languages: {}",
            languages[1..].join(", ")
        ),
    };
    Diagnostic::error(
        CONFIG_FILE,
        format!("`{}` is not one of the site's other languages", lang.value),
    )
    .at(yaml::location(text, 1, lang))
    .with_help(help)
}

/// An `embeds:` entry as an origin (`https://host[:port]`, lower-case), or an error
/// at its line.
fn embed_origin(entry: &Spanned<String>, text: &str, errors: &mut Diagnostics) -> Option<String> {
    let value = entry.value.trim().trim_end_matches('/');
    let host = value.strip_prefix("https://").unwrap_or("");
    let ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if ok {
        return Some(value.to_ascii_lowercase());
    }
    errors.push(
        Diagnostic::error(CONFIG_FILE, format!("`{}` is not a site's origin", entry.value))
            .at(yaml::location(text, 1, entry))
            .with_help("write the https:// address of the site, without a path, like `https://www.youtube-nocookie.com`"),
    );
    None
}

/// `en`, `zh`, `pt-BR`, `zh-Hans`: a BCP 47 language tag's usual shape.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `https://x.org/site` → (`https://x.org/site/`, `/site/`), or why the address
/// cannot be used (as help for a person). The address must be absolute (`http` or
/// `https`), with a host and a path of single slashes: `https://x.org//evil.example/`
/// would make every asset's address `//evil.example/…`, another site.
pub(crate) fn split_base_url(url: &str) -> Result<(String, String), String> {
    const FULL: &str = "write the site's full address, like https://example.github.io/careleaf/";
    let url = url.trim();
    let with_slash = if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    };
    let rest = with_slash
        .strip_prefix("https://")
        .or_else(|| with_slash.strip_prefix("http://"))
        .ok_or(FULL)?;
    let path_start = rest.find('/').unwrap_or(rest.len());
    let host = &rest[..path_start];
    let path = &rest[path_start..];
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok || rest.contains(['?', '#', ' ', '\\']) || rest.chars().any(char::is_control) {
        return Err(FULL.into());
    }
    if path.contains("//") {
        return Err(format!(
            "the path `{path}` has an empty part (`//`), which browsers read as another site's address; write it with single slashes, like `{}`",
            single_slashes(path)
        ));
    }
    Ok((with_slash.clone(), path.to_string()))
}

fn single_slashes(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_title_is_required() {
        let config = Config::from_yaml("title: Hello\n");
        assert_eq!(config.base_path, "/");
        assert_eq!(config.care(CareLevel::Emergency).tel(), Some("911"));
        assert_eq!(config.languages, ["en"]);
    }

    #[test]
    fn base_url_subpath_becomes_base_path() {
        let config = Config::from_yaml("title: A\nbase_url: https://example.github.io/careleaf\n");
        assert_eq!(config.base_url, "https://example.github.io/careleaf/");
        assert_eq!(config.base_path, "/careleaf/");
    }

    #[test]
    fn base_url_is_absolute_with_single_slashes() {
        for bad in [
            "https://example.org//evil.example/",
            "/careleaf/",
            "//evil.example/",
            "https:///x",
            "https://user@evil.example/",
            "https://example.org/a\\b/",
            "ftp://example.org/",
        ] {
            assert!(split_base_url(bad).is_err(), "{bad}");
        }
        let help = split_base_url("https://example.org//evil.example/").unwrap_err();
        assert!(help.contains("`/evil.example/`"), "{help}");
        assert_eq!(
            split_base_url("http://127.0.0.1:1111").unwrap(),
            ("http://127.0.0.1:1111/".to_string(), "/".to_string())
        );
    }

    #[test]
    fn bad_colour_points_at_the_value() {
        let mut diagnostics = Diagnostics::default();
        let text = "title: A\nbrand:\n  colors: { primary: blue }\n";
        assert!(Config::parse(text, &mut diagnostics).is_err());
        let errors = diagnostics.into_sorted();
        let loc = errors[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (3, 22));
    }

    #[test]
    fn languages_and_logos_are_checked() {
        let mut diagnostics = Diagnostics::default();
        let text = "title: A\nlanguage: en\"><script>\nlanguages: [en, zh, pt-BR]\nbrand:\n  logo: javascript:alert(1)\n";
        assert!(Config::parse(text, &mut diagnostics).is_err());
        let errors = diagnostics.into_sorted();
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| e.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [2, 5], "{errors:?}");
        assert!(errors[1].help.as_deref().unwrap().contains("`/logo.svg`"));
        let config =
            Config::from_yaml("title: A\nlanguages: [en, zh, zh]\nbrand: { logo: /logo.svg }\n");
        assert_eq!(config.languages, ["en", "zh"]);
    }

    #[test]
    fn phone_numbers_become_tel_links() {
        let config = Config::from_yaml(
            "title: A\ncare_levels:\n  urgent: { action: Call, phone: \"+1 555 0199\", phone_text: \"+1 555 0199 (24 hours)\" }\n",
        );
        let urgent = config.care(CareLevel::Urgent);
        assert_eq!(urgent.tel(), Some("+15550199"));
        assert_eq!(urgent.phone(), Some("+1 555 0199 (24 hours)"));
    }

    #[test]
    fn a_phone_that_is_not_one_number_is_an_error() {
        let mut diagnostics = Diagnostics::default();
        let text = "title: A\ncare_levels:\n  emergency: { action: Call, phone: \"999 or 112 from a mobile\" }\n";
        assert!(Config::parse(text, &mut diagnostics).is_err());
        let errors = diagnostics.into_sorted();
        assert!(
            errors[0].message.contains("cannot be dialled"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].location.as_ref().unwrap().line, 3);
        assert!(errors[0].help.as_deref().unwrap().contains("phone_text"));
    }
}
