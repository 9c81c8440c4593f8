//! Loading the site's content: find the Markdown files, split and read their
//! front-matter, validate each into a [`Page`], and check what spans pages (two pages
//! on one URL). Only this module reads content from disk.

pub mod frontmatter;
pub mod links;
pub mod page;
pub mod walk;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
pub use links::LinkMap;
pub use page::{Page, PageKind};

/// Every page of the site, sorted by source path, and where each file links to.
#[derive(Debug)]
pub struct Content {
    pub pages: Vec<Page>,
    pub links: LinkMap,
}

/// Loads every page under `root/content`, collecting every problem.
/// Draft pages are left out unless `drafts` is set.
pub fn load(root: &Path, config: &Config, drafts: bool, diagnostics: &mut Diagnostics) -> Content {
    let (files, read_errors) = walk::read_content(root, &config.content_dir(root));
    diagnostics.extend(read_errors);
    let mut links = LinkMap::new(files.iter().map(|f| {
        (
            f.content_path.clone(),
            page::url_path(&f.content_path, &config.languages),
        )
    }));
    let results: Vec<Result<Page, Vec<Diagnostic>>> = files
        .into_par_iter()
        .map(|f| page::load(f, &config.languages))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(page) if drafts || !page.draft => pages.push(page),
            Ok(draft) => links.mark_draft(&draft.content_path),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    check_unique_urls(&pages, diagnostics);
    if !pages.iter().any(|p| p.kind == PageKind::Home) && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::error("content/_index.md", "the site has no home page").with_help(
                "create `content/_index.md` with at least `title: …` in its front-matter",
            ),
        );
    }
    Content { pages, links }
}

/// Two files that would be written to the same URL.
pub fn check_unique_urls(pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::with_capacity(pages.len());
    for page in pages {
        if let Some(first) = seen.insert(&page.path, page) {
            diagnostics.push(
                Diagnostic::error(
                    &page.source,
                    format!("this page has the same URL `/{}` as {}", page.path, first.source.display()),
                )
                .with_help("rename one of the two files; URLs come from file names, lower-cased, with spaces as `-`"),
            );
        }
    }
}
