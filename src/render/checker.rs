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
use crate::triage::emit::{diagram, json, pages, review};

/// Writes every file of one checker; returns how many, or the problems. `shared` is
/// what every page of it has (the interface in its language); `languages` are the
/// topic's checkers in every language (language, check path) when it has several, so
/// each node's language switcher goes to the same node in the other language.
pub(crate) fn render_checker(
    renderer: &super::Renderer<'_>,
    compiled: &CompiledTriage,
    topic: &tera::Value,
    mut shared: Context,
    languages: &[(String, String)],
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> usize {
    let (config, theme) = (renderer.config, renderer.theme);
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
    let strings = theme.strings_for(lang);
    let review = compiled.review.as_ref().map(|r| {
        serde_json::json!({
            "by": r.by,
            "on": crate::dates::for_people(&r.on, lang),
            "current": r.current,
        })
    });
    shared.insert("tree_review", &review);
    shared.insert("page", &serde_json::json!({ "kind": "checker", "title": compiled.triage.title, "lang": compiled.triage.lang }));

    let joiners = crate::triage::words::Joiners::from_strings(strings);
    // What every path to each outcome shares: the pages and tree.json both say it.
    let common = crate::triage::shared::shared(&compiled.triage, &compiled.diagram);
    let nodes = pages::node_values(compiled, base, &joiners, &common);
    let errors = diagnostics;
    errors.extend(node_pages(
        renderer, compiled, &shared, languages, &nodes, output,
    ));

    let check = &compiled.check_path;
    let review_cx = review_context(renderer, compiled, shared, &nodes);
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
    let level_label = |level: crate::care::CareLevel| level.label_in(strings);
    let words = diagram::Words {
        level: &level_label,
        unsure: strings.get("unsure").map_or("I'm not sure", String::as_str),
        more: strings
            .get("review_diagram_more")
            .map_or("More: see every outcome", String::as_str),
        colon: strings.get("colon").map_or(": ", String::as_str),
        bracket_open: strings.get("bracket_open").map_or(" (", String::as_str),
        bracket_close: strings.get("bracket_close").map_or(")", String::as_str),
    };
    let svg = diagram::svg(
        compiled,
        &words,
        &format!("{}#outcomes", config.url(&format!("{check}review/"))),
    );
    errors.extend(
        output
            .write(&format!("{check}diagram.svg"), svg.as_bytes())
            .err(),
    );
    nodes.len() + 3
}

/// A page per node of the tree (`checker.html`), in parallel; each node's language
/// switcher goes to the same node in the topic's other `languages`.
fn node_pages(
    renderer: &super::Renderer<'_>,
    compiled: &CompiledTriage,
    shared: &Context,
    languages: &[(String, String)],
    nodes: &[(String, pages::NodeValues<'_>)],
    output: &Output,
) -> Vec<Diagnostic> {
    let (config, theme) = (renderer.config, renderer.theme);
    let lang = compiled.triage.lang.as_str();
    nodes
        .par_iter()
        .filter_map(|(path, node)| {
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
            if let Some(care) = node
                .outcome
                .as_ref()
                .and_then(|o| outcome_care(o, config, theme, lang))
            {
                cx.insert("care", &care);
            }
            let written = theme
                .tera
                .render("checker.html", &cx)
                .map_err(|e| theme.render_error(&e, "checker.html".as_ref()))
                .and_then(|html| output.write(&format!("{path}index.html"), html.as_bytes()));
            written.err()
        })
        .collect()
}

/// What the review page (`checker_review.html`) shows beside `shared`: the paths by
/// care level, every outcome once with the answers that reach it, every question
/// page, the proof's counts and the tree's fingerprint.
fn review_context(
    renderer: &super::Renderer<'_>,
    compiled: &CompiledTriage,
    shared: Context,
    nodes: &[(String, pages::NodeValues<'_>)],
) -> Context {
    let (config, theme) = (renderer.config, renderer.theme);
    let lang = compiled.triage.lang.as_str();
    let check = &compiled.check_path;
    let mut review_cx = shared;
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
            check, compiled, node,
        ))
    };
    let outcomes: Vec<serde_json::Value> = review::routes(compiled)
        .iter()
        .filter_map(|r| {
            let (_, node) = &nodes[r.node];
            let outcome = node.outcome.as_ref()?;
            let care = outcome_care(outcome, config, theme, lang)?;
            Some(serde_json::json!({
                "id": node.id,
                "url": node.url,
                "outcome": outcome,
                "care": care,
                "routes": r,
            }))
        })
        .collect();
    let level_counts: Vec<serde_json::Value> = crate::care::CareLevel::ALL
        .iter()
        .map(|l| {
            let count = outcomes
                .iter()
                .filter(|o| o["outcome"]["level"] == l.id())
                .count();
            (l.id(), count)
        })
        .filter(|(_, n)| *n > 0)
        .map(|(level, n)| serde_json::json!({ "level": level, "count": n }))
        .collect();
    review_cx.insert("outcomes", &outcomes);
    review_cx.insert("outcome_levels", &level_counts);
    let strings = theme.strings_for(lang);
    let tree_hash = crate::triage::signoff::fingerprint(compiled, config, strings);
    review_cx.insert("tree_hash", &tree_hash);
    review_cx.insert(
        "question_pages",
        &review::question_pages(compiled, node_url),
    );
    review_cx.insert(
        "proof",
        &serde_json::json!({
            // Counts can pass u64 (a JSON number's limit here): as text.
            "answer_sets": compiled.proof.answer_sets.to_string(),
            "paths": compiled.proof.paths.to_string(),
        }),
    );
    review_cx.insert("node_count", &compiled.diagram.nodes.len());
    review_cx.insert(
        "unfolded_count",
        &compiled.diagram.unfolded_size().to_string(),
    );
    review_cx.insert("diagram_url", &config.url(&format!("{check}diagram.svg")));
    review_cx
}

/// The care an outcome page gives: a topic outcome's own action calling its service,
/// else the level's, in the language `lang`.
fn outcome_care(
    outcome: &pages::OutcomeValues,
    config: &Config,
    theme: &Theme,
    lang: &str,
) -> Option<context::CareValues<'static>> {
    let level = crate::care::CareLevel::ALL
        .into_iter()
        .find(|l| l.id() == outcome.level)?;
    Some(match &outcome.action {
        Some(action) => context::action_values(
            level,
            action.text,
            action.call.and_then(|id| config.services_in(lang).call(id)),
            theme,
            lang,
        ),
        None => {
            let care = config.care_in(level, lang);
            context::action_values(level, &care.action, care.call.clone(), theme, lang)
        }
    })
}
