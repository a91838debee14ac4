//! The `keel.load/1` document: the whole log read up to a date and turned into
//! `keel_core::load`'s series, so `keel load --format json` and `/api/load` print the
//! same bytes.

use std::io::{self, Write};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use keel_core::activity::StrengthWorkout;
use keel_core::load::{self, ActivitySummary, History, LoadSeries, WorkoutSummary};
use keel_core::model::{Athlete, Profile};
use keel_store::Store;

use crate::AppError;

/// The JSON schema id of the document.
pub const LOAD_SCHEMA: &str = "keel.load/1";

/// Lower bound for "all dates" queries: nothing in a training log is older.
pub const EARLIEST: Date = Date::constant(1900, 1, 1);

/// The first day shown for `weeks` weeks ending with the week of `to`.
pub fn window_start(to: Date, weeks: u32) -> Date {
    load::monday_of(to).saturating_sub((i64::from(weeks.max(1)) - 1).weeks())
}

/// The log up to a date, as the load series reads it.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Activities starting before the end of the last day, oldest first, summarised.
    pub activities: Vec<ActivitySummary>,
    /// Strength workouts dated up to the last day, oldest first, summarised (no sets).
    pub workouts: Vec<WorkoutSummary>,
}

/// The end of local day `to` in `tz`.
fn end_of(tz: &TimeZone, to: Date) -> Result<Timestamp, AppError> {
    Ok(to
        .saturating_add(1.day())
        .to_zoned(tz.clone())
        .map_err(|error| AppError::Date {
            what: "end of the load window",
            error,
        })?
        .timestamp())
}

fn activities_until(store: &impl Store, end: Timestamp) -> Result<Vec<ActivitySummary>, AppError> {
    Ok(store.activity_summaries(Timestamp::MIN, end)?)
}

/// Reads the whole log up to the end of local day `to` in `tz`, activities and workouts as
/// summaries (the store reads neither samples nor sets).
pub fn read_log(store: &impl Store, tz: &TimeZone, to: Date) -> Result<Log, AppError> {
    Ok(Log {
        activities: activities_until(store, end_of(tz, to)?)?,
        workouts: store.workout_summaries(EARLIEST, to)?,
    })
}

/// [`read_log`], and the workouts with their sets too (for what needs every set, such as
/// the estimated one-rep maxima), read once.
pub fn read_log_with_sets(
    store: &impl Store,
    tz: &TimeZone,
    to: Date,
) -> Result<(Log, Vec<StrengthWorkout>), AppError> {
    let workouts: Vec<StrengthWorkout> = store
        .workouts(EARLIEST, to)?
        .into_iter()
        .map(|w| w.workout)
        .collect();
    let log = Log {
        activities: activities_until(store, end_of(tz, to)?)?,
        workouts: workouts.iter().map(WorkoutSummary::of).collect(),
    };
    Ok((log, workouts))
}

/// The series for the `weeks` weeks ending with `to` from a log read with [`read_log`].
pub fn series_of(
    log: &Log,
    profile: Option<&Profile>,
    tz: &TimeZone,
    to: Date,
    weeks: u32,
) -> LoadSeries {
    let athlete = profile.map(|p| &p.athlete);
    let from = window_start(to, weeks);
    load::series_of_summaries(&log.activities, &log.workouts, athlete, tz, from, to)
}

/// The series for the `weeks` weeks ending with `to`, from the whole log up to the end of
/// local day `to` (fitness needs months of history); activities are bucketed by local date
/// in `tz`. `store` is `None` when there is no training log (an empty series then).
///
/// The history before the shown weeks is read as one load a day kept in the store
/// ([`Store::keep`]) at the data version it was computed at, for this time zone and heart
/// rate profile; only the shown weeks' sessions are read when it is still current. The
/// series is the same to the bit either way (`keel_core::load::series_after`).
pub fn series(
    store: Option<&impl Store>,
    profile: Option<&Profile>,
    tz: &TimeZone,
    to: Date,
    weeks: u32,
) -> Result<LoadSeries, AppError> {
    let Some(store) = store else {
        return Ok(series_of(&Log::default(), profile, tz, to, weeks));
    };
    let athlete = profile.map(|p| &p.athlete);
    let from = window_start(to, weeks);
    let monday = load::monday_of(from);
    let history = history(store, athlete, tz, monday)?;
    let activities = store.activity_summaries(start_of(tz, monday)?, end_of(tz, to)?)?;
    let workouts = store.workout_summaries(monday, to)?;
    Ok(load::series_after(
        &history,
        &activities,
        &workouts,
        athlete,
        tz,
        from,
        to,
    ))
}

