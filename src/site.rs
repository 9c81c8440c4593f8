//! A site loaded and checked, ready to render: `site.yaml`, the theme, every page,
//! each page's rendered Markdown and each topic's compiled decision tree.
//!
//! `careleaf build` loads a site and renders it once, each page's Markdown only as its
//! file is written ([`Site::load_for_build`]), so that a large site's HTML is never in
//! memory whole; `careleaf serve` keeps every rendered body in memory ([`Site::load`])
//! and updates the site as files change.

use std::path::Path;

use crate::config::Config;
use crate::content::{self, Content};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, CardLabels, MarkdownContext, Rendered};
use crate::output::Output;
use crate::render::{Bodies, Theme};
use crate::triage::{self, CompiledTriage};

pub struct Site {
    pub config: Config,
    pub theme: Theme,
    pub content: Content,
    /// Each page's rendered body, in page order; empty when loaded for a build, which
    /// renders each body as it writes the page.
    pub bodies: Vec<Rendered>,
    pub triages: Vec<CompiledTriage>,
}

impl Site {
    /// Renders the whole site into `out_dir`, replacing it only if everything worked.
    /// `diagnostics` has the load's warnings; the render's problems are added. A site
    /// loaded for a build is spent afterwards: its pages' text is released.
    pub fn write(
        &mut self,
        root: &Path,
        out_dir: &Path,
        diagnostics: Diagnostics,
    ) -> Result<(crate::render::RenderStats, Vec<Diagnostic>), Vec<Diagnostic>> {
        let output = Output::prepare(root, out_dir).map_err(|d| vec![d])?;
        self.write_into(output, diagnostics)
    }

    /// [`Site::write`] into an output already prepared (a build prepares it while the
    /// site loads: making ready a large earlier output takes a while).
    pub fn write_into(
        &mut self,
        output: Output,
        mut diagnostics: Diagnostics,
    ) -> Result<(crate::render::RenderStats, Vec<Diagnostic>), Vec<Diagnostic>> {
        let bodies = if self.bodies.len() == self.content.pages.len() {
            Bodies::Rendered(&self.bodies)
        } else {
            Bodies::FromMarkdown
        };
        let stats = crate::render::render_site(
            &self.config,
            &mut self.theme,
            &mut self.content,
            bodies,
            &self.triages,
            &output,
            &mut diagnostics,
        );
        if diagnostics.has_errors() {
            return Err(diagnostics.into_sorted());
        }
        output.commit().map_err(|d| vec![d])?;
        Ok((stats, diagnostics.into_sorted()))
    }

    /// Loads the site in `root` with every page's body rendered. On success also
    /// returns the warnings; on failure every diagnostic of the run.
    pub fn load(
        root: &Path,
        base_url: Option<&str>,
        drafts: bool,
    ) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
        Site::load_with(root, base_url, drafts, true)
    }

    /// Loads the site in `root` for one build: as [`Site::load`], but the bodies are
    /// left for [`Site::write`] to render as it writes each page (broken links are
    /// then reported by `write`, in the same run as template errors). When loading
    /// fails, the bodies are rendered here all the same, so that broken links are
    /// reported with every other problem.
    pub fn load_for_build(
        root: &Path,
        base_url: Option<&str>,
        drafts: bool,
    ) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
        Site::load_with(root, base_url, drafts, false)
    }

    fn load_with(
        root: &Path,
        base_url: Option<&str>,
        drafts: bool,
        render_bodies: bool,
    ) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut config = Config::load(root)?;
        if let Some(url) = base_url {
            config.set_base_url(url).map_err(|help| {
                vec![
                    Diagnostic::error("--base-url", format!("`{url}` is not a usable base URL"))
                        .with_help(help),
                ]
            })?;
        }
        let mut diagnostics = Diagnostics::default();
        if config.theme == "default" {
            diagnostics.extend(crate::render::contrast::brand_warnings(&config, root));
        }
        let theme = Theme::load(root, &config.theme, &config.language);
        let content = content::load(root, &config, drafts, &mut diagnostics);
        let triages = triage::build(&content, &config.language, &mut diagnostics);
        if let Ok(theme) = &theme {
            theme.check_templates(&content.pages, &mut diagnostics);
        }
        let failed = diagnostics.has_errors() || theme.is_err();
        let mut bodies = Vec::new();
        if render_bodies || failed {
            // Markdown is rendered even when the theme or some pages failed, so that
            // broken links are reported in the same run as every other problem.
            let default_labels = CardLabels::default();
            let labels = theme.as_ref().map_or(&default_labels, |t| &t.labels);
            let cx = MarkdownContext {
                links: &content.links,
                base_path: &config.base_path,
                labels,
            };
            let link_errors;
            (bodies, link_errors) = markdown::render_all(&content.pages, &cx);
            diagnostics.extend(link_errors);
        }
        let theme = match theme {
            Ok(theme) if !failed => theme,
            Ok(_) => return Err(diagnostics.into_sorted()),
            Err(errors) => {
                diagnostics.extend(errors);
                return Err(diagnostics.into_sorted());
            }
        };
        Ok((
            Site {
                config,
                theme,
                content,
                bodies,
                triages,
            },
            diagnostics.into_sorted(),
        ))
    }
}
