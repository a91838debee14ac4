//! `keel export fit`: each planned strength session as a FIT workout file for a watch.

use super::week_flags::WeekFlags;
use crate::examples::Example;
use crate::settings::{self, Global};
use anyhow::{bail, Context};
use jiff::civil::Date;
use keel_app::fit::{workout_files, WorkoutFile};
use keel_app::plan::plan_in_force;
use keel_app::weeks::select;
use keel_export::fit::{encode_workout, Step};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `keel export fit` options.
#[derive(Debug, clap::Args)]
pub struct FitArgs {
    /// Profile file (default: the profile stored with `keel profile set`).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Export a built-in example profile instead.
    #[arg(long, value_enum, value_name = "NAME", conflicts_with = "profile")]
    pub example: Option<Example>,
    #[command(flatten)]
    pub select: WeekFlags,
    /// Directory to write the .fit files into (it must exist).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Today's date, YYYY-MM-DD (default: today): the current week and the season's start.
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
    pub today: Option<Date>,
}

impl FitArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let store = global.open_existing_store()?;
        let source = settings::profile_source(self.profile.as_deref(), self.example)?;
        let local = keel_app::clock::local_for(store.as_ref(), &source, &settings::clock())?;
        let today = self.today.unwrap_or(local.today);
        // The plan in force, as `keel export ics` exports it: adapted to the log this week.
        let plan = plan_in_force(store.as_ref(), &source, today, today, None, &local.tz)?.plan;
        let weeks = select(&plan, today, self.select.choice())?;
        let span = match (weeks.first(), weeks.last()) {
            (Some(a), Some(b)) if a.index == b.index => format!("week {}", a.index),
            (Some(a), Some(b)) => format!("weeks {} to {}", a.index, b.index),
            _ => "no week".to_string(),
        };
        let files = workout_files(weeks);
        if files.is_empty() {
            let mut out = super::stdout();
            writeln!(out, "No strength sessions in {span}: nothing written.")?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        check_dir(&self.out)?;
        // Every file is encoded before any is written: a bad session writes nothing.
        let mut encoded = Vec::with_capacity(files.len());
        for f in &files {
            let bytes = encode_workout(&f.workout)
                .with_context(|| format!("cannot write {}", f.file_name))?;
            encoded.push((f, bytes));
        }
        for (f, bytes) in &encoded {
            write_file(&self.out.join(&f.file_name), bytes)?;
        }
        let mut out = super::stdout();
        out.write_all(summary(&files, &self.out, &span).as_bytes())?;
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}

fn check_dir(dir: &Path) -> anyhow::Result<()> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => bail!("--out {}: not a directory", dir.display()),
        Err(e) => bail!(
            "--out {}: {e} (expected an existing directory, such as the watch's GARMIN/NewFiles)",
            dir.display()
        ),
    }
}

/// Writes beside the target and renames, so a watch never finds half a file.
fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("fit.tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot move {} to {}", tmp.display(), path.display())
    })
}

/// `Wrote 2 workouts (week 1) to DIR:` then a line a file.
fn summary(files: &[WorkoutFile], dir: &Path, span: &str) -> String {
    let mut out = format!(
        "Wrote {} workout{} ({span}) to {}:\n",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        dir.display()
    );
    let width = files.iter().map(|f| f.file_name.len()).max().unwrap_or(0);
    for f in files {
        let sets = f
            .workout
            .steps
            .iter()
            .filter(|s| matches!(s, Step::Set(_)))
            .count();
        let _ = writeln!(
            out,
            "  {:width$}  {}: {sets} sets, {} steps",
            f.file_name,
            f.workout.name,
            f.workout.steps.len()
        );
    }
    let them = if files.len() == 1 { "it" } else { "them" };
    let _ = writeln!(
        out,
        "Copy {them} to the watch's GARMIN/NewFiles folder (see the README)."
    );
    out
}
