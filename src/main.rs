//! The `careleaf` command line: parse the arguments and hand them to their command.

use std::process::ExitCode;

use careleaf::cmd;
use clap::{Parser, Subcommand};

/// A build allocates and frees many small strings on every thread at once, which
/// glibc's allocator handles with lock traffic and arena resizing; mimalloc's
/// per-thread heaps do it with neither. (`.cargo/config.toml` builds it to commit memory
/// as it is used, which keeps a large build's peak down.)
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
    #[command(
        after_help = "Examples:\n  careleaf build\n  careleaf build -s ../riverside -o /tmp/riverside --drafts\n  careleaf build --deny-warnings   # in CI"
    )]
    Build(cmd::build::Args),
    /// A new site in DIR: configuration, the example topic, a GitHub Pages workflow
    /// (the theme stays built in); `--upgrade` moves a site's workflow to this version.
    #[command(
        after_help = "Examples:\n  careleaf init myclinic && cd myclinic && careleaf serve\n  careleaf init --upgrade .   # after installing a newer careleaf"
    )]
    Init(cmd::init::Args),
    /// Check everything a build checks, plus reviews due, reading grades, images
    /// without alt text and links that are not https. Writes nothing.
    #[command(
        after_help = "Examples:\n  careleaf check\n  careleaf check --today 2027-01-01 --format json\n  careleaf check --format github --deny-warnings   # in a pull request"
    )]
    Check(cmd::check::Args),
    /// A new file: `careleaf new condition TOPIC/SLUG`.
    #[command(
        after_help = "Examples:\n  careleaf new condition early-pregnancy-bleeding/subchorionic-haematoma\n  careleaf new condition headaches/migraine --new-topic"
    )]
    New(cmd::new::Args),
    /// Live preview: serve the site, rebuild on every save, reload the browser.
    #[command(
        after_help = "Examples:\n  careleaf serve --open\n  careleaf serve -s ../riverside -p 1112\n  careleaf serve --poll   # a network drive or WSL"
    )]
    Serve(cmd::serve::Args),
    /// The decision trees: `careleaf triage diff OLD_SITE` says what a rule change
    /// does to patients; `careleaf triage hash` fingerprints a tree for its sign-off.
    #[command(
        after_help = "Examples:\n  git worktree add ../before main && careleaf triage diff ../before\n  careleaf triage diff ../before --allow-lower   # a clinician signed off lower levels\n  careleaf triage hash                           # for triage: { reviewed: { tree: … } }"
    )]
    Triage(cmd::triage::Args),
    /// The built-in theme: `careleaf theme eject base.html` copies one template into
    /// the site's templates/ to change it.
    #[command(after_help = "Example:\n  careleaf theme eject base.html")]
    Theme(cmd::theme::Args),
    /// The JSON Schema of a page's front-matter or of site.yaml, for editors that
    /// check YAML as you type.
    #[command(
        after_help = "Examples:\n  careleaf schema front-matter > schemas/front-matter.schema.json\n  careleaf schema site > schemas/site.schema.json"
    )]
    Schema(cmd::schema::Args),
    /// Shell completions: `careleaf completions bash > ~/.local/share/bash-completion/completions/careleaf`.
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Triage(args) => cmd::triage::run(args),
        Command::Theme(args) => cmd::theme::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "careleaf", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}
