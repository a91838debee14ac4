//! `keel export ics`: the plan as an iCalendar file to import or subscribe to.

use crate::settings::{self, Global};
use anyhow::{bail, Context};
use jiff::civil::Date;
use keel_export::ics::{write_ics, IcsOptions, SequenceRecord};
use keel_store::Store;
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
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
}

impl ExportArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        match self.what {
            ExportWhat::Ics(args) => args.run(global),
        }
    }
}

impl IcsArgs {
    fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let today = settings::today(self.today);
        let mut store = global.open_existing_store()?;
        // The plan's anchor follows `keel today` (and the web app): without `[plan].start`, a
        // stored profile's season starts the Monday after it was stored, a file's this week.
        // Dates, and so UIDs, then stay put from one export to the next.
        let (name, text, anchor) = match &self.profile {
            Some(path) => (
                path.display().to_string(),
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the profile {}", path.display()))?,
                today.saturating_sub(jiff::Span::new().days(7)),
            ),
            None => {
                let stored = match &store {
                    Some(s) => s.latest_profile().context("reading the stored profile")?,
                    None => None,
                };
                let Some(p) = stored else {
                    bail!(
                        "no profile: pass --profile FILE, or store one with `keel profile set FILE`"
                    );
                };
                let set = p.set_at.to_zoned(jiff::tz::TimeZone::system()).date();
                (p.source, p.toml, set)
            }
        };
        let profile = keel_profile::parse_profile(&name, &text)?;
        let plan = keel_core::planner::plan_season(&profile, anchor, None)
            .with_context(|| format!("planning the season of {name}"))?;
        // The calendar shows the plan in force: adapted to check-ins and the log (reads only).
        let plan = match &store {
            Some(s) => {
                crate::adapt_ctx::adapt(&plan, s, today, &jiff::tz::TimeZone::system())?
                    .0
                    .plan
            }
            None => plan,
        };
        let mut opts = IcsOptions::from_schedule(profile.schedule.as_ref())?;
        opts.from = Some(today);
        opts.weeks = self.weeks;
        // SEQUENCE bookkeeping lives in the training log; without one, every event starts
        // at 0 (fine for a first import) and no database is created just for this.
        if let Some(s) = &store {
            opts.known = s
                .calendar_records()
                .context("reading the calendar records")?
                .into_iter()
                .map(|r| {
                    (
                        r.uid.clone(),
                        SequenceRecord {
                            uid: r.uid,
                            content_hash: r.content_hash,
                            sequence: r.sequence,
                        },
                    )
                })
                .collect();
        }
        let records = match &self.out {
            Some(path) => write_to_file(path, &plan, &opts)?,
            None => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                let r = write_ics(&plan, &opts, &mut lock)?;
                lock.flush()?;
                r
            }
        };
        if let Some(s) = &mut store {
            let records: Vec<keel_store::CalendarRecord> = records
                .iter()
                .map(|r| keel_store::CalendarRecord {
                    uid: r.uid.clone(),
                    content_hash: r.content_hash.clone(),
                    sequence: r.sequence,
                })
                .collect();
            s.put_calendar_records(&records)
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
