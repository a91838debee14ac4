//! Readiness: daily check-ins and the training log turned into signals for a date, and the
//! week-on-week running-load tiers of `run-load-increase`.
//!
//! Pure: the date is a parameter and every input a value. A signal says what was seen and
//! which rule it feeds (`overtraining-signals`, `sleep`, `soreness-vs-running`,
//! `run-load-increase`); deciding what to change in the plan is the adjuster's job.
//!
//! Check-in scale: every rated item is 1 to 5 with 5 the worst (see
//! [`crate::activity::CheckIn`]). Thresholds below are named constants so that docs and
//! output can quote them.

use crate::activity::{Activity, CheckIn, StrengthWorkout};
use crate::load::{self, LoadSeries, LoadSource};
use crate::model::RunType;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::ToSpan;
use serde::Serialize;
use std::collections::BTreeMap;

/// Rule id: signs of overreaching in check-ins and the log.
pub const RULE_OVERTRAINING: &str = "overtraining-signals";
/// Rule id: sleep target and short nights.
pub const RULE_SLEEP: &str = "sleep";
/// Rule id: soreness and hard lifting against key runs.
pub const RULE_SORENESS: &str = "soreness-vs-running";
/// Rule id: strength gives way when running load rises.
pub const RULE_RUN_LOAD: &str = "run-load-increase";

/// Fatigue at or above this counts as high (4 = "very tired" on the 1-5 scale).
pub const FATIGUE_HIGH: u8 = 4;
/// Days looked at for persistent fatigue, ending on the date.
pub const FATIGUE_WINDOW_DAYS: i64 = 4;
/// High-fatigue days within the window that make it persistent.
pub const FATIGUE_MIN_DAYS: usize = 3;
/// Nights shorter than this are short (AASM/SRS: adults need at least 7 h).
pub const SHORT_SLEEP_H: f64 = 7.0;
/// Nights looked at for poor sleep, ending on the date.
pub const SLEEP_WINDOW_DAYS: i64 = 5;
/// Short nights within the window that make poor sleep.
pub const SLEEP_MIN_NIGHTS: usize = 3;
/// Leg soreness at or above this counts toward lingering soreness.
pub const SORENESS_LINGERING: u8 = 3;
/// Consecutive sore days that make soreness lingering ("more than two days").
pub const SORENESS_MIN_DAYS: usize = 3;
/// Leg soreness at or above this on the day is high (`soreness-vs-running`).
pub const SORENESS_HIGH: u8 = 4;
/// Mood or motivation at or above this is low.
pub const MOOD_LOW: u8 = 4;
/// Days looked at for low mood or motivation.
pub const MOOD_WINDOW_DAYS: i64 = 5;
/// Low days within the window that make a signal.
pub const MOOD_MIN_DAYS: usize = 3;
/// Days looked at for repeated illness.
pub const ILLNESS_WINDOW_DAYS: i64 = 28;
/// Check-ins needed in total before personal baselines speak (about two weeks).
pub const BASELINE_MIN_CHECKINS: usize = 14;
/// Rolling window of the personal baseline, days before the date.
pub const BASELINE_WINDOW_DAYS: i64 = 28;
/// Values of an item needed inside the window, so the baseline is current and not ancient.
pub const BASELINE_MIN_VALUES: usize = 7;
/// A day more than this many SDs worse than the personal mean is flagged (practice convention).
pub const BASELINE_Z: f64 = 1.0;
/// Smallest SD used for a 1-5 item, so a perfectly steady history does not make a one-point
/// change infinitely unusual (with it, one point from a constant history is z = 2).
pub const BASELINE_SD_FLOOR_POINTS: f64 = 0.5;
/// Smallest SD used for sleep hours, for the same reason.
pub const BASELINE_SD_FLOOR_HOURS: f64 = 0.5;
/// Recent window of the performance comparison, days ending on the date.
pub const PERFORMANCE_RECENT_DAYS: i64 = 14;
/// Baseline window of the performance comparison: the days before the recent window.
pub const PERFORMANCE_BASELINE_DAYS: i64 = 28;
/// Paces within this fraction of each other count as "the same pace".
pub const PACE_TOLERANCE: f64 = 0.05;
/// Mean heart-rate rise at the same pace that counts as declining performance, bpm.
pub const HR_RISE_BPM: f64 = 5.0;
/// Mean RPE rise at the same pace that counts as declining performance, CR-10 points.
pub const RPE_RISE: f64 = 1.0;
/// Recent runs with a comparison needed before performance is judged.
pub const PERFORMANCE_MIN_RUNS: usize = 2;
/// Session RPE at or above which a strength session counts as very hard.
pub const HARD_LIFT_RPE: f64 = 9.0;

