//! Loading the site's content: find the Markdown files, split and read their
//! front-matter, validate each into a [`Page`], and check what spans pages (two pages
//! on one URL, a home page). Only this module reads content from disk.
//!
//! A full load ([`load`]) and the live preview's update of a few files
//! ([`Content::read_changes`], then [`Content::replace`]) read each file with the same
//! function and keep the link map the same way, so the two cannot drift apart.

pub(crate) mod frontmatter;
pub(crate) mod links;
pub(crate) mod page;
pub(crate) mod translations;
pub(crate) mod walk;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
pub use links::LinkMap;
pub(crate) use page::{Page, PageKind};
use walk::SourceFile;

/// Every page of the site, sorted by source path, and where each file links to.
#[derive(Debug)]
pub struct Content {
    pub pages: Vec<Page>,
    pub links: LinkMap,
    /// Files that could not be read as pages (their errors are reported): what
    /// follows from their absence (a tree without their rules) is not reported again.
    pub failed: Vec<String>,
}

/// What one content file is in this build.
// Almost every entry is a page, so boxing it would only add an allocation per page.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Entry {
    Page(Page),
    /// A draft, left out of this build: links to it are errors.
    Draft,
}

/// A content file that changed: its path under `content/` and what it is now (`None`
/// when it was deleted).
#[derive(Debug)]
pub struct Change {
    pub path: String,
    pub entry: Option<Entry>,
}

impl Change {
    /// The page the file now is, if it is one in this build.
    pub fn page(&self) -> Option<&Page> {
        match &self.entry {
            Some(Entry::Page(page)) => Some(page),
            _ => None,
        }
    }
}

/// What [`Content::replace`] did to the page list, in order, so that lists kept in
/// page order beside it (the rendered bodies) can do the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// The page at this index was replaced.
    Changed(usize),
    /// A page was inserted at this index.
    Added(usize),
    /// The page at `index` was removed; it was at `url_path`.
    Removed { index: usize, url_path: String },
}

/// Loads every page under the content folder, collecting every problem. Draft pages
/// are left out unless `drafts` is set.
pub fn load(root: &Path, config: &Config, drafts: bool, diagnostics: &mut Diagnostics) -> Content {
    let dir = config.content_dir(root);
    let (files, read_errors) = match holds_the_site(root, &dir, config) {
        // Walking it would read the site's own output, and from `../..` a whole disk.
        Some(problem) => (Vec::new(), vec![problem]),
        None => walk::read_content(root, &dir),
    };
    diagnostics.extend(read_errors);
    // Every file found is in the link map, so that a page whose front-matter has an
    // error does not also make every link to it an error.
    let links = LinkMap::new(files.iter().map(|f| {
        (
            f.content_path.clone(),
            page::url_path(&f.content_path, &config.languages),
        )
    }));
    let results: Vec<(String, Result<Entry, Failed>, Diagnostics)> = files
        .into_par_iter()
        .map(|file| {
            let mut problems = Diagnostics::default();
            let path = file.content_path.clone();
            let entry = read_entry(file, config, drafts, &mut problems);
            (path, entry, problems)
        })
        .collect();
    let mut content = Content {
        pages: Vec::with_capacity(results.len()),
        links,
        failed: Vec::new(),
    };
    for (path, entry, problems) in results {
        diagnostics.append(problems);
        match entry {
            Ok(Entry::Page(page)) => content.pages.push(page),
            Ok(Entry::Draft) => content.links.mark_draft(&path),
            Err(_) => content.failed.push(path),
        }
    }
    content.check(diagnostics);
    translations::check_identical(&content.pages, &config.language, diagnostics);
    content
}

/// The error for a `content_dir` that holds the site folder itself (`.`, `..`).
fn holds_the_site(root: &Path, dir: &Path, config: &Config) -> Option<Diagnostic> {
    let site = root.canonicalize().ok()?;
    let dir = dir.canonicalize().ok()?;
    if !site.starts_with(&dir) {
        return None;
    }
    let line = config
        .text
        .lines()
        .position(|l| l.starts_with("content_dir:"))
        .map(|i| crate::diagnostics::Location::in_text(&config.text, i + 1, 1, 12));
    let problem = Diagnostic::error(
        crate::config::CONFIG_FILE,
        format!(
            "`content_dir: {}` is {}, which holds the site itself",
            config.content_dir,
            dir.display()
        ),
    )
    .with_help("point it at a folder of pages beside or inside the site, like `content` or `../other-site/content`");
    Some(match line {
        Some(at) => problem.at(at),
        None => problem,
    })
}

