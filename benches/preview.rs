//! Benchmark of the live preview: one condition page saved on a generated site of
//! 10,000 pages (`examples/gen_site`), from the file written to every page it changes
//! rewritten (what `careleaf serve` does before it tells the browser to reload):
//! `cargo bench --bench preview`. `CARELEAF_BENCH_PAGES` sets another size.

use std::path::PathBuf;

use careleaf::LiveSite;

#[path = "../examples/gen_site.rs"]
#[allow(dead_code)]
mod gen_site;

fn main() {
    divan::main();
}

fn pages() -> usize {
    std::env::var("CARELEAF_BENCH_PAGES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(10_000)
}

#[divan::bench(sample_count = 30)]
fn one_page_save(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().to_path_buf();
    gen_site::generate(pages(), &root, gen_site::Flavour::Careleaf, 100).expect("the site");
    let out = root.join(".careleaf-serve");
    let (mut live, _) = LiveSite::load(&root, &out, "http://127.0.0.1:1111/", false)
        .unwrap_or_else(|d| panic!("the generated site builds: {d:?}"));
    let file: PathBuf = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .expect("a condition page");
    let original = std::fs::read_to_string(&file).expect("its text");
    let mut edit = 0u64;
    bencher.bench_local(|| {
        edit += 1;
        std::fs::write(&file, format!("{original}\nEdit {edit}.\n")).expect("saved");
        live.apply(std::slice::from_ref(&file)).expect("rebuilt")
    });
}
