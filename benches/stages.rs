//! Benchmarks of the build's hot stages on one typical condition page (about 4 KB of
//! Markdown with full front-matter): `cargo bench --bench stages`.
//!
//! - reading the front-matter into a page (YAML, validation);
//! - rendering the Markdown (with links, care cards, readability and search words);
//! - of that, counting the readability and collecting the search words;
//! - rendering the page's template (Tera) and writing it.
//!
//! The triage compiler has its own benchmark (`benches/triage.rs`).

use std::path::{Path, PathBuf};

use careleaf::Diagnostics;
use careleaf::stages::Output;
use careleaf::stages::SourceFile;
use careleaf::stages::{CardLabels, MarkdownContext};
use careleaf::stages::{LinkMap, load_page};
use careleaf::{LoadOptions, Site};

fn main() {
    divan::main();
}

fn condition_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("content/early-pregnancy-bleeding/miscarriage.md"))
        .expect("example page")
}

fn source() -> SourceFile {
    SourceFile {
        path: PathBuf::from("content/early-pregnancy-bleeding/miscarriage.md"),
        content_path: "early-pregnancy-bleeding/miscarriage.md".into(),
        text: condition_text(),
    }
}

#[divan::bench]
fn front_matter_to_page(bencher: divan::Bencher) {
    let file = source();
    let languages = vec!["en".to_string()];
    bencher.with_inputs(|| file.clone()).bench_values(|file| {
        load_page(file, &languages, &mut Diagnostics::default()).expect("valid")
    });
}

#[divan::bench]
fn markdown_render(bencher: divan::Bencher) {
    let languages = vec!["en".to_string()];
    let page = load_page(source(), &languages, &mut Diagnostics::default()).expect("valid");
    let links = LinkMap::new([(
        "early-pregnancy-bleeding/miscarriage.md".to_string(),
        "early-pregnancy-bleeding/miscarriage/".to_string(),
    )]);
    let labels = CardLabels::default();
    let care = careleaf::Config::parse("title: T\n", &mut Diagnostics::default())
        .expect("site.yaml")
        .care_levels;
    let cx = MarkdownContext {
        links: &links,
        base_path: "/careleaf/",
        labels: &labels,
        translated_labels: None,
        care: &care,
        translated_care: None,
        raw_html: careleaf::RawHtml::Safe,
        embeds: &[],
        is_static: None,
        site_numbers: None,
    };
    bencher.bench(|| {
        let mut diagnostics = Diagnostics::default();
        careleaf::stages::render_markdown(divan::black_box(&page), &cx, &mut diagnostics)
    });
}

/// The readability counts and the search index's words of a page's text (part of
/// `markdown_render`, which feeds it the text as it renders).
#[divan::bench]
fn readability_and_search_words(bencher: divan::Bencher) {
    let text = condition_text();
    bencher.bench(|| {
        let mut counter = careleaf::stages::Counter::collecting_words();
        counter.text(divan::black_box(&text));
        (counter.distinct_words(), counter.finish())
    });
}

#[divan::bench]
fn page_render_and_write(bencher: divan::Bencher) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = LoadOptions::default();
    let mut site =
        Site::load(root, &options, &mut Diagnostics::default()).expect("the example site loads");
    let out = std::env::temp_dir().join(format!("careleaf-bench-{}", std::process::id()));
    let output = Output::in_place(root, &out).expect("output folder");
    let index = site
        .content
        .pages
        .iter()
        .position(|p| p.content_path.ends_with("miscarriage.md"))
        .expect("page");
    let renderer = careleaf::stages::Renderer::new(
        &site.config,
        &mut site.theme,
        &site.content.pages,
        &site.triages,
    );
    let one = [(&site.content.pages[index], &site.bodies[index])];
    bencher.bench(|| renderer.pages(divan::black_box(&one), &output, &mut Diagnostics::default()));
    let _ = std::fs::remove_dir_all(out);
}
