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
//! written the tree is walked once and its symbolic links are removed (a write can
//! then never follow one out of the folder); a file with other hard links is replaced
//! rather than written over (writing into it would change the same file elsewhere).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

/// The files of an earlier build in the staging folder that this build has not yet
/// written (relative, `/`-separated), and its folders.
#[derive(Debug)]
pub(crate) struct Recycled {
    files: Mutex<HashSet<String>>,
    dirs: Vec<String>,
}

impl Recycled {
    /// Walks `dir` (an earlier build's site), removing what must not be written
    /// through: links, anything that is not a file or folder, names that are not
    /// UTF-8. (Files with other hard links are replaced when written, [`write_over`].)
    /// The top-level folders (a site has one per topic) are walked in parallel.
    pub(crate) fn walk(dir: &Path) -> io::Result<Recycled> {
        let roots: Vec<std::path::PathBuf> = fs::read_dir(dir)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        let walked: Vec<io::Result<(Vec<String>, Vec<String>)>> =
            roots.par_iter().map(|root| walk_under(dir, root)).collect();
        let mut files = HashSet::new();
        let mut dirs = Vec::new();
        for part in walked {
            let (part_files, part_dirs) = part?;
            files.extend(part_files);
            dirs.extend(part_dirs);
        }
        Ok(Recycled {
            files: Mutex::new(files),
            dirs,
        })
    }

    /// Marks `rel` as written by this build; true if the earlier build had it.
    pub(crate) fn take(&self, rel: &str) -> bool {
        self.files.lock().is_ok_and(|mut files| files.remove(rel))
    }

    /// Removes, under `dir`, the files this build did not write and the folders that
    /// are then empty.
    pub(crate) fn remove_stale(self, dir: &Path) -> io::Result<()> {
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

/// `root` (an entry of `dir`) and all under it: its files and folders, relative to
/// `dir`, after removing what [`Recycled::walk`] removes.
fn walk_under(dir: &Path, root: &Path) -> io::Result<(Vec<String>, Vec<String>)> {
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    // Types come from the folder listing itself: no file is looked at one by one.
    let mut entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .follow_root_links(false)
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = entry.map_err(io::Error::other)?;
        let kind = entry.file_type();
        match relative(entry.path(), dir) {
            Some(rel) if kind.is_dir() => dirs.push(rel),
            Some(rel) if kind.is_file() => files.push(rel),
            // Not a name careleaf writes (not UTF-8): not part of any build.
            _ if kind.is_dir() => {
                fs::remove_dir_all(entry.path())?;
                entries.skip_current_dir();
            }
            // A link, or something that is neither file nor folder.
            _ => fs::remove_file(entry.path())?,
        }
    }
    Ok((files, dirs))
}

/// Writes `bytes` to `path`, an earlier build's file, unless it already holds them.
/// A file with other hard links is replaced, not written through: writing into it
/// would change the same file elsewhere.
pub(crate) fn write_over(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::{Read, Seek, Write};
    let mut file = fs::OpenOptions::new().read(true).write(true).open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() || has_other_links(&metadata) {
        drop(file);
        fs::remove_file(path)?;
        return fs::write(path, bytes);
    }
    let len = bytes.len() as u64;
    if metadata.len() == len {
        let mut old = Vec::with_capacity(bytes.len());
        file.read_to_end(&mut old)?;
        if old == bytes {
            return Ok(());
        }
        file.rewind()?;
    }
    file.write_all(bytes)?;
    // A longer earlier file leaves a tail behind.
    file.set_len(len)
}

/// Writes `bytes` to `rel` under `dir`, a file the earlier build did not have. Where
/// the earlier build had a file in place of one of its folders, or a folder in place
/// of the file, that is removed first.
pub(crate) fn write_new(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
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

pub(crate) fn relative(path: &Path, dir: &Path) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_over_leaves_exactly_the_new_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        for (old, new) in [
            ("same", "same"),
            ("abcd", "abce"),
            ("a longer old page", "short"),
            ("short", "a longer new page"),
            ("", "x"),
            ("x", ""),
        ] {
            fs::write(&path, old).unwrap();
            write_over(&path, new.as_bytes()).unwrap();
            assert_eq!(
                fs::read_to_string(&path).unwrap(),
                new,
                "{old:?} -> {new:?}"
            );
        }
    }
}
