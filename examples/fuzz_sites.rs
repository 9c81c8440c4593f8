//! Builds and checks many mutated copies of the test sites, as an unlucky admin or an
//! attacker would make them, and counts what must never happen: a panic, a hang, a
//! failed build that touched the last good `public/` or any file of the site, and a
//! site that `check` passes and `build` refuses (or the other way round).
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example fuzz_sites -- 3000 42    # sites, seed
//! ```
//!
//! Prints the counts, and each bad case with its seed and mutations, so it can be made
//! again: `cargo run --release --example fuzz_sites -- 1 SEED`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A run longer than this is a hang.
const LIMIT: Duration = Duration::from_secs(60);

/// What content files may get (a line each, inserted anywhere).
const CONTENT_SNIPPETS: &[&str] = &[
    "<a href=\"jav&#x61;script:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<img src=\"https://tracker.example/p.gif\" alt=\"\">",
    "## Heading {#x onmouseover=alert(1)}",
    "## Link {href=javascript:alert(1)}",
    "<div\nonclick=\"alert(1)\">x</div>",
    "[broken](@/nope.md)",
    "[care](care:urgnt)",
    "Call [now](care:emergency).",
    "```rust\nfn main() {}",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "\ttabbed: line",
    "  - Heavy bleeding\n - Severe pain",
    "reviewed: { by: \"\", on: 2026-13-45 }",
    "urgency: urgnt",
    "draft: true",
    "title:",
    "---",
    "<script>alert(1)</script>",
    "<iframe src=\"//evil.example/\"></iframe>",
    "![scan](https://tracker.example/x.png)",
    "![](/img/none.png)",
    "Call 555 0100 555 0101 or 999.",
    "{{ page.title }} {% if %}",
    "> [!WARNING]\n> Care.",
];

/// What `site.yaml` may get.
const CONFIG_SNIPPETS: &[&str] = &[
    "base_url: https://example.org//evil.example/",
    "base_url: /x/",
    "embeds: [\"http://x\"]",
    "embeds: [\"https://www.youtube-nocookie.com\"]",
    "raw_html: all",
    "raw_html: maybe",
    "language: zh",
    "languages: [en, zh]",
    "theme: nope",
    "brand:\n  colors: { primary: #5c2d91 }",
    "care_levels:\n  emergency: { action: Call, phone: \"999 112\" }",
    "care_levels:\n  urgent: { action: Call, phone: \"+44 (0)20 7946 0000\" }",
    "services: { a: { name: A, phone: \"1\" } }",
    "content_dir: ../..",
    "title: [a",
];

/// Files a site may get (path, contents).
const EXTRA_FILES: &[(&[u8], &[u8])] = &[
    (b"static/index.html", b"<h1>not home</h1>"),
    (b"static/#autosave#", b"x"),
    (b"static/Thumbs.db", b"x"),
    (b"static/desktop.ini", b"x"),
    (b"static/topic/condition/index.html", b"x"),
    (b"static/scan-\xff.png", b"png"),
    (b"content/search.md", b"---\ntitle: Search\n---\nx\n"),
    (
        b"content/topic/check.md",
        b"---\ntitle: Check\nsummary: x.\n---\nx\n",
    ),
    (b"content/topic/bad.md", b"---\ntitle: \xff\n---\n"),
    (
        b"templates/page.html",
        b"{% extends \"base.html\" %}{% block main %}{{ nope }}{% endblock main %}",
    ),
    (b"templates/base.html", b"{% if %}"),
    (b"templates/README.md", b"{{ not a template }}"),
    (b"content/topic/empty.md", b""),
];

/// splitmix64: a small seeded generator, so that every case can be made again.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/careleaf");
    assert!(bin.is_file(), "build it first: cargo build --release");
    let fixtures = [
        root.join("tests/fixtures/minimal"),
        root.join("tests/fixtures/rtl"),
    ];
    let counts: Mutex<BTreeMap<&str, usize>> = Mutex::new(BTreeMap::new());
    let bad: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        break;
                    }
                    let case_seed = seed.wrapping_mul(1_000_003).wrapping_add(i as u64);
                    let fixture = &fixtures[i % fixtures.len()];
                    let (outcome, story) = one_case(&bin, fixture, case_seed);
                    *counts.lock().unwrap().entry(outcome).or_default() += 1;
                    if !matches!(outcome, "both passed" | "both failed") {
                        bad.lock()
                            .unwrap()
                            .push(format!("{outcome}: seed {case_seed}: {story}"));
                    }
                }
            });
        }
    });
    for line in bad.lock().unwrap().iter() {
        println!("{line}");
    }
    println!(
        "{count} sites in {:.0} s (seed {seed}):",
        started.elapsed().as_secs_f64()
    );
    for (outcome, n) in counts.lock().unwrap().iter() {
        println!("  {outcome}: {n}");
    }
}