/// The name the load history is kept under.
const KEPT_HISTORY: &str = "load-history";

/// The start of local day `date` in `tz`.
fn start_of(tz: &TimeZone, date: Date) -> Result<Timestamp, AppError> {
    Ok(date
        .to_zoned(tz.clone())
        .map_err(|error| AppError::Date {
            what: "start of the load window",
            error,
        })?
        .timestamp())
}

/// The daily loads before `monday`: kept ones when computed at the current data version for
/// the same time zone, heart-rate profile and Monday by this build (see [`crate::kept`]), else read from the log and kept
/// (best effort: a store that cannot keep it is read again next time).
fn history(
    store: &impl Store,
    athlete: Option<&Athlete>,
    tz: &TimeZone,
    monday: Date,
) -> Result<History, AppError> {
    let version = store.data_version()?;
    // A zone without a name (a fixed offset, an unnamed system zone) is not kept.
    let key = tz.iana_name().map(|zone| {
        let hr = athlete.map(load::HrProfile::of);
        format!("{}|{zone}|{hr:?}|", crate::kept::BUILD)
    });
    if let Some(key) = &key {
        if let Some((kept_at, body)) = store.kept(KEPT_HISTORY)? {
            let kept = body
                .strip_prefix(key.as_bytes())
                .and_then(History::from_bytes)
                .filter(|h| kept_at == version && h.until == monday);
            if let Some(h) = kept {
                return Ok(h);
            }
        }
    }
    let activities = store.activity_summaries(Timestamp::MIN, start_of(tz, monday)?)?;
    let workouts = store.workout_summaries(EARLIEST, monday.saturating_sub(1.day()))?;
    let history = History::before(&activities, &workouts, athlete, tz, monday);
    if let Some(key) = key {
        let mut body = key.into_bytes();
        body.extend_from_slice(&history.to_bytes());
        // A cache: a read-only or busy database keeps nothing, and the series stands.
        let _ = store.keep(KEPT_HISTORY, version, &body);
    }
    Ok(history)
}

#[derive(serde::Serialize)]
struct LoadDoc<'a> {
    schema: &'static str,
    #[serde(flatten)]
    series: &'a LoadSeries,
    /// Strength sessions done over the 4 weeks ending on the last day (with a stored profile).
    #[serde(skip_serializing_if = "Option::is_none")]
    compliance: Option<crate::marks::ComplianceJson>,
}

/// Compliance for `keel load` and `/api/load`: the stored profile's plan in force (with the
/// runner's edits), over the 4 weeks ending `to`. `None` without a stored profile that
/// plans, or when `to` is before the season.
pub fn compliance(
    store: &impl Store,
    today: Date,
    to: Date,
    tz: &TimeZone,
) -> Result<Option<keel_core::marks::Compliance>, AppError> {
    let planned = match crate::plan::edited_plan(
        Some(store),
        &crate::plan::ProfileSource::Stored,
        today,
        None,
        tz,
    ) {
        Ok(p) => p,
        Err(AppError::Store(e)) => return Err(AppError::Store(e)),
        Err(_) => return Ok(None),
    };
    let starts = crate::today::plan_span(&planned.base).map(|(first, _)| first);
    if starts.is_none_or(|first| to < first) {
        return Ok(None);
    }
    crate::marks::compliance(store, &planned, to).map(Some)
}

/// Writes the document as pretty JSON and a newline; `compliance` is added when known.
pub fn write_load_json(
    series: &LoadSeries,
    compliance: Option<&keel_core::marks::Compliance>,
    mut out: impl Write,
) -> io::Result<()> {
    let doc = LoadDoc {
        schema: LOAD_SCHEMA,
        series,
        compliance: compliance.map(Into::into),
    };
    keel_export::pretty::to_writer(&mut out, &doc)?;
    out.write_all(b"\n")
}
