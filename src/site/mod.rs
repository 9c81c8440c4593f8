//! A site loaded and checked, ready to render: `site.yaml`, the theme, every page,
//! each page's rendered Markdown and each topic's compiled decision tree.
//!
//! A load finds every problem of the content ([`Site::load`]): front-matter, decision
//! trees, and every body, whose Markdown is read once, checked and rendered to HTML
//! there. Writing ([`Site::write`]) renders the templates, spending each body's HTML as
//! its page is written; it finds template and file problems, never content ones.
//! `careleaf build` releases each page's text as its body is rendered
//! ([`Site::load_for_build`]), so that a large site's Markdown and HTML are never in
//! memory whole at once. `careleaf serve` keeps each page's front-matter and each
//! body without its HTML, and updates the site as files change
//! ([`Site::update_content`], in `update.rs`), with the same functions a full load uses.

mod update;

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use crate::config::Config;
use crate::content::{self, Content, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::markdown::{self, CardLabels, MarkdownContext, Rendered, StaticCheck};
use crate::output::Output;
use crate::render::{RenderStats, Theme};
use crate::triage::{self, CompiledTriage};

/// How to load a site.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Use this address instead of `site.yaml`'s `base_url`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

pub struct Site {
    /// The site folder, the one with `site.yaml`.
    pub root: PathBuf,
    pub options: LoadOptions,
    pub config: Config,
    pub theme: Theme,
    pub content: Content,
    /// Each page's rendered body, in page order, rendered when the site was loaded;
    /// each one's HTML is spent once its page is written ([`Rendered::spend`]).
    pub bodies: Vec<Rendered>,
    pub triages: Vec<CompiledTriage>,
    /// Set when an update failed half-way: the pages in memory are not the files', and
    /// only a full load can be trusted.
    stale: bool,
}

impl Site {
    /// Loads and checks the site in `root`, every page's body read and rendered, with
    /// what `check` adds of its own ([`Rendered::lints`]). The pages keep their
    /// front-matter, which `check` quotes, not their Markdown.
    pub fn load(
        root: &Path,
        options: &LoadOptions,
        diagnostics: &mut Diagnostics,
    ) -> Result<Site, Failed> {
        Site::load_with(root, options, Purpose::Check, diagnostics)
    }

    /// Loads the site in `root` for one build: as [`Site::load`], but each page's text
    /// is released whole as soon as its body is rendered (nothing after the load quotes
    /// it), so that a large site's Markdown and HTML are never in memory whole at once.
    pub fn load_for_build(
        root: &Path,
        options: &LoadOptions,
        diagnostics: &mut Diagnostics,
    ) -> Result<Site, Failed> {
        Site::load_with(root, options, Purpose::Build, diagnostics)
    }

    /// Loads the site in `root` for the live preview: the pages keep their
    /// front-matter, which a save that touches a decision tree checks again.
    pub fn load_for_preview(
        root: &Path,
        options: &LoadOptions,
        diagnostics: &mut Diagnostics,
    ) -> Result<Site, Failed> {
        Site::load_with(root, options, Purpose::Preview, diagnostics)
    }

    /// The load, in its order: `site.yaml`, the theme, the content files (front-matter
    /// and links), the decision trees and their sign-offs, the templates pages name,
    /// then every body (links, images, care links, raw HTML). Every content problem is
    /// found here, all in one run; rendering templates finds none.
    fn load_with(
        root: &Path,
        options: &LoadOptions,
        purpose: Purpose,
        diagnostics: &mut Diagnostics,
    ) -> Result<Site, Failed> {
        let config = load_config(root, options, diagnostics)?;
        if config.theme == "default" {
            crate::render::contrast::brand_warnings(&config, diagnostics);
        }
        let theme = Theme::load(root, &config.theme, &config.languages, diagnostics);
        let mut content = content::load(root, &config, options.drafts, diagnostics);
        let mut triages = triage::build(&content, &config.language, &config.services, diagnostics);
        if let Ok(theme) = &theme {
            triage::signoff::check_reviews(
                &mut triages,
                &content.pages,
                &config,
                |lang| theme.strings_for(lang),
                diagnostics,
            );
            theme.check_templates(&content.pages, diagnostics);
            check_logo(&config, theme, diagnostics);
        }
        // The bodies are read even when the theme or some pages failed, so that their
        // problems are reported in the same run as every other.
        let bodies = read_bodies(
            &config,
            theme.as_ref().ok(),
            &mut content,
            purpose,
            diagnostics,
        );
        let theme = theme?;
        let mut site = Site {
            root: root.to_path_buf(),
            options: options.clone(),
            config,
            theme,
            content,
            bodies,
            triages,
            stale: false,
        };
        if diagnostics.has_errors() {
            // The templates are rendered into nothing all the same, so that an error a
            // template makes only as it renders (a misspelt field) is reported in the
            // same run as the content's; what rendering says of a content file (a page
            // whose template is missing, two pages at one address) is said already.
            let mut rendering = Diagnostics::default();
            let _ = site.render_dry(&mut rendering);
            diagnostics.extend(
                rendering
                    .into_sorted()
                    .into_iter()
                    .filter(|d| !d.file.starts_with("content")),
            );
            diagnostics.check()?;
        }
        Ok(site)
    }

    /// Renders the whole site into `out_dir`, replacing it only if everything worked.
    /// The bodies' HTML is spent: a site is written once.
    pub fn write(
        &mut self,
        out_dir: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Result<RenderStats, Failed> {
        let output = Output::prepare(&self.root, out_dir).map_err(|d| diagnostics.fail(d))?;
        self.write_into(output, diagnostics)
    }

    /// Renders the whole site into nothing ([`Output::dry_run`]): every problem a
    /// build would find, no file written. What `check` does after its own checks.
    pub fn render_dry(&mut self, diagnostics: &mut Diagnostics) -> Result<RenderStats, Failed> {
        self.write_into(Output::dry_run(&self.root), diagnostics)
    }

    /// Renders the site's templates into `output` (a build prepares it while the site
    /// loads: making ready a large earlier output takes a while) and puts it in place.
    /// The bodies are rendered already; each one's HTML is spent as its page is written.
    pub fn write_into(
        &mut self,
        output: Output,
        diagnostics: &mut Diagnostics,
    ) -> Result<RenderStats, Failed> {
        let stats = crate::render::render_site(
            &self.config,
            &mut self.theme,
            &self.content,
            &mut self.bodies,
            &self.triages,
            &output,
            diagnostics,
        );
        diagnostics.check()?;
        output.commit().map_err(|d| diagnostics.fail(d))?;
        Ok(stats)
    }

    /// Whether an update failed half-way, so that only a full load can be trusted.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// What rendering a body needs of the site: its links, labels, care actions and
    /// static files.
    pub(crate) fn markdown_context<'a>(
        config: &'a Config,
        theme: Option<&'a Theme>,
        links: &'a content::LinkMap,
        translated_labels: Option<&'a BTreeMap<String, CardLabels>>,
        is_static: Option<StaticCheck<'a>>,
    ) -> MarkdownContext<'a> {
        static DEFAULT_LABELS: std::sync::LazyLock<CardLabels> =
            std::sync::LazyLock::new(CardLabels::default);
        MarkdownContext {
            links,
            base_path: &config.base_path,
            labels: theme.map_or(&*DEFAULT_LABELS, |t| &t.labels),
            translated_labels,
            care: &config.care_levels,
            translated_care: Some(&config.translations),
            raw_html: config.raw_html,
            embeds: &config.embeds,
            is_static,
            site_numbers: None,
        }
    }
}

