//! The `careleaf` command line: parse the arguments and hand them to their command.

use std::process::ExitCode;

use careleaf::cmd;
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
    Build(cmd::build::BuildOptions),
    /// A new site in DIR: configuration, the example topic, the default theme, a
    /// GitHub Pages workflow.
    Init(cmd::init::Args),
    /// Check everything a build checks, plus reviews due, reading grades, images
    /// without alt text and links that are not https. Writes nothing.
    Check(cmd::check::Args),
    /// A new file: `careleaf new condition TOPIC/SLUG`.
    New(cmd::new::Args),
    /// Live preview: serve the site, rebuild on every save, reload the browser.
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    }
}
