//! One build at a time per output folder, held by the operating system.
//!
//! Two builds into the same `public/` at once (a script and an editor's task, two CI
//! steps) would share the folders beside it, so the second could delete what the first
//! was writing. A build therefore holds an OS file lock (`File::try_lock`: `flock` on
//! Unix, `LockFileEx` on Windows) on `.NAME.careleaf-lock` beside the output folder
//! from preparing its output until it is committed or abandoned. The OS releases the
//! lock when the process ends, however it ends, so a killed build never leaves a lock
//! to guess about: the file itself is only a name to lock, never deleted (deleting
//! it would let two builds lock two different files of the same name).

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;

/// How long a build waits for another build into the same folder to finish.
const WAIT: Duration = Duration::from_secs(120);

/// The lock on an output folder, released when dropped (or when the process ends).
#[derive(Debug)]
pub(super) struct BuildLock {
    _file: File,
}

impl BuildLock {
    /// Takes the lock on `output` (at `path`, beside it), waiting while another build
    /// holds it.
    pub(super) fn take(output: &Path, path: &Path) -> Result<BuildLock, Diagnostic> {
        Self::take_within(output, path, WAIT)
    }

    fn take_within(output: &Path, path: &Path, wait: Duration) -> Result<BuildLock, Diagnostic> {
        let file = open(path).map_err(|e| cannot_lock(output, path, &e))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(BuildLock { _file: file }),
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => return Err(busy(output, wait)),
                Err(TryLockError::Error(e)) => return Err(cannot_lock(output, path, &e)),
            }
        }
    }
}

/// Opens (or creates) the lock file. A lock file another user owns (a shared folder)
/// can still be locked when it can only be read.
fn open(path: &Path) -> io::Result<File> {
    let writable = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path);
    match writable {
        Ok(file) => Ok(file),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => File::open(path),
        Err(e) => Err(e),
    }
}

fn busy(output: &Path, waited: Duration) -> Diagnostic {
    Diagnostic::error(
        output,
        format!(
            "another careleaf build has been writing this output folder for over {} seconds",
            waited.as_secs()
        ),
    )
    .with_help(
        "wait for it to finish, or stop it; a build that was stopped or killed lets go at once",
    )
}

fn cannot_lock(output: &Path, lock: &Path, error: &io::Error) -> Diagnostic {
    let beside = lock.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let why = if lock.is_dir() {
        format!(
            "{} is a folder, where careleaf keeps a lock file",
            lock.display()
        )
    } else {
        error.to_string()
    };
    Diagnostic::error(
        output,
        format!("cannot build into this output folder: {why}"),
    )
    .with_help(format!(
        "careleaf writes beside the output folder, in {}, so that the new site replaces the old one whole: make that folder writable, or build into a folder you own (`--output DIR`) and copy it",
        beside.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_and_is_given_when_the_first_goes() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let path = dir.path().join(".public.careleaf-lock");
        let first = BuildLock::take(&output, &path).unwrap();
        let waiter = {
            let (output, path) = (output.clone(), path.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                let lock = BuildLock::take(&output, &path).unwrap();
                (started.elapsed(), lock)
            })
        };
        std::thread::sleep(Duration::from_millis(200));
        drop(first);
        let (waited, second) = waiter.join().unwrap();
        assert!(
            waited >= Duration::from_millis(150),
            "it waited: {waited:?}"
        );
        let busy = BuildLock::take_within(&output, &path, Duration::from_millis(100)).unwrap_err();
        assert_eq!(busy.file, output);
        assert!(
            busy.message.contains("another careleaf build"),
            "{}",
            busy.message
        );
        drop(second);
        // A lock file left behind is only a name: taken at once.
        let started = Instant::now();
        let _again = BuildLock::take(&output, &path).unwrap();
        assert!(started.elapsed() < Duration::from_millis(50));
    }

    #[test]
    fn a_folder_in_the_way_is_an_error_naming_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let path = dir.path().join(".public.careleaf-lock");
        fs::create_dir(&path).unwrap();
        let error = BuildLock::take(&output, &path).unwrap_err();
        assert_eq!(error.file, output);
        assert!(error.message.contains("is a folder"), "{}", error.message);
    }
}
