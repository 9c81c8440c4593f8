//! Updating a loaded site when content files change (the live preview), with the
//! functions a full load uses: files are read by [`Content::read_changes`], put in place
//! by [`Content::replace`], checked by [`Content::check`], their Markdown rendered by
//! [`markdown::render()`], trees compiled by [`triage::build_topics`] and templates checked
//! by [`Theme::check_templates`](crate::render::Theme::check_templates).
//!
//! Only what can differ is re-rendered: the changed pages; if a page's title, summary,
//! urgency or place changed (or it was added or deleted), its topic page, the home page
//! and the sitemap; pages that link to a file that appeared or disappeared; and the
//! decision tree of a touched topic if it changed. A change to what every page's
//! navigation shows, or a tree that appeared or disappeared, re-renders every page.
//!
//! The preview keeps each page's front-matter but not its Markdown: a page rendered
//! again for what it shows of others reads its body from its file again
//! ([`Page::reload_body`]).
//!
//! [`Content::read_changes`]: crate::content::Content::read_changes
//! [`Content::replace`]: crate::content::Content::replace
//! [`Content::check`]: crate::content::Content::check

use std::collections::HashSet;

use rayon::prelude::*;

use crate::content::{Change, Edit, Page, PageKind};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::markdown::{self, Rendered};
use crate::output::Output;
use crate::render::{Renderer, TopicKey};
use crate::site::Site;
use crate::triage::{self, CompiledTriage};

impl Site {
    /// Re-reads the content files at `paths` (under `content/`) and re-renders into
    /// `output` what they affect; returns how many pages were rendered. When a file
    /// has errors nothing changes; when the edited site fails a check, nothing is
    /// written and the site is stale ([`Site::is_stale`]): the pages in memory are
    /// half-updated, and only a full load can be trusted.
    pub fn update_content(
        &mut self,
        paths: &[String],
        output: &Output,
        diagnostics: &mut Diagnostics,
    ) -> Result<usize, Failed> {
        let changes = self.content.read_changes(
            &self.root,
            &self.config,
            self.options.drafts,
            paths,
            diagnostics,
        )?;
        let touched = Touched::of(&self.content.pages, &changes);
        let removed_pages = self.replace(changes);
        self.content.check(diagnostics);
        let fresh = self.render_bodies(paths, &touched, diagnostics);
        let mut dirty = fresh.clone();
        let trees = self.recompile_trees(&touched, diagnostics);
        // The templates are as they were (a change to them loads the whole site): only
        // the changed pages can name one that does not exist.
        let changed = self
            .content
            .pages
            .iter()
            .filter(|p| paths.contains(&p.content_path));
        self.theme.check_templates(changed, diagnostics);
        if let Err(failed) = diagnostics.check() {
            self.stale = true;
            return Err(failed);
        }

        if touched.listing {
            dirty.extend(self.listing_pages(&touched.topics));
        }
        // Navigation (the topics) and the links to checkers are on every page, the
        // checkers' pages and the 404 page included.
        let everything = touched.navigation || trees.added || !trees.removed.is_empty();
        if everything {
            dirty.extend(0..self.content.pages.len());
        }
        let mut dirty: Vec<usize> = dirty.into_iter().collect();
        dirty.sort_unstable();
        let again: Vec<usize> = dirty
            .iter()
            .copied()
            .filter(|i| !fresh.contains(i))
            .collect();
        self.render_again(&again, diagnostics);
        if let Err(failed) = diagnostics.check() {
            self.stale = true;
            return Err(failed);
        }
        let only = (dirty.len() < self.content.pages.len()).then_some(&touched.topics);
        let renderer = Renderer::for_topics(
            &self.config,
            &mut self.theme,
            &self.content.pages,
            &self.triages,
            only,
        );
        let to_render: Vec<(&Page, &Rendered)> = dirty
            .iter()
            .map(|&i| (&self.content.pages[i], &self.bodies[i]))
            .collect();
        renderer.pages(&to_render, output, diagnostics);
        for check_path in &trees.removed {
            diagnostics.extend(output.remove(check_path).err());
        }
        let trees_to_render = if everything {
            (0..self.triages.len()).collect()
        } else {
            trees.changed
        };
        for i in trees_to_render {
            let compiled = &self.triages[i];
            diagnostics.extend(output.remove(&compiled.check_path).err());
            renderer.checker(compiled, output, diagnostics);
        }
        for path in removed_pages {
            diagnostics.extend(output.remove(&format!("{path}index.html")).err());
        }
        if everything {
            renderer.site_files(&self.content.pages, output, diagnostics);
        } else if touched.listing {
            diagnostics.extend(renderer.sitemap(&self.content.pages, output).err());
        }
        let rendered = to_render.len();
        // The preview keeps bodies without their HTML (their Markdown was released as
        // it was rendered).
        for &i in &dirty {
            self.bodies[i].spend();
        }
        diagnostics.check()?;
        Ok(rendered)
    }