/// Makes one mutated site, builds it once unmutated (the last good site), then checks
/// and builds the mutated one. Returns what happened, and the mutations.
fn one_case(bin: &Path, fixture: &Path, seed: u64) -> (&'static str, String) {
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path();
    copy_dir(fixture, site);
    let good = run(bin, &["build", "-q"], site);
    if good.code != Some(0) {
        return ("fixture does not build", good.stderr);
    }
    let public_before = snapshot(&site.join("public"));
    let mut story = Vec::new();
    for _ in 0..1 + rng.below(3) {
        story.push(mutate(site, &mut rng));
    }
    let site_before = snapshot_site(site);
    let check = run(bin, &["check", "--today", "2026-12-05"], site);
    let build = run(bin, &["build", "-q"], site);
    let story = story.join("; ");
    for r in [&check, &build] {
        if r.timed_out {
            return ("hang", story);
        }
        if r.code == Some(101) || r.stderr.contains("panicked at") {
            return ("panic", format!("{story}\n{}", r.stderr));
        }
    }
    if snapshot_site(site) != site_before {
        return ("touched the site's files", story);
    }
    let built = build.code == Some(0);
    if !built && snapshot(&site.join("public")) != public_before {
        return ("a failed build touched public/", story);
    }
    match (check.code == Some(0), built) {
        (true, true) => ("both passed", story),
        (false, false) => ("both failed", story),
        (true, false) => (
            "check passed, build failed",
            format!("{story}\n{}", build.stderr),
        ),
        (false, true) => (
            "check failed, build passed",
            format!("{story}\n{}", check.stdout),
        ),
    }
}

/// One mutation of the site in `site`; says what it did.
fn mutate(site: &Path, rng: &mut Rng) -> String {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .filter(|p| {
            let rel = p.strip_prefix(site).unwrap_or(p);
            !rel.starts_with("public") && !rel.starts_with("themes")
        })
        .collect();
    let file = &files[rng.below(files.len())];
    let rel = file
        .strip_prefix(site)
        .unwrap_or(file)
        .display()
        .to_string();
    let mut bytes = fs::read(file).unwrap_or_default();
    match rng.below(7) {
        0 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            bytes[at] = u8::try_from(rng.below(256)).unwrap_or(b'x');
            write(file, &bytes);
            format!("{rel}: byte {at} changed")
        }
        1 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            let end = (at + 1 + rng.below(20)).min(bytes.len());
            bytes.drain(at..end);
            write(file, &bytes);
            format!("{rel}: bytes {at}..{end} deleted")
        }
        2 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            let at = rng.below(lines.len() + 1);
            let snippet = if rel == "site.yaml" {
                CONFIG_SNIPPETS[rng.below(CONFIG_SNIPPETS.len())]
            } else {
                CONTENT_SNIPPETS[rng.below(CONTENT_SNIPPETS.len())]
            };
            let mut out: Vec<&str> = lines[..at].to_vec();
            out.push(snippet);
            out.extend(&lines[at..]);
            write(file, (out.join("\n") + "\n").as_bytes());
            format!("{rel}: line {} is {snippet:?}", at + 1)
        }
        3 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return format!("{rel}: unchanged");
            }
            let at = rng.below(lines.len());
            let mut out = lines.clone();
            out.insert(at, lines[at]);
            write(file, (out.join("\n") + "\n").as_bytes());
            format!("{rel}: line {} doubled", at + 1)
        }
        4 | 5 => {
            let (path, contents) = EXTRA_FILES[rng.below(EXTRA_FILES.len())];
            add_file(site, path, contents);
            format!("added {}", String::from_utf8_lossy(path))
        }
        _ => {
            let snippet = CONFIG_SNIPPETS[rng.below(CONFIG_SNIPPETS.len())];
            let config = site.join("site.yaml");
            let mut text = fs::read_to_string(&config).unwrap_or_default();
            text.push_str(snippet);
            text.push('\n');
            write(&config, text.as_bytes());
            format!("site.yaml: added {snippet:?}")
        }
    }
}

#[cfg(unix)]
fn add_file(site: &Path, rel: &[u8], contents: &[u8]) {
    use std::os::unix::ffi::OsStrExt;
    let path = site.join(std::ffi::OsStr::from_bytes(rel));
    write(&path, contents);
}

#[cfg(not(unix))]
fn add_file(site: &Path, rel: &[u8], contents: &[u8]) {
    write(&site.join(String::from_utf8_lossy(rel).as_ref()), contents);
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let _ = fs::write(path, bytes);
}

struct Ran {
    code: Option<i32>,
    timed_out: bool,
    stdout: String,
    stderr: String,
}

fn run(bin: &Path, args: &[&str], site: &Path) -> Ran {
    let mut child = Command::new(bin)
        .args(args)
        .arg("--site")
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run careleaf");
    let started = Instant::now();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            let out = child.wait_with_output().expect("output");
            return Ran {
                code: out.status.code(),
                timed_out: false,
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            };
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Ran {
                code: None,
                timed_out: true,
                stdout: String::new(),
                stderr: String::new(),
            };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = fs::read(e.path()).unwrap_or_default();
            (e.path().to_path_buf(), bytes)
        })
        .collect()
}

/// The site's own files: everything but the output and careleaf's files beside it.
fn snapshot_site(site: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(site)
        .into_iter()
        .filter(|(p, _)| {
            let rel = p.strip_prefix(site).unwrap_or(p);
            let top = rel
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            !top.is_some_and(|t| t == "public" || t.starts_with(".public.careleaf-"))
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(entry.path().strip_prefix(from).unwrap_or(entry.path()));
        if entry.file_type().is_dir() {
            let _ = fs::create_dir_all(&dest);
        } else {
            let _ = fs::copy(entry.path(), &dest);
        }
    }
}
