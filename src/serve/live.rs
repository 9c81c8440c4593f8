//! The live preview's site: loaded once, kept in memory, and updated as files change.
//!
//! What a batch of changed files means is decided here ([`ChangeKind`]): Markdown under
//! the content folder is a content change, which the site applies to itself
//! ([`Site::update_content`]); anything else (templates, themes, static files,
//! `site.yaml`) loads and writes the whole site again. An edit with errors changes
//! nothing that is served: the last good site stays, and the errors are returned for
//! the terminal and the browser's overlay.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics, Failed, relative_to};
use crate::output::Output;
use crate::site::{LoadOptions, Site};

/// What one rebuild did, for the terminal line and the browser.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// The changed files, relative to the site root.
    pub changed: Vec<PathBuf>,
    pub pages: usize,
    pub elapsed: Duration,
    /// Only stylesheets changed: the browser can swap them without reloading.
    pub css_only: bool,
    /// The search index and editors' page were written too (a whole-site build); a
    /// content change leaves them to [`LiveSite::refresh_search`].
    pub search_current: bool,
    pub warnings: Vec<Diagnostic>,
}

/// What a batch of changed files asks of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    /// Only Markdown files under the content folder: these paths, relative to it.
    Content(Vec<String>),
    /// Anything else: the whole site is loaded again.
    Site,
}

impl ChangeKind {
    /// Sorts `changed` (absolute paths, as the watcher reports them).
    pub(crate) fn of(changed: &[PathBuf], content_dir: &Path) -> ChangeKind {
        let mut paths = Vec::with_capacity(changed.len());
        for path in changed {
            match path.strip_prefix(content_dir) {
                Ok(rel) if path.extension().is_some_and(|e| e == "md") => paths.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                ),
                _ => return ChangeKind::Site,
            }
        }
        ChangeKind::Content(paths)
    }
}

pub struct LiveSite {
    out_dir: PathBuf,
    root: PathBuf,
    options: LoadOptions,
    /// The site as last loaded and updated; none while it is loaded again whole (a
    /// large site is never in memory twice), and none after that load failed: the
    /// next change loads it again.
    site: Option<Site>,
}

impl LiveSite {
    /// Loads the site and renders all of it into `out_dir`.
    pub fn load(
        root: &Path,
        out_dir: &Path,
        base_url: &str,
        drafts: bool,
    ) -> Result<(LiveSite, Rebuild), Vec<Diagnostic>> {
        let started = Instant::now();
        let options = LoadOptions {
            base_url: Some(base_url.to_string()),
            drafts,
        };
        let mut diagnostics = Diagnostics::default();
        match full_build(root, out_dir, &options, &mut diagnostics) {
            Ok(site) => {
                let pages = site.content.pages.len();
                let live = LiveSite {
                    out_dir: out_dir.to_path_buf(),
                    root: root.to_path_buf(),
                    options,
                    site: Some(site),
                };
                let rebuild = Rebuild {
                    changed: Vec::new(),
                    pages,
                    elapsed: started.elapsed(),
                    css_only: false,
                    search_current: true,
                    warnings: diagnostics.into_sorted(),
                };
                Ok((live, rebuild))
            }
            Err(_) => Err(diagnostics.into_sorted()),
        }
    }

    /// Applies a batch of changed paths (absolute, as the watcher reports them).
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Rebuild, Vec<Diagnostic>> {
        let started = Instant::now();
        let root = self.root.clone();
        let mut diagnostics = Diagnostics::default();
        let content_paths =
            self.site.as_mut().filter(|site| !site.is_stale()).and_then(
                |site| match ChangeKind::of(changed, &site.config.content_dir(&root)) {
                    ChangeKind::Content(paths) => Some((site, paths)),
                    ChangeKind::Site => None,
                },
            );
        let whole_site = content_paths.is_none();
        let result = match content_paths {
            Some((site, paths)) => Output::in_place(&root, &self.out_dir)
                .map_err(|d| diagnostics.fail(d))
                .and_then(|output| site.update_content(&paths, &output, &mut diagnostics)),
            None => {
                // The site in memory goes first. If the new one fails to load, the last
                // good site stays served, but it is no longer the files' (a folder
                // renamed, say): the next change loads them all again.
                self.site = None;
                full_build(&root, &self.out_dir, &self.options, &mut diagnostics).map(|site| {
                    let pages = site.content.pages.len();
                    self.site = Some(site);
                    pages
                })
            }
        };
        let pages = match result {
            Ok(pages) => pages,
            Err(_) => return Err(diagnostics.into_sorted()),
        };
        Ok(Rebuild {
            changed: changed.iter().map(|p| relative_to(p, &root)).collect(),
            pages,
            elapsed: started.elapsed(),
            css_only: changed
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css")),
            search_current: whole_site,
            warnings: diagnostics.into_sorted(),
        })
    }

    /// Rewrites the search index and page (see [`Site::write_search`]).
    /// Does nothing while there is no site (its last load failed).
    pub fn refresh_search(&mut self) -> Result<(), Vec<Diagnostic>> {
        let Some(site) = self.site.as_mut() else {
            return Ok(());
        };
        let mut diagnostics = Diagnostics::default();
        match Output::in_place(&site.root, &self.out_dir) {
            Ok(output) => {
                // The index files are written anew: those of terms gone must go.
                for lang in &site.config.languages {
                    let prefix = site.config.language_prefix(lang);
                    diagnostics.extend(output.remove(&format!("{prefix}search")).err());
                }
                site.write_search(&output, &mut diagnostics)
            }
            Err(d) => diagnostics.push(d),
        }
        if diagnostics.is_empty() {
            Ok(())
        } else {
            Err(diagnostics.into_sorted())
        }
    }
}

/// Loads and renders the whole site into `out_dir`, replacing it whole.
fn full_build(
    root: &Path,
    out_dir: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Site, Failed> {
    let mut site = Site::load_for_preview(root, options, diagnostics)?;
    site.write(out_dir, diagnostics)?;
    Ok(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_markdown_in_the_content_folder_is_a_content_change() {
        let content = Path::new("/site/content");
        let md = PathBuf::from("/site/content/topic/a.md");
        assert_eq!(
            ChangeKind::of(std::slice::from_ref(&md), content),
            ChangeKind::Content(vec!["topic/a.md".into()])
        );
        let css = PathBuf::from("/site/static/site.css");
        assert_eq!(ChangeKind::of(&[md, css], content), ChangeKind::Site);
        let image = PathBuf::from("/site/content/topic/a.png");
        assert_eq!(ChangeKind::of(&[image], content), ChangeKind::Site);
    }
}
