//! What the preview tells open pages: reload, swap the stylesheets, show errors, or
//! clear them. Sent as Server-Sent Events; `reload.js` (injected into served HTML
//! only, never into a build) acts on them.

use serde::Serialize;

use crate::diagnostics::Diagnostic;

/// The script and stylesheet served at `/__careleaf/`.
pub const SCRIPT: &str = include_str!("reload.js");
pub const STYLESHEET: &str = include_str!("overlay.css");

/// The tag injected before `</head>` of every served HTML page.
pub const SCRIPT_TAG: &str = "<script src=\"/__careleaf/reload.js\" defer></script>";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The site was rebuilt: reload, or only swap stylesheets.
    Reload { css_only: bool },
    /// The last edit has errors: show them over the page.
    Errors(Vec<OverlayItem>),
    /// No errors (sent on connect, and after an edit fixes them).
    Ok,
}

/// One diagnostic as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverlayItem {
    pub severity: &'static str,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub source_line: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Message {
    pub fn errors(diagnostics: &[Diagnostic]) -> Message {
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
    pub fn event(&self) -> (&'static str, String) {
        match self {
            Message::Reload { css_only } => ("reload", format!("{{\"css_only\":{css_only}}}")),
            Message::Errors(items) => (
                "errors",
                serde_json::to_string(items).unwrap_or_else(|_| "[]".into()),
            ),
            Message::Ok => ("ok", "{}".to_string()),
        }
    }
}

/// `html` with the reload script before `</head>` (or at the end).
pub fn inject(html: &str) -> String {
    match html.find("</head>") {
        Some(at) => format!("{}{SCRIPT_TAG}\n{}", &html[..at], &html[at..]),
        None => format!("{html}{SCRIPT_TAG}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_into_the_head() {
        assert_eq!(
            inject("<head><title>x</title></head><body></body>"),
            format!("<head><title>x</title>{SCRIPT_TAG}\n</head><body></body>")
        );
    }
}
