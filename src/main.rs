//! The `careleaf` command line: parse arguments, call the library, print, exit.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use careleaf::{BuildOptions, Diagnostic};
use clap::{Parser, Subcommand};

/// A build allocates and frees many small strings on every thread at once, which
/// glibc's allocator handles with lock traffic and arena resizing; mimalloc's
/// per-thread heaps do it with neither.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "careleaf",
    version,
    about = "A static site generator for patient education"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output).
    Build {
        /// The site folder, the one with site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Where to write the site.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Use this address instead of site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// A new site in DIR: configuration, the example topic, the default theme, a
    /// GitHub Pages workflow.
    Init {
        dir: PathBuf,
        /// Write into a folder that already has files in it.
        #[arg(long)]
        force: bool,
    },
    /// Check everything a build checks, plus reviews due, reading grades, images
    /// without alt text and links that are not https. Writes nothing.
    Check {
        /// The site folder, the one with site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Check reviews as of this date (YYYY-MM-DD) instead of today.
        #[arg(long)]
        today: Option<String>,
    },
    /// A new file: `careleaf new condition TOPIC/SLUG`.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Live preview: serve the site, rebuild on every save, reload the browser.
    Serve {
        /// The site folder, the one with site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (loopback only unless you say otherwise).
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the site in your browser.
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check {
            site,
            format,
            today,
        } => {
            let today = today.unwrap_or_else(careleaf::dates::today);
            let report = careleaf::cmd::check::check(&site, &today);
            match format {
                Format::Text => print!("{}", careleaf::cmd::check::text(&report)),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                ),
            }
            if report.errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Init { dir, force } => {
            finish(careleaf::cmd::init::init(&dir, force).map(|files| {
                println!(
                    "Created a site with {} files in {}. Next: cd {} && careleaf serve",
                    files.len(),
                    dir.display(),
                    dir.display()
                );
            }))
        }
        Command::New {
            what: NewWhat::Condition { target, site },
        } => finish(
            careleaf::cmd::new::new_condition(&site, &target).map(|path| {
                println!(
                    "Wrote {} (a draft: fill it in, then remove `draft: true`)",
                    path.display()
                );
            }),
        ),
        Command::Serve {
            site,
            port,
            bind,
            open,
            drafts,
        } => finish(careleaf::serve::serve(&careleaf::serve::ServeOptions {
            site,
            port,
            bind,
            open,
            drafts,
        })),
        Command::Build {
            site,
            output,
            base_url,
            drafts,
        } => {
            let options = BuildOptions {
                site,
                output,
                base_url,
                drafts,
            };
            match careleaf::build(&options) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    println!(
                        "Built {} pages ({} files) into {} in {} ms",
                        report.pages,
                        report.files,
                        report.output.display(),
                        report.elapsed.as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    print_diagnostics(&diagnostics);
                    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "Build failed: {errors} error{}. The previous site was left as it was.",
                        if errors == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum NewWhat {
    /// A condition with every field, as a draft: TOPIC/SLUG.
    Condition {
        target: String,
        /// The site folder, the one with site.yaml.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
}

fn finish(result: Result<(), Vec<Diagnostic>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{}", d.render());
    }
}
