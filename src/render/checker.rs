//! Rendering a topic's decision tree: a page per node with `checker.html`, the review
//! page with `checker_review.html`, `tree.json` and the SVG diagram.

use rayon::prelude::*;
use tera::Context;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::render::Theme;
use crate::render::context;
use crate::render::listings::Translation;
use crate::triage::CompiledTriage;
use crate::triage::emit::{json, pages, review};

/// Writes every file of one checker; returns how many, or the problems. `shared` is
/// what every page of it has (the interface in its language); `languages` are the
/// topic's checkers in every language (language, check path) when it has several, so
/// each node's language switcher goes to the same node in the other language.
pub fn render_checker(
    compiled: &CompiledTriage,
    config: &Config,
    theme: &Theme,
    topic: &tera::Value,
    (mut shared, languages): (Context, &[(String, String)]),
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> usize {
    let base = &config.base_path;
    let checker = pages::checker_values(compiled, base);
    let lang = compiled.triage.lang.as_str();
    let emergency = context::care_values(
        config.care_in(crate::care::CareLevel::Emergency, lang),
        theme,
        lang,
    );
    shared.insert("checker", &checker);
    shared.insert_value("topic", topic.clone());
    shared.insert("emergency", &emergency);
    shared.insert("page", &serde_json::json!({ "kind": "checker", "title": compiled.triage.title, "lang": compiled.triage.lang }));

    let strings = theme.strings_for(lang);
    let joiners = crate::triage::words::Joiners::from_strings(strings);
    // What every path to each outcome shares: the pages and tree.json both say it.
    let common = crate::triage::shared::shared(&compiled.triage, &compiled.diagram);
    let nodes = pages::node_values(compiled, base, &joiners, &common);
    let results: Vec<Result<(), Diagnostic>> = nodes
        .par_iter()
        .map(|(path, node)| {
            let mut cx = shared.clone();
            cx.insert("node", node);
            if let Some(within) = path.strip_prefix(compiled.check_path.as_str()) {
                let translations: Vec<Translation> = languages
                    .iter()
                    .map(|(lang, check)| {
                        Translation::new(lang, &format!("{check}{within}"), config)
                    })
                    .collect();
                if !translations.is_empty() {
                    cx.insert("translations", &translations);
                }
            }
            if let Some(outcome) = &node.outcome {
                let level = crate::care::CareLevel::ALL
                    .into_iter()
                    .find(|l| l.id() == outcome.level);
                if let Some(level) = level {
                    let care = match &outcome.action {
                        // A topic outcome's own action, calling its service.
                        Some(action) => context::action_values(
                            level,
                            action.text,
                            action.call.and_then(|id| config.services_in(lang).call(id)),
                            theme,
                            lang,
                        ),
                        None => context::care_values(config.care_in(level, lang), theme, lang),
                    };
                    cx.insert("care", &care);
                }
            }
            let html = theme
                .tera
                .render("checker.html", &cx)
                .map_err(|e| theme.render_error(&e, "checker.html".as_ref()))?;
            output.write(&format!("{path}index.html"), html.as_bytes())
        })
        .collect();
    let errors = diagnostics;
    errors.extend(results.into_iter().filter_map(Result::err));

    let check = &compiled.check_path;
    let mut review_cx = shared.clone();
    let by_level = review::paths_by_level(compiled);
    let path_count: u128 = by_level.iter().map(|(_, n)| n).sum();
    let paths = review::path_table(compiled, review::MAX_PATH_ROWS);
    // The listed paths, grouped by care level (most urgent first) so a reviewer can
    // open just the level to check.
    let groups: Vec<serde_json::Value> = by_level
        .iter()
        .map(|(level, count)| {
            let rows: Vec<&review::PathRow> = paths.iter().filter(|r| r.level == *level).collect();
            serde_json::json!({ "level": level, "count": count.to_string(), "rows": rows })
        })
        .collect();
    review_cx.insert("paths", &paths);
    review_cx.insert("path_groups", &groups);
    review_cx.insert("path_count", &path_count.to_string());
    review_cx.insert("paths_cut", &(path_count > paths.len() as u128));
    let node_url = |node: usize| {
        config.url(&crate::triage::emit::pages::node_path(
            &compiled.check_path,
            compiled,
            node,
        ))
    };
    review_cx.insert(
        "question_pages",
        &review::question_pages(compiled, node_url),
    );
    review_cx.insert("proof", &serde_json::json!({ "answer_sets": compiled.proof.answer_sets, "paths": compiled.proof.paths }));
    review_cx.insert("node_count", &compiled.diagram.nodes.len());
    review_cx.insert(
        "unfolded_count",
        &compiled.diagram.unfolded_size().to_string(),
    );
    let svg = review::svg(compiled);
    review_cx.insert("diagram_url", &config.url(&format!("{check}diagram.svg")));
    match theme.tera.render("checker_review.html", &review_cx) {
        Ok(html) => errors.extend(
            output
                .write(&format!("{check}review/index.html"), html.as_bytes())
                .err(),
        ),
        Err(e) => errors.push(theme.render_error(&e, "checker_review.html".as_ref())),
    }
    errors.extend(
        output
            .write(
                &format!("{check}tree.json"),
                json::tree_json(compiled, base, &common).as_bytes(),
            )
            .err(),
    );
    errors.extend(
        output
            .write(&format!("{check}diagram.svg"), svg.as_bytes())
            .err(),
    );
    nodes.len() + 3
}
