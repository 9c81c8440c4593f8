//! `careleaf serve`: the live preview.

pub mod incremental;
