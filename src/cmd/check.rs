//! `careleaf check`: everything a build checks, without writing anything, plus what an
//! editorial lead needs to see: reviews overdue or due within 30 days, pages whose
//! reading grade is above the site's target, images without alt text, links that are
//! not https, conditions the decision tree does not include, phone numbers typed into
//! content that are not the site's, and the number each care level's button dials.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::content::Page;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::editorial::{DUE_SOON_DAYS, PageStatus, ReviewStatus, TranslationStatus, page_status};
use crate::phone;
use crate::site::{LoadOptions, Site};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: crate::cmd::SiteArgs,
    /// How to print the report: text for people, json for tools, github for
    /// annotations on a pull request.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Check reviews as of this date (YYYY-MM-DD) instead of today (e.g. `--today 2027-01-01`).
    #[arg(long)]
    today: Option<String>,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    drafts: bool,
    /// Fail (exit 1) when there are warnings, as CI should.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    /// GitHub Actions workflow commands: each problem becomes an annotation on its
    /// file and line in a pull request.
    Github,
}

pub fn run(args: Args) -> ExitCode {
    let today = args.today.unwrap_or_else(crate::dates::today);
    let report = check(&args.site.dir, &today, args.drafts);
    match args.format {
        Format::Text => {
            use std::io::IsTerminal;
            let boxes = crate::diagnostics::draws_boxes(std::io::stdout().is_terminal());
            print!("{}", text(&report, boxes));
        }
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        Format::Github => print!("{}", github(&report)),
    }
    if report.errors > 0 || (args.deny_warnings && report.warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub pages: Vec<PageStatus>,
    /// What each care level tells the patient and the number its call button dials.
    pub care_levels: Vec<CareLine>,
}

/// One care level as `site.yaml` sets it.
#[derive(Debug, Serialize)]
pub struct CareLine {
    pub lang: String,
    pub level: &'static str,
    pub action: String,
    /// The `tel:` number a call button dials, if the level has a phone.
    pub dials: Option<String>,
    /// The number shown beside it for when that service is closed.
    pub closed: Option<String>,
}

/// Checks the site in `root` as of `today` (`YYYY-MM-DD`).
pub fn check(root: &Path, today: &str, drafts: bool) -> CheckReport {
    let mut diagnostics = Diagnostics::default();
    let mut pages = Vec::new();
    let mut care_levels = Vec::new();
    let options = LoadOptions {
        base_url: None,
        drafts,
    };
    if let Ok(mut site) = Site::load(root, &options, &mut diagnostics) {
        let target = site.config.reading_grade;
        let numbers = site.config.dialled_numbers();
        check_care_translations(&site.config, &mut diagnostics);
        crate::content::translations::check_missing(
            &site.content.pages,
            &site.config.languages,
            &mut diagnostics,
        );
        let originals = crate::editorial::originals(&site.content.pages, &site.config.language);
        for (page, body) in site.content.pages.iter().zip(site.bodies.iter()) {
            let original = originals.get(page.translation_key()).copied();
            let status = page_status(page, body, today, original);
            check_reading(page, &status, target, &mut diagnostics);
            check_sentences(
                page,
                &status,
                site.config.sentence_characters,
                &mut diagnostics,
            );
            check_translation(page, &status, &mut diagnostics);
            check_review(page, &status, today, &mut diagnostics);
            diagnostics.extend(body.lints.iter().cloned());
            check_sources(page, &mut diagnostics);
            check_numbers(page, &numbers, &mut diagnostics);
            pages.push(status);
        }
        care_levels = care_lines(&site.config);
        // Everything a build renders, into nothing: `check` fails on all a build fails
        // on (a template's unknown variable, two files at one address, a static file's
        // name), and writes nothing.
        let _ = site.render_dry(&mut diagnostics);
    }
    let diagnostics = diagnostics.into_sorted();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    CheckReport {
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics,
        pages,
        care_levels,
    }
}

/// What each care level says and dials, per language.
fn care_lines(config: &crate::config::Config) -> Vec<CareLine> {
    config
        .languages
        .iter()
        .flat_map(|lang| {
            config.care_levels_in(lang).iter().map(|c| CareLine {
                lang: lang.clone(),
                level: c.level.id(),
                action: c.action.clone(),
                dials: c.tel().map(str::to_string),
                closed: c
                    .call
                    .as_ref()
                    .and_then(|call| call.closed.as_ref())
                    .map(|closed| closed.tel.clone()),
            })
        })
        .collect()
}

/// A Chinese or Japanese page whose sentences are longer, on average, than the
/// site's target (`sentence_characters`).
fn check_sentences(page: &Page, status: &PageStatus, target: f64, diagnostics: &mut Diagnostics) {
    let Some(length) = status.sentence_characters.filter(|n| *n > target) else {
        return;
    };
    // Very short pages give unstable figures (as with English grades).
    if status.words < 60 {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(&page.source, format!("sentences are {length:.1} characters long on average, above the site's target of {target}"))
            .with_help("split long sentences (one idea each) and use everyday words; explain a medical word the first time it is used"),
    );
}

/// A translation that is not reviewed in its own right, or was reviewed before its
/// original last changed.
fn check_translation(page: &Page, status: &PageStatus, diagnostics: &mut Diagnostics) {
    let original = status.original_reviewed.as_deref().unwrap_or("-");
    let diagnostic = match status.translation {
        Some(TranslationStatus::OutOfDate) => Diagnostic::warning(
            &page.source,
            format!(
                "this translation is out of date: it was reviewed on {}, before its original changed on {original}",
                page.reviewed.as_ref().map_or("-", |r| r.on.as_str())
            ),
        )
        .with_help("bring the translation up to date with the original, have it reviewed, then update its `reviewed: on:`"),
        Some(TranslationStatus::NotReviewed) => Diagnostic::warning(
            &page.source,
            format!("this translation has no review of its own (its original was reviewed on {original})"),
        )
        .with_help("a translation is not reviewed because its original is: have a clinician who reads the language review it, then add `reviewed: { by: \"Name, role\", on: YYYY-MM-DD }`"),
        _ => return,
    };
    // At `reviewed:`, or at the title where there is none.
    let at = page
        .reviewed
        .as_ref()
        .and_then(|r| r.on_at)
        .or(page.title_at)
        .map(|s| s.locate(&page.text));
    diagnostics.push(match at {
        Some(at) => diagnostic.at(at),
        None => diagnostic,
    });
}

/// A language whose pages would show the care actions in the default language,
/// because `site.yaml` does not translate them.
fn check_care_translations(config: &crate::config::Config, diagnostics: &mut Diagnostics) {
    for lang in &config.languages[1..] {
        let untranslated: Vec<&str> = config
            .care_levels
            .iter()
            .zip(config.care_levels_in(lang))
            .filter(|(original, own)| original.action == own.action)
            .map(|(original, _)| original.level.id())
            .collect();
        if untranslated.is_empty() {
            continue;
        }
        let line = config.language_at.get(lang).cloned();
        let diagnostic = Diagnostic::warning(
            crate::config::CONFIG_FILE,
            format!(
                "pages in `{lang}` show what to do in `{}`: {} {} not translated",
                config.language,
                untranslated.join(", "),
                if untranslated.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_help(format!(
            "add each level's action in `{lang}` under `translations: {lang}: care_levels:`, like `emergency: {{ action: \"…\" }}` (the number to call stays the one above unless you give another)"
        ));
        diagnostics.push(match line {
            Some(at) => diagnostic.at(at),
            None => diagnostic,
        });
    }
}

/// A reading grade above the site's target.
fn check_reading(page: &Page, status: &PageStatus, target: f64, diagnostics: &mut Diagnostics) {
    let Some(grade) = status.grade.filter(|g| *g > target) else {
        return;
    };
    // Very short pages (a home page of three lines) give unstable grades.
    if status.words < 20 {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(&page.source, format!("the reading grade is {grade:.1} (Flesch-Kincaid), above the site's target of {target}"))
            .with_help("use shorter sentences and everyday words; explain a medical word the first time it is used"),
    )
}

/// A review overdue (an error) or due soon (a warning).
fn check_review(page: &Page, status: &PageStatus, today: &str, diagnostics: &mut Diagnostics) {
    let Some(due) = status.review_due.as_deref() else {
        return;
    };
    let at = page
        .reviewed
        .as_ref()
        .and_then(|r| r.due_at.or(r.on_at))
        .map(|s| s.locate(&page.text));
    let diagnostic = match status.review {
        ReviewStatus::Overdue => Diagnostic::error(
            &page.source,
            format!("the review was due on {due} (today is {today})"),
        )
        .with_help("have a clinician review the page, then update `reviewed: on:` and `due:`"),
        ReviewStatus::DueSoon => Diagnostic::warning(
            &page.source,
            format!("the review is due on {due}, within {DUE_SOON_DAYS} days"),
        )
        .with_help("plan the review with a clinician"),
        ReviewStatus::Ok | ReviewStatus::None => return,
    };
    diagnostics.push(match at {
        Some(at) => diagnostic.at(at),
        None => diagnostic,
    });
}

/// Sources that are not https (the body's own findings come from its rendering:
/// [`crate::markdown::Rendered::lints`]).
fn check_sources(page: &Page, problems: &mut Diagnostics) {
    for source in page.sources.iter().filter(|s| s.url.starts_with("http://")) {
        let at = source.url_at.map_or_else(
            || Location::in_text(&page.text, 1, 1, 3),
            |s| s.locate(&page.text),
        );
        problems.push(crate::markdown::render::insecure(page, &source.url, at));
    }
}

/// Phone numbers typed into a page's front-matter values that are not one of the
/// numbers `site.yaml` gives its care levels: a clinic that changes its numbers would
/// still ship these (the body's are found as it renders: [`Rendered::lints`]).
///
/// [`Rendered::lints`]: crate::markdown::Rendered::lints
fn check_numbers(page: &Page, site_numbers: &[&str], problems: &mut Diagnostics) {
    let mut offset = 0;
    for line in page
        .text
        .get(..page.body_start)
        .unwrap_or_default()
        .split_inclusive('\n')
    {
        let is_yaml_comment = line.trim_start().starts_with('#');
        if !is_yaml_comment {
            for range in phone::find_numbers(line) {
                let number = &line[range.clone()];
                let dials = phone::dialable(number).unwrap_or_default();
                if site_numbers.contains(&dials.as_str()) {
                    continue;
                }
                problems.push(
                    Diagnostic::warning(&page.source, format!("`{number}` is a phone number typed into this page, and not one of the site's"))
                        .at(Location::at_offset(&page.text, offset + range.start, range.len()))
                        .with_help(crate::markdown::render::TYPED_NUMBER_HELP),
                );
            }
        }
        offset += line.len();
    }
}

/// The report as GitHub Actions workflow commands (`::error file=…,line=…::message`),
/// which a pull request shows as annotations on the lines, then the totals.
pub fn github(report: &CheckReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let kind = if d.is_error() { "error" } else { "warning" };
        let mut properties = format!(
            "file={}",
            crate::diagnostics::workflow_property(&d.file.display().to_string())
        );
        if let Some(at) = &d.location {
            properties.push_str(&format!(",line={},col={}", at.line, at.column));
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{kind} {properties},title=careleaf check::{}\n",
            crate::diagnostics::workflow_data(&message)
        ));
    }
    out.push_str(&format!(
        "{}, {}\n",
        crate::diagnostics::count(report.errors, "error"),
        crate::diagnostics::count(report.warnings, "warning")
    ));
    out
}

/// The report as text: every problem, a table of the pages, then what each care
/// level's button dials.
pub fn text(report: &CheckReport, boxes: bool) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&d.render_for(boxes));
        out.push('\n');
    }
    if !report.pages.is_empty() {
        out.push_str(&page_table(&report.pages));
    }
    if !report.care_levels.is_empty() {
        let several = report
            .care_levels
            .iter()
            .any(|c| c.lang != report.care_levels[0].lang);
        let width = if several { 14 } else { 10 };
        let rows: Vec<(String, String, &str)> = report
            .care_levels
            .iter()
            .map(|c| {
                let dials = match (&c.dials, &c.closed) {
                    (Some(tel), Some(closed)) => format!("tel:{tel}, closed: tel:{closed}"),
                    (Some(tel), None) => format!("tel:{tel}"),
                    _ => "-".to_string(),
                };
                let level = if several {
                    format!("{} ({})", c.level, c.lang)
                } else {
                    c.level.to_string()
                };
                (level, dials, c.action.as_str())
            })
            .collect();
        let dials_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0).max(17);
        out.push_str(&format!(
            "\n{:width$}  {:dials_width$}  Action\n",
            "Care level", "Call button dials"
        ));
        for (level, dials, action) in rows {
            out.push_str(&format!(
                "{level:<width$}  {dials:<dials_width$}  {action}\n"
            ));
        }
    }
    out.push_str(&format!(
        "{}, {}\n",
        crate::diagnostics::count(report.errors, "error"),
        crate::diagnostics::count(report.warnings, "warning")
    ));
    out
}

