//! One module per subcommand, each an args struct with `run`.

pub mod init;

use crate::settings::Global;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// keel plans and adapts strength training around running.
#[derive(Debug, Parser)]
#[command(name = "keel", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new profile: asks a few questions in a terminal, or takes flags.
    Init(init::InitArgs),
}

impl Cli {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Init(args) => args.run(&self.global),
        }
    }
}