    /// Rewrites the search index, the search page and the editorial page. Any edit
    /// can change the words a page is found by, but only the search page reads the
    /// index: the live preview calls this after it has told open pages to reload.
    pub fn write_search(&mut self, output: &Output, diagnostics: &mut Diagnostics) {
        let no_topics = HashSet::new();
        let renderer = Renderer::for_topics(
            &self.config,
            &mut self.theme,
            &self.content.pages,
            &self.triages,
            Some(&no_topics),
        );
        renderer.search(&self.content.pages, &self.bodies, output, diagnostics);
        let today = crate::dates::today();
        diagnostics.extend(
            renderer
                .editorial(&self.content.pages, &self.bodies, &today, output)
                .err(),
        );
    }

    /// Puts `changes` in place, keeping the bodies in page order beside the pages;
    /// returns the URL paths of the pages removed.
    fn replace(&mut self, changes: Vec<Change>) -> Vec<String> {
        let mut removed = Vec::new();
        let bodies = &mut self.bodies;
        for edit in self.content.replace(changes, &self.config) {
            match edit {
                Edit::Changed(_) => {}
                Edit::Added(i) => bodies.insert(i, Rendered::default()),
                Edit::Removed { index, url_path } => {
                    bodies.remove(index);
                    removed.push(url_path);
                }
            }
        }
        removed
    }

    /// Renders the Markdown of the changed pages and of the pages that link to a file
    /// that appeared or disappeared; returns their indices.
    fn render_bodies(
        &mut self,
        paths: &[String],
        touched: &Touched,
        diagnostics: &mut Diagnostics,
    ) -> HashSet<usize> {
        let dirty: Vec<usize> = (0..self.content.pages.len())
            .filter(|&i| {
                paths.contains(&self.content.pages[i].content_path)
                    || self.bodies[i]
                        .links
                        .iter()
                        .any(|l| touched.added_or_removed.contains(l))
            })
            .collect();
        for (i, body, problems) in self.render_markdown(&dirty, diagnostics) {
            self.bodies[i] = body;
            diagnostics.append(problems);
        }
        dirty.into_iter().collect()
    }

    /// Renders again the Markdown of pages whose template must be rendered again for
    /// what they show of others (a topic page, the home page, or every page): their
    /// text and links are as before, so are their problems, which were reported then.
    /// A page whose file cannot be read again is a problem.
    fn render_again(&mut self, indices: &[usize], diagnostics: &mut Diagnostics) {
        for (i, body, _) in self.render_markdown(indices, diagnostics) {
            self.bodies[i] = body;
        }
    }

    /// Reads again, in parallel, the Markdown the preview released of the pages at
    /// `indices` (see [`Page::release_body`]). A file that cannot be read (deleted or
    /// half-written by now: its change is on its way) is a problem, so that no page is
    /// written without its text.
    fn reload_bodies(&mut self, indices: &[usize], diagnostics: &mut Diagnostics) {
        let pages = &self.content.pages;
        let wanted: HashSet<usize> = indices
            .iter()
            .copied()
            .filter(|&i| pages[i].body_released())
            .collect();
        if wanted.is_empty() {
            return;
        }
        let root = &self.root;
        let problems: Vec<Diagnostic> = self
            .content
            .pages
            .par_iter_mut()
            .enumerate()
            .filter(|(i, _)| wanted.contains(i))
            .filter_map(|(_, page)| page.reload_body(&root.join(&page.source)).err())
            .collect();
        diagnostics.extend(problems);
    }

    /// The Markdown of the pages at `indices` rendered, in parallel, with each one's
    /// problems, and released again; bodies the preview released are read again first
    /// (a file that cannot be, into `diagnostics`).
    fn render_markdown(
        &mut self,
        indices: &[usize],
        diagnostics: &mut Diagnostics,
    ) -> Vec<(usize, Rendered, Diagnostics)> {
        self.reload_bodies(indices, diagnostics);
        let is_static = |file: &str| self.theme.has_static(file);
        let translated_labels = self.theme.translated_labels();
        let cx = Site::markdown_context(
            &self.config,
            Some(&self.theme),
            &self.content.links,
            Some(&translated_labels),
            Some(&is_static),
        );
        let rendered: Vec<(usize, Rendered, Diagnostics)> = indices
            .par_iter()
            .map(|&i| {
                let mut problems = Diagnostics::default();
                let body = markdown::render(&self.content.pages[i], &cx, &mut problems);
                (i, body, problems)
            })
            .collect();
        for &i in indices {
            self.content.pages[i].release_body();
        }
        rendered
    }

