//! Training load: session-RPE load per session and day, weekly totals, monotony and strain,
//! the acute:chronic workload ratio, fitness/fatigue/form, and estimated one-rep maxima.
//!
//! Pure functions over values: dates and the time zone are parameters, nothing reads the clock.
//! Formulas and their sources are in `shared/spec/research.md`; every number here that comes
//! from practice rather than a primary paper says so in its doc comment.
//!
//! Units: load in arbitrary units (AU) = RPE (CR-10) x minutes (Foster 2001). Loads are never
//! negative: RPE is clamped to 0..=10 and durations to >= 0, and non-finite inputs count as
//! missing.

use crate::activity::{Activity, SetType, Sport, StrengthWorkout};
use crate::model::{Athlete, RunType, Sex};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;
use std::collections::BTreeMap;

/// Resting heart rate assumed when the profile gives none, in bpm.
///
/// 60 bpm is the usual textbook adult value; trained runners are often lower, which makes
/// the estimate slightly conservative (a lower HRrest would raise HRr and the load).
pub const DEFAULT_HR_REST: f64 = 60.0;

/// HR reserve fraction of a typical easy run, the calibration point of [`trimp_rpe`].
///
/// Easy running is commonly prescribed at 60-70% of heart-rate reserve (Karvonen); 0.65 is
/// the middle.
pub const TRIMP_CALIBRATION_HRR: f64 = 0.65;

/// The CR-10 RPE an easy run at [`TRIMP_CALIBRATION_HRR`] maps to (the middle of 3-4).
pub const TRIMP_CALIBRATION_RPE: f64 = 3.5;

/// Session RPE assumed for a strength workout with no effort logged at all (CR-10 "hard"
/// is 5): a moderate, sustainable session.
pub const STRENGTH_DEFAULT_RPE: f64 = 5.0;

/// Minutes a working set (normal or to failure) takes including its rest, used to estimate
/// a strength workout's duration when none was recorded (3 sets x 6 exercises ~ 55 min).
pub const MINUTES_PER_WORKING_SET: f64 = 3.0;

/// Minutes a warm-up or drop set takes including its rest, for the same estimate.
pub const MINUTES_PER_LIGHT_SET: f64 = 1.5;

/// Days of data before the acute:chronic ratio is shown (one chronic window).
pub const ACWR_WARMUP_DAYS: i64 = 28;

/// Acute window for the ACWR, days (Williams 2017: lambda = 2/(7+1) = 0.25).
pub const ACUTE_DAYS: u32 = 7;

/// Chronic window for the ACWR, days (Williams 2017: lambda = 2/(28+1) ~ 0.069).
pub const CHRONIC_DAYS: u32 = 28;

/// Fitness (CTL) time constant, days (Banister; TrainingPeaks).
pub const FITNESS_DAYS: u32 = 42;

/// Fatigue (ATL) time constant, days.
pub const FATIGUE_DAYS: u32 = 7;

/// Monotony above which practice (not Foster's paper) considers a week too uniform.
pub const MONOTONY_RULE_OF_THUMB: f64 = 2.0;

/// How to label [`MONOTONY_RULE_OF_THUMB`] wherever it is shown.
pub const MONOTONY_NOTE: &str = "the 2.0 monotony threshold is a rule of thumb from coaching \
practice, not from Foster's study";

/// The caveat shown with every acute:chronic ratio. Nothing in keel gates on the ratio.
pub const ACWR_CAVEAT: &str = "The acute:chronic ratio is a trend, not a verdict: its \
'sweet spot' (0.8-1.3) and 'danger zone' (1.5+) are contested, and Impellizzeri et al. 2020 \
(Sports Medicine) found it predicts injury no better than chance-like baselines. keel shows it \
but never decides on it alone.";

/// How fitness and fatigue are smoothed, for display next to them.
pub const FITNESS_NOTE: &str = "fitness (CTL, 42 days) and fatigue (ATL, 7 days) use \
Banister/TrainingPeaks smoothing x += (load - x)/N, which differs from the Williams EWMA \
(lambda = 2/(N+1)) used for the acute:chronic ratio; form = fitness - fatigue";

/// Where a session's RPE came from, so output can say how much to trust the load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LoadSource {
    /// RPE logged by the runner (manual log, or recorded in the file).
    LoggedRpe,
    /// Perceived exertion from a Strava export's `activities.csv`.
    StravaRpe,
    /// Estimated from average heart rate with Banister TRIMP, scaled to session-RPE units.
    TrimpEstimate,
    /// A default RPE for the run type or sport; the weakest estimate.
    RunTypeDefault,
    /// A strength workout's RPE derived from its sets' RPE or reps in reserve.
    SetRpe,
    /// A strength workout with no effort logged: [`STRENGTH_DEFAULT_RPE`].
    StrengthDefault,
}

