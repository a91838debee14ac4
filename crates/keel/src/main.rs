//! keel: the command-line program. A thin layer over the library crates: it reads files,
//! flags and the environment, calls the domain, prints, and maps errors to exit codes
//! (0 ok, 1 rule violations found or a failure of the machine: disk, database; 2 bad input
//! or usage).
//!
//! Domain logic must not live here: it belongs in keel-core (pure), keel-import (decoders),
//! keel-store (storage) or keel-export (writers).

mod cli;
mod examples;
mod settings;
mod text;

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
            eprintln!("keel: {}", keel_app::text::text(&format!("{err:#}")));
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

/// 1 for rule violations and for failures of the machine (the database or the disk: full,
/// read-only, locked, damaged, unreadable); 2 for everything the user can fix in the input.
fn exit_code_of(err: &anyhow::Error) -> u8 {
    if matches!(err.downcast_ref::<Failure>(), Some(Failure::Violations(_))) {
        return 1;
    }
    let machine = err.chain().any(|cause| {
        if let Some(e) = cause.downcast_ref::<keel_store::StoreError>() {
            return is_machine(e);
        }
        if let Some(keel_app::AppError::Store(e)) = cause.downcast_ref::<keel_app::AppError>() {
            return is_machine(e);
        }
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::ReadOnlyFilesystem
            )
        })
    });
    if machine {
        1
    } else {
        2
    }
}

/// Every store error is the machine's, except a value the store refused.
fn is_machine(e: &keel_store::StoreError) -> bool {
    !matches!(e, keel_store::StoreError::Invalid { .. })
}

/// `keel plan | head` closes stdout early: that is the reader's choice, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
