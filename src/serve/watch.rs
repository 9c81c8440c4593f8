//! Watching the site's files: `content/`, `templates/`, `themes/`, `static/` and
//! `site.yaml`. One save is several events (an editor truncates and writes, or writes
//! a temporary file and renames it, or deletes and re-creates); they are gathered into
//! one batch of changed paths, handed over once the files have *settled*:
//!
//! - [`SETTLED`] after the last event, when every changed file's last event says it is
//!   whole: written and closed, or renamed into place (Linux reports both). A save is
//!   then on screen about as fast as it can be rebuilt.
//! - [`DEBOUNCE`] after the last event otherwise (a file still open for writing, a
//!   deletion that may be followed by re-creation, or systems and `--poll`, which do
//!   not report a close).
//!
//! Nothing runs while nothing changes: the settling thread waits on the events, with no
//! timer ticking in between.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
use notify::{Event, RecursiveMode};

/// How long the watcher waits for more events when a file may not be whole yet.
/// Short: an author should see the page change before they look up from the editor.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(15);

/// How long the watcher waits for more events once every changed file is whole
/// (written and closed, or renamed into place): long enough to gather the files of one
/// "save all".
pub(crate) const SETTLED: Duration = Duration::from_millis(2);

/// How often `--poll` looks at the files (network drives and WSL, where the system
/// does not report changes).
pub(crate) const POLL: Duration = Duration::from_millis(300);

/// The watcher: keep it alive while watching (dropping it ends the settling thread).
pub(crate) enum Watcher {
    /// The system's change notifications.
    Native(notify::RecommendedWatcher),
    /// Looking at the files every [`POLL`].
    Poll(notify::PollWatcher),
}

impl Watcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        use notify::Watcher as _;
        match self {
            Watcher::Native(w) => w.watch(path, mode),
            Watcher::Poll(w) => w.watch(path, mode),
        }
    }
}

/// The folders watched, relative to the site root (when they exist).
pub(crate) const WATCHED: [&str; 4] = ["content", "templates", "themes", "static"];

/// Starts watching a folder (one of [`WATCHED`]) created after the preview started.
pub(crate) fn watch_new_folder(watcher: &mut Watcher, root: &Path, path: &Path) {
    let top_level = path.parent() == Some(root) && path.is_dir();
    if top_level {
        let _ = watcher.watch(path, RecursiveMode::Recursive);
    }
}

/// Starts watching `root`; every settled batch of changed paths (swap files and the
/// like left out) is sent on `changes`. Keep the returned watcher alive.
pub(crate) fn watch(
    root: &Path,
    content_dir: &Path,
    changes: Sender<Vec<PathBuf>>,
    poll: bool,
) -> notify::Result<Watcher> {
    let (events, raw) = mpsc::channel();
    let mut watcher = if poll {
        let config = notify::Config::default().with_poll_interval(POLL);
        Watcher::Poll(notify::Watcher::new(events, config)?)
    } else {
        Watcher::Native(notify::Watcher::new(events, notify::Config::default())?)
    };
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    if content_dir != root.join("content") && content_dir.is_dir() {
        watcher.watch(content_dir, RecursiveMode::Recursive)?;
    }
    // The root itself, not recursively: site.yaml, and folders created later.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let filter = Filter {
        root: root.to_path_buf(),
        content_dir: content_dir.to_path_buf(),
    };
    std::thread::Builder::new()
        .name("careleaf watcher".into())
        .spawn(move || settle(&raw, &filter, &changes))?;
    Ok(watcher)
}

/// Which paths are the site's (see [`is_site_file`]).
struct Filter {
    root: PathBuf,
    content_dir: PathBuf,
}

impl Filter {
    fn keeps(&self, path: &Path) -> bool {
        is_site_file(&self.root, path) || is_content_file(&self.content_dir, path)
    }
}

