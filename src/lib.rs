//! careleaf: a static site generator for patient education.
//!
//! The pipeline reads top to bottom: `site.yaml` → [`config`]; content loaded and
//! validated → [`content`]; Markdown rendered → [`markdown`]; templates rendered →
//! [`render`]; files written → [`output`]. Problems at any stage are collected as
//! [`diagnostics::Diagnostic`]s; the command line in `main.rs` prints them.
//! Each subcommand is one function in [`cmd`].

pub mod care;
pub mod cmd;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod editorial;
pub mod html;
pub mod markdown;
pub mod output;
pub mod readability;
pub mod render;
pub mod serve;
pub mod site;
pub mod text;
pub mod triage;
pub mod yaml;

pub use cmd::build::{BuildOptions, BuildReport, build};
pub use diagnostics::{Diagnostic, Severity};
