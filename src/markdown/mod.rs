//! Markdown bodies → HTML: the renderer, care cards from GFM alerts, and code
//! highlighting.

pub(crate) mod alerts;
pub(crate) mod highlight;
pub(crate) mod render;

pub use alerts::CardLabels;
pub(crate) use render::{
    BodyHtml, Heading, MarkdownContext, Rendered, StaticCheck, render, render_all,
};
