//! One module per subcommand, each with its clap `Args` and `run(args) -> ExitCode`:
//! the pipeline for that command, printing with `diagnostics::print`, nothing more.

pub mod build;
pub mod check;
pub mod example;
pub mod init;
pub mod new;
pub mod serve;
pub mod theme;
pub mod triage;
