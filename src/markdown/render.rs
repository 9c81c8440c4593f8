//! A page's Markdown body → HTML.
//!
//! CommonMark with GFM tables, footnotes, strikethrough, task lists, alerts (as care
//! cards) and smart punctuation. On the way through, links are rewritten: `@/file.md`
//! becomes the page's URL (a broken one is a diagnostic at its line and column), and a
//! site-absolute `/path` gets the site's base path so the site works under `/repo/`.
//! Headings get stable `id`s for anchors.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::care::CareLevel;
use crate::config::{CareAction, RawHtml, SiteText};
use crate::content::links::BrokenLink;
use crate::content::{LinkMap, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::html;
use crate::markdown::alerts::{self, CardLabels};
use crate::markdown::highlight;

/// What a page's body renders to.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body's HTML and headings, from the load until its page is written.
    pub page: BodyHtml,
    pub word_count: usize,
    /// The files this body links to with `@/` (paths under `content/`), so a change to
    /// one of them can re-render this page.
    pub links: Vec<String>,
    /// The distinct words (three letters or more, lower-case) of the text, sorted
    /// and space-separated: what the search index holds of the body.
    pub words: String,
    /// How hard the text is to read (none for a page without text).
    pub readability: Option<crate::readability::Readability>,
    /// What an editor should hear of the body that does not stop a build: images
    /// without alt text (an error for `check`), `http://` links, harmless raw HTML,
    /// phone numbers that are not the site's.
    /// Found in the same pass that renders it; `check` reports them.
    pub lints: Vec<Diagnostic>,
}

/// What only a body's own page needs of it: a state of the page, said.
#[derive(Debug, Clone, Default)]
pub enum BodyHtml {
    /// Rendered, for its page to be written.
    Unwritten {
        html: String,
        /// The `##` headings, for an "on this page" list.
        toc: Vec<Heading>,
    },
    /// The page is written and the HTML gone ([`Rendered::spend`]): writing the page
    /// again needs its body rendered again.
    #[default]
    Spent,
}

impl Rendered {
    /// Drops what only the page's own file needs (its HTML and headings), once that
    /// file is written: what stays is what the search index and the editors' page need.
    pub fn spend(&mut self) {
        self.page = BodyHtml::Spent;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// What the renderer needs from the rest of the site.
pub struct MarkdownContext<'a> {
    pub links: &'a LinkMap,
    pub base_path: &'a str,
    /// The care cards' labels in the site's language…
    pub labels: &'a CardLabels,
    /// …and in its other languages (a page gets its own language's).
    pub translated_labels: Option<&'a std::collections::BTreeMap<String, CardLabels>>,
    /// The site's care actions, most urgent first, for care cards and `care:` links…
    pub care: &'a [CareAction],
    /// …and in its other languages (a page gets its own language's).
    pub translated_care: Option<&'a std::collections::BTreeMap<String, SiteText>>,
    /// What raw HTML may do (`site.yaml`'s `raw_html`).
    pub raw_html: RawHtml,
    /// The other sites images, video and frames may load from (`site.yaml`'s `embeds`).
    pub embeds: &'a [String],
    /// Whether a file (`logo.svg`, `img/scan.png`) is among the site's and theme's
    /// static files; `None` where that is not known (then images are not checked).
    pub is_static: Option<StaticCheck<'a>>,
    /// The numbers `site.yaml` gives (its services' and care levels' `tel:`): with
    /// them, a phone number typed into a body that is not one of them is a lint
    /// ([`Rendered::lints`]); `None` where lints are not wanted.
    pub site_numbers: Option<&'a [&'a str]>,
}