/// How strongly a signal speaks.
///
/// `Strong` is the only level at which the adjuster may touch a run (illness, a full run of
/// bad days, the top `run-load-increase` tier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth showing; on its own it changes little.
    Mild,
    /// Scale strength back.
    Moderate,
    /// Scale back clearly; a hard run may become easy or rest.
    Strong,
}

/// Something seen in the check-ins or the log on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// Stable id, e.g. `persistent-fatigue`.
    pub name: &'static str,
    /// The rule it feeds, e.g. `overtraining-signals`.
    pub rule: &'static str,
    /// How strongly it speaks.
    pub severity: Severity,
    /// A sentence for the runner with the numbers behind it.
    pub text: String,
}

impl Signal {
    fn new(name: &'static str, rule: &'static str, severity: Severity, text: String) -> Signal {
        Signal {
            name,
            rule,
            severity,
            text,
        }
    }
}

/// Readiness in one word, from the strongest signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Readiness {
    /// No signal.
    Ready,
    /// Mild or moderate signals.
    Caution,
    /// At least one strong signal.
    BackOff,
}

/// Readiness from the signals of a day.
pub fn readiness(signals: &[Signal]) -> Readiness {
    match signals.iter().map(|s| s.severity).max() {
        None => Readiness::Ready,
        Some(Severity::Strong) => Readiness::BackOff,
        Some(_) => Readiness::Caution,
    }
}

/// Readiness in one line, e.g. `caution: poor sleep, persistent fatigue`.
pub fn summary(signals: &[Signal]) -> String {
    let names: Vec<String> = signals.iter().map(|s| s.name.replace('-', " ")).collect();
    match readiness(signals) {
        Readiness::Ready => "ready: no warning signs in check-ins or the log".to_string(),
        Readiness::Caution => format!("caution: {}", names.join(", ")),
        Readiness::BackOff => format!("back off: {}", names.join(", ")),
    }
}

/// Every check-in and log signal for `date`, strongest first (then in a fixed order).
///
/// Only check-ins and sessions on or before `date` are looked at. `run-load-increase` is not
/// here: it can come from the plan as well as the log, see [`run_load_increase`].
pub fn signals(
    date: Date,
    checkins: &[CheckIn],
    activities: &[Activity],
    workouts: &[StrengthWorkout],
    tz: &TimeZone,
) -> Vec<Signal> {
    let days = by_date(checkins, date);
    let mut out: Vec<Signal> = [
        illness(date, &days),
        frequent_illness(date, &days),
        persistent_fatigue(date, &days),
        poor_sleep(date, &days),
        lingering_soreness(date, &days),
        leg_soreness_high(date, &days),
        low_mood(date, &days),
        low_motivation(date, &days),
        declining_performance(date, activities, tz),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.extend(hard_lifts(date, workouts));
    out.extend(baselines(date, &days));
    // Stable sort: strongest first, the fixed order above within a level.
    out.sort_by_key(|s| std::cmp::Reverse(s.severity));
    out
}

/// Check-ins on or before `date` by date; a later entry for the same date replaces an earlier.
pub fn by_date(checkins: &[CheckIn], date: Date) -> BTreeMap<Date, &CheckIn> {
    checkins
        .iter()
        .filter(|c| c.date <= date)
        .map(|c| (c.date, c))
        .collect()
}

/// Check-ins by date, as [`by_date`] builds them.
pub type Days<'a> = BTreeMap<Date, &'a CheckIn>;

/// The check-ins of the `n` days ending on `date`.
fn window<'a, 'b>(
    days: &'b Days<'a>,
    date: Date,
    n: i64,
) -> impl Iterator<Item = &'a CheckIn> + use<'a, 'b> {
    let first = date.saturating_sub((n - 1).days());
    days.range(first..=date).map(|(_, c)| *c)
}

