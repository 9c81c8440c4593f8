//! The "What should I do?" checker as built for the example site: every full set of
//! answers, followed through the static pages by their links (as a patient with
//! JavaScript off would), ends on the care level the rules give.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::common::*;
use careleaf::Config;
use careleaf::Diagnostics;
use careleaf::tree::CompiledTriage;

/// The English checker's first page.
const START: &str = "/careleaf/early-pregnancy-bleeding/check/";

/// The value of `attr="…"` in the first tag of `html` that contains `marker`.
fn attr_after(html: &str, marker: &str, attr: &str) -> Option<String> {
    let at = html.find(marker)?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let start = tag.find(&format!("{attr}=\""))? + attr.len() + 2;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_string())
}

struct StaticSite {
    public: PathBuf,
    base: &'static str,
    cache: HashMap<String, String>,
}

impl StaticSite {
    fn page(&mut self, url: &str) -> &str {
        let public = self.public.clone();
        let base = self.base;
        self.cache.entry(url.to_string()).or_insert_with(|| {
            let rel = url
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("{url} is not under {base}"));
            read(&public.join(rel).join("index.html"))
        })
    }
}

/// Calls `f` with every full set of answers (per question, the index of the answer),
/// the last question fastest; returns how many.
fn for_every_answer_set(sizes: &[usize], mut f: impl FnMut(&[usize])) -> usize {
    let mut answers = vec![0usize; sizes.len()];
    let mut count = 0;
    loop {
        f(&answers);
        count += 1;
        let mut q = sizes.len();
        loop {
            if q == 0 {
                return count;
            }
            q -= 1;
            answers[q] += 1;
            if answers[q] < sizes[q] {
                break;
            }
            answers[q] = 0;
        }
    }
}

/// The example site built into a temporary folder (kept while it is in scope), its
/// English tree, and its static pages to walk.
fn built_example() -> (tempfile::TempDir, CompiledTriage, StaticSite) {
    let site = example_site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let compiled = compiled_example(site.path());
    let pages = StaticSite {
        public: site.path().join("public"),
        base: "/careleaf/",
        cache: HashMap::new(),
    };
    (site, compiled, pages)
}

fn compiled_example(site: &Path) -> CompiledTriage {
    let mut diagnostics = Diagnostics::default();
    let config = Config::load(site, &mut diagnostics).expect("config");
    let content = careleaf::stages::load_content(site, &config, false, &mut diagnostics);
    let triages = careleaf::tree::build(
        &content,
        &config.language,
        &config.services,
        &mut diagnostics,
    );
    assert!(!diagnostics.has_errors());
    assert_eq!(triages.len(), 2, "English and Chinese");
    triages
        .into_iter()
        .find(|t| t.triage.lang == config.language)
        .expect("the English checker")
}

#[test]
fn every_answer_set_walked_through_static_pages_gets_the_rules_care_level() {
    let (_site, compiled, mut pages) = built_example();
    let triage = &compiled.triage;
    let sizes: Vec<usize> = triage.questions.iter().map(|q| q.answers.len()).collect();
    let walked = for_every_answer_set(&sizes, |answers| {
        let told = walk(&mut pages, START, triage, answers);
        assert!(
            told.asked.len() <= triage.questions.len(),
            "a path longer than the questions"
        );
        assert_eq!(
            told.level,
            triage.evaluate(answers).level.id(),
            "answers {answers:?}"
        );
    });
    assert_eq!(walked, 864);
}

/// Follows the static pages' links (JavaScript off) for `answers` (question id →
/// answer id; every question the pages ask must be given) to an outcome page.
fn outcome_for(pages: &mut StaticSite, answers: &[(&str, &str)]) -> (String, String) {
    let mut url = "/careleaf/early-pregnancy-bleeding/check/".to_string();
    loop {
        let html = pages.page(&url).to_string();
        if let Some(level) = attr_after(&html, "data-outcome=", "data-outcome") {
            return (level, html);
        }
        let question = attr_after(&html, "data-question=", "data-question").expect("a question");
        let (_, answer) = answers
            .iter()
            .find(|(q, _)| *q == question)
            .unwrap_or_else(|| {
                panic!("the checker asks `{question}`, which the test does not answer")
            });
        url = attr_after(&html, &format!("data-answer=\"{answer}\""), "href").expect("answer link");
    }
}

