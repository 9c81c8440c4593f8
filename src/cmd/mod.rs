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
