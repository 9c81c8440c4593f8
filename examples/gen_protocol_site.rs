//! Writes a site whose one topic is a generated triage protocol (`benches/support/
//! protocol.rs`): `gen_protocol_site QUESTIONS CONDITIONS SEED WINDOW DIR`. For the
//! size of the review page of a large tree:
//!   cargo run --release --example gen_protocol_site -- 40 60 3 8 /tmp/p && careleaf build -s /tmp/p

#[path = "../benches/support/protocol.rs"]
mod protocol;

use std::path::Path;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let dir = Path::new(args.get(4).map_or("protocol-site", String::as_str));
    let t = protocol::protocol_within(
        number(0, 40),
        number(1, 60),
        number(2, 3) as u64,
        number(3, 8),
    );
    protocol::write_site(&t, dir)
}
