//! What templates see: the site-wide values (set once, in Tera's global context) and
//! each page's own values. `docs/theming.md` lists them for theme authors.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::care::CareLevel;
use crate::config::{CareAction, Config};
use crate::content::{Page, PageKind};
use crate::html::escape;
use crate::markdown::Heading;
use crate::phone;
use crate::render::templates::Theme;
use crate::triage::CompiledTriage;

/// `site` in templates.
#[derive(Debug, Serialize)]
pub(crate) struct SiteValues<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub language: &'a str,
    /// The language of the pages this is for, as browsers are told it: `zh-Hans`.
    pub lang: String,
    /// The same for sharing cards: `zh_CN`.
    pub og_locale: String,
    /// Its writing direction: `ltr` or `rtl`.
    pub dir: &'static str,
    /// Every language's home page, in that language, for the 404 page.
    pub homes: Vec<LanguageHome>,
    /// The Content-Security-Policy of every page (`site.yaml`'s `embeds:` adds to it).
    pub csp: String,
    /// The home page and the search page in the language of the page shown.
    pub home_url: String,
    pub search_url: String,
    pub brand: BrandValues<'a>,
    /// `site.care.emergency.action` etc.
    pub care: BTreeMap<&'static str, CareValues<'a>>,
    /// Who a patient can call, in the page's language: for the footer.
    pub services: &'a [crate::config::Service],
    /// The topics, for navigation and the home page.
    pub topics: Vec<Summary<'a>>,
    /// Plain pages at the top of `content/` (like `about.md`), for navigation.
    pub pages: Vec<Summary<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct BrandValues<'a> {
    pub name: &'a str,
    /// The logo's URL under the base path, if any.
    pub logo: Option<String>,
    /// The logo's full address, for sharing cards (`og:image`).
    pub logo_url: Option<String>,
    pub contact: Option<&'a str>,
    /// `contact` with its phone numbers as `tel:` links.
    pub contact_html: Option<String>,
}

/// A language's home page, named in that language.
#[derive(Debug, Serialize)]
pub(crate) struct LanguageHome {
    /// The `lang` tag: `zh-Hans`.
    pub lang: String,
    /// The language's name in itself: `中文`.
    pub name: &'static str,
    /// The home page's word in that language: `首页`.
    pub home: String,
    /// The language's name and the home page's word, in that language's own
    /// punctuation: `中文：首页`.
    pub label: String,
    pub url: String,
}

/// A care level as the patient sees it: its label, action and number to call.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CareValues<'a> {
    pub level: &'static str,
    pub label: String,
    pub action: Cow<'a, str>,
    pub phone: Option<Cow<'a, str>>,
    pub tel: Option<Cow<'a, str>>,
    /// Whom the button calls: the service's name, hours and out-of-hours service.
    pub call: Option<Cow<'a, crate::config::Call>>,
    /// The call button with the service's hours and whom to call when it is closed,
    /// as every card shows it (empty for a level that calls no one).
    pub call_html: String,
}

/// A page in a listing: a topic on the home page, a condition on its topic page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Summary<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub urgency: Option<&'static str>,
    pub also_called: &'a [String],
    /// For a topic with a decision tree: its checker's start page.
    pub checker_url: Option<String>,
    /// For a page listed in another language's pages because it has no version in
    /// that language: its own language (`en`), for `lang` and `hreflang`.
    pub lang: Option<String>,
}

/// `page` in templates.
#[derive(Debug, Serialize)]
pub(crate) struct PageValues<'a> {
    pub kind: PageKind,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub lang: &'a str,
    /// Marked `draft: true` (only in the preview or a build with `--drafts`).
    pub draft: bool,
    /// The direction of the page's language: `ltr`, or `rtl` for Arabic, Hebrew…
    pub dir: &'static str,
    /// The page's URL path, under the base path: use it for links.
    pub url: String,
    /// The full address: use it for canonical links and sharing.
    pub permalink: String,
    pub content: &'a str,
    pub toc: &'a [Heading],
    pub word_count: usize,
    pub reviewed: Option<&'a crate::content::page::Review>,
    pub sources: &'a [crate::content::page::Source],
    pub condition: Option<&'a crate::content::page::Condition>,
    /// For a condition: what its urgency tells the patient to do.
    pub care: Option<CareValues<'a>>,
}

