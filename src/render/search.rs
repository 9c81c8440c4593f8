//! The search index: a small JSON file (`search.json`) with, for every page, its
//! title, other names, summary, symptoms and red flags, and the distinct words of its
//! text. `search.js` (in the theme, about 1 KB) loads it from the site itself and
//! searches in the browser: nothing typed leaves the device. Without JavaScript the
//! search page lists every condition.
//!
//! Why not an engine: elasticlunr-rs needs elasticlunr.js in the browser (third-party
//! code at run time, 10x the size), Pagefind a Node or binary step in every build; at
//! the scale of a clinic's site an AND-search over prefixes is all patients need.

use serde::Serialize;

use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::markdown::Rendered;

#[derive(Serialize)]
struct Entry<'a> {
    /// Title.
    t: &'a str,
    /// URL (under the base path).
    u: String,
    /// Summary.
    s: &'a str,
    /// Other names, symptoms and red flags, joined.
    k: String,
    /// The urgency (conditions only).
    #[serde(skip_serializing_if = "Option::is_none")]
    g: Option<&'static str>,
    /// The distinct words of the body, lower-case, space-separated.
    w: &'a str,
}

/// The search index of the pages in the language `lang`.
pub fn index<'a>(pages: &'a [Page], bodies: &'a [Rendered], config: &Config, lang: &str) -> String {
    let entries: Vec<Entry<'_>> = pages
        .iter()
        .zip(bodies)
        .filter(|(p, _)| p.lang == lang && p.kind != PageKind::Home)
        .map(|(page, body)| {
            let keywords: Vec<&str> = page
                .condition
                .iter()
                .flat_map(|c| c.also_called.iter().chain(&c.symptoms).chain(&c.red_flags))
                .map(String::as_str)
                .collect();
            Entry {
                t: &page.title,
                u: config.url(&page.url_path),
                s: page.summary.as_deref().unwrap_or(""),
                k: keywords.join(" · "),
                g: page.condition.as_ref().map(|c| c.urgency.id()),
                w: &body.words,
            }
        })
        .collect();
    serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_string())
}
