//! `keel profile set FILE` and `keel profile show`: the athlete profile kept in the log.

use crate::settings::Global;
use anyhow::{bail, Context};
use keel_store::Store;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Store or show the athlete profile that `keel plan` uses when no file is given.
#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: ProfileCommand,
}

/// What to do with the profile.
#[derive(Debug, clap::Subcommand)]
pub enum ProfileCommand {
    /// Validate a profile TOML file and store it (earlier versions are kept).
    Set {
        /// The profile file.
        file: PathBuf,
    },
    /// Print the stored profile.
    Show {
        /// List every stored version instead (newest first).
        #[arg(long)]
        history: bool,
    },
}

impl ProfileArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        match self.command {
            ProfileCommand::Set { file } => set(global, &file),
            ProfileCommand::Show { history } => show(global, history),
        }
    }
}

fn set(global: &Global, file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("reading the profile {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    // Validate before storing: a profile that does not parse never becomes the latest.
    let profile = keel_profile::parse_profile(&file.display().to_string(), &text)?;
    let mut store = global.open_store()?;
    store
        .set_profile(&name, &text)
        .context("storing the profile")?;
    let mut out = super::stdout();
    writeln!(
        out,
        "Stored the profile of {} from {} (keel plan uses it when no file is given).",
        profile.athlete.name,
        file.display()
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn show(global: &Global, history: bool) -> anyhow::Result<ExitCode> {
    let none = || anyhow::anyhow!("no profile stored yet: run `keel profile set PROFILE.toml`");
    let store = global.open_existing_store()?.ok_or_else(none)?;
    let tz = crate::settings::clock().system_tz().clone();
    if history {
        let all = store.profile_history().context("reading the profiles")?;
        if all.is_empty() {
            bail!(none());
        }
        let mut out = super::stdout();
        for p in all {
            let at = p.set_at.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M");
            writeln!(
                out,
                "#{:<4} {at}  {}",
                p.id,
                keel_app::text::line(&p.source)
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let p = store
        .latest_profile()
        .context("reading the profile")?
        .ok_or_else(none)?;
    let at = p.set_at.to_zoned(tz).strftime("%Y-%m-%d %H:%M");
    let mut out = super::stdout();
    writeln!(
        out,
        "# keel profile from {}, stored {at}",
        keel_app::text::line(&p.source)
    )?;
    out.write_all(p.toml.as_bytes())?;
    if !p.toml.ends_with('\n') {
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