impl LoadSource {
    /// The stable id used in output (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            LoadSource::LoggedRpe => "logged-rpe",
            LoadSource::StravaRpe => "strava-rpe",
            LoadSource::TrimpEstimate => "trimp-estimate",
            LoadSource::RunTypeDefault => "run-type-default",
            LoadSource::SetRpe => "set-rpe",
            LoadSource::StrengthDefault => "strength-default",
        }
    }

    /// A few words for people: where the number came from.
    pub fn describe(self) -> &'static str {
        match self {
            LoadSource::LoggedRpe => "RPE from the log",
            LoadSource::StravaRpe => "Strava perceived exertion",
            LoadSource::TrimpEstimate => "estimated from heart rate, Banister TRIMP",
            LoadSource::RunTypeDefault => "default RPE for the run type",
            LoadSource::SetRpe => "from the sets' RPE / reps in reserve",
            LoadSource::StrengthDefault => "default strength RPE",
        }
    }
}

impl std::fmt::Display for LoadSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Heart-rate anchors for TRIMP.
///
/// Invariant: `max_bpm > rest_bpm` is not guaranteed (profiles can be wrong); functions that
/// need the reserve return `None` when it is not positive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HrProfile {
    /// Resting heart rate, bpm.
    pub rest_bpm: f64,
    /// Maximum heart rate, bpm.
    pub max_bpm: f64,
    /// Sex, for the Banister weighting; `None` uses the mean of both weightings.
    pub sex: Option<Sex>,
    /// Whether `rest_bpm` is [`DEFAULT_HR_REST`] rather than the runner's own.
    pub rest_is_default: bool,
    /// Whether `max_bpm` is estimated from age ([`hr_max_estimate`]).
    pub max_is_estimate: bool,
}

impl HrProfile {
    /// The athlete's anchors: their own values where given, else the documented defaults.
    pub fn of(athlete: &Athlete) -> HrProfile {
        HrProfile {
            rest_bpm: athlete.hr_rest.map_or(DEFAULT_HR_REST, f64::from),
            max_bpm: athlete
                .hr_max
                .map_or_else(|| hr_max_estimate(athlete.age), f64::from),
            sex: athlete.sex,
            rest_is_default: athlete.hr_rest.is_none(),
            max_is_estimate: athlete.hr_max.is_none(),
        }
    }
}

/// HRmax estimated from age: 206.9 - 0.67 x age (Gellish et al. 2007).
pub fn hr_max_estimate(age: u32) -> f64 {
    206.9 - 0.67 * f64::from(age)
}

/// Heart-rate reserve fraction HRr = (HR - HRrest) / (HRmax - HRrest), clamped to 0..=1.
///
/// `None` when the reserve is not positive or an input is not finite.
pub fn hr_reserve_fraction(hr: f64, rest: f64, max: f64) -> Option<f64> {
    if !(hr.is_finite() && rest.is_finite() && max.is_finite()) || max <= rest {
        return None;
    }
    Some(((hr - rest) / (max - rest)).clamp(0.0, 1.0))
}

/// Banister's intensity weighting: 0.64 e^(1.92 HRr) for men, 0.86 e^(1.67 HRr) for women.
///
/// Unknown sex uses the mean of the two curves: they cross near HRr 0.9, so the mean stays
/// within a few percent of either over the usual training range and picks no side.
pub fn banister_weight(hrr: f64, sex: Option<Sex>) -> f64 {
    let male = 0.64 * (1.92 * hrr).exp();
    let female = 0.86 * (1.67 * hrr).exp();
    match sex {
        Some(Sex::Male) => male,
        Some(Sex::Female) => female,
        None => (male + female) / 2.0,
    }
}

/// Banister TRIMP = minutes x HRr x weighting(HRr).
pub fn banister_trimp(minutes: f64, hrr: f64, sex: Option<Sex>) -> f64 {
    minutes.max(0.0) * hrr * banister_weight(hrr, sex)
}

/// The CR-10 RPE equivalent of a heart-rate reserve fraction, so that TRIMP and session-RPE
/// loads add up in one currency.
///
/// Scaling: RPE = 3.5 x (HRr x w(HRr)) / (0.65 x w(0.65)), clamped to 0..=10, where w is
/// [`banister_weight`] for the runner's sex. An easy run at 65% of HR reserve thus maps to
/// RPE 3.5, and the Banister curve sets how much harder running costs above that; a whole
/// session's load is this RPE x minutes, i.e. TRIMP x 3.5 / (0.65 x w(0.65)). For men that
/// factor is 2.415 (HRr 0.9 -> RPE 7.8, HRr 1.0 -> 10.5, clamped to 10).
pub fn trimp_rpe(hrr: f64, sex: Option<Sex>) -> f64 {
    let reference = TRIMP_CALIBRATION_HRR * banister_weight(TRIMP_CALIBRATION_HRR, sex);
    (TRIMP_CALIBRATION_RPE * hrr * banister_weight(hrr, sex) / reference).clamp(0.0, 10.0)
}

/// The RPE assumed for an activity with neither RPE nor heart rate.
///
/// By run type when known (recovery 2, easy and cross-training 3, long 4, tempo and hills 6,
/// intervals 7, race 9), else by sport (walk 2, other sports and untyped runs 3).
pub fn default_rpe(sport: Sport, run_type: Option<RunType>) -> f64 {
    match run_type {
        Some(RunType::Rest) => 0.0,
        Some(RunType::Recovery) => 2.0,
        Some(RunType::Easy) | Some(RunType::Cross) => 3.0,
        Some(RunType::Long) => 4.0,
        Some(RunType::Tempo) | Some(RunType::Hills) => 6.0,
        Some(RunType::Intervals) => 7.0,
        Some(RunType::Race) => 9.0,
        None => match sport {
            Sport::Walk => 2.0,
            Sport::Strength => STRENGTH_DEFAULT_RPE,
            _ => 3.0,
        },
    }
}

