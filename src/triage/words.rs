//! A rule in words: "pain low down on one side of your tummy", "light bleeding and
//! mild, period-like cramps". Care cards on condition pages and the "why" of the
//! checker's outcomes both say a rule this way, so a page and the checker name the
//! same signs for the same rules.
//!
//! Each `(question, answers)` of a rule entry is said by the answers' `sign:` phrases,
//! else, for a rule that asks for a question's first answer (`yes`), by the question's
//! `sign:`, else by the answers' labels (after the question, for a yes/no question,
//! whose "Yes" says nothing on its own). The parts are joined with the language's
//! "and" and "or".

use crate::triage::model::{Alternative, AnswerSet, Question};

/// How the language joins the parts of a rule: `" and "`, `" or "`.
#[derive(Debug, Clone)]
pub(crate) struct Joiners {
    pub and: String,
    pub or: String,
}

impl Joiners {
    /// A language's joiners from its interface strings (`words_and`, `words_or`).
    pub(crate) fn from_strings(strings: &std::collections::BTreeMap<String, String>) -> Joiners {
        let default = Joiners::default();
        Joiners {
            and: strings.get("words_and").cloned().unwrap_or(default.and),
            or: strings.get("words_or").cloned().unwrap_or(default.or),
        }
    }
}

impl Default for Joiners {
    fn default() -> Joiners {
        Joiners {
            and: " and ".to_string(),
            or: " or ".to_string(),
        }
    }
}

/// One entry of a rule in words.
pub(crate) fn entry(questions: &[Question], when: &Alternative, joiners: &Joiners) -> String {
    when.iter()
        .map(|&(q, allowed)| part(&questions[q], allowed, joiners))
        .collect::<Vec<_>>()
        .join(&joiners.and)
}

/// One question's allowed answers in words.
fn part(question: &Question, allowed: AnswerSet, joiners: &Joiners) -> String {
    let answers: Vec<&crate::triage::model::Answer> = question
        .answers
        .iter()
        .enumerate()
        .filter(|(i, _)| allowed & (1 << i) != 0)
        .map(|(_, a)| a)
        .collect();
    if let Some(signs) = answers
        .iter()
        .map(|a| a.sign.as_deref())
        .collect::<Option<Vec<&str>>>()
    {
        return signs.join(&joiners.or);
    }
    if let (Some(sign), 1) = (&question.sign, allowed) {
        return sign.clone();
    }
    let labels = answers
        .iter()
        .map(|a| a.label.as_str())
        .collect::<Vec<_>>()
        .join(&joiners.or);
    let yes_no = question
        .answers
        .iter()
        .all(|a| a.id == "yes" || a.id == "no");
    if yes_no {
        format!("{} {labels}", question.ask)
    } else {
        labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::model::Question;

    #[test]
    fn signs_then_the_question_sign_then_labels() {
        let mut pain = Question::simple("pain", &["none", "one_side"]);
        pain.answers[1].sign = Some("pain low down on one side".into());
        pain.answers[1].label = "Pain on one side".into();
        let mut faint = Question::simple("faint", &["yes", "no"]);
        faint.sign = Some("fainting".into());
        let heavy = Question::simple("heavy", &["yes", "no"]);
        let questions = [pain, faint, heavy];
        let joiners = Joiners::default();
        assert_eq!(
            entry(&questions, &vec![(0, 0b10)], &joiners),
            "pain low down on one side"
        );
        assert_eq!(
            entry(&questions, &vec![(1, 0b01), (0, 0b10)], &joiners),
            "fainting and pain low down on one side"
        );
        // No sign on `none`: the labels say it.
        assert_eq!(
            entry(&questions, &vec![(0, 0b11)], &joiners),
            "none or Pain on one side"
        );
        // A yes/no question without a sign is said with its question.
        assert_eq!(entry(&questions, &vec![(2, 0b01)], &joiners), "heavy? yes");
    }
}
