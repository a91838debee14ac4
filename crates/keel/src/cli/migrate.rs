//! `keel migrate`: moves a runner's training log between this machine's SQLite file and an
//! athlete of a coach's PostgreSQL server, whole and in one transaction.

use crate::settings::{self, Global};
use anyhow::{bail, Context};
use keel_store::{Accounts, SqliteStore};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Copy the training log to a coach's server (`--to postgres://…`), or an athlete's log
/// from it into a new local log (`--from postgres://… --athlete EMAIL --to DIR`).
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Where to copy to: a PostgreSQL URL (postgres://…), or with --from a directory for
    /// a new keel.db.
    #[arg(long, value_name = "URL|DIR")]
    pub to: String,
    /// Copy from this PostgreSQL server instead of the local log (needs --athlete).
    #[arg(long, value_name = "URL")]
    pub from: Option<String>,
    /// The athlete's email on the server (login or invitation email). Copying to the
    /// server creates the athlete when missing; without it, a new athlete is created.
    #[arg(long, value_name = "EMAIL")]
    pub athlete: Option<String>,
    /// Replace the athlete's log on the server when it already holds one.
    #[arg(long)]
    pub replace: bool,
}

impl MigrateArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        match &self.from {
            None => self.copy_to_server(global),
            Some(from) => self.copy_from_server(from),
        }
    }

    fn copy_to_server(&self, global: &Global) -> anyhow::Result<ExitCode> {
        if !settings::is_database_url(&self.to) {
            bail!(
                "--to `{}`: expected a PostgreSQL URL (postgres://…); to copy from a server into \
                 a directory, give --from URL --athlete EMAIL --to DIR",
                self.to
            );
        }
        let path = global.db_path()?;
        let Some(local) = global.open_existing_store()? else {
            bail!("no training log at {}: nothing to copy", path.display());
        };
        let db = settings::connect(&self.to)?;
        let (restored, dump) =
            keel_app::coach::migrate_to_server(&local, &db, self.athlete.as_deref(), self.replace)
                .map_err(|e| match e {
                    keel_app::AppError::Store(keel_store::StoreError::Invalid {
                        field: "athlete",
                        ..
                    }) if !self.replace => anyhow::Error::new(e).context(
                        "not copied: pass --replace to replace the athlete's log on the server",
                    ),
                    e => e.into(),
                })?;
        let mut out = super::stdout();
        let who = self.athlete.as_deref().map_or_else(
            || "a new athlete".to_string(),
            |e| keel_app::text::text(e).into_owned(),
        );
        writeln!(
            out,
            "Copied {} from {} to athlete {} ({who}{}{}) on {}.",
            dump.summary(),
            path.display(),
            restored.athlete,
            if restored.created { ", created" } else { "" },
            if restored.replaced {
                ", log replaced"
            } else {
                ""
            },
            db.target()
        )?;
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }

    fn copy_from_server(&self, from: &str) -> anyhow::Result<ExitCode> {
        if !settings::is_database_url(from) {
            bail!("--from `{from}`: expected a PostgreSQL URL (postgres://…)");
        }
        if settings::is_database_url(&self.to) {
            bail!(
                "--to `{}`: with --from, give a directory for the new keel.db",
                self.to
            );
        }
        let email = self
            .athlete
            .as_deref()
            .context("--from needs --athlete EMAIL: whose log to copy")?;
        let dir = PathBuf::from(&self.to);
        let path = dir.join(settings::DB_FILE);
        if path.exists() {
            bail!(
                "{} exists already: give a directory without a keel.db (the copy goes into a new one)",
                path.display()
            );
        }
        let db = settings::connect(from)?;
        let athlete = db
            .athlete_by_email(email)
            .context("looking up the athlete")?
            .with_context(|| {
                format!(
                    "no athlete with the email {} on {}",
                    keel_app::text::text(email),
                    db.target()
                )
            })?;
        let mut local = SqliteStore::open(&path)
            .with_context(|| format!("creating the training log {}", path.display()))?;
        let copied = keel_app::coach::migrate_from_server(&db, athlete, &mut local);
        let dump = match copied {
            Ok(d) => d,
            Err(e) => {
                drop(local);
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                return Err(e.into());
            }
        };
        let mut out = super::stdout();
        writeln!(
            out,
            "Copied {} from athlete {athlete} ({}) on {} to {}.",
            dump.summary(),
            keel_app::text::text(email),
            db.target(),
            path.display()
        )?;
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}