/// The table of every page's words, reading measure and review.
fn page_table(pages: &[PageStatus]) -> String {
    let width = pages
        .iter()
        .map(|p| p.file.display().to_string().len())
        .max()
        .unwrap_or(4)
        .max(4);
    let translations = pages.iter().any(|p| p.translation.is_some());
    let header = format!(
        "{:width$}  {:>5}  {:<10}  {:<10}  {:<8}{}",
        "Page",
        "Words",
        "Reading",
        "Review due",
        "Review",
        if translations { "  Translation" } else { "" }
    );
    let mut out = format!("{}\n", header.trim_end());
    for p in pages {
        let reading = match (p.grade, p.sentence_characters) {
            (Some(grade), _) => format!("grade {grade:.1}"),
            (None, Some(length)) => format!("{length:.1} chars"),
            (None, None) => "-".to_string(),
        };
        let translation = match (translations, p.translation) {
            (false, _) => String::new(),
            (true, Some(t)) => format!("  {}", t.id().replace('_', " ")),
            (true, None) => "  -".to_string(),
        };
        out.push_str(
            format!(
                "{:width$}  {:>5}  {reading:<10}  {:<10}  {:<8}{translation}",
                p.file.display().to_string(),
                p.words,
                p.review_due.as_deref().unwrap_or("-"),
                p.review.id().replace('_', " "),
            )
            .trim_end(),
        );
        out.push('\n');
    }
    out.push_str("Reading: the Flesch-Kincaid grade of English pages; for Chinese and Japanese, the\naverage sentence length in characters (and Words counts characters); no measure for\nother languages.\n");
    out
}
