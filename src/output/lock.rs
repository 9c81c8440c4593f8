//! One build at a time per output folder.
//!
//! Two builds into the same `public/` at once (a script and an editor's task, two CI
//! steps) used to share one staging folder, so the second deleted what the first was
//! writing and both reported success over a partial site. A build now holds
//! `.NAME.careleaf-lock` (created exclusively, holding its process id) from preparing
//! its output until it is committed or abandoned. A second build waits for it; a lock
//! whose process is gone (a build that was killed) is taken over.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::diagnostics::Diagnostic;

/// How long a build waits for another build into the same folder to finish.
const WAIT: Duration = Duration::from_secs(120);
/// Where it cannot tell whether a process lives, a lock older than this is stale.
const STALE: Duration = Duration::from_secs(30 * 60);

/// The lock on an output folder, released when dropped.
#[derive(Debug)]
pub struct BuildLock {
    path: PathBuf,
}

impl BuildLock {
    /// Takes the lock at `path`, waiting while a live build holds it.
    pub fn take(path: &Path) -> Result<BuildLock, Diagnostic> {
        let started = Instant::now();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut file) => {
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(BuildLock {
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(path).unwrap_or_default();
                    if is_stale(path, holder.trim()) {
                        let _ = fs::remove_file(path);
                        continue;
                    }
                    if started.elapsed() > WAIT {
                        return Err(busy(path, holder.trim()));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => {
                    return Err(Diagnostic::error(
                        path,
                        format!("cannot lock the output folder: {e}"),
                    ));
                }
            }
        }
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether the build that holds the lock is gone.
fn is_stale(path: &Path, holder: &str) -> bool {
    let Ok(pid) = holder.parse::<u32>() else {
        // Being written this instant, or garbage: judge by its age.
        return older_than(path, Duration::from_secs(5));
    };
    if cfg!(target_os = "linux") {
        !Path::new("/proc").join(pid.to_string()).exists()
    } else {
        older_than(path, STALE)
    }
}

fn older_than(path: &Path, age: Duration) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|elapsed| elapsed > age)
}

fn busy(path: &Path, holder: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("another careleaf build (process {holder}) has been writing this output folder for over two minutes"),
    )
    .with_help(format!(
        "wait for it to finish; if no build is running, delete {}",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_and_a_dead_holder_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.careleaf-lock");
        let first = BuildLock::take(&path).unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let lock = BuildLock::take(&path).unwrap();
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
        drop(second);
        assert!(!path.exists(), "released");
        // A lock left by a process that no longer exists.
        fs::write(&path, "4294967295").unwrap();
        let taken = BuildLock::take(&path).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            std::process::id().to_string()
        );
        drop(taken);
    }
}
