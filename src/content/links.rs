//! Internal links: `@/early-pregnancy-bleeding/miscarriage.md` in Markdown resolves to
//! that page's URL, so authors link to files and the URLs can change without breaking
//! links. A link to a file that does not exist is an error.

use std::collections::HashMap;

use crate::content::page::Page;

/// Where each content file ends up, keyed by its path under `content/`.
#[derive(Debug, Default)]
pub struct LinkMap {
    paths: HashMap<String, String>,
}

impl LinkMap {
    pub fn new(pages: &[Page]) -> LinkMap {
        LinkMap {
            paths: pages
                .iter()
                .map(|p| (p.content_path.clone(), p.path.clone()))
                .collect(),
        }
    }

    /// `@/a/b.md#part` → `a/b/#part` (relative to the base path), or `None` when the file
    /// does not exist. `target` is what follows `@/`.
    pub fn resolve(&self, target: &str) -> Option<String> {
        let (file, fragment) = match target.split_once('#') {
            Some((f, frag)) => (f, Some(frag)),
            None => (target, None),
        };
        let path = self.paths.get(file.trim_start_matches('/'))?;
        Some(match fragment {
            Some(frag) => format!("{path}#{frag}"),
            None => path.clone(),
        })
    }

    /// The known file closest to `target`, for "did you mean" hints.
    pub fn closest(&self, target: &str) -> Option<&str> {
        let file = target.split('#').next().unwrap_or(target);
        crate::diagnostics::did_you_mean(file, self.paths.keys().map(String::as_str))
    }
}