/// Persistent fatigue: fatigue >= 4 on at least 3 of the 4 days ending on `date` (days
/// without a check-in do not count). Strong when all 4 are.
pub fn persistent_fatigue(date: Date, days: &Days<'_>) -> Option<Signal> {
    let n = window(days, date, FATIGUE_WINDOW_DAYS)
        .filter(|c| c.fatigue.is_some_and(|f| f >= FATIGUE_HIGH))
        .count();
    (n >= FATIGUE_MIN_DAYS).then(|| {
        Signal::new(
            "persistent-fatigue",
            RULE_OVERTRAINING,
            if n as i64 >= FATIGUE_WINDOW_DAYS {
                Severity::Strong
            } else {
                Severity::Moderate
            },
            format!(
                "fatigue rated {FATIGUE_HIGH} or worse on {n} of the last {FATIGUE_WINDOW_DAYS} days"
            ),
        )
    })
}

/// Poor sleep: under 7 h on at least 3 of the 5 nights ending on `date`. Strong when all 5.
pub fn poor_sleep(date: Date, days: &Days<'_>) -> Option<Signal> {
    let short: Vec<f64> = window(days, date, SLEEP_WINDOW_DAYS)
        .filter_map(|c| c.sleep_h)
        .filter(|h| h.is_finite() && *h < SHORT_SLEEP_H)
        .collect();
    let n = short.len();
    (n >= SLEEP_MIN_NIGHTS).then(|| {
        let mean = short.iter().sum::<f64>() / n as f64;
        Signal::new(
            "poor-sleep",
            RULE_SLEEP,
            if n as i64 >= SLEEP_WINDOW_DAYS {
                Severity::Strong
            } else {
                Severity::Moderate
            },
            format!(
                "under {SHORT_SLEEP_H} h of sleep on {n} of the last {SLEEP_WINDOW_DAYS} nights \
                 (mean {mean:.1} h on those nights; the target is 7-9 h)"
            ),
        )
    })
}

/// Lingering soreness: legs >= 3 on at least 3 consecutive days, the streak ending on `date`,
/// or on the day before when there is no check-in for `date` yet.
pub fn lingering_soreness(date: Date, days: &Days<'_>) -> Option<Signal> {
    let end = if days.contains_key(&date) {
        date
    } else {
        date.saturating_sub(1.day())
    };
    let mut streak = 0usize;
    let mut day = end;
    while days
        .get(&day)
        .and_then(|c| c.soreness_legs)
        .is_some_and(|s| s >= SORENESS_LINGERING)
    {
        streak += 1;
        let prev = day.saturating_sub(1.day());
        if prev == day {
            break;
        }
        day = prev;
    }
    (streak >= SORENESS_MIN_DAYS).then(|| {
        Signal::new(
            "lingering-soreness",
            RULE_OVERTRAINING,
            Severity::Moderate,
            format!("legs sore ({SORENESS_LINGERING}+ of 5) for {streak} days in a row"),
        )
    })
}

/// Leg soreness high today: legs >= 4 in the check-in for `date`. Strong at 5.
pub fn leg_soreness_high(date: Date, days: &Days<'_>) -> Option<Signal> {
    let s = days.get(&date)?.soreness_legs?;
    (s >= SORENESS_HIGH).then(|| {
        Signal::new(
            "leg-soreness-high",
            RULE_SORENESS,
            if s >= 5 {
                Severity::Strong
            } else {
                Severity::Moderate
            },
            format!("leg soreness {s} of 5 today"),
        )
    })
}

