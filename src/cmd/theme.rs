//! `careleaf theme eject TEMPLATE`: a copy of one built-in template in the site's
//! `templates/`, to change it. Only that template is the site's; everything else keeps
//! coming from the careleaf version the site builds with, so upgrading brings fixes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostics::{Diagnostic, did_you_mean, print};
use crate::render::eject;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Copy one of the default theme's templates into the site's templates/ to change it.
    #[command(
        after_help = "Examples:\n  careleaf theme eject base.html\n  careleaf theme eject page.html --stdout   # see the current one"
    )]
    Eject {
        /// The template, like `base.html` or `page.html`.
        template: String,
        #[command(flatten)]
        site: crate::cmd::SiteArgs,
        /// Print it instead of writing it (to compare with the site's copy).
        #[arg(long)]
        stdout: bool,
        /// Replace the site's copy if it has one.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(args: Args) -> ExitCode {
    let Command::Eject {
        template,
        site,
        stdout,
        force,
    } = args.command;
    if stdout {
        return match eject::ejected(&template) {
            Some(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            None => fail(not_a_template(&template)),
        };
    }
    match eject_into(&site.dir, &template, force) {
        Ok(path) => {
            println!(
                "Wrote {}: the site now uses it instead of the built-in {template}. A build says when the built-in one changes.",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostic) => fail(*diagnostic),
    }
}

fn fail(diagnostic: Diagnostic) -> ExitCode {
    print(&[diagnostic]);
    ExitCode::FAILURE
}

/// Writes `templates/TEMPLATE` in the site at `root`; returns its path.
pub fn eject_into(root: &Path, template: &str, force: bool) -> Result<PathBuf, Box<Diagnostic>> {
    let text = eject::ejected(template).ok_or_else(|| Box::new(not_a_template(template)))?;
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Box::new(
            Diagnostic::error(root, "this is not a site folder (it has no site.yaml)")
                .with_help("run it in the site's folder, or pass --site DIR"),
        ));
    }
    let path = root.join("templates").join(template);
    if path.exists() && !force {
        return Err(Box::new(
            Diagnostic::error(&path, "the site already has this template")
                .with_help("edit it; or add --force to replace it with the built-in one (your changes are lost)"),
        ));
    }
    crate::cmd::write_file(&path, &text).map_err(Box::new)?;
    Ok(path)
}

fn not_a_template(name: &str) -> Diagnostic {
    let names = eject::names();
    let help = match did_you_mean(name, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("the default theme's templates: {}", names.join(", ")),
    };
    Diagnostic::error(name, "the default theme has no template by this name").with_help(help)
}
