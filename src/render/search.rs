//! The search index: for every page, its title, other names, summary, symptoms and red
//! flags, and the distinct words of its text, split into small files by term prefix so
//! that a query downloads only what it needs (see [`index_files`]). `search.js` (in the
//! theme) loads them from the site itself and searches in the browser: nothing typed
//! leaves the device. Without JavaScript the search page lists every condition.
//!
//! Why not an engine: elasticlunr-rs needs elasticlunr.js in the browser (third-party
//! code at run time, 10x the size), Pagefind a Node or binary step in every build; at
//! the scale of a clinic's site, prefix lookups in sharded postings are all patients
//! need.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::markdown::Rendered;

/// Pages per file of titles, addresses and summaries (`d0.json`, `d1.json`…): a
/// search fetches only the files of the results it shows.
pub(crate) const DOCS_PER_FILE: usize = 32;

/// An index whose terms take more than this (about, in bytes) is split into files by
/// term prefix; a smaller one is one file, `t.json`.
pub(crate) const SPLIT_ABOVE: usize = 64_000;

/// A term file of a split index larger than this (about, in bytes) is split again by
/// the first three letters of its terms; see `deepen`.
pub(crate) const DEEP_ABOVE: usize = 64_000;

/// The search index of the pages in the language `lang`, as files under `search/`:
/// `index.json` (how many pages, each one's urgency for ranking ties, whether the
/// terms are split, and which files of two letters are split again: `deep`),
/// `dN.json` (each page's title, address and summary, [`DOCS_PER_FILE`] at a time) and
/// the terms: one file, `t.json`, or on a large site one file per term prefix (see
/// [`shard_file`] and `deepen`). Each term lists the pages that have it (each as the
/// gap from the page before) and the most a field of theirs counts (title 8, other
/// names and symptoms 4, summary 2, text 1). A query fetches `index.json`, the term
/// files of its words and the page files of the results it shows: at 10,000 pages,
/// about 60 KB rather than the whole index.
pub(crate) fn index_files(
    pages: &[Page],
    bodies: &[Rendered],
    config: &Config,
    lang: &str,
) -> Vec<(String, String)> {
    let docs: Vec<(&Page, &Rendered)> = pages
        .iter()
        .zip(bodies)
        .filter(|(p, _)| p.lang == lang && p.kind != PageKind::Home)
        .collect();
    // term → [(page, weight)], pages in order: a page's terms are added together, so
    // a term seen again on the same page is its last entry.
    let mut terms: FxHashMap<String, Vec<(u32, u8)>> = FxHashMap::default();
    for (doc, (page, body)) in docs.iter().enumerate() {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        let keywords: Vec<&str> = page
            .condition
            .iter()
            .flat_map(|c| c.also_called.iter().chain(&c.symptoms).chain(&c.red_flags))
            .map(String::as_str)
            .collect();
        let fields = [
            (page.title.as_str(), 8u8),
            (&keywords.join(" · "), 4),
            (page.summary.as_deref().unwrap_or(""), 2),
            (&body.words, 1),
        ];
        for (text, weight) in fields {
            for_each_term(text, |term| {
                // Most terms are there already: look up before allocating.
                let list = match terms.get_mut(term) {
                    Some(list) => list,
                    None => terms.entry(term.to_string()).or_default(),
                };
                match list.last_mut() {
                    Some((d, w)) if *d == doc => *w = (*w).max(weight),
                    _ => list.push((doc, weight)),
                }
            });
        }
    }
    let mut lists: Vec<(String, Vec<i64>)> = terms
        .into_iter()
        .map(|(term, postings)| (term, postings_list(&postings)))
        .collect();
    lists.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // A small index is one file of terms; a large one is split by term prefix.
    let size: usize = lists.iter().map(|(t, l)| t.len() + 4 * l.len()).sum();
    let split = size > SPLIT_ABOVE;
    let mut shards: Shards = BTreeMap::new();
    for (term, list) in lists {
        let file = if split {
            shard_file(&term)
        } else {
            "t.json".to_string()
        };
        shards.entry(file).or_default().insert(term, list);
    }
    let deep = if split {
        deepen(&mut shards)
    } else {
        Vec::new()
    };
    let mut files = Vec::with_capacity(shards.len() + docs.len() / DOCS_PER_FILE + 2);
    let ranks: String = docs
        .iter()
        .map(|(p, _)| match &p.condition {
            Some(c) => char::from(b'0' + c.urgency.rank() as u8),
            None => '9',
        })
        .collect();
    let mut index = serde_json::json!({ "pages": docs.len(), "per_file": DOCS_PER_FILE, "split": split, "ranks": ranks });
    if !deep.is_empty() {
        index["deep"] = serde_json::json!(deep);
    }
    files.push(("index.json".to_string(), index.to_string()));
    for (n, chunk) in docs.chunks(DOCS_PER_FILE).enumerate() {
        let rows: Vec<(&str, String, &str, Option<&str>)> = chunk
            .iter()
            .map(|(page, _)| {
                (
                    page.title.as_str(),
                    config.url(&page.url_path),
                    page.summary.as_deref().unwrap_or(""),
                    page.condition.as_ref().map(|c| c.urgency.id()),
                )
            })
            .collect();
        files.push((format!("d{n}.json"), to_json(&rows)));
    }
    for (file, terms) in shards {
        files.push((file, to_json(&terms)));
    }
    files
}

