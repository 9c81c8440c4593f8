//! `careleaf triage diff OLD_SITE`: what a change to the rules does to patients, in
//! their words. Lists, per topic, every group of answers whose care (level, action and
//! number), listed conditions or advice differ between the site in OLD_SITE (a
//! checkout of the version before, e.g. made with `git worktree add ../before main`)
//! and this one, with the rule that made the difference, and fails when any answers
//! now get a lower care level, unless `--allow-lower` signs that off.
//!
//! `careleaf triage hash`: the fingerprint of each tree's patient-facing meaning, for
//! `triage: { reviewed: { tree: … } }`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::care::CareLevel;
use crate::diagnostics::{Diagnostics, print};
use crate::site::{LoadOptions, Site};
use crate::triage::CompiledTriage;
use crate::triage::diff::{Place, Said, Side, diff, report};
use crate::triage::model::TopicOutcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

/// How `triage diff` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain words, for people.
    Text,
    /// GitHub workflow commands: annotations on the changed rules' lines.
    Github,
    /// One JSON document, for tools.
    Json,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// What changed for patients between the site in OLD_SITE and this one.
    #[command(
        after_help = "Examples:\n  careleaf triage diff ../before\n  careleaf triage diff ../before -s . --allow-lower   # a clinician signed off lower levels\n  careleaf triage diff ../before --format github      # annotate a pull request\n\nExits 1 when any answers get a lower care level, unless --allow-lower."
    )]
    Diff {
        /// The site before the change (a folder with site.yaml).
        old_site: PathBuf,
        #[command(flatten)]
        site: crate::cmd::SiteArgs,
        /// A clinician has checked that the lower care levels are right: exit 0.
        #[arg(long)]
        allow_lower: bool,
        /// How to report: words, pull-request annotations or JSON.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// In CI: the pull-request label that signs off lower care levels, named in
        /// the failure (e.g. `--sign-off-label care-lowered-signed-off`).
        #[arg(long, value_name = "LABEL")]
        sign_off_label: Option<String>,
    },
    /// The fingerprint of each decision tree's patient-facing meaning, for its review.
    ///
    /// Record it as `triage: { reviewed: { by, on, tree: … } }` in the topic's
    /// `_index.md` once a clinician has read every outcome on the review page.
    #[command(
        after_help = "Example:\n  careleaf triage hash\n  careleaf triage hash -s examples/riverside-clinic"
    )]
    Hash {
        #[command(flatten)]
        site: crate::cmd::SiteArgs,
    },
}

pub fn run(args: Args) -> ExitCode {
    match args.command {
        Command::Diff {
            old_site,
            site,
            allow_lower,
            format,
            sign_off_label,
        } => run_diff(
            &old_site,
            &site.dir,
            allow_lower,
            format,
            sign_off_label.as_deref(),
        ),
        Command::Hash { site } => run_hash(&site.dir),
    }
}

fn run_hash(root: &Path) -> ExitCode {
    let Some(site) = load(root) else {
        return ExitCode::FAILURE;
    };
    for compiled in &site.triages {
        let hash = crate::triage::signoff::fingerprint(
            compiled,
            &site.config,
            site.theme.strings_for(&compiled.triage.lang),
        );
        println!(
            "{} ({}): tree: {hash}",
            compiled.triage.source, compiled.triage.lang
        );
    }
    ExitCode::SUCCESS
}

