//! Settings layered as defaults, then `KEEL_*` environment, then flags (flags win).
//!
//! This module is also the one place where the binary reads the clock: everything below it
//! takes "today" as a value.

use std::path::PathBuf;

/// Global options shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Directory holding keel.db (default: the platform data directory, e.g. ~/.local/share/keel).
    #[arg(long, global = true, env = "KEEL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

impl Global {
    /// The data directory: the flag or `KEEL_DATA_DIR`, else the platform default.
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        dirs::data_dir().map(|d| d.join("keel")).ok_or_else(|| {
            anyhow::anyhow!("no platform data directory: pass --data-dir or set KEEL_DATA_DIR")
        })
    }
}

/// The date to plan from: the `--today` flag when given, else today's local date.
pub fn today(flag: Option<jiff::civil::Date>) -> jiff::civil::Date {
    flag.unwrap_or_else(|| jiff::Zoned::now().date())
}
