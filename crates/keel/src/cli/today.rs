//! `keel today`: what to do today and why: the run, the strength session with loads, the
//! adjustments in force, readiness in one line, fuel for the day, and what tomorrow holds.

use crate::adapt_ctx;
use crate::settings::Global;
use anyhow::{bail, Context};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use keel_core::adapt::{self, Change, DayFuel};
use keel_core::model::{Focus, RunType, Weekday};
use keel_core::plan::{Plan, PlanDay, PlanWeek, Session, StrengthSession, Timing};
use keel_core::readiness::{self, Signal};
use keel_store::Store;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The JSON schema id of `keel today --format json`.
pub const TODAY_SCHEMA: &str = "keel.today/1";

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
    #[arg(long, value_name = "DATE")]
    pub date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Profile file to use instead of the stored one (`keel profile set FILE`).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
struct TodayJson<'a> {
    schema: &'static str,
    date: Date,
    week: Option<WeekJson>,
    readiness: String,
    rest: bool,
    sessions: &'a [Session],
    adjustments: Vec<AdjustmentJson<'a>>,
    signals: Vec<SignalJson>,
    nutrition: NutritionJson,
    tomorrow: &'a [Session],
}

#[derive(Debug, Serialize)]
struct WeekJson {
    index: u32,
    of: usize,
    phase: String,
    deload: bool,
}

#[derive(Debug, Serialize)]
struct AdjustmentJson<'a> {
    date: Date,
    rule: &'a str,
    kind: &'static str,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct SignalJson {
    name: String,
    rule: String,
    severity: readiness::Severity,
    text: String,
}

#[derive(Debug, Serialize)]
struct NutritionJson {
    day: &'static str,
    protein_g: [u32; 2],
    carbohydrate_g: [u32; 2],
}

impl TodayArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let tz = TimeZone::system();
        let date = self.date.unwrap_or_else(adapt_ctx::today);
        let mut store = global.open_store()?;
        let (profile, anchor) = match &self.profile {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("reading the profile {}", path.display()))?;
                let profile = keel_profile::parse_profile(&path.display().to_string(), &text)?;
                // Without [plan].start the plan starts in the week of the date.
                (profile, date.saturating_sub(jiff::Span::new().days(7)))
            }
            None => {
                let Some(stored) = store
                    .latest_profile()
                    .context("reading the stored profile")?
                else {
                    bail!(
                        "no profile stored: run `keel profile set FILE` first \
                         (or pass --profile FILE)"
                    );
                };
                let profile = keel_profile::parse_profile(&stored.source, &stored.toml)
                    .context("the stored profile no longer validates: store it again with `keel profile set FILE`")?;
                // Without [plan].start the plan starts the Monday after the profile was set.
                let set = stored.set_at.to_zoned(tz.clone()).date();
                (profile, set)
            }
        };
        let plan = adapt_ctx::season(&profile, anchor)?;
        let Some(wi) = week_of(&plan, date) else {
            let (first, last) = span(&plan);
            writeln!(
                std::io::stdout().lock(),
                "Nothing planned for {date}: the plan runs from {first} to {last}."
            )?;
            return Ok(ExitCode::SUCCESS);
        };
        let (adapted, inputs) = adapt_ctx::adapt(&plan, &store, date, &tz)?;
        if self.profile.is_none() {
            // Only the stored profile's plan is the one in force.
            adapt_ctx::record(&mut store, date, &adapted)?;
        }
        let mut signals: Vec<Signal> = inputs.signals.clone();
        signals.extend(run_load_signals(&plan, &inputs, wi));
        let plan = &adapted.plan;
        let today = day(plan, date).context("the date is in the plan")?;
        let tomorrow_date = date.tomorrow().ok();
        let tomorrow = tomorrow_date.and_then(|d| day(plan, d));
        let fuel = adapt::day_fuel(profile.athlete.body_mass_kg, today);
        let line = adapt::readiness_summary(&signals);
        let changes: Vec<&Change> = adapted.changes.iter().collect();
        let week = &plan.weeks[wi];
        let mut out = std::io::stdout().lock();
        match self.format {
            Format::Json => {
                let json = TodayJson {
                    schema: TODAY_SCHEMA,
                    date,
                    week: Some(WeekJson {
                        index: week.index,
                        of: plan.weeks.len(),
                        phase: week.phase.to_string(),
                        deload: week.deload,
                    }),
                    readiness: line,
                    rest: today.rest,
                    sessions: &today.sessions,
                    adjustments: changes
                        .iter()
                        .map(|c| AdjustmentJson {
                            date: c.date,
                            rule: &c.rule,
                            kind: c.kind.as_str(),
                            text: &c.text,
                        })
                        .collect(),
                    signals: signals
                        .iter()
                        .map(|s| SignalJson {
                            name: s.name.to_string(),
                            rule: s.rule.to_string(),
                            severity: s.severity,
                            text: s.text.clone(),
                        })
                        .collect(),
                    nutrition: NutritionJson {
                        day: fuel.load.as_str(),
                        protein_g: fuel.protein_g,
                        carbohydrate_g: fuel.carbohydrate_g,
                    },
                    tomorrow: tomorrow.map_or(&[], |d| d.sessions.as_slice()),
                };
                serde_json::to_writer_pretty(&mut out, &json)?;
                writeln!(out)?;
            }
            Format::Text => {
                let text = render_text(date, plan, week, today, tomorrow, &line, &changes, &fuel);
                out.write_all(text.as_bytes())?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// The `run-load-increase` signals behind the adjustments: the log's and the plan's.
fn run_load_signals(plan: &Plan, inputs: &adapt::AdaptInputs, wi: usize) -> Vec<Signal> {
    let mut out: Vec<Signal> = Vec::new();
    let planned = adapt::planned_run_load(plan, wi);
    for (basis, verdict) in inputs
        .run_load
        .iter()
        .map(|(b, v)| (b.as_str(), v))
        .chain(planned.as_ref().map(|p| ("planned", p)))
    {
        if let Some(mut s) = verdict.signal() {
            s.text = format!("{} ({basis})", s.text);
            if !out.iter().any(|o| o.text == s.text) {
                out.push(s);
            }
        }
    }
    out
}

fn week_of(plan: &Plan, date: Date) -> Option<usize> {
    plan.weeks
        .iter()
        .position(|w| w.days.iter().any(|d| d.date == date))
}

fn span(plan: &Plan) -> (String, String) {
    let first = plan.weeks.first().map(|w| w.start.to_string());
    let last = plan
        .weeks
        .last()
        .and_then(|w| w.days.last())
        .map(|d| d.date.to_string());
    (
        first.unwrap_or_else(|| "-".into()),
        last.unwrap_or_else(|| "-".into()),
    )
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
            focus_word(st.focus),
            st.intensity,
            st.minutes
        ),
    }
}

fn focus_word(f: Focus) -> &'static str {
    match f {
        Focus::Lower => "lower-body",
        Focus::Upper => "upper-body",
        Focus::Full => "full-body",
        Focus::Core => "core",
        Focus::Mobility => "mobility",
    }
}

fn strength_text(st: &StrengthSession) -> String {
    let mut s = format!(
        "Strength: {} ({}, {} min, {})\n",
        focus_word(st.focus),
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
            "  - {}: {} x {}, {} in reserve, tempo {}",
            e.name, e.sets, e.reps, e.rir, e.tempo
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
