//! Bad input never panics, never half-writes the site, and always names its file: a
//! property test that mutates the example's `site.yaml` and front-matter (bytes, lines
//! and YAML structure) and builds it.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;

use crate::common::*;

/// The files mutated: the configuration and every content file.
const FILES: [&str; 8] = [
    "site.yaml",
    "content/_index.md",
    "content/about.md",
    "content/early-pregnancy-bleeding/_index.md",
    "content/early-pregnancy-bleeding/ectopic-pregnancy.md",
    "content/early-pregnancy-bleeding/miscarriage.md",
    "content/early-pregnancy-bleeding/molar-pregnancy.md",
    "content/early-pregnancy-bleeding/cervical-causes.md",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the byte at this (relative) position.
    Byte(usize, u8),
    /// Delete the line at this position.
    DeleteLine(usize),
    /// Repeat the line at this position.
    DuplicateLine(usize),
    /// Indent or dedent the line by two spaces.
    Indent(usize, bool),
    /// Put YAML punctuation at the start of the line's value.
    Punctuate(usize, &'static str),
    /// Cut the file at this position.
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<bool>()).prop_map(|(at, more)| Mutation::Indent(at, more)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "[", "{", "- ", ": ", "\"", "&a ", "*a ", "! ", "|", "\t"
            ])
        )
            .prop_map(|(at, p)| Mutation::Punctuate(at, p)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let line = |at: usize| at % lines.len().max(1);
    match *mutation {
        Mutation::Byte(at, b) => {
            let mut out = bytes.to_vec();
            if !out.is_empty() {
                let i = at % out.len();
                out[i] = b;
            }
            return out;
        }
        Mutation::Truncate(at) => return bytes[..at % (bytes.len() + 1)].to_vec(),
        Mutation::DeleteLine(at) => {
            let i = line(at);
            lines.remove(i);
        }
        Mutation::DuplicateLine(at) => {
            let i = line(at);
            let copy = lines[i].clone();
            lines.insert(i, copy);
        }
        Mutation::Indent(at, more) => {
            let i = line(at);
            if more {
                lines[i].splice(0..0, *b"  ");
            } else if lines[i].starts_with(b"  ") {
                lines[i].drain(..2);
            }
        }
        Mutation::Punctuate(at, p) => {
            let i = line(at);
            let at = lines[i]
                .windows(2)
                .position(|w| w == b": ")
                .map_or(0, |c| c + 2);
            lines[i].splice(at..at, p.bytes());
        }
    }
    lines.join(&b'\n')
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_mutated_site_builds_or_fails_cleanly(
        file in prop::sample::select(FILES.to_vec()),
        mutations in prop::collection::vec(mutation(), 1..=3),
    ) {
        let site = example_site();
        build(site.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
        let public = site.path().join("public");
        let before = snapshot(&public);
        let path = site.path().join(file);
        let mut bytes = std::fs::read(&path).unwrap();
        for m in &mutations {
            bytes = apply(&bytes, m);
        }
        std::fs::write(&path, &bytes).unwrap();
        match build(site.path()) {
            Ok(_) => {}
            Err(diagnostics) => {
                prop_assert!(diagnostics.iter().any(|d| d.is_error()), "a failure has an error");
                for d in &diagnostics {
                    prop_assert!(!d.file.as_os_str().is_empty(), "names a file: {}", d.render());
                    let named = d.file.display().to_string();
                    prop_assert!(
                        site.path().join(&d.file).exists() || named.starts_with("content") || named.starts_with("templates") || named == "site.yaml",
                        "names a file of the site: {named}"
                    );
                }
                prop_assert_eq!(snapshot(&public), before, "a failed build leaves the site as it was");
            }
        }
    }
}