/// See [`MarkdownContext::is_static`].
pub(crate) type StaticCheck<'a> = &'a (dyn Fn(&str) -> bool + Sync);

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The body pass of a load: every page's Markdown read once, in parallel, in page
/// order: checked (every content problem of a body, a broken `@/` link or image, an
/// unknown care level, raw HTML left out, is a diagnostic here, before anything is
/// rendered from a template) and turned into HTML, kept until the page is written.
/// Each page's text is then given to `release` ([`Page::release_text`] or
/// [`Page::release_body`]), so that a large site never holds its Markdown and its HTML
/// whole at once.
pub(crate) fn render_all(
    pages: &mut [Page],
    cx: &MarkdownContext<'_>,
    release: fn(&mut Page),
    diagnostics: &mut Diagnostics,
) -> Vec<Rendered> {
    use rayon::prelude::*;
    let results: Vec<(Rendered, Diagnostics)> = pages
        .par_iter_mut()
        .map(|page| {
            let mut problems = Diagnostics::default();
            let rendered = render(page, cx, &mut problems);
            release(page);
            (rendered, problems)
        })
        .collect();
    results
        .into_iter()
        .map(|(rendered, problems)| {
            diagnostics.append(problems);
            rendered
        })
        .collect()
}

/// Renders `page`'s body; broken internal links are recorded in `diagnostics`.
pub fn render(page: &Page, cx: &MarkdownContext<'_>, diagnostics: &mut Diagnostics) -> Rendered {
    let body = page.body();
    let mut events = Vec::new();
    let mut word_count = 0;
    let mut counter = crate::readability::Counter::collecting_words();
    let labels = cx
        .translated_labels
        .and_then(|t| t.get(&page.lang))
        .unwrap_or(cx.labels);
    let care = cx
        .translated_care
        .and_then(|t| t.get(&page.lang))
        .map_or(cx.care, |t| &t.care_levels);
    let mut state = BodyState {
        page,
        cx,
        labels,
        care,
        code: None,
        care_open: None,
        dropped_links: 0,
        links: Vec::new(),
        raw: None,
        has_raw_html: false,
        skipped_highlighting: None,
        table_cells: 0,
        image: None,
        lints: Vec::new(),
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let (Some((_, had_text)), Event::Text(_) | Event::Code(_)) =
            (&mut state.care_open, &event)
        {
            *had_text = true;
        }
        if state.code.is_none() {
            match &event {
                // The word count is of the text only (not code), as a reader sees it.
                Event::Text(text) => word_count += counter.text(text),
                other => counter.event(other),
            }
        }
        state.lint(&event, &range);
        if let Some(event) = state.map(event, range.start, diagnostics) {
            events.push(event);
        }
    }
    if let Some(offset) = state.skipped_highlighting {
        let at = page.body_start + offset;
        diagnostics.push(
            Diagnostic::warning(&page.source, "a code block is too large to highlight, so it is shown without colours")
                .at(Location::at_offset(&page.text, at.min(page.text.len()), 1))
                .with_help(format!("highlighting is skipped past {} KB or a line of {} characters; a shorter block (or a file in static/) is easier to read", highlight::MAX_BYTES / 1024, highlight::MAX_LINE)),
        );
    }
    if state.table_cells > MAX_TABLE_CELLS {
        diagnostics.push(
            Diagnostic::error(&page.source, format!("this page's tables have {} cells, more than the {MAX_TABLE_CELLS} a page may have", state.table_cells))
                .with_help("split the table over pages, or offer it as a file in static/ (a CSV a patient can download)"),
        );
    }
    join_cjk_lines(&mut events);
    let toc = add_heading_ids(&mut events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if state.has_raw_html && cx.raw_html == RawHtml::Safe {
        // The whole body, so that markup split across pieces of raw HTML (an opening
        // `<details>` here, its closing tag later) is judged as the browser reads it.
        html = html::sanitize::clean(&html, cx.embeds);
    }
    Rendered {
        page: BodyHtml::Unwritten { html, toc },
        word_count,
        links: state.links,
        words: counter.distinct_words(),
        readability: counter.finish(),
        lints: state.lints,
    }
}

/// What rendering one body keeps between events.
struct BodyState<'p, 'c> {
    page: &'p Page,
    cx: &'p MarkdownContext<'c>,
    /// The care cards' labels in the page's language.
    labels: &'c CardLabels,
    /// The care actions in the page's language.
    care: &'c [CareAction],
    /// A fenced code block being collected: (language, text).
    code: Option<(String, String)>,
    /// A `care:` link being rendered, and whether it has text of its own.
    care_open: Option<(&'c CareAction, bool)>,
    /// Unsafe links whose end is still to come (links do not nest, but be sure).
    dropped_links: usize,
    /// The files this body links to with `@/`.
    links: Vec<String>,
    /// A block of raw HTML being read: (its offset in the body, its text), judged
    /// whole when it ends (an element's attributes may be on the lines after it).
    raw: Option<(usize, String)>,
    /// Whether the body has raw HTML (then the sanitizer reads the whole body).
    has_raw_html: bool,
    /// Where the first code block too large to highlight ends (it is shown plain).
    skipped_highlighting: Option<usize>,
    /// Table cells so far: past [`MAX_TABLE_CELLS`], a page is refused.
    table_cells: usize,
    /// An image being read: (its offset in the body, its address, its alt text).
    image: Option<(usize, String, String)>,
    /// See [`Rendered::lints`].
    lints: Vec<Diagnostic>,
}

/// The most table cells a page may have (a large table costs about 300 bytes of memory
/// for each byte of Markdown while it renders; patients cannot read it on a phone).
pub(crate) const MAX_TABLE_CELLS: usize = 5_000;

impl<'c> BodyState<'_, 'c> {
    /// The event to write for `event` (at `offset` in the body), or none.
    fn map<'e>(
        &mut self,
        event: Event<'e>,
        offset: usize,
        diagnostics: &mut Diagnostics,
    ) -> Option<Event<'e>> {
        Some(match event {
            event @ (Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link)) => {
                return self.map_link(event, offset, diagnostics);
            }
            event @ (Event::Start(Tag::HtmlBlock)
            | Event::End(TagEnd::HtmlBlock)
            | Event::Html(_)
            | Event::InlineHtml(_)) => return Some(self.map_html(event, offset, diagnostics)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                for (name, value) in &attrs {
                    diagnostics.push(heading_attribute(self.page, offset, name, value.as_deref()));
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.check_image(&dest_url, offset, diagnostics);
                let dest_url = self.url(dest_url, offset, diagnostics);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                Event::Html(alerts::open(kind, self.labels).into())
            }
            Event::End(TagEnd::BlockQuote(Some(kind))) => {
                let action = alerts::level_of(kind)
                    .and_then(|level| self.care.iter().find(|c| c.level == level))
                    .map(|care| alerts::action(care, self.labels))
                    .unwrap_or_default();
                Event::Html(format!("{action}{}", alerts::CLOSE).into())
            }
            event => return self.code_event(event, offset),
        })
    }

    /// A link's start or end: a `care:LEVEL` link becomes the level's `tel:` link, a
    /// link that would run code is dropped (its text stays), an `@/` link becomes the
    /// page's URL and is remembered for the link check.
    fn map_link<'e>(
        &mut self,
        event: Event<'e>,
        offset: usize,
        diagnostics: &mut Diagnostics,
    ) -> Option<Event<'e>> {
        Some(match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("care:") => {
                let Some(care) = care_link(&dest_url, self.care) else {
                    diagnostics.push(unknown_care_level(self.page, offset, &dest_url));
                    return None;
                };
                self.care_open = Some((care, false));
                Event::Html(alerts::link_open(care).into())
            }
            Event::End(TagEnd::Link) if self.care_open.is_some() => {
                let (care, had_text) = self.care_open.take()?;
                let text = if had_text {
                    String::new()
                } else {
                    alerts::link_text(care, self.labels)
                };
                Event::Html(format!("{text}{}", alerts::link_close(care)).into())
            }
            // A link that would run code, or to a scheme that is not for the web, mail
            // or phones, is dropped; its text stays.
            Event::Start(Tag::Link { dest_url, .. })
                if !html::sanitize::is_allowed_link(&dest_url) =>
            {
                diagnostics.push(dropped_link(self.page, offset, &dest_url));
                self.dropped_links += 1;
                return None;
            }
            Event::End(TagEnd::Link) if self.dropped_links > 0 => {
                self.dropped_links -= 1;
                return None;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(target) = dest_url.strip_prefix("@/") {
                    let file = target.split('#').next().unwrap_or(target);
                    self.links.push(file.trim_start_matches('/').to_string());
                }
                let dest_url = self.url(dest_url, offset, diagnostics);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            event => return self.code_event(event, offset),
        })
    }

    /// Raw HTML, passed on as written; each block (joined across its lines) and each
    /// inline piece is audited ([`Self::audit_html`]).
    fn map_html<'e>(
        &mut self,
        event: Event<'e>,
        offset: usize,
        diagnostics: &mut Diagnostics,
    ) -> Event<'e> {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                self.raw = Some((offset, String::new()));
                Event::Start(Tag::HtmlBlock)
            }
            Event::Html(raw) if self.raw.is_some() => {
                if let Some((_, text)) = self.raw.as_mut() {
                    text.push_str(&raw);
                }
                Event::Html(raw)
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, text)) = self.raw.take() {
                    self.audit_html(start, &text, diagnostics);
                }
                Event::End(TagEnd::HtmlBlock)
            }
            Event::Html(raw) => {
                self.audit_html(offset, &raw, diagnostics);
                Event::Html(raw)
            }
            Event::InlineHtml(raw) => {
                self.audit_html(offset, &raw, diagnostics);
                Event::InlineHtml(raw)
            }
            event => event,
        }
    }

    /// Names, at its line, what the sanitizer drops from a piece of raw HTML (or, with
    /// `raw_html: all`, what it publishes that the sanitizer would have dropped).
    fn audit_html(&mut self, body_offset: usize, raw: &str, diagnostics: &mut Diagnostics) {
        self.has_raw_html = true;
        let page = self.page;
        let start = page.body_start + body_offset;
        let dropped = html::sanitize::audit(raw, self.cx.embeds);
        if dropped.is_empty() {
            // Harmless, but worth a word to an editor.
            let first = raw.lines().next().unwrap_or("").len().max(1);
            self.lints.push(
                Diagnostic::warning(&page.source, "raw HTML in Markdown")
                    .at(Location::at_offset(&page.text, start, first))
                    .with_help("prefer Markdown where it can say the same: it stays accessible and follows the theme"),
            );
        }
        for dropped in dropped {
            let line_start = raw
                .split_inclusive('\n')
                .take(dropped.line - 1)
                .map(str::len)
                .sum::<usize>();
            let line = raw[line_start..].lines().next().unwrap_or("");
            let at = Location::at_offset(&page.text, start + line_start, line.len());
            let (message, help) = match self.cx.raw_html {
                RawHtml::Safe => (
                    format!(
                        "`{}` is left out of the page: {}",
                        dropped.what, dropped.why
                    ),
                    "remove it; raw HTML may carry text markup, links to web, mail and phone addresses, and images from static/ (a video from another site needs its origin in site.yaml's `embeds:`)",
                ),
                RawHtml::All => (
                    format!(
                        "`{}` is published as written, because site.yaml says `raw_html: all`: {}",
                        dropped.what, dropped.why
                    ),
                    "make sure it sends nothing a patient does anywhere, and that it works with a keyboard and a screen reader",
                ),
            };
            diagnostics.push(
                Diagnostic::warning(&page.source, message)
                    .at(at)
                    .with_help(help),
            );
        }
    }

    /// Notes what [`Rendered::lints`] holds, from the event at `range` of the body.
    fn lint(&mut self, event: &Event<'_>, range: &std::ops::Range<usize>) {
        let page = self.page;
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.image = Some((range.start, dest_url.to_string(), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, alt)) = self.image.as_mut() {
                    alt.push_str(text);
                }
                self.lint_numbers(text, range);
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, url, alt)) = self.image.take()
                    && alt.trim().is_empty()
                {
                    self.lints.push(
                        Diagnostic::error(&page.source, format!("the image `{url}` has no alt text"))
                            .at(Location::at_offset(&page.text, page.body_start + start, range.end - start))
                            .with_help("describe what the image shows for people who cannot see it: ![A diagram of the womb and tubes](…)"),
                    );
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("http://") => {
                let at =
                    Location::at_offset(&page.text, page.body_start + range.start, range.len());
                self.lints.push(insecure(page, dest_url, at));
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("tel:") => {
                self.lint_numbers(dest_url, range);
            }
            _ => {}
        }
    }

    /// The phone numbers in `text` (a piece of the body's text, or a `tel:` address,
    /// found in the body at `range`) that are not among the site's: a clinic that
    /// changes its numbers in `site.yaml` would still ship these.
    fn lint_numbers(&mut self, text: &str, range: &std::ops::Range<usize>) {
        let Some(site_numbers) = self.cx.site_numbers else {
            return;
        };
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        let page = self.page;
        // Where the text is the source as written, a number's place in it is its place
        // in the body; otherwise (an entity, a `tel:` address) it is searched for.
        let as_written = page.body().get(range.clone()) == Some(text);
        for found in crate::phone::typed_numbers(text, site_numbers) {
            let number = &text[found.clone()];
            let at = if as_written {
                page.body_start + range.start + found.start
            } else {
                find_in_body(page, range.start, number)
            };
            let at = Location::at_offset(&page.text, at, number.len());
            self.lints.push(typed_number(page, number, at));
        }
    }

    /// Fenced code: collected while it lasts, then highlighted in one piece.
    fn code_event<'e>(&mut self, event: Event<'e>, offset: usize) -> Option<Event<'e>> {
        match event {
            Event::Start(Tag::TableCell) => {
                self.table_cells += 1;
                Some(Event::Start(Tag::TableCell))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
                None
            }
            Event::Text(text) if self.code.is_some() => {
                if let Some((_, buf)) = self.code.as_mut() {
                    buf.push_str(&text);
                }
                None
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, text) = self.code.take()?;
                let lang = if highlight::within_budget(&text) {
                    lang
                } else {
                    self.skipped_highlighting = Some(self.skipped_highlighting.unwrap_or(offset));
                    String::new()
                };
                Some(Event::Html(highlight::code_block(&lang, &text).into()))
            }
            other => Some(other),
        }
    }

    /// A link's or image's address as the site has it; a broken `@/` link is
    /// reported and goes nowhere.
    fn url<'e>(&self, url: CowStr<'e>, offset: usize, diagnostics: &mut Diagnostics) -> CowStr<'e> {
        rewrite_url(url, self.cx).unwrap_or_else(|target| {
            diagnostics.push(broken_link(self.page, offset, &target, self.cx.links));
            CowStr::from("#")
        })
    }

    fn check_image(&self, url: &str, offset: usize, diagnostics: &mut Diagnostics) {
        if let Some((message, help)) = image_problem(url, self.cx) {
            let page = self.page;
            let at = find_in_body(page, offset, url);
            diagnostics.push(
                Diagnostic::error(&page.source, message)
                    .at(Location::at_offset(&page.text, at, url.len()))
                    .with_help(help),
            );
        }
    }
}

