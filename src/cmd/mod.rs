//! One module per subcommand; each is the pipeline for that command, nothing more.

pub mod build;
pub mod check;
pub mod example;
pub mod init;
pub mod new;
