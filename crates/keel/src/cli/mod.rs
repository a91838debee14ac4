//! One module per subcommand, each an args struct with `run`.

pub mod init;
pub mod import;
pub mod log;
pub mod profile;

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
    /// Import watch files, Strava exports, and Strong or Hevy CSVs into the training log.
    Import(import::ImportArgs),
    /// Log a run or lifting sets by hand, or list the training log.
    Log(log::LogArgs),
    /// Store or show the athlete profile.
    Profile(profile::ProfileArgs),
}

impl Cli {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Init(args) => args.run(&self.global),
            Command::Import(args) => args.run(&self.global),
            Command::Log(args) => args.run(&self.global),
            Command::Profile(args) => args.run(&self.global),
        }
    }
}
