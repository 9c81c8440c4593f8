//! `triage diff` between two generated protocols of 60 conditions that ask entirely
//! different questions (N each): what a pull request that rewrites a topic's questions
//! asks of the diff. For peak memory, which a bench does not report:
//!   cargo build --release --example diff_scale
//!   /usr/bin/time -f "%es %MKB" target/release/examples/diff_scale 30
//! The time is benched in `benches/triage.rs` (`diff_against_*_new_questions`).

#[path = "../benches/support/protocol.rs"]
mod protocol;

use careleaf::tree::{Side, diff};

fn main() {
    let questions: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let (old, new) = protocol::rewritten(questions, 60);
    match diff(&Side::plain(&old), &Side::plain(&new)) {
        Ok(d) => println!(
            "{} care changes, {} listing changes; any lower: {}",
            d.care.len(),
            d.listing.len(),
            d.is_lower()
        ),
        Err(why) => println!("not compared: {why}"),
    }
}
