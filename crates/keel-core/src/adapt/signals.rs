//! How adaptation weighs readiness signals: which count as overtraining signs, when they are
//! strong, readiness in one line, and the plan's own running-load increase.

use crate::model::RunType;
use crate::plan::{Plan, PlanWeek, Session};
use crate::readiness::{self, RunLoadIncrease, Severity, Signal};

crate::model::id_enum! {
    /// What kind of warning sign a readiness signal is, as adaptation weighs it.
    SignalKind {
        /// Fatigue high on most recent days.
        Fatigue = "fatigue",
        /// Several short nights (`sleep`).
        Sleep = "sleep",
        /// Leg soreness lasting more than two days; also means slow recovery.
        Soreness = "soreness",
        /// Ill today.
        Illness = "illness",
        /// Often ill lately, but not today: a sign, not a reason to rest.
        FrequentIllness = "frequent-illness",
        /// Low mood for several days.
        Mood = "mood",
        /// Low motivation for several days.
        Motivation = "motivation",
        /// The same runs feel harder (higher RPE or heart rate at the same pace).
        Performance = "performance",
        /// An item worse than the runner's own baseline: counts as one sign only when two or
        /// more items are flagged on the day (one bad item is noise).
        Baseline = "baseline",
        /// Shown, but handled elsewhere or not a reason to change the plan by itself
        /// (high leg soreness today, a hard lift, a load increase).
        Other = "other",
    }
}

impl SignalKind {
    /// How adaptation weighs a readiness signal, from its stable name.
    pub fn of(name: &str) -> SignalKind {
        match name {
            "persistent-fatigue" => SignalKind::Fatigue,
            "poor-sleep" => SignalKind::Sleep,
            "lingering-soreness" => SignalKind::Soreness,
            "illness" => SignalKind::Illness,
            "frequent-illness" => SignalKind::FrequentIllness,
            "low-mood" => SignalKind::Mood,
            "low-motivation" => SignalKind::Motivation,
            "declining-performance" => SignalKind::Performance,
            n if n.starts_with("baseline-") => SignalKind::Baseline,
            _ => SignalKind::Other,
        }
    }
}

/// The signals that count toward `overtraining-signals`, each with its kind. Baseline flags
/// count only when two or more items are flagged on the day.
pub fn overtraining_signs(signals: &[Signal]) -> Vec<(SignalKind, &Signal)> {
    let mut ot: Vec<(SignalKind, &Signal)> = signals
        .iter()
        .map(|s| (SignalKind::of(s.name), s))
        .filter(|(k, _)| *k != SignalKind::Other)
        .collect();
    if ot
        .iter()
        .filter(|(k, _)| *k == SignalKind::Baseline)
        .count()
        < 2
    {
        ot.retain(|(k, _)| *k != SignalKind::Baseline);
    }
    ot
}

pub(super) fn distinct_kinds(signs: &[(SignalKind, &Signal)]) -> Vec<SignalKind> {
    let mut kinds: Vec<SignalKind> = signs.iter().map(|(k, _)| *k).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Whether overtraining signs are strong: illness, two or more kinds of sign, or one strong
/// sign. Strong signs are the only case in which a run is changed.
pub fn is_strong(signs: &[(SignalKind, &Signal)]) -> bool {
    signs.iter().any(|(k, _)| *k == SignalKind::Illness)
        || distinct_kinds(signs).len() >= 2
        || signs.iter().any(|(_, s)| s.severity == Severity::Strong)
}

/// Readiness in one line, as adaptation weighs the signals: `readiness::summary`, but
/// "back off" whenever the overtraining signs are strong (two kinds of sign together).
pub fn readiness_summary(signals: &[Signal]) -> String {
    let line = readiness::summary(signals);
    let signs = overtraining_signs(signals);
    match line.strip_prefix("caution: ") {
        Some(rest) if is_strong(&signs) => format!("back off: {rest}"),
        _ => line,
    }
}

/// `run-load-increase` of plan week `wi` from planned running minutes: against the mean of
/// the (up to) 3 non-deload weeks before, and its longest run against the longest of all
/// weeks before. `None` for the first week.
pub fn planned_run_load(plan: &Plan, wi: usize) -> Option<RunLoadIncrease> {
    let week = plan.weeks.get(wi)?;
    // Deload weeks are planned dips: coming back from one is not a rise in running load.
    let previous: Vec<f64> = plan.weeks[..wi]
        .iter()
        .rev()
        .filter(|w| !w.deload)
        .take(3)
        .map(|w| f64::from(w.run_minutes))
        .collect();
    if previous.is_empty() {
        return None;
    }
    let longest_before = plan.weeks[..wi]
        .iter()
        .map(longest_run)
        .max()
        .filter(|&m| m > 0)
        .map(f64::from);
    let long_run = Some(longest_run(week)).filter(|&m| m > 0).map(f64::from);
    Some(readiness::run_load_increase(
        f64::from(week.run_minutes),
        &previous,
        longest_before,
        long_run,
    ))
}

fn longest_run(w: &PlanWeek) -> u32 {
    w.days
        .iter()
        .flat_map(|d| d.sessions.iter())
        .filter_map(|s| match s {
            Session::Run(r) if !matches!(r.run_type, RunType::Cross | RunType::Rest) => {
                Some(r.minutes)
            }
            _ => None,
        })
        .max()
        .unwrap_or(0)
}
