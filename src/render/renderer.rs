//! The [`Renderer`]: the site-wide template values set once and the listings built
//! once, then any page or checker rendered on its own (a full build renders them all,
//! the live preview only what a change touches).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use tera::{Context, Value};

use crate::config::Config;
use crate::content::Page;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{BodyHtml, Rendered};
use crate::output::Output;
use crate::render::listings::{Listings, TopicKey};
use crate::render::{Theme, checker, context, seo};
use crate::triage::CompiledTriage;

/// Renders pages of one site: the site-wide template values are set once, listings
/// built once, and then any page, checker or site-wide file can be rendered on its own
/// (a full build renders them all; the live preview only what a change touches).
pub struct Renderer<'a> {
    pub(super) config: &'a Config,
    pub(super) theme: &'a Theme,
    listings: Listings,
    /// `site` in each of the site's other languages (the default's is global).
    translated_site: HashMap<String, Value>,
    /// Per topic folder, its checker in each language: (language, check path), in the
    /// order of the site's languages.
    checker_languages: HashMap<String, Vec<(String, String)>>,
    /// Per condition with rules (by file), its care cards written from its rules.
    care_cards: HashMap<String, Value>,
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
        let site = context::site_values(config, theme, pages, triages, &config.language);
        let translated_site = config.languages[1..]
            .iter()
            .map(|lang| {
                let values = context::site_values(config, theme, pages, triages, lang);
                (lang.clone(), Value::from_serializable(&values))
            })
            .collect();
        let globals = theme.tera.global_context();
        globals.insert("site", &site);
        globals.insert("t", &theme.strings);
        let mut listings = Listings::build(config, pages, only, |lang| {
            theme
                .strings_for(lang)
                .get("language_home_note")
                .cloned()
                .unwrap_or_default()
        });
        let mut checker_languages: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for lang in &config.languages {
            for compiled in triages.iter().filter(|t| &t.triage.lang == lang) {
                checker_languages
                    .entry(compiled.triage.topic.clone())
                    .or_default()
                    .push((lang.clone(), compiled.check_path.clone()));
            }
        }
        for compiled in triages {
            let key = (compiled.triage.lang.clone(), compiled.triage.topic.clone());
            listings
                .checkers
                .insert(key, config.url(&compiled.check_path));
        }
        let care_cards = triages
            .iter()
            .flat_map(|compiled| context::care_cards(compiled, config, theme))
            .collect();
        Renderer {
            config,
            theme,
            listings,
            translated_site,
            checker_languages,
            care_cards,
        }
    }

    /// `site` and `t` for a page in the language `lang`, when it is not the site's
    /// default (whose are global).
    pub(super) fn insert_language(&self, lang: &str, cx: &mut Context) {
        if lang == self.config.language {
            return;
        }
        if let Some(site) = self.translated_site.get(lang) {
            cx.insert_value("site", site.clone());
        }
        cx.insert("t", self.theme.strings_for(lang));
    }

    /// Renders and writes `pages` in parallel.
    pub fn pages(
        &self,
        pages: &[(&Page, &Rendered)],
        output: &Output,
        diagnostics: &mut Diagnostics,
    ) {
        let problems: Vec<Diagnostic> = pages
            .par_iter()
            .filter_map(|(page, body)| self.page(page, body, output).err())
            .collect();
        diagnostics.extend(problems);
    }

    /// Renders each page's template and writes it, in parallel, spending its body's
    /// HTML as soon as the file is written ([`Rendered::spend`]): a large site's HTML
    /// shrinks as it is written. Template and file problems are recorded.
    pub(crate) fn write_pages(
        &self,
        pages: &[Page],
        bodies: &mut [Rendered],
        output: &Output,
        diagnostics: &mut Diagnostics,
    ) {
        let problems: Vec<Diagnostic> = pages
            .par_iter()
            .zip(bodies.par_iter_mut())
            .filter_map(|(page, body)| {
                let written = self.page(page, body, output);
                body.spend();
                written.err()
            })
            .collect();
        diagnostics.extend(problems);
    }

    /// Every topic's checker (in parallel) and the site-wide files that need no page
    /// bodies; returns how many files.
    pub(super) fn checkers_and_site_files(
        &self,
        triages: &[CompiledTriage],
        pages: &[Page],
        output: &Output,
        diagnostics: &mut Diagnostics,
    ) -> usize {
        let checkers: Vec<(usize, Diagnostics)> = triages
            .par_iter()
            .map(|compiled| {
                let mut problems = Diagnostics::default();
                (self.checker(compiled, output, &mut problems), problems)
            })
            .collect();
        let mut files = 0;
        for (n, problems) in checkers {
            files += n;
            diagnostics.append(problems);
        }
        files + self.site_files(pages, output, diagnostics)
    }

    /// Renders and writes every page of one topic's checker; returns how many files.
    pub fn checker(
        &self,
        compiled: &CompiledTriage,
        output: &Output,
        diagnostics: &mut Diagnostics,
    ) -> usize {
        let key = (compiled.triage.lang.clone(), compiled.triage.topic.clone());
        let topic = self
            .listings
            .topics
            .get(&key)
            .cloned()
            .unwrap_or(Value::none());
        let mut shared = Context::new();
        self.insert_language(&compiled.triage.lang, &mut shared);
        let languages = self
            .checker_languages
            .get(&compiled.triage.topic)
            .filter(|l| l.len() > 1)
            .map_or(&[][..], Vec::as_slice);
        checker::render_checker(
            self,
            compiled,
            &topic,
            shared,
            languages,
            output,
            diagnostics,
        )
    }
}

impl Renderer<'_> {
    /// Renders one page's template with its body and writes it.
    fn page(&self, page: &Page, body: &Rendered, output: &Output) -> Result<(), Diagnostic> {
        let BodyHtml::Unwritten { html, toc } = &body.page else {
            // Never written without its body: not even an empty one.
            return Err(Diagnostic::error(
                &page.source,
                "this page's body was spent when the page was last written, and not rendered again",
            )
            .with_help("this is a bug in careleaf: please report it with what you changed; restarting `careleaf serve` or running `careleaf build` writes the page whole"));
        };
        let mut tera_context = Context::new();
        tera_context.insert(
            "page",
            &context::page_values(page, html, toc, body.word_count, self.config, self.theme),
        );
        self.listings.insert_for(page, &mut tera_context);
        if let Some(cards) = self.care_cards.get(&page.content_path) {
            tera_context.insert_value("care_cards", cards.clone());
        }
        self.insert_language(&page.lang, &mut tera_context);
        if let Some(json) = seo::json_ld(page, self.config) {
            tera_context.insert("json_ld", &json);
        }
        match self
            .theme
            .tera
            .render(self.theme.template_for(page), &tera_context)
        {
            Ok(html) => output.write_as(
                &format!("{}index.html", page.url_path),
                html.as_bytes(),
                crate::output::Writer::Page(&page.source),
            ),
            Err(e) => Err(self.theme.render_error(&e, &page.source)),
        }
    }
}
