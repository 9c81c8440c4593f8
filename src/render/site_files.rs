//! The files of a site that belong to no page: the 404 page, sitemap, robots.txt,
//! brand stylesheet and static files; the search index and search page; the editors'
//! page `/_editorial/`.

use std::path::Path;

use tera::Context;

use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::editorial::{PageStatus, page_status};
use crate::markdown::Rendered;
use crate::output::{Output, Writer};
use crate::render::{Renderer, Theme, context, search, seo};

impl Renderer<'_> {
    /// The 404 page, sitemap, robots.txt, brand stylesheet and static files.
    pub fn site_files(
        &self,
        pages: &[Page],
        output: &Output,
        diagnostics: &mut Diagnostics,
    ) -> usize {
        let not_found = self.not_found_pages(diagnostics);
        write_site_files(
            self.config,
            self.theme,
            pages,
            not_found,
            output,
            diagnostics,
        )
    }

    /// A 404 page per language: `404.html` in the default language, `LANG/404.html`
    /// in each other. A host that serves one `/404.html` for every miss (GitHub
    /// Pages) shows the default's, whose `not-found.js` swaps in the language of the
    /// address asked for; without JavaScript it links every language's home page.
    fn not_found_pages(&self, diagnostics: &mut Diagnostics) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for lang in &self.config.languages {
            let mut cx = Context::new();
            self.insert_language(lang, &mut cx);
            let title = self.theme.strings_for(lang).get("not_found_title");
            cx.insert(
                "page",
                &serde_json::json!({ "title": title, "kind": "not_found" }),
            );
            cx.insert("is_default", &(*lang == self.config.language));
            match self.theme.tera.render("404.html", &cx) {
                Ok(html) => files.push((
                    format!("{}404.html", self.config.language_prefix(lang)),
                    html,
                )),
                Err(e) => diagnostics.push(self.theme.render_error(&e, Path::new("404.html"))),
            }
        }
        files
    }

    /// Each language's search index and search page (whose list of pages works
    /// without JavaScript): `search/` for the default language, `LANG/search/` for
    /// the others, each with its index files.
    pub fn search(
        &self,
        pages: &[Page],
        bodies: &[Rendered],
        output: &Output,
        problems: &mut Diagnostics,
    ) {
        for lang in &self.config.languages {
            let prefix = self.config.language_prefix(lang);
            for (file, text) in search::index_files(pages, bodies, self.config, lang) {
                problems.extend(
                    output
                        .write(&format!("{prefix}search/{file}"), text.as_bytes())
                        .err(),
                );
            }
            let mut entries: Vec<context::Summary<'_>> = pages
                .iter()
                .filter(|p| p.kind == PageKind::Condition && p.lang == *lang)
                .map(|p| context::summary(p, self.config))
                .collect();
            // Without JavaScript the page lists every condition; on a large site that
            // list would be the heaviest page there is, so it lists the topics (whose
            // pages list their conditions) instead.
            let by_topic = entries.len() > SEARCH_PAGE_LIST_MAX;
            if by_topic {
                entries = pages
                    .iter()
                    .filter(|p| p.kind == PageKind::Topic && p.lang == *lang)
                    .map(|p| context::summary(p, self.config))
                    .collect();
            }
            let collation = crate::collation::Collation::new(lang);
            entries.sort_by(|a, b| collation.compare(a.title, b.title));
            let title = self
                .theme
                .strings_for(lang)
                .get("search")
                .map_or("Search", String::as_str);
            let mut cx = Context::new();
            self.insert_language(lang, &mut cx);
            cx.insert("entries", &entries);
            cx.insert("by_topic", &by_topic);
            let path = format!("{prefix}search/");
            cx.insert(
                "page",
                &serde_json::json!({ "kind": "search", "title": title, "lang": lang,
                    "url": self.config.url(&path), "permalink": self.config.permalink(&path) }),
            );
            match self.theme.tera.render("search.html", &cx) {
                Ok(html) => problems.extend(
                    output
                        .write(&format!("{path}index.html"), html.as_bytes())
                        .err(),
                ),
                Err(e) => problems.push(self.theme.render_error(&e, Path::new("search.html"))),
            }
        }
    }

    /// `/_editorial/`: every page's word count, reading grade and review, as of
    /// `today` (for editors; `noindex`, not in the sitemap).
    pub fn editorial(
        &self,
        pages: &[Page],
        bodies: &[Rendered],
        today: &str,
        output: &Output,
    ) -> Result<(), Diagnostic> {
        #[derive(serde::Serialize)]
        struct Row<'s> {
            url: String,
            /// The review status in words.
            review: &'s str,
            status: PageStatus,
        }
        let originals = crate::editorial::originals(pages, &self.config.language);
        let rows: Vec<Row> = pages
            .iter()
            .zip(bodies)
            .map(|(p, b)| {
                let original = originals.get(p.translation_key()).copied();
                let status = page_status(p, b, today, original);
                let key = format!("editorial_{}", status.review.id());
                Row {
                    url: self.config.url(&p.url_path),
                    review: self
                        .theme
                        .strings
                        .get(&key)
                        .map_or(status.review.id(), String::as_str),
                    status,
                }
            })
            .collect();
        let mut cx = Context::new();
        cx.insert(
            "translations_shown",
            &rows.iter().any(|r| r.status.translation.is_some()),
        );
        cx.insert("rows", &rows);
        // The template sees its copy (a row for each page: megabytes on a large site).
        drop(rows);
        cx.insert("today", today);
        cx.insert("target", &self.config.reading_grade);
        cx.insert("sentence_target", &self.config.sentence_characters);
        cx.insert(
            "page",
            &serde_json::json!({ "kind": "editorial", "lang": self.config.language }),
        );
        match self.theme.tera.render("editorial.html", &cx) {
            Ok(html) => output.write("_editorial/index.html", html.as_bytes()),
            Err(e) => Err(self.theme.render_error(&e, Path::new("editorial.html"))),
        }
    }

    /// Only the sitemap (what a change to one page's metadata can change site-wide).
    pub fn sitemap(&self, pages: &[Page], output: &Output) -> Result<(), Diagnostic> {
        output.write("sitemap.xml", seo::sitemap(pages, self.config).as_bytes())
    }
}

