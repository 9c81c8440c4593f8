//! `careleaf init DIR`: a new site that builds at once: `site.yaml`, the example topic,
//! the default theme (so it can be changed), a GitHub Pages workflow and `.gitignore`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cmd::example::EXAMPLE_SITE;
use crate::diagnostics::{Diagnostic, print};
use crate::render::builtin::DEFAULT_THEME;

const GITIGNORE: &str =
    "/public\n/.public.careleaf-*\n/.careleaf-serve\n/..careleaf-serve.careleaf-*\n";

/// The workflow for a site made by `init`, before [`workflow`] fills in the version.
const WORKFLOW: &str = include_str!("init-pages.yml");

/// The GitHub Pages workflow `init` writes: it checks pull requests, and installs
/// exactly this careleaf version (its release binary, checksum verified, or its tag
/// built from source), never an unpinned crate by name.
pub fn workflow() -> String {
    WORKFLOW
        .replace("__CARELEAF_VERSION__", env!("CARGO_PKG_VERSION"))
        .replace("__CARELEAF_REPOSITORY__", env!("CARGO_PKG_REPOSITORY"))
}

#[derive(Debug, clap::Args)]
pub struct Args {
    dir: PathBuf,
    /// Write into a folder that already has files in it.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> ExitCode {
    match init(&args.dir, args.force) {
        Ok(files) => {
            let dir = args.dir.display();
            println!(
                "Created a site with {} files in {dir}. Next: cd {dir} && {} serve",
                files.len(),
                this_command()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostic) => {
            print(&[diagnostic]);
            ExitCode::FAILURE
        }
    }
}

/// How to run this careleaf again: `careleaf` when that is what the PATH finds, else
/// this program's full path (after `cargo run -- init`, `careleaf` may be nowhere).
fn this_command() -> String {
    let Ok(this) = std::env::current_exe().and_then(|p| p.canonicalize()) else {
        return "careleaf".to_string();
    };
    let name = this.file_name().map(std::ffi::OsStr::to_os_string);
    let on_path = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            name.as_ref()
                .and_then(|n| dir.join(n).canonicalize().ok())
                .is_some_and(|found| found == this)
        })
    });
    if on_path {
        "careleaf".to_string()
    } else {
        this.display().to_string()
    }
}

/// Writes a new site into `dir`; refuses a folder with files in it unless `force`.
/// Returns the files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Diagnostic> {
    let has_files = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if has_files && !force {
        return Err(
            Diagnostic::error(dir, "this folder is not empty")
                .with_help("choose a new folder, or add --force to write the site's files into it (files with the same names are replaced)"),
        );
    }
    let workflow = workflow();
    let mut files: Vec<(String, &str)> = EXAMPLE_SITE
        .iter()
        .map(|(p, t)| (p.to_string(), *t))
        .collect();
    files.extend(
        DEFAULT_THEME
            .iter()
            .map(|(p, t)| (format!("themes/default/{p}"), *t)),
    );
    files.push((".gitignore".to_string(), GITIGNORE));
    files.push((".github/workflows/pages.yml".to_string(), &workflow));
    let mut written = Vec::with_capacity(files.len());
    for (rel, text) in files {
        let path = dir.join(&rel);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = result {
            return Err(Diagnostic::error(
                &path,
                format!("cannot write this file: {e}"),
            ));
        }
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_example_is_the_repository_example() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk: Vec<String> = ["content", "static"]
            .iter()
            .flat_map(|dir| {
                walkdir::WalkDir::new(root.join(dir))
                    .into_iter()
                    .map(|e| e.unwrap())
            })
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.push("site.yaml".to_string());
        on_disk.sort();
        let mut built_in: Vec<String> = EXAMPLE_SITE.iter().map(|(p, _)| p.to_string()).collect();
        built_in.sort();
        assert_eq!(
            built_in, on_disk,
            "add new example files to src/cmd/example.rs"
        );
        for (path, text) in EXAMPLE_SITE {
            assert_eq!(
                *text,
                std::fs::read_to_string(root.join(path)).unwrap(),
                "{path}"
            );
        }
    }
}
