//! Writing the built site: into a staging folder next to the output folder, which
//! replaces the output folder only when the whole build has succeeded.
//!
//! The staging folder is the site the build before last wrote, written over in place
//! and cleared of what this build did not write ([`recycle`]), or a new folder when
//! there is none. A failed build leaves the last good site untouched. Nothing outside the output
//! folder is ever deleted, and folders that must never be replaced (the file-system
//! root, the home folder, the site itself, anything in `content/`, a folder with other
//! files in it) are refused before anything is written. This is the only module that
//! writes files.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

mod lock;
pub(crate) mod recycle;

use lock::BuildLock;
use recycle::Recycled;

/// Each file's writer: how near to the reader's hand it is (0 careleaf, 1 a page, 2 a
/// static file) and its path; `None` for a theme's file, which the site may replace.
type Claims = rustc_hash::FxHashMap<String, Option<(u8, PathBuf)>>;

/// Who writes a file of the output.
#[derive(Debug, Clone, Copy)]
pub enum Writer<'a> {
    /// careleaf itself: a page, a checker, the search page, the sitemap.
    Careleaf,
    /// A page, by its Markdown file.
    Page(&'a Path),
    /// A static file of the site, by its path.
    File(&'a Path),
    /// A theme's own file (a stylesheet, `robots.txt`): the site may replace it.
    Replaceable,
}

/// Marks a folder as careleaf's output (we always write it; GitHub Pages needs it too).
const MARKER: &str = ".nojekyll";

/// A build's output in progress.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// The files an earlier build left in the staging folder, when it was reused.
    recycled: Option<Recycled>,
    /// Who wrote each file of this build (`None` in the preview's folder, which is
    /// written again and again): two writers of one path are an error naming both.
    /// (`None` for a file a later one may replace.)
    /// The site folder, for naming a site's file in a clash.
    site_root: PathBuf,
    claims: Option<std::sync::Mutex<Claims>>,
    /// Writes nothing ([`Output::dry_run`]).
    dry: bool,
    /// Held from `prepare` until the output is committed or abandoned (declared last:
    /// it is released after `Drop` has tidied the staging folder).
    _lock: Option<BuildLock>,
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
        fs::create_dir_all(parent).map_err(|e| io_error(&target, &e))?;
        let lock = BuildLock::take(&target, &beside(&target, "lock"))?;
        // With the lock held, any staging folder here was left by a build that was
        // killed: not known to be whole, so not reused.
        remove_stale_staging(&target).map_err(|e| io_error(parent, &e))?;
        let staging = beside(&target, &format!("new-{}", std::process::id()));
        let old = old_site(&target);
        let recycled = match fs::symlink_metadata(&old) {
            Ok(m) if m.is_dir() => {
                fs::rename(&old, &staging).map_err(|e| io_error(&old, &e))?;
                match Recycled::walk(&staging) {
                    Ok(recycled) => Some(recycled),
                    Err(_) => {
                        remove(&staging).map_err(|e| io_error(&staging, &e))?;
                        None
                    }
                }
            }
            Ok(_) => {
                remove(&old).map_err(|e| io_error(&old, &e))?;
                None
            }
            Err(_) => None,
        };
        if recycled.is_none() {
            fs::create_dir(&staging).map_err(|e| io_error(&staging, &e))?;
        }
        Ok(Output {
            target,
            staging,
            committed: false,
            recycled,
            claims: Some(Default::default()),
            site_root,
            dry: false,
            _lock: Some(lock),
        })
    }

    /// An output that writes nothing but keeps every other rule (one writer per
    /// address, static files' names): what `check` renders into, so that it fails on
    /// everything a build fails on without the cost of writing a site.
    pub fn dry_run(site_root: &Path) -> Output {
        Output {
            target: PathBuf::new(),
            staging: PathBuf::new(),
            committed: true,
            recycled: None,
            claims: Some(Default::default()),
            site_root: absolute(site_root),
            dry: true,
            _lock: None,
        }
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
            recycled: None,
            claims: None,
            site_root: PathBuf::new(),
            dry: false,
            _lock: None,
        })
    }

    /// Removes `rel` (a file, or a folder and all in it) from the output, if there.
    pub fn remove(&self, rel: &str) -> Result<(), Diagnostic> {
        remove(&self.staging.join(rel)).map_err(|e| self.cannot_write(rel, &e))
    }

    /// Where the site will be once committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) in the staging folder: a file
    /// careleaf makes (a page, the search page, the sitemap), which nothing else may
    /// also write. A failure is a diagnostic that names `rel`.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write_as(rel, bytes, Writer::Careleaf)
    }

    /// [`Output::write`], saying who writes the file: the name a clash reports, and
    /// whether a later file may replace it.
    pub fn write_as(&self, rel: &str, bytes: &[u8], writer: Writer<'_>) -> Result<(), Diagnostic> {
        self.claim(rel, writer)?;
        self.write_bytes(rel, bytes)
            .map_err(|e| self.cannot_write(rel, &e))
    }

    /// A file of the site that could not be written (or removed). A full disk is one
    /// problem, however many files it stops: it names the output folder, and the
    /// diagnostics merge into one.
    fn cannot_write(&self, rel: &str, error: &io::Error) -> Diagnostic {
        if matches!(
            error.kind(),
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
        ) {
            return Diagnostic::error(
                &self.target,
                format!("the disk is full, so the site cannot be written here: {error}"),
            )
            .with_help("make room on the disk (or build into a folder on another one with --output); the last good site was left as it was");
        }
        Diagnostic::error(rel, format!("cannot write this file: {error}"))
    }

    /// Records who writes `rel`; an error when something else already does and may
    /// not be replaced.
    fn claim(&self, rel: &str, writer: Writer<'_>) -> Result<(), Diagnostic> {
        let Some(claims) = &self.claims else {
            return Ok(());
        };
        let mut claims = claims
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Who wrote it, and how near to the reader's hand: a static file is reported
        // before a page, a page before what careleaf makes itself.
        let owned = match writer {
            Writer::Careleaf => Some((0, PathBuf::new())),
            Writer::Page(path) => Some((1, path.to_path_buf())),
            Writer::File(path) => Some((
                2,
                path.strip_prefix(&self.site_root)
                    .unwrap_or(path)
                    .to_path_buf(),
            )),
            Writer::Replaceable => None,
        };
        let Some(Some(first)) = claims.get(rel) else {
            claims.insert(rel.to_string(), owned);
            return Ok(());
        };
        let Some(second) = owned else {
            // A theme's file where something of the site's already is: the site's stays
            // (the theme's are written first, so this does not happen in a build).
            return Ok(());
        };
        // The author's file is the one reported, the other named in the message.
        let (theirs, other) = if first.0 >= second.0 {
            (first.1.clone(), second.1)
        } else {
            (second.1, first.1.clone())
        };
        let other = if other.as_os_str().is_empty() {
            "a page careleaf makes itself (the home page, search, a checker, the sitemap…)"
                .to_string()
        } else {
            format!("`{}`", other.display())
        };
        Err(Diagnostic::error(
            theirs,
            format!("this would be published at `/{rel}`, where {other} is published too"),
        )
        .with_help("rename or move one of them: one address, one page (what careleaf makes itself cannot be replaced from static/)"))
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if self.dry {
            return Ok(());
        }
        let path = self.staging.join(rel);
        match &self.recycled {
            Some(recycled) if recycled.take(rel) => recycle::write_over(&path, bytes),
            Some(_) => recycle::write_new(&self.staging, rel, bytes),
            None => {
                if let Some(dir) = path.parent() {
                    fs::create_dir_all(dir)?;
                }
                fs::write(path, bytes)
            }
        }
    }

    /// Copies the files of `dir` (recursively) into the staging folder's root; returns
    /// how many. Hidden files and folders (`.env`, `.git/`, editor swap files),
    /// backups (`name~`) and what editors and file managers leave (`#name#`,
    /// `Thumbs.db`, `desktop.ini`) are left out; `.well-known/` is published. A theme's
    /// folder (`replaceable`) gives way to the site's files of the same name.
    pub fn copy_dir(&self, dir: &Path, replaceable: bool) -> Result<usize, Diagnostic> {
        let mut copied = 0;
        if !dir.is_dir() {
            return Ok(0);
        }
        let cannot = |path: &Path, e: &dyn std::fmt::Display| {
            Diagnostic::error(path, format!("cannot copy this static file: {e}"))
        };
        let walk = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || is_published(e.file_name(), e.depth()));
        for entry in walk {
            let entry = entry.map_err(|e| cannot(e.path().unwrap_or(dir), &e))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let rel = recycle::relative(path, dir).ok_or_else(|| {
                Diagnostic::error(
                    path,
                    "this static file's name is not UTF-8, so it has no web address",
                )
                .with_help(
                    "rename it with letters, digits, `-` and `_` (a name a browser can ask for)",
                )
            })?;
            let writer = if replaceable {
                Writer::Replaceable
            } else {
                Writer::File(path)
            };
            self.claim(&rel, writer)?;
            if self.dry {
                copied += 1;
                continue;
            }
            let bytes = fs::read(path).map_err(|e| cannot(path, &e))?;
            self.write_bytes(&rel, &bytes)
                .map_err(|e| self.cannot_write(&rel, &e))?;
            copied += 1;
        }
        Ok(copied)
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        if self.dry {
            return Ok(());
        }
        self.write(MARKER, b"")?;
        if let Some(recycled) = self.recycled.take() {
            recycled
                .remove_stale(&self.staging)
                .map_err(|e| io_error(&self.staging, &e))?;
        }
        let old = old_site(&self.target);
        if fs::symlink_metadata(&old).is_ok() {
            remove(&old).map_err(|e| io_error(&old, &e))?;
        }
        let had_old = self.target.exists();
        if had_old && exchange(&self.staging, &self.target).is_ok() {
            // One step: the new site is in place and the old one where staging was.
            fs::rename(&self.staging, &old).map_err(|e| io_error(&self.staging, &e))?;
            self.committed = true;
            return Ok(());
        }
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
        // The replaced site stays as `.NAME.careleaf-old`: the next build writes over it.
        self.committed = true;
        Ok(())
    }
}

