//! What a page shows of other pages, built once per render: each topic's summary and
//! its conditions (most urgent first), each topic's checker address, and every
//! language's version of each page.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use tera::{Context, Value};

use crate::collation::Collation;
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

/// One language's version of a page, for `hreflang` links and the language
/// switcher.
#[derive(Debug, Clone, serde::Serialize)]
pub(super) struct Translation {
    /// The language as browsers are told it: `zh-Hans`.
    lang: String,
    /// The language's name in itself, for the language switcher: `English`, `中文`.
    name: &'static str,
    /// The page's address in that language, under the base path (for links).
    url: String,
    permalink: String,
    /// For a language with no version of the page: the switcher links to that
    /// language's home page instead, and this is the note it shows (`首页`). Such a
    /// link is not an `hreflang` alternate.
    home: Option<String>,
}

impl Translation {
    /// The version in `lang` at `url_path` (relative to the base path).
    pub(super) fn new(lang: &str, url_path: &str, config: &Config) -> Translation {
        Translation {
            lang: config.locale(lang).lang.clone(),
            name: crate::config::language_name(lang),
            url: config.url(url_path),
            permalink: config.permalink(url_path),
            home: None,
        }
    }
}

/// A topic in one language: (language, topic folder).
pub(crate) type TopicKey = (String, String);

impl Listings {
    /// Builds the listings of every topic, or only of the topics in `only`. A
    /// condition with no version in one of the site's languages is listed in that
    /// language's topic too, in its own language (its summary says which), so no
    /// reader is kept from it; `home_note` is each language's word for the home page
    /// the language switcher offers when a page has no version in it.
    pub(super) fn build(
        config: &Config,
        pages: &[Page],
        only: Option<&HashSet<TopicKey>>,
        home_note: impl Fn(&str) -> String,
    ) -> Listings {
        let mut by_topic: HashMap<(String, String), Vec<&Page>> = HashMap::new();
        let others = &config.languages[1..];
        let translated: HashSet<(&str, &str)> = if others.is_empty() {
            HashSet::new()
        } else {
            pages
                .iter()
                .filter(|p| p.lang != config.language)
                .map(|p| (p.lang.as_str(), p.translation_key()))
                .collect()
        };
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
                PageKind::Condition => {
                    if only.is_none_or(wanted) {
                        by_topic
                            .entry((page.lang.clone(), topic.clone()))
                            .or_default()
                            .push(page);
                    }
                    if page.lang == config.language {
                        for lang in others {
                            let key = (lang.as_str(), page.translation_key());
                            let listed = only.is_none_or(|o| {
                                o.iter().any(|(l, name)| l == lang && name == topic)
                            });
                            if listed && !translated.contains(&key) {
                                by_topic
                                    .entry((lang.clone(), topic.clone()))
                                    .or_default()
                                    .push(page);
                            }
                        }
                    }
                }
                PageKind::Topic => {
                    topics.insert(
                        (page.lang.clone(), topic.clone()),
                        Value::from_serializable(&context::summary(page, config)),
                    );
                }
                _ => {}
            }
        }
        Listings {
            topics,
            conditions: sorted_conditions(by_topic, config),
            checkers: HashMap::new(),
            translations: switchers(config, pages, home_note),
        }
    }

    /// Adds to a page's template values what it shows of other pages: its topic, the
    /// topic's conditions and checker, and its translations.
    pub(super) fn insert_for(&self, page: &Page, cx: &mut Context) {
        if let Some(translations) = self.translations.get(page.translation_key()) {
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

/// Each topic's conditions, most urgent first, then by weight, then in the order of
/// titles of the listing's language, as template values: each list on its own, in
/// parallel, since a large site's listings hold every condition.
fn sorted_conditions(
    by_topic: HashMap<TopicKey, Vec<&Page>>,
    config: &Config,
) -> HashMap<TopicKey, Value> {
    by_topic
        .into_par_iter()
        .map(|(key, mut list)| {
            let collation = Collation::new(&key.0);
            let rank = |p: &Page| {
                p.condition
                    .as_ref()
                    .map_or(usize::MAX, |c| c.urgency.rank())
            };
            list.sort_by(|a, b| {
                (rank(a), a.weight)
                    .cmp(&(rank(b), b.weight))
                    .then_with(|| collation.compare(&a.title, &b.title))
            });
            let summaries: Vec<_> = list
                .iter()
                .map(|p| context::summary_in(p, config, &key.0))
                .collect();
            (key, Value::from_serializable(&summaries))
        })
        .collect()
}

/// Per page (its file without the language), its language switcher: every language
/// in the site's order, with the page's version in it or that language's home page
/// (noted with `home_note`). Empty on a site of one language.
fn switchers(
    config: &Config,
    pages: &[Page],
    home_note: impl Fn(&str) -> String,
) -> HashMap<String, Vec<Translation>> {
    let mut translations = HashMap::new();
    if config.languages.len() < 2 {
        return translations;
    }
    let mut found: HashMap<&str, Vec<&Page>> = HashMap::new();
    for page in pages {
        found.entry(page.translation_key()).or_default().push(page);
    }
    for (key, versions) in found {
        let list = config
            .languages
            .iter()
            .map(|lang| match versions.iter().find(|p| p.lang == *lang) {
                Some(page) => Translation::new(lang, &page.url_path, config),
                None => Translation {
                    home: Some(home_note(lang)),
                    ..Translation::new(lang, &config.language_prefix(lang), config)
                },
            })
            .collect();
        translations.insert(key.to_string(), list);
    }
    translations
}
