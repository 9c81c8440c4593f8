//! The preview's HTTP server (axum): the built site from the preview folder, under the
//! site's base path, with the reload script injected into HTML; `404.html` for misses;
//! nothing outside the folder, whatever the request says (`..`, percent-encoding,
//! backslashes, links out of the folder).

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;

use crate::serve::reload::{self, Message};

/// What the server and the rebuild loop share.
pub struct Shared {
    pub out_dir: PathBuf,
    pub base_path: String,
    pub events: broadcast::Sender<Message>,
    /// The state a newly opened page is told first (errors, or ok).
    pub current: Mutex<Message>,
}

pub fn router(shared: Arc<Shared>) -> Router {
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
        .with_state(shared)
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
    let first = shared
        .current
        .lock()
        .map(|m| m.clone())
        .unwrap_or(Message::Ok);
    let later = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(message) => return Some((message, receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let messages = stream::once(async move { first })
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
        return not_found(&shared).await;
    };
    let Some(file) = resolve(&shared.out_dir, rel) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => respond(&file, bytes, StatusCode::OK),
        Err(_) => not_found(&shared).await,
    }
}

/// The file `rel` (percent-encoded, `/`-separated) names inside `root`, or `None` if
/// it tries to leave it. A folder means its `index.html`.
pub fn resolve(root: &Path, rel: &str) -> Option<PathBuf> {
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

async fn not_found(shared: &Shared) -> Response {
    let page = tokio::fs::read(shared.out_dir.join("404.html"))
        .await
        .unwrap_or_else(|_| b"Not found".to_vec());
    respond(Path::new("404.html"), page, StatusCode::NOT_FOUND)
}

fn respond(file: &Path, bytes: Vec<u8>, status: StatusCode) -> Response {
    let content_type = content_type(file);
    let body = if content_type.starts_with("text/html") {
        reload::inject(&String::from_utf8_lossy(&bytes)).into_bytes()
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
