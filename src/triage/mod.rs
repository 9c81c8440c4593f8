//! The "What should I do?" decision tree: its model as authors write it.
//!
//! This module reads the questions (from a topic's `_index.md`) and the rules (from each
//! condition). Compiling them into a verified decision diagram and emitting its pages
//! builds on these types.

pub mod model;

pub use model::CareLevel;
