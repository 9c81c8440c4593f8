//! careleaf: a static site generator for patient education.
//!
//! The pipeline reads top to bottom: `site.yaml` → `config`; content loaded and
//! validated → `content`; every body's Markdown read, checked and rendered → `markdown`,
//! decision trees compiled and proven → `triage`; templates rendered → `render`; files written →
//! `output`. `site` runs that pipeline for a whole site and updates it when files
//! change; each subcommand is a module of [`cmd`]; `serve` is the live preview.
//!
//! The modules sit on floors, and each imports only from the floors beneath it (a test,
//! `tests/testsuite/architecture.rs`, keeps it so; `docs/architecture.md` says more):
//!
//! 1. vocabulary: `care`, `collation`, `dates`, `html`, `phone`, `readability`; then
//!    `diagnostics`
//! 2. files: `text` (reading), `yaml`, `output` (the only writer)
//! 3. `config`
//! 4. `content` (pages, front-matter, links)
//! 5. `markdown` and `triage`
//! 6. `editorial` (word counts, reading grades, reviews)
//! 7. `render`
//! 8. `site`
//! 9. `serve`
//! 10. [`cmd`]

// These are contributors' docs, read with `cargo doc --document-private-items`: an
// item's docs may link to the crate-private items it is built from.
#![allow(rustdoc::private_intra_doc_links)]
#![warn(unreachable_pub)]

pub(crate) mod care;
pub mod cmd;
pub(crate) mod collation;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod dates;
pub(crate) mod diagnostics;
pub(crate) mod editorial;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod output;
pub(crate) mod phone;
pub(crate) mod readability;
pub(crate) mod render;
pub(crate) mod serve;
pub(crate) mod site;
pub(crate) mod text;
pub(crate) mod triage;
pub(crate) mod yaml;

// The library's API, all of it named here: what the binary (`cmd`), the tests, the
// benchmarks and the examples use. Every other module is crate-private, and
// `unreachable_pub` keeps each item that is not named here (or reachable through what
// is) `pub(crate)`.

pub use care::CareLevel;
pub use cmd::build::{BuildOptions, BuildReport, build};
pub use config::{Config, RawHtml};
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use serve::live::LiveSite;
pub use site::{LoadOptions, Site};

/// Decision trees, for the tests and benchmarks that build, prove, compare and draw
/// them (the compiler itself is `src/triage/`).
pub mod tree {
    pub use crate::triage::compile::{Diagram, NodeKind, compile};
    pub use crate::triage::diff::{Side, changed_by_groups, changes_by_enumeration, diff};
    pub use crate::triage::emit::{diagram, review};
    pub use crate::triage::mdd::Mdd;
    pub use crate::triage::model::{
        Action, Alternative, Answer, Otherwise, Question, Rule, TopicOutcome, Triage,
        TriageCondition,
    };
    pub use crate::triage::safety::{Failure, verify};
    pub use crate::triage::shared::{Given, narrow, shared};
    pub use crate::triage::symbolic::verify as verify_symbolically;
    pub use crate::triage::validate::{topics_with_conditions, triage_for};
    pub use crate::triage::{CompiledTriage, build};
}

/// The pipeline's stages one at a time, for the benchmarks that time them and the
/// tests that probe them.
pub mod stages {
    pub use crate::content::page::load as load_page;
    pub use crate::content::walk::SourceFile;
    pub use crate::content::{LinkMap, load as load_content};
    pub use crate::html::sanitize::clean as sanitize;
    pub use crate::markdown::CardLabels;
    pub use crate::markdown::render::{MarkdownContext, render as render_markdown};
    pub use crate::output::Output;
    pub use crate::readability::Counter;
    pub use crate::render::Renderer;
    pub use crate::render::eject::builtin as builtin_template;
}
