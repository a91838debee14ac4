//! cargo-fuzz target: `keel_import::fuzz::tcx` (the same function `cargo test` runs on
//! random and mutated inputs in `crates/keel-import/tests/fuzz_targets.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keel_import::fuzz::tcx(data));