#[test]
fn the_example_gives_the_care_level_clinical_guidance_gives() {
    let (_site, _, mut pages) = built_example();
    let usual = [
        ("weeks", "w5_12"),
        ("faint", "no"),
        ("pain", "none"),
        ("shoulder_pain", "no"),
        ("heavy", "no"),
        ("tissue", "none"),
        ("bleeding", "light"),
    ];
    let with = |changes: &[(&'static str, &'static str)]| -> Vec<(&'static str, &'static str)> {
        usual
            .iter()
            .map(|&(q, a)| changes.iter().find(|(c, _)| *c == q).map_or((q, a), |&c| c))
            .collect()
    };
    // NHS: pain on one side is urgent (the Early Pregnancy Unit now), not 999.
    let (level, html) = outcome_for(&mut pages, &with(&[("pain", "one_side")]));
    assert_eq!(level, "urgent");
    assert!(
        html.contains("pain low down on one side of your tummy"),
        "the outcome says why: the rule in words"
    );
    assert!(html.contains("Call the Early Pregnancy Unit now") && html.contains("tel:+15550199"));
    assert!(
        html.contains("Closed now? Call Maternity triage line:") && html.contains("tel:+15550123"),
        "the EPU's hours come with the out-of-hours number"
    );
    assert!(html.contains("Ectopic pregnancy"));
    // Severe pain, shoulder-tip pain, fainting and heavy bleeding are emergencies.
    for change in [
        ("pain", "severe"),
        ("shoulder_pain", "yes"),
        ("faint", "yes"),
        ("heavy", "yes"),
    ] {
        let (level, _) = outcome_for(&mut pages, &with(&[change]));
        assert_eq!(level, "emergency", "{change:?}");
    }
    // Light bleeding without pain: get checked soon; a threatened miscarriage is named.
    let (level, html) = outcome_for(&mut pages, &usual);
    assert_eq!(level, "soon");
    assert!(html.contains("Miscarriage"));
    // More than 12 weeks: out of this guide's scope, and urgent.
    let (level, html) = outcome_for(&mut pages, &with(&[("weeks", "later")]));
    assert_eq!(level, "urgent");
    assert!(html.contains("This guide is for the first 12 weeks"));
    // Not sure whether you feel faint: emergency, and the page says why.
    let (level, html) = outcome_for(&mut pages, &with(&[("faint", "unsure")]));
    assert_eq!(level, "emergency");
    assert!(
        html.contains("data-unsure-raised"),
        "it says the advice is the cautious one"
    );
}

