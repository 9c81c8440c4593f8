//! Rendering the loaded site: Markdown bodies and Tera templates into pages, plus the
//! site-wide files (sitemap, robots.txt, 404 page, brand stylesheet, static files).
//!
//! Pages render in parallel and are handed straight to [`Output`], so a large site is
//! never held in memory whole.

pub mod builtin;
pub mod checker;
pub mod context;
pub mod contrast;
pub mod search;
pub mod seo;
pub mod templates;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::config::Config;
use crate::content::{Content, Page, PageKind};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{MarkdownContext, Rendered};
use crate::output::Output;
use crate::triage::CompiledTriage;
pub use templates::Theme;

/// What a render wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
}

/// The pages' Markdown bodies, as [`render_site`] gets them.
pub enum Bodies<'a> {
    /// Already rendered, in page order (the live preview keeps them all).
    Rendered(&'a [Rendered]),
    /// To be rendered as each page is written: a page's HTML is dropped as soon as its
    /// file is written, so a large site's HTML is never in memory whole, and the
    /// pages' text is released once every page is written.
    FromMarkdown,
}

/// Renders every page of `content` into `output`. Stops before writing the site-wide
/// files when any page fails, so the caller can abandon the output.
pub fn render_site(
    config: &Config,
    theme: &mut Theme,
    content: &mut Content,
    bodies: Bodies<'_>,
    triages: &[CompiledTriage],
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> RenderStats {
    let labels = theme.labels.clone();
    // Every page's template was checked when the site was loaded (`Site::load`).
    let renderer = Renderer::new(config, theme, &content.pages, triages);
    let renderer = &renderer;
    let markdown = MarkdownContext {
        links: &content.links,
        base_path: &config.base_path,
        labels: &labels,
    };
    let pages = &content.pages;
    // The checkers and site-wide files need no page bodies: they are rendered while
    // the pages are, on whichever thread is free.
    let (pages, others) = rayon::join(
        || -> (Option<Vec<Rendered>>, Vec<Diagnostic>) {
            match bodies {
                Bodies::Rendered(bodies) => {
                    let all: Vec<(&Page, &Rendered)> = pages.iter().zip(bodies).collect();
                    (None, renderer.pages(&all, output))
                }
                Bodies::FromMarkdown => {
                    let (measured, problems) =
                        renderer.pages_from_markdown(pages, &markdown, output);
                    (Some(measured), problems)
                }
            }
        },
        || renderer.checkers_and_site_files(triages, pages, output),
    );
    let (measured, problems) = pages;
    let (other_files, others) = others;
    diagnostics.extend(problems);
    diagnostics.extend(others.into_sorted());
    if diagnostics.has_errors() {
        return RenderStats::default();
    }
    let bodies = match bodies {
        Bodies::Rendered(bodies) => bodies,
        Bodies::FromMarkdown => {
            content.pages.iter_mut().for_each(Page::release_text);
            measured.as_deref().unwrap_or_default()
        }
    };
    // Each holds a list of every page as template values; the pages' text is released
    // by now, which leaves room for both at once.
    let (search, editorial) = rayon::join(
        || renderer.search(&content.pages, bodies, output),
        || renderer.editorial(&content.pages, bodies, &crate::dates::today(), output),
    );
    diagnostics.extend(search);
    diagnostics.extend(editorial);
    let pages = content.pages.len();
    // The pages, the search index, the search page and the editorial page.
    let files = pages + 3 + other_files;
    RenderStats { pages, files }
}

/// Renders pages of one site: the site-wide template values are set once, listings
/// built once, and then any page, checker or site-wide file can be rendered on its own
/// (a full build renders them all; the live preview only what a change touches).
pub struct Renderer<'a> {
    config: &'a Config,
    theme: &'a Theme,
    listings: Listings,
}

