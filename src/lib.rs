//! careleaf: a static site generator for patient education.
//!
//! The pipeline reads top to bottom: `site.yaml` → [`config`]; content loaded and
//! validated → [`content`]; Markdown rendered → [`markdown`], decision trees compiled
//! and proven → [`triage`]; templates rendered → [`render`]; files written →
//! [`output`]. [`site`] runs that pipeline for a whole site and updates it when files
//! change; each subcommand is a module of [`cmd`]; [`serve`] is the live preview.
//!
//! The modules sit on floors, and each imports only from the floors beneath it (a test,
//! `tests/testsuite/architecture.rs`, keeps it so; `docs/architecture.md` says more):
//!
//! 1. vocabulary: [`care`], [`collation`], `dates`, [`html`], `phone`, [`readability`]; then
//!    [`diagnostics`]
//! 2. files: `text` (reading), `yaml`, [`output`] (the only writer)
//! 3. [`config`]
//! 4. [`content`] (pages, front-matter, links)
//! 5. [`markdown`] and [`triage`]
//! 6. `editorial` (word counts, reading grades, reviews)
//! 7. [`render`]
//! 8. [`site`]
//! 9. [`serve`]
//! 10. [`cmd`]

#![warn(unreachable_pub)]

pub mod care;
pub mod cmd;
pub mod collation;
pub mod config;
pub mod content;
pub(crate) mod dates;
pub mod diagnostics;
pub(crate) mod editorial;
pub mod html;
pub mod markdown;
pub mod output;
pub(crate) mod phone;
pub mod readability;
pub mod render;
pub mod serve;
pub mod site;
pub(crate) mod text;
pub mod triage;
pub(crate) mod yaml;

pub use cmd::build::{BuildOptions, BuildReport, build};
pub use diagnostics::{Diagnostic, Severity};