/// Illness: ill in the check-in for `date` (strong), or on one of the two days before
/// without being ill today (moderate: ease back in).
pub fn illness(date: Date, days: &Days<'_>) -> Option<Signal> {
    if days.get(&date).is_some_and(|c| c.ill) {
        return Some(Signal::new(
            "illness",
            RULE_OVERTRAINING,
            Severity::Strong,
            "ill today: rest, no hard training until well".to_string(),
        ));
    }
    let recent = window(days, date.saturating_sub(1.day()), 2).any(|c| c.ill);
    recent.then(|| {
        Signal::new(
            "illness",
            RULE_OVERTRAINING,
            Severity::Moderate,
            "ill in the last two days: ease back in".to_string(),
        )
    })
}

/// Frequent illness: at least two separate spells of illness (runs of consecutive ill days)
/// in the 28 days ending on `date`.
pub fn frequent_illness(date: Date, days: &Days<'_>) -> Option<Signal> {
    let mut spells = 0usize;
    let mut last_ill: Option<Date> = None;
    for c in window(days, date, ILLNESS_WINDOW_DAYS).filter(|c| c.ill) {
        let continues = last_ill.is_some_and(|l| l.saturating_add(1.day()) == c.date);
        if !continues {
            spells += 1;
        }
        last_ill = Some(c.date);
    }
    (spells >= 2).then(|| {
        Signal::new(
            "frequent-illness",
            RULE_OVERTRAINING,
            Severity::Moderate,
            format!("{spells} separate spells of illness in the last {ILLNESS_WINDOW_DAYS} days"),
        )
    })
}

fn low_item(
    date: Date,
    days: &Days<'_>,
    name: &'static str,
    item: &str,
    get: fn(&CheckIn) -> Option<u8>,
    what: &str,
) -> Option<Signal> {
    let n = window(days, date, MOOD_WINDOW_DAYS)
        .filter(|c| get(c).is_some_and(|v| v >= MOOD_LOW))
        .count();
    (n >= MOOD_MIN_DAYS).then(|| {
        Signal::new(
            name,
            RULE_OVERTRAINING,
            Severity::Moderate,
            format!(
                "{what}: {item} rated {MOOD_LOW} or worse on {n} of the last {MOOD_WINDOW_DAYS} days"
            ),
        )
    })
}

/// Low mood: mood >= 4 on at least 3 of the 5 days ending on `date`.
pub fn low_mood(date: Date, days: &Days<'_>) -> Option<Signal> {
    low_item(
        date,
        days,
        "low-mood",
        "mood",
        |c| c.mood,
        "mood has been low",
    )
}

/// Low motivation: motivation >= 4 on at least 3 of the 5 days ending on `date`.
pub fn low_motivation(date: Date, days: &Days<'_>) -> Option<Signal> {
    low_item(
        date,
        days,
        "low-motivation",
        "motivation",
        |c| c.motivation,
        "motivation has been low",
    )
}

/// A check-in item the baselines look at.
struct Item {
    name: &'static str,
    label: &'static str,
    rule: &'static str,
    get: fn(&CheckIn) -> Option<f64>,
    /// +1 when a higher value is worse (ratings), -1 when lower is worse (sleep hours).
    worse: f64,
    floor: f64,
}

