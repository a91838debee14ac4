//! `keel today`: what to do today and why: the run, the strength session with loads, the
//! adjustments in force, readiness in one line, fuel for the day, and what tomorrow holds.

use crate::settings::{self, Global};
use anyhow::Context;
use jiff::civil::Date;
use keel_app::plan::{plan_in_force, ProfileSource};
use keel_app::today::{day_signals, outside_note, outside_plan_doc, today_doc, write_today_json};
use keel_core::adapt::{self, Change, DayFuel};
use keel_core::model::{RunType, Weekday};
use keel_core::plan::{Plan, PlanDay, PlanWeek, Session, StrengthSession, Timing};
use keel_core::rules::week::focus_phrase;
use std::io::Write;
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
                let fuel = adapt::day_fuel(body_mass, today);
                let line = adapt::readiness_summary(&signals);
                let changes: Vec<&Change> = planned.changes.iter().collect();
                let mut text = render_text(
                    date,
                    plan,
                    &plan.weeks[wi],
                    today,
                    tomorrow,
                    &line,
                    &changes,
                    &fuel,
                );
                if let Some(c) = &compliance {
                    let states = keel_app::marks::states(&store, &planned, date, date, date)?;
                    after_readiness(&mut text, &marks_lines(c, &states));
                }
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

/// Inserts `lines` after the readiness line of the day's text.
fn after_readiness(text: &mut String, lines: &[String]) {
    let at = text
        .find("Readiness: ")
        .and_then(|i| text[i..].find('\n').map(|j| i + j + 1))
        .unwrap_or(0);
    let block: String = lines.iter().map(|l| format!("{l}\n")).collect();
    text.insert_str(at, &block);
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

#[allow(clippy::too_many_arguments)]
fn render_text(
    date: Date,
    plan: &Plan,
    week: &PlanWeek,
    today: &PlanDay,
    tomorrow: Option<&PlanDay>,
    readiness: &str,
    changes: &[&Change],
    fuel: &DayFuel,
) -> String {
    let mut s = String::new();
    let deload = if week.deload { ", deload week" } else { "" };
    s.push_str(&format!(
        "{} {date}: week {} of {} ({} phase{deload})\n",
        Weekday::of(date).name(),
        week.index,
        plan.weeks.len(),
        week.phase
    ));
    s.push_str(&format!("Readiness: {readiness}\n\n"));
    if today.rest || today.sessions.is_empty() {
        s.push_str("Rest day: no run, no strength. A walk is fine.\n");
    }
    for session in &today.sessions {
        match session {
            Session::Run(r) => s.push_str(&format!("Run: {}\n", run_text(r))),
            Session::Strength(st) => s.push_str(&strength_text(st)),
        }
    }
    s.push('\n');
    if changes.is_empty() {
        s.push_str("Adjustments in force: none, the plan stands as written.\n");
    } else {
        s.push_str("Adjustments in force:\n");
        for c in changes {
            let when = if c.date == date {
                "today".to_string()
            } else {
                Weekday::of(c.date).name().to_string()
            };
            s.push_str(&format!("  - {when} [{}] {}\n", c.rule, c.text));
        }
    }
    s.push_str(&format!(
        "\nFuel ({} day): protein {}-{} g, carbohydrate {}-{} g.\n",
        fuel.load,
        fuel.protein_g[0],
        fuel.protein_g[1],
        fuel.carbohydrate_g[0],
        fuel.carbohydrate_g[1]
    ));
    match tomorrow {
        Some(t) => {
            let what: Vec<String> = t.sessions.iter().map(short).collect();
            let what = if t.rest || what.is_empty() {
                "rest day".to_string()
            } else {
                what.join(", then ")
            };
            s.push_str(&format!(
                "Tomorrow ({} {}): {what}.\n",
                Weekday::of(t.date).name(),
                t.date
            ));
        }
        None => s.push_str("Tomorrow: past the end of the plan.\n"),
    }
    s
}

fn run_text(r: &keel_core::plan::RunSession) -> String {
    let what = match r.run_type {
        RunType::Cross => "easy cross-training".to_string(),
        t => format!("{t}"),
    };
    match r.km {
        Some(km) => format!("{what}, {} min ({km:.1} km)", r.minutes),
        None => format!("{what}, {} min", r.minutes),
    }
}

fn short(s: &Session) -> String {
    match s {
        Session::Run(r) => run_text(r),
        Session::Strength(st) => format!(
            "{} strength ({}, {} min)",
            focus_phrase(st.focus),
            st.intensity,
            st.minutes
        ),
    }
}

fn strength_text(st: &StrengthSession) -> String {
    let mut s = format!(
        "Strength: {} ({}, {} min, {})\n",
        focus_phrase(st.focus),
        st.intensity,
        st.minutes,
        match st.timing {
            Timing::AfterRun => "straight after the run",
            Timing::Separate => "at least 6 h apart from the run",
        }
    );
    if !st.warm_up.is_empty() {
        s.push_str(&format!("  Warm-up: {}\n", st.warm_up.join(", ")));
    }
    for e in &st.exercises {
        s.push_str(&format!(
            "  - {}: {}{}, tempo {}",
            e.name,
            e.dose,
            keel_export::markdown::reserve_summary(e),
            e.tempo
        ));
        if let Some(load) = &e.load {
            s.push_str(&format!("; load: {load}"));
        }
        s.push('\n');
    }
    for w in &st.why {
        s.push_str(&format!("  why [{}] {}\n", w.rule, w.text));
    }
    s
}