/// What is wrong with an image's address, if anything: from another site (the
/// site's privacy rules block it, and it would tell that site who reads the page),
/// relative (it breaks on inner pages), or a file that is not among the static files.
fn image_problem(url: &str, cx: &MarkdownContext<'_>) -> Option<(String, String)> {
    if url.starts_with("@/") {
        return None;
    }
    if html::sanitize::scheme_of(url).is_some_and(|s| s != "http" && s != "https") {
        return Some((
            format!(
                "the image `{}` is not a web address",
                url.chars().take(40).collect::<String>()
            ),
            "save the image in static/ and write its path, like `/images/scan.png`".to_string(),
        ));
    }
    if let Some(origin) = html::sanitize::other_site(url) {
        if cx.embeds.contains(&origin) {
            return None;
        }
        return Some((
            format!("the image `{url}` is on another site"),
            "copy it into static/ and write its path, like `/images/scan.png`: the site loads nothing from other sites, so nothing a patient reads is told to them".to_string(),
        ));
    }
    let Some(path) = url.strip_prefix('/') else {
        return Some((
            format!(
                "the image `{url}` has a relative address, which breaks on the site's inner pages"
            ),
            format!("write its path from the site's root, like `/{url}`"),
        ));
    };
    let file = path.split(['?', '#']).next().unwrap_or(path);
    let is_static = cx.is_static?;
    (!is_static(file)).then(|| {
        (
            format!("the image `{url}` is not in static/"),
            format!("put the file at `static/{file}`, or fix the path"),
        )
    })
}

