//! Rendering the loaded site: Tera templates into pages (with the bodies' HTML from the
//! load), plus the site-wide files (sitemap, robots.txt, 404 page, search, editorial
//! page, brand stylesheet, static files).
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
//! Bodies come rendered and checked from the load (`Site::load`); rendering templates
//! finds template and file problems, never content ones. Pages are handed straight to
//! [`Output`] as they render, each body's HTML spent as its file is written.

pub(crate) mod builtin;
pub(crate) mod checker;
pub(crate) mod context;
pub(crate) mod contrast;
pub(crate) mod eject;
pub(crate) mod listings;
pub(crate) mod renderer;
pub(crate) mod search;
pub(crate) mod seo;
pub(crate) mod site_files;
pub(crate) mod templates;

use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::Diagnostics;
use crate::markdown::Rendered;
use crate::output::Output;
use crate::triage::CompiledTriage;
pub(crate) use listings::TopicKey;
pub use renderer::Renderer;
pub(crate) use templates::Theme;

/// What a render wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
}

/// Renders every page of `content` into `output`, spending each body's HTML as its
/// page is written ([`Rendered::spend`]; the bodies were rendered and checked when
/// the site was loaded). Stops before writing the site-wide files when any page fails,
/// so the caller can abandon the output.
pub(crate) fn render_site(
    config: &Config,
    theme: &mut Theme,
    content: &Content,
    bodies: &mut [Rendered],
    triages: &[CompiledTriage],
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> RenderStats {
    // Every page's template was checked when the site was loaded (`Site::load`).
    let renderer = Renderer::new(config, theme, &content.pages, triages);
    let renderer = &renderer;
    let pages = &content.pages;
    // The checkers and site-wide files need no page bodies: they are rendered while
    // the pages are, on whichever thread is free.
    let (page_problems, (other_files, other_problems)) = rayon::join(
        || {
            let mut problems = Diagnostics::default();
            renderer.write_pages(pages, bodies, output, &mut problems);
            problems
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
        return RenderStats::default();
    }
    // Each holds a list of every page as template values; the pages' HTML is spent by
    // now, which leaves room for both at once.
    let (search, editorial) = rayon::join(
        || {
            let mut problems = Diagnostics::default();
            renderer.search(pages, bodies, output, &mut problems);
            problems
        },
        || renderer.editorial(pages, bodies, &crate::dates::today(), output),
    );
    diagnostics.append(search);
    diagnostics.extend(editorial.err());
    let pages = pages.len();
    // The pages, the search index, the search page and the editorial page.
    let files = pages + 3 + other_files;
    RenderStats { pages, files }
}
