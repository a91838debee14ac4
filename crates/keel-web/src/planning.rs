//! The profile and plan a request works from, adapted to the log as `keel today` does:
//! the `--profile` file when given, else the stored profile; planned by keel-core; then
//! adjusted for today from check-ins and the log (`keel_core::adapt`).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::ToSpan;
use keel_core::adapt::{self, AdaptInputs, Change};
use keel_core::model::Profile;
use keel_core::plan::Plan;
use keel_store::{NewAdjustment, SqliteStore, Store};

use crate::error::AppError;
use crate::state::AppState;

/// Days of history read for signals, load and progression (as the CLI reads).
const HISTORY_DAYS: i64 = 120;

/// What a page needs about the plan.
pub struct Planned {
    /// The validated profile.
    pub profile: Profile,
    /// The plan before adaptation.
    pub base: Plan,
    /// The plan with today's adjustments applied (equal to `base` outside the plan).
    pub plan: Plan,
    /// The adjustments in force, each with its rule and reason.
    pub changes: Vec<Change>,
    /// What the log said (signals, soreness, loads).
    pub inputs: AdaptInputs,
    /// Whether the profile is the stored one (only its adjustments are recorded).
    pub stored: bool,
}

/// The profile in force, its plan, and the plan adapted for `today`.
///
/// The plan's anchor follows `keel today`: without `[plan].start`, a stored profile's
/// season starts the Monday after it was stored, a `--profile` file's in this week.
pub async fn profile_and_plan(state: &AppState, today: Date) -> Result<Planned, AppError> {
    let file = state.config().profile.clone();
    state
        .db(move |s| {
            let tz = TimeZone::system();
            let (source, toml, anchor, stored) = match file {
                Some((name, toml)) => (name, toml, today.saturating_sub(7.days()), false),
                None => {
                    let p = s.latest_profile()?.ok_or(AppError::NoProfile)?;
                    let set = p.set_at.to_zoned(tz.clone()).date();
                    (p.source, p.toml, set, true)
                }
            };
            let profile = keel_profile::parse_profile(&source, &toml)
                .map_err(|e| AppError::Profile(e.to_string()))?;
            let base = keel_core::planner::plan_season(&profile, anchor, None)
                .map_err(|e| AppError::Profile(e.to_string()))?;
            let inputs = load_inputs(s, Some(&base.athlete), today, &tz)?;
            let adapted = adapt::adjust(&base, today, &inputs);
            Ok(Planned {
                profile,
                base,
                plan: adapted.plan,
                changes: adapted.changes,
                inputs,
                stored,
            })
        })
        .await
}

/// Everything the log says for `date` (check-ins, activities, workouts of the last months).
pub fn load_inputs(
    s: &SqliteStore,
    athlete: Option<&keel_core::model::Athlete>,
    date: Date,
    tz: &TimeZone,
) -> Result<AdaptInputs, AppError> {
    let from = date.saturating_sub(HISTORY_DAYS.days());
    let ts = |d: Date| {
        d.to_zoned(tz.clone())
            .map(|z| z.timestamp())
            .map_err(|e| AppError::internal("date", e))
    };
    let checkins = s.checkins(from, date)?;
    let activities: Vec<_> = s
        .activities(ts(from)?, ts(date.saturating_add(1.day()))?, false)?
        .into_iter()
        .map(|a| a.activity)
        .collect();
    let workouts: Vec<_> = s
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

/// Records the adjustments in force from `date` (as `keel today` does), so the CLI and
/// the web agree on what is in force and cleared signals undo their changes.
pub fn record(s: &mut SqliteStore, date: Date, changes: &[Change]) -> Result<(), AppError> {
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
    s.sync_adjustments(date, date.saturating_add(13.days()), &current)?;
    Ok(())
}
