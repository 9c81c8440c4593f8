//! Care levels: how soon a patient should get care, most urgent first.
//!
//! The shared vocabulary of every stage: `site.yaml` says what each level tells the
//! patient, a condition's front-matter names its levels, the decision tree's outcomes
//! carry one. It sits on the lowest floor so that none of those depends on another.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How soon the patient should get care, most urgent first.
///
/// The derived order is by declaration, so `Emergency < Urgent`; use
/// [`CareLevel::is_more_urgent_than`] instead of comparing by hand.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CareLevel {
    // Capitalised, as authors often type them, is read too (`careleaf check` notes it).
    #[serde(alias = "Emergency")]
    Emergency,
    #[serde(alias = "Urgent")]
    Urgent,
    #[serde(alias = "Soon")]
    Soon,
    #[serde(alias = "Routine")]
    Routine,
    #[serde(alias = "Self_care", alias = "Self_Care")]
    SelfCare,
}

impl CareLevel {
    /// Every level, most urgent first.
    pub const ALL: [CareLevel; 5] = [
        CareLevel::Emergency,
        CareLevel::Urgent,
        CareLevel::Soon,
        CareLevel::Routine,
        CareLevel::SelfCare,
    ];

    /// The id authors write in YAML, e.g. `self_care`.
    pub fn id(self) -> &'static str {
        match self {
            CareLevel::Emergency => "emergency",
            CareLevel::Urgent => "urgent",
            CareLevel::Soon => "soon",
            CareLevel::Routine => "routine",
            CareLevel::SelfCare => "self_care",
        }
    }

    pub fn is_more_urgent_than(self, other: CareLevel) -> bool {
        self < other
    }

    /// How the interface strings of one language (`i18n/LANG.yaml`) name the level
    /// (`care_urgent: Urgent advice`), else its id in words.
    pub fn label_in(self, strings: &std::collections::BTreeMap<String, String>) -> String {
        strings
            .get(&format!("care_{}", self.id()))
            .cloned()
            .unwrap_or_else(|| self.id().replace('_', " "))
    }

    /// 0 for emergency, 4 for self care: the position in a list sorted by urgency.
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl fmt::Display for CareLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn care_levels_order_most_urgent_first() {
        assert!(CareLevel::Emergency.is_more_urgent_than(CareLevel::Urgent));
        assert!(CareLevel::Soon.is_more_urgent_than(CareLevel::SelfCare));
        assert!(!CareLevel::Routine.is_more_urgent_than(CareLevel::Routine));
    }
}
