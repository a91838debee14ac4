//! The glue between the training log and the pure adaptation engine: reads check-ins, the log
//! and the stored adjustments, calls `keel_core::adapt`, and records what is in force.
//!
//! Used by `keel checkin`, `keel today` and `keel plan`; holds no rules of its own.

use crate::settings::Global;
use anyhow::Context;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{ToSpan, Zoned};
use keel_core::adapt::{self, AdaptInputs, Adapted};
use keel_core::model::{Athlete, Profile};
use keel_core::plan::Plan;
use keel_core::planner;
use keel_store::{NewAdjustment, Store};

/// Days of history read for signals, load and progression (baselines need 28, the load
/// comparison 4 weeks, progression the last sessions of each exercise).
pub const HISTORY_DAYS: i64 = 120;

/// Today's local date: the only place the adaptation path reads the clock.
pub fn today() -> Date {
    Zoned::now().date()
}

/// The season for `profile`, starting at `[plan].start` or else the Monday after `anchor`.
pub fn season(profile: &Profile, anchor: Date) -> anyhow::Result<Plan> {
    planner::plan_season(profile, anchor, None).context("planning the season")
}

/// Everything the log says for `date` (see [`AdaptInputs::from_log`]).
pub fn load_inputs(
    store: &impl Store,
    athlete: Option<&Athlete>,
    date: Date,
    tz: &TimeZone,
) -> anyhow::Result<AdaptInputs> {
    let from = date.saturating_sub(HISTORY_DAYS.days());
    let checkins = store.checkins(from, date).context("reading check-ins")?;
    let start = from
        .to_zoned(tz.clone())
        .context("start of the history window")?
        .timestamp();
    let end = date
        .saturating_add(1.day())
        .to_zoned(tz.clone())
        .context("end of the history window")?
        .timestamp();
    let activities: Vec<_> = store
        .activities(start, end, false)
        .context("reading activities")?
        .into_iter()
        .map(|a| a.activity)
        .collect();
    let workouts: Vec<_> = store
        .workouts(from, date)
        .context("reading strength workouts")?
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

/// Readiness for `date` in one line, or `None` when the log holds nothing to judge by.
pub fn readiness_line(
    store: &impl Store,
    athlete: Option<&Athlete>,
    date: Date,
    tz: &TimeZone,
) -> anyhow::Result<String> {
    let inputs = load_inputs(store, athlete, date, tz)?;
    Ok(format!(
        "Readiness: {}",
        adapt::readiness_summary(&inputs.signals)
    ))
}

/// Adapts `plan` for `date` from the log, without writing anything.
pub fn adapt(
    plan: &Plan,
    store: &impl Store,
    date: Date,
    tz: &TimeZone,
) -> anyhow::Result<(Adapted, AdaptInputs)> {
    let inputs = load_inputs(store, Some(&plan.athlete), date, tz)?;
    let adapted = adapt::adjust(plan, date, &inputs);
    Ok((adapted, inputs))
}

/// Records the adjustments in force from `date` on: new ones are stored, ones that no longer
/// apply are marked inactive (the signal cleared).
pub fn record(store: &mut impl Store, date: Date, adapted: &Adapted) -> anyhow::Result<()> {
    let current: Vec<NewAdjustment> = adapted
        .changes
        .iter()
        .map(|c| NewAdjustment {
            date: c.date,
            rule: c.rule.clone(),
            kind: c.kind.as_str().to_string(),
            text: c.text.clone(),
            detail: None,
        })
        .collect();
    // The horizon of `adjust`: from the date to the end of the next week at most.
    let to = date.saturating_add(13.days());
    store
        .sync_adjustments(date, to, &current)
        .context("recording the adjustments in force")?;
    Ok(())
}

/// `keel plan`: when the data directory holds a training log and `date` falls in the plan,
/// the plan with the adjustments in force for the current week; else the plan unchanged.
/// Reads only: a plan of another profile must not replace the stored adjustments.
pub fn apply(plan: Plan, global: &Global, date: Date) -> anyhow::Result<Plan> {
    let in_plan = plan
        .weeks
        .iter()
        .any(|w| w.days.iter().any(|d| d.date == date));
    if !in_plan {
        return Ok(plan);
    }
    let Some(store) = global.open_existing_store()? else {
        return Ok(plan);
    };
    let (adapted, _) = adapt(&plan, &store, date, &TimeZone::system())?;
    Ok(adapted.plan)
}