const ITEMS: &[Item] = &[
    Item {
        name: "baseline-sleep",
        label: "sleep hours",
        rule: RULE_SLEEP,
        get: |c| c.sleep_h.filter(|h| h.is_finite()),
        worse: -1.0,
        floor: BASELINE_SD_FLOOR_HOURS,
    },
    Item {
        name: "baseline-sleep-quality",
        label: "sleep quality",
        rule: RULE_SLEEP,
        get: |c| c.sleep_quality.map(f64::from),
        worse: 1.0,
        floor: BASELINE_SD_FLOOR_POINTS,
    },
    Item {
        name: "baseline-fatigue",
        label: "fatigue",
        rule: RULE_OVERTRAINING,
        get: |c| c.fatigue.map(f64::from),
        worse: 1.0,
        floor: BASELINE_SD_FLOOR_POINTS,
    },
    Item {
        name: "baseline-soreness-legs",
        label: "leg soreness",
        rule: RULE_OVERTRAINING,
        get: |c| c.soreness_legs.map(f64::from),
        worse: 1.0,
        floor: BASELINE_SD_FLOOR_POINTS,
    },
    Item {
        name: "baseline-soreness-upper",
        label: "upper-body soreness",
        rule: RULE_OVERTRAINING,
        get: |c| c.soreness_upper.map(f64::from),
        worse: 1.0,
        floor: BASELINE_SD_FLOOR_POINTS,
    },
    Item {
        name: "baseline-mood",
        label: "mood",
        rule: RULE_OVERTRAINING,
        get: |c| c.mood.map(f64::from),
        worse: 1.0,
        floor: BASELINE_SD_FLOOR_POINTS,
    },
    Item {
        name: "baseline-stress",
        label: "stress",
        rule: RULE_OVERTRAINING,
        get: |c| c.stress.map(f64::from),
        worse: 1.0,
        floor: BASELINE_SD_FLOOR_POINTS,
    },
    Item {
        name: "baseline-motivation",
        label: "motivation",
        rule: RULE_OVERTRAINING,
        get: |c| c.motivation.map(f64::from),
        worse: 1.0,
        floor: BASELINE_SD_FLOOR_POINTS,
    },
];

/// Personal baselines: for each item of today's check-in, z = (today - mean) / SD over the
/// 28 days before `date` (sample SD, floored), signed so that positive is worse; flagged above
/// 1 SD. Silent until 14 check-ins exist on or before `date`, and for an item with fewer than
/// 7 values in the window.
pub fn baselines(date: Date, days: &Days<'_>) -> Vec<Signal> {
    let Some(today) = days.get(&date) else {
        return Vec::new();
    };
    if days.len() < BASELINE_MIN_CHECKINS {
        return Vec::new();
    }
    let first = date.saturating_sub(BASELINE_WINDOW_DAYS.days());
    let before = date.saturating_sub(1.day());
    let mut out = Vec::new();
    for item in ITEMS {
        let Some(now) = (item.get)(today) else {
            continue;
        };
        let values: Vec<f64> = days
            .range(first..=before)
            .filter(|(d, _)| **d < date)
            .filter_map(|(_, c)| (item.get)(c))
            .collect();
        if values.len() < BASELINE_MIN_VALUES {
            continue;
        }
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        let z = item.worse * (now - mean) / sd.max(item.floor);
        if z > BASELINE_Z {
            out.push(Signal::new(
                item.name,
                item.rule,
                Severity::Mild,
                format!(
                    "{} today ({now}) is {z:.1} SD worse than your own 28-day mean ({mean:.1})",
                    item.label
                ),
            ));
        }
    }
    out
}

/// A run reduced to what the performance comparison needs.
#[derive(Debug, Clone, Copy)]
struct RunPoint {
    date: Date,
    kind: Option<RunType>,
    pace_min_per_km: f64,
    hr: Option<f64>,
    rpe: Option<f64>,
}