/// Session-RPE load = RPE x minutes, in AU; never negative (RPE clamped to 0..=10).
pub fn session_rpe_load(rpe: f64, minutes: f64) -> f64 {
    clean_rpe(rpe).unwrap_or(0.0) * clean_nonneg(minutes)
}

/// One session's load and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionLoad {
    /// Sport; logged strength workouts are `strength`.
    pub sport: Sport,
    /// Name from the file, export or log, when there is one.
    pub name: Option<String>,
    /// Run type, when known.
    pub run_type: Option<RunType>,
    /// Minutes counted (moving time when known, else elapsed; strength: recorded or estimated).
    pub minutes: f64,
    /// Whether `minutes` was estimated from the sets rather than recorded.
    pub minutes_estimated: bool,
    /// The RPE used, 0..=10.
    pub rpe: f64,
    /// Session-RPE load, AU.
    pub load: f64,
    /// Where `rpe` came from.
    pub source: LoadSource,
    /// Distance in kilometres, when known.
    pub distance_km: Option<f64>,
}

/// What the load of an activity needs, without its samples, laps or other figures: a store
/// can read just these columns for the whole history.
///
/// Invariant: it equals [`ActivitySummary::of`] the activity it summarises.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivitySummary {
    /// Exported by Strava (its source starts with `strava:`): its RPE is Strava's.
    pub from_strava: bool,
    /// Sport.
    pub sport: Sport,
    /// Activity name, when known.
    pub name: Option<String>,
    /// Start time.
    pub start: Timestamp,
    /// Elapsed seconds.
    pub elapsed_s: f64,
    /// Moving seconds, when known.
    pub moving_s: Option<f64>,
    /// Distance in metres, when known.
    pub distance_m: Option<f64>,
    /// Average heart rate, when recorded.
    pub avg_hr: Option<u16>,
    /// Session RPE, when logged or exported.
    pub rpe: Option<f64>,
    /// Run type, when known.
    pub run_type: Option<RunType>,
}

impl ActivitySummary {
    /// The summary of an activity.
    pub fn of(a: &Activity) -> ActivitySummary {
        ActivitySummary {
            from_strava: a.source.starts_with("strava:"),
            sport: a.sport,
            name: a.name.clone(),
            start: a.start,
            elapsed_s: a.elapsed_s,
            moving_s: a.moving_s,
            distance_m: a.distance_m,
            avg_hr: a.avg_hr,
            rpe: a.rpe,
            run_type: a.run_type,
        }
    }
}

/// The load of one activity: its RPE when logged or exported, else a heart-rate estimate
/// (needs an average HR and `hr`), else the default for its run type.
///
/// Minutes are moving time when known (stops at lights are not training), else elapsed time.
pub fn activity_load(activity: &Activity, hr: Option<&HrProfile>) -> SessionLoad {
    summary_activity_load(&ActivitySummary::of(activity), hr)
}

/// [`activity_load`] from an activity's summary.
pub fn summary_activity_load(activity: &ActivitySummary, hr: Option<&HrProfile>) -> SessionLoad {
    let (minutes, rpe, source) = activity_effort(activity, hr);
    SessionLoad {
        sport: activity.sport,
        name: activity.name.clone(),
        run_type: activity.run_type,
        minutes,
        minutes_estimated: false,
        rpe,
        load: rpe * minutes,
        source,
        distance_km: activity
            .distance_m
            .filter(|d| d.is_finite() && *d >= 0.0)
            .map(|d| d / 1000.0),
    }
}

/// Minutes, RPE and its source of an activity (see [`activity_load`]).
fn activity_effort(activity: &ActivitySummary, hr: Option<&HrProfile>) -> (f64, f64, LoadSource) {
    let minutes = clean_nonneg(activity.moving_s.unwrap_or(activity.elapsed_s)) / 60.0;
    let (rpe, source) = if let Some(rpe) = activity.rpe.and_then(clean_rpe) {
        let source = if activity.from_strava {
            LoadSource::StravaRpe
        } else {
            LoadSource::LoggedRpe
        };
        (rpe, source)
    } else if let Some(hrr) = hr.and_then(|p| {
        activity
            .avg_hr
            .filter(|&h| h > 0)
            .and_then(|h| hr_reserve_fraction(f64::from(h), p.rest_bpm, p.max_bpm))
    }) {
        let sex = hr.and_then(|p| p.sex);
        (trimp_rpe(hrr, sex), LoadSource::TrimpEstimate)
    } else {
        (
            default_rpe(activity.sport, activity.run_type),
            LoadSource::RunTypeDefault,
        )
    };
    (minutes, rpe, source)
}

/// The RPE of a logged set: its RPE, else 10 - reps in reserve (Zourdos 2016), clamped.
pub fn set_rpe(rpe: Option<f64>, rir: Option<f64>) -> Option<f64> {
    rpe.and_then(clean_rpe).or_else(|| {
        rir.filter(|r| r.is_finite())
            .and_then(|r| clean_rpe(10.0 - r))
    })
}

