//! The preview's HTTP server (axum): the built site from the preview folder, under the
//! site's base path, with the reload script injected into HTML; `404.html` for misses;
//! nothing outside the folder, whatever the request says (`..`, percent-encoding,
//! backslashes, links out of the folder); only loopback `Host` names unless `--bind`
//! says otherwise; a request's headers within [`HEADER_TIMEOUT`].

use std::convert::Infallible;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::broadcast;

use crate::serve::reload::{self, Message};

/// What the server and the rebuild loop share.
pub(crate) struct Shared {
    /// The `Host` names requests may carry.
    pub hosts: Hosts,
    pub out_dir: PathBuf,
    pub base_path: String,
    pub events: broadcast::Sender<Message>,
    /// The state a newly opened page is told first (errors, or ok).
    pub current: Mutex<Message>,
    /// How many times the site has been built; see [`reload`]'s generations.
    pub generation: AtomicU64,
}

impl Shared {
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// A new build is in the preview folder: returns its generation.
    pub(crate) fn next_generation(&self) -> u64 {
        self.generation.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// How long a client may take to send a request's headers. A browser on this computer
/// takes milliseconds; a client that trickles bytes is cut off instead of holding a
/// connection open for ever.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves `router` on `listener` until Ctrl-C. Each connection is HTTP/1.1 with
/// [`HEADER_TIMEOUT`]; Ctrl-C stops at once, even while pages hold their live-reload
/// streams open.
pub(crate) async fn accept(listener: tokio::net::TcpListener, router: Router) {
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let service = TowerToHyperService::new(router.clone());
                tokio::spawn(async move {
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEADER_TIMEOUT)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            _ = &mut stop => return,
        }
    }
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/__careleaf/reload.js",
            get(|| async { text("text/javascript; charset=utf-8", reload::SCRIPT) }),
        )
        .route(
            "/__careleaf/overlay.css",
            get(|| async { text("text/css; charset=utf-8", reload::STYLESHEET) }),
        )
        .route("/__careleaf/events", get(events))
        .fallback(site_file)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            check_host,
        ))
        .with_state(shared)
}

/// Which `Host` names the preview answers. Bound to a loopback address (the default),
/// it answers only loopback names, so a web page elsewhere cannot reach it through a
/// DNS name that points here (DNS rebinding); bound to another address with `--bind`,
/// it answers any.
#[derive(Debug, Clone)]
pub(crate) enum Hosts {
    Loopback { bound: IpAddr, port: u16 },
    Any,
}

impl Hosts {
    pub(crate) fn for_bind(bind: IpAddr, port: u16) -> Hosts {
        if bind.is_loopback() {
            Hosts::Loopback { bound: bind, port }
        } else {
            Hosts::Any
        }
    }

    /// Whether a request with this `Host` header may be answered.
    pub(crate) fn allows(&self, host: Option<&str>) -> bool {
        let Hosts::Loopback { bound, port } = self else {
            return true;
        };
        let Some(host) = host else {
            return false;
        };
        let (name, host_port) = match host.rsplit_once(':') {
            Some((name, p)) if !name.ends_with(':') && p.chars().all(|c| c.is_ascii_digit()) => {
                (name, p.parse::<u16>().ok())
            }
            _ => (host, None),
        };
        if host_port.is_some_and(|p| p != *port) {
            return false;
        }
        let name = name.trim_start_matches('[').trim_end_matches(']');
        name.eq_ignore_ascii_case("localhost")
            || name
                .parse::<IpAddr>()
                .is_ok_and(|ip| ip.is_loopback() || ip == *bound)
    }
}

async fn check_host(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if shared.hosts.allows(host) {
        next.run(request).await
    } else {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "careleaf serve answers only requests for this computer (localhost); use --bind to serve others",
        )
            .into_response()
    }
}

