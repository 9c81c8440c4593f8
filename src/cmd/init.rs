//! `careleaf init DIR`: a new site that builds at once: `site.yaml`, the example topic,
//! an empty `templates/` (with a README saying how to change a template), a GitHub
//! Pages workflow pinned to this careleaf version, Dependabot for the workflow's
//! actions, and `.gitignore`. No copy of the default theme: the site uses the one
//! built into careleaf, so raising careleaf's version brings the theme's fixes.
//! `careleaf init --upgrade` moves an existing site's workflow to this version.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cmd::example::EXAMPLE_SITE;
use crate::diagnostics::{Diagnostic, print};

const GITIGNORE: &str =
    "/public\n/.public.careleaf-*\n/.careleaf-serve\n/..careleaf-serve.careleaf-*\n";

/// What `templates/` is for, in a new site.
const TEMPLATES_README: &str = "\
# templates/

The site uses careleaf's built-in theme. To change one of its templates, copy it here:

    careleaf theme eject base.html

The copy's first line records which careleaf it came from. When a later careleaf
changes that template, `careleaf build` and `careleaf check` say so: compare with
`careleaf theme eject base.html --stdout` and bring your changes across. Templates
you do not copy keep coming from careleaf, with its fixes, whenever you upgrade.
";

/// Dependabot for the workflow's actions (GitHub's own, pinned to major versions).
const DEPENDABOT: &str = "\
# Keeps the actions of .github/workflows/ up to date (weekly pull requests).
# careleaf itself is pinned in pages.yml: `careleaf init --upgrade` moves it.
version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
";

/// The workflow for a site made by `init`, before [`workflow`] fills in the version.
const WORKFLOW: &str = include_str!("init-pages.yml");

/// The GitHub Pages workflow `init` writes: it checks pull requests, and installs
/// exactly this careleaf version (its release binary, checksum verified, or its tag
/// built from source), never an unpinned crate by name.
pub fn workflow() -> String {
    WORKFLOW
        .replace("__CARELEAF_VERSION__", env!("CARGO_PKG_VERSION"))
        .replace("__CARELEAF_REPOSITORY__", env!("CARGO_PKG_REPOSITORY"))
        .replace("__CARELEAF_REPO_SLUG__", repo_slug())
}

/// `careleaf/careleaf`: the repository whose release workflow builds the binaries.
fn repo_slug() -> &'static str {
    env!("CARGO_PKG_REPOSITORY")
        .strip_prefix("https://github.com/")
        .unwrap_or(env!("CARGO_PKG_REPOSITORY"))
}

#[derive(Debug, clap::Args)]
pub struct Args {
    dir: PathBuf,
    /// Write into a folder that already has files in it.
    #[arg(long)]
    force: bool,
    /// An existing site: move its workflow to this careleaf version (and add
    /// Dependabot if it has none); nothing else is touched.
    #[arg(long, conflicts_with = "force")]
    upgrade: bool,
}

