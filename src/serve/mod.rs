//! `careleaf serve`: the live preview. It builds the site into a preview folder
//! (`.careleaf-serve/`, never `public/`), serves it on the loopback address, watches
//! the site's files and, on each save, rebuilds only what the save touches and tells
//! open pages to reload — or shows the errors over the page while the last good
//! version stays served. The server never exits on a content error.

pub(crate) mod live;
pub(crate) mod reload;
pub(crate) mod server;
pub(crate) mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, print};
use live::{LiveSite, Rebuild};
use reload::Message;
use server::Shared;

/// The preview folder, inside the site (and git-ignored).
pub(crate) const PREVIEW_DIR: &str = ".careleaf-serve";

#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub site: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    pub drafts: bool,
    /// The address whose path the preview serves under, instead of site.yaml's.
    pub base_url: Option<String>,
    /// Look at the files every moment instead of waiting for the system to say.
    pub poll: bool,
    /// Print only errors.
    pub quiet: bool,
}

/// Runs the preview until Ctrl-C. Fails only if it cannot start (the port is taken).
pub(crate) fn serve(options: &ServeOptions) -> Result<(), Diagnostic> {
    QUIET.store(options.quiet, std::sync::atomic::Ordering::Relaxed);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error("serve", format!("cannot start the server: {e}")))?;
    runtime.block_on(run(options))
}

async fn run(options: &ServeOptions) -> Result<(), Diagnostic> {
    let root = options
        .site
        .canonicalize()
        .unwrap_or_else(|_| options.site.clone());
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .await
        .map_err(|e| {
            Diagnostic::error(
                "serve",
                format!("cannot listen on {}:{}: {e}", options.bind, options.port),
            )
            .with_help("another program may be using this port: try --port 1112")
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::error("serve", e.to_string()))?;
    // Problems in site.yaml are reported by the first build, just below.
    let config = Config::load(&root, &mut Diagnostics::default()).ok();
    let base_path = match &options.base_url {
        Some(url) => crate::config::split_base_url(url)
            .map(|(_, path)| path)
            .map_err(|help| {
                Diagnostic::error("--base-url", format!("`{url}` is not a usable base URL"))
                    .with_help(help)
            })?,
        None => config
            .as_ref()
            .map_or_else(|| "/".to_string(), |c| c.base_path.clone()),
    };
    let content_dir = config
        .as_ref()
        .map_or_else(|| root.join("content"), |c| c.content_dir(&root));
    let content_dir = content_dir.canonicalize().unwrap_or(content_dir);
    let url = format!("http://{address}{base_path}");
    let out_dir = root.join(PREVIEW_DIR);
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        hosts: server::Hosts::for_bind(options.bind, address.port()),
        out_dir: out_dir.clone(),
        base_path,
        events,
        current: Mutex::new(Message::Ok),
        generation: AtomicU64::new(0),
    });

    let live = match LiveSite::load(&root, &out_dir, &url, options.drafts) {
        Ok((live, first)) => {
            report(&first, "Built");
            Some(live)
        }
        Err(diagnostics) => {
            print(&diagnostics);
            publish(&shared, Message::errors(&diagnostics));
            None
        }
    };
    let (changes_tx, changes_rx) = mpsc::channel();
    let watcher = watch::watch(&root, &content_dir, changes_tx, options.poll)
        .map_err(|e| Diagnostic::error("serve", format!("cannot watch the site's files: {e}")))?;
    let rebuild_shared = Arc::clone(&shared);
    let (rebuild_root, drafts, rebuild_url) = (root.clone(), options.drafts, url.clone());
    std::thread::spawn(move || {
        rebuild_loop(
            live,
            watcher,
            &rebuild_root,
            &rebuild_url,
            drafts,
            &changes_rx,
            &rebuild_shared,
        )
    });

    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    if options.open {
        open_browser(&url);
    }
    server::accept(listener, server::router(shared)).await;
    Ok(())
}

/// How long the preview waits, after a rebuild, for the next save before it brings
/// the search index and the editors' page up to date. They are rebuilt from every page
/// (a few hundred milliseconds at 10,000 pages), so a save is never kept waiting behind
/// them while the author is at work; the page the author is looking at is never stale.
pub(crate) const SEARCH_IDLE: Duration = Duration::from_millis(400);

/// Waits for changes and rebuilds, one batch at a time (changes that arrive during a
/// rebuild are handled together by the next one). Once no change has come for
/// [`SEARCH_IDLE`], the search index and the editors' page are refreshed.
fn rebuild_loop(
    mut live: Option<LiveSite>,
    mut watcher: watch::Watcher,
    root: &Path,
    url: &str,
    drafts: bool,
    changes: &mpsc::Receiver<Vec<PathBuf>>,
    shared: &Shared,
) {
    let out_dir = root.join(PREVIEW_DIR);
    let mut search_stale = false;
    loop {
        let received = if search_stale {
            changes.recv_timeout(SEARCH_IDLE)
        } else {
            changes
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
        };
        let mut batch = match received {
            Ok(batch) => batch,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                search_stale = false;
                if let Some(Err(diagnostics)) = live.as_mut().map(LiveSite::refresh_search) {
                    print(&diagnostics);
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        while let Ok(more) = changes.try_recv() {
            batch.extend(more);
        }
        batch.sort();
        batch.dedup();
        for path in &batch {
            watch::watch_new_folder(&mut watcher, root, path);
        }
        let result = match live.as_mut() {
            Some(site) => site.apply(&batch),
            None => LiveSite::load(root, &out_dir, url, drafts).map(|(site, first)| {
                live = Some(site);
                first
            }),
        };
        match result {
            Ok(rebuild) => {
                report(&rebuild, "Rebuilt");
                let generation = shared.next_generation();
                let was_failing = shared
                    .current
                    .lock()
                    .map(|m| *m != Message::Ok)
                    .unwrap_or(false);
                if was_failing {
                    publish(shared, Message::Ok);
                }
                publish(
                    shared,
                    Message::Reload {
                        css_only: rebuild.css_only,
                        generation,
                    },
                );
                search_stale = !rebuild.search_current;
            }
            Err(diagnostics) => {
                print(&diagnostics);
                eprintln!("The last good version is still served.");
                publish(shared, Message::errors(&diagnostics));
            }
        }
    }
}

fn publish(shared: &Shared, message: Message) {
    if matches!(message, Message::Ok | Message::Errors(_))
        && let Ok(mut current) = shared.current.lock()
    {
        *current = message.clone();
    }
    let _ = shared.events.send(message);
}

/// The terminal line for a rebuild: what changed, pages rendered, time taken.
/// `--quiet`: the terminal shows only errors.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn report(rebuild: &Rebuild, verb: &str) {
    if QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    print(&rebuild.warnings);
    let changed = match rebuild.changed.as_slice() {
        [] => String::new(),
        [one] => format!(" ({})", one.display()),
        [first, rest @ ..] => format!(" ({} and {} more)", first.display(), rest.len()),
    };
    let pages = crate::diagnostics::count(rebuild.pages, "page");
    println!(
        "{verb} {pages} in {} ms{changed}",
        rebuild.elapsed.as_millis()
    );
}

fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        // `start` is a command of cmd.exe; its first quoted argument is a window title.
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    if command.arg(url).spawn().is_err() {
        println!("Open {url} in your browser.");
    }
}
