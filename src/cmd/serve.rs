//! `careleaf serve`: the live preview's command line. The preview itself (watching,
//! rebuilding, the HTTP side) is [`crate::serve`].

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostics::print;
use crate::serve::{ServeOptions, serve};

#[derive(Debug, clap::Args)]
pub struct Args {
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
}

pub fn run(args: Args) -> ExitCode {
    let options = ServeOptions {
        site: args.site,
        port: args.port,
        bind: args.bind,
        open: args.open,
        drafts: args.drafts,
    };
    match serve(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostic) => {
            print(&[diagnostic]);
            ExitCode::FAILURE
        }
    }
}
