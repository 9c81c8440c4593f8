//! Benchmark of the live preview: the time from saving a file to the reload event that
//! open pages receive, for a one-page body edit and for a template edit.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example gen_site -- 10000 /tmp/site10k
//! cargo run --release --example bench_serve -- /tmp/site10k [RUNS]
//! CARELEAF=/tmp/careleaf-before cargo run --release --example bench_serve -- /tmp/site10k
//! ```
//! It starts `target/release/careleaf serve` on a free port, listens to the events as a
//! browser does, edits files a second apart and prints min / median / max. On Linux it
//! also prints the server's peak memory once it is ready and at the end. (A benchmark,
//! not a test: the figures depend on the machine.)

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().ok_or("usage: bench_serve SITE [RUNS]")?);
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(10);
    // Another binary (an earlier build, to compare) with CARELEAF=path.
    let binary = std::env::var_os("CARELEAF").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/careleaf"),
        PathBuf::from,
    );
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let started = Instant::now();
    let mut server = Command::new(&binary)
        .args(["serve", "--port", &port.to_string(), "--site"])
        .arg(&site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "first build and start: {} ms",
        started.elapsed().as_millis()
    );
    let events = listen(port)?;
    wait_for(&events, "ok")?;
    report_peak("peak memory when ready", server.id());

    let page = site.join("content/topic-000/condition-000.md");
    // A template edit: the site's own override of the footer (created first if needed).
    let template = site.join("templates/partials/footer.html");
    if !template.exists() {
        std::fs::create_dir_all(site.join("templates/partials"))?;
        let theme = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/partials/footer.html");
        std::fs::copy(theme, &template)?;
        wait_for(&events, "reload")?;
    }
    let body = measure(&events, &page, runs, |text, i| {
        format!("{text}\nEdit number {i}.\n")
    })?;
    report("one-page body edit", &body);
    let full = measure(&events, &template, runs.min(5), |text, i| {
        format!("{text}\n<!-- edit {i} -->\n")
    })?;
    report("template edit", &full);
    report_peak("peak memory after the edits", server.id());
    server.kill()?;
    Ok(())
}

fn measure(
    events: &Receiver<(String, Instant)>,
    file: &Path,
    runs: usize,
    change: impl Fn(&str, usize) -> String,
) -> Result<Vec<Duration>, Box<dyn std::error::Error>> {
    let original = std::fs::read_to_string(file)?;
    let mut times = Vec::new();
    for i in 0..runs {
        let saved = Instant::now();
        std::fs::write(file, change(&original, i))?;
        let arrived = wait_for(events, "reload")?;
        times.push(arrived.duration_since(saved));
        // An author's pause: long enough for the preview to bring its search index
        // up to date (`serve::SEARCH_IDLE` after the last save), as between real saves.
        std::thread::sleep(Duration::from_millis(1000));
    }
    std::fs::write(file, original)?;
    wait_for(events, "reload")?;
    Ok(times)
}

fn report(what: &str, times: &[Duration]) {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    println!(
        "{what}: save to reload event min {:.1} ms, median {median:.1} ms, max {:.1} ms ({} runs)",
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
}

/// The peak resident memory of process `pid` (VmHWM), where `/proc` has it.
fn report_peak(what: &str, pid: u32) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    match status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
        Some(kb) => match kb.trim().trim_end_matches(" kB").parse::<u64>() {
            Ok(kb) => println!("{what}: {} MiB", kb / 1024),
            Err(_) => println!("{what}: unreadable ({kb})"),
        },
        None => println!("{what}: not known on this system"),
    }
}

fn listen(port: u16) -> std::io::Result<Receiver<(String, Instant)>> {
    let (tx, rx) = mpsc::channel();
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    write!(
        stream,
        "GET /__careleaf/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )?;
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ")
                && tx.send((name.to_string(), Instant::now())).is_err()
            {
                return;
            }
        }
    });
    Ok(rx)
}

fn wait_for(
    events: &Receiver<(String, Instant)>,
    name: &str,
) -> Result<Instant, Box<dyn std::error::Error>> {
    loop {
        let (event, at) = events.recv_timeout(Duration::from_secs(120))?;
        if event == name {
            return Ok(at);
        }
    }
}