pub fn run(args: Args) -> ExitCode {
    if args.upgrade {
        return match upgrade(&args.dir) {
            Ok(said) => {
                println!("{said}");
                ExitCode::SUCCESS
            }
            Err(diagnostic) => {
                print(&[diagnostic]);
                ExitCode::FAILURE
            }
        };
    }
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
    let config = format!("{SITE_SCHEMA_LINE}\n{}", example_config());
    let schemas = schema_files();
    let mut files: Vec<(String, &str)> = EXAMPLE_SITE
        .iter()
        .filter(|(p, _)| *p != crate::config::CONFIG_FILE)
        .map(|(p, t)| (p.to_string(), *t))
        .collect();
    files.push((crate::config::CONFIG_FILE.to_string(), &config));
    files.extend(schemas.iter().map(|(p, t)| (p.clone(), t.as_str())));
    files.push(("templates/README.md".to_string(), TEMPLATES_README));
    files.push((".gitignore".to_string(), GITIGNORE));
    files.push((".github/workflows/pages.yml".to_string(), &workflow));
    files.push((".github/dependabot.yml".to_string(), DEPENDABOT));
    let mut written = Vec::with_capacity(files.len());
    for (rel, text) in files {
        crate::cmd::write_file(&dir.join(&rel), text)?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// The line that points an editor's YAML extension at `site.yaml`'s schema.
const SITE_SCHEMA_LINE: &str = "# yaml-language-server: $schema=schemas/site.schema.json";

/// The example's `site.yaml`, as `init` starts a site with it.
fn example_config() -> &'static str {
    EXAMPLE_SITE
        .iter()
        .find(|(p, _)| *p == crate::config::CONFIG_FILE)
        .map_or("", |(_, t)| *t)
}

/// The JSON Schemas a site's files point at (`schemas/…`), as this version makes
/// them: written by `init` and again by `init --upgrade`.
pub fn schema_files() -> Vec<(String, String)> {
    use crate::cmd::schema::{SCHEMA_DIR, Which};
    [Which::FrontMatter, Which::Site]
        .into_iter()
        .map(|which| (format!("{SCHEMA_DIR}/{}", which.file_name()), which.json()))
        .collect()
}

/// Where the workflow is, in a site.
const WORKFLOW_FILE: &str = ".github/workflows/pages.yml";

/// Moves the site in `dir` to this careleaf version: its workflow is written again (the
/// version pin is in it), and Dependabot added if missing. Says what it did.
pub fn upgrade(dir: &Path) -> Result<String, Diagnostic> {
    if !dir.join(crate::config::CONFIG_FILE).is_file() {
        return Err(
            Diagnostic::error(dir, "this is not a site folder (it has no site.yaml)")
                .with_help("run `careleaf init --upgrade DIR` with the site's folder"),
        );
    }
    let path = dir.join(WORKFLOW_FILE);
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    let was = before
        .lines()
        .find_map(|l| l.trim().strip_prefix("CARELEAF_VERSION: "))
        .map(|v| v.trim_matches('"').to_string());
    crate::cmd::write_file(&path, &workflow())?;
    for (rel, text) in schema_files() {
        crate::cmd::write_file(&dir.join(rel), &text)?;
    }
    let dependabot = dir.join(".github/dependabot.yml");
    if !dependabot.exists() {
        crate::cmd::write_file(&dependabot, DEPENDABOT)?;
    }
    let now = env!("CARGO_PKG_VERSION");
    Ok(match was {
        Some(was) if was == now => format!(
            "{WORKFLOW_FILE} is already on careleaf {now}; written again as this version writes it."
        ),
        Some(was) => format!(
            "{WORKFLOW_FILE} now installs careleaf {now} (was {was}). Check the site with `careleaf check`, then commit."
        ),
        None => format!(
            "Wrote {WORKFLOW_FILE} for careleaf {now}. Check the site with `careleaf check`, then commit."
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_writes_no_theme_and_upgrade_moves_the_pin() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("clinic");
        let files = init(&site, false).unwrap();
        assert!(!site.join("themes").exists(), "no copy of the theme");
        assert!(files.contains(&PathBuf::from(".github/dependabot.yml")));
        assert!(site.join("templates/README.md").is_file());
        let pinned = std::fs::read_to_string(site.join(WORKFLOW_FILE)).unwrap();
        let old = pinned.replace(
            &format!("CARELEAF_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
            "CARELEAF_VERSION: \"0.0.1\"",
        );
        assert_ne!(old, pinned);
        std::fs::write(site.join(WORKFLOW_FILE), old).unwrap();
        std::fs::remove_file(site.join(".github/dependabot.yml")).unwrap();
        let said = upgrade(&site).unwrap();
        assert!(said.contains("(was 0.0.1)"), "{said}");
        assert_eq!(
            std::fs::read_to_string(site.join(WORKFLOW_FILE)).unwrap(),
            pinned
        );
        assert!(site.join(".github/dependabot.yml").is_file());
        assert!(upgrade(dir.path()).is_err(), "not a site");
    }

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
