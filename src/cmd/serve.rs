//! `careleaf serve`: the live preview's command line. The preview itself (watching,
//! rebuilding, the HTTP side) is [`crate::serve`].

use std::net::IpAddr;
use std::process::ExitCode;

use crate::diagnostics::print;
use crate::serve::{ServeOptions, serve};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: crate::cmd::SiteArgs,
    /// The port to serve on (e.g. `-p 1112` when 1111 is taken).
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on: this computer only unless you say otherwise
    /// (e.g. `--bind 0.0.0.0` to preview on a phone on the same network).
    #[arg(short, long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Serve under this address's path instead of site.yaml's base_url
    /// (e.g. `-u http://localhost/pregnancy/`).
    #[arg(short = 'u', long)]
    base_url: Option<String>,
    /// Open the site in your browser.
    #[arg(short = 'O', long)]
    open: bool,
    /// `-o` is `--output` in every careleaf command; the preview writes no folder.
    /// Kept only to say so to anyone used to `serve -o` meaning "open".
    #[arg(short = 'o', hide = true)]
    old_open: bool,
    /// Leave out pages marked `draft: true` (the preview shows them, marked as
    /// drafts, unless you say so).
    #[arg(long)]
    no_drafts: bool,
    /// Look at the files every 0.3 s instead of waiting to be told of changes: for a
    /// network drive or WSL, where saves are not reported.
    #[arg(long)]
    poll: bool,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> ExitCode {
    if args.old_open {
        eprintln!(
            "error: `-o` is `--output` in careleaf, and the preview writes no folder; to open your browser, use `-O` or `--open`"
        );
        return ExitCode::from(2);
    }
    let options = ServeOptions {
        site: args.site.dir,
        port: args.port,
        bind: args.bind,
        open: args.open,
        drafts: !args.no_drafts,
        base_url: args.base_url,
        poll: args.poll,
        quiet: args.quiet,
    };
    match serve(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostic) => {
            print(&[diagnostic]);
            ExitCode::FAILURE
        }
    }
}
