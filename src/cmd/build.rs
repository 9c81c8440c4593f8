//! `careleaf build`: load, check, render and write the whole site, replacing the
//! output folder only when everything succeeded.

use std::path::PathBuf;
use std::time::Duration;

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, CardLabels, MarkdownContext};
use crate::output::Output;
use crate::render::{self, Theme};
use crate::triage;

/// What `build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (the one with `site.yaml`).
    pub site: PathBuf,
    /// Where to write the site; `SITE/public` when `None`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// Builds the site. On failure returns every diagnostic of the run (errors and
/// warnings), and the previous output is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = std::time::Instant::now();
    let root = &options.site;
    let mut config = Config::load(root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(|help| {
            vec![
                Diagnostic::error("--base-url", format!("`{url}` is not a usable base URL"))
                    .with_help(help),
            ]
        })?;
    }
    let mut diagnostics = Diagnostics::default();
    let theme = Theme::load(root, &config.theme, &config.language);
    let content = content::load(root, &config, options.drafts, &mut diagnostics);
    // Markdown is rendered even when the theme or some pages failed, so that broken
    // links are reported in the same run as every other problem.
    let default_labels = CardLabels::default();
    let labels = theme.as_ref().map_or(&default_labels, |t| &t.labels);
    let cx = MarkdownContext {
        links: &content.links,
        base_path: &config.base_path,
        labels,
    };
    let (bodies, link_errors) = markdown::render_all(&content.pages, &cx);
    diagnostics.extend(link_errors);
    let triages = triage::build(&content, &config.language, &mut diagnostics);
    let mut theme = match theme {
        Ok(theme) if !diagnostics.has_errors() => theme,
        Ok(_) => return Err(diagnostics.into_sorted()),
        Err(errors) => {
            diagnostics.extend(errors);
            return Err(diagnostics.into_sorted());
        }
    };
    let target = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let output = Output::prepare(root, &target).map_err(|d| vec![d])?;
    let stats = render::render_site(
        &config,
        &mut theme,
        &content,
        &bodies,
        &triages,
        &output,
        &mut diagnostics,
    );
    if diagnostics.has_errors() {
        return Err(diagnostics.into_sorted());
    }
    let output_dir = output.target().to_path_buf();
    output.commit().map_err(|d| vec![d])?;
    Ok(BuildReport {
        output: output_dir,
        pages: stats.pages,
        files: stats.files,
        warnings: diagnostics.into_sorted(),
        elapsed: started.elapsed(),
    })
}