/// Declining performance, precisely: take the running activities with a distance and a
/// duration. "Recent" runs are those of the 14 days ending on `date`; "baseline" runs those
/// of the 28 days before that. A recent run is compared with the baseline runs of the same
/// run type (untyped with untyped) whose pace is within +-5% of its own: its heart rate with
/// their mean heart rate, its RPE with their mean RPE. When at least 2 recent runs have a
/// heart-rate comparison and their mean rise is 5 bpm or more, or at least 2 have an RPE
/// comparison and their mean rise is 1 point or more, performance is declining.
pub fn declining_performance(date: Date, activities: &[Activity], tz: &TimeZone) -> Option<Signal> {
    let recent_from = date.saturating_sub((PERFORMANCE_RECENT_DAYS - 1).days());
    let base_from = recent_from.saturating_sub(PERFORMANCE_BASELINE_DAYS.days());
    let points: Vec<RunPoint> = activities
        .iter()
        .filter(|a| a.sport.is_running())
        .filter_map(|a| {
            let minutes = a.moving_s.unwrap_or(a.elapsed_s) / 60.0;
            let km = a.distance_m? / 1000.0;
            if !(minutes.is_finite() && km.is_finite() && minutes > 0.0 && km > 0.0) {
                return None;
            }
            Some(RunPoint {
                date: a.start.to_zoned(tz.clone()).date(),
                kind: a.run_type,
                pace_min_per_km: minutes / km,
                hr: a.avg_hr.filter(|h| *h > 0).map(f64::from),
                rpe: a.rpe.filter(|r| r.is_finite()),
            })
        })
        .filter(|p| p.date >= base_from && p.date <= date)
        .collect();
    let (recent, base): (Vec<RunPoint>, Vec<RunPoint>) =
        points.into_iter().partition(|p| p.date >= recent_from);

    let mut hr_rises = Vec::new();
    let mut rpe_rises = Vec::new();
    for r in &recent {
        let matched: Vec<&RunPoint> = base
            .iter()
            .filter(|b| {
                b.kind == r.kind
                    && (b.pace_min_per_km - r.pace_min_per_km).abs()
                        <= PACE_TOLERANCE * r.pace_min_per_km
            })
            .collect();
        let mean_of = |f: fn(&RunPoint) -> Option<f64>| {
            let v: Vec<f64> = matched.iter().filter_map(|b| f(b)).collect();
            (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
        };
        if let (Some(now), Some(before)) = (r.hr, mean_of(|b| b.hr)) {
            hr_rises.push(now - before);
        }
        if let (Some(now), Some(before)) = (r.rpe, mean_of(|b| b.rpe)) {
            rpe_rises.push(now - before);
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let mut found = Vec::new();
    if hr_rises.len() >= PERFORMANCE_MIN_RUNS && mean(&hr_rises) >= HR_RISE_BPM {
        found.push(format!(
            "heart rate {:.0} bpm higher at the same pace on average over {} recent runs",
            mean(&hr_rises),
            hr_rises.len()
        ));
    }
    if rpe_rises.len() >= PERFORMANCE_MIN_RUNS && mean(&rpe_rises) >= RPE_RISE {
        found.push(format!(
            "RPE {:.1} points higher at the same pace on average over {} recent runs",
            mean(&rpe_rises),
            rpe_rises.len()
        ));
    }
    (!found.is_empty()).then(|| {
        Signal::new(
            "declining-performance",
            RULE_OVERTRAINING,
            Severity::Moderate,
            format!(
                "the same runs feel harder than 2-6 weeks ago: {}",
                found.join("; ")
            ),
        )
    })
}

/// Very hard strength sessions on `date` (`hard-lift-today`) or the day before
/// (`hard-lift-yesterday`): session RPE 9 or more, logged or derived from the sets (a
/// default RPE never counts).
pub fn hard_lifts(date: Date, workouts: &[StrengthWorkout]) -> Vec<Signal> {
    let yesterday = date.saturating_sub(1.day());
    let mut out = Vec::new();
    for (day, name, when) in [
        (date, "hard-lift-today", "today"),
        (yesterday, "hard-lift-yesterday", "yesterday"),
    ] {
        let hardest = workouts
            .iter()
            .filter(|w| w.date == day)
            .map(load::strength_load)
            .filter(|l| l.source != LoadSource::StrengthDefault)
            .map(|l| l.rpe)
            .fold(None, |acc: Option<f64>, r| {
                Some(acc.map_or(r, |a| a.max(r)))
            });
        if let Some(rpe) = hardest.filter(|r| *r >= HARD_LIFT_RPE) {
            out.push(Signal::new(
                name,
                RULE_SORENESS,
                Severity::Moderate,
                format!(
                    "strength session {when} rated RPE {rpe:.1}: the next hard run should \
                     be easy, or a rest day"
                ),
            ));
        }
    }
    out
}

/// How much strength gives way to rising running load (`run-load-increase`), cumulative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunLoadTier {
    /// No change.
    None,
    /// Running load up more than 10%: one set fewer per exercise.
    OneSetFewer,
    /// Up more than 20%: one set fewer and exercises simplified one step.
    Simplify,
    /// Up more than 30%, or a long run 20% longer than the previous longest: also one
    /// strength session fewer (never below 1).
    OneSessionFewer,
}

/// Running load share above which each tier starts (strictly above).
pub const RUN_LOAD_TIERS: [f64; 3] = [0.10, 0.20, 0.30];
/// A long run at least this much longer than the previous longest reaches the top tier.
pub const LONG_RUN_JUMP: f64 = 0.20;

/// The verdict of [`run_load_increase`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunLoadIncrease {
    /// The tier reached.
    pub tier: RunLoadTier,
    /// Mean weekly running load of the previous weeks, when there is one above zero.
    pub baseline: Option<f64>,
    /// This week's running load relative to the baseline, e.g. 0.25 for +25%.
    pub increase: Option<f64>,
    /// This week's long run relative to the previous longest, e.g. 0.25 for 25% longer.
    pub long_run_increase: Option<f64>,
    /// Always [`RULE_RUN_LOAD`].
    pub rule: &'static str,
    /// What happened and what gives way, for the runner.
    pub text: String,
}

impl RunLoadIncrease {
    /// Sets to take off each exercise (0 or 1).
    pub fn sets_fewer(&self) -> u32 {
        u32::from(self.tier >= RunLoadTier::OneSetFewer)
    }
    /// Whether exercises move one step simpler.
    pub fn simplify(&self) -> bool {
        self.tier >= RunLoadTier::Simplify
    }
    /// Strength sessions left of `planned`: one fewer at the top tier, never below 1 (and
    /// never more than planned).
    pub fn sessions_after(&self, planned: u32) -> u32 {
        if self.tier == RunLoadTier::OneSessionFewer && planned > 1 {
            planned - 1
        } else {
            planned
        }
    }
    /// The signal, when a tier was reached.
    pub fn signal(&self) -> Option<Signal> {
        let severity = match self.tier {
            RunLoadTier::None => return None,
            RunLoadTier::OneSetFewer => Severity::Mild,
            RunLoadTier::Simplify => Severity::Moderate,
            RunLoadTier::OneSessionFewer => Severity::Strong,
        };
        Some(Signal::new(
            "run-load-increase",
            RULE_RUN_LOAD,
            severity,
            self.text.clone(),
        ))
    }
}

/// `run-load-increase` for one week.
///
/// `current`: this week's running load (minutes x RPE, or minutes; planned or logged: the
/// caller picks one unit for all four weeks). `previous`: the weeks before, up to 3 (more are
/// ignored; the most recent first or last does not matter, only the mean). The increase is
/// against their mean; with no previous week or a zero mean there is no baseline and no volume
/// tier. `longest_before` / `long_run`: the previous longest run and this week's longest, in
/// minutes (or km); a long run at least 20% longer reaches the top tier on its own. Non-finite
/// or negative inputs count as missing.
pub fn run_load_increase(
    current: f64,
    previous: &[f64],
    longest_before: Option<f64>,
    long_run: Option<f64>,
) -> RunLoadIncrease {
    let ok = |x: &f64| x.is_finite() && *x >= 0.0;
    let prev: Vec<f64> = previous.iter().copied().filter(ok).take(3).collect();
    let baseline = (!prev.is_empty())
        .then(|| prev.iter().sum::<f64>() / prev.len() as f64)
        .filter(|b| *b > 0.0);
    let increase = baseline.filter(|_| ok(&current)).map(|b| current / b - 1.0);
    let long_run_increase = match (longest_before.filter(ok), long_run.filter(ok)) {
        (Some(before), Some(now)) if before > 0.0 => Some(now / before - 1.0),
        _ => None,
    };
    // EPS absorbs division rounding: 330/300 - 1 is 0.10000000000000009, which is not
    // "above 10%", and 120/100 - 1 is 0.19999999999999996, which is "20% longer".
    const EPS: f64 = 1e-9;
    let by_volume = match increase {
        Some(i) if i > RUN_LOAD_TIERS[2] + EPS => RunLoadTier::OneSessionFewer,
        Some(i) if i > RUN_LOAD_TIERS[1] + EPS => RunLoadTier::Simplify,
        Some(i) if i > RUN_LOAD_TIERS[0] + EPS => RunLoadTier::OneSetFewer,
        _ => RunLoadTier::None,
    };
    let by_long_run = if long_run_increase.is_some_and(|l| l >= LONG_RUN_JUMP - EPS) {
        RunLoadTier::OneSessionFewer
    } else {
        RunLoadTier::None
    };
    let tier = by_volume.max(by_long_run);

    let mut why = Vec::new();
    if let Some(i) = increase.filter(|_| by_volume > RunLoadTier::None) {
        why.push(format!(
            "running load up {:.0}% on the mean of the {} weeks before",
            i * 100.0,
            prev.len()
        ));
    }
    if let Some(l) = long_run_increase.filter(|_| by_long_run > RunLoadTier::None) {
        why.push(format!(
            "long run {:.0}% longer than the previous longest",
            l * 100.0
        ));
    }
    let action = match tier {
        RunLoadTier::None => "strength stays as planned",
        RunLoadTier::OneSetFewer => "one set fewer per exercise",
        RunLoadTier::Simplify => "one set fewer per exercise and simpler exercise variants",
        RunLoadTier::OneSessionFewer => {
            "one set fewer, simpler variants and one strength session fewer (at least one stays)"
        }
    };
    let text = if why.is_empty() {
        match increase {
            Some(i) => format!(
                "running load {:+.0}% on the mean of the {} weeks before: {action}",
                i * 100.0,
                prev.len()
            ),
            None => format!("no earlier running weeks to compare with: {action}"),
        }
    } else {
        format!(
            "{}: {action}; running is never cut by this rule",
            why.join(" and ")
        )
    };
    RunLoadIncrease {
        tier,
        baseline,
        increase,
        long_run_increase,
        rule: RULE_RUN_LOAD,
        text,
    }
}

/// [`run_load_increase`] from logged running in a [`LoadSeries`]: the week starting on the
/// Monday of `day` against up to 3 weeks before it that hold data (weeks before the first
/// logged session are unknown, not zero), with running session-RPE load and the longest run
/// in minutes. `None` when the series does not hold that week.
pub fn run_load_increase_logged(series: &LoadSeries, day: Date) -> Option<RunLoadIncrease> {
    let monday = load::monday_of(day);
    let i = series.weeks.iter().position(|w| w.start == monday)?;
    let first = series.first_data?;
    let prev: Vec<&load::WeekLoad> = series.weeks[..i]
        .iter()
        .rev()
        .filter(|w| w.end >= first)
        .take(3)
        .collect();
    let current = &series.weeks[i];
    let loads: Vec<f64> = prev.iter().map(|w| w.run_load).collect();
    let longest_before = prev
        .iter()
        .map(|w| w.longest_run_minutes)
        .fold(None, |acc: Option<f64>, m| {
            Some(acc.map_or(m, |a| a.max(m)))
        })
        .filter(|m| *m > 0.0);
    let long_run = Some(current.longest_run_minutes).filter(|m| *m > 0.0);
    Some(run_load_increase(
        current.run_load,
        &loads,
        longest_before,
        long_run,
    ))
}

#[cfg(test)]
mod tests;
