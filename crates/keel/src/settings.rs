//! Settings layered as defaults, then `KEEL_*` environment, then flags (flags win).
//!
//! This module is also the one place where the binary reads the clock and the system's time
//! zone ([`clock`]): everything below it takes them as values.

use anyhow::Context;
use keel_store::{PgDatabase, SqliteStore, Store};
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

/// Coach mode's PostgreSQL database: `--database URL`, else `KEEL_DATABASE_URL`.
#[derive(Debug, Clone, clap::Args)]
pub struct Database {
    /// Coach mode's PostgreSQL database (postgres://user:password@host:port/dbname).
    #[arg(
        long = "database",
        env = "KEEL_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub url: Option<String>,
}

impl Database {
    /// Connects (and migrates the schema); an error when no database is named.
    pub fn connect(&self) -> anyhow::Result<PgDatabase> {
        let url = self
            .url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .context("no database: pass --database URL or set KEEL_DATABASE_URL")?;
        connect(url)
    }
}

/// Connects to a PostgreSQL database named on the command line (and migrates its schema).
pub fn connect(url: &str) -> anyhow::Result<PgDatabase> {
    PgDatabase::connect(url).context("opening the coach-mode database")
}

/// Whether a `--to`/`--from` value names a PostgreSQL server rather than a directory.
pub fn is_database_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
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

/// The clock and the system's time zone (`TZ`, else `/etc/localtime`: that zone's file
/// alone, never a scan of the whole time-zone database), read here and nowhere else in the
/// binary. `KEEL_TODAY=YYYY-MM-DD` pretends today is that day (demos and tests, as
/// `keel serve --today`).
pub fn clock() -> keel_app::clock::Clock {
    let system = keel_app::tz::system();
    match std::env::var("KEEL_TODAY") {
        Ok(v) if !v.trim().is_empty() => match keel_app::clock::parse_date(&v) {
            Ok(d) => keel_app::clock::Clock::fixed(d, system),
            Err(e) => {
                eprintln!("keel: warning: KEEL_TODAY `{}` is ignored: {e}", v.trim());
                keel_app::clock::Clock::new(jiff::Timestamp::now(), system)
            }
        },
        _ => keel_app::clock::Clock::new(jiff::Timestamp::now(), system),
    }
}

/// The date to plan from: the `--today` flag when given, else today in the system's time
/// zone.
pub fn today(flag: Option<jiff::civil::Date>) -> jiff::civil::Date {
    flag.unwrap_or_else(|| clock().system_local().today)
}

/// The value parser of every date flag: `YYYY-MM-DD` from 1900 to 2200.
pub fn date_arg(s: &str) -> Result<jiff::civil::Date, String> {
    keel_app::clock::parse_date(s)
}

/// The profile a command reads: the file given, else the built-in example, else the stored one.
pub fn profile_source(
    file: Option<&std::path::Path>,
    example: Option<crate::examples::Example>,
) -> anyhow::Result<keel_app::plan::ProfileSource> {
    Ok(match (file, example) {
        (Some(path), _) => profile_file(path)?,
        (None, Some(example)) => keel_app::plan::ProfileSource::File {
            name: example.file_name().to_string(),
            text: example.text().to_string(),
        },
        (None, None) => keel_app::plan::ProfileSource::Stored,
    })
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
