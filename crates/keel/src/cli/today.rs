//! `keel today`: what to do today and why, on a phone screen: readiness in one line, the
//! run, the strength session with loads and cues, what changed and why, fuel, tomorrow.

use crate::settings::{self, Global};
use crate::text::today::TodayView;
use anyhow::Context;
use jiff::civil::Date;
use keel_app::plan::{plan_in_force, ProfileSource};
use keel_app::today::{day_signals, outside_note, outside_plan_doc, today_doc, write_today_json};
use keel_core::adapt;
use keel_core::plan::{Plan, PlanDay};
use keel_core::rules::week::focus_phrase;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text.
    Text,
    /// `keel.today/1` JSON.
    Json,
}

/// What to do today and why, adapted to check-ins and the log.
#[derive(Debug, clap::Args)]
pub struct TodayArgs {
    /// The day to show (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = settings::date_arg)]
    pub date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Profile file to use instead of the stored one (`keel profile set FILE`).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

impl TodayArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let mut store = global.open_store()?;
        let source = match &self.profile {
            Some(path) => settings::profile_file(path)?,
            None => ProfileSource::Stored,
        };
        // The day the command runs (in the profile's time zone) anchors a file's season;
        // `--date` is the day shown.
        let local = keel_app::clock::local_for(Some(&store), &source, &settings::clock())?;
        let (today, tz) = (local.today, local.tz);
        let date = self.date.unwrap_or(today);
        let planned = plan_in_force(Some(&store), &source, today, date, None, &tz)?;
        let (plan, base) = (&planned.plan, &planned.base);
        let Some(inputs) = planned.inputs.as_ref().filter(|_| in_plan(plan, date)) else {
            let mut out = super::stdout();
            match self.format {
                // Always JSON: the day's document, with no sessions and a note.
                Format::Json => {
                    let doc = outside_plan_doc(
                        date,
                        plan,
                        planned.inputs.as_ref(),
                        planned.profile.profile.athlete.body_mass_kg,
                    );
                    write_today_json(&doc, &mut out)?;
                }
                Format::Text => writeln!(out, "{}", outside_note(plan, date))?,
            }
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        };
        if planned.stored() {
            // Only the stored profile's plan is the one in force.
            keel_app::adapt::record(&mut store, date, &planned.changes)?;
        }
        let body_mass = planned.profile.profile.athlete.body_mass_kg;
        let mut doc = today_doc(date, base, plan, &planned.changes, inputs, body_mass)
            .context("the date is in the plan")?;
        // Done / due over the last 4 weeks: for the stored profile's plan, the one followed.
        let compliance = planned
            .stored()
            .then(|| keel_app::marks::compliance(&store, &planned, date))
            .transpose()?;
        if let Some(c) = &compliance {
            doc = doc.with_compliance(c);
        }
        let mut out = super::stdout();
        match self.format {
            Format::Json => write_today_json(&doc, &mut out)?,
            Format::Text => {
                let wi = week_of(plan, date).context("the date is in the plan")?;
                let today = day(plan, date).context("the date is in the plan")?;
                let tomorrow = date.tomorrow().ok().and_then(|d| day(plan, d));
                let signals = day_signals(base, inputs, wi);
                let compliance = match &compliance {
                    Some(c) => {
                        let states = keel_app::marks::states(&store, &planned, date, date, date)?;
                        Some(marks_lines(c, &states).join(" "))
                    }
                    None => None,
                };
                let view = TodayView {
                    plan,
                    week: &plan.weeks[wi],
                    day: today,
                    tomorrow,
                    readiness: adapt::readiness_summary(&signals),
                    compliance,
                    changes: &planned.changes,
                    fuel: adapt::day_fuel(body_mass, today),
                };
                let tty = std::io::stdout().is_terminal();
                let text = crate::text::today::render(&view, crate::text::width(tty), tty);
                out.write_all(text.as_bytes())?;
            }
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}

/// The compliance line, and how today's strength session stands once it is done or skipped.
fn marks_lines(
    c: &keel_core::marks::Compliance,
    today: &[keel_core::marks::SessionState],
) -> Vec<String> {
    use keel_core::marks::Status;
    let mut lines = vec![c.line()];
    for s in today {
        let what = match s.status {
            Status::Done => match &s.workout {
                Some(w) => format!("done (logged: {})", keel_app::text::text(w)),
                None => "done".to_string(),
            },
            Status::Skipped => match &s.note {
                Some(n) => format!("skipped ({})", keel_app::text::text(n)),
                None => "skipped".to_string(),
            },
            Status::Missed | Status::Planned => continue,
        };
        lines.push(format!(
            "Today's {} session: {what}.",
            focus_phrase(s.focus)
        ));
    }
    lines
}

fn in_plan(plan: &Plan, date: Date) -> bool {
    week_of(plan, date).is_some()
}

fn week_of(plan: &Plan, date: Date) -> Option<usize> {
    plan.weeks
        .iter()
        .position(|w| w.days.iter().any(|d| d.date == date))
}

fn day(plan: &Plan, date: Date) -> Option<&PlanDay> {
    plan.weeks
        .iter()
        .flat_map(|w| w.days.iter())
        .find(|d| d.date == date)
}
