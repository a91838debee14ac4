//! Integration tests: the `keel` binary on a temporary data directory (`--data-dir`).

mod common;
#[path = "../common/mod.rs"]
mod harness;
mod lifts;
mod load;
