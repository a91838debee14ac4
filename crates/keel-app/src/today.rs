//! The `keel.today/1` JSON document: what to do on a date and why, from an adapted plan.
//!
//! Built from values only (the adapted plan, its changes, the adaptation inputs), so that
//! `keel today` (text and `--format json`) and the web app's `/api/today` read the same
//! signals and print the same bytes.

use std::io::{self, Write};

use jiff::civil::Date;
use keel_core::adapt::{self, AdaptInputs, Change};
use keel_core::plan::{Plan, PlanDay, Session};
use keel_core::readiness::{self, Signal};
use serde::Serialize;

/// The JSON schema id of the document.
pub const TODAY_SCHEMA: &str = "keel.today/1";

/// The document. Field order is the contract's order.
#[derive(Debug, Serialize)]
pub struct TodayDoc<'a> {
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
    /// Strength sessions done over the last 4 weeks (the stored profile's plan, with a log).
    #[serde(skip_serializing_if = "Option::is_none")]
    compliance: Option<crate::marks::ComplianceJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl TodayDoc<'_> {
    /// The document with the compliance figure (done / due over the last 4 weeks).
    pub fn with_compliance(mut self, c: &keel_core::marks::Compliance) -> Self {
        self.compliance = Some(c.into());
        self
    }
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

/// The signals behind the day: readiness from the log, plus the `run-load-increase`
/// verdicts (logged and planned), each saying where it comes from.
pub fn day_signals(base_plan: &Plan, inputs: &AdaptInputs, week: usize) -> Vec<Signal> {
    let mut out: Vec<Signal> = inputs.signals.clone();
    let mut load: Vec<Signal> = Vec::new();
    let planned = adapt::planned_run_load(base_plan, week);
    for (basis, verdict) in inputs
        .run_load
        .iter()
        .map(|(b, v)| (b.as_str(), v))
        .chain(planned.as_ref().map(|p| ("planned", p)))
    {
        if let Some(mut s) = verdict.signal() {
            s.text = format!("{} ({basis})", s.text);
            if !load.iter().any(|o| o.text == s.text) {
                load.push(s);
            }
        }
    }
    out.extend(load);
    out
}

fn day(plan: &Plan, date: Date) -> Option<&PlanDay> {
    plan.weeks
        .iter()
        .flat_map(|w| w.days.iter())
        .find(|d| d.date == date)
}

/// The document for `date`, or `None` when the date is outside the plan.
///
/// `base_plan` is the plan before adaptation (its planned load increase is a signal);
/// `adapted` and `changes` come from [`keel_core::adapt::adjust`] for the same date.
pub fn today_doc<'a>(
    date: Date,
    base_plan: &Plan,
    adapted: &'a Plan,
    changes: &'a [Change],
    inputs: &AdaptInputs,
    body_mass_kg: f64,
) -> Option<TodayDoc<'a>> {
    let wi = adapted
        .weeks
        .iter()
        .position(|w| w.days.iter().any(|d| d.date == date))?;
    let today = day(adapted, date)?;
    let tomorrow = date.tomorrow().ok().and_then(|d| day(adapted, d));
    let signals = day_signals(base_plan, inputs, wi);
    let fuel = adapt::day_fuel(body_mass_kg, today);
    let week = &adapted.weeks[wi];
    Some(TodayDoc {
        schema: TODAY_SCHEMA,
        date,
        week: Some(WeekJson {
            index: week.index,
            of: adapted.weeks.len(),
            phase: week.phase.to_string(),
            deload: week.deload,
        }),
        readiness: adapt::readiness_summary(&signals),
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
        signals: signals_json(&signals),
        nutrition: nutrition_json(&fuel),
        tomorrow: tomorrow.map_or(&[], |d| d.sessions.as_slice()),
        compliance: None,
        note: None,
    })
}

fn signals_json(signals: &[Signal]) -> Vec<SignalJson> {
    signals
        .iter()
        .map(|s| SignalJson {
            name: s.name.to_string(),
            rule: s.rule.to_string(),
            severity: s.severity,
            text: s.text.clone(),
        })
        .collect()
}

fn nutrition_json(fuel: &adapt::DayFuel) -> NutritionJson {
    NutritionJson {
        day: fuel.load.as_str(),
        protein_g: fuel.protein_g,
        carbohydrate_g: fuel.carbohydrate_g,
    }
}

/// The days the plan covers, as `(first, last)`.
pub fn plan_span(plan: &Plan) -> Option<(Date, Date)> {
    let first = plan.weeks.first()?.days.first()?.date;
    let last = plan.weeks.last()?.days.last()?.date;
    Some((first, last))
}

/// Why nothing is planned on `date`: before the season starts, or after it ended.
pub fn outside_note(plan: &Plan, date: Date) -> String {
    match plan_span(plan) {
        Some((first, _)) if date < first => {
            format!("Nothing planned for {date}: the season starts on {first}.")
        }
        Some((first, last)) => {
            format!("Nothing planned for {date}: the plan runs from {first} to {last}.")
        }
        None => format!("Nothing planned for {date}: the plan has no weeks."),
    }
}

/// The document for a date outside the plan (before the season starts, or after it): no
/// week and no sessions, a `note` saying why, readiness and signals from the log when
/// there is one, fuel for a day without training, and tomorrow's sessions when the season
/// starts tomorrow. `--format json` and `/api/today` stay JSON on every day.
pub fn outside_plan_doc<'a>(
    date: Date,
    adapted: &'a Plan,
    inputs: Option<&AdaptInputs>,
    body_mass_kg: f64,
) -> TodayDoc<'a> {
    let signals: Vec<Signal> = inputs.map(|i| i.signals.clone()).unwrap_or_default();
    let rest_day = PlanDay {
        date,
        weekday: keel_core::model::Weekday::of(date),
        rest: false,
        sessions: Vec::new(),
    };
    let fuel = adapt::day_fuel(body_mass_kg, &rest_day);
    let tomorrow = date.tomorrow().ok().and_then(|d| day(adapted, d));
    TodayDoc {
        schema: TODAY_SCHEMA,
        date,
        week: None,
        readiness: adapt::readiness_summary(&signals),
        rest: false,
        sessions: &[],
        adjustments: Vec::new(),
        signals: signals_json(&signals),
        nutrition: nutrition_json(&fuel),
        tomorrow: tomorrow.map_or(&[], |d| d.sessions.as_slice()),
        compliance: None,
        note: Some(outside_note(adapted, date)),
    }
}

/// Writes the document as pretty JSON and a newline (as `keel today --format json`).
pub fn write_today_json(doc: &TodayDoc<'_>, mut out: impl Write) -> io::Result<()> {
    keel_export::pretty::to_writer(&mut out, doc)?;
    out.write_all(b"\n")
}