/// The offset in the page's text of `needle`, searched from `body_offset` in the body.
fn find_in_body(page: &Page, body_offset: usize, needle: &str) -> usize {
    let offset = page.body_start + body_offset;
    page.text
        .get(offset..)
        .and_then(|rest| rest.find(needle))
        .map_or(offset, |i| offset + i)
}

/// The lint for a phone number typed into a page (its body or front-matter) that is not
/// one of the site's.
pub(crate) fn typed_number(page: &Page, number: &str, at: Location) -> Diagnostic {
    Diagnostic::warning(&page.source, format!("`{number}` is a phone number typed into this page, and not one of the site's"))
        .at(at)
        .with_help("take numbers from site.yaml, so a clinic that changes them changes every page: an emergency card (`> [!CAUTION]`) ends with the emergency number, and `[](care:urgent)` writes a care level's action and number")
}

/// The lint for an `http://` address (a link in the body, or a source).
pub(crate) fn insecure(page: &Page, url: &str, at: Location) -> Diagnostic {
    Diagnostic::warning(&page.source, format!("`{url}` is not an https address"))
        .at(at)
        .with_help("use the https:// address of the page, so patients' browsers do not warn them and nothing can change it on the way")
}

fn dropped_link(page: &Page, body_offset: usize, url: &str) -> Diagnostic {
    let at = find_in_body(page, body_offset, url);
    Diagnostic::warning(
        &page.source,
        format!("the link `{url}` is left out: it would run code, or it is not a web, mail or phone address"),
    )
    .at(Location::at_offset(&page.text, at, url.len()))
    .with_help("link to an https:// address, a page (`@/topic/page.md`), `mailto:` or `tel:`; the link's text stays")
}

