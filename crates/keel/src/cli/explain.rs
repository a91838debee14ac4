//! `keel explain DATE`: everything about one day: its runs, the strength session with every
//! exercise (dose, load, cue, variants), each rule behind it with its sentence, the week's
//! notes, the adjustments in force and why, and readiness when there is a training log.

use crate::examples::Example;
use crate::settings::{self, Global};
use crate::text::explain::ExplainView;
use jiff::civil::Date;
use keel_app::plan::plan_in_force;
use keel_app::today::day_signals;
use keel_app::weeks::{self, WeeksError};
use keel_core::adapt;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Everything about one day of the plan, and why.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The day, YYYY-MM-DD (default: today).
    #[arg(value_name = "DATE", value_parser = settings::date_arg)]
    pub date: Option<Date>,
    /// Profile file to use instead of the stored one (`keel profile set FILE`).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Explain a day of a built-in example profile instead.
    #[arg(long, value_enum, value_name = "NAME", conflicts_with = "profile")]
    pub example: Option<Example>,
    /// Today's date, YYYY-MM-DD (default: today): the season's start for a profile file.
    #[arg(long, value_name = "DATE", value_parser = settings::date_arg)]
    pub today: Option<Date>,
}

impl ExplainArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let store = global.open_existing_store()?;
        let source = settings::profile_source(self.profile.as_deref(), self.example)?;
        let local = keel_app::clock::local_for(store.as_ref(), &source, &settings::clock())?;
        let today = self.today.unwrap_or(local.today);
        let date = self.date.unwrap_or(today);
        let planned = plan_in_force(store.as_ref(), &source, today, date, None, &local.tz)?;
        let plan = &planned.plan;
        let wi = weeks::holding(plan, date).ok_or_else(|| outside(plan, date))?;
        let week = &plan.weeks[wi];
        let day = week
            .days
            .iter()
            .find(|d| d.date == date)
            .ok_or_else(|| outside(plan, date))?;
        let signals = planned
            .inputs
            .as_ref()
            .map(|inputs| day_signals(&planned.base, inputs, wi));
        let view = ExplainView {
            plan,
            week,
            day,
            readiness: signals.as_deref().map(adapt::readiness_summary),
            signals: signals.as_deref().unwrap_or_default(),
            changes: &planned.changes,
            fuel: adapt::day_fuel(planned.profile.profile.athlete.body_mass_kg, day),
        };
        let tty = std::io::stdout().is_terminal();
        let text = crate::text::explain::render(&view, crate::text::width(tty), tty);
        let mut out = super::stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}

/// A date outside the plan, as the week choice says it.
fn outside(plan: &keel_core::plan::Plan, date: Date) -> anyhow::Error {
    let span = keel_app::today::plan_span(plan);
    match span {
        Some((first, last)) => WeeksError::OutsidePlan { date, first, last }.into(),
        None => WeeksError::Empty.into(),
    }
}