/// A term's postings (page, weight), pages in order, as its list in the index: each
/// page as the gap from the one before and its weight, `[gap, weight, …]` (small
/// numbers, short files), and a pair that repeats, as a word on page after page does,
/// once after how many times: `[-times, gap, weight]`. On a site of 50,000 pages a
/// word on every one is a few numbers, not 100,000.
fn postings_list(postings: &[(u32, u8)]) -> Vec<i64> {
    let mut pairs = Vec::with_capacity(postings.len());
    let mut last = 0;
    for &(doc, weight) in postings {
        pairs.push((i64::from(doc - last), i64::from(weight)));
        last = doc;
    }
    let mut list = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let times = pairs[i..].iter().take_while(|&&p| p == pairs[i]).count();
        let (gap, weight) = pairs[i];
        if times >= 2 {
            list.extend([-(times as i64), gap, weight]);
        } else {
            list.extend([gap, weight]);
        }
        i += times;
    }
    list
}

/// The files of terms of a split index: file name → term → postings.
type Shards = BTreeMap<String, BTreeMap<String, Vec<i64>>>;

/// Splits again each file of two letters' terms larger than [`DEEP_ABOVE`] (on a site
/// of 50,000 pages, "pa" alone is 400 KB): its terms of three letters or more go to the
/// file of their first three (`tHEX.json`, hex of their UTF-8); those of two stay.
/// Returns the two letters' hex of each file split, for `index.json`'s `deep`.
fn deepen(shards: &mut Shards) -> Vec<String> {
    let size = |terms: &BTreeMap<String, Vec<i64>>| -> usize {
        terms.iter().map(|(t, l)| t.len() + 4 * l.len()).sum()
    };
    let large: Vec<String> = shards
        .iter()
        .filter(|(file, terms)| file.starts_with('t') && size(terms) > DEEP_ABOVE)
        .map(|(file, _)| file.clone())
        .collect();
    let mut deep = Vec::with_capacity(large.len());
    for file in large {
        let Some(terms) = shards.remove(&file) else {
            continue;
        };
        deep.push(file["t".len()..file.len() - ".json".len()].to_string());
        for (term, list) in terms {
            let into = if term.chars().nth(2).is_some() {
                letters_file(&term, 3)
            } else {
                file.clone()
            };
            shards.entry(into).or_default().insert(term, list);
        }
    }
    deep
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string())
}