/// What the load of a strength workout needs, without its sets: a store can aggregate it
/// in one query instead of reading every set of the log.
///
/// Invariant: it equals [`WorkoutSummary::of`] the workout it summarises, `rpe_sum` bit
/// for bit (a [`CompensatedSum`] of the rated working sets' RPEs in set order).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkoutSummary {
    /// Where it came from: a file name, `manual` or `strava:<file>`.
    pub source: String,
    /// Local date of the workout.
    pub date: Date,
    /// Workout name.
    pub name: String,
    /// Duration in seconds, when recorded.
    pub duration_s: Option<f64>,
    /// Session RPE, when logged.
    pub rpe: Option<f64>,
    /// Normal and failure sets.
    pub working_sets: u32,
    /// Warm-up and drop sets.
    pub light_sets: u32,
    /// Working sets with an RPE or reps in reserve ([`set_rpe`] is `Some`).
    pub rated_sets: u32,
    /// The [`CompensatedSum`] of those sets' [`set_rpe`], in set order (0 without any).
    pub rpe_sum: f64,
}

impl WorkoutSummary {
    /// The summary of a workout with its sets.
    pub fn of(workout: &StrengthWorkout) -> WorkoutSummary {
        let tally = SetTally::of(workout.sets.iter().map(|s| (s.set_type, s.rpe, s.rir)));
        WorkoutSummary {
            source: workout.source.clone(),
            date: workout.date,
            name: workout.name.clone(),
            duration_s: workout.duration_s,
            rpe: workout.rpe,
            working_sets: tally.working_sets,
            light_sets: tally.light_sets,
            rated_sets: tally.rated_sets,
            rpe_sum: tally.rpe_sum,
        }
    }
}

/// The set counts and RPE sum of a [`WorkoutSummary`], from a workout's sets alone: what a
/// store keeps beside each workout so the load never reads its sets.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SetTally {
    /// Normal and failure sets.
    pub working_sets: u32,
    /// Warm-up and drop sets.
    pub light_sets: u32,
    /// Working sets with an RPE or reps in reserve ([`set_rpe`] is `Some`).
    pub rated_sets: u32,
    /// The [`CompensatedSum`] of those sets' [`set_rpe`], in the order given (0 without any).
    pub rpe_sum: f64,
}

impl SetTally {
    /// The tally of sets given as (type, RPE, reps in reserve), in set order.
    pub fn of(sets: impl IntoIterator<Item = (SetType, Option<f64>, Option<f64>)>) -> SetTally {
        let (mut working, mut light, mut rated) = (0u32, 0u32, 0u32);
        let mut sum = CompensatedSum::default();
        for (set_type, rpe, rir) in sets {
            if matches!(set_type, SetType::Normal | SetType::Failure) {
                working += 1;
                if let Some(rpe) = set_rpe(rpe, rir) {
                    rated += 1;
                    sum.add(rpe);
                }
            } else {
                light += 1;
            }
        }
        SetTally {
            working_sets: working,
            light_sets: light,
            rated_sets: rated,
            rpe_sum: sum.value(),
        }
    }
}

/// A sum of floats with the Kahan-Babuska-Neumaier correction: nearer the exact sum than
/// plain addition, and little dependent on the order of the values.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CompensatedSum {
    sum: f64,
    err: f64,
}

impl CompensatedSum {
    /// Adds one value.
    pub fn add(&mut self, r: f64) {
        let s = self.sum;
        let t = s + r;
        if s.abs() > r.abs() {
            self.err += (s - t) + r;
        } else {
            self.err += (r - t) + s;
        }
        self.sum = t;
    }

    /// The corrected total (the correction is dropped when it overflowed).
    pub fn value(self) -> f64 {
        if self.err.is_finite() {
            self.sum + self.err
        } else {
            self.sum
        }
    }
}

/// The load of a logged strength workout ([`summary_load`] of its [`WorkoutSummary`]).
pub fn strength_load(workout: &StrengthWorkout) -> SessionLoad {
    summary_load(&WorkoutSummary::of(workout))
}

/// The load of a strength workout from its summary.
///
/// RPE: the session RPE when logged; else the mean RPE of its working sets (normal and
/// failure sets, RPE or 10 - RIR), which runs a little high because session RPE also
/// averages the rests; else [`STRENGTH_DEFAULT_RPE`]. Minutes: the recorded duration, else
/// [`MINUTES_PER_WORKING_SET`] per working set plus [`MINUTES_PER_LIGHT_SET`] per warm-up or
/// drop set.
pub fn summary_load(workout: &WorkoutSummary) -> SessionLoad {
    let (minutes, estimated, rpe, source) = strength_effort(workout);
    SessionLoad {
        sport: Sport::Strength,
        name: Some(workout.name.clone()).filter(|n| !n.is_empty()),
        run_type: None,
        minutes,
        minutes_estimated: estimated,
        rpe,
        load: rpe * minutes,
        source,
        distance_km: None,
    }
}

