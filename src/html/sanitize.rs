//! What raw HTML in an author's Markdown may carry into a patient's page: an
//! allow-list, applied by ammonia on html5ever (a real HTML5 parser, so entities,
//! case, white space and broken markup are read as a browser reads them).
//!
//! One policy serves two ends. [`clean`] rewrites a page's HTML to what the policy
//! allows; [`audit`] reads one piece of raw HTML and names what `clean` will drop,
//! so that `check` and `build` can point at its line. Both read the same tables.
//!
//! Allowed: text markup (`<abbr>`, `<details>`, tables…), `class`, `id`, `lang`,
//! `title`, `role` and `aria-*`; links to `http`, `https`, `mailto` and `tel` or to a
//! relative address; images, video, audio and frames from the site itself, or from an
//! origin `site.yaml`'s `embeds:` names. Everything else (scripts, styles, forms,
//! event handlers, `javascript:`, `data:` and other schemes, and loads from other
//! sites) is dropped.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements kept (their attributes are filtered).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Elements dropped with everything inside them (the rest keep their text).
const DROPPED_WITH_CONTENT: &[&str] = &["script", "style", "template", "noscript", "textarea"];

/// Attributes any kept element may have.
const GENERIC: &[&str] = &[
    "class",
    "id",
    "lang",
    "dir",
    "title",
    "role",
    "hidden",
    "translate",
    // The care cards' own markup, which the checker's script reads.
    "data-care-level",
    "data-out-of-hours",
];

