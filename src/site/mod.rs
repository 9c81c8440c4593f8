//! A site loaded and checked, ready to render: `site.yaml`, the theme, every page,
//! each page's rendered Markdown and each topic's compiled decision tree.
//!
//! `careleaf build` loads a site and renders it once, each page's Markdown only as its
//! file is written ([`Site::load_for_build`]), so that a large site's HTML is never in
//! memory whole. `careleaf serve` renders the same way ([`Site::write_for_preview`]),
//! keeping each page's front-matter and each body without its HTML or Markdown, and
//! updates the site as files change ([`Site::update_content`], in `update.rs`), with
//! the same functions a full load uses. [`Site::load`] renders every body up front,
//! for the checks.

mod update;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{self, Content};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::markdown::{self, CardLabels, MarkdownContext, Rendered, StaticCheck};
use crate::output::Output;
use crate::render::{Bodies as RenderBodies, RenderStats, Theme};
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
    /// Each page's rendered body, in page order: with its HTML after [`Site::load`];
    /// not rendered yet when loaded for a build, which renders each body as it writes
    /// the page; without its HTML in the live preview ([`Site::write_for_preview`]).
    pub bodies: Bodies,
    pub triages: Vec<CompiledTriage>,
    /// Set when an update failed half-way: the pages in memory are not the files', and
    /// only a full load can be trusted.
    stale: bool,
}

/// The pages' rendered bodies: a state of the whole site, said, not inferred from a
/// length.
#[derive(Debug, Default)]
pub enum Bodies {
    /// Loaded for a build: each body is rendered as its page is written.
    #[default]
    NotRendered,
    /// One per page, in page order.
    Rendered(Vec<Rendered>),
}

impl Bodies {
    /// The bodies to change in place, one per page of `pages` (the live preview's,
    /// rendered since [`Site::write_for_preview`]; a body not rendered yet is empty,
    /// which renders its page again).
    pub(crate) fn list_mut(&mut self, pages: usize) -> &mut Vec<Rendered> {
        match self {
            Bodies::Rendered(list) => list,
            Bodies::NotRendered => {
                *self = Bodies::Rendered((0..pages).map(|_| Rendered::default()).collect());
                self.list_mut(pages)
            }
        }
    }
}

impl std::ops::Deref for Bodies {
    type Target = [Rendered];

    /// The rendered bodies, in page order (none before they are rendered).
    fn deref(&self) -> &[Rendered] {
        match self {
            Bodies::Rendered(list) => list,
            Bodies::NotRendered => &[],
        }
    }
}

impl Site {
    /// Loads the site in `root` with every page's body rendered.
    pub fn load(
        root: &Path,
        options: &LoadOptions,
        diagnostics: &mut Diagnostics,
    ) -> Result<Site, Failed> {
        Site::load_with(root, options, true, diagnostics)
    }

    /// Loads the site in `root` for one build: as [`Site::load`], but the bodies are
    /// left for [`Site::write`] to render as it writes each page (broken links are
    /// then reported by `write`, in the same run as template errors). When loading
    /// fails, the bodies are rendered here all the same, so that broken links are
    /// reported with every other problem.
    pub fn load_for_build(
        root: &Path,
        options: &LoadOptions,
        diagnostics: &mut Diagnostics,
    ) -> Result<Site, Failed> {
        Site::load_with(root, options, false, diagnostics)
    }

    fn load_with(
        root: &Path,
        options: &LoadOptions,
        render_bodies: bool,
        diagnostics: &mut Diagnostics,
    ) -> Result<Site, Failed> {
        let config = load_config(root, options, diagnostics)?;
        if config.theme == "default" {
            crate::render::contrast::brand_warnings(&config, diagnostics);
        }
        let theme = Theme::load(root, &config.theme, &config.languages, diagnostics);
        let content = content::load(root, &config, options.drafts, diagnostics);
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
        let failed = diagnostics.has_errors();
        let mut bodies = Bodies::NotRendered;
        if render_bodies || failed {
            // Markdown is rendered even when the theme or some pages failed, so that
            // broken links are reported in the same run as every other problem.
            let default_labels = CardLabels::default();
            let labels = theme.as_ref().map_or(&default_labels, |t| &t.labels);
            let translated_labels = theme.as_ref().ok().map(Theme::translated_labels);
            let is_static = theme
                .as_ref()
                .ok()
                .map(|t| move |file: &str| t.has_static(file));
            let cx = MarkdownContext {
                links: &content.links,
                base_path: &config.base_path,
                labels,
                translated_labels: translated_labels.as_ref(),
                care: &config.care_levels,
                translated_care: Some(&config.translations),
                raw_html: config.raw_html,
                embeds: &config.embeds,
                is_static: is_static.as_ref().map(|f| f as StaticCheck<'_>),
            };
            bodies = Bodies::Rendered(markdown::render_all(&content.pages, &cx, diagnostics));
        }
        let theme = theme?;
        diagnostics.check()?;
        Ok(Site {
            root: root.to_path_buf(),
            options: options.clone(),
            config,
            theme,
            content,
            bodies,
            triages,
            stale: false,
        })
    }

    /// Renders the whole site into `out_dir`, replacing it only if everything worked.
    /// A site loaded for a build is spent afterwards: its pages' text is released.
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

    /// [`Site::write`] into an output already prepared (a build prepares it while the
    /// site loads: making ready a large earlier output takes a while).
    pub fn write_into(
        &mut self,
        output: Output,
        diagnostics: &mut Diagnostics,
    ) -> Result<RenderStats, Failed> {
        self.render_into(output, false, diagnostics)
            .map(|(stats, _)| stats)
    }

    /// Renders a site loaded with [`Site::load_for_build`] into `out_dir` for the live
    /// preview, which goes on updating it: the pages' front-matter is kept, and each
    /// body without its HTML or Markdown (a page that must be written again is read and
    /// rendered again, see [`Site::update_content`]); at 10,000 pages that HTML would
    /// be 50 MB, the Markdown 30 MB.
    pub fn write_for_preview(
        &mut self,
        out_dir: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Result<RenderStats, Failed> {
        let output = Output::prepare(&self.root, out_dir).map_err(|d| diagnostics.fail(d))?;
        let (stats, bodies) = self.render_into(output, true, diagnostics)?;
        if let Bodies::NotRendered = self.bodies {
            self.bodies = Bodies::Rendered(bodies);
        }
        Ok(stats)
    }

    /// Renders the site into `output` and puts it in place. Bodies not rendered yet
    /// are rendered as each page is written, and returned without their HTML; the
    /// pages' text is then released, all but their front-matter if
    /// `keep_front_matter`.
    fn render_into(
        &mut self,
        output: Output,
        keep_front_matter: bool,
        diagnostics: &mut Diagnostics,
    ) -> Result<(RenderStats, Vec<Rendered>), Failed> {
        let bodies = match &self.bodies {
            Bodies::Rendered(list) => RenderBodies::Rendered(list),
            Bodies::NotRendered => RenderBodies::FromMarkdown { keep_front_matter },
        };
        let rendered = crate::render::render_site(
            &self.config,
            &mut self.theme,
            &mut self.content,
            bodies,
            &self.triages,
            &output,
            diagnostics,
        );
        diagnostics.check()?;
        output.commit().map_err(|d| diagnostics.fail(d))?;
        Ok(rendered)
    }

    /// Whether an update failed half-way, so that only a full load can be trusted.
    pub fn is_stale(&self) -> bool {
        self.stale
    }
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