/// `site` for pages in the language `lang`: the site's text, care actions and
/// listings in that language (a page not translated into it is listed in the
/// default language).
pub(crate) fn site_values<'a>(
    config: &'a Config,
    theme: &Theme,
    pages: &'a [Page],
    triages: &[CompiledTriage],
    lang: &str,
) -> SiteValues<'a> {
    let care = CareLevel::ALL
        .into_iter()
        .map(|level| {
            let values = care_values(config.care_in(level, lang), theme, lang);
            (level.id(), values)
        })
        .collect();
    let logo = config
        .brand
        .logo
        .as_deref()
        .map(|l| url_under(&config.base_path, l));
    let in_lang = |kind: PageKind, top_only: bool| -> Vec<&'a Page> {
        let wanted = |p: &&Page| p.kind == kind && (!top_only || !p.content_path.contains('/'));
        let translated: std::collections::HashSet<&str> = pages
            .iter()
            .filter(|p| p.lang == lang)
            .filter(wanted)
            .map(Page::translation_key)
            .collect();
        pages
            .iter()
            .filter(wanted)
            .filter(|p| {
                p.lang == lang
                    || (p.lang == config.language && !translated.contains(p.translation_key()))
            })
            .collect()
    };
    let topics = in_lang(PageKind::Topic, false)
        .into_iter()
        .map(|p| Summary {
            checker_url: triages
                .iter()
                .find(|t| t.triage.lang == p.lang && Some(&t.triage.topic) == p.topic.as_ref())
                .map(|t| config.url(&t.check_path)),
            ..summary_in(p, config, lang)
        })
        .collect();
    let top_pages = in_lang(PageKind::Plain, true)
        .into_iter()
        .map(|p| summary_in(p, config, lang))
        .collect();
    let locale = config.locale(lang);
    let homes = language_homes(config, theme);
    let text = config.translations.get(lang);
    let contact = text.map_or(config.brand.contact.as_deref(), |t| t.contact.as_deref());
    SiteValues {
        title: text.map_or(&config.title, |t| &t.title),
        description: text.map_or(&config.description, |t| &t.description),
        base_url: &config.base_url,
        base_path: &config.base_path,
        language: &config.language,
        lang: locale.lang.clone(),
        og_locale: locale.og.clone(),
        dir: direction(lang),
        homes,
        csp: config.content_security_policy(),
        home_url: config.url(&config.language_prefix(lang)),
        search_url: config.url(&format!("{}search/", config.language_prefix(lang))),
        brand: BrandValues {
            name: text.map_or(&config.brand.name, |t| &t.brand_name),
            logo_url: logo
                .as_deref()
                .map(|path| absolute_url(&config.base_url, &config.base_path, path)),
            logo,
            contact,
            contact_html: contact.map(contact_html),
        },
        care,
        services: &config.services_in(lang).0,
        topics,
        pages: top_pages,
    }
}

/// Every language's home page, named in that language (for the 404 page).
fn language_homes(config: &Config, theme: &Theme) -> Vec<LanguageHome> {
    config
        .languages
        .iter()
        .map(|code| {
            let strings = theme.strings_for(code);
            let word = |key: &str, default: &str| {
                strings.get(key).map_or(default, String::as_str).to_string()
            };
            let name = crate::config::language_name(code);
            let home = word("home", "Home");
            LanguageHome {
                lang: config.locale(code).lang.clone(),
                label: format!(
                    "{}{}{home}",
                    if name.is_empty() { code } else { name },
                    word("colon", ": ")
                ),
                name,
                home,
                url: config.url(&config.language_prefix(code)),
            }
        })
        .collect()
}

/// A care level's values, its label in the language `lang`.
pub(crate) fn care_values<'a>(action: &'a CareAction, theme: &Theme, lang: &str) -> CareValues<'a> {
    CareValues {
        level: action.level.id(),
        label: action.level.label_in(theme.strings_for(lang)),
        action: Cow::Borrowed(&action.action),
        phone: action.phone().map(Cow::Borrowed),
        tel: action.tel().map(Cow::Borrowed),
        call: action.call.as_ref().map(Cow::Borrowed),
        call_html: action.call.as_ref().map_or_else(String::new, |call| {
            crate::markdown::alerts::call_html(call, action.level, theme.labels_for(lang))
        }),
    }
}

/// The care card values of a topic outcome's own action (`action: { text, call }`).
pub(crate) fn action_values(
    level: CareLevel,
    text: &str,
    call: Option<crate::config::Call>,
    theme: &Theme,
    lang: &str,
) -> CareValues<'static> {
    let action = CareAction {
        level,
        action: text.to_string(),
        call,
    };
    let values = care_values(&action, theme, lang);
    CareValues {
        level: values.level,
        label: values.label,
        action: Cow::Owned(action.action.clone()),
        phone: action.phone().map(|p| Cow::Owned(p.to_string())),
        tel: action.tel().map(|t| Cow::Owned(t.to_string())),
        call_html: values.call_html,
        call: action.call.map(Cow::Owned),
    }
}

/// One care card of a condition page, written from its rules at one level (SPEC §4).
#[derive(Debug, Serialize)]
pub(crate) struct RuleCard<'a> {
    #[serde(flatten)]
    pub care: CareValues<'a>,
    /// "Get help now if you have:"
    pub intro: String,
    /// The level's rules in words, one per entry.
    pub signs: Vec<String>,
}

