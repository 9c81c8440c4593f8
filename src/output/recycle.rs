//! Reusing the folder an earlier build wrote as the next build's staging folder.
//!
//! Deleting a built site and writing it again costs a disk far more than writing over
//! it: on ext4, creating thousands of files right after deleting thousands makes the
//! kernel scan past every recently freed inode. So a build takes the site the build
//! before last left behind (`.public.careleaf-old`), writes over its files, leaves a
//! file alone when its bytes have not changed, and at the end removes the files it
//! did not write. The result is exactly the files of this build, as with a fresh
//! folder.
//!
//! Writing into an existing tree must never reach outside it, so before anything is
//! written the tree is walked once: symbolic links are removed (a write can then never
//! follow one out of the folder), and so are files with other hard links (writing over
//! one would change the same file elsewhere).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Mutex;

/// The files of an earlier build in the staging folder that this build has not yet
/// written (relative, `/`-separated), and its folders.
#[derive(Debug)]
pub struct Recycled {
    files: Mutex<HashSet<String>>,
    dirs: Vec<String>,
}

impl Recycled {
    /// Walks `dir` (an earlier build's site), removing what must not be written
    /// through (links, hard-linked files, anything that is not a file or folder).
    pub fn walk(dir: &Path) -> io::Result<Recycled> {
        let mut files = HashSet::new();
        let mut dirs = Vec::new();
        let mut entries = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .min_depth(1)
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = entry.map_err(io::Error::other)?;
            let kind = entry.file_type();
            let Some(rel) = relative(entry.path(), dir) else {
                // Not a name careleaf writes (not UTF-8): not part of any build.
                if kind.is_dir() {
                    fs::remove_dir_all(entry.path())?;
                    entries.skip_current_dir();
                } else {
                    fs::remove_file(entry.path())?;
                }
                continue;
            };
            if kind.is_dir() {
                dirs.push(rel);
            } else if kind.is_file()
                && !has_other_links(&entry.metadata().map_err(io::Error::other)?)
            {
                files.insert(rel);
            } else {
                fs::remove_file(entry.path())?;
            }
        }
        Ok(Recycled {
            files: Mutex::new(files),
            dirs,
        })
    }

    /// Marks `rel` as written by this build; true if the earlier build had it.
    pub fn take(&self, rel: &str) -> bool {
        self.files.lock().is_ok_and(|mut files| files.remove(rel))
    }

    /// Removes, under `dir`, the files this build did not write and the folders that
    /// are then empty.
    pub fn remove_stale(self, dir: &Path) -> io::Result<()> {
        let stale = self.files.into_inner().unwrap_or_default();
        for rel in &stale {
            // Gone already, or now a folder of this build's: only a file is stale.
            let path = dir.join(rel);
            if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(path)?;
            }
        }
        if stale.is_empty() {
            return Ok(());
        }
        // Deepest first, so that a folder whose sub-folders went goes too; a folder
        // that still holds something is left (`remove_dir` only removes empty ones).
        let mut dirs = self.dirs;
        dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for rel in dirs {
            let _ = fs::remove_dir(dir.join(rel));
        }
        Ok(())
    }
}

/// Writes `bytes` to `path`, an earlier build's file, unless it already holds them.
pub fn write_over(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::read(path) {
        Ok(old) if old == bytes => Ok(()),
        _ => fs::write(path, bytes),
    }
}

/// Writes `bytes` to `rel` under `dir`, a file the earlier build did not have. Where
/// the earlier build had a file in place of one of its folders, or a folder in place
/// of the file, that is removed first.
pub fn write_new(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent()
        && fs::create_dir_all(parent).is_err()
    {
        let mut ancestor = dir.to_path_buf();
        let mut parts: Vec<&str> = rel.split('/').collect();
        parts.pop();
        for part in parts {
            ancestor.push(part);
            if fs::symlink_metadata(&ancestor).is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(&ancestor)?;
            }
        }
        fs::create_dir_all(parent)?;
    }
    if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(&path)?;
    }
    fs::write(path, bytes)
}

fn relative(path: &Path, dir: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

#[cfg(unix)]
fn has_other_links(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_links(_: &fs::Metadata) -> bool {
    false
}