/// Reads one file into what it is in this build.
fn read_entry(
    file: SourceFile,
    config: &Config,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Result<Entry, Failed> {
    let page = page::load(file, &config.languages, diagnostics)?;
    Ok(if page.draft && !drafts {
        Entry::Draft
    } else {
        Entry::Page(page)
    })
}

impl Content {
    /// Re-reads the files at `paths` (under `content/`) as a full load would. Changes
    /// nothing: when a file has errors they are recorded and the content stays as it
    /// was.
    pub fn read_changes(
        &self,
        root: &Path,
        config: &Config,
        drafts: bool,
        paths: &[String],
        diagnostics: &mut Diagnostics,
    ) -> Result<Vec<Change>, Failed> {
        let content_dir = config.content_dir(root);
        let mut changes = Vec::with_capacity(paths.len());
        let mut failed = None;
        for path in paths {
            let file = content_dir.join(path);
            let entry = if file.is_file() {
                let read = walk::read_one(&file, root, &content_dir)
                    .map_err(|d| diagnostics.fail(d))
                    .and_then(|source| read_entry(source, config, drafts, diagnostics));
                match read {
                    Ok(entry) => Some(entry),
                    Err(failure) => {
                        failed = Some(failure);
                        continue;
                    }
                }
            } else {
                None
            };
            changes.push(Change {
                path: path.clone(),
                entry,
            });
        }
        failed.map_or(Ok(changes), Err)
    }

    /// Puts `changes` in place: pages replaced, added (in path order, as a full load
    /// sorts them) or removed, and the link map and drafts updated to match. Returns
    /// what happened to the page list.
    pub fn replace(&mut self, changes: Vec<Change>, config: &Config) -> Vec<Edit> {
        let mut edits = Vec::with_capacity(changes.len());
        for Change { path, entry } in changes {
            let at = self.pages.iter().position(|p| p.content_path == path);
            if entry.is_some() {
                let url_path = page::url_path(&path, &config.languages);
                self.links.insert(&path, &url_path);
            } else {
                self.links.remove(&path);
            }
            match (at, entry) {
                (Some(i), Some(Entry::Page(page))) => {
                    self.pages[i] = page;
                    edits.push(Edit::Changed(i));
                }
                (None, Some(Entry::Page(page))) => {
                    // The order a full load reads files in: by name, folder by folder.
                    let key = |p: &Page| p.content_path.split('/').lt(page.content_path.split('/'));
                    let i = self.pages.partition_point(key);
                    self.pages.insert(i, page);
                    edits.push(Edit::Added(i));
                }
                (Some(i), draft_or_gone) => {
                    if let Some(Entry::Draft) = draft_or_gone {
                        self.links.mark_draft(&path);
                    }
                    let removed = self.pages.remove(i);
                    edits.push(Edit::Removed {
                        index: i,
                        url_path: removed.url_path,
                    });
                }
                (None, Some(Entry::Draft)) => self.links.mark_draft(&path),
                (None, None) => {}
            }
        }
        edits
    }

    /// What spans pages: two pages on one URL, a page on the URL of a page careleaf
    /// makes itself, and a site without a home page.
    pub fn check(&self, diagnostics: &mut Diagnostics) {
        check_unique_urls(&self.pages, diagnostics);
        check_generated_urls(&self.pages, diagnostics);
        if !self.pages.iter().any(|p| p.kind == PageKind::Home) && !diagnostics.has_errors() {
            diagnostics.push(
                Diagnostic::error("content/_index.md", "the site has no home page").with_help(
                    "create `content/_index.md` with at least `title: …` in its front-matter",
                ),
            );
        }
    }
}

/// The pages careleaf makes itself: a file on one of their URLs would be lost to them
/// (or hide them) while search and navigation still listed it.
fn check_generated_urls(pages: &[Page], diagnostics: &mut Diagnostics) {
    let site_wide = [
        ("search/", "the search page"),
        ("_editorial/", "the editors' page"),
    ];
    let checkers: HashMap<String, &Page> = pages
        .iter()
        .filter(|p| p.kind == PageKind::Topic)
        .map(|topic| (format!("{}check/", topic.url_path), topic))
        .collect();
    // The checker a URL is in: one of its prefixes that ends in `check/` (looked up,
    // not compared with every topic's: this runs on every save in the preview).
    let checker_of = |url: &str| {
        url.match_indices("check/")
            .filter(|(at, _)| *at == 0 || url.as_bytes()[at - 1] == b'/')
            .find_map(|(at, _)| checkers.get(&url[..at + "check/".len()]).copied())
    };
    for page in pages {
        let taken = site_wide
            .iter()
            .find(|(url, _)| page.url_path == *url)
            .map(|(_, what)| what.to_string())
            .or_else(|| {
                checker_of(&page.url_path).map(|topic| {
                    format!(
                        "the \"What should I do?\" checker of {}",
                        topic.source.display()
                    )
                })
            });
        if let Some(what) = taken {
            diagnostics.push(
                Diagnostic::error(
                    &page.source,
                    format!(
                        "this page's URL `/{}` is where careleaf puts {what}",
                        page.url_path
                    ),
                )
                .with_help("rename the file (URLs come from file names)"),
            );
        }
    }
}

/// Two files that would be written to the same URL.
fn check_unique_urls(pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::with_capacity(pages.len());
    for page in pages {
        if let Some(first) = seen.insert(&page.url_path, page) {
            diagnostics.push(
                Diagnostic::error(
                    &page.source,
                    format!("this page has the same URL `/{}` as {}", page.url_path, first.source.display()),
                )
                .with_help("rename one of the two files; URLs come from file names, lower-cased, with spaces as `-`"),
            );
        }
    }
}