/// The 404 page, sitemap, robots.txt, brand stylesheet and static files.
fn write_site_files(
    config: &Config,
    theme: &Theme,
    pages: &[Page],
    not_found: Vec<(String, String)>,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> usize {
    let mut files: Vec<(String, String)> = not_found;
    files.push(("sitemap.xml".into(), seo::sitemap(pages, config)));
    files.push(("robots.txt".into(), seo::robots(config)));
    files.push((
        "brand.css".into(),
        format!(
            ":root {{\n  --brand-primary: {};\n  --brand-accent: {};\n}}\n",
            config.brand.primary, config.brand.accent
        ),
    ));
    let mut written = 0;
    // A site may give its own robots.txt and replace any of the theme's files; the
    // rest of what careleaf makes has one writer.
    let generated = files.iter().map(|(rel, text)| {
        let writer = if *rel == "robots.txt" {
            Writer::Replaceable
        } else {
            Writer::Careleaf
        };
        (rel.as_str(), text.as_str(), writer)
    });
    let built_in = theme
        .static_files
        .iter()
        .map(|(rel, text)| (*rel, *text, Writer::Replaceable));
    for (rel, text, writer) in generated.chain(built_in) {
        match output.write_as(rel, text.as_bytes(), writer) {
            Ok(()) => written += 1,
            Err(e) => diagnostics.push(e),
        }
    }
    let site_dir = theme.static_dirs.len().saturating_sub(1);
    for (i, dir) in theme.static_dirs.iter().enumerate() {
        match output.copy_dir(dir, i < site_dir) {
            Ok(n) => written += n,
            Err(e) => diagnostics.push(e),
        }
    }
    written
}

/// The most conditions the search page lists for a browser without JavaScript; a
/// larger site's search page lists its topics.
pub(crate) const SEARCH_PAGE_LIST_MAX: usize = 200;
