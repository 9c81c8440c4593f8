//! GFM alerts as care cards, the way the NHS shows them: `> [!CAUTION]` is an
//! emergency card ("immediate action required"), `> [!WARNING]` an urgent card, and
//! `> [!NOTE]`, `> [!TIP]` and `> [!IMPORTANT]` an information card.
//!
//! An emergency or urgent card ends with its care level's action and call button from
//! `site.yaml`, so content never types a phone number: a clinic that changes
//! `care_levels` changes every card. `[text](care:urgent)` links to a level's number
//! the same way (an empty text is the level's action).

use pulldown_cmark::BlockQuoteKind;
use serde::Deserialize;

use crate::care::CareLevel;
use crate::config::{Call, CareAction};
use crate::html::escape;

/// The labels shown at the top of each card, in the site's language.
#[derive(Debug, Clone, Deserialize)]
pub struct CardLabels {
    pub emergency: String,
    pub urgent: String,
    pub information: String,
    /// The word on a call button, before the number: "Call".
    pub call: String,
    /// When a service is open: "{name} is open {hours}."
    pub hours: String,
    /// Whom to call when it is closed, before the number: "Closed now? Call {name}:".
    pub closed: String,
    /// The language's brackets around an aside: ` (` and `)`, `（` and `）`.
    pub bracket_open: String,
    pub bracket_close: String,
    /// What follows the end of a sentence or a colon before more text: a space, or
    /// nothing in Chinese.
    pub space: String,
}

impl Default for CardLabels {
    fn default() -> CardLabels {
        CardLabels {
            emergency: "Immediate action required".into(),
            urgent: "Urgent advice".into(),
            information: "Information".into(),
            call: "Call".into(),
            hours: "{name} is open {hours}.".into(),
            closed: "Closed now? Call {name}:".into(),
            bracket_open: " (".into(),
            bracket_close: ")".into(),
            space: " ".into(),
        }
    }
}

/// The opening HTML of the card for an alert of `kind`.
pub(crate) fn open(kind: BlockQuoteKind, labels: &CardLabels) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Caution => ("emergency", &labels.emergency),
        BlockQuoteKind::Warning => ("urgent", &labels.urgent),
        BlockQuoteKind::Note | BlockQuoteKind::Tip | BlockQuoteKind::Important => {
            ("info", &labels.information)
        }
    };
    format!(
        "<div class=\"care-card care-card--{class}\" role=\"note\">\n<p class=\"care-card__label\">{}</p>\n<div class=\"care-card__content\">\n",
        escape(label)
    )
}

pub(crate) const CLOSE: &str = "</div>\n</div>\n";

/// The care level whose action an alert of `kind` ends with, if any.
pub(crate) fn level_of(kind: BlockQuoteKind) -> Option<CareLevel> {
    match kind {
        BlockQuoteKind::Caution => Some(CareLevel::Emergency),
        BlockQuoteKind::Warning => Some(CareLevel::Urgent),
        BlockQuoteKind::Note | BlockQuoteKind::Tip | BlockQuoteKind::Important => None,
    }
}

/// A care level's action and call button, as a card ends with them.
pub(crate) fn action(care: &CareAction, labels: &CardLabels) -> String {
    let mut html = format!(
        "<p class=\"care-card__action\">{}</p>\n",
        escape(&care.action)
    );
    if let Some(call) = &care.call {
        html.push_str(&call_html(call, care.level, labels));
    }
    html
}

/// A call button, with the service's hours and whom to call when it is closed: the
/// one way every card, outcome and page shows a call, so none can leave out the
/// out-of-hours number.
pub(crate) fn call_html(call: &Call, level: CareLevel, labels: &CardLabels) -> String {
    let mut html = format!(
        "<p><a class=\"button button--call\" href=\"tel:{}\" data-care-level=\"{}\">{} <span class=\"phone\">{}</span></a></p>\n",
        escape(&call.tel),
        level.id(),
        escape(&labels.call),
        escape(&call.phone)
    );
    if let (Some(name), Some(hours)) = (&call.name, &call.hours) {
        let line = labels
            .hours
            .replace("{name}", name)
            .replace("{hours}", hours);
        html.push_str(&format!(
            "<p class=\"care-card__hours\">{}</p>\n",
            escape(&line)
        ));
    }
    if let Some(closed) = &call.closed {
        let name = closed.name.as_deref().unwrap_or(&closed.phone);
        let hours = closed
            .hours
            .as_ref()
            .map(|h| {
                format!(
                    "{}{}{}",
                    labels.bracket_open,
                    escape(h),
                    labels.bracket_close
                )
            })
            .unwrap_or_default();
        html.push_str(&format!(
            "<p class=\"care-card__closed\" data-out-of-hours>{}{}<a class=\"phone\" href=\"tel:{}\">{}</a>{hours}</p>\n",
            escape(&labels.closed.replace("{name}", name)),
            escape(&labels.space),
            escape(&closed.tel),
            escape(&closed.phone)
        ));
    }
    html
}

/// The opening of a `care:LEVEL` link: a `tel:` link, or a plain span for a level
/// without a phone.
pub(crate) fn link_open(care: &CareAction) -> String {
    match care.tel() {
        Some(tel) => format!(
            "<a class=\"care-link\" href=\"tel:{}\" data-care-level=\"{}\">",
            escape(tel),
            care.level.id()
        ),
        None => format!(
            "<span class=\"care-link\" data-care-level=\"{}\">",
            care.level.id()
        ),
    }
}

/// The text of a `care:LEVEL` link written without any: the action and the number
/// (which never wraps), in the language's brackets.
pub(crate) fn link_text(care: &CareAction, labels: &CardLabels) -> String {
    match care.phone() {
        Some(phone) => format!(
            "{}{}<span class=\"phone\">{}</span>{}",
            escape(&care.action),
            escape(&labels.bracket_open),
            escape(phone),
            escape(&labels.bracket_close)
        ),
        None => escape(&care.action),
    }
}

/// The closing of [`link_open`].
pub(crate) fn link_close(care: &CareAction) -> &'static str {
    if care.tel().is_some() {
        "</a>"
    } else {
        "</span>"
    }
}

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
