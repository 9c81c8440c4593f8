//! Translations of a decision tree (`_index.LANG.md` and `condition.LANG.md`) may
//! change the text only. This compares a translated tree with the original.

use crate::triage::model::Triage;

/// What differs between `original` and `translated`, apart from text; `None` if
/// nothing does. The original's conditions for which `skip` (given their file) says
/// so are left out (a draft not yet translated).
pub(crate) fn difference(
    original: &Triage,
    translated: &Triage,
    skip: &dyn Fn(&str) -> bool,
) -> Option<String> {
    if original.questions.len() != translated.questions.len() {
        return Some(format!(
            "it has {} questions, the original {}",
            translated.questions.len(),
            original.questions.len()
        ));
    }
    for (o, t) in original.questions.iter().zip(&translated.questions) {
        if o.id != t.id {
            return Some(format!("question `{}` is `{}` in the original", t.id, o.id));
        }
        let ids = |q: &crate::triage::model::Question| {
            q.answers.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
        };
        if ids(o) != ids(t) || o.unsure != t.unsure {
            return Some(format!(
                "the answers of `{}` are not those of the original",
                t.id
            ));
        }
    }
    if original.otherwise.level != translated.otherwise.level {
        return Some("the `otherwise` urgency differs".to_string());
    }
    let outcomes = |t: &Triage| {
        t.outcomes
            .iter()
            .map(|o| {
                let calls = o.action.as_ref().map(|a| a.call.clone());
                (o.id.clone(), o.level, o.when.clone(), calls)
            })
            .collect::<Vec<_>>()
    };
    if outcomes(original) != outcomes(translated) {
        return Some(
            "the topic's `outcomes` differ (ids, urgencies, rules, or whom an `action:` calls)"
                .to_string(),
        );
    }
    let rules = |t: &Triage, lang: &str| {
        let mut rules: Vec<_> = t
            .conditions
            .iter()
            .filter(|c| !skip(&c.key))
            .map(|c| {
                let rules: Vec<_> = c.rules.iter().map(|r| (r.level, r.when.clone())).collect();
                (untranslated(&c.key, lang), c.urgency, rules)
            })
            .collect();
        rules.sort();
        rules
    };
    let (o, t) = (
        rules(original, &original.lang),
        rules(translated, &translated.lang),
    );
    if o != t {
        let missing = o.iter().find(|r| !t.iter().any(|x| x.0 == r.0));
        let extra = t.iter().find(|r| !o.iter().any(|x| x.0 == r.0));
        let differs = t.iter().find(|r| o.iter().any(|x| x.0 == r.0 && x != *r));
        let translated_file = |key: &str| match key.strip_suffix(".md") {
            Some(stem) => format!("{stem}.{}.md", translated.lang),
            None => key.to_string(),
        };
        return Some(match (missing, extra, differs) {
            (Some(r), _, _) => format!("`{}` is not translated, or has no rules", r.0),
            (_, Some(r), _) => format!(
                "`{}` has rules but its original has none",
                translated_file(&r.0)
            ),
            (_, _, Some(r)) => {
                let file = translated_file(&r.0);
                match o.iter().find(|x| x.0 == r.0) {
                    Some(x) if x.1 != r.1 => {
                        format!("the urgency of `{file}` is not its original's")
                    }
                    _ => format!("the `triage:` rules of `{file}` are not its original's"),
                }
            }
            _ => "a condition's urgency or rules differ".to_string(),
        });
    }
    None
}

/// `topic/ectopic.zh.md` → `topic/ectopic.md`.
pub(crate) fn untranslated(key: &str, lang: &str) -> String {
    match key.strip_suffix(&format!(".{lang}.md")) {
        Some(stem) => format!("{stem}.md"),
        None => key.to_string(),
    }
}