impl<'a> Renderer<'a> {
    pub fn new(
        config: &'a Config,
        theme: &'a mut Theme,
        pages: &[Page],
        triages: &[CompiledTriage],
    ) -> Renderer<'a> {
        Renderer::for_topics(config, theme, pages, triages, None)
    }

    /// A renderer that can render pages of the topics in `only` (all when `None`):
    /// building a topic's listing costs time, and a one-page edit needs one.
    pub fn for_topics(
        config: &'a Config,
        theme: &'a mut Theme,
        pages: &[Page],
        triages: &[CompiledTriage],
        only: Option<&HashSet<TopicKey>>,
    ) -> Renderer<'a> {
        let site = context::site_values(config, theme, pages);
        let globals = theme.tera.global_context();
        globals.insert("site", &site);
        globals.insert("t", &theme.strings);
        let mut listings = topic_listings(config, pages, only);
        for compiled in triages {
            let key = (compiled.triage.lang.clone(), compiled.triage.topic.clone());
            listings
                .checkers
                .insert(key, format!("{}{}", config.base_path, compiled.check_path));
        }
        Renderer {
            config,
            theme,
            listings,
        }
    }

    /// Renders and writes `pages` in parallel; returns the problems.
    pub fn pages(&self, pages: &[(&Page, &Rendered)], output: &Output) -> Vec<Diagnostic> {
        pages
            .par_iter()
            .filter_map(|(page, body)| {
                render_page(page, body, self.config, self.theme, &self.listings, output)
            })
            .collect()
    }

    /// Renders each page's Markdown, then its template, and writes it, in parallel.
    /// Returns each body without its HTML (what the search index and the editorial
    /// page need of it), in page order, and the problems: broken links and templates.
    pub fn pages_from_markdown(
        &self,
        pages: &[Page],
        markdown: &MarkdownContext<'_>,
        output: &Output,
    ) -> (Vec<Rendered>, Vec<Diagnostic>) {
        let results: Vec<(Rendered, Vec<Diagnostic>)> = pages
            .par_iter()
            .map(|page| {
                let (mut body, mut problems) = crate::markdown::render(page, markdown);
                problems.extend(render_page(
                    page,
                    &body,
                    self.config,
                    self.theme,
                    &self.listings,
                    output,
                ));
                body.html = String::new();
                body.toc = Vec::new();
                (body, problems)
            })
            .collect();
        let mut problems = Vec::new();
        let bodies = results
            .into_iter()
            .map(|(body, p)| {
                problems.extend(p);
                body
            })
            .collect();
        (bodies, problems)
    }

    /// Every topic's checker (in parallel) and the site-wide files that need no page
    /// bodies; returns how many files, and the problems.
    fn checkers_and_site_files(
        &self,
        triages: &[CompiledTriage],
        pages: &[Page],
        output: &Output,
    ) -> (usize, Diagnostics) {
        let mut problems = Diagnostics::default();
        let checkers: Vec<Result<usize, Vec<Diagnostic>>> = triages
            .par_iter()
            .map(|compiled| self.checker(compiled, output))
            .collect();
        let mut files = 0;
        for result in checkers {
            match result {
                Ok(n) => files += n,
                Err(errors) => problems.extend(errors),
            }
        }
        files += self.site_files(pages, output, &mut problems);
        (files, problems)
    }

    /// Renders and writes every page of one topic's checker; returns how many files.
    pub fn checker(
        &self,
        compiled: &CompiledTriage,
        output: &Output,
    ) -> Result<usize, Vec<Diagnostic>> {
        let key = (compiled.triage.lang.clone(), compiled.triage.topic.clone());
        let topic = self
            .listings
            .topics
            .get(&key)
            .cloned()
            .unwrap_or(Value::none());
        checker::render_checker(compiled, self.config, self.theme, &topic, output)
    }

    /// The 404 page, sitemap, robots.txt, brand stylesheet and static files.
    pub fn site_files(
        &self,
        pages: &[Page],
        output: &Output,
        diagnostics: &mut Diagnostics,
    ) -> usize {
        write_site_files(self.config, self.theme, pages, output, diagnostics)
    }

    /// The search index and the search page (whose list of pages works without
    /// JavaScript).
    pub fn search(&self, pages: &[Page], bodies: &[Rendered], output: &Output) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let index = search::index(pages, bodies, &self.config.base_path, &self.config.language);
        if let Err(e) = output.write("search.json", index.as_bytes()) {
            problems.push(Diagnostic::error(
                "search.json",
                format!("cannot write this file: {e}"),
            ));
        }
        let mut entries: Vec<context::Summary<'_>> = pages
            .iter()
            .filter(|p| p.kind == PageKind::Condition && p.lang == self.config.language)
            .map(|p| context::summary(p, &self.config.base_path))
            .collect();
        entries.sort_by(|a, b| a.title.cmp(b.title));
        let title = self
            .theme
            .strings
            .get("search")
            .map_or("Search", String::as_str);
        let mut cx = Context::new();
        cx.insert("entries", &entries);
        cx.insert(
            "page",
            &serde_json::json!({ "kind": "search", "title": title, "lang": self.config.language,
                "url": format!("{}search/", self.config.base_path), "permalink": format!("{}search/", self.config.base_url) }),
        );
        match self.theme.tera.render("search.html", &cx) {
            Ok(html) => problems.extend(
                output
                    .write("search/index.html", html.as_bytes())
                    .err()
                    .map(|e| Diagnostic::error("search/index.html", e.to_string())),
            ),
            Err(e) => problems.push(self.theme.render_error(&e, Path::new("search.html"))),
        }
        problems
    }

    /// `/_editorial/`: every page's word count, reading grade and review, as of
    /// `today` (for editors; `noindex`, not in the sitemap).
    pub fn editorial(
        &self,
        pages: &[Page],
        bodies: &[Rendered],
        today: &str,
        output: &Output,
    ) -> Option<Diagnostic> {
        #[derive(serde::Serialize)]
        struct Row<'s> {
            url: String,
            /// The review status in words.
            review: &'s str,
            status: crate::cmd::check::PageStatus,
        }
        let rows: Vec<Row> = pages
            .iter()
            .zip(bodies)
            .map(|(p, b)| {
                let status = crate::cmd::check::page_status(p, b, today);
                let key = format!("editorial_{}", status.review);
                Row {
                    url: format!("{}{}", self.config.base_path, p.path),
                    review: self
                        .theme
                        .strings
                        .get(&key)
                        .map_or(status.review, String::as_str),
                    status,
                }
            })
            .collect();
        let mut cx = Context::new();
        cx.insert("rows", &rows);
        cx.insert("today", today);
        cx.insert("target", &self.config.reading_grade);
        cx.insert(
            "page",
            &serde_json::json!({ "kind": "editorial", "lang": self.config.language }),
        );
        match self.theme.tera.render("editorial.html", &cx) {
            Ok(html) => output
                .write("_editorial/index.html", html.as_bytes())
                .err()
                .map(|e| Diagnostic::error("_editorial/index.html", e.to_string())),
            Err(e) => Some(self.theme.render_error(&e, Path::new("editorial.html"))),
        }
    }

    /// Only the sitemap (what a change to one page's metadata can change site-wide).
    pub fn sitemap(&self, pages: &[Page], output: &Output) -> Option<Diagnostic> {
        output
            .write("sitemap.xml", seo::sitemap(pages, self.config).as_bytes())
            .err()
            .map(|e| Diagnostic::error("sitemap.xml", format!("cannot write this file: {e}")))
    }
}

