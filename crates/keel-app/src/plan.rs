//! The profile in force and its plan, the same for every command and page.
//!
//! # The anchor rule
//!
//! A profile with `[plan].start` starts there. Without one:
//! - a profile given as a file (`keel plan FILE`, `--profile FILE`, `--example`) starts the
//!   Monday after today, so planning a file is planning ahead from now;
//! - the stored profile (`keel profile set FILE`) starts the Monday after the local day it
//!   was stored, so its dates (and calendar UIDs) stay put from one day to the next.
//!
//! "Today" is the day the command runs (its `--today`, `keel serve --today`, or the clock),
//! not the day looked at (`keel today --date`, `/api/today?date=`). [`plan_in_force`]
//! applies the rule for `keel plan`, `keel today`, `keel export ics` and `keel serve`.

use std::sync::Arc;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use keel_core::adapt::{AdaptInputs, Change};
use keel_core::model::Profile;
use keel_core::plan::Plan;
use keel_store::Store;

use crate::AppError;

/// Where the profile in force comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    /// A profile file the user named: its name (for messages) and TOML text.
    File {
        /// The file name as shown in errors.
        name: String,
        /// The TOML text.
        text: String,
    },
    /// The latest profile stored with `keel profile set`.
    Stored,
}

/// A validated profile and the date its season is anchored on.
#[derive(Debug, Clone)]
pub struct ProfileInForce {
    /// The validated profile.
    pub profile: Profile,
    /// The profile's source name (file name).
    pub name: String,
    /// The season starts on `[plan].start`, else the Monday after this date.
    pub anchor: Date,
    /// Whether it is the stored profile (only its adjustments are recorded).
    pub stored: bool,
}

/// The date a season without `[plan].start` is anchored on: `today` for a file, the local
/// day it was stored for the stored profile (`stored_on`). See the module docs.
pub fn anchor(stored_on: Option<Date>, today: Date) -> Date {
    stored_on.unwrap_or(today)
}

/// Reads and validates the profile in force, and its anchor.
///
/// `store` is `None` when there is no training log (nothing is stored then). A file is
/// also checked against `today` (no race in the past); the stored profile is not, so an
/// old season can still be shown.
pub fn load_profile(
    store: Option<&impl Store>,
    source: &ProfileSource,
    today: Date,
    tz: &TimeZone,
) -> Result<ProfileInForce, AppError> {
    match source {
        ProfileSource::File { name, text } => {
            let profile =
                keel_profile::parse_profile_as_of(name, text, today).map_err(AppError::Profile)?;
            Ok(ProfileInForce {
                profile,
                name: name.clone(),
                anchor: anchor(None, today),
                stored: false,
            })
        }
        ProfileSource::Stored => {
            let stored = match store {
                Some(s) => s.latest_profile()?,
                None => None,
            };
            let stored = stored.ok_or(AppError::NoProfile)?;
            let profile = keel_profile::parse_profile(&stored.source, &stored.toml)
                .map_err(AppError::StoredProfile)?;
            let stored_on = stored.set_at.to_zoned(tz.clone()).date();
            Ok(ProfileInForce {
                profile,
                name: stored.source,
                anchor: anchor(Some(stored_on), today),
                stored: true,
            })
        }
    }
}

/// The season of a profile in force: from `[plan].start` or the Monday after its anchor;
/// `weeks` shortens it (see `keel_core::planner::plan_season`).
pub fn season(p: &ProfileInForce, weeks: Option<u32>) -> Result<Plan, AppError> {
    keel_core::planner::plan_season(&p.profile, p.anchor, weeks).map_err(|error| AppError::Plan {
        source_name: p.name.clone(),
        error,
    })
}

/// What a command or page needs about the plan.
///
/// The three plans are shared, not copied: without edits `base` is `season`, and without
/// adjustments `plan` is `base` (a plan of 24 weeks is thousands of allocations to clone).
#[derive(Debug, Clone)]
pub struct Planned {
    /// The profile in force.
    pub profile: ProfileInForce,
    /// The season as planned from the profile, before the runner's own edits.
    pub season: Arc<Plan>,
    /// The runner's edits (swaps and moves) read from the log; empty for a profile file.
    pub edits: crate::edits::StoredEdits,
    /// Days holding a session the runner moved there (adaptation never moves these).
    pub moved: Vec<Date>,
    /// The plan before adaptation: the season with the runner's edits laid over it.
    pub base: Arc<Plan>,
    /// The plan with the adjustments in force on the date (equal to `base` without a
    /// training log or when the date is outside the plan).
    pub plan: Arc<Plan>,
    /// The adjustments in force, each with its rule and reason.
    pub changes: Vec<Change>,
    /// What the log said (signals, soreness, loads); `None` without a training log.
    pub inputs: Option<AdaptInputs>,
}

impl Planned {
    /// Whether the plan is the stored profile's (only its adjustments are recorded).
    pub fn stored(&self) -> bool {
        self.profile.stored
    }
}

