//! What a page shows of other pages, built once per render: each topic's summary and
//! its conditions (most urgent first), each topic's checker address, and every
//! language's version of each page.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use tera::{Context, Value};

use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::render::context;

/// Per (language, topic folder): the topic's summary and its conditions, built once
/// as template values and shared by every page of the topic.
#[derive(Default)]
pub(super) struct Listings {
    pub topics: HashMap<TopicKey, Value>,
    pub conditions: HashMap<TopicKey, Value>,
    /// The URL of each topic's "What should I do?" checker.
    pub checkers: HashMap<TopicKey, String>,
    /// Per page (its file without the language), every language's version of it.
    pub translations: HashMap<String, Vec<Translation>>,
}

/// One language's version of a page, for `hreflang` links.
#[derive(Debug, Clone, serde::Serialize)]
pub(super) struct Translation {
    lang: String,
    /// The language's name in itself, for the language switcher: `English`, `中文`.
    name: &'static str,
    /// The page's address in that language, under the base path (for links).
    url: String,
    permalink: String,
}

impl Translation {
    /// The version in `lang` at `url_path` (relative to the base path).
    pub(super) fn new(lang: &str, url_path: &str, config: &Config) -> Translation {
        Translation {
            lang: lang.to_string(),
            name: language_name(lang),
            url: config.url(url_path),
            permalink: config.permalink(url_path),
        }
    }
}

/// A language's name as its speakers write it; the code itself when not known.
fn language_name(lang: &str) -> &'static str {
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

/// A topic in one language: (language, topic folder).
pub type TopicKey = (String, String);

impl Listings {
    /// Builds the listings of every topic, or only of the topics in `only`.
    pub fn build(config: &Config, pages: &[Page], only: Option<&HashSet<TopicKey>>) -> Listings {
        let mut by_topic: HashMap<(String, String), Vec<&Page>> = HashMap::new();
        let mut topics = HashMap::new();
        for page in pages {
            let Some(topic) = &page.topic else { continue };
            // `only` names a topic or two: compared, not hashed, so that a page outside
            // them (nearly all, in the preview) costs no allocation.
            let wanted = |only: &HashSet<TopicKey>| {
                only.iter()
                    .any(|(lang, name)| *lang == page.lang && name == topic)
            };
            match page.kind {
                PageKind::Condition if only.is_none_or(wanted) => by_topic
                    .entry((page.lang.clone(), topic.clone()))
                    .or_default()
                    .push(page),
                PageKind::Topic => {
                    topics.insert(
                        (page.lang.clone(), topic.clone()),
                        Value::from_serializable(&context::summary(page, config)),
                    );
                }
                _ => {}
            }
        }
        // Each topic's list is sorted and turned into template values on its own: in
        // parallel, since a large site's listings hold every condition.
        let conditions = by_topic
            .into_par_iter()
            .map(|(key, mut list)| {
                list.sort_by(|a, b| {
                    let rank = |p: &Page| {
                        p.condition
                            .as_ref()
                            .map_or(usize::MAX, |c| c.urgency.rank())
                    };
                    (rank(a), a.weight, &a.title).cmp(&(rank(b), b.weight, &b.title))
                });
                let summaries: Vec<_> = list.iter().map(|p| context::summary(p, config)).collect();
                (key, Value::from_serializable(&summaries))
            })
            .collect();
        let mut translations: HashMap<String, Vec<Translation>> = HashMap::new();
        if config.languages.len() > 1 {
            for page in pages {
                translations
                    .entry(page.translation_key().to_string())
                    .or_default()
                    .push(Translation::new(&page.lang, &page.url_path, config));
            }
        }
        Listings {
            topics,
            conditions,
            checkers: HashMap::new(),
            translations,
        }
    }

    /// Adds to a page's template values what it shows of other pages: its topic, the
    /// topic's conditions and checker, and its translations.
    pub fn insert_for(&self, page: &Page, cx: &mut Context) {
        if let Some(translations) = self
            .translations
            .get(page.translation_key())
            .filter(|t| t.len() > 1)
        {
            cx.insert("translations", translations);
        }
        let Some(topic) = &page.topic else { return };
        let key = (page.lang.clone(), topic.clone());
        if let Some(list) = self.conditions.get(&key) {
            cx.insert_value("conditions", list.clone());
        }
        if let Some(topic_page) = self.topics.get(&key) {
            cx.insert_value("topic", topic_page.clone());
        }
        if let Some(url) = self.checkers.get(&key) {
            cx.insert("checker_url", url);
        }
    }
}