    /// Compiles again the decision trees of the touched topics (every language of
    /// them) and puts them in place; says which trees changed, appeared or went.
    fn recompile_trees(&mut self, touched: &Touched, diagnostics: &mut Diagnostics) -> Trees {
        let folders: HashSet<String> = touched.topics.iter().map(|(_, t)| t.clone()).collect();
        // The trees of untouched topics stay as they are (moved, not copied: a site of
        // 10,000 pages has a hundred of them); those of touched topics are built again.
        let (old, kept): (Vec<CompiledTriage>, Vec<CompiledTriage>) =
            std::mem::take(&mut self.triages)
                .into_iter()
                .partition(|t| folders.contains(&t.triage.topic));
        let mut built = triage::build_topics(
            &self.content,
            &self.config.language,
            &self.config.services,
            Some(&folders),
            diagnostics,
        );
        triage::signoff::check_reviews(
            &mut built,
            &self.content.pages,
            &self.config,
            |lang| self.theme.strings_for(lang),
            diagnostics,
        );
        // Trees of other topics have other check paths and other triages: what changed,
        // appeared or went is among the touched topics' trees, old and new.
        let same_path = |a: &CompiledTriage, b: &CompiledTriage| a.check_path == b.check_path;
        let trees = Trees {
            changed: built
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    let key = (t.triage.lang.clone(), t.triage.topic.clone());
                    touched.topics.contains(&key)
                        && !old
                            .iter()
                            .any(|o| o.triage == t.triage && o.review == t.review)
                })
                .map(|(i, _)| kept.len() + i)
                .collect(),
            added: built.iter().any(|t| !old.iter().any(|o| same_path(o, t))),
            removed: old
                .iter()
                .filter(|o| !built.iter().any(|t| same_path(o, t)))
                .map(|o| o.check_path.clone())
                .collect(),
        };
        self.triages = kept;
        self.triages.extend(built);
        trees
    }

    /// The pages that list others: the home page (in the touched topics' languages)
    /// and the touched topics' pages.
    fn listing_pages(&self, topics: &HashSet<TopicKey>) -> Vec<usize> {
        let in_topics = |page: &Page| {
            page.topic
                .as_ref()
                .is_some_and(|t| topics.contains(&(page.lang.clone(), t.clone())))
        };
        self.content
            .pages
            .iter()
            .enumerate()
            .filter(|(_, page)| {
                // The home page of each language a touched topic is in.
                let home = page.kind == PageKind::Home
                    && (topics.is_empty() || topics.iter().any(|(lang, _)| *lang == page.lang));
                home || (page.kind == PageKind::Topic && in_topics(page))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// What a set of changes touches, judged against the pages as they were.
struct Touched {
    /// The topics (in each language) a changed page was or is in.
    topics: HashSet<TopicKey>,
    /// Files that became or stopped being pages: pages linking to them re-render.
    added_or_removed: HashSet<String>,
    /// Something other pages list of a page changed (see [`listing_fields`]).
    listing: bool,
    /// Something every page's navigation shows changed (a topic, a top-level page).
    navigation: bool,
}

impl Touched {
    fn of(pages: &[Page], changes: &[Change]) -> Touched {
        let mut touched = Touched {
            topics: HashSet::new(),
            added_or_removed: HashSet::new(),
            listing: false,
            navigation: false,
        };
        for change in changes {
            let before = pages.iter().find(|p| p.content_path == change.path);
            let after = change.page();
            if before.is_some() != after.is_some() {
                touched.added_or_removed.insert(change.path.clone());
            }
            let listing_changed = before.map(listing_fields) != after.map(listing_fields);
            for page in before.into_iter().chain(after) {
                if let Some(topic) = &page.topic {
                    touched.topics.insert((page.lang.clone(), topic.clone()));
                }
                let in_navigation = page.kind == PageKind::Topic
                    || (page.kind == PageKind::Plain && !page.content_path.contains('/'));
                touched.navigation |= in_navigation && listing_changed;
            }
            touched.listing |= listing_changed;
        }
        touched.listing |= !touched.added_or_removed.is_empty();
        touched.untranslated_listings(pages, changes);
        touched
    }

    /// A condition without a version in another language is listed in that
    /// language's topic too: its change touches that topic.
    fn untranslated_listings(&mut self, pages: &[Page], changes: &[Change]) {
        let languages: HashSet<&str> = pages.iter().map(|p| p.lang.as_str()).collect();
        let changed = changes.iter().flat_map(|change| {
            let before = pages.iter().find(|p| p.content_path == change.path);
            before.into_iter().chain(change.page())
        });
        for page in changed {
            let Some(topic) = &page.topic else { continue };
            for lang in &languages {
                let has_version = pages
                    .iter()
                    .any(|p| p.lang == *lang && p.translation_key() == page.translation_key());
                if !has_version {
                    self.topics.insert(((*lang).to_string(), topic.clone()));
                }
            }
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
        &page.url_path,
        page.reviewed.as_ref().map(|r| &r.on),
    )
}

/// How an update changed the site's decision trees.
struct Trees {
    /// Indices of trees of touched topics that differ from before.
    changed: Vec<usize>,
    /// A tree appeared.
    added: bool,
    /// The checker paths of trees that went.
    removed: Vec<String>,
}