#[test]
fn checker_pages_are_marked_up_for_patients_and_tests() {
    let site = example_site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let check = site.path().join("public/early-pregnancy-bleeding/check");
    let start = read(&check.join("index.html"));
    assert!(start.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(start.contains("data-question=\"weeks\""), "scope first");
    assert!(start.contains("data-answer=\"later\""));
    assert!(start.contains("data-answer=\"unsure\""));
    assert!(start.contains("<script src=\"/careleaf/triage.js\" defer></script>"));
    assert!(check.join("tree.json").is_file());
    assert!(
        read(&check.join("diagram.svg")).starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    let review = read(&check.join("review/index.html"));
    assert!(
        review.contains("864 full sets of answers"),
        "the review page states the proof"
    );
    let mut outcomes = 0;
    for entry in std::fs::read_dir(&check).unwrap() {
        let dir = entry.unwrap().path();
        let page = dir.join("index.html");
        // The review page lists every outcome; it is not one.
        if !page.is_file() || dir.ends_with("review") {
            continue;
        }
        let html = read(&page);
        let Some(level) = attr_after(&html, "data-care-level=", "data-care-level") else {
            continue;
        };
        outcomes += 1;
        assert!(
            html.contains("href=\"tel:"),
            "outcome {} has a number to call",
            page.display()
        );
        assert_eq!(
            html.contains("data-safety-net"),
            level != "emergency",
            "safety net below emergency only: {}",
            page.display()
        );
        assert!(
            !html.contains("You have "),
            "outcomes signpost, never diagnose"
        );
        assert!(
            html.contains("data-restart"),
            "every outcome can start again"
        );
        assert!(
            html.contains("data-back"),
            "every outcome can go back without JavaScript"
        );
    }
    // One page per care level and action, and per "I'm not sure" that made it
    // cautious: the pages grow with the diagram, not with the paths.
    assert!((5..=12).contains(&outcomes), "{outcomes} outcome pages");
    let topic = read(
        &site
            .path()
            .join("public/early-pregnancy-bleeding/index.html"),
    );
    assert!(topic.contains("href=\"/careleaf/early-pregnancy-bleeding/check/\""));
    let condition = read(
        &site
            .path()
            .join("public/early-pregnancy-bleeding/miscarriage/index.html"),
    );
    assert!(condition.contains("href=\"/careleaf/early-pregnancy-bleeding/check/\""));
}

#[test]
fn node_ids_and_tree_json_are_stable_across_builds() {
    let site = example_site();
    build_into(site.path(), &site.path().join("a")).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    build_into(site.path(), &site.path().join("b")).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let json = |dir: &str| {
        read(
            &site
                .path()
                .join(dir)
                .join("early-pregnancy-bleeding/check/tree.json"),
        )
    };
    assert_eq!(json("a"), json("b"));
    let tree: serde_json::Value = serde_json::from_str(&json("a")).unwrap();
    assert_eq!(tree["questions"].as_array().unwrap().len(), 7);
    assert_eq!(tree["outcomes"].as_array().unwrap().len(), 2);
    assert!(tree["nodes"].as_array().unwrap().len() > 10);
}

#[test]
fn the_otherwise_outcome_is_never_below_soon_in_the_example() {
    let site = example_site();
    let compiled = compiled_example(site.path());
    // Levels order most urgent first: `soon` or more urgent.
    assert!(compiled.triage.otherwise.level <= careleaf::CareLevel::Soon);
}

/// What a patient is told at the end of one walk through a checker's static pages.
#[derive(Debug, PartialEq)]
struct Told {
    /// The outcome's page, within the checker (the same node id in every language).
    node: String,
    /// The questions asked, in order.
    asked: Vec<String>,
    level: String,
    /// The care card's call button (`tel:…`), if it has one.
    call: Option<String>,
    /// The safety net's call button under a non-emergency outcome.
    safety_net: Option<String>,
    /// How many condition pages and pieces of advice the outcome shows.
    conditions: usize,
    advice: usize,
}

/// Walks one checker from `start` with `answers` (per question, the index of the
/// answer) as a patient with JavaScript off would.
fn walk(
    pages: &mut StaticSite,
    start: &str,
    triage: &careleaf::tree::Triage,
    answers: &[usize],
) -> Told {
    let mut url = start.to_string();
    let mut asked = Vec::new();
    loop {
        let html = pages.page(&url).to_string();
        if let Some(level) = attr_after(&html, "data-outcome=", "data-outcome") {
            let outcome = &html[html.find("data-outcome=").unwrap_or(0)..];
            let safety = outcome.find("data-safety-net").map(|i| &outcome[i..]);
            return Told {
                node: url.strip_prefix(start).unwrap_or(&url).to_string(),
                asked,
                level,
                call: attr_after(outcome, "button--call", "href"),
                safety_net: safety.and_then(|s| attr_after(s, "button--call", "href")),
                conditions: outcome.matches("data-condition=").count(),
                advice: outcome.matches("data-advice").count(),
            };
        }
        let question = attr_after(&html, "data-question=", "data-question").expect("a question");
        let q = triage
            .questions
            .iter()
            .position(|q| q.id == question)
            .expect("known question");
        let answer = &triage.questions[q].answers[answers[q]].id;
        url = attr_after(&html, &format!("data-answer=\"{answer}\""), "href").expect("answer link");
        asked.push(question);
    }
}

/// A translation changes only words: for every full set of answers, the Chinese
/// checker asks the same questions in the same order and ends on the same care level,
/// with the same number to call and the same number of conditions and advice.
#[test]
fn the_chinese_checker_tells_every_patient_what_the_english_one_does() {
    let (_site, compiled, mut pages) = built_example();
    let triage = &compiled.triage;
    let sizes: Vec<usize> = triage.questions.iter().map(|q| q.answers.len()).collect();
    let walked = for_every_answer_set(&sizes, |answers| {
        let en = walk(&mut pages, START, triage, answers);
        let zh = walk(
            &mut pages,
            "/careleaf/zh/early-pregnancy-bleeding/check/",
            triage,
            answers,
        );
        assert_eq!(
            en.level,
            triage.evaluate(answers).level.id(),
            "answers {answers:?}"
        );
        assert_eq!(zh, en, "answers {answers:?}");
    });
    assert_eq!(walked, 864);
    // And the Chinese pages are in Chinese: the first question and an outcome's action.
    let start = pages
        .page("/careleaf/zh/early-pregnancy-bleeding/check/")
        .to_string();
    assert!(
        start.contains("<html lang=\"zh-Hans\" dir=\"ltr\">") && start.contains("您怀孕多少周了？")
    );
}

/// The review page stays readable for large trees: paths are counted without being
/// listed, listed only up to a limit and grouped by care level, and every question
/// page of the tree is listed once.
#[test]
fn the_review_page_counts_paths_and_lists_every_question_page_once() {
    use careleaf::tree::review;
    let site = example_site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let compiled = compiled_example(site.path());
    let all = review::path_table(&compiled, usize::MAX);
    let by_level = review::paths_by_level(&compiled);
    assert_eq!(
        by_level.iter().map(|(_, n)| n).sum::<u128>(),
        all.len() as u128,
        "counted = listed"
    );
    for (level, n) in &by_level {
        assert_eq!(
            all.iter().filter(|r| r.level == *level).count() as u128,
            *n,
            "{level}"
        );
    }
    assert_eq!(
        review::path_table(&compiled, 5).len(),
        5,
        "a limit cuts the list"
    );
    let questions = compiled
        .diagram
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, careleaf::tree::NodeKind::Question { .. }))
        .count();
    let views = review::question_pages(&compiled, |n| n.to_string());
    assert_eq!(
        views.iter().map(|v| v.pages.len()).sum::<usize>(),
        questions
    );

    let html = read(
        &site
            .path()
            .join("public/early-pregnancy-bleeding/check/review/index.html"),
    );
    assert_eq!(
        html.matches("data-node=").count(),
        questions,
        "each question page once"
    );
    assert_eq!(html.matches("<tr data-path=").count(), all.len());
    for (level, n) in &by_level {
        assert!(
            html.contains(&format!(
                "<details class=\"checker-review__level\" data-level=\"{level}\""
            )),
            "{level}"
        );
        assert!(
            html.contains(&format!(": {n} paths</summary>")),
            "{level}: {n}"
        );
    }
    // Every in-page link goes to an entry of the page.
    for anchor in html
        .match_indices("href=\"#node-")
        .map(|(i, _)| &html[i + 12..i + 12 + 12])
    {
        assert!(
            html.contains(&format!("id=\"node-{anchor}\"")),
            "#node-{anchor}"
        );
    }
}