/// Minutes (and whether estimated), RPE and its source of a strength workout.
fn strength_effort(workout: &WorkoutSummary) -> (f64, bool, f64, LoadSource) {
    let recorded = workout
        .duration_s
        .filter(|d| d.is_finite() && *d > 0.0)
        .map(|d| d / 60.0);
    // Multiples of 1.5 and 3 add up exactly: the same as adding set by set.
    let minutes = recorded.unwrap_or_else(|| {
        f64::from(workout.working_sets) * MINUTES_PER_WORKING_SET
            + f64::from(workout.light_sets) * MINUTES_PER_LIGHT_SET
    });
    let (rpe, source) = if let Some(rpe) = workout.rpe.and_then(clean_rpe) {
        let source = if workout.source.starts_with("strava:") {
            LoadSource::StravaRpe
        } else {
            LoadSource::LoggedRpe
        };
        (rpe, source)
    } else if workout.rated_sets > 0 {
        (
            workout.rpe_sum / f64::from(workout.rated_sets),
            LoadSource::SetRpe,
        )
    } else {
        (STRENGTH_DEFAULT_RPE, LoadSource::StrengthDefault)
    };
    (minutes, recorded.is_none(), rpe, source)
}

/// One day of the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayLoad {
    /// Local date.
    pub date: Date,
    /// Total session-RPE load of the day, AU (0 on rest days).
    pub load: f64,
    /// The day's sessions, activities first in start order, then strength workouts.
    pub sessions: Vec<SessionLoad>,
    /// Running distance, km (run, trail run, treadmill).
    pub run_km: f64,
    /// Running time, minutes.
    pub run_minutes: f64,
    /// Acute EWMA of daily load (Williams, N = 7); hidden like the ratio.
    pub acute_ewma: Option<f64>,
    /// Chronic EWMA of daily load (Williams, N = 28); hidden like the ratio.
    pub chronic_ewma: Option<f64>,
    /// Acute:chronic ratio of the EWMAs; `None` for the first 28 days of data or with no
    /// chronic load. Always show it with [`ACWR_CAVEAT`].
    pub acwr_ewma: Option<f64>,
    /// Rolling acute:chronic ratio: mean of the last 7 days / mean of the last 28; hidden the
    /// same way.
    pub acwr_rolling: Option<f64>,
    /// Fitness (CTL): 42-day Banister smoothing of daily load, from 0 before the first data.
    pub fitness: f64,
    /// Fatigue (ATL): 7-day Banister smoothing.
    pub fatigue: f64,
    /// Form = fitness - fatigue (TSB).
    pub form: f64,
}

/// One calendar week, Monday to Sunday.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekLoad {
    /// Monday.
    pub start: Date,
    /// Sunday.
    pub end: Date,
    /// Whether every day of the week is on or before the series' last date; monotony and
    /// strain are only given for complete weeks.
    pub complete: bool,
    /// Weekly load (sum of daily loads so far), AU.
    pub load: f64,
    /// Load of running sessions only, AU (for `run-load-increase`).
    pub run_load: f64,
    /// Load of strength sessions only, AU.
    pub strength_load: f64,
    /// Running distance, km.
    pub run_km: f64,
    /// Running time, minutes.
    pub run_minutes: f64,
    /// Longest single run, minutes (0 without runs).
    pub longest_run_minutes: f64,
    /// Mean daily load over the 7 days.
    pub mean_daily_load: f64,
    /// Population SD of the 7 daily loads.
    pub sd_daily_load: f64,
    /// Foster monotony = mean / SD; `None` when SD = 0 (undefined) or the week is incomplete.
    pub monotony: Option<f64>,
    /// Strain = weekly load x monotony; `None` when monotony is.
    pub strain: Option<f64>,
    /// Monotony above [`MONOTONY_RULE_OF_THUMB`] (a rule of thumb: see [`MONOTONY_NOTE`]).
    pub monotony_above_rule_of_thumb: bool,
}

/// Everything `keel load` shows, for the dates `from..=to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadSeries {
    /// First date shown.
    pub from: Date,
    /// Last date shown.
    pub to: Date,
    /// Date of the earliest session on or before `to`, when any: the ACWR warm-up counts from it.
    pub first_data: Option<Date>,
    /// Heart-rate anchors used for TRIMP estimates, when an athlete was given.
    pub hr: Option<HrProfile>,
    /// One entry per date in `from..=to`.
    pub days: Vec<DayLoad>,
    /// The Monday-to-Sunday weeks overlapping `from..=to`, oldest first.
    pub weeks: Vec<WeekLoad>,
    /// [`ACWR_CAVEAT`].
    pub acwr_caveat: &'static str,
    /// [`MONOTONY_NOTE`].
    pub monotony_note: &'static str,
    /// [`FITNESS_NOTE`].
    pub fitness_note: &'static str,
}

/// The load series for `from..=to` from the whole log ([`series_of_summaries`] of the
/// workouts' [`WorkoutSummary`]).
pub fn series(
    activities: &[Activity],
    workouts: &[StrengthWorkout],
    athlete: Option<&Athlete>,
    tz: &TimeZone,
    from: Date,
    to: Date,
) -> LoadSeries {
    let activities: Vec<ActivitySummary> = activities.iter().map(ActivitySummary::of).collect();
    let workouts: Vec<WorkoutSummary> = workouts.iter().map(WorkoutSummary::of).collect();
    series_of_summaries(&activities, &workouts, athlete, tz, from, to)
}

