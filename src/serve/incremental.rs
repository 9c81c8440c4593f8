//! The live preview's site: loaded once, kept in memory, and updated as files change.
//!
//! A change to a content file re-reads only that file and re-renders only what can
//! differ: the page itself; if its title, summary, urgency or place changed (or it was
//! added or deleted), its topic page, the home page and the sitemap; pages that link to
//! a file that appeared or disappeared; and its topic's decision tree if the tree
//! changed. A change to a topic's listing fields re-renders every page (they show the
//! topics in the navigation). Anything else (templates, themes, static files,
//! `site.yaml`) rebuilds the whole site. An edit with errors changes nothing: the
//! last good site stays served and the errors are reported.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::page::{self, Page, PageKind};
use crate::content::{LinkMap, walk};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownContext, Rendered};
use crate::output::Output;
use crate::render::{Renderer, TopicKey};
use crate::site::Site;
use crate::triage;

/// What one rebuild did, for the terminal line and the browser.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// The changed files, relative to the site root.
    pub changed: Vec<PathBuf>,
    pub pages: usize,
    pub elapsed: Duration,
    /// Only stylesheets changed: the browser can swap them without reloading.
    pub css_only: bool,
    pub warnings: Vec<Diagnostic>,
}

pub struct LiveSite {
    root: PathBuf,
    out_dir: PathBuf,
    base_url: String,
    site: Site,
    /// Set when an incremental edit failed half-way: the next change rebuilds all.
    stale: bool,
    /// Include pages marked `draft: true`.
    drafts: bool,
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
        let (site, warnings) = full_build(root, out_dir, base_url, drafts)?;
        let pages = site.content.pages.len();
        let live = LiveSite {
            root: root.to_path_buf(),
            out_dir: out_dir.to_path_buf(),
            base_url: base_url.to_string(),
            site,
            stale: false,
            drafts,
        };
        Ok((
            live,
            Rebuild {
                changed: Vec::new(),
                pages,
                elapsed: started.elapsed(),
                css_only: false,
                warnings,
            },
        ))
    }

    pub fn config(&self) -> &crate::config::Config {
        &self.site.config
    }

    /// Applies a batch of changed paths (absolute, as the watcher reports them).
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Rebuild, Vec<Diagnostic>> {
        let started = Instant::now();
        let content_dir = self.site.config.content_dir(&self.root);
        let relative: Vec<PathBuf> = changed
            .iter()
            .map(|p| crate::diagnostics::relative_to(p, &self.root))
            .collect();
        let content_only = changed
            .iter()
            .all(|p| p.starts_with(&content_dir) && p.extension().is_some_and(|e| e == "md"));
        let (pages, warnings) = if content_only && !self.stale {
            let paths: Vec<String> = changed
                .iter()
                .filter_map(|p| p.strip_prefix(&content_dir).ok())
                .map(|p| {
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .collect();
            (self.apply_content(&paths)?, Vec::new())
        } else {
            let (site, warnings) =
                full_build(&self.root, &self.out_dir, &self.base_url, self.drafts)?;
            self.site = site;
            self.stale = false;
            (self.site.content.pages.len(), warnings)
        };
        let css_only = changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
        Ok(Rebuild {
            changed: relative,
            pages,
            elapsed: started.elapsed(),
            css_only,
            warnings,
        })
    }

    /// Rewrites the search index and page. Any edit can change the words a page is
    /// found by, but the index is only read by the search page: the server calls this
    /// after it has told open pages to reload, so a one-page edit reloads sooner.
    pub fn refresh_search(&mut self) -> Result<(), Vec<Diagnostic>> {
        let site = &mut self.site;
        let output = Output::in_place(&self.root, &self.out_dir).map_err(|d| vec![d])?;
        let none = HashSet::new();
        let renderer = Renderer::for_topics(
            &site.config,
            &mut site.theme,
            &site.content.pages,
            &site.triages,
            Some(&none),
        );
        let mut problems = renderer.search(&site.content.pages, &site.bodies, &output);
        problems.extend(renderer.editorial(
            &site.content.pages,
            &site.bodies,
            &crate::dates::today(),
            &output,
        ));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Re-reads the content files at `paths` (relative to `content/`) and re-renders
    /// what they affect. Returns how many pages were rendered.
    fn apply_content(&mut self, paths: &[String]) -> Result<usize, Vec<Diagnostic>> {
        let site = &mut self.site;
        let languages = site.config.languages.clone();
        let content_dir = site.config.content_dir(&self.root);

        // 1. The new version of each changed file (None: deleted or a draft).
        let mut errors = Diagnostics::default();
        let mut updates: Vec<(String, Option<Page>)> = Vec::new();
        let mut links = LinkMap::new(
            site.content
                .pages
                .iter()
                .map(|p| (p.content_path.clone(), p.path.clone())),
        );
        for path in paths {
            let file = content_dir.join(path);
            if !file.is_file() {
                updates.push((path.clone(), None));
                continue;
            }
            let loaded = walk::read_one(&file, &self.root, &content_dir)
                .map_err(|d| vec![d])
                .and_then(|source| page::load(source, &languages));
            match loaded {
                Ok(page) if page.draft && !self.drafts => {
                    links.remove(path);
                    links.mark_draft(path);
                    updates.push((path.clone(), None));
                }
                Ok(page) => {
                    links.insert(path, &page.path);
                    updates.push((path.clone(), Some(page)));
                }
                Err(e) => errors.extend(e),
            }
        }
        for (path, page) in &updates {
            if page.is_none() {
                links.remove(path);
            }
        }
        if errors.has_errors() {
            return Err(errors.into_sorted());
        }

        // 2. What the change touches.
        let old = |path: &str| {
            site.content
                .pages
                .iter()
                .position(|p| p.content_path == path)
        };
        let added_or_removed: HashSet<String> = updates
            .iter()
            .filter(|(path, new)| old(path).is_some() != new.is_some())
            .map(|(path, _)| path.clone())
            .collect();
        let mut listing_changed = !added_or_removed.is_empty();
        let mut topics_changed = false;
        let mut touched_topics: HashSet<TopicKey> = HashSet::new();
        for (path, new) in &updates {
            let before = old(path).map(|i| &site.content.pages[i]);
            for page in before.into_iter().chain(new.as_ref()) {
                if let Some(topic) = &page.topic {
                    touched_topics.insert((page.lang.clone(), topic.clone()));
                }
                // Topics and top-level pages are in every page's navigation.
                let in_navigation = page.kind == PageKind::Topic
                    || (page.kind == PageKind::Plain && !page.content_path.contains('/'));
                if in_navigation {
                    topics_changed |=
                        before.map(listing_fields) != new.as_ref().map(listing_fields);
                }
            }
            listing_changed |= before.map(listing_fields) != new.as_ref().map(listing_fields);
        }

        // 3. The new page list (sorted by path, as a full load gives), checked whole.
        let mut pages = std::mem::take(&mut site.content.pages);
        let mut bodies = std::mem::take(&mut site.bodies);
        let mut removed_paths = Vec::new();
        for (path, new) in updates {
            match (pages.iter().position(|p| p.content_path == path), new) {
                (Some(i), Some(page)) => pages[i] = page,
                (Some(i), None) => {
                    removed_paths.push(pages.remove(i).path);
                    bodies.remove(i);
                }
                (None, Some(page)) => {
                    let at = pages.partition_point(|p| p.content_path < page.content_path);
                    pages.insert(at, page);
                    bodies.insert(at, Rendered::default());
                }
                (None, None) => {}
            }
        }
        let mut problems = Vec::new();
        let mut url_problems = Diagnostics::default();
        crate::content::check_unique_urls(&pages, &mut url_problems);
        problems.extend(url_problems.into_sorted());

        // 4. Markdown for the changed pages and the pages linking to added/removed files.
        let cx = MarkdownContext {
            links: &links,
            base_path: &site.config.base_path,
            labels: &site.theme.labels,
        };
        let mut dirty: HashSet<usize> = HashSet::new();
        for (i, page) in pages.iter().enumerate() {
            let changed = paths.contains(&page.content_path);
            let links_to_change = bodies[i].links.iter().any(|l| added_or_removed.contains(l));
            if changed || links_to_change {
                let (body, link_errors) = markdown::render(page, &cx);
                problems.extend(link_errors);
                bodies[i] = body;
                dirty.insert(i);
            }
        }

        // 5. The decision trees of the touched topics.
        let candidate = crate::content::Content { pages, links };
        let mut tree_diagnostics = Diagnostics::default();
        let folders: HashSet<String> = touched_topics.iter().map(|(_, t)| t.clone()).collect();
        let mut rebuilt_triages: Vec<triage::CompiledTriage> = site
            .triages
            .iter()
            .filter(|t| !folders.contains(&t.triage.topic))
            .cloned()
            .collect();
        rebuilt_triages.extend(triage::build_topics(
            &candidate,
            &site.config.language,
            Some(&folders),
            &mut tree_diagnostics,
        ));
        let tree_problems = tree_diagnostics.into_sorted();
        problems.extend(tree_problems.into_iter().filter(Diagnostic::is_error));
        let mut template_problems = Diagnostics::default();
        site.theme
            .check_templates(&candidate.pages, &mut template_problems);
        problems.extend(template_problems.into_sorted());
        let crate::content::Content { pages, links } = candidate;
        if problems.iter().any(Diagnostic::is_error) {
            // The served files are untouched; the pages in memory are half-updated, so
            // the next change rebuilds everything from the files.
            site.content = crate::content::Content { pages, links };
            site.bodies = bodies;
            self.stale = true;
            return Err(problems);
        }
        let changed_trees: Vec<usize> = rebuilt_triages
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                let key = (t.triage.lang.clone(), t.triage.topic.clone());
                touched_topics.contains(&key)
                    && !site.triages.iter().any(|old| old.triage == t.triage)
            })
            .map(|(i, _)| i)
            .collect();
        let trees_added = rebuilt_triages.iter().any(|t| {
            !site
                .triages
                .iter()
                .any(|old| old.check_path == t.check_path)
        });
        let removed_trees: Vec<String> = site
            .triages
            .iter()
            .filter(|old| {
                !rebuilt_triages
                    .iter()
                    .any(|t| t.check_path == old.check_path)
            })
            .map(|old| old.check_path.clone())
            .collect();

        // 6. Commit and render what changed.
        site.content = crate::content::Content { pages, links };
        site.bodies = bodies;
        site.triages = rebuilt_triages;
        if listing_changed {
            for (i, page) in site.content.pages.iter().enumerate() {
                let in_touched_topic = page
                    .topic
                    .as_ref()
                    .is_some_and(|t| touched_topics.contains(&(page.lang.clone(), t.clone())));
                if page.kind == PageKind::Home || (page.kind == PageKind::Topic && in_touched_topic)
                {
                    dirty.insert(i);
                }
            }
        }
        // Navigation (the topics) and the links to checkers are on every page, the
        // checkers' pages and the 404 page included.
        let everything = topics_changed || trees_added || !removed_trees.is_empty();
        if everything {
            dirty.extend(0..site.content.pages.len());
        }
        let output = Output::in_place(&self.root, &self.out_dir).map_err(|d| vec![d])?;
        let only = if dirty.len() == site.content.pages.len() {
            None
        } else {
            Some(&touched_topics)
        };
        let renderer = Renderer::for_topics(
            &site.config,
            &mut site.theme,
            &site.content.pages,
            &site.triages,
            only,
        );
        let mut dirty: Vec<usize> = dirty.into_iter().collect();
        dirty.sort_unstable();
        let to_render: Vec<(&Page, &Rendered)> = dirty
            .iter()
            .map(|&i| (&site.content.pages[i], &site.bodies[i]))
            .collect();
        let mut failures = renderer.pages(&to_render, &output);
        for check_path in removed_trees {
            failures.extend(output.remove(&check_path).err());
        }
        let trees: Vec<usize> = if everything {
            (0..site.triages.len()).collect()
        } else {
            changed_trees
        };
        for i in trees {
            let compiled = &site.triages[i];
            failures.extend(output.remove(&compiled.check_path).err());
            if let Err(e) = renderer.checker(compiled, &output) {
                failures.extend(e);
            }
        }
        for path in removed_paths {
            let file = format!("{path}index.html");
            failures.extend(output.remove(&file).err());
        }
        if everything {
            let mut site_files = Diagnostics::default();
            renderer.site_files(&site.content.pages, &output, &mut site_files);
            failures.extend(site_files.into_sorted());
        } else if listing_changed {
            failures.extend(renderer.sitemap(&site.content.pages, &output));
        }
        if failures.is_empty() {
            Ok(to_render.len())
        } else {
            Err(failures)
        }
    }
}

/// The fields of a page that other pages show: what makes its listing change.
fn listing_fields(page: &Page) -> impl PartialEq + '_ {
    (
        page.kind,
        &page.title,
        &page.summary,
        page.condition.as_ref().map(|c| (c.urgency, &c.also_called)),
        page.weight,
        &page.path,
        page.reviewed.as_ref().map(|r| &r.on),
    )
}

/// Loads and renders the whole site into `out_dir`, replacing it whole.
fn full_build(
    root: &Path,
    out_dir: &Path,
    base_url: &str,
    drafts: bool,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (mut site, warnings) = Site::load(root, Some(base_url), drafts)?;
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(warnings);
    let (_, warnings) = site.write(root, out_dir, diagnostics)?;
    Ok((site, warnings))
}
