//! Markdown bodies → HTML: the renderer, care cards from GFM alerts, and code
//! highlighting.

pub(crate) mod alerts;
pub(crate) mod highlight;
pub mod render;

pub use alerts::CardLabels;
pub use render::{MarkdownContext, Rendered, StaticCheck, render, render_all};