fn run_diff(
    old_site: &Path,
    site: &Path,
    allow_lower: bool,
    format: Format,
    sign_off_label: Option<&str>,
) -> ExitCode {
    let (Some(old), Some(new)) = (load(old_site), load(site)) else {
        return ExitCode::FAILURE;
    };
    let path = |file: &str| {
        if site == Path::new(".") {
            file.to_string()
        } else {
            site.join(file).display().to_string()
        }
    };
    let mut lower = false;
    let mut text = String::new();
    let mut json = Vec::new();
    let (old_trees, new_trees) = (trees(&old), trees(&new));
    for after in &new_trees {
        let topic = &after.triage.topic;
        let Some(before) = old_trees.iter().find(|t| t.triage.topic == *topic) else {
            text.push_str(&format!("{topic}: a new decision tree\n"));
            json.push(serde_json::json!({ "topic": topic, "new": true }));
            continue;
        };
        let compared = with_progress(topic, || diff(&side(&old, before), &side(&new, after)));
        match compared {
            Ok(d) => {
                lower |= d.is_lower();
                match format {
                    Format::Text => text.push_str(&report::text(topic, &d)),
                    Format::Github => text.push_str(&report::github(topic, &d, path)),
                    Format::Json => json.push(serde_json::json!({ "topic": topic, "diff": d })),
                }
            }
            Err(why) => {
                // Not compared is not safe: treat it as a change that needs sign-off.
                lower = true;
                text.push_str(&match format {
                    Format::Github => format!(
                        "::error title={}::{}\n",
                        crate::diagnostics::workflow_property(&format!("{topic} — not compared")),
                        crate::diagnostics::workflow_data(&why)
                    ),
                    _ => format!("{topic}: not compared: {why}\n"),
                });
                json.push(serde_json::json!({ "topic": topic, "not_compared": why }));
            }
        }
    }
    for before in &old_trees {
        if !new_trees
            .iter()
            .any(|t| t.triage.topic == before.triage.topic)
        {
            text.push_str(&format!(
                "{}: the decision tree was removed\n",
                before.triage.topic
            ));
            json.push(serde_json::json!({ "topic": before.triage.topic, "removed": true }));
        }
    }
    if format == Format::Json {
        let document = serde_json::json!({ "topics": json, "lower": lower });
        println!("{document:#}");
    } else {
        print!("{text}");
    }
    if lower && !allow_lower {
        let remedy = sign_off_remedy(sign_off_label);
        if format == Format::Github {
            println!(
                "::error title=Care lowered without a clinician's sign-off::{}",
                crate::diagnostics::workflow_data(&remedy)
            );
        }
        eprintln!(
            "Some answers now get a lower care level (or a tree could not be compared). {remedy}"
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// What to do about lowered care: on the command line, `--allow-lower`; in CI, the
/// label, who adds it, and what happens then.
fn sign_off_remedy(label: Option<&str>) -> String {
    match label {
        None => "If a clinician has checked that this is right, run again with --allow-lower."
            .to_string(),
        Some(label) => format!(
            "A clinician checks every change listed (the run's summary shows them in the patient's words). If they are right, the clinician, or someone with write access to the repository on their word, adds the label `{label}` to the pull request: the check runs again and passes. Pushed to main without a pull request that has the label, the site is not published."
        ),
    }
}

/// Runs `work`, saying on a terminal that it is still comparing `topic` once it has
/// taken more than a second.
fn with_progress<T: Send>(topic: &str, work: impl FnOnce() -> T + Send) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let start = Instant::now();
            let mut shown = false;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                let elapsed = start.elapsed();
                if elapsed > Duration::from_secs(1) {
                    eprint!(
                        "\rComparing {topic}'s decision trees… {}s",
                        elapsed.as_secs()
                    );
                    shown = true;
                }
            }
            if shown {
                eprint!("\r\x1b[2K");
            }
        });
        let result = work();
        done.store(true, Ordering::Relaxed);
        result
    })
}

/// The site in `root`, or `None` (the problems printed) when it does not load.
fn load(root: &Path) -> Option<Site> {
    let mut diagnostics = Diagnostics::default();
    let options = LoadOptions {
        base_url: None,
        drafts: false,
    };
    match Site::load(root, &options, &mut diagnostics) {
        Ok(site) => Some(site),
        Err(_) => {
            eprintln!("{} does not load:", root.display());
            print(&diagnostics.into_sorted());
            None
        }
    }
}

/// The default language's decision trees of `site`.
fn trees(site: &Site) -> Vec<&CompiledTriage> {
    let lang = &site.config.language;
    site.triages
        .iter()
        .filter(|t| t.triage.lang == *lang)
        .collect()
}

/// One version of a tree, with what its levels and actions say in that version's
/// `site.yaml` and theme.
fn side<'a>(site: &Site, compiled: &'a CompiledTriage) -> Side<'a> {
    let lang = compiled.triage.lang.as_str();
    let strings = site.theme.strings_for(lang);
    Side::new(
        &compiled.triage,
        |level: CareLevel, action: Option<&TopicOutcome>| {
            let label = level.label_in(strings);
            let (text, call, written) = match action.and_then(|o| o.action.as_ref().map(|a| (o, a)))
            {
                Some((o, a)) => (
                    a.text.clone(),
                    a.call
                        .as_deref()
                        .and_then(|id| site.config.services_in(lang).call(id)),
                    Place {
                        file: format!("content/{}", compiled.triage.source),
                        line: o.line,
                    },
                ),
                None => {
                    let care = site.config.care_in(level, lang);
                    (
                        care.action.clone(),
                        care.call.clone(),
                        Place {
                            file: "site.yaml".to_string(),
                            line: 0,
                        },
                    )
                }
            };
            Said {
                level,
                label,
                action: text,
                phone: call.as_ref().map(|c| c.phone.clone()),
                hours: call.and_then(|c| c.hours),
                written,
            }
        },
    )
}