/// The care cards of every condition of `compiled` that has rules, by file: one per
/// level its rules reach, most urgent first, each listing the rules at that level in
/// words with the level's action and call. The checker and the page say the same.
pub(crate) fn care_cards(
    compiled: &CompiledTriage,
    config: &Config,
    theme: &Theme,
) -> Vec<(String, tera::Value)> {
    let triage = &compiled.triage;
    let lang = triage.lang.as_str();
    let strings = theme.strings_for(lang);
    let joiners = crate::triage::words::Joiners::from_strings(strings);
    triage
        .conditions
        .iter()
        .map(|condition| {
            let cards: Vec<RuleCard> = CareLevel::ALL
                .into_iter()
                .filter(|level| condition.rules.iter().any(|r| r.level == *level))
                .map(|level| {
                    let mut signs = Vec::new();
                    for rule in condition.rules.iter().filter(|r| r.level == level) {
                        let said =
                            crate::triage::words::entry(&triage.questions, &rule.when, &joiners);
                        if !signs.contains(&said) {
                            signs.push(said);
                        }
                    }
                    let key = format!("signs_intro_{}", level.id());
                    RuleCard {
                        care: care_values(config.care_in(level, lang), theme, lang),
                        intro: strings.get(&key).cloned().unwrap_or_default(),
                        signs,
                    }
                })
                .collect();
            (
                condition.key.clone(),
                tera::Value::from_serializable(&cards),
            )
        })
        .collect()
}

pub(crate) fn summary<'a>(page: &'a Page, config: &Config) -> Summary<'a> {
    Summary {
        title: &page.title,
        url: config.url(&page.url_path),
        summary: page.summary.as_deref(),
        urgency: page.condition.as_ref().map(|c| c.urgency.id()),
        also_called: page.condition.as_ref().map_or(&[], |c| &c.also_called),
        checker_url: None,
        lang: None,
    }
}

/// [`summary`] for a listing in the language `lang`: a page in another language
/// says which.
pub(crate) fn summary_in<'a>(page: &'a Page, config: &Config, lang: &str) -> Summary<'a> {
    Summary {
        lang: (page.lang != lang).then(|| config.locale(&page.lang).lang.clone()),
        ..summary(page, config)
    }
}

/// The brand's contact line as HTML, every phone number in it a `tel:` link.
fn contact_html(contact: &str) -> String {
    let mut html = String::with_capacity(contact.len() + 64);
    let mut at = 0;
    for range in phone::find_numbers(contact) {
        let number = &contact[range.clone()];
        html.push_str(&escape(&contact[at..range.start]));
        match phone::dialable(number) {
            Ok(tel) => html.push_str(&format!("<a href=\"tel:{tel}\">{}</a>", escape(number))),
            Err(_) => html.push_str(&escape(number)),
        }
        at = range.end;
    }
    html.push_str(&escape(&contact[at..]));
    html
}

/// A page's values for its template: `content` and `toc` are its body's HTML and
/// headings, which only a body not yet spent has.
pub(crate) fn page_values<'a>(
    page: &'a Page,
    content: &'a str,
    toc: &'a [Heading],
    word_count: usize,
    config: &'a Config,
    theme: &Theme,
) -> PageValues<'a> {
    PageValues {
        kind: page.kind,
        title: &page.title,
        summary: page.summary.as_deref(),
        lang: &page.lang,
        draft: page.draft,
        dir: direction(&page.lang),
        url: config.url(&page.url_path),
        permalink: config.permalink(&page.url_path),
        content,
        toc,
        word_count,
        reviewed: page.reviewed.as_ref(),
        sources: &page.sources,
        condition: page.condition.as_ref(),
        care: page
            .condition
            .as_ref()
            .map(|c| care_values(config.care_in(c.urgency, &page.lang), theme, &page.lang)),
    }
}

/// The writing direction of a language (BCP 47 tag): right to left for Arabic, Hebrew,
/// Persian, Urdu and the other right-to-left scripts' usual languages.
pub(crate) fn direction(lang: &str) -> &'static str {
    const RTL: [&str; 9] = ["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv"];
    if RTL.contains(&lang.split('-').next().unwrap_or(lang)) {
        "rtl"
    } else {
        "ltr"
    }
}

/// A path under the base path as a full address: `/careleaf/logo.svg` with
/// `https://x.org/careleaf/` → `https://x.org/careleaf/logo.svg`.
fn absolute_url(base_url: &str, base_path: &str, path: &str) -> String {
    match (
        path.strip_prefix(base_path),
        base_url.strip_suffix(base_path),
    ) {
        (Some(rest), Some(origin)) => format!("{origin}{base_path}{rest}"),
        _ => path.to_string(),
    }
}

/// `/logo.svg` → `{base_path}logo.svg`; full addresses are left alone.
pub(crate) fn url_under(base_path: &str, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => format!("{base_path}{rest}"),
        _ => url.to_string(),
    }
}