/// A condition that still has `red_flags` beside its rules gets a warning, and its
/// topic keeps its checker: a warning never drops the tree.
#[test]
fn red_flags_beside_rules_warn_and_the_checker_stays() {
    let site = fixture("rtl");
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let warnings = rendered(&report.warnings);
    assert!(
        warnings.contains("`red_flags` is not shown on a page with triage rules"),
        "{warnings}"
    );
    assert!(warnings.contains("ectopic.md:6:1"), "{warnings}");
    assert!(
        site.path()
            .join("public/bleeding/check/index.html")
            .is_file()
    );
}

/// SPEC §4: a condition page's care cards come from its rules, so it shows no card at
/// a level its rules do not reach. Implantation bleeding and the cervix send pain on
/// one side, tummy pain and heavy bleeding elsewhere: no emergency or urgent card of
/// their own, and no such sign on their cards.
#[test]
fn condition_cards_are_written_from_the_rules() {
    let (site, _, _) = built_example();
    let page = |rel: &str| read(&site.path().join("public").join(rel).join("index.html"));
    // The cards before the body (the body's own alerts are the author's words).
    let cards = |html: &str| -> Vec<(String, String)> {
        let head = html
            .split("<div class=\"prose\">")
            .next()
            .unwrap_or_default()
            .to_string();
        head.split("<div class=\"care-card care-card--")
            .skip(1)
            .map(|card| {
                let level = card.split('"').next().unwrap_or_default().to_string();
                (
                    level,
                    card.split("</div>\n</div>")
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                )
            })
            .collect()
    };
    for (rel, levels, not_said) in [
        (
            "early-pregnancy-bleeding/implantation-bleeding",
            vec!["soon"],
            vec!["one side", "Call 911"],
        ),
        (
            "early-pregnancy-bleeding/cervical-causes",
            vec!["soon"],
            vec!["one side", "Call 911", "heavy"],
        ),
        (
            "early-pregnancy-bleeding/ectopic-pregnancy",
            vec!["emergency", "urgent"],
            vec![],
        ),
        (
            "early-pregnancy-bleeding/miscarriage",
            vec!["urgent", "soon"],
            vec!["Call 911"],
        ),
    ] {
        let html = page(rel);
        let found = cards(&html);
        let found_levels: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(found_levels, levels, "{rel}");
        for (_, card) in &found {
            for words in &not_said {
                assert!(!card.contains(words), "{rel}: a card says {words}: {card}");
            }
        }
    }
    let ectopic = cards(&page("early-pregnancy-bleeding/ectopic-pregnancy"));
    assert!(
        ectopic[0].1.contains("pain in the tip of your shoulder")
            && ectopic[0].1.contains("tel:911")
    );
    assert!(
        ectopic[1]
            .1
            .contains("pain low down on one side of your tummy")
            && ectopic[1].1.contains("tel:+15550199")
    );
    assert!(
        ectopic[1].1.contains("Closed now?") && ectopic[1].1.contains("tel:+15550123"),
        "the EPU's out-of-hours cover"
    );
}

