//! careleaf's integration tests, one binary (linking the library once, not once per
//! file): a module per area, each building real sites in temporary folders from the
//! fixtures in `tests/fixtures/` or from the repository's own example. Snapshots are in
//! `snapshots/`; review a change with `cargo insta review`.

mod architecture;
mod author_traps;
mod build_site;
mod check;
mod checker;
mod commands;
mod common;
mod diagnostics;
mod golden_output;
mod languages;
mod live_site;
mod mutations;
mod output_safety;
mod pages_workflow;
mod rebrand;
mod sanitizer;
mod schema;
mod serve;
mod signoff;
mod triage_diagnostics;
mod triage_diff;
mod triage_properties;
mod upgrade;
mod yaml_errors;
