//! `careleaf serve` over real HTTP: a temporary copy of the example site (whose
//! `base_url` has the subpath `/careleaf/`), the real binary on a free port, a page
//! fetched, files edited the way editors save them, the reload events and the error
//! overlay's payload observed, and requests that try to leave the site refused.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::common::*;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(site: &Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["serve", "--port", &port.to_string(), "--site"])
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start careleaf serve");
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// A plain HTTP/1.1 GET: (status, body). `path` is sent as it is (no normalising).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The server-sent events, as (event, data) pairs, read on a thread.
fn events(port: u16) -> Receiver<(String, String)> {
    let (tx, rx) = mpsc::channel();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__careleaf/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ")
                && tx.send((event.clone(), data.to_string())).is_err()
            {
                return;
            }
        }
    });
    rx
}

fn next_event(rx: &Receiver<(String, String)>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((event, data)) if event == name => return data,
            Ok(_) => continue,
            Err(_) => panic!("no `{name}` event"),
        }
    }
}

/// Waits (up to 10 s) until `done`, or fails saying `what` never happened.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Saves like many editors do: write a temporary file, then rename it over the original.
fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

const PAGE: &str = "/careleaf/early-pregnancy-bleeding/miscarriage/";

#[test]
fn serves_edits_errors_and_nothing_outside_the_site() {
    let site = example_site();
    let server = start(site.path());
    let port = server.port;

    let (status, html) = get(port, PAGE);
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Miscarriage</h1>"));
    assert!(
        html.contains(
            "<script src=\"/__careleaf/reload.js\" data-generation=\"0\" defer></script>"
        ),
        "reload script injected, with the build the page was read from"
    );
    assert!(
        !read(
            &site
                .path()
                .join(".careleaf-serve/early-pregnancy-bleeding/miscarriage/index.html")
        )
        .contains("__careleaf"),
        "the script is injected when served, not written"
    );
    let (status, redirect) = get(port, "/");
    assert_eq!(status, 307, "{redirect}");
    let (status, script) = get(port, "/__careleaf/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource('/__careleaf/events')"));

    let rx = events(port);
    assert_eq!(next_event(&rx, "generation"), "0");
    assert_eq!(next_event(&rx, "ok"), "{}");

    // An edit saved by write-then-rename reloads the page with the new text.
    let file = site
        .path()
        .join("content/early-pregnancy-bleeding/miscarriage.md");
    let original = read(&file);
    save_by_rename(
        &file,
        &original.replace("Miscarriage is common.", "Miscarriage is sadly common."),
    );
    assert_eq!(
        next_event(&rx, "reload"),
        "{\"css_only\":false,\"generation\":1}"
    );
    let (_, html) = get(port, PAGE);
    assert!(html.contains("Miscarriage is sadly common."));
    assert!(html.contains("data-generation=\"1\""));
    // A page still loading when that `reload` went out (served from build 0) hears,
    // when its stream opens, that the site is at build 1, and reloads.
    assert_eq!(next_event(&events(port), "generation"), "1");
    // The search index follows, once the author has stopped saving for a moment.
    // (The example site is small enough that its terms are in one file.)
    let shard = "/careleaf/search/t.json";
    assert!(
        get(port, "/careleaf/search/index.json")
            .1
            .contains("\"split\":false")
    );
    eventually("the search index learns the new word", || {
        get(port, shard).1.contains("\"sadly\":")
    });

    // An invalid edit: the overlay's payload, and the last good page still served.
    save_by_rename(
        &file,
        &original.replace("urgency: urgent", "urgency: urgnt"),
    );
    let errors: serde_json::Value = serde_json::from_str(&next_event(&rx, "errors")).unwrap();
    let first = &errors[0];
    assert_eq!(
        first["file"],
        "content/early-pregnancy-bleeding/miscarriage.md"
    );
    assert_eq!(first["line"], 4);
    assert_eq!(first["source_line"], "urgency: urgnt");
    assert!(
        first["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `urgent`?")
    );
    assert!(
        get(port, PAGE).1.contains("Miscarriage is sadly common."),
        "the last good build stays served"
    );

    // Fixing it clears the overlay and reloads.
    save_by_rename(&file, &original);
    assert_eq!(next_event(&rx, "ok"), "{}");
    next_event(&rx, "reload");
    assert!(get(port, PAGE).1.contains("Miscarriage is common."));

    // Deleting a page nobody links to rebuilds, and the page is gone.
    let about = site.path().join("content/about.md");
    std::fs::write(
        site.path().join("content/_index.md"),
        read(&site.path().join("content/_index.md")).replace(
            "Read [about this site](@/about.md) to learn who wrote it and how it\nis checked.",
            "",
        ),
    )
    .unwrap();
    next_event(&rx, "reload");
    std::fs::remove_file(&about).unwrap();
    next_event(&rx, "reload");
    assert_eq!(get(port, "/careleaf/about/").0, 404);

    // A stylesheet change swaps stylesheets without a reload.
    let css = site.path().join("themes/default/static/style.css");
    std::fs::write(&css, read(&css) + "\n.x { color: red; }\n").unwrap();
    assert!(next_event(&rx, "reload").starts_with("{\"css_only\":true,"));

    // A templates/ folder created while serving is watched: an override appears.
    assert!(!site.path().join("templates").exists());
    std::fs::create_dir_all(site.path().join("templates/partials")).unwrap();
    std::fs::write(
        site.path().join("templates/partials/footer.html"),
        "<footer>Clinic footer</footer>\n",
    )
    .unwrap();
    next_event(&rx, "reload");
    eventually("the new template is picked up", || {
        get(port, PAGE).1.contains("<footer>Clinic footer</footer>")
    });

    // Nothing outside the preview folder.
    for path in [
        "/careleaf/../Cargo.toml",
        "/careleaf/%2e%2e/site.yaml",
        "/careleaf/%2E%2E%2F%2E%2E%2Fsite.yaml",
        "/careleaf/..%5csite.yaml",
        "/careleaf/%00",
        "/site.yaml",
    ] {
        let (status, body) = get(port, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("base_url:"), "{path} leaked site.yaml");
    }
}

/// The status of a GET with this `Host` header.
fn status_with_host(port: u16, host: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {PAGE} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn answers_only_this_computer_and_stops_on_ctrl_c_with_a_page_open() {
    let site = example_site();
    let mut server = start(site.path());
    let port = server.port;
    assert_eq!(status_with_host(port, &format!("127.0.0.1:{port}")), 200);
    assert_eq!(status_with_host(port, &format!("localhost:{port}")), 200);
    assert_eq!(
        status_with_host(port, &format!("rebound.example:{port}")),
        421,
        "a DNS name that points here is refused (DNS rebinding)"
    );
    // A page holds the live-reload stream open; Ctrl-C still stops the server.
    let rx = events(port);
    next_event(&rx, "ok");
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if server.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "Ctrl-C did not stop the server");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_request_that_never_finishes_its_headers_is_cut_off() {
    let site = example_site();
    let server = start(site.path());
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(stream, "GET {PAGE} HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(12),
        "the connection was held for {:?}",
        started.elapsed()
    );
    // The server still answers others.
    assert_eq!(get(server.port, PAGE).0, 200);
}