fn text(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.events.subscribe();
    let state = shared
        .current
        .lock()
        .map(|m| m.clone())
        .unwrap_or(Message::Ok);
    // Read after subscribing: a rebuild that ends from here on is also a `reload`.
    let generation = Message::Generation(shared.generation());
    let later = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(message) => return Some((message, receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let messages = stream::iter([generation, state])
        .chain(later)
        .map(|message| {
            let (name, data) = message.event();
            Ok(Event::default().event(name).data(data))
        });
    Sse::new(messages).keep_alive(KeepAlive::default())
}

async fn site_file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path();
    let base = shared.base_path.as_str();
    if base != "/" && (path == "/" || path == base.trim_end_matches('/')) {
        return Redirect::temporary(base).into_response();
    }
    let Some(rel) = path.strip_prefix(base) else {
        return not_found(&shared, shared.generation()).await;
    };
    // Read before the file: the page is at least as new as this generation.
    let generation = shared.generation();
    if !shared.out_dir.join("index.html").is_file() {
        // The first build failed: every page waits for the fix, with the errors over it.
        return respond(
            Path::new("index.html"),
            NOT_BUILT_YET.as_bytes().to_vec(),
            StatusCode::SERVICE_UNAVAILABLE,
            generation,
        );
    }
    let Some(file) = resolve(&shared.out_dir, rel) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => respond(&file, bytes, StatusCode::OK, generation),
        Err(_) => not_found(&shared, generation).await,
    }
}

/// The file `rel` (percent-encoded, `/`-separated) names inside `root`, or `None` if
/// it tries to leave it. A folder means its `index.html`.
pub(crate) fn resolve(root: &Path, rel: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut path = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        match Path::new(part).components().next() {
            Some(Component::Normal(_)) if part != "." && part != ".." => path.push(part),
            _ => return None,
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    // A link inside the folder must not lead out of it.
    let real = path.canonicalize().ok().unwrap_or_else(|| path.clone());
    let root = root.canonicalize().ok()?;
    real.starts_with(&root).then_some(path)
}

/// What every URL shows while the site has never built: the reload script shows the
/// errors over it and reloads it once a save fixes them.
const NOT_BUILT_YET: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>careleaf preview: not built yet</title>\n</head>\n<body>\n<main>\n<h1>The site is not built yet</h1>\n<p>careleaf could not build it: the errors are shown over this page and in the terminal. Fix them and save; this page then shows the site.</p>\n</main>\n</body>\n</html>\n";

async fn not_found(shared: &Shared, generation: u64) -> Response {
    let page = tokio::fs::read(shared.out_dir.join("404.html"))
        .await
        .unwrap_or_else(|_| b"Not found".to_vec());
    respond(
        Path::new("404.html"),
        page,
        StatusCode::NOT_FOUND,
        generation,
    )
}

/// `bytes` of `file` as a response; HTML (read from the site's `generation`) gets the
/// reload script.
fn respond(file: &Path, bytes: Vec<u8>, status: StatusCode, generation: u64) -> Response {
    let content_type = content_type(file);
    let body = if content_type.starts_with("text/html") {
        reload::inject(&String::from_utf8_lossy(&bytes), generation).into_bytes()
    } else {
        bytes
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_hosts_are_answered_on_loopback() {
        let hosts = Hosts::for_bind("127.0.0.1".parse().unwrap(), 1111);
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "127.0.0.1",
        ] {
            assert!(hosts.allows(Some(ok)), "{ok}");
        }
        for refused in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1:2222",
            "192.168.1.5:1111",
        ] {
            assert!(!hosts.allows(Some(refused)), "{refused}");
        }
        assert!(!hosts.allows(None));
        let anywhere = Hosts::for_bind("0.0.0.0".parse().unwrap(), 1111);
        assert!(anywhere.allows(Some("clinic-laptop.local:1111")));
    }

    #[test]
    fn paths_cannot_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "a").unwrap();
        assert!(resolve(dir.path(), "a.html").is_some());
        for bad in [
            "../etc/passwd",
            "%2e%2e/etc/passwd",
            "a/%2E%2E/%2e%2e/x",
            "..%5c..%5cx",
            "x%00",
        ] {
            assert!(resolve(dir.path(), bad).is_none(), "{bad}");
        }
    }
}
