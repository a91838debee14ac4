//! The glue between the training log and the pure adaptation engine: reads check-ins, the
//! log and the stored adjustments for `keel_core::adapt`, and records what is in force.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::ToSpan;
use keel_core::adapt::{self, AdaptInputs, Adapted, Change};
use keel_core::model::Athlete;
use keel_core::plan::Plan;
use keel_store::{NewAdjustment, Store};

use crate::AppError;

/// Days of history read for signals, load and progression (baselines need 28, the load
/// comparison 4 weeks, progression the last sessions of each exercise).
pub const HISTORY_DAYS: i64 = 120;

/// How far `keel_core::adapt::adjust` changes the plan: from the date to the end of the
/// next week at most, so the adjustments in force are synced over these days.
pub const HORIZON_DAYS: i64 = 13;

/// Everything the log says for `date` (see [`AdaptInputs::from_log`]).
pub fn load_inputs(
    store: &impl Store,
    athlete: Option<&Athlete>,
    date: Date,
    tz: &TimeZone,
) -> Result<AdaptInputs, AppError> {
    let from = date.saturating_sub(HISTORY_DAYS.days());
    let start = from
        .to_zoned(tz.clone())
        .map_err(|error| AppError::Date {
            what: "start of the history window",
            error,
        })?
        .timestamp();
    let end = date
        .saturating_add(1.day())
        .to_zoned(tz.clone())
        .map_err(|error| AppError::Date {
            what: "end of the history window",
            error,
        })?
        .timestamp();
    let checkins = store.checkins(from, date)?;
    let activities: Vec<_> = store
        .activities(start, end, false)?
        .into_iter()
        .map(|a| a.activity)
        .collect();
    let workouts: Vec<_> = store
        .workouts(from, date)?
        .into_iter()
        .map(|w| w.workout)
        .collect();
    Ok(AdaptInputs::from_log(
        date,
        &checkins,
        &activities,
        &workouts,
        athlete,
        tz,
    ))
}

/// Readiness for `date` in one line (`Readiness: ...`).
pub fn readiness_line(
    store: &impl Store,
    athlete: Option<&Athlete>,
    date: Date,
    tz: &TimeZone,
) -> Result<String, AppError> {
    let inputs = load_inputs(store, athlete, date, tz)?;
    Ok(format!(
        "Readiness: {}",
        adapt::readiness_summary(&inputs.signals)
    ))
}

/// Adapts `plan` for `date` from the log, without writing anything; `moved` are the days
/// holding a session the runner moved there (never moved again).
pub fn adapt(
    plan: &Plan,
    store: &impl Store,
    date: Date,
    tz: &TimeZone,
    moved: &[Date],
) -> Result<(Adapted, AdaptInputs), AppError> {
    adapt_owned(plan.clone(), store, date, tz, moved)
}

/// [`adapt`] taking the plan by value (no copy of it made).
pub fn adapt_owned(
    plan: Plan,
    store: &impl Store,
    date: Date,
    tz: &TimeZone,
    moved: &[Date],
) -> Result<(Adapted, AdaptInputs), AppError> {
    let mut inputs = load_inputs(store, Some(&plan.athlete), date, tz)?;
    inputs.moved = moved.to_vec();
    let adapted = adapt::adjust_owned(plan, date, &inputs);
    Ok((adapted, inputs))
}

/// Records the adjustments in force from `date` on: new ones are stored, ones that no
/// longer apply are marked inactive (their signal cleared). Only the stored profile's
/// plan is in force, so callers record only for it.
pub fn record(store: &mut impl Store, date: Date, changes: &[Change]) -> Result<(), AppError> {
    let current: Vec<NewAdjustment> = changes
        .iter()
        .map(|c| NewAdjustment {
            date: c.date,
            rule: c.rule.clone(),
            kind: c.kind.as_str().to_string(),
            text: c.text.clone(),
            detail: None,
        })
        .collect();
    store.sync_adjustments(date, date.saturating_add(HORIZON_DAYS.days()), &current)?;
    Ok(())
}
