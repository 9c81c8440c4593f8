//! GFM alerts as care cards, the way the NHS shows them: `> [!CAUTION]` is an
//! emergency card ("immediate action required"), `> [!WARNING]` an urgent card, and
//! `> [!NOTE]`, `> [!TIP]` and `> [!IMPORTANT]` an information card.

use pulldown_cmark::BlockQuoteKind;
use serde::Deserialize;

/// The labels shown at the top of each card, in the site's language.
#[derive(Debug, Clone, Deserialize)]
pub struct CardLabels {
    pub emergency: String,
    pub urgent: String,
    pub information: String,
}

impl Default for CardLabels {
    fn default() -> CardLabels {
        CardLabels {
            emergency: "Immediate action required".into(),
            urgent: "Urgent advice".into(),
            information: "Information".into(),
        }
    }
}

/// The opening HTML of the card for an alert of `kind`.
pub fn open(kind: BlockQuoteKind, labels: &CardLabels) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Caution => ("emergency", &labels.emergency),
        BlockQuoteKind::Warning => ("urgent", &labels.urgent),
        BlockQuoteKind::Note | BlockQuoteKind::Tip | BlockQuoteKind::Important => {
            ("info", &labels.information)
        }
    };
    format!(
        "<div class=\"care-card care-card--{class}\" role=\"note\">\n<p class=\"care-card__label\">{}</p>\n<div class=\"care-card__content\">\n",
        crate::html::escape(label)
    )
}

pub const CLOSE: &str = "</div>\n</div>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caution_is_an_emergency_card() {
        let html = open(BlockQuoteKind::Caution, &CardLabels::default());
        assert!(html.contains("care-card--emergency"));
        assert!(html.contains("Immediate action required"));
    }
}
