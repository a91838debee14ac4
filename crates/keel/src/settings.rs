//! Settings layered as defaults, then `KEEL_*` environment, then flags (flags win).
//!
//! This module is also the one place where the binary reads the clock: everything below it
//! takes "today" as a value.

use anyhow::Context;
use keel_store::{SqliteStore, Store};
use std::path::PathBuf;

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "keel.db";

/// Global options shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Directory holding keel.db (default: the platform data directory, e.g. ~/.local/share/keel).
    #[arg(long, global = true, env = "KEEL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

impl Global {
    /// The data directory: the flag or `KEEL_DATA_DIR`, else the platform default.
    #[allow(dead_code)] // for the store-backed subcommands (log, import, load, ...)
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        dirs::data_dir().map(|d| d.join("keel")).ok_or_else(|| {
            anyhow::anyhow!("no platform data directory: pass --data-dir or set KEEL_DATA_DIR")
        })
    }

    /// The database file inside the data directory.
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        Ok(self.data_dir()?.join(DB_FILE))
    }

    /// Opens the training log, creating the directory and database on first use.
    pub fn open_store(&self) -> anyhow::Result<SqliteStore> {
        let path = self.db_path()?;
        SqliteStore::open(&path)
            .with_context(|| format!("opening the training log {}", path.display()))
    }

    /// Opens the training log only if it exists: read-only commands must not create it.
    pub fn open_existing_store(&self) -> anyhow::Result<Option<SqliteStore>> {
        let path = self.db_path()?;
        if !path.exists() {
            return Ok(None);
        }
        self.open_store().map(Some)
    }
}

/// The profile stored by `keel profile set`, as `(source name, TOML text)`, or `None` when
/// none was ever set (no database is created to find that out). Callers validate it with
/// `keel_profile::parse_profile(&source, &text)`, so a stored profile is always checked by
/// the running keel's rules.
// Called by `keel plan` and `keel export ics` when no profile file is given.
#[allow(dead_code)]
pub fn load_stored_profile(global: &Global) -> anyhow::Result<Option<(String, String)>> {
    let Some(store) = global.open_existing_store()? else {
        return Ok(None);
    };
    let latest = store
        .latest_profile()
        .context("reading the stored profile")?;
    Ok(latest.map(|p| (p.source, p.toml)))
}

/// The date to plan from: the `--today` flag when given, else today's local date.
pub fn today(flag: Option<jiff::civil::Date>) -> jiff::civil::Date {
    flag.unwrap_or_else(|| jiff::Timestamp::now().to_zoned(crate::tz::local()).date())
}

/// A profile file named on the command line, read for the application layer.
pub fn profile_file(path: &std::path::Path) -> anyhow::Result<keel_app::plan::ProfileSource> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the profile {}", path.display()))?;
    Ok(keel_app::plan::ProfileSource::File {
        name: path.display().to_string(),
        text,
    })
}
