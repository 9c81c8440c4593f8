//! Rendering the loaded site: Markdown bodies and Tera templates into pages, plus the
//! site-wide files (sitemap, robots.txt, 404 page, search, editorial page, brand
//! stylesheet, static files).
//!
//! - [`render_site`] (here): a whole site, in parallel, in the order that keeps memory
//!   low; the live preview calls the [`Renderer`]'s methods for only what changed.
//! - [`renderer`]: the [`Renderer`], one page or one checker at a time.
//! - [`listings`]: what pages show of other pages (a topic's conditions, translations).
//! - [`site_files`]: the files that belong to no page.
//! - [`templates`]: the theme ([`Theme`]), its overrides, and template errors.
//! - [`context`], [`seo`], [`search`], [`checker`]: what templates see, JSON-LD and
//!   the sitemap, the search index, a topic's decision-tree pages.
//!
//! Pages are handed straight to [`Output`] as they render, so a large site is never held
//! in memory whole.

pub(crate) mod builtin;
pub(crate) mod checker;
pub(crate) mod context;
pub(crate) mod contrast;
pub mod eject;
pub(crate) mod listings;
pub mod renderer;
pub(crate) mod search;
pub(crate) mod seo;
pub(crate) mod site_files;
pub(crate) mod templates;

use crate::config::Config;
use crate::content::{Content, Page};
use crate::diagnostics::Diagnostics;
use crate::markdown::{MarkdownContext, Rendered};
use crate::output::Output;
use crate::triage::CompiledTriage;
pub use listings::TopicKey;
pub use renderer::Renderer;
pub use templates::Theme;

/// What a render wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
}

/// The pages' Markdown bodies, as [`render_site`] gets them.
pub enum Bodies<'a> {
    /// Already rendered, in page order.
    Rendered(&'a [Rendered]),
    /// To be rendered as each page is written: a page's HTML is dropped as soon as its
    /// file is written, so a large site's HTML is never in memory whole. Once every
    /// page is written, a build releases the pages' text; the live preview releases
    /// their bodies but keeps their front-matter (`keep_front_matter`), which a save
    /// that touches a decision tree checks again.
    FromMarkdown { keep_front_matter: bool },
}

/// Renders every page of `content` into `output`. Stops before writing the site-wide
/// files when any page fails, so the caller can abandon the output. Bodies rendered
/// here ([`Bodies::FromMarkdown`]) are returned without their HTML, in page order:
/// what the search index and the editors' page need of them.
pub fn render_site(
    config: &Config,
    theme: &mut Theme,
    content: &mut Content,
    bodies: Bodies<'_>,
    triages: &[CompiledTriage],
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> (RenderStats, Vec<Rendered>) {
    let labels = theme.labels.clone();
    let translated_labels = theme.translated_labels();
    // Every page's template was checked when the site was loaded (`Site::load`).
    let renderer = Renderer::new(config, theme, &content.pages, triages);
    let renderer = &renderer;
    let is_static = |file: &str| renderer.theme.has_static(file);
    let markdown = MarkdownContext {
        links: &content.links,
        base_path: &config.base_path,
        labels: &labels,
        translated_labels: Some(&translated_labels),
        care: &config.care_levels,
        translated_care: Some(&config.translations),
        raw_html: config.raw_html,
        embeds: &config.embeds,
        is_static: Some(&is_static),
    };
    let pages = &content.pages;
    // The checkers and site-wide files need no page bodies: they are rendered while
    // the pages are, on whichever thread is free.
    let ((measured, page_problems), (other_files, other_problems)) = rayon::join(
        || {
            let mut problems = Diagnostics::default();
            let measured = match bodies {
                Bodies::Rendered(bodies) => {
                    let all: Vec<(&Page, &Rendered)> = pages.iter().zip(bodies).collect();
                    renderer.pages(&all, output, &mut problems);
                    None
                }
                Bodies::FromMarkdown { .. } => {
                    Some(renderer.pages_from_markdown(pages, &markdown, output, &mut problems))
                }
            };
            (measured, problems)
        },
        || {
            let mut problems = Diagnostics::default();
            let files = renderer.checkers_and_site_files(triages, pages, output, &mut problems);
            (files, problems)
        },
    );
    diagnostics.append(page_problems);
    diagnostics.append(other_problems);
    if diagnostics.has_errors() {
        return (RenderStats::default(), Vec::new());
    }
    if let Bodies::FromMarkdown { keep_front_matter } = bodies {
        let release = if keep_front_matter {
            Page::release_body
        } else {
            Page::release_text
        };
        content.pages.iter_mut().for_each(release);
    }
    let measured = measured.unwrap_or_default();
    let bodies = match bodies {
        Bodies::Rendered(bodies) => bodies,
        Bodies::FromMarkdown { .. } => &measured,
    };
    // Each holds a list of every page as template values; the pages' text (all of it
    // in a build, the bodies in the preview) is released by now, which leaves room for
    // both at once.
    let (search, editorial) = rayon::join(
        || {
            let mut problems = Diagnostics::default();
            renderer.search(&content.pages, bodies, output, &mut problems);
            problems
        },
        || renderer.editorial(&content.pages, bodies, &crate::dates::today(), output),
    );
    diagnostics.append(search);
    diagnostics.extend(editorial.err());
    let pages = content.pages.len();
    // The pages, the search index, the search page and the editorial page.
    let files = pages + 3 + other_files;
    (RenderStats { pages, files }, measured)
}
