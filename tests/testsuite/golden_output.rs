//! Guards the example site's output: every file's hash, built with a fixed date
//! (`SOURCE_DATE_EPOCH`), is a snapshot. A change to the output, intended or not (a
//! performance change must not make one), shows up here file by file; review it with
//! `cargo insta review`.

use std::process::Command;

use crate::common::*;

/// 64-bit FNV-1a: stable, and enough to tell files apart.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn example_site_output_is_unchanged() {
    let site = example_site();
    let status = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["build", "--site"])
        .arg(site.path())
        .env("SOURCE_DATE_EPOCH", "1795219200") // 2026-11-20
        .output()
        .expect("run careleaf build");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let manifest: String = files(&site.path().join("public"))
        .iter()
        .map(|(name, bytes)| format!("{:016x} {:>7} {name}\n", hash(bytes), bytes.len()))
        .collect();
    insta::assert_snapshot!(manifest);
}