#[path = "../../benches/support/protocol.rs"]
mod protocol;

/// The review page of a tree of 1,000+ pages (a generated protocol of 40 questions and
/// 60 conditions whose rules name questions within 12 of each other) stays readable:
/// every outcome once with a bounded list of answer groups, a bounded path table, a
/// diagram cut to its first pages that points to the outcomes, and the page under a
/// few MB. Also the previous issue's 40-question protocol (window 8, 373 pages).
#[test]
fn the_review_page_of_a_large_tree_stays_bounded() {
    use careleaf::tree::{diagram, review};
    for (window, at_least) in [(12, 1_000), (8, 300)] {
        let dir = tempfile::tempdir().unwrap();
        let t = protocol::protocol_within(40, 60, 3, window);
        protocol::write_site(&t, dir.path()).unwrap();
        let report = build(dir.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
        assert!(report.pages > 0);
        let check = dir.path().join("public/protocol/check");
        let pages = std::fs::read_dir(&check).unwrap().count();
        assert!(pages >= at_least, "{pages} pages");
        let html = read(&check.join("review/index.html"));
        assert!(
            html.len() < 3_000_000,
            "the review page is {} bytes",
            html.len()
        );
        let outcomes = html.matches("class=\"review-outcome\"").count();
        assert!(outcomes > 0);
        assert!(html.matches("<tr data-path=").count() <= review::MAX_PATH_ROWS);
        let svg = read(&check.join("diagram.svg"));
        assert!(svg.matches("class=\"node\"").count() <= diagram::MAX_NODES);
        assert!(
            svg.contains("class=\"more\""),
            "the cut diagram says where the rest is"
        );
        assert!(svg.contains("review/#outcomes"));
    }
}

/// The layout keeps every box and label apart (by the boxes' measured sizes), and the
/// answer sets of the outcome pages add up to every full set of answers.
#[test]
fn the_diagram_keeps_boxes_apart_and_outcomes_count_every_answer_set() {
    use careleaf::tree::{diagram, review};
    let site = example_site();
    let compiled = compiled_example(site.path());
    let label = |level: careleaf::CareLevel| level.id().to_string();
    let words = diagram::Words {
        level: &label,
        unsure: "I'm not sure",
        more: "More",
        colon: ": ",
        bracket_open: " (",
        bracket_close: ")",
    };
    let layout = diagram::layout(&compiled, &words);
    for (i, a) in layout.placed.iter().enumerate() {
        assert!(
            a.lines.iter().all(|l| diagram::text_width(l) <= a.width),
            "{a:?}"
        );
        for b in &layout.placed[i + 1..] {
            assert!(!a.overlaps(b), "{} overlaps {}", a.title, b.title);
        }
    }
    let routes = review::routes(&compiled);
    let sets: u128 = routes
        .iter()
        .map(|r| {
            r.answer_sets
                .as_deref()
                .unwrap_or("0")
                .parse::<u128>()
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(sets, compiled.triage.answer_sets());
}