/// Gathers events into batches and sends each once its files have settled, until
/// the watcher (the events' sender) or the receiver of `changes` is gone.
fn settle(raw: &Receiver<notify::Result<Event>>, filter: &Filter, changes: &Sender<Vec<PathBuf>>) {
    let mut pending = Pending::default();
    loop {
        let received = match pending.deadline() {
            None => raw.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(deadline) => raw.recv_timeout(deadline.saturating_duration_since(Instant::now())),
        };
        match received {
            Ok(Ok(event)) => pending.add(&event, filter, Instant::now()),
            // Events were lost (the system's queue overflowed): load everything again.
            Ok(Err(_)) => pending.rescan(filter, Instant::now()),
            Err(RecvTimeoutError::Timeout) => {
                if changes.send(pending.take()).is_err() {
                    return;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// The changed paths not yet handed over, each with whether it is whole.
#[derive(Debug, Default)]
struct Pending {
    paths: BTreeMap<PathBuf, bool>,
    last: Option<Instant>,
}

impl Pending {
    /// Notes `event` (received at `now`), if it changes one of the site's files.
    fn add(&mut self, event: &Event, filter: &Filter, now: Instant) {
        if event.need_rescan() {
            return self.rescan(filter, now);
        }
        let whole: &dyn Fn(usize) -> bool = match &event.kind {
            // Written and closed.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => &|_| true,
            // Reading is an event too (every build reads), and so is a change of
            // permissions or times: neither changes the site.
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return,
            // Renamed into place: `[from, to]`, or the "to" half alone.
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => &|i| i == 1,
            EventKind::Modify(ModifyKind::Name(RenameMode::To)) => &|_| true,
            _ => &|_| false,
        };
        let mut kept = false;
        for (i, path) in event.paths.iter().enumerate() {
            if filter.keeps(path) {
                self.paths.insert(path.clone(), whole(i));
                kept = true;
            }
        }
        if kept {
            self.last = Some(now);
        }
    }

    /// Events were lost: the root stands for "every file" (the preview loads the
    /// whole site again for any path that is not a page's Markdown).
    fn rescan(&mut self, filter: &Filter, now: Instant) {
        self.paths.insert(filter.root.clone(), false);
        self.last = Some(now);
    }

    /// When to hand the batch over, if there is one.
    fn deadline(&self) -> Option<Instant> {
        let last = self.last?;
        let settled = self.paths.values().all(|&whole| whole);
        Some(last + if settled { SETTLED } else { DEBOUNCE })
    }

    fn take(&mut self) -> Vec<PathBuf> {
        self.last = None;
        std::mem::take(&mut self.paths).into_keys().collect()
    }
}

/// A file in a content folder outside the site folder (`content_dir` in site.yaml),
/// not an editor's temporary file.
fn is_content_file(content_dir: &Path, path: &Path) -> bool {
    path.starts_with(content_dir) && path.file_name().is_some_and(|n| !is_temporary(n))
}

/// A file whose change can change the site: in a watched folder or `site.yaml`, and
/// not an editor's temporary file.
pub(crate) fn is_site_file(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    if path.file_name().is_none_or(is_temporary) {
        return false;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    match first.as_deref() {
        Some("site.yaml") => rel.components().count() == 1,
        // A watched folder itself counts too: it may have been created (or deleted).
        Some(dir) => WATCHED.contains(&dir),
        None => false,
    }
}

/// An editor's temporary file (`.x.swp`, `x~`, `.#x`, `4913`, `x.tmp`, and JetBrains'
/// `x___jb_tmp___` and `x___jb_old___`), or any hidden file.
fn is_temporary(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};

    fn filter() -> Filter {
        Filter {
            root: PathBuf::from("/site"),
            content_dir: PathBuf::from("/site/content"),
        }
    }

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths
            .iter()
            .fold(Event::new(kind), |e, p| e.add_path(PathBuf::from(p)))
    }

    const PAGE: &str = "/site/content/a.md";
    const WRITTEN: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSED: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));

    #[test]
    fn a_file_written_and_closed_is_handed_over_at_once() {
        let (mut pending, start) = (Pending::default(), Instant::now());
        assert_eq!(pending.deadline(), None, "nothing to wait for");
        pending.add(&event(WRITTEN, &[PAGE]), &filter(), start);
        assert_eq!(pending.deadline(), Some(start + DEBOUNCE), "still open");
        let closed = start + Duration::from_millis(1);
        pending.add(&event(CLOSED, &[PAGE]), &filter(), closed);
        assert_eq!(pending.deadline(), Some(closed + SETTLED));
        assert_eq!(pending.take(), vec![PathBuf::from(PAGE)]);
        assert_eq!(pending.deadline(), None);
    }

    #[test]
    fn a_save_by_rename_is_whole_when_renamed_into_place() {
        let (mut pending, now) = (Pending::default(), Instant::now());
        // The temporary file's own events are not the site's.
        let temp = "/site/content/.a.md.tmp";
        pending.add(
            &event(EventKind::Create(CreateKind::File), &[temp]),
            &filter(),
            now,
        );
        pending.add(&event(CLOSED, &[temp]), &filter(), now);
        assert_eq!(pending.deadline(), None);
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        pending.add(&event(renamed, &[temp, PAGE]), &filter(), now);
        assert_eq!(pending.deadline(), Some(now + SETTLED));
        assert_eq!(pending.take(), vec![PathBuf::from(PAGE)]);

        // JetBrains' safe write: the page moved aside, the new text renamed into place,
        // the old one deleted. One change of the page, whole at once.
        let (old, new) = (
            "/site/content/a.md___jb_old___",
            "/site/content/a.md___jb_tmp___",
        );
        let from = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        pending.add(&event(from, &[PAGE]), &filter(), now);
        pending.add(&event(renamed, &[PAGE, old]), &filter(), now);
        pending.add(&event(renamed, &[new, PAGE]), &filter(), now);
        let removed = EventKind::Remove(notify::event::RemoveKind::File);
        pending.add(&event(removed, &[old]), &filter(), now);
        assert_eq!(pending.deadline(), Some(now + SETTLED));
        assert_eq!(pending.take(), vec![PathBuf::from(PAGE)]);
    }

    #[test]
    fn one_file_still_open_or_removed_keeps_the_batch_waiting() {
        let (mut pending, now) = (Pending::default(), Instant::now());
        pending.add(&event(WRITTEN, &["/site/content/b.md"]), &filter(), now);
        pending.add(&event(CLOSED, &[PAGE]), &filter(), now);
        assert_eq!(
            pending.deadline(),
            Some(now + DEBOUNCE),
            "b.md is still open"
        );

        // A removal may be the first half of a delete-and-re-create save.
        let mut pending = Pending::default();
        let removed = EventKind::Remove(RemoveKind::File);
        pending.add(&event(removed, &[PAGE]), &filter(), now);
        assert_eq!(pending.deadline(), Some(now + DEBOUNCE));
        let later = now + Duration::from_millis(3);
        pending.add(
            &event(EventKind::Create(CreateKind::File), &[PAGE]),
            &filter(),
            later,
        );
        pending.add(&event(CLOSED, &[PAGE]), &filter(), later);
        assert_eq!(
            pending.deadline(),
            Some(later + SETTLED),
            "re-created whole"
        );
        assert_eq!(pending.take(), vec![PathBuf::from(PAGE)], "one change");
    }

    #[test]
    fn reading_and_touching_are_not_changes_and_lost_events_reload_everything() {
        let (mut pending, now) = (Pending::default(), Instant::now());
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let touched = EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any));
        pending.add(&event(read, &[PAGE]), &filter(), now);
        pending.add(&event(touched, &[PAGE]), &filter(), now);
        pending.add(
            &event(WRITTEN, &["/site/public/index.html"]),
            &filter(),
            now,
        );
        assert_eq!(pending.deadline(), None);

        let lost = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        pending.add(&lost, &filter(), now);
        assert_eq!(pending.deadline(), Some(now + DEBOUNCE));
        assert_eq!(pending.take(), vec![PathBuf::from("/site")]);
        assert!(matches!(
            crate::serve::live::ChangeKind::of(
                &[PathBuf::from("/site")],
                Path::new("/site/content")
            ),
            crate::serve::live::ChangeKind::Site
        ));
    }

    #[test]
    fn editor_temporary_files_are_ignored() {
        let root = Path::new("/site");
        assert!(
            is_site_file(root, Path::new("/site/templates")),
            "a new templates/ folder"
        );
        assert!(is_site_file(root, Path::new("/site/content/a.md")));
        assert!(is_site_file(root, Path::new("/site/site.yaml")));
        assert!(is_site_file(
            root,
            Path::new("/site/themes/default/static/style.css")
        ));
        for ignored in [
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/.#a.md",
            "/site/content/a.md___jb_tmp___",
            "/site/content/a.md___jb_old___",
            "/site/public/index.html",
            "/site/README.md",
        ] {
            assert!(!is_site_file(root, Path::new(ignored)), "{ignored}");
            // Nor is it kept as a file of the content folder (here, the site's own).
            assert!(!filter().keeps(Path::new(ignored)), "{ignored}");
        }
    }
}
