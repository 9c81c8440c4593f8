//! `careleaf triage diff OLD_SITE`: what a change to the rules does to patients. Lists,
//! per topic, every group of answers whose care level or listed conditions differ
//! between the site in OLD_SITE (a checkout of the version before, e.g. made with
//! `git worktree add ../before main`) and this one, and fails when any answers now
//! get a lower care level, unless `--allow-lower` signs that off.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostics::{Diagnostics, print};
use crate::site::{LoadOptions, Site};
use crate::triage::CompiledTriage;
use crate::triage::diff::{describe, diff};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// What changed for patients between the site in OLD_SITE and this one.
    #[command(
        after_help = "Examples:\n  careleaf triage diff ../before\n  careleaf triage diff ../before -s . --allow-lower   # a clinician signed off lower levels\n\nExits 1 when any answers get a lower care level, unless --allow-lower."
    )]
    Diff {
        /// The site before the change (a folder with site.yaml).
        old_site: PathBuf,
        /// The site after the change.
        #[arg(short, long, default_value = ".")]
        site: PathBuf,
        /// A clinician has checked that the lower care levels are right: exit 0.
        #[arg(long)]
        allow_lower: bool,
    },
}

pub fn run(args: Args) -> ExitCode {
    let Command::Diff {
        old_site,
        site,
        allow_lower,
    } = args.command;
    let (Some(old), Some(new)) = (trees(&old_site), trees(&site)) else {
        return ExitCode::FAILURE;
    };
    let (text, lower) = report(&old, &new);
    print!("{text}");
    if lower && !allow_lower {
        eprintln!(
            "Some answers now get a lower care level. If a clinician has checked that this is right, run again with --allow-lower."
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The default language's decision trees of the site in `root`, or `None` (the
/// problems printed) when it does not load.
fn trees(root: &Path) -> Option<Vec<CompiledTriage>> {
    let mut diagnostics = Diagnostics::default();
    let options = LoadOptions {
        base_url: None,
        drafts: false,
    };
    match Site::load(root, &options, &mut diagnostics) {
        Ok(site) => {
            let lang = site.config.language;
            Some(
                site.triages
                    .into_iter()
                    .filter(|t| t.triage.lang == lang)
                    .collect(),
            )
        }
        Err(_) => {
            eprintln!("{} does not load:", root.display());
            print(&diagnostics.into_sorted());
            None
        }
    }
}

/// The diff of every topic in plain words, and whether any answers got a lower level.
pub fn report(old: &[CompiledTriage], new: &[CompiledTriage]) -> (String, bool) {
    let mut text = String::new();
    let mut lower = false;
    for after in new {
        let topic = &after.triage.topic;
        let Some(before) = old.iter().find(|t| t.triage.topic == *topic) else {
            text.push_str(&format!("{topic}: a new decision tree\n"));
            continue;
        };
        match diff(&before.triage, &after.triage) {
            Ok(d) => {
                lower |= d.groups.iter().any(|g| g.is_lower());
                text.push_str(&describe(topic, &d));
            }
            Err(why) => {
                // Not compared is not safe: treat it as a change that needs sign-off.
                lower = true;
                text.push_str(&format!("{topic}: not compared: {why}\n"));
            }
        }
    }
    for before in old {
        if !new.iter().any(|t| t.triage.topic == before.triage.topic) {
            text.push_str(&format!(
                "{}: the decision tree was removed\n",
                before.triage.topic
            ));
        }
    }
    (text, lower)
}