/// Gives `f` each term a text is found by, as `search.js` looks them up: each word
/// (a run of letters and digits, lower-case, two or more long); for a word with
/// Chinese or Japanese characters, each of them and each pair of neighbours instead.
fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let mut lower = String::new();
    let mut buffer = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = if word.chars().any(char::is_uppercase) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            word
        };
        if word.chars().any(is_cjk) {
            let mut previous: Option<char> = None;
            for c in word.chars() {
                buffer.clear();
                buffer.push(c);
                f(&buffer);
                if let Some(p) = previous {
                    buffer.clear();
                    buffer.push(p);
                    buffer.push(c);
                    f(&buffer);
                }
                previous = Some(c);
            }
        } else if word.chars().nth(1).is_some() {
            f(word);
        }
    }
}

/// The file a term is in when the index is split: for a Chinese or Japanese term, one
/// of 256 files by its first character (`cHH.json`, its code point modulo 256); else
/// the file of its first two letters (`tHEX.json`, hex of their UTF-8), or of its
/// first three where that file was split again (`deepen`).
pub(crate) fn shard_file(term: &str) -> String {
    match term.chars().next() {
        Some(c) if is_cjk(c) => format!("c{:02x}.json", u32::from(c) % 256),
        Some(_) => letters_file(term, 2),
        None => "t.json".to_string(),
    }
}

/// `tHEX.json`: the hex of the UTF-8 of `term`'s first `letters` letters.
fn letters_file(term: &str, letters: usize) -> String {
    let key: String = term.chars().take(letters).collect();
    format!(
        "t{}.json",
        key.bytes().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// Letters of scripts written without spaces, as `search.js`'s `CJK` has them.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_term(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn terms_are_words_or_chinese_characters_and_pairs() {
        assert_eq!(
            index_terms("Shoulder-tip pain, a"),
            ["shoulder", "tip", "pain"]
        );
        let mut chinese = index_terms("肩膀痛");
        chinese.sort();
        let mut expected = ["肩", "膀", "痛", "肩膀", "膀痛"];
        expected.sort();
        assert_eq!(chinese, expected);
        assert_eq!(shard_file("shoulder"), "t7368.json");
        assert_eq!(shard_file("肩膀"), "ca9.json", "肩 is U+80A9");
    }

    #[test]
    fn postings_are_gaps_and_weights_with_repeats_counted() {
        // Pages 0, 1, 2, 3 in the text (weight 1), 5 in a title (8), 6 and 7 in text.
        let postings = [(0, 1), (1, 1), (2, 1), (3, 1), (5, 8), (6, 1), (7, 1)];
        assert_eq!(postings_list(&postings), [0, 1, -3, 1, 1, 2, 8, -2, 1, 1]);
        assert_eq!(postings_list(&[(4, 2)]), [4, 2]);
    }

    #[test]
    fn a_large_file_of_two_letters_is_split_by_three() {
        let mut shards = Shards::new();
        let postings: Vec<i64> = (0..DEEP_ABOVE as i64 / 8).collect();
        let pa = shards.entry("t7061.json".into()).or_default();
        for term in ["pa", "pain", "palpitations", "passed"] {
            pa.insert(term.into(), postings.clone());
        }
        shards
            .entry("t7368.json".into())
            .or_default()
            .insert("shoulder".into(), vec![1, 8]);
        assert_eq!(deepen(&mut shards), ["7061"]);
        let files: Vec<(&str, Vec<&str>)> = shards
            .iter()
            .map(|(f, t)| (f.as_str(), t.keys().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            files,
            [
                ("t7061.json", vec!["pa"]),
                ("t706169.json", vec!["pain"]),
                ("t70616c.json", vec!["palpitations"]),
                ("t706173.json", vec!["passed"]),
                ("t7368.json", vec!["shoulder"]),
            ]
        );
    }
}