/// The load series for `from..=to` from the whole log, activities and strength workouts as
/// summaries.
///
/// Activities are bucketed by their start's local date in `tz`; strength workouts by their
/// (already local) date. A strength-sport activity on a day that also has a logged strength
/// workout is skipped: it is the same session recorded twice, and the log has the sets.
/// History before `from` feeds the smoothed metrics; sessions after `to` are ignored.
/// `from > to` gives an empty series.
///
/// History is reduced to one load a day as it is read; only the shown weeks keep their
/// sessions. A day's load adds its activities in start order, then its workouts in the
/// given order.
pub fn series_of_summaries(
    activities: &[ActivitySummary],
    workouts: &[WorkoutSummary],
    athlete: Option<&Athlete>,
    tz: &TimeZone,
    from: Date,
    to: Date,
) -> LoadSeries {
    let history = History::before(activities, workouts, athlete, tz, monday_of(from));
    series_after(&history, activities, workouts, athlete, tz, from, to)
}

/// The sessions dated `within`: activities by their start's local date in `tz`, in start
/// order, without a strength-sport activity on a day with a logged workout (the same
/// session recorded twice); and the workouts, in the given order.
fn dated_in<'a>(
    activities: &'a [ActivitySummary],
    workouts: &'a [WorkoutSummary],
    tz: &TimeZone,
    within: impl Fn(Date) -> bool,
) -> (Vec<(Date, &'a ActivitySummary)>, Vec<&'a WorkoutSummary>) {
    let lifts: Vec<&WorkoutSummary> = workouts.iter().filter(|w| within(w.date)).collect();
    let mut lift_dates: Vec<Date> = lifts.iter().map(|w| w.date).collect();
    lift_dates.sort_unstable();
    lift_dates.dedup();
    let mut sorted: Vec<&ActivitySummary> = activities.iter().collect();
    sorted.sort_by_key(|a| a.start);
    let dated = sorted
        .into_iter()
        .map(|a| (tz.to_datetime(a.start).date(), a))
        .filter(|(date, a)| {
            within(*date) && !(a.sport == Sport::Strength && lift_dates.binary_search(date).is_ok())
        })
        .collect();
    (dated, lifts)
}

/// [`series_of_summaries`] from the [`History`] before the Monday of `from`'s week and the
/// sessions from that Monday on: the same series to the bit, without the history's
/// sessions (sessions dated before `history.until` are ignored). `history.until` must be
/// the Monday of `from`'s week.
pub fn series_after(
    history: &History,
    activities: &[ActivitySummary],
    workouts: &[WorkoutSummary],
    athlete: Option<&Athlete>,
    tz: &TimeZone,
    from: Date,
    to: Date,
) -> LoadSeries {
    debug_assert_eq!(history.until, monday_of(from));
    let hr = athlete.map(HrProfile::of);
    let mut empty = LoadSeries {
        from,
        to,
        first_data: None,
        hr,
        days: Vec::new(),
        weeks: Vec::new(),
        acwr_caveat: ACWR_CAVEAT,
        monotony_note: MONOTONY_NOTE,
        fitness_note: FITNESS_NOTE,
    };
    if from > to {
        return empty;
    }
    let monday = history.until;

    // Sessions of the shown weeks with their local dates, activities in start order first.
    let (dated, lifts) = dated_in(activities, workouts, tz, |d| (monday..=to).contains(&d));
    let lifts = lifts.into_iter();
    let first_data = history.first.or_else(|| {
        dated
            .iter()
            .map(|(d, _)| *d)
            .chain(lifts.clone().map(|w| w.date))
            .min()
    });
    empty.first_data = first_data;

    // The timeline runs from the earliest of (first data, Monday of `from`'s week) to `to`, so
    // that smoothed metrics see all history and the first week is whole. Days are indexes
    // into it; the shown weeks start at `lo`, and the days before come from the history.
    let start = history.first.unwrap_or(monday);
    let index = |d: Date| days_between(start, d);
    let len = index(to) + 1;
    let lo = index(monday);
    let mut daily = Vec::with_capacity(len);
    daily.extend_from_slice(&history.daily);
    daily.resize(len, 0.0);
    let mut shown: Vec<Vec<SessionLoad>> = vec![Vec::new(); len - lo];
    for (date, a) in &dated {
        let i = index(*date);
        let s = summary_activity_load(a, hr.as_ref());
        daily[i] += s.load;
        shown[i - lo].push(s);
    }
    for w in lifts {
        let i = index(w.date);
        let s = summary_load(w);
        daily[i] += s.load;
        shown[i - lo].push(s);
    }

    let fitness = banister_smooth(&daily, FITNESS_DAYS, 0.0);
    let fatigue = banister_smooth(&daily, FATIGUE_DAYS, 0.0);

    // ACWR: only from the first data on. Both EWMAs start from the mean of the first 28 days
    // of data; the ratio stays hidden until those days are past, so no shown value uses a
    // later day than its own.
    let first_idx = first_data.map(index);
    let (acute, chronic) = match first_idx {
        Some(fi) => {
            let data = &daily[fi..];
            let warm = &data[..data.len().min(ACWR_WARMUP_DAYS as usize)];
            let seed = warm.iter().sum::<f64>() / warm.len() as f64;
            (ewma(data, ACUTE_DAYS, seed), ewma(data, CHRONIC_DAYS, seed))
        }
        None => (Vec::new(), Vec::new()),
    };
    // Index of day `i` in the data from the first data on, once the warm-up is past.
    let warmed = |i: usize| {
        first_idx
            .and_then(|fi| i.checked_sub(fi))
            .filter(|k| *k >= ACWR_WARMUP_DAYS as usize)
    };

    // Weeks are consecutive 7-day slices of the timeline from `monday` on: each week
    // reads only its own days.
    let mut weeks = Vec::new();
    let mut week_start = monday;
    let mut w_lo = lo;
    while week_start <= to {
        let end = week_start.saturating_add(6.days());
        let hi = (w_lo + 7).min(len);
        let sessions: Vec<&SessionLoad> = shown[w_lo - lo..hi - lo].iter().flatten().collect();
        let loads = &daily[w_lo..hi];
        w_lo = hi;
        let complete = loads.len() == 7;
        let load = total(loads.iter().copied());
        let runs = || sessions.iter().filter(|s| s.sport.is_running());
        let mono = if complete { monotony(loads) } else { None };
        weeks.push(WeekLoad {
            start: week_start,
            end,
            complete,
            load,
            run_load: total(runs().map(|s| s.load)),
            strength_load: total(
                sessions
                    .iter()
                    .filter(|s| s.sport == Sport::Strength)
                    .map(|s| s.load),
            ),
            run_km: total(runs().filter_map(|s| s.distance_km)),
            run_minutes: total(runs().map(|s| s.minutes)),
            longest_run_minutes: runs().map(|s| s.minutes).fold(0.0, f64::max),
            mean_daily_load: load / 7.0,
            sd_daily_load: if complete { population_sd(loads) } else { 0.0 },
            monotony: mono,
            strain: mono.map(|m| strain(load, m)),
            monotony_above_rule_of_thumb: mono.is_some_and(|m| m > MONOTONY_RULE_OF_THUMB),
        });
        week_start = week_start.saturating_add(7.days());
        if end >= Date::MAX.saturating_sub(7.days()) {
            break;
        }
    }

    // The shown days, `from..=to`.
    let mut days = Vec::with_capacity(len - index(from));
    let mut date = from;
    for i in index(from)..len {
        let sessions = std::mem::take(&mut shown[i - lo]);
        let runs = sessions.iter().filter(|s| s.sport.is_running());
        let run_km = total(runs.clone().filter_map(|s| s.distance_km));
        let run_minutes = total(runs.map(|s| s.minutes));
        let acute_i = warmed(i).map(|k| acute[k]);
        let chronic_i = warmed(i).map(|k| chronic[k]);
        days.push(DayLoad {
            date,
            load: daily[i],
            sessions,
            run_km,
            run_minutes,
            acute_ewma: acute_i,
            chronic_ewma: chronic_i,
            acwr_ewma: ratio(acute_i, chronic_i),
            acwr_rolling: warmed(i).and_then(|_| rolling_acwr(&daily[first_idx.unwrap_or(0)..=i])),
            fitness: fitness[i],
            fatigue: fatigue[i],
            form: fitness[i] - fatigue[i],
        });
        date = date.saturating_add(1.day());
    }

    LoadSeries {
        days,
        weeks,
        ..empty
    }
}

/// Whole days from `a` to `b`, 0 when `b` is before `a`.
fn days_between(a: Date, b: Date) -> usize {
    (day_number(b) - day_number(a)).max(0) as usize
}

/// Days since the start of the proleptic Gregorian calendar (an ordinal for differences).
fn day_number(d: Date) -> i64 {
    let y = i64::from(d.year()) - 1;
    y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + i64::from(d.day_of_year())
}

/// The Monday on or before `date`.
pub fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.saturating_sub(back.days())
}