fn heading_attribute(
    page: &Page,
    body_offset: usize,
    name: &str,
    value: Option<&str>,
) -> Diagnostic {
    let at = find_in_body(page, body_offset, name);
    let written = value.map_or_else(|| name.to_string(), |v| format!("{name}={v}"));
    Diagnostic::warning(
        &page.source,
        format!("the heading attribute `{written}` is left out"),
    )
    .at(Location::at_offset(&page.text, at, name.len()))
    .with_help("a heading may have an id (`{#name}`) and classes (`{.name}`), nothing else")
}

/// The care action a `care:LEVEL` link names, if LEVEL is one.
fn care_link<'c>(url: &str, care: &'c [CareAction]) -> Option<&'c CareAction> {
    let level = url.strip_prefix("care:")?;
    care.iter().find(|c| c.level.id() == level)
}

fn unknown_care_level(page: &Page, body_offset: usize, url: &str) -> Diagnostic {
    let offset = page.body_start + body_offset;
    let at = page.text[offset..].find(url).map_or(offset, |i| offset + i);
    let level = url.strip_prefix("care:").unwrap_or(url);
    let levels = CareLevel::ALL.map(CareLevel::id);
    let help = match did_you_mean(level, levels) {
        Some(best) => format!("did you mean `care:{best}`?"),
        None => format!("use one of the care levels: {}", levels.join(", ")),
    };
    Diagnostic::error(&page.source, format!("`{url}` is not a care level"))
        .at(Location::at_offset(&page.text, at, url.len()))
        .with_help(help)
}

