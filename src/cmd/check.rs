//! `careleaf check`: everything a build checks, without writing anything, plus the
//! lints an editorial lead needs to see (`editorial::lints`), and the number each care
//! level's button dials. This file is the command and its report: a table, JSON, or
//! GitHub annotations.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::editorial::PageStatus;
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
        pages = crate::editorial::lints::lint(
            &site.config,
            &site.content.pages,
            &site.bodies,
            today,
            &mut diagnostics,
        );
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