/// Population standard deviation; 0 for an empty slice or when all values are equal.
pub fn population_sd(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let (min, max) = min_max(values);
    if min == max {
        // Exactly zero: a two-pass variance of equal values can round to a tiny positive
        // number, which would make monotony astronomically large instead of undefined.
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt()
}

/// Foster monotony = mean daily load / population SD of the daily loads.
///
/// `None` when SD = 0 (every day the same, including a week of rest): undefined, never
/// infinity. Meant for the 7 days of a week.
pub fn monotony(daily: &[f64]) -> Option<f64> {
    let sd = population_sd(daily);
    if daily.is_empty() || sd == 0.0 {
        return None;
    }
    Some(daily.iter().sum::<f64>() / daily.len() as f64 / sd)
}

/// Foster strain = weekly load x monotony.
pub fn strain(weekly_load: f64, monotony: f64) -> f64 {
    weekly_load * monotony
}

/// Williams EWMA with lambda = 2/(N+1): x_t = lambda load_t + (1 - lambda) x_{t-1}, x_{-1} = seed.
///
/// One output per input. With `seed` within the inputs' range, every output is too (each is
/// a convex combination of the seed and inputs).
pub fn ewma(loads: &[f64], span_days: u32, seed: f64) -> Vec<f64> {
    let lambda = 2.0 / (f64::from(span_days.max(1)) + 1.0);
    let mut x = seed;
    loads
        .iter()
        .map(|&l| {
            x = lambda * l + (1.0 - lambda) * x;
            x
        })
        .collect()
}

/// Banister/TrainingPeaks smoothing: x_t = x_{t-1} + (load_t - x_{t-1}) / N, x_{-1} = seed.
///
/// This is an EWMA with lambda = 1/N, not Williams' 2/(N+1): a 42-day CTL reacts like a
/// Williams EWMA with N = 83.
pub fn banister_smooth(loads: &[f64], time_constant_days: u32, seed: f64) -> Vec<f64> {
    let n = f64::from(time_constant_days.max(1));
    let mut x = seed;
    loads
        .iter()
        .map(|&l| {
            x += (l - x) / n;
            x
        })
        .collect()
}

/// Rolling ACWR at the last element: mean of the last 7 days / mean of the last 28 days.
///
/// `None` with fewer than 28 days or no load in the last 28 days.
pub fn rolling_acwr(daily: &[f64]) -> Option<f64> {
    if daily.len() < CHRONIC_DAYS as usize {
        return None;
    }
    let last = |n: usize| daily[daily.len() - n..].iter().sum::<f64>() / n as f64;
    ratio(
        Some(last(ACUTE_DAYS as usize)),
        Some(last(CHRONIC_DAYS as usize)),
    )
}

/// Estimated 1RM, Epley: w (1 + r/30), for 1 <= r <= 10; one rep is the weight itself.
///
/// `None` above 10 reps (Reynolds 2006: the estimates stop being useful), for 0 reps, or for
/// a weight that is not positive and finite.
pub fn epley(weight_kg: f64, reps: u32) -> Option<f64> {
    if !(weight_kg.is_finite() && weight_kg > 0.0) || reps == 0 || reps > 10 {
        return None;
    }
    if reps == 1 {
        return Some(weight_kg);
    }
    Some(weight_kg * (1.0 + f64::from(reps) / 30.0))
}

/// Estimated 1RM, Brzycki: w x 36 / (37 - r), for 1 <= r <= 10; `None` otherwise.
pub fn brzycki(weight_kg: f64, reps: u32) -> Option<f64> {
    if !(weight_kg.is_finite() && weight_kg > 0.0) || reps == 0 || reps > 10 {
        return None;
    }
    // 36/36 is exactly 1, so a single is exactly the weight (w x 36 / 36 can round below w).
    Some(weight_kg * (36.0 / (37.0 - f64::from(reps))))
}

/// The best estimated 1RM of one exercise on one workout date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct E1rmPoint {
    /// Workout date.
    pub date: Date,
    /// Best Epley estimate that day, kg.
    pub e1rm_kg: f64,
    /// Brzycki estimate from the same set, kg.
    pub brzycki_kg: f64,
    /// The set it came from: weight, kg.
    pub weight_kg: f64,
    /// The set it came from: reps.
    pub reps: u32,
}