/// `@/x.md` → the page's URL; `/x` → `{base_path}x`. `Err` holds a broken `@/` target.
fn rewrite_url<'a>(url: CowStr<'a>, cx: &MarkdownContext<'_>) -> Result<CowStr<'a>, String> {
    if let Some(target) = url.strip_prefix("@/") {
        return match cx.links.resolve_under(cx.base_path, target) {
            Ok(url) => Ok(url.into()),
            Err(_) => Err(target.to_string()),
        };
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return Ok(format!("{}{}", cx.base_path, &url[1..]).into());
    }
    Ok(url)
}

fn broken_link(page: &Page, body_offset: usize, target: &str, links: &LinkMap) -> Diagnostic {
    let offset = page.body_start + body_offset;
    let needle = format!("@/{target}");
    let at = page.text[offset..]
        .find(&needle)
        .map_or(offset, |i| offset + i);
    let (message, help) = match (links.resolve(target), links.closest(target)) {
        (Err(BrokenLink::Draft), _) => (
            format!("the link `@/{target}` points to a draft, which this build leaves out"),
            "remove `draft: true` from that page, or build with --drafts to preview".to_string(),
        ),
        (_, Some(best)) => (
            format!("the link `@/{target}` points to a file that does not exist"),
            format!("did you mean `@/{best}`?"),
        ),
        (_, None) => (
            format!("the link `@/{target}` points to a file that does not exist"),
            "link to a file under content/, like `@/early-pregnancy-bleeding/miscarriage.md`"
                .to_string(),
        ),
    };
    Diagnostic::error(&page.source, message)
        .at(Location::at_offset(&page.text, at, needle.len()))
        .with_help(help)
}

