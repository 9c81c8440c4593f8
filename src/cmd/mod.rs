//! One module per subcommand, each with its clap `Args` and `run(args) -> ExitCode`:
//! the pipeline for that command, printing with `diagnostics::print`, nothing more.

pub mod build;
pub mod check;
pub mod example;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;
pub mod theme;
pub mod triage;

/// `-s/--site DIR`, the site folder (the one with `site.yaml`), as every command that
/// works on a site takes it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SiteArgs {
    /// The site folder, the one with site.yaml (e.g. `-s ../riverside`).
    #[arg(short = 's', long = "site", value_name = "DIR", default_value = ".")]
    pub dir: std::path::PathBuf,
}

impl From<&std::path::Path> for SiteArgs {
    fn from(dir: &std::path::Path) -> SiteArgs {
        SiteArgs {
            dir: dir.to_path_buf(),
        }
    }
}

impl From<std::path::PathBuf> for SiteArgs {
    fn from(dir: std::path::PathBuf) -> SiteArgs {
        SiteArgs { dir }
    }
}

/// Writes one of the author's files (a new page, a site's workflow, an ejected
/// template), making its folder; a failure names the file.
pub(crate) fn write_file(
    path: &std::path::Path,
    text: &str,
) -> Result<(), crate::diagnostics::Diagnostic> {
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, text))
        .map_err(|e| {
            crate::diagnostics::Diagnostic::error(path, format!("cannot write this file: {e}"))
        })
}