impl Drop for Output {
    /// An abandoned build leaves the folders as it found them: a staging folder it
    /// made is removed, and one it reused goes back under its old name (with what this
    /// build wrote into it: the next build writes over it all the same).
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let old = old_site(&self.target);
        let reused = self.recycled.is_some();
        if !reused || fs::symlink_metadata(&old).is_ok() || fs::rename(&self.staging, &old).is_err()
        {
            let _ = remove(&self.staging);
        }
    }
}

/// Swaps two folders in one step (Linux's `renameat2` with `RENAME_EXCHANGE`), so
/// that the output folder never briefly does not exist.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Elsewhere two renames do it ([`Output::commit`]).
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Removes the staging folders (`.NAME.careleaf-new-PID`) that builds which were
/// killed left next to `target`. Only called with the lock held.
fn remove_stale_staging(target: &Path) -> io::Result<()> {
    let Some(parent) = target.parent() else {
        return Ok(());
    };
    let prefix = beside(target, "new")
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            remove(&entry.path())?;
        }
    }
    Ok(())
}

/// Whether a static file or folder named `name` (at `depth` below the static folder)
/// is published: not hidden, except `.well-known/` at the top, and not a backup.
fn is_published(name: &std::ffi::OsStr, depth: usize) -> bool {
    let name = name.to_string_lossy();
    let hidden = name.starts_with('.') && !(depth == 1 && name == ".well-known");
    let editor_junk =
        name.ends_with('~') || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'));
    let os_junk = ["thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"]
        .contains(&name.to_ascii_lowercase().as_str());
    !hidden && !editor_junk && !os_junk
}

/// Removes `path`: a folder with all in it, or a file or link (never what it points to).
fn remove(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Where the site a build replaces is kept for the next build: `.NAME.careleaf-old`.
fn old_site(target: &Path) -> PathBuf {
    beside(target, "old")
}

/// `.NAME.careleaf-WHAT` next to the output folder `NAME` (hidden, and named for it).
fn beside(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.careleaf-{what}"))
}

/// Refuses, before anything moves, an output that is not a folder careleaf may
/// replace: nothing a user wrote is ever moved aside or deleted.
fn refuse_dangerous(site_root: &Path, target: &Path) -> Result<(), Diagnostic> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(refused(target, "it is a link; name the folder itself"));
        }
        Ok(m) if !m.is_dir() => {
            let own = target
                .strip_prefix(site_root)
                .is_ok_and(|rel| rel.components().count() == 1);
            let what = if own {
                "it is one of the site's own files, not a folder"
            } else {
                "it is a file, not a folder"
            };
            return Err(refused(target, what));
        }
        _ => {}
    }
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
mod tests;
