//! Watching the site's files: `content/`, `templates/`, `themes/`, `static/` and
//! `site.yaml`, debounced so that one save (which editors make of several events:
//! write to a temporary file and rename it, delete and re-create, touch a swap file)
//! is one rebuild, and none is missed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

/// How long the watcher waits for a save's events to settle. Short: an author should
/// see the page change before they look up from the editor.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

/// How often `--poll` looks at the files (network drives and WSL, where the system
/// does not report changes).
pub const POLL: Duration = Duration::from_millis(300);

/// The debounced watcher: keep it alive while watching.
pub enum Watcher {
    /// The system's change notifications.
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    /// Looking at the files every [`POLL`].
    Poll(Debouncer<notify::PollWatcher, RecommendedCache>),
}

impl Watcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        }
    }
}

/// The folders watched, relative to the site root (when they exist).
pub const WATCHED: [&str; 4] = ["content", "templates", "themes", "static"];

/// Starts watching a folder (one of [`WATCHED`]) created after the preview started.
pub fn watch_new_folder(debouncer: &mut Watcher, root: &Path, path: &Path) {
    let top_level = path.parent() == Some(root) && path.is_dir();
    if top_level {
        let _ = debouncer.watch(path, RecursiveMode::Recursive);
    }
}

/// Starts watching `root`; every settled batch of changed paths (swap files and the
/// like left out) is sent on `changes`. Keep the returned debouncer alive.
pub fn watch(
    root: &Path,
    content_dir: &Path,
    changes: Sender<Vec<PathBuf>>,
    poll: bool,
) -> notify::Result<Watcher> {
    let root_for_filter = root.to_path_buf();
    let content_for_filter = content_dir.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| changes_content(&e.kind))
            .flat_map(|e| e.paths.iter())
            .filter(|p| {
                is_site_file(&root_for_filter, p) || is_content_file(&content_for_filter, p)
            })
            .cloned()
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let _ = changes.send(paths);
        }
    };
    let mut debouncer = if poll {
        let config = notify::Config::default().with_poll_interval(POLL);
        Watcher::Poll(debouncer(handler, config)?)
    } else {
        Watcher::Native(debouncer(handler, notify::Config::default())?)
    };
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    if content_dir != root.join("content") && content_dir.is_dir() {
        debouncer.watch(content_dir, RecursiveMode::Recursive)?;
    }
    // The root itself, not recursively: site.yaml, and folders created later.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    Ok(debouncer)
}

/// A debouncer of `W` events (the system's, or polling) that hands settled batches
/// to `handler`.
fn debouncer<W: notify::Watcher>(
    handler: impl notify_debouncer_full::DebounceEventHandler,
    config: notify::Config,
) -> notify::Result<Debouncer<W, RecommendedCache>> {
    let tick = Some(Duration::from_millis(5));
    new_debouncer_opt(DEBOUNCE, tick, handler, RecommendedCache::new(), config)
}

/// Reading a file (as every build does) is an event too: only writes, creations,
/// removals and renames are changes.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// A file in a content folder outside the site folder (`content_dir` in site.yaml).
fn is_content_file(content_dir: &Path, path: &Path) -> bool {
    path.starts_with(content_dir)
        && path
            .file_name()
            .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
}

/// A file whose change can change the site: in a watched folder or `site.yaml`, and
/// not an editor's temporary file (`.x.swp`, `x~`, `.#x`, `4913`, `x.tmp`).
pub fn is_site_file(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let temporary = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    if temporary {
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

#[cfg(test)]
mod tests {
    use super::*;

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
            "/site/public/index.html",
            "/site/README.md",
        ] {
            assert!(!is_site_file(root, Path::new(ignored)), "{ignored}");
        }
    }
}
