//! What the preview tells open pages: reload, swap the stylesheets, show errors, or
//! clear them. Sent as Server-Sent Events; `reload.js` (injected into served HTML
//! only, never into a build) acts on them.
//!
//! Every successful rebuild is a new *generation*. A served page carries the generation
//! it was read in, and a page that opens its event stream is told the current one: a
//! rebuild that finished while the page was loading (and so before it could hear the
//! `reload`) still reloads it.

use serde::Serialize;

use crate::diagnostics::Diagnostic;

/// The script and stylesheet served at `/__careleaf/`.
pub(crate) const SCRIPT: &str = include_str!("reload.js");
pub(crate) const STYLESHEET: &str = include_str!("overlay.css");

/// The tag injected before `</head>` of every served HTML page, with the generation
/// of the site the page was read from.
fn script_tag(generation: u64) -> String {
    format!(
        "<script src=\"/__careleaf/reload.js\" data-generation=\"{generation}\" defer></script>"
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Message {
    /// The site was rebuilt (now at `generation`): reload, or only swap stylesheets.
    Reload { css_only: bool, generation: u64 },
    /// Sent first when a page connects: the site's generation now.
    Generation(u64),
    /// The last edit has errors: show them over the page.
    Errors(Vec<OverlayItem>),
    /// No errors (sent on connect, and after an edit fixes them).
    Ok,
}

/// One diagnostic as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct OverlayItem {
    pub severity: &'static str,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub source_line: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Message {
    pub(crate) fn errors(diagnostics: &[Diagnostic]) -> Message {
        Message::Errors(
            diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| OverlayItem {
                    severity: "error",
                    file: d.file.display().to_string(),
                    line: d.location.as_ref().map(|l| l.line),
                    column: d.location.as_ref().map(|l| l.column),
                    source_line: d.location.as_ref().map(|l| l.source_line.clone()),
                    message: d.message.clone(),
                    help: d.full_help(),
                })
                .collect(),
        )
    }

    /// The SSE event name and JSON data.
    pub(crate) fn event(&self) -> (&'static str, String) {
        match self {
            Message::Reload {
                css_only,
                generation,
            } => (
                "reload",
                format!("{{\"css_only\":{css_only},\"generation\":{generation}}}"),
            ),
            Message::Generation(generation) => ("generation", generation.to_string()),
            Message::Errors(items) => (
                "errors",
                serde_json::to_string(items).unwrap_or_else(|_| "[]".into()),
            ),
            Message::Ok => ("ok", "{}".to_string()),
        }
    }
}

/// `html` (read from the site's `generation`) with the reload script before `</head>`
/// (or at the end).
pub(crate) fn inject(html: &str, generation: u64) -> String {
    let tag = script_tag(generation);
    match html.find("</head>") {
        Some(at) => format!("{}{tag}\n{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_into_the_head() {
        assert_eq!(
            inject("<head><title>x</title></head><body></body>", 7),
            "<head><title>x</title><script src=\"/__careleaf/reload.js\" data-generation=\"7\" defer></script>\n</head><body></body>"
        );
    }
}
