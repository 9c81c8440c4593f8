//! `careleaf build`: load, check, render and write the whole site, replacing the
//! output folder only when everything succeeded.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::site::Site;

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
    let target = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    // The output folder is made ready (an earlier site walked, to be written over)
    // while the site loads; if either fails, the problems of both are reported.
    let (loaded, output) = rayon::join(
        || Site::load_for_build(root, options.base_url.as_deref(), options.drafts),
        || Output::prepare(root, &target),
    );
    let ((mut site, warnings), output) = match (loaded, output) {
        (Ok(loaded), Ok(output)) => (loaded, output),
        (loaded, output) => {
            let mut all = Diagnostics::default();
            match loaded {
                Ok((_, warnings)) => all.extend(warnings),
                Err(errors) => all.extend(errors),
            }
            all.extend(output.err());
            return Err(all.into_sorted());
        }
    };
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(warnings);
    let (stats, warnings) = site.write_into(output, diagnostics)?;
    let output_dir = target.canonicalize().unwrap_or(target);
    Ok(BuildReport {
        output: output_dir,
        pages: stats.pages,
        files: stats.files,
        warnings,
        elapsed: started.elapsed(),
    })
}