/// Gives every heading without an explicit `{#id}` a unique id from its text, and
/// returns the level-2 headings for the table of contents.
fn add_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut used = HashSet::new();
    let mut toc = Vec::new();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            continue;
        };
        let level = *level as u8;
        let title: String = events[i + 1..]
            .iter()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let wanted = id.as_ref().map_or_else(
            || crate::content::page::slugify(&title),
            |id| id.to_string(),
        );
        let mut unique = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted.clone()
        };
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{wanted}-{n}");
            n += 1;
        }
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
            *id = Some(unique.clone().into());
        }
        if level == 2 {
            toc.push(Heading {
                level,
                id: unique,
                title,
            });
        }
    }
    toc
}

#[cfg(test)]
mod tests;

/// Drops the line break between two lines of Chinese or Japanese text: those scripts
/// put no space between words, and a browser shows a wrapped line's break as one
/// (`第一行\n第二行` would read `第一行 第二行`). Authors can wrap lines as they like.
fn join_cjk_lines(events: &mut Vec<Event<'_>>) {
    let mut i = 1;
    while i + 1 < events.len() {
        let joins = matches!(
            (&events[i - 1], &events[i], &events[i + 1]),
            (Event::Text(before), Event::SoftBreak, Event::Text(after))
                if before.chars().next_back().is_some_and(is_spaceless)
                    && after.chars().next().is_some_and(is_spaceless)
        );
        if joins {
            events.remove(i);
        } else {
            i += 1;
        }
    }
}

/// A character of a script written without spaces: Chinese characters, kana, and
/// the full-width punctuation that goes with them.
fn is_spaceless(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}