/// What a load is for, which decides what it keeps of the pages' text and whether it
/// looks for what only `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// `careleaf build`: no text kept, no lints.
    Build,
    /// `careleaf serve`: front-matter kept, no lints.
    Preview,
    /// `careleaf check` (and every other use of [`Site::load`]): front-matter kept,
    /// lints found.
    Check,
}

/// The body pass ([`markdown::render_all`]) over every page of `content`, with the
/// theme's labels and static files where the theme loaded.
fn read_bodies(
    config: &Config,
    theme: Option<&Theme>,
    content: &mut Content,
    purpose: Purpose,
    diagnostics: &mut Diagnostics,
) -> Vec<Rendered> {
    let translated_labels = theme.map(Theme::translated_labels);
    let is_static = theme.map(|t| move |file: &str| t.has_static(file));
    let numbers = config.dialled_numbers();
    let mut cx = Site::markdown_context(
        config,
        theme,
        &content.links,
        translated_labels.as_ref(),
        is_static.as_ref().map(|f| f as StaticCheck<'_>),
    );
    if purpose == Purpose::Check {
        cx.site_numbers = Some(&numbers);
    }
    let release = match purpose {
        Purpose::Build => Page::release_text,
        Purpose::Preview | Purpose::Check => Page::release_body,
    };
    markdown::render_all(&mut content.pages, &cx, release, diagnostics)
}

/// A logo path (`/logo.svg`) must be one of the static files, or every page shows a
/// broken image.
fn check_logo(config: &Config, theme: &Theme, diagnostics: &mut Diagnostics) {
    let Some(file) = config
        .brand
        .logo
        .as_deref()
        .and_then(|l| l.strip_prefix('/'))
    else {
        return;
    };
    if theme.has_static(file) {
        return;
    }
    let shown = Path::new(crate::config::CONFIG_FILE);
    let mut diagnostic = Diagnostic::error(shown, format!("the logo `/{file}` is not in static/"))
        .with_help(format!(
            "put the file at `static/{file}`, or fix `brand: logo:`"
        ));
    if let Some(at) = config.text.find(&format!("/{file}")) {
        diagnostic = diagnostic.at(crate::diagnostics::Location::at_offset(
            &config.text,
            at,
            file.len() + 1,
        ));
    }
    diagnostics.push(diagnostic);
}

/// `site.yaml`, with the address `options` may give instead of its `base_url`.
fn load_config(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Config, Failed> {
    let mut config = Config::load(root, diagnostics)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(|help| {
            diagnostics.fail(
                Diagnostic::error("--base-url", format!("`{url}` is not a usable base URL"))
                    .with_help(help),
            )
        })?;
    }
    Ok(config)
}
