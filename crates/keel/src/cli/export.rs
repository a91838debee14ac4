//! `keel export ics`: the plan as an iCalendar file to import or subscribe to.

use crate::settings::{self, Global};
use anyhow::Context;
use jiff::civil::Date;
use keel_app::calendar;
use keel_app::plan::{plan_in_force, ProfileSource};
use keel_export::ics::{write_ics, IcsOptions, SequenceRecord};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Export the plan to other tools.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
}

/// What to export.
#[derive(Debug, clap::Subcommand)]
pub enum ExportWhat {
    /// The plan as iCalendar events (RFC 5545): one per run and per strength session.
    Ics(IcsArgs),
    /// Each planned strength session as a FIT workout file for a watch (one step per set).
    Fit(super::export_fit::FitArgs),
}

/// `keel export ics` options.
#[derive(Debug, clap::Args)]
pub struct IcsArgs {
    /// Profile file (default: the profile stored with `keel profile set`).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Export at most N weeks, from the current week (or the plan's first).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=104))]
    pub weeks: Option<u32>,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The date to export from, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
    pub today: Option<Date>,
}

impl ExportArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        match self.what {
            ExportWhat::Ics(args) => args.run(global),
            ExportWhat::Fit(args) => args.run(global),
        }
    }
}

impl IcsArgs {
    fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let mut store = global.open_existing_store()?;
        let source = match &self.profile {
            Some(path) => settings::profile_file(path)?,
            None => ProfileSource::Stored,
        };
        let local = keel_app::clock::local_for(store.as_ref(), &source, &settings::clock())?;
        let today = self.today.unwrap_or(local.today);
        // The calendar shows the plan in force: adapted to check-ins and the log (reads
        // only). Without `[plan].start` a stored profile's dates, and so the UIDs, stay put.
        let planned = plan_in_force(store.as_ref(), &source, today, today, None, &local.tz)?;
        let plan = planned.plan;
        let mut opts = IcsOptions::from_schedule(planned.profile.profile.schedule.as_ref())?;
        opts.from = Some(today);
        opts.weeks = self.weeks;
        // SEQUENCE bookkeeping lives in the training log; without one, every event starts
        // at 0 (fine for a first import) and no database is created just for this.
        calendar::known_records(store.as_ref(), &mut opts)?;
        let records = match &self.out {
            Some(path) => write_to_file(path, &plan, &opts)?,
            None => {
                let mut out = super::stdout();
                let r = write_ics(&plan, &opts, &mut out)?;
                out.flush()?;
                r
            }
        };
        if let Some(s) = &mut store {
            calendar::save_records(s, &opts.known, &records)
                .context("saving the calendar records")?;
        }
        if let Some(path) = &self.out {
            let changed = records.iter().filter(|r| r.sequence > 0).count();
            eprintln!(
                "Wrote {} events to {} ({changed} updated since an earlier export).",
                records.len(),
                path.display()
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// Writes next to the target and renames, so a calendar app never reads half a file.
fn write_to_file(
    path: &Path,
    plan: &keel_core::plan::Plan,
    opts: &IcsOptions,
) -> anyhow::Result<Vec<SequenceRecord>> {
    let tmp = path.with_extension("ics.tmp");
    let file =
        std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let records = write_ics(plan, opts, std::io::BufWriter::new(file))
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path)
        .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))?;
    Ok(records)
}
