//! Fuzz target: the Pabulib parser and the JSON reader never panic, and
//! whatever parses survives write → parse unchanged.
//!
//! Run on a nightly toolchain from `crates/civis-pb`:
//! `cargo install cargo-fuzz && cargo fuzz run parse`
//! (seed the corpus with `tests/fixtures/*.pb` for speed:
//! `mkdir -p fuzz/corpus/parse && cp tests/fixtures/*.pb fuzz/corpus/parse/`).
#![no_main]

use civis_pb::{json, pabulib};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(election) = pabulib::parse_bytes(data) {
        let written = pabulib::write(&election);
        match pabulib::parse(&written) {
            Ok(again) if again == election => {}
            other => panic!("round trip failed: {other:?}\n{written}"),
        }
        let via_json = json::from_json(&json::to_json(&election));
        assert!(matches!(via_json, Ok(ref e) if *e == election), "JSON round trip failed");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = json::from_json(text);
    }
});