/// Attributes by element.
const BY_TAG: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("audio", &["src", "controls", "preload", "loop", "muted"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("data", &["value"]),
    ("del", &["datetime"]),
    ("details", &["open"]),
    (
        "iframe",
        &["src", "width", "height", "allowfullscreen", "loading"],
    ),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("input", &["type", "checked", "disabled"]),
    ("ins", &["datetime"]),
    ("li", &["value"]),
    ("ol", &["start", "reversed", "type"]),
    ("source", &["src", "type", "media"]),
    ("td", &["colspan", "rowspan", "align"]),
    ("th", &["colspan", "rowspan", "align", "scope"]),
    ("time", &["datetime"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    (
        "video",
        &[
            "src",
            "poster",
            "controls",
            "width",
            "height",
            "preload",
            "loop",
            "muted",
            "playsinline",
        ],
    ),
];

/// The schemes a link may use; an address without a scheme is relative.
pub(crate) const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Whether the attribute loads something into the page (rather than linking to it).
fn loads(tag: &str, attr: &str) -> bool {
    matches!(
        (tag, attr),
        (
            "img" | "iframe" | "audio" | "video" | "source" | "track",
            "src"
        ) | ("video", "poster")
    )
}

/// Rewrites `html` to what the policy allows. `origins` are the sites (like
/// `https://www.youtube-nocookie.com`) that images, video and frames may load from.
pub fn clean(html: &str, origins: &[String]) -> String {
    let origins: Vec<String> = origins.to_vec();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC.iter().copied().collect())
        .generic_attribute_prefixes(HashSet::from(["aria-"]))
        .tag_attributes(
            BY_TAG
                .iter()
                .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
                .collect::<HashMap<_, HashSet<_>>>(),
        )
        .tag_attribute_values(HashMap::from([(
            "input",
            HashMap::from([("type", HashSet::from(["checkbox"]))]),
        )]))
        .url_schemes(SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |tag, attr, value| {
            if loads(tag, attr) && !loads_from_allowed(value, &origins) {
                None
            } else {
                Some(Cow::Borrowed(value))
            }
        });
    builder.clean(html).to_string()
}

/// Whether a (decoded) address that loads into the page stays on this site, or goes
/// to one of `origins`.
fn loads_from_allowed(value: &str, origins: &[String]) -> bool {
    let url = browser_form(value);
    match off_site_origin(&url) {
        None => true,
        Some(origin) => origins
            .iter()
            .any(|o| o.trim_end_matches('/').eq_ignore_ascii_case(&origin)),
    }
}

/// The address as a browser reads it: leading and trailing spaces and control
/// characters trimmed, tabs and line breaks inside removed.
fn browser_form(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The origin (`https://host:port`, lower-case) of an address on another site, or
/// `None` for a same-site (relative) address. An address with a scheme other than
/// http(s) counts as another site, named by its scheme.
fn off_site_origin(url: &str) -> Option<String> {
    let starts_like_authority = {
        let mut chars = url.chars();
        matches!(
            (chars.next(), chars.next()),
            (Some('/' | '\\'), Some('/' | '\\'))
        )
    };
    if starts_like_authority {
        return Some(format!("//{}", authority(&url[2..])));
    }
    let scheme = scheme_of(url)?;
    let rest = &url[scheme.len() + 1..];
    if matches!(scheme.as_str(), "http" | "https") {
        let rest = rest.trim_start_matches(['/', '\\']);
        Some(format!("{scheme}://{}", authority(rest)))
    } else {
        Some(format!("{scheme}:"))
    }
}

fn authority(rest: &str) -> String {
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.rsplit('@').next().unwrap_or(host);
    host.to_ascii_lowercase()
}

/// The scheme of a URL in browser form (lower-case), if it has one: letters, digits,
/// `+`, `-` and `.` after a letter, ending at a `:` before any `/`, `?` or `#`.
pub(crate) fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then(|| scheme.to_ascii_lowercase())
}

/// Whether a link's address may be published: relative, or with an allowed scheme.
pub(crate) fn is_allowed_link(url: &str) -> bool {
    scheme_of(&browser_form(url)).is_none_or(|s| SCHEMES.contains(&s.as_str()))
}

/// The origin (`https://host`, lower-case) an address loads from when it is on
/// another site, read as a browser reads it; `None` for this site's own addresses.
pub(crate) fn other_site(url: &str) -> Option<String> {
    off_site_origin(&browser_form(url))
}

/// Whether an address loads from this site or from one of `origins`.
pub(crate) fn is_allowed_load(url: &str, origins: &[String]) -> bool {
    let url = browser_form(url);
    (scheme_of(&url).is_none() || url.starts_with("http")) && loads_from_allowed(&url, origins)
}

/// Something [`clean`] drops from a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dropped {
    /// The line within the piece, from 1.
    pub line: usize,
    /// What is dropped, as the author wrote it: `<script>`, `onclick`, `src="https://…"`.
    pub what: String,
    /// Why, in a few words.
    pub why: &'static str,
}

/// What [`clean`] would drop from `fragment`, in order. The fragment is tokenized as
/// HTML5 does (entities decoded, names lower-cased), so what it names is what a
/// browser would have seen.
pub(crate) fn audit(fragment: &str, origins: &[String]) -> Vec<Dropped> {
    let sink = Audit {
        origins,
        found: RefCell::new(Vec::new()),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(fragment.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.into_inner()
}

struct Audit<'o> {
    origins: &'o [String],
    found: RefCell<Vec<Dropped>>,
}

impl TokenSink for Audit<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind == TagKind::EndTag {
            return TokenSinkResult::Continue;
        }
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        let mut found = self.found.borrow_mut();
        let name: &str = &tag.name;
        if !TAGS.contains(&name) {
            let why = if DROPPED_WITH_CONTENT.contains(&name) {
                "dropped with what is inside it"
            } else {
                "not allowed; its text is kept"
            };
            found.push(Dropped {
                line,
                what: format!("<{name}>"),
                why,
            });
            return TokenSinkResult::Continue;
        }
        let by_tag = BY_TAG
            .iter()
            .find(|(t, _)| *t == name)
            .map_or(&[][..], |(_, a)| a);
        for attr in &tag.attrs {
            let attr_name: &str = &attr.name.local;
            let value: &str = &attr.value;
            let allowed_name = GENERIC.contains(&attr_name)
                || attr_name.starts_with("aria-")
                || by_tag.contains(&attr_name);
            let problem = if !allowed_name {
                Some((
                    attr_name.to_string(),
                    if attr_name.starts_with("on") {
                        "runs code"
                    } else {
                        "not allowed"
                    },
                ))
            } else if loads(name, attr_name) && !is_allowed_load(value, self.origins) {
                Some((
                    format!("{attr_name}=\"{value}\""),
                    "loads from another site that site.yaml's `embeds:` does not name",
                ))
            } else if (attr_name == "href" || attr_name == "src") && !is_allowed_link(value) {
                Some((
                    format!("{attr_name}=\"{value}\""),
                    "its address runs code or is not a web, mail or phone address",
                ))
            } else if name == "input" && attr_name == "type" && value != "checkbox" {
                Some((format!("type=\"{value}\""), "only check boxes are allowed"))
            } else {
                None
            };
            if let Some((what, why)) = problem {
                found.push(Dropped {
                    line,
                    what: format!("<{name} {what}>"),
                    why,
                });
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests;