/// The profile in force, its season and the season with the runner's edits (stored
/// profile only), not adapted: `plan` is `base`, with no changes and no inputs. For what
/// needs the plan as the runner shaped it but not the day's adaptation (compliance).
pub fn edited_plan(
    store: Option<&impl Store>,
    source: &ProfileSource,
    today: Date,
    weeks: Option<u32>,
    tz: &TimeZone,
) -> Result<Planned, AppError> {
    let profile = load_profile(store, source, today, tz)?;
    let (season, edits, (base, moved)) = edited_season(store, &profile, weeks)?;
    Ok(Planned {
        profile,
        season,
        edits,
        moved,
        plan: Arc::clone(&base),
        base,
        changes: Vec::new(),
        inputs: None,
    })
}

/// A season, the runner's edits, and the season with them laid over it with the days
/// holding a session the runner moved there.
type EditedSeason = (Arc<Plan>, crate::edits::StoredEdits, (Arc<Plan>, Vec<Date>));

/// The season of `profile` and, for the stored profile, the runner's edits read from the
/// log and laid over it.
fn edited_season(
    store: Option<&impl Store>,
    profile: &ProfileInForce,
    weeks: Option<u32>,
) -> Result<EditedSeason, AppError> {
    let season = Arc::new(season(profile, weeks)?);
    // The runner's edits belong to the stored profile's plan, the one in force.
    let edits = match store {
        Some(s) if profile.stored => crate::edits::read(s)?,
        _ => crate::edits::StoredEdits::default(),
    };
    let edited = edits.apply(&season);
    Ok((season, edits, edited))
}

/// The profile in force, its season, the season with the runner's edits (stored profile
/// only: swaps and moves, see [`crate::edits`]), and that adapted to the log for `date`
/// (adaptation never moves a session the runner moved).
///
/// `today` anchors a file's season (see the module docs); `date` is the day adapted for.
/// Reads only: record the changes with [`crate::adapt::record`] when the plan is stored.
pub fn plan_in_force(
    store: Option<&impl Store>,
    source: &ProfileSource,
    today: Date,
    date: Date,
    weeks: Option<u32>,
    tz: &TimeZone,
) -> Result<Planned, AppError> {
    let profile = load_profile(store, source, today, tz)?;
    let (season, edits, (base, moved)) = edited_season(store, &profile, weeks)?;
    let in_plan = base
        .weeks
        .iter()
        .any(|w| w.days.iter().any(|d| d.date == date));
    let (plan, changes, inputs) = match store {
        Some(s) if in_plan => {
            let (adapted, inputs) = crate::adapt::adapt(&base, s, date, tz, &moved)?;
            (Arc::new(adapted.plan), adapted.changes, Some(inputs))
        }
        Some(s) => {
            let inputs = crate::adapt::load_inputs(s, Some(&base.athlete), date, tz)?;
            (Arc::clone(&base), Vec::new(), Some(inputs))
        }
        None => (Arc::clone(&base), Vec::new(), None),
    };
    Ok(Planned {
        profile,
        season,
        edits,
        moved,
        base,
        plan,
        changes,
        inputs,
    })
}

/// The plan in force on `today` (see [`plan_in_force`]) as `keel.plan/1` JSON, the whole
/// season and a newline: `keel plan --format json`.
///
/// For the stored profile in a named time zone the document is kept in the store
/// ([`crate::kept`]): run again on the same day with nothing written since, it is read
/// back instead of planned, adapted and written out again. A profile file or an example
/// is planned each time (the store cannot tell when a file changed).
pub fn season_json(
    store: Option<&impl Store>,
    source: &ProfileSource,
    today: Date,
    weeks: Option<u32>,
    tz: &TimeZone,
) -> Result<Vec<u8>, AppError> {
    let make = || {
        let planned = plan_in_force(store, source, today, today, weeks, tz)?;
        let mut out = Vec::with_capacity(1 << 16);
        keel_export::json::write_plan_json(&planned.plan, &mut out).map_err(|error| {
            AppError::Write {
                what: "plan JSON",
                error,
            }
        })?;
        Ok(out)
    };
    match (store, source, tz.iana_name()) {
        (Some(store), ProfileSource::Stored, Some(zone)) => {
            let key = format!("{today}|{zone}|{weeks:?}|");
            crate::kept::bytes_or(store, KEPT_PLAN_JSON, &key, make)
        }
        _ => make(),
    }
}

/// The name `keel plan --format json`'s document is kept under.
const KEPT_PLAN_JSON: &str = "plan-json";

/// The adjustments in force on `date` for the stored profile `profile` (already read and
/// validated): what [`plan_in_force`] gives as `changes` for it, computed without keeping
/// the season, the edited plan or the adapted one. `None` when `date` is outside the plan.
pub fn changes_in_force(
    store: &impl Store,
    profile: &ProfileInForce,
    date: Date,
    tz: &TimeZone,
) -> Result<Option<Vec<Change>>, AppError> {
    let season = season(profile, None)?;
    let edits = if profile.stored {
        crate::edits::read(store)?
    } else {
        crate::edits::StoredEdits::default()
    };
    let edited = edits.apply_owned(season);
    let in_plan = edited
        .plan
        .weeks
        .iter()
        .any(|w| w.days.iter().any(|d| d.date == date));
    if !in_plan {
        return Ok(None);
    }
    let (adapted, _) = crate::adapt::adapt_owned(edited.plan, store, date, tz, &edited.moved)?;
    Ok(Some(adapted.changes))
}