/// Estimated 1RM over time for one exercise: the best Epley estimate per workout date, from
/// normal and failure sets of 1-10 reps with a positive weight (warm-ups and drop sets do
/// not count). Oldest first; dates without such a set are absent.
pub fn e1rm_history(workouts: &[StrengthWorkout], exercise: &str) -> Vec<E1rmPoint> {
    let mut best: BTreeMap<Date, E1rmPoint> = BTreeMap::new();
    for w in workouts {
        for s in &w.sets {
            if s.exercise != exercise || !matches!(s.set_type, SetType::Normal | SetType::Failure) {
                continue;
            }
            let (Some(weight), Some(reps)) = (s.weight_kg, s.reps) else {
                continue;
            };
            let (Some(e), Some(b)) = (epley(weight, reps), brzycki(weight, reps)) else {
                continue;
            };
            let point = E1rmPoint {
                date: w.date,
                e1rm_kg: e,
                brzycki_kg: b,
                weight_kg: weight,
                reps,
            };
            best.entry(w.date)
                .and_modify(|p| {
                    if e > p.e1rm_kg {
                        *p = point.clone();
                    }
                })
                .or_insert(point);
        }
    }
    best.into_values().collect()
}

/// [`e1rm_history`] for every exercise that has at least one qualifying set, by exercise id.
pub fn e1rm_by_exercise(workouts: &[StrengthWorkout]) -> BTreeMap<String, Vec<E1rmPoint>> {
    let names: std::collections::BTreeSet<&str> = workouts
        .iter()
        .flat_map(|w| w.sets.iter().map(|s| s.exercise.as_str()))
        .collect();
    names
        .into_iter()
        .map(|n| (n.to_string(), e1rm_history(workouts, n)))
        .filter(|(_, h)| !h.is_empty())
        .collect()
}

/// A sum that is +0.0 when empty (`Iterator::sum` gives -0.0, which prints as `-0`).
fn total(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |a, b| a + b)
}

fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 && n.is_finite() && d.is_finite() => Some(n / d),
        _ => None,
    }
}

fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

fn clean_rpe(rpe: f64) -> Option<f64> {
    rpe.is_finite().then(|| rpe.clamp(0.0, 10.0))
}

fn clean_nonneg(x: f64) -> f64 {
    if x.is_finite() {
        x.max(0.0)
    } else {
        0.0
    }
}

mod history;
pub use history::History;

#[cfg(test)]
mod tests;
