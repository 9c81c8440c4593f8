//! `careleaf build`: load, check, render and write the whole site, replacing the
//! output folder only when everything succeeded.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics, Failed, count, print};
use crate::output::Output;
use crate::site::{LoadOptions, Site};

/// What `build` was asked to do (also its command-line arguments).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct BuildOptions {
    #[command(flatten)]
    pub site: crate::cmd::SiteArgs,
    /// Where to write the site (default: SITE/public; e.g. `-o /tmp/site`).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Use this address instead of site.yaml's base_url
    /// (e.g. `-u https://clinic.github.io/pregnancy/`).
    #[arg(short = 'u', long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// The command line of `build`: what to build, and how much to say.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub options: BuildOptions,
    /// Print only errors (no warnings, no summary line).
    #[arg(short, long)]
    pub quiet: bool,
    /// Fail (exit 1) when there are warnings, as CI should.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

pub fn run(args: Args) -> ExitCode {
    // Looked at before the build: whether there is a previous site to leave alone.
    let output = args
        .options
        .output
        .clone()
        .unwrap_or_else(|| args.options.site.dir.join("public"));
    let had_site = std::fs::read_dir(&output).is_ok_and(|mut entries| entries.next().is_some());
    match build(&args.options) {
        Ok(report) => {
            if !args.quiet || args.deny_warnings {
                print(&report.warnings);
            }
            if !args.quiet {
                println!(
                    "Built {} ({}) into {} in {} ms",
                    count(report.pages, "page"),
                    count(report.files, "file"),
                    report.output.display(),
                    report.elapsed.as_millis()
                );
            }
            if args.deny_warnings && !report.warnings.is_empty() {
                eprintln!(
                    "Failed because of {} (--deny-warnings). The site was built.",
                    count(report.warnings.len(), "warning")
                );
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            if had_site {
                eprintln!(
                    "Build failed: {}. The previous site in {} was left as it was.",
                    count(errors, "error"),
                    output.display()
                );
            } else {
                eprintln!(
                    "Build failed: {}. Nothing was written.",
                    count(errors, "error")
                );
            }
            ExitCode::FAILURE
        }
    }
}

/// Builds the site. On success the report holds the warnings; on failure come every
/// diagnostic of the run (errors and warnings), sorted, and the previous output is
/// left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = std::time::Instant::now();
    let mut diagnostics = Diagnostics::default();
    match build_into(options, &mut diagnostics) {
        Ok((output, stats)) => Ok(BuildReport {
            output,
            pages: stats.pages,
            files: stats.files,
            warnings: diagnostics.into_sorted(),
            elapsed: started.elapsed(),
        }),
        Err(_) => Err(diagnostics.into_sorted()),
    }
}

fn build_into(
    options: &BuildOptions,
    diagnostics: &mut Diagnostics,
) -> Result<(PathBuf, crate::render::RenderStats), Failed> {
    let root = options.site.dir.as_path();
    let target = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let load = LoadOptions {
        base_url: options.base_url.clone(),
        drafts: options.drafts,
    };
    // The output folder is made ready (an earlier site walked, to be written over)
    // while the site loads; if either fails, the problems of both are reported.
    let ((loaded, load_problems), output) = rayon::join(
        || {
            let mut problems = Diagnostics::default();
            (Site::load_for_build(root, &load, &mut problems), problems)
        },
        || Output::prepare(root, &target),
    );
    diagnostics.append(load_problems);
    let output = output.map_err(|d| diagnostics.fail(d));
    let (mut site, output) = (loaded?, output?);
    let stats = site.write_into(output, diagnostics)?;
    Ok((target.canonicalize().unwrap_or(target), stats))
}
