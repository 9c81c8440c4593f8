//! Helpers for integration tests: copy a fixture site (with the default theme) into a
//! temporary folder, change files in it, build it.

use std::fs;
use std::path::{Path, PathBuf};

use careleaf::{BuildOptions, BuildReport, Diagnostic};
use tempfile::TempDir;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of `tests/fixtures/NAME`, with `themes/default` from the repository.
pub fn fixture(name: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
    copy_dir(
        &repo_root().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    dir
}

/// A temporary copy of the example site at the repository root.
pub fn example_site() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "themes", "static"] {
        copy_dir(&repo_root().join(part), &dir.path().join(part));
    }
    fs::copy(repo_root().join("site.yaml"), dir.path().join("site.yaml")).expect("copy site.yaml");
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let dest = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

pub fn write(site: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = site.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, contents).expect("write");
}

pub fn build(site: &Path) -> Result<BuildReport, Vec<Diagnostic>> {
    careleaf::build(&BuildOptions {
        site: site.into(),
        ..BuildOptions::default()
    })
}

pub fn build_into(site: &Path, output: &Path) -> Result<BuildReport, Vec<Diagnostic>> {
    careleaf::build(&BuildOptions {
        site: site.into(),
        output: Some(output.to_path_buf()),
        ..BuildOptions::default()
    })
}

/// Every diagnostic drawn as a person sees it, for snapshots.
pub fn rendered(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every file under `dir` (relative path → bytes), for comparing whole outputs.
pub fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .display()
                .to_string();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}
