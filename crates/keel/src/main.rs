//! keel: the command-line program. A thin layer over the library crates: it reads files,
//! flags and the environment, calls the domain, prints, and maps errors to exit codes
//! (0 ok, 1 rule violations found, 2 bad input or usage).
//!
//! Domain logic must not live here: it belongs in keel-core (pure), keel-import (decoders),
//! keel-store (storage) or keel-export (writers).

mod cli;
mod examples;
mod settings;
mod tz;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match args.run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("keel: {err:#}");
            ExitCode::from(exit_code_of(&err))
        }
    }
}

/// A failure the binary reports; the default kind is bad input (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Rule violations were found (exit 1); the report was already printed.
    #[error("{0}")]
    Violations(String),
}

fn exit_code_of(err: &anyhow::Error) -> u8 {
    match err.downcast_ref::<Failure>() {
        Some(Failure::Violations(_)) => 1,
        None => 2,
    }
}

/// `keel plan | head` closes stdout early: that is the reader's choice, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
