//! Writing the built site: into a fresh staging folder next to the output folder, which
//! replaces the output folder only when the whole build has succeeded.
//!
//! A failed build leaves the last good site untouched. Nothing outside the output
//! folder is ever deleted, and folders that must never be replaced (the file-system
//! root, the home folder, the site itself, anything in `content/`, a folder with other
//! files in it) are refused before anything is written. This is the only module that
//! writes files.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Marks a folder as careleaf's output (we always write it; GitHub Pages needs it too).
const MARKER: &str = ".nojekyll";

/// A build's output in progress.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Deletes the site the last build replaced, while this build renders.
    cleaner: Option<std::thread::JoinHandle<()>>,
}

impl Output {
    /// Checks that `target` may be replaced, and creates an empty staging folder.
    pub fn prepare(site_root: &Path, target: &Path) -> Result<Output, Diagnostic> {
        let target = absolute(target);
        let site_root = absolute(site_root);
        refuse_dangerous(&site_root, &target)?;
        let parent = target
            .parent()
            .ok_or_else(|| refused(&target, "it has no parent folder"))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        let staging = parent.join(format!(".{name}.careleaf-new"));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| io_error(&staging, &e))?;
        }
        fs::create_dir(&staging).map_err(|e| io_error(&staging, &e))?;
        // Deleting thousands of files takes the kernel a while: the site the last
        // build replaced is deleted now, on another thread, while this one renders.
        let old = old_site(&target);
        let cleaner = old.exists().then(|| {
            std::thread::spawn(move || {
                let _ = fs::remove_dir_all(old);
            })
        });
        Ok(Output {
            target,
            staging,
            committed: false,
            cleaner,
        })
    }

    /// Writes straight into `dir` (the live preview's folder, never `public/` of a
    /// build): each rebuild updates only the files it renders.
    pub fn in_place(site_root: &Path, dir: &Path) -> Result<Output, Diagnostic> {
        let target = absolute(dir);
        refuse_dangerous(&absolute(site_root), &target)?;
        fs::create_dir_all(&target).map_err(|e| io_error(&target, &e))?;
        fs::write(target.join(MARKER), b"").map_err(|e| io_error(&target, &e))?;
        Ok(Output {
            staging: target.clone(),
            target,
            committed: true,
            cleaner: None,
        })
    }

    /// Removes `rel` (a file, or a folder and all in it) from the output, if there.
    pub fn remove(&self, rel: &str) -> io::Result<()> {
        let path = self.staging.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(path),
            Ok(_) => fs::remove_file(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Where the site will be once committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) in the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, bytes)
    }

    /// Copies the files of `dir` (recursively) into the staging folder's root.
    pub fn copy_dir(&self, dir: &Path) -> io::Result<usize> {
        let mut copied = 0;
        if !dir.is_dir() {
            return Ok(0);
        }
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry.map_err(io::Error::other)?;
            let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
            let dest = self.staging.join(rel);
            if entry.file_type().is_dir() {
                fs::create_dir_all(&dest)?;
            } else if entry.file_type().is_file() {
                fs::copy(entry.path(), &dest)?;
                copied += 1;
            }
        }
        Ok(copied)
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        fs::write(self.staging.join(MARKER), b"").map_err(|e| io_error(&self.staging, &e))?;
        if let Some(cleaner) = self.cleaner.take() {
            let _ = cleaner.join();
        }
        let old = old_site(&self.target);
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| io_error(&old, &e))?;
        }
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old).map_err(|e| io_error(&self.target, &e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            if had_old {
                // Put the last good site back; the error below says what happened.
                let _ = fs::rename(&old, &self.target);
            }
            return Err(io_error(&self.target, &e));
        }
        // The replaced site stays as `.NAME.careleaf-old` until the next build deletes
        // it on the side (or you do): deleting it here would make every build wait.
        self.committed = true;
        Ok(())
    }
}

impl Drop for Output {
    /// An abandoned build removes its staging folder and touches nothing else.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
        if let Some(cleaner) = self.cleaner.take() {
            let _ = cleaner.join();
        }
    }
}

/// Where the site a build replaces is kept until the next build: `.NAME.careleaf-old`.
fn old_site(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.careleaf-old"))
}

fn refuse_dangerous(site_root: &Path, target: &Path) -> Result<(), Diagnostic> {
    if target.parent().is_none() {
        return Err(refused(target, "it is the root of the file system"));
    }
    if std::env::var_os("HOME").is_some_and(|home| absolute(Path::new(&home)) == target) {
        return Err(refused(target, "it is your home folder"));
    }
    if site_root.starts_with(target) {
        return Err(refused(target, "it holds the site itself"));
    }
    for protected in ["content", "templates", "themes", "static"] {
        if target.starts_with(site_root.join(protected)) {
            return Err(refused(
                target,
                &format!("it is inside the site's {protected}/ folder"),
            ));
        }
    }
    let is_nonempty = fs::read_dir(target).is_ok_and(|mut d| d.next().is_some());
    if is_nonempty && !target.join(MARKER).exists() {
        return Err(refused(
            target,
            "it has files in it that careleaf did not write",
        ));
    }
    Ok(())
}

fn refused(target: &Path, why: &str) -> Diagnostic {
    Diagnostic::error(
        target,
        format!("careleaf will not replace this output folder: {why}"),
    )
    .with_help("choose an empty folder or the site's own public/ with --output")
}

fn io_error(path: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("cannot write the output: {error}")).with_help(
        "check that the folder exists, that you may write to it and that the disk is not full",
    )
}

/// `path` made absolute against the current folder, with `.` and `..` resolved by name.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_site_and_content() {
        let site = Path::new("/tmp/careleaf-site");
        assert!(refuse_dangerous(site, Path::new("/")).is_err());
        assert!(refuse_dangerous(site, site).is_err());
        assert!(refuse_dangerous(site, Path::new("/tmp")).is_err());
        assert!(refuse_dangerous(site, &site.join("content/x")).is_err());
        assert!(refuse_dangerous(site, &site.join("public-does-not-exist")).is_ok());
    }

    #[test]
    fn dropped_output_leaves_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join(MARKER), b"").unwrap();
        fs::write(target.join("index.html"), b"old").unwrap();
        let out = Output::prepare(dir.path(), &target).unwrap();
        out.write("index.html", b"new").unwrap();
        drop(out);
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"old");
        assert!(!dir.path().join(".public.careleaf-new").exists());
    }

    #[test]
    fn the_replaced_site_is_deleted_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let old = dir.path().join(".public.careleaf-old");
        for round in 0..3 {
            let out = Output::prepare(dir.path(), &target).unwrap();
            out.write("index.html", format!("build {round}").as_bytes())
                .unwrap();
            out.commit().unwrap();
            assert_eq!(
                fs::read_to_string(target.join("index.html")).unwrap(),
                format!("build {round}")
            );
            if round > 0 {
                assert_eq!(
                    fs::read_to_string(old.join("index.html")).unwrap(),
                    format!("build {}", round - 1)
                );
            }
        }
    }

    #[test]
    fn commit_swaps_in_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let out = Output::prepare(dir.path(), &target).unwrap();
        out.write("a/index.html", b"new").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"new");
        assert!(target.join(MARKER).exists());
    }
}