/// Every page's template exists (a missing one is reported once per page).
pub fn check_templates(theme: &Theme, pages: &[Page]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for page in pages {
        let name = template_for(page);
        if !theme.has_template(name) {
            let mut diagnostic = Diagnostic::error(
                &page.source,
                format!("the template `{name}` does not exist"),
            )
            .with_help(format!(
                "create templates/{name}, or remove `template:` to use the theme's default"
            ));
            if let Some((_, location)) = &page.template {
                diagnostic = diagnostic.at(location.clone());
            }
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}

fn template_for(page: &Page) -> &str {
    page.template.as_ref().map_or(
        match page.kind {
            PageKind::Home => "index.html",
            PageKind::Topic => "topic.html",
            PageKind::Condition => "condition.html",
            PageKind::Plain => "page.html",
        },
        |(name, _)| name.as_str(),
    )
}

/// Per (language, topic folder): the topic's summary and its conditions, built once
/// as template values and shared by every page of the topic.
#[derive(Default)]
struct Listings {
    topics: HashMap<(String, String), Value>,
    conditions: HashMap<(String, String), Value>,
    /// The URL of each topic's "What should I do?" checker.
    checkers: HashMap<(String, String), String>,
    /// Per page (its file without the language), every language's version of it.
    translations: HashMap<String, Vec<Translation>>,
}

/// One language's version of a page, for `hreflang` links.
#[derive(Debug, Clone, serde::Serialize)]
struct Translation {
    lang: String,
    permalink: String,
}

/// `topic/ectopic.zh.md` and `topic/ectopic.md` → `topic/ectopic`.
fn translation_key(page: &Page) -> String {
    let stem = page
        .content_path
        .strip_suffix(".md")
        .unwrap_or(&page.content_path);
    stem.strip_suffix(&format!(".{}", page.lang))
        .unwrap_or(stem)
        .to_string()
}

/// A topic in one language: (language, topic folder).
pub type TopicKey = (String, String);

/// Builds the listings of every topic, or only of the topics in `only`.
fn topic_listings(config: &Config, pages: &[Page], only: Option<&HashSet<TopicKey>>) -> Listings {
    let mut by_topic: HashMap<(String, String), Vec<&Page>> = HashMap::new();
    let mut topics = HashMap::new();
    for page in pages {
        let Some(topic) = &page.topic else { continue };
        let key = (page.lang.clone(), topic.clone());
        match page.kind {
            PageKind::Condition if only.is_none_or(|o| o.contains(&key)) => {
                by_topic.entry(key).or_default().push(page)
            }
            PageKind::Topic => {
                topics.insert(
                    key,
                    Value::from_serializable(&context::summary(page, &config.base_path)),
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
            let summaries: Vec<_> = list
                .iter()
                .map(|p| context::summary(p, &config.base_path))
                .collect();
            (key, Value::from_serializable(&summaries))
        })
        .collect();
    let mut translations: HashMap<String, Vec<Translation>> = HashMap::new();
    if config.languages.len() > 1 {
        for page in pages {
            let permalink = format!("{}{}", config.base_url, page.path);
            translations
                .entry(translation_key(page))
                .or_default()
                .push(Translation {
                    lang: page.lang.clone(),
                    permalink,
                });
        }
    }
    Listings {
        topics,
        conditions,
        checkers: HashMap::new(),
        translations,
    }
}

fn render_page(
    page: &Page,
    body: &Rendered,
    config: &Config,
    theme: &Theme,
    listings: &Listings,
    output: &Output,
) -> Option<Diagnostic> {
    let mut tera_context = Context::new();
    tera_context.insert("page", &context::page_values(page, body, config, theme));
    if let Some(translations) = listings
        .translations
        .get(&translation_key(page))
        .filter(|t| t.len() > 1)
    {
        tera_context.insert("translations", translations);
    }
    if let Some(topic) = &page.topic {
        let key = (page.lang.clone(), topic.clone());
        if let Some(list) = listings.conditions.get(&key) {
            tera_context.insert_value("conditions", list.clone());
        }
        if let Some(topic_page) = listings.topics.get(&key) {
            tera_context.insert_value("topic", topic_page.clone());
        }
        if let Some(url) = listings.checkers.get(&key) {
            tera_context.insert("checker_url", url);
        }
    }
    if let Some(json) = seo::json_ld(page, config) {
        tera_context.insert("json_ld", &json);
    }
    match theme.tera.render(template_for(page), &tera_context) {
        Ok(html) => output
            .write(&format!("{}index.html", page.path), html.as_bytes())
            .err()
            .map(|e| Diagnostic::error(&page.source, format!("cannot write this page: {e}"))),
        Err(e) => Some(theme.render_error(&e, &page.source)),
    }
}

/// The 404 page, sitemap, robots.txt, brand stylesheet and static files.
fn write_site_files(
    config: &Config,
    theme: &Theme,
    pages: &[Page],
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> usize {
    let mut files: Vec<(&str, String)> = Vec::new();
    let mut not_found = Context::new();
    not_found.insert(
        "page",
        &serde_json::json!({ "title": theme.strings.get("not_found_title"), "kind": "plain" }),
    );
    match theme.tera.render("404.html", &not_found) {
        Ok(html) => files.push(("404.html", html)),
        Err(e) => diagnostics.push(theme.render_error(&e, std::path::Path::new("404.html"))),
    }
    files.push(("sitemap.xml", seo::sitemap(pages, config)));
    files.push(("robots.txt", seo::robots(config)));
    files.push((
        "brand.css",
        format!(
            ":root {{\n  --brand-primary: {};\n  --brand-accent: {};\n}}\n",
            config.brand.primary, config.brand.accent
        ),
    ));
    let mut written = 0;
    for (rel, text) in files {
        match output.write(rel, text.as_bytes()) {
            Ok(()) => written += 1,
            Err(e) => diagnostics.push(Diagnostic::error(
                rel,
                format!("cannot write this file: {e}"),
            )),
        }
    }
    for (rel, text) in &theme.static_files {
        match output.write(rel, text.as_bytes()) {
            Ok(()) => written += 1,
            Err(e) => diagnostics.push(Diagnostic::error(
                *rel,
                format!("cannot write this file: {e}"),
            )),
        }
    }
    for dir in &theme.static_dirs {
        match output.copy_dir(dir) {
            Ok(n) => written += n,
            Err(e) => diagnostics.push(Diagnostic::error(
                dir,
                format!("cannot copy static files: {e}"),
            )),
        }
    }
    written
}
