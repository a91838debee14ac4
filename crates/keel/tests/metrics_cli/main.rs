//! Integration tests: the `keel` binary on a temporary data directory (`--data-dir`).

mod common;
mod lifts;
mod load;
