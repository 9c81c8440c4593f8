//! Internal links: `@/early-pregnancy-bleeding/miscarriage.md` in Markdown resolves to
//! that page's URL, so authors link to files and the URLs can change without breaking
//! links. A link to a file that does not exist (or to a draft left out of this build)
//! is an error.

use rustc_hash::{FxHashMap, FxHashSet};

/// Where each content file ends up, keyed by its path under `content/`. Built from
/// every file found, so a page whose front-matter has an error does not also make
/// every link to it an error.
#[derive(Debug, Default)]
pub struct LinkMap {
    paths: FxHashMap<String, String>,
    drafts: FxHashSet<String>,
}

/// Why an `@/` link does not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenLink {
    NoSuchFile,
    Draft,
}

impl LinkMap {
    /// `entries` are (path under `content/`, URL path under the base path).
    pub fn new(entries: impl IntoIterator<Item = (String, String)>) -> LinkMap {
        LinkMap {
            paths: entries.into_iter().collect(),
            drafts: FxHashSet::default(),
        }
    }

    /// Adds or moves a file (the live preview, when a file is created or edited).
    pub fn insert(&mut self, content_path: &str, url_path: &str) {
        self.drafts.remove(content_path);
        self.paths
            .insert(content_path.to_string(), url_path.to_string());
    }

    /// Forgets a file (deleted, or now a draft).
    pub fn remove(&mut self, content_path: &str) {
        self.paths.remove(content_path);
    }

    /// Marks a page left out of this build (a draft): links to it are errors.
    pub fn mark_draft(&mut self, content_path: &str) {
        self.drafts.insert(content_path.to_string());
    }

    /// `@/a/b.md#part` → `a/b/#part` (relative to the base path). `target` is what
    /// follows `@/`.
    pub fn resolve(&self, target: &str) -> Result<String, BrokenLink> {
        self.resolve_under("", target)
    }

    /// [`LinkMap::resolve`] with `base` (the site's base path) in front, in one string.
    pub fn resolve_under(&self, base: &str, target: &str) -> Result<String, BrokenLink> {
        let (file, fragment) = match target.split_once('#') {
            Some((f, frag)) => (f, Some(frag)),
            None => (target, None),
        };
        let file = file.trim_start_matches('/');
        if self.drafts.contains(file) {
            return Err(BrokenLink::Draft);
        }
        let path = self.paths.get(file).ok_or(BrokenLink::NoSuchFile)?;
        let mut url =
            String::with_capacity(base.len() + path.len() + fragment.map_or(0, |f| f.len() + 1));
        url.push_str(base);
        url.push_str(path);
        if let Some(fragment) = fragment {
            url.push('#');
            url.push_str(fragment);
        }
        Ok(url)
    }

    /// The known file closest to `target`, for "did you mean" hints.
    pub fn closest(&self, target: &str) -> Option<&str> {
        let file = target.split('#').next().unwrap_or(target);
        crate::diagnostics::did_you_mean(file, self.paths.keys().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_files_fragments_and_knows_drafts() {
        let mut links = LinkMap::new([
            ("a/b.md".to_string(), "a/b/".to_string()),
            ("c.md".into(), "c/".into()),
        ]);
        links.mark_draft("c.md");
        assert_eq!(links.resolve("a/b.md#why"), Ok("a/b/#why".to_string()));
        assert_eq!(links.resolve("c.md"), Err(BrokenLink::Draft));
        assert_eq!(links.resolve("d.md"), Err(BrokenLink::NoSuchFile));
        assert_eq!(
            links.resolve_under("/site/", "a/b.md"),
            Ok("/site/a/b/".to_string())
        );
    }
}
