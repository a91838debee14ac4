//! Adaptation: the plan reacts to the log. Given a plan, a date and what the runner's
//! check-ins and log say, change the coming days and say why.
//!
//! Invariants:
//! - [`adjust`] is a pure function of `(plan, date, inputs)`: an adjustment is "undone when
//!   the signal clears" simply because the next call no longer makes it.
//! - Only days from `date` on are changed: the past is what happened.
//! - Every change carries a rule id of the rule book's Adaptation table.
//! - No change introduces a violation of a hard placement rule: each one is validated and
//!   reverted (or another option chosen) when it would.
//! - Runs are touched only by `overtraining-signals` when the signals are strong, and the
//!   text says so.

use crate::activity::{Activity, CheckIn, StrengthWorkout};
use crate::exercises;
use crate::load;
use crate::model::{
    Athlete, Equipment, Focus, Intensity, MovementScreen, MuscleGroup, Phase, RunType, Units,
    Weekday,
};
use crate::plan::{
    Plan, PlanWeek, PrescribedExercise, RunSession, Session, StrengthSession, Timing, Why,
};
use crate::prescription;
use crate::progression::{self, show_load, Loading, RepRange, Target, WeekKind};
use crate::readiness::{self, RunLoadIncrease, RunLoadTier, Severity, Signal};
use crate::rules;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// Rule ids this module writes (all in the rule book's Adaptation table).
pub const ADAPT_RULES: &[&str] = &[
    RULE_LOAD,
    RULE_OVERTRAINING,
    RULE_SORENESS,
    RULE_SLEEP,
    RULE_PROGRESSION,
    RULE_RESET,
    RULE_AGE,
];

const RULE_LOAD: &str = "run-load-increase";
const RULE_OVERTRAINING: &str = "overtraining-signals";
const RULE_SORENESS: &str = "soreness-vs-running";
const RULE_SLEEP: &str = "sleep";
const RULE_PROGRESSION: &str = "progression";
const RULE_RESET: &str = "periodic-reset";
const RULE_AGE: &str = "age-recovery";

/// Leg soreness (1-5, 5 worst) from which soreness spoils a key run.
pub const SORE_LEGS: u8 = 4;
/// Session RPE from which a strength session counts as very hard.
pub const VERY_HARD_RPE: f64 = 9.0;

/// Advice shown for an external-load exercise when the log holds no history for it.
pub const NO_HISTORY_LOAD: &str = progression::NO_HISTORY_TEXT;

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

/// The last logged strength session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LastStrength {
    /// Its date.
    pub date: Date,
    /// Session RPE (CR-10), when logged.
    pub rpe: Option<f64>,
}

/// Everything adaptation looks at besides the plan and the date. All optional: an empty
/// value changes nothing but filling loads (and the plan's own load increase).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AdaptInputs {
    /// Readiness signals in force on the date ([`readiness::signals`]).
    pub signals: Vec<Signal>,
    /// Leg soreness (1-5, 5 worst) from the check-ins of the week up to the date: the
    /// soreness that matters is the one on the day before a key run of the date's week.
    pub soreness_legs: Vec<(Date, u8)>,
    /// `run-load-increase` verdicts from logged running, each with where it comes from
    /// (`"logged this week"`); the plan's own is added here and the highest tier wins.
    pub run_load: Vec<(String, RunLoadIncrease)>,
    /// The last logged strength session.
    pub last_strength: Option<LastStrength>,
    /// The strength log, for loads (`progression`, `periodic-reset`).
    pub workouts: Vec<StrengthWorkout>,
}

impl AdaptInputs {
    /// Everything the log says for `date`: readiness signals, the past week's leg soreness, the
    /// logged `run-load-increase` of this week so far and of last week, the last hard
    /// strength session (RPE from the log, never a default) and the strength log.
    ///
    /// Only records on or before `date` are used.
    pub fn from_log(
        date: Date,
        checkins: &[CheckIn],
        activities: &[Activity],
        workouts: &[StrengthWorkout],
        athlete: Option<&Athlete>,
        tz: &TimeZone,
    ) -> AdaptInputs {
        let workouts: Vec<StrengthWorkout> = workouts
            .iter()
            .filter(|w| w.date <= date)
            .cloned()
            .collect();
        let signals = readiness::signals(date, checkins, activities, &workouts, tz);
        let week_before = date.saturating_sub(jiff::Span::new().days(7));
        let soreness_legs = readiness::by_date(checkins, date)
            .range(week_before..=date)
            .filter_map(|(d, c)| c.soreness_legs.map(|l| (*d, l)))
            .collect();
        let from = date.saturating_sub(jiff::Span::new().days(35));
        let series = load::series(activities, &workouts, athlete, tz, from, date);
        let last_week = date.saturating_sub(jiff::Span::new().days(7));
        let run_load = [("logged this week", date), ("logged last week", last_week)]
            .into_iter()
            .filter_map(|(basis, day)| {
                readiness::run_load_increase_logged(&series, day).map(|r| (basis.to_string(), r))
            })
            .collect();
        let yesterday = date.saturating_sub(jiff::Span::new().days(1));
        let last_strength = workouts
            .iter()
            .filter(|w| w.date >= yesterday)
            .filter_map(|w| {
                let l = load::strength_load(w);
                (l.source != load::LoadSource::StrengthDefault).then_some(LastStrength {
                    date: w.date,
                    rpe: Some(l.rpe),
                })
            })
            .max_by(|a, b| {
                (a.date, a.rpe.unwrap_or(0.0))
                    .partial_cmp(&(b.date, b.rpe.unwrap_or(0.0)))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        AdaptInputs {
            signals,
            soreness_legs,
            run_load,
            last_strength,
            workouts,
        }
    }
}

crate::model::id_enum! {
    /// What an adjustment did.
    ChangeKind {
        /// One set fewer per exercise.
        FewerSets = "fewer-sets",
        /// Exercises stepped down to their easier variants.
        Simplify = "simplify",
        /// A strength session removed.
        DropSession = "drop-session",
        /// A strength session turned into mobility.
        ToMobility = "to-mobility",
        /// Strength intensity lowered one step.
        LowerIntensity = "lower-intensity",
        /// A day turned into an extra rest day.
        RestDay = "rest-day",
        /// A hard run turned into easy cross-training.
        RunToCross = "run-to-cross",
        /// A hard run turned into rest.
        RunToRest = "run-to-rest",
        /// A strength session moved to a later day.
        Move = "move",
        /// A strength session lightened to a focus that spares the legs.
        Lighten = "lighten",
        /// Advice only: nothing in the plan changed.
        Suggest = "suggest",
    }
}

/// One adjustment in force: the day it affects, the rule, what it did and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The day the change affects.
    pub date: Date,
    /// The rule id.
    pub rule: String,
    /// What it did.
    pub kind: ChangeKind,
    /// A sentence for the runner.
    pub text: String,
}

/// The adjusted plan and the list of changes made to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Adapted {
    /// The plan with the coming days changed; each change is also in its week's
    /// `adjustments` and, for a strength session, in the session's `why`.
    pub plan: Plan,
    /// The changes, in the order they were made.
    pub changes: Vec<Change>,
}

/// Adapts `plan` for `date` given what the check-ins and the log say.
///
/// Changes the days from `date` to the end of its week (a lower-body session moved for
/// sore legs may lie in the next week). A date outside the plan changes nothing.
pub fn adjust(plan: &Plan, date: Date, inputs: &AdaptInputs) -> Adapted {
    let mut a = Adapter {
        plan: plan.clone(),
        date,
        changes: Vec::new(),
    };
    let Some(wi) = a.plan.weeks.iter().position(|w| in_week(w, date)) else {
        return Adapted {
            plan: a.plan,
            changes: a.changes,
        };
    };
    let ot = overtraining_signs(&inputs.signals);
    if let Some((_, slow)) = ot.iter().find(|(k, _)| *k == SignalKind::Soreness) {
        a.slow_recovery(wi, slow);
    }
    if !ot.is_empty() {
        a.overtraining(wi, &ot);
    }
    let mut loads: Vec<(String, RunLoadIncrease)> = inputs.run_load.clone();
    loads.extend(planned_run_load(&a.plan, wi).map(|p| ("planned".to_string(), p)));
    // The highest tier wins; on a tie the first given (the log before the plan).
    let top = loads
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, l))| (l.tier, std::cmp::Reverse(*i)))
        .map(|(_, l)| l.clone());
    if let Some((basis, load)) = top.filter(|(_, l)| l.tier > RunLoadTier::None) {
        a.run_load(wi, &load, &basis);
    }
    a.sore_legs(wi, &inputs.soreness_legs);
    if let Some(last) = inputs.last_strength {
        a.hard_lift(wi, last);
    }
    a.loads(wi, &inputs.workouts);
    Adapted {
        plan: a.plan,
        changes: a.changes,
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

fn distinct_kinds(signs: &[(SignalKind, &Signal)]) -> Vec<SignalKind> {
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

fn in_week(w: &PlanWeek, date: Date) -> bool {
    w.days.iter().any(|d| d.date == date)
}

/// Position of a day: week index and day index.
type Pos = (usize, usize);

struct Adapter {
    plan: Plan,
    date: Date,
    changes: Vec<Change>,
}

impl Adapter {
    /// Days of week `wi` from the date on.
    fn horizon(&self, wi: usize) -> Vec<Pos> {
        self.plan.weeks[wi]
            .days
            .iter()
            .enumerate()
            .filter(|(_, d)| d.date >= self.date)
            .map(|(di, _)| (wi, di))
            .collect()
    }

    /// Days from the date on in week `wi` and the next week.
    fn horizon2(&self, wi: usize) -> Vec<Pos> {
        let mut h = self.horizon(wi);
        if wi + 1 < self.plan.weeks.len() {
            h.extend((0..self.plan.weeks[wi + 1].days.len()).map(|di| (wi + 1, di)));
        }
        h
    }

    /// The position of a date in the plan.
    fn pos_of(&self, date: Date) -> Option<Pos> {
        self.plan.weeks.iter().enumerate().find_map(|(wi, w)| {
            w.days
                .iter()
                .position(|d| d.date == date)
                .map(|di| (wi, di))
        })
    }

    /// Positions from `from` on, in order, through `weeks` weeks (the week of `from` first).
    fn positions_from(&self, from: Date, weeks: usize) -> Vec<Pos> {
        let Some((w0, _)) = self.pos_of(from) else {
            return Vec::new();
        };
        (w0..(w0 + weeks).min(self.plan.weeks.len()))
            .flat_map(|wi| (0..self.plan.weeks[wi].days.len()).map(move |di| (wi, di)))
            .filter(|&pos| self.day_date(pos) >= from)
            .collect()
    }

    fn day_date(&self, (wi, di): Pos) -> Date {
        self.plan.weeks[wi].days[di].date
    }

    fn strength(&self, (wi, di): Pos) -> Option<&StrengthSession> {
        self.plan.weeks[wi].days[di]
            .sessions
            .iter()
            .find_map(|s| match s {
                Session::Strength(st) => Some(st),
                Session::Run(_) => None,
            })
    }

    fn run(&self, (wi, di): Pos) -> Option<&RunSession> {
        self.plan.weeks[wi].days[di]
            .sessions
            .iter()
            .find_map(|s| match s {
                Session::Run(r) if r.run_type != RunType::Rest => Some(r),
                _ => None,
            })
    }

    /// Strength sessions (not mobility) in the whole of week `wi`.
    fn training_sessions(&self, wi: usize) -> usize {
        (0..self.plan.weeks[wi].days.len())
            .filter(|&di| {
                self.strength((wi, di))
                    .is_some_and(|s| s.focus != Focus::Mobility)
            })
            .count()
    }

    /// Applies `f` to the plan; keeps it only when no hard rule is newly broken in the
    /// weeks it touches. Returns whether it was kept.
    fn try_apply(&mut self, weeks: &[usize], f: impl FnOnce(&mut Plan)) -> bool {
        let before = self.plan.clone();
        let old = hard_violations_around(&before, weeks);
        f(&mut self.plan);
        let new = hard_violations_around(&self.plan, weeks);
        if new.iter().all(|v| old.contains(v)) {
            true
        } else {
            self.plan = before;
            false
        }
    }

    /// Records a change: in the list, in the week's adjustments and, when the day holds a
    /// strength session, in its `why`.
    fn record(&mut self, pos: Pos, rule: &str, kind: ChangeKind, text: String) {
        let date = self.day_date(pos);
        let why = Why::new(rule, text.clone());
        let week = &mut self.plan.weeks[pos.0];
        if !week.adjustments.contains(&why) {
            week.adjustments.push(why.clone());
        }
        for s in &mut week.days[pos.1].sessions {
            if let Session::Strength(st) = s {
                st.why.push(why.clone());
            }
        }
        self.changes.push(Change {
            date,
            rule: rule.to_string(),
            kind,
            text,
        });
    }

    /// Replaces the strength session at `pos` by a mobility session; returns whether kept.
    fn make_mobility(&mut self, pos: Pos) -> bool {
        self.refocus(pos, Focus::Mobility)
    }

    /// Replaces the strength session at `pos` by one of `focus` in the same slot, prescribed
    /// for the athlete; returns whether kept.
    fn refocus(&mut self, pos: Pos, focus: Focus) -> bool {
        let (wi, di) = pos;
        let phase = self.plan.weeks[wi].phase;
        let deload = self.plan.weeks[wi].deload;
        self.try_apply(&[wi], |p| {
            let athlete = p.athlete.clone();
            for s in &mut p.weeks[wi].days[di].sessions {
                if let Session::Strength(st) = s {
                    *st = session_of(&athlete, phase, deload, st, focus);
                }
            }
        })
    }

    /// Removes the strength session at `pos`; an emptied day becomes a rest day.
    fn drop_strength(&mut self, pos: Pos) -> bool {
        let (wi, di) = pos;
        self.try_apply(&[wi], |p| {
            let day = &mut p.weeks[wi].days[di];
            day.sessions.retain(|s| !matches!(s, Session::Strength(_)));
            day.rest = day.sessions.is_empty();
        })
    }

    fn overtraining(&mut self, wi: usize, signals: &[(SignalKind, &Signal)]) {
        let ill = signals.iter().any(|(k, _)| *k == SignalKind::Illness);
        let kinds = distinct_kinds(signals);
        let strong = is_strong(signals);
        let rule = if kinds == [SignalKind::Sleep] {
            RULE_SLEEP
        } else {
            RULE_OVERTRAINING
        };
        let what = capitalise(
            &signals
                .iter()
                .map(|(_, s)| s.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        );
        let horizon = self.horizon(wi);
        if strong {
            self.overtraining_strong(wi, &horizon, ill, &what);
        } else {
            let legs_only = kinds == [SignalKind::Soreness];
            self.overtraining_mild(&horizon, rule, &what, legs_only);
        }
    }

    /// One sign: an extra rest day where no run is planned, or the next strength session
    /// to mobility; the other strength sessions one step lighter.
    ///
    /// When the one sign is sore legs, only sessions that load the legs are dropped.
    fn overtraining_mild(&mut self, horizon: &[Pos], rule: &str, what: &str, legs_only: bool) {
        let mut handled = None;
        for &pos in horizon {
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if st.focus == Focus::Mobility
                || self.run(pos).is_some()
                || (legs_only && !st.focus.loads_legs())
            {
                continue;
            }
            let focus = st.focus;
            if self.drop_strength(pos) {
                let text = format!(
                    "{what}: {day}'s {focus} session is dropped for an extra rest day.",
                    day = self.weekday(pos).name(),
                    focus = focus_name(focus)
                );
                self.record(pos, rule, ChangeKind::RestDay, text);
                handled = Some(pos);
                break;
            }
        }
        if handled.is_none() {
            for &pos in horizon {
                let Some(st) = self.strength(pos) else {
                    continue;
                };
                if st.focus == Focus::Mobility || (legs_only && !st.focus.loads_legs()) {
                    continue;
                }
                let focus = st.focus;
                if self.make_mobility(pos) {
                    let text = format!(
                        "{what}: {day}'s {focus} session becomes mobility work.",
                        day = self.weekday(pos).name(),
                        focus = focus_name(focus)
                    );
                    self.record(pos, rule, ChangeKind::ToMobility, text);
                    handled = Some(pos);
                    break;
                }
            }
        }
        for &pos in horizon {
            if Some(pos) == handled {
                continue;
            }
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if st.focus == Focus::Mobility {
                continue;
            }
            let from = st.intensity;
            let to = lighter(from);
            if to == from {
                continue;
            }
            let (wi, di) = pos;
            let kept = self.try_apply(&[wi], |p| {
                for s in &mut p.weeks[wi].days[di].sessions {
                    if let Session::Strength(st) = s {
                        st.intensity = to;
                        for e in &mut st.exercises {
                            e.rir += 1;
                        }
                    }
                }
            });
            if kept {
                let text = format!(
                    "{what}: {day}'s session is {to} instead of {from}, with one more rep in reserve.",
                    day = self.weekday(pos).name(),
                );
                self.record(pos, rule, ChangeKind::LowerIntensity, text);
            }
        }
    }

    /// Illness or two or more signs: strength becomes mobility (dropped when ill), an extra
    /// rest day (converting an easy run day if needed), and the next hard run becomes easy
    /// cross-training (rest when ill). The only case where keel touches a run.
    fn overtraining_strong(&mut self, wi: usize, horizon: &[Pos], ill: bool, what: &str) {
        let rule = RULE_OVERTRAINING;
        for &pos in horizon {
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if st.focus == Focus::Mobility && !ill {
                continue;
            }
            let focus = st.focus;
            let day = self.weekday(pos).name();
            if ill {
                if self.drop_strength(pos) {
                    let text = format!(
                        "{what}: {day}'s {} session is dropped until you are well.",
                        focus_name(focus)
                    );
                    self.record(pos, rule, ChangeKind::DropSession, text);
                }
            } else if self.make_mobility(pos) {
                let text = format!(
                    "{what}: {day}'s {} session becomes mobility work.",
                    focus_name(focus)
                );
                self.record(pos, rule, ChangeKind::ToMobility, text);
            }
        }
        // The next hard run (never a race: that is the runner's call).
        let next_hard = horizon.iter().copied().find(|&pos| {
            self.run(pos)
                .is_some_and(|r| r.run_type.is_hard() && r.run_type != RunType::Race)
        });
        if let Some(pos) = next_hard {
            self.soften_run(pos, ill, what);
        }
        // An extra rest day: the first coming day without a hard run that is not rest yet.
        let has_rest_ahead = horizon
            .iter()
            .any(|&(w, d)| self.plan.weeks[w].days[d].rest);
        if !has_rest_ahead || ill {
            let candidate = horizon.iter().copied().find(|&pos| {
                let day = &self.plan.weeks[pos.0].days[pos.1];
                !day.rest && self.run(pos).is_none_or(|r| !r.run_type.is_hard())
            });
            if let Some(pos) = candidate {
                let (w, d) = pos;
                let run = self.run(pos).map(|r| r.run_type);
                if self.try_apply(&[wi], |p| {
                    let day = &mut p.weeks[w].days[d];
                    day.sessions.clear();
                    day.rest = true;
                }) {
                    let day = self.weekday(pos).name();
                    let text = match run {
                        Some(t) => format!(
                            "{what}: {day} becomes an extra rest day. keel changed your run here \
                             (the {t} run is off) because the signs are strong."
                        ),
                        None => format!("{what}: {day} becomes an extra rest day."),
                    };
                    self.record(pos, rule, ChangeKind::RestDay, text);
                }
            }
        }
    }

    fn soften_run(&mut self, pos: Pos, ill: bool, what: &str) {
        let (wi, di) = pos;
        let Some(run) = self.run(pos).cloned() else {
            return;
        };
        let day = self.weekday(pos).name();
        let kept = self.try_apply(&[wi], |p| {
            let d = &mut p.weeks[wi].days[di];
            if ill {
                d.sessions.clear();
                d.rest = true;
            } else {
                for s in &mut d.sessions {
                    if let Session::Run(r) = s {
                        if r.run_type == run.run_type {
                            r.run_type = RunType::Cross;
                            r.minutes = r.minutes.min(45);
                            r.km = None;
                        }
                    }
                }
            }
        });
        if !kept {
            return;
        }
        let t = run.run_type;
        if ill {
            let text = format!(
                "{what}: keel changed your run: {day}'s {t} run becomes rest. This is the only \
                 case where keel touches a run: train again when you are well."
            );
            self.record(pos, RULE_OVERTRAINING, ChangeKind::RunToRest, text);
        } else {
            let mins = run.minutes.min(45);
            let text = format!(
                "{what}: keel changed your run: {day}'s {t} run becomes {mins} min of easy \
                 cross-training. This is the only case where keel touches a run, because \
                 the signs are strong."
            );
            self.record(pos, RULE_OVERTRAINING, ChangeKind::RunToCross, text);
        }
    }

    /// Slow recovery: prefer 2 strength sessions over 3.
    fn slow_recovery(&mut self, wi: usize, signal: &Signal) {
        if self.training_sessions(wi) < 3 {
            return;
        }
        let last = self.horizon(wi).into_iter().rev().find(|&pos| {
            self.strength(pos)
                .is_some_and(|s| s.focus != Focus::Mobility)
        });
        if let Some(pos) = last {
            let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Full);
            if self.drop_strength(pos) {
                let text = format!(
                    "{}: recovery is slow, so 2 strength sessions this week instead of 3 \
                     ({}'s {} session is dropped).",
                    capitalise(&signal.text),
                    self.weekday(pos).name(),
                    focus_name(focus)
                );
                self.record(pos, RULE_AGE, ChangeKind::DropSession, text);
            }
        }
    }

    fn run_load(&mut self, wi: usize, load: &RunLoadIncrease, basis: &str) {
        let pct = load.increase.map_or(0.0, |i| i * 100.0);
        let pct_text = percent(pct);
        let by_volume = pct > 10.0;
        let long = load
            .long_run_increase
            .filter(|_| load.tier == RunLoadTier::OneSessionFewer && pct <= 30.0)
            .map(|g| g * 100.0);
        let why = match long {
            Some(g) if !by_volume => {
                format!("The long run is {g:.0}% longer than your longest before ({basis})")
            }
            Some(g) => format!(
                "Running load is up {pct_text} on the mean of the weeks before and the long run \
                 is {g:.0}% longer than your longest before ({basis})"
            ),
            None => {
                format!("Running load is up {pct_text} on the mean of the weeks before ({basis})")
            }
        };
        let horizon = self.horizon(wi);
        let lifting: Vec<Pos> = horizon
            .iter()
            .copied()
            .filter(|&pos| {
                self.strength(pos)
                    .is_some_and(|s| s.focus != Focus::Mobility && !s.exercises.is_empty())
            })
            .collect();
        if load.tier == RunLoadTier::OneSessionFewer {
            let count = self.training_sessions(wi);
            // Drop the session that loads the legs most, the latest first.
            let victim = lifting
                .iter()
                .copied()
                .max_by_key(|&pos| (self.strength(pos).map(|s| legs_weight(s.focus)), pos));
            if let (true, Some(pos)) = (count >= 2, victim) {
                let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Full);
                if self.drop_strength(pos) {
                    let text = format!(
                        "{why}: one strength session fewer this week ({}'s {} session is dropped). \
                         Running is not cut.",
                        self.weekday(pos).name(),
                        focus_name(focus)
                    );
                    self.record(pos, RULE_LOAD, ChangeKind::DropSession, text);
                }
            }
        }
        let lifting: Vec<Pos> = lifting
            .into_iter()
            .filter(|&pos| self.strength(pos).is_some())
            .collect();
        if load.sets_fewer() > 0 {
            for &pos in &lifting {
                let (w, d) = pos;
                let mut cut = false;
                let kept = self.try_apply(&[w], |p| {
                    for s in &mut p.weeks[w].days[d].sessions {
                        if let Session::Strength(st) = s {
                            for e in &mut st.exercises {
                                if e.sets > 1 {
                                    e.sets -= 1;
                                    cut = true;
                                }
                            }
                        }
                    }
                });
                if kept && cut {
                    let text = format!(
                        "{why}: one set fewer per exercise on {}.",
                        self.weekday(pos).name()
                    );
                    self.record(pos, RULE_LOAD, ChangeKind::FewerSets, text);
                }
            }
        }
        if load.simplify() {
            for &pos in &lifting {
                let (w, d) = pos;
                let mut swapped = Vec::new();
                let athlete = self.plan.athlete.clone();
                let kept = self.try_apply(&[w], |p| {
                    for s in &mut p.weeks[w].days[d].sessions {
                        if let Session::Strength(st) = s {
                            for e in &mut st.exercises {
                                if let Some(next) = easier_variant(&athlete, e) {
                                    swapped.push(format!("{} -> {}", e.name, next.name));
                                    *e = next;
                                }
                            }
                        }
                    }
                });
                if kept && !swapped.is_empty() {
                    let text = format!(
                        "{why}: simpler exercises on {} ({}).",
                        self.weekday(pos).name(),
                        swapped.join(", ")
                    );
                    self.record(pos, RULE_LOAD, ChangeKind::Simplify, text);
                }
            }
        }
    }

    /// Sore legs the day before a key run: the next lower-body session moves to a valid later
    /// day of its week, or is lightened.
    ///
    /// Recomputed on any later day of that week, the same move is found again (it is chosen
    /// among all later days, as on the sore day): the target day keeps the moved session
    /// until it is done, while a source day already past stays as it was planned.
    fn sore_legs(&mut self, wi: usize, soreness: &[(Date, u8)]) {
        let week_start = self.plan.weeks[wi].start;
        let mut sore: Vec<(Date, u8)> = soreness
            .iter()
            .copied()
            .filter(|(d, l)| *l >= SORE_LEGS && *d <= self.date)
            .collect();
        sore.sort();
        sore.dedup_by_key(|(d, _)| *d);
        for (sore_day, legs) in sore {
            let Ok(key_date) = sore_day.tomorrow() else {
                continue;
            };
            // The key run is in this week, or tomorrow (a Monday of the next week).
            if key_date < week_start {
                continue;
            }
            let Some(key_pos) = self.pos_of(key_date) else {
                continue;
            };
            let Some(key) = self.run(key_pos).filter(|r| r.run_type.is_hard()).cloned() else {
                continue;
            };
            let why = format!(
                "Leg soreness {legs}/5 on {}, the day before {}'s {} run",
                Weekday::of(sore_day).name(),
                Weekday::of(key_date).name(),
                key.run_type
            );
            self.sore_legs_session(sore_day, &why);
        }
    }

    fn sore_legs_session(&mut self, sore_day: Date, why: &str) {
        // The next lower-body session from the sore day on, in its week or the next.
        let Some(pos) = self
            .positions_from(sore_day, 2)
            .into_iter()
            .find(|&pos| self.strength(pos).is_some_and(|s| s.focus.loads_legs()))
        else {
            return;
        };
        let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Lower);
        let (w, d) = pos;
        let from_day = self.weekday(pos).name();
        let past = self.day_date(pos) < self.date;
        // Move: a later day of the same week holding a run and no strength yet; easy days
        // first, then the earliest.
        let mut targets: Vec<(bool, usize)> = (d + 1..self.plan.weeks[w].days.len())
            .filter(|&to| self.strength((w, to)).is_none())
            .filter_map(|to| self.run((w, to)).map(|r| (r.run_type.is_hard(), to)))
            .collect();
        targets.sort();
        for (_, to) in targets {
            let target = (w, to);
            let Some(moved) = self.strength(pos).cloned() else {
                return;
            };
            let snapshot = self.plan.clone();
            let kept = self.try_apply(&[w], |p| {
                let wk = &mut p.weeks[w];
                if !past {
                    wk.days[d]
                        .sessions
                        .retain(|s| !matches!(s, Session::Strength(_)));
                    wk.days[d].rest = wk.days[d].sessions.is_empty();
                }
                let mut st = moved;
                st.timing = Timing::AfterRun;
                wk.days[to].sessions.push(Session::Strength(st));
                wk.days[to].rest = false;
            });
            if kept {
                if self.day_date(target) < self.date {
                    // Moved to a day already past: done; the past is not rewritten.
                    self.plan = snapshot;
                    return;
                }
                let text = format!(
                    "{why}: {from_day}'s {} session moves to {}.",
                    focus_name(focus),
                    self.weekday(target).name()
                );
                self.record(target, RULE_SORENESS, ChangeKind::Move, text);
                return;
            }
        }
        if past {
            return;
        }
        // Lighten: to work that spares the legs, else mobility.
        let spare = if focus == Focus::Full {
            Focus::Upper
        } else {
            Focus::Core
        };
        for to in [spare, Focus::Mobility] {
            if self.refocus(pos, to) {
                let text = format!(
                    "{why}: {from_day}'s {} session is lightened to {} work.",
                    focus_name(focus),
                    focus_name(to)
                );
                self.record(pos, RULE_SORENESS, ChangeKind::Lighten, text);
                return;
            }
        }
    }

    /// A very hard strength session the day before a hard run: suggest an easy run or rest.
    fn hard_lift(&mut self, wi: usize, last: LastStrength) {
        let Some(rpe) = last.rpe.filter(|&r| r >= VERY_HARD_RPE) else {
            return;
        };
        let Some(next) = last.date.tomorrow().ok() else {
            return;
        };
        if next < self.date {
            return;
        }
        let Some(pos) = self
            .horizon2(wi)
            .into_iter()
            .find(|&pos| self.day_date(pos) == next)
        else {
            return;
        };
        let Some(run) = self.run(pos).filter(|r| r.run_type.is_hard()).cloned() else {
            return;
        };
        let lifted = Weekday::of(last.date).name();
        let text = format!(
            "{lifted}'s strength session was rated RPE {rpe}: consider running {}'s {} run \
             easy, or resting. keel does not change the run for you.",
            self.weekday(pos).name(),
            run.run_type
        );
        self.record(pos, RULE_SORENESS, ChangeKind::Suggest, text);
    }

    /// Fills each coming exercise's load from the log (`progression`); deload weeks and the
    /// first week of a new block are lighter (`periodic-reset`).
    fn loads(&mut self, wi: usize, workouts: &[StrengthWorkout]) {
        let pounds = self.plan.athlete.units == Units::Mi;
        // Past deload weeks were deliberately light: progression skips them.
        let skip: Vec<Date> = self.plan.weeks[..wi]
            .iter()
            .filter(|w| w.deload)
            .flat_map(|w| w.days.iter().map(|d| d.date))
            .collect();
        for (w, d) in self.horizon2(wi) {
            let week = &self.plan.weeks[w];
            let kind = if week.deload {
                WeekKind::Deload
            } else if w > 0 && self.plan.weeks[w - 1].phase != week.phase {
                WeekKind::NewBlock
            } else {
                WeekKind::Normal
            };
            for s in &mut self.plan.weeks[w].days[d].sessions {
                let Session::Strength(st) = s else { continue };
                let mut rules: Vec<&'static str> = Vec::new();
                for e in &mut st.exercises {
                    let loading = Loading {
                        equipment: main_equipment(&e.equipment),
                        pounds,
                    };
                    let Some(range) = rep_range(&e.reps) else {
                        continue;
                    };
                    let target = Target {
                        range,
                        loading,
                        week: kind,
                        skip: skip.clone(),
                    };
                    match progression::next_prescription(workouts, &e.id, &target) {
                        Some(rx) => {
                            e.reps = rx.reps.to_string();
                            if let Some(t) = rx.tempo {
                                e.tempo = t.to_string();
                            }
                            e.load = rx
                                .load_kg
                                .map(|kg| format!("{} ({})", show_load(kg, loading), rx.reason))
                                .or_else(|| Some(capitalise(&rx.reason)));
                            if !rules.contains(&rx.rule) {
                                rules.push(rx.rule);
                            }
                        }
                        None if loading.is_loaded() && e.load.is_none() => {
                            e.load = Some(NO_HISTORY_LOAD.to_string());
                        }
                        None => {}
                    }
                }
                for rule in rules {
                    let text = if rule == RULE_RESET {
                        "Lighter loads and more reps this week, for technique and recovery."
                    } else {
                        "Loads come from your log: double progression within the rep range."
                    };
                    let why = Why::new(rule, text);
                    if !st.why.contains(&why) {
                        st.why.push(why);
                    }
                }
            }
        }
    }

    fn weekday(&self, pos: Pos) -> Weekday {
        Weekday::of(self.day_date(pos))
    }
}

/// The equipment whose steps a prescribed exercise progresses by: the loaded one, if any.
fn main_equipment(equipment: &[Equipment]) -> Equipment {
    [
        Equipment::Barbell,
        Equipment::Kettlebell,
        Equipment::Dumbbell,
        Equipment::Machine,
        Equipment::Band,
    ]
    .into_iter()
    .find(|e| equipment.contains(e))
    .unwrap_or(Equipment::Bodyweight)
}

/// The rep range of a prescription such as `"8-10"` or `"12"`; `None` for holds (`"30s"`).
fn rep_range(reps: &str) -> Option<RepRange> {
    let (lo, hi) = reps.split_once('-').unwrap_or((reps, reps));
    RepRange::new(lo.trim().parse().ok()?, hi.trim().parse().ok()?)
}

fn legs_weight(f: Focus) -> u8 {
    match f {
        Focus::Full => 3,
        Focus::Lower => 2,
        Focus::Upper | Focus::Core => 1,
        Focus::Mobility => 0,
    }
}

fn lighter(i: Intensity) -> Intensity {
    match i {
        Intensity::Heavy => Intensity::Moderate,
        Intensity::Moderate => Intensity::Light,
        other => other,
    }
}

fn focus_name(f: Focus) -> &'static str {
    match f {
        Focus::Lower => "lower-body",
        Focus::Upper => "upper-body",
        Focus::Full => "full-body",
        Focus::Core => "core",
        Focus::Mobility => "mobility",
    }
}

/// A percentage for a sentence: whole percent, but one decimal when rounding would land on
/// a tier threshold (an increase of 10.4% is "above 10%", so it must not read "10%").
fn percent(p: f64) -> String {
    let whole = p.round();
    if [10.0, 20.0, 30.0].contains(&whole) && (p - whole).abs() > 1e-9 {
        format!("{p:.1}%")
    } else {
        format!("{whole:.0}%")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A session of `focus` in place of `st`: same slot, prescribed for the athlete;
/// light, or bodyweight for mobility.
fn session_of(
    athlete: &Athlete,
    phase: Phase,
    deload: bool,
    st: &StrengthSession,
    focus: Focus,
) -> StrengthSession {
    let intensity = if focus == Focus::Mobility {
        Intensity::Bodyweight
    } else {
        Intensity::Light
    };
    let minutes = if focus == Focus::Mobility {
        st.minutes.clamp(10, 20)
    } else {
        st.minutes.min(30)
    };
    let rx = prescription::prescribe(
        &prescription::Request {
            athlete,
            focus,
            intensity,
            phase,
            minutes,
            after_run: st.timing == Timing::AfterRun,
            deload,
            variant: 0,
        },
        None,
    );
    let mut exercises = rx.exercises;
    if !focus.loads_legs() {
        // A session that replaces leg work must spare the legs (no Copenhagen planks).
        exercises.retain(|e| {
            exercises::find(&e.id).is_none_or(|x| !x.muscles.contains(&MuscleGroup::Legs))
        });
    }
    StrengthSession {
        focus,
        intensity,
        minutes: rx.minutes,
        timing: st.timing,
        warm_up: rx.warm_up,
        exercises,
        // The replaced session's reasons (its dose, its placement for leg work) no longer
        // hold; the prescription's do, and the adjustment adds its own.
        why: rx.why,
    }
}

/// The exercise one step down its chain (`easier`), with equipment the athlete has; the
/// dose (sets, reps, reserve, tempo) stays. `None` without a usable easier variant.
fn easier_variant(athlete: &Athlete, e: &PrescribedExercise) -> Option<PrescribedExercise> {
    let ex = exercises::find(e.easier.as_deref()?)?;
    let bodyweight_only = athlete.movement_screen == MovementScreen::Fail;
    let equipment = ex.equip_with(|q| athlete.has(q), bodyweight_only)?;
    Some(PrescribedExercise {
        id: ex.id.to_string(),
        name: ex.name.to_string(),
        equipment: equipment.to_vec(),
        load: None,
        easier: ex.easier.map(str::to_string),
        harder: ex.harder.map(str::to_string),
        ..e.clone()
    })
}

/// Hard-rule violations (the planner's checker) in the weeks given and their neighbours, as
/// comparable strings.
fn hard_violations_around(plan: &Plan, weeks: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    for &wi in weeks {
        let lo = wi.saturating_sub(1);
        let hi = (wi + 1).min(plan.weeks.len().saturating_sub(1));
        for w in lo..=hi {
            let prev = w.checked_sub(1).and_then(|p| plan.weeks.get(p));
            let next = plan.weeks.get(w + 1);
            out.extend(
                rules::hard_violations(&plan.weeks[w], prev, next)
                    .into_iter()
                    .map(|v| {
                        format!(
                            "{} {} {} {}",
                            plan.weeks[w].index, v.rule, v.weekday, v.text
                        )
                    }),
            );
        }
    }
    out.sort();
    out.dedup();
    out
}

crate::model::id_enum! {
    /// How much training a day holds, for carbohydrate guidance (`carbohydrate`).
    DayLoad {
        /// A rest day.
        Rest = "rest",
        /// Under 45 minutes of training, or only mobility.
        Light = "light",
        /// About an hour of training.
        Moderate = "moderate",
        /// A long run or race, or 90 minutes of running or more.
        High = "high",
    }
}

/// A day's fuel targets in grams for the athlete, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayFuel {
    /// How much training the day holds.
    pub load: DayLoad,
    /// Protein, grams, [low, high].
    pub protein_g: [u32; 2],
    /// Carbohydrate, grams, [low, high].
    pub carbohydrate_g: [u32; 2],
    /// Reasons (`protein`, `carbohydrate`).
    pub why: Vec<Why>,
}

/// Protein and carbohydrate for one planned day (research.md, Fuel): protein 1.6-2.2 g/kg
/// every day; carbohydrate 3-5 g/kg on rest and light days, 5-7 on moderate days (about an
/// hour of training), 6-10 on long-run, race and high-volume days.
///
/// Invariant: low <= high in both ranges; a non-positive or non-finite body mass gives zeros.
pub fn day_fuel(body_mass_kg: f64, day: &crate::plan::PlanDay) -> DayFuel {
    let mass = if body_mass_kg.is_finite() && body_mass_kg > 0.0 {
        body_mass_kg
    } else {
        0.0
    };
    let mut run_min = 0u32;
    let mut total = 0u32;
    let mut long = false;
    for s in &day.sessions {
        match s {
            Session::Run(r) if r.run_type != RunType::Rest => {
                long |= matches!(r.run_type, RunType::Long | RunType::Race);
                if r.run_type != RunType::Cross {
                    run_min += r.minutes;
                }
                total += r.minutes;
            }
            Session::Strength(st) if st.focus != Focus::Mobility => total += st.minutes,
            _ => {}
        }
    }
    let load = if day.rest || total == 0 {
        DayLoad::Rest
    } else if long || run_min >= 90 {
        DayLoad::High
    } else if total >= 45 {
        DayLoad::Moderate
    } else {
        DayLoad::Light
    };
    let (lo, hi, what) = match load {
        DayLoad::Rest => (3.0, 5.0, "a rest day"),
        DayLoad::Light => (3.0, 5.0, "a light day"),
        DayLoad::Moderate => (5.0, 7.0, "a moderate day (about an hour of training)"),
        DayLoad::High => (6.0, 10.0, "a long-run or high-volume day"),
    };
    let g = |k: f64| (k * mass).round() as u32;
    DayFuel {
        load,
        protein_g: [g(1.6), g(2.2)],
        carbohydrate_g: [g(lo), g(hi)],
        why: vec![
            Why::new(
                "protein",
                format!(
                    "1.6-2.2 g protein per kg body mass: {}-{} g.",
                    g(1.6),
                    g(2.2)
                ),
            ),
            Why::new(
                "carbohydrate",
                format!(
                    "{lo:.0}-{hi:.0} g carbohydrate per kg on {what}: {}-{} g.",
                    g(lo),
                    g(hi)
                ),
            ),
        ],
    }
}

#[cfg(test)]
mod prop;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{LoggedSet, SetType};
    use crate::model::{
        Athlete, Equipment, Experience, Goal, MovementScreen, MuscleGroup, Phase, Strategy, Units,
    };
    use crate::plan::{Nutrition, PlanDay, PrescribedExercise, PLAN_SCHEMA};
    use jiff::civil::date;

    /// A prescribed exercise from the library, equipped with `eq`.
    fn ex(id: &str, eq: Equipment) -> PrescribedExercise {
        let x = exercises::find(id).expect("library exercise");
        PrescribedExercise {
            id: id.to_string(),
            name: x.name.to_string(),
            sets: 3,
            reps: "10-15".to_string(),
            rir: 2,
            tempo: "3-1-1".to_string(),
            equipment: vec![eq],
            load: None,
            easier: x.easier.map(str::to_string),
            harder: x.harder.map(str::to_string),
        }
    }

    fn strength(focus: Focus, intensity: Intensity) -> Session {
        let exercises = match focus {
            Focus::Lower => vec![
                ex("goblet-squat", Equipment::Kettlebell),
                ex("romanian-deadlift", Equipment::Dumbbell),
            ],
            Focus::Upper => vec![ex("push-up", Equipment::Bodyweight)],
            _ => vec![
                ex("reverse-lunge", Equipment::Dumbbell),
                ex("bent-over-row", Equipment::Dumbbell),
                ex("dead-bug", Equipment::Bodyweight),
            ],
        };
        Session::Strength(StrengthSession {
            focus,
            intensity,
            minutes: 40,
            timing: Timing::AfterRun,
            warm_up: vec!["leg swings".to_string()],
            exercises,
            why: vec![Why::new("stack-hard-days", "placed after the quality run")],
        })
    }

    fn run(t: RunType, minutes: u32) -> Session {
        Session::Run(RunSession {
            run_type: t,
            minutes,
            km: None,
        })
    }

    /// The usual week: Mon easy + light upper, Tue intervals + lower, Wed recovery, Thu tempo
    /// + full, Fri rest, Sat long, Sun easy.
    fn week(index: u32, start: Date, long: u32) -> PlanWeek {
        let days: Vec<Vec<Session>> = vec![
            vec![
                run(RunType::Easy, 40),
                strength(Focus::Upper, Intensity::Light),
            ],
            vec![
                run(RunType::Intervals, 50),
                strength(Focus::Lower, Intensity::Heavy),
            ],
            vec![run(RunType::Recovery, 30)],
            vec![
                run(RunType::Tempo, 45),
                strength(Focus::Full, Intensity::Moderate),
            ],
            vec![],
            vec![run(RunType::Long, long)],
            vec![run(RunType::Easy, 30)],
        ];
        let days: Vec<PlanDay> = days
            .into_iter()
            .enumerate()
            .map(|(i, sessions)| {
                let d = start
                    .checked_add(jiff::Span::new().days(i as i64))
                    .expect("test date");
                PlanDay {
                    date: d,
                    weekday: Weekday::of(d),
                    rest: sessions.is_empty(),
                    sessions,
                }
            })
            .collect();
        let run_minutes = 40 + 50 + 30 + 45 + long + 30;
        PlanWeek {
            index,
            start,
            phase: Phase::Base,
            deload: false,
            run_minutes,
            run_km: None,
            days,
            adjustments: Vec::new(),
        }
    }

    fn plan(longs: &[u32]) -> Plan {
        let mut start = date(2025, 3, 3);
        let mut weeks = Vec::new();
        for (i, &l) in longs.iter().enumerate() {
            weeks.push(week(i as u32 + 1, start, l));
            start = start
                .checked_add(jiff::Span::new().days(7))
                .expect("test date");
        }
        Plan {
            schema: PLAN_SCHEMA.to_string(),
            athlete: Athlete {
                name: "Ada".to_string(),
                age: 34,
                body_mass_kg: 60.0,
                experience: Experience::Intermediate,
                equipment: vec![Equipment::Dumbbell, Equipment::Kettlebell],
                movement_screen: MovementScreen::Pass,
                units: Units::Km,
                sex: None,
                hr_rest: None,
                hr_max: None,
            },
            goal: Goal::Fitness,
            strategy: Strategy::Stack,
            warnings: Vec::new(),
            weeks,
            nutrition: Nutrition {
                protein_g: [96, 132],
                carbohydrate_moderate_g: [300, 420],
                carbohydrate_high_g: [360, 600],
                why: Vec::new(),
            },
        }
    }

    fn signal(name: &'static str, text: &str) -> Signal {
        Signal {
            name,
            rule: if name == "poor-sleep" {
                "sleep"
            } else {
                "overtraining-signals"
            },
            severity: Severity::Moderate,
            text: text.to_string(),
        }
    }

    fn summary(a: &Adapted) -> Vec<(String, String, &'static str, String)> {
        a.changes
            .iter()
            .map(|c| {
                (
                    c.date.to_string(),
                    c.rule.clone(),
                    c.kind.as_str(),
                    c.text.clone(),
                )
            })
            .collect()
    }

    fn day(p: &Plan, d: Date) -> &PlanDay {
        p.weeks
            .iter()
            .flat_map(|w| w.days.iter())
            .find(|x| x.date == d)
            .expect("day in plan")
    }

    fn strength_of(p: &Plan, d: Date) -> Option<&StrengthSession> {
        day(p, d).sessions.iter().find_map(|s| match s {
            Session::Strength(st) => Some(st),
            Session::Run(_) => None,
        })
    }

    fn run_of(p: &Plan, d: Date) -> Option<&RunSession> {
        day(p, d).sessions.iter().find_map(|s| match s {
            Session::Run(r) => Some(r),
            Session::Strength(_) => None,
        })
    }

    #[test]
    fn nothing_in_changes_nothing() {
        let p = plan(&[90, 90, 90, 90]);
        let a = adjust(&p, date(2025, 3, 19), &AdaptInputs::default());
        assert!(a.changes.is_empty());
        // Only loads were filled: the structure is the same.
        assert_eq!(a.plan.weeks[2].days.len(), p.weeks[2].days.len());
        for (x, y) in a.plan.weeks.iter().zip(&p.weeks) {
            assert_eq!(x.adjustments, y.adjustments);
        }
    }

    #[test]
    fn three_short_nights_and_high_fatigue_scale_back_and_soften_the_next_hard_run() {
        let p = plan(&[90, 90, 90, 90]);
        let inputs = AdaptInputs {
            signals: vec![
                signal("poor-sleep", "under 7 h on 3 of the last 5 nights"),
                signal(
                    "persistent-fatigue",
                    "fatigue 4 or worse on 3 of the last 4 days",
                ),
            ],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 18), &inputs);
        let why = "Under 7 h on 3 of the last 5 nights; fatigue 4 or worse on 3 of the last 4 days";
        assert_eq!(
            summary(&a),
            vec![
                (
                    "2025-03-18".to_string(),
                    "overtraining-signals".to_string(),
                    "to-mobility",
                    format!("{why}: Tuesday's lower-body session becomes mobility work.")
                ),
                (
                    "2025-03-20".to_string(),
                    "overtraining-signals".to_string(),
                    "to-mobility",
                    format!("{why}: Thursday's full-body session becomes mobility work.")
                ),
                (
                    "2025-03-18".to_string(),
                    "overtraining-signals".to_string(),
                    "run-to-cross",
                    format!(
                        "{why}: keel changed your run: Tuesday's intervals run becomes 45 min of \
                         easy cross-training. This is the only case where keel touches a run, \
                         because the signs are strong."
                    )
                ),
            ]
        );
        let tue = run_of(&a.plan, date(2025, 3, 18)).expect("run");
        assert_eq!((tue.run_type, tue.minutes), (RunType::Cross, 45));
        // Monday is past: untouched. The week records the changes.
        assert_eq!(
            strength_of(&a.plan, date(2025, 3, 17)).map(|s| s.focus),
            Some(Focus::Upper)
        );
        assert_eq!(a.plan.weeks[2].adjustments.len(), 3);
        assert_eq!(
            strength_of(&a.plan, date(2025, 3, 20)).map(|s| s.why.last().map(|w| w.rule.clone())),
            Some(Some("overtraining-signals".to_string()))
        );
        // Next week's structure is untouched (only loads are filled).
        assert!(a.plan.weeks[3].adjustments.is_empty());
        for (x, y) in a.plan.weeks[3].days.iter().zip(&p.weeks[3].days) {
            assert_eq!(x.sessions.len(), y.sessions.len());
            assert_eq!(x.rest, y.rest);
        }
    }

    #[test]
    fn one_sign_gives_a_rest_day_or_mobility_and_lighter_sessions_but_never_touches_runs() {
        let p = plan(&[90, 90, 90, 90]);
        let inputs = AdaptInputs {
            signals: vec![signal("poor-sleep", "under 7 h on 3 of the last 5 nights")],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 17), &inputs);
        let s = summary(&a);
        assert_eq!(s[0].1, "sleep");
        assert_eq!(s[0].2, "to-mobility");
        assert_eq!(
            s[0].3,
            "Under 7 h on 3 of the last 5 nights: Monday's upper-body session becomes mobility work."
        );
        assert_eq!(
            s[1..]
                .iter()
                .map(|c| (c.0.as_str(), c.2))
                .collect::<Vec<_>>(),
            vec![
                ("2025-03-18", "lower-intensity"),
                ("2025-03-20", "lower-intensity")
            ]
        );
        assert_eq!(
            s[1].3,
            "Under 7 h on 3 of the last 5 nights: Tuesday's session is moderate instead of heavy, \
             with one more rep in reserve."
        );
        for (x, y) in a.plan.weeks[2].days.iter().zip(&p.weeks[2].days) {
            assert_eq!(
                x.sessions
                    .iter()
                    .filter(|s| matches!(s, Session::Run(_)))
                    .collect::<Vec<_>>(),
                y.sessions
                    .iter()
                    .filter(|s| matches!(s, Session::Run(_)))
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn illness_rests_the_next_hard_run_and_adds_a_rest_day() {
        let p = plan(&[90, 90, 90, 90]);
        let inputs = AdaptInputs {
            signals: vec![signal("illness", "ill today")],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 19), &inputs);
        let s = summary(&a);
        assert_eq!(
            s.iter().map(|c| (c.0.as_str(), c.2)).collect::<Vec<_>>(),
            vec![
                ("2025-03-20", "drop-session"),
                ("2025-03-20", "run-to-rest"),
                ("2025-03-19", "rest-day"),
            ]
        );
        assert!(s[1].3.contains("keel changed your run"));
        assert!(s[2]
            .3
            .contains("keel changed your run here (the recovery run is off)"));
        assert!(day(&a.plan, date(2025, 3, 19)).rest);
        assert!(day(&a.plan, date(2025, 3, 20)).rest);
        // The long run on Saturday is not the next hard run: it stays.
        assert_eq!(
            run_of(&a.plan, date(2025, 3, 22)).map(|r| r.run_type),
            Some(RunType::Long)
        );
    }

    #[test]
    fn sore_legs_the_day_before_intervals_move_the_lower_body_session_to_an_easy_day() {
        let p = plan(&[90, 90, 90, 90]);
        let inputs = AdaptInputs {
            soreness_legs: vec![(date(2025, 3, 17), 4)],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 17), &inputs);
        assert_eq!(
            summary(&a),
            vec![(
                "2025-03-23".to_string(),
                "soreness-vs-running".to_string(),
                "move",
                "Leg soreness 4/5 on Monday, the day before Tuesday's intervals run: \
                 Tuesday's lower-body session moves to Sunday."
                    .to_string()
            )]
        );
        assert!(strength_of(&a.plan, date(2025, 3, 18)).is_none());
        let sun = strength_of(&a.plan, date(2025, 3, 23)).expect("moved");
        assert_eq!((sun.focus, sun.timing), (Focus::Lower, Timing::AfterRun));
        // On Tuesday, the day of the intervals, Monday's soreness still holds: same change.
        let tue = adjust(&p, date(2025, 3, 18), &inputs);
        assert_eq!(summary(&tue), summary(&a));
        // Later in the week the moved session stays on Sunday; Tuesday, past, is as planned.
        let fri = adjust(&p, date(2025, 3, 21), &inputs);
        assert_eq!(summary(&fri), summary(&a));
        assert!(strength_of(&fri.plan, date(2025, 3, 23)).is_some());
        assert_eq!(
            day(&fri.plan, date(2025, 3, 18)),
            day(&p, date(2025, 3, 18))
        );
        // Next week it is over.
        assert!(adjust(&p, date(2025, 3, 24), &inputs).changes.is_empty());
        // The intervals themselves stay.
        assert_eq!(
            run_of(&a.plan, date(2025, 3, 18)).map(|r| r.run_type),
            Some(RunType::Intervals)
        );
    }

    #[test]
    fn sore_legs_with_no_valid_later_day_lighten_the_session() {
        let mut p = plan(&[90, 90, 90, 90]);
        // Sunday now holds hills: no later day can take a lower-body session.
        p.weeks[2].days[6].sessions = vec![run(RunType::Hills, 40)];
        p.weeks[3].days[0].sessions = vec![run(RunType::Tempo, 40)];
        let inputs = AdaptInputs {
            soreness_legs: vec![(date(2025, 3, 17), 5)],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 17), &inputs);
        let s = summary(&a);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].0.as_str(), s[0].2), ("2025-03-18", "lighten"));
        assert_eq!(
            s[0].3,
            "Leg soreness 5/5 on Monday, the day before Tuesday's intervals run: Tuesday's \
             lower-body session is lightened to core work."
        );
        let tue = strength_of(&a.plan, date(2025, 3, 18)).expect("lightened");
        assert_eq!((tue.focus, tue.intensity), (Focus::Core, Intensity::Light));
        assert!(!tue.exercises.is_empty());
        for e in &tue.exercises {
            let x = exercises::find(&e.id).expect("library");
            assert!(!x.muscles.contains(&MuscleGroup::Legs), "{}", e.id);
        }
    }

    #[test]
    fn mild_soreness_or_no_key_run_tomorrow_changes_nothing() {
        let p = plan(&[90, 90, 90, 90]);
        let sore3 = AdaptInputs {
            soreness_legs: vec![(date(2025, 3, 17), 3)],
            ..AdaptInputs::default()
        };
        assert!(adjust(&p, date(2025, 3, 17), &sore3).changes.is_empty());
        let sore5 = AdaptInputs {
            soreness_legs: vec![(date(2025, 3, 18), 5)],
            ..AdaptInputs::default()
        };
        // Tuesday: Wednesday holds a recovery run.
        assert!(adjust(&p, date(2025, 3, 18), &sore5).changes.is_empty());
    }

    /// A logged increase: this week's load against 3 weeks of 100.
    fn load(pct: f64, long: Option<f64>) -> AdaptInputs {
        AdaptInputs {
            run_load: vec![(
                "logged".to_string(),
                readiness::run_load_increase(
                    100.0 + pct,
                    &[100.0, 100.0, 100.0],
                    long.map(|_| 100.0),
                    long.map(|g| 100.0 + g),
                ),
            )],
            ..AdaptInputs::default()
        }
    }

    #[test]
    fn running_up_25_percent_cuts_a_set_and_simplifies_but_keeps_sessions() {
        let p = plan(&[90, 90, 90, 90]);
        let a = adjust(&p, date(2025, 3, 19), &load(25.0, None));
        let why = "Running load is up 25% on the mean of the weeks before (logged)";
        assert_eq!(
            summary(&a),
            vec![
                (
                    "2025-03-20".to_string(),
                    "run-load-increase".to_string(),
                    "fewer-sets",
                    format!("{why}: one set fewer per exercise on Thursday.")
                ),
                (
                    "2025-03-20".to_string(),
                    "run-load-increase".to_string(),
                    "simplify",
                    format!("{why}: simpler exercises on Thursday (Reverse lunge -> Split squat, Bent-over row -> Inverted row).")
                ),
            ]
        );
        let thu = strength_of(&a.plan, date(2025, 3, 20)).expect("kept");
        assert_eq!(
            thu.exercises
                .iter()
                .map(|e| (e.id.as_str(), e.sets))
                .collect::<Vec<_>>(),
            vec![("split-squat", 2), ("inverted-row", 2), ("dead-bug", 2)]
        );
        assert_eq!(thu.exercises[0].name, "Split squat");
        assert_eq!(thu.exercises[0].easier.as_deref(), Some("bodyweight-squat"));
        // Running is never cut by this rule.
        for (x, y) in a.plan.weeks[2].days.iter().zip(&p.weeks[2].days) {
            assert_eq!(run_of_day(x), run_of_day(y));
        }
    }

    fn run_of_day(d: &PlanDay) -> Vec<&Session> {
        d.sessions
            .iter()
            .filter(|s| matches!(s, Session::Run(_)))
            .collect()
    }

    #[test]
    fn running_up_12_percent_only_cuts_a_set() {
        let p = plan(&[90, 90, 90, 90]);
        let a = adjust(&p, date(2025, 3, 19), &load(12.0, None));
        assert_eq!(
            a.changes.iter().map(|c| c.kind).collect::<Vec<_>>(),
            vec![ChangeKind::FewerSets]
        );
        let a = adjust(&p, date(2025, 3, 19), &load(10.0, None));
        assert!(a.changes.is_empty());
    }

    #[test]
    fn running_up_35_percent_also_drops_one_session() {
        let p = plan(&[90, 90, 90, 90]);
        let a = adjust(&p, date(2025, 3, 17), &load(35.0, None));
        let s = summary(&a);
        assert_eq!(
            s[0],
            (
                "2025-03-20".to_string(),
                "run-load-increase".to_string(),
                "drop-session",
                "Running load is up 35% on the mean of the weeks before (logged): one strength \
                 session fewer this week (Thursday's full-body session is dropped). Running is \
                 not cut."
                    .to_string()
            )
        );
        assert!(strength_of(&a.plan, date(2025, 3, 20)).is_none());
        assert_eq!(
            s[1..]
                .iter()
                .map(|c| (c.0.as_str(), c.2))
                .collect::<Vec<_>>(),
            vec![
                ("2025-03-17", "fewer-sets"),
                ("2025-03-18", "fewer-sets"),
                ("2025-03-17", "simplify"),
                ("2025-03-18", "simplify"),
            ]
        );
        // Thursday keeps its tempo run and is not a rest day.
        assert!(!day(&a.plan, date(2025, 3, 20)).rest);
    }

    #[test]
    fn one_session_fewer_never_goes_below_one() {
        let p = plan(&[90, 90, 90, 90]);
        // Saturday: only Sunday is left and it holds no strength: the week keeps its sessions.
        let a = adjust(&p, date(2025, 3, 22), &load(40.0, None));
        assert!(a.changes.is_empty());
        let mut p = plan(&[90, 90, 90, 90]);
        for d in [0, 3] {
            p.weeks[2].days[d]
                .sessions
                .retain(|s| matches!(s, Session::Run(_)));
        }
        let a = adjust(&p, date(2025, 3, 17), &load(40.0, None));
        assert!(a.changes.iter().all(|c| c.kind != ChangeKind::DropSession));
        assert!(strength_of(&a.plan, date(2025, 3, 18)).is_some());
    }

    #[test]
    fn a_long_run_25_percent_longer_than_before_drops_one_session_and_lightens_the_rest() {
        // Weeks 1-3 long runs of 100 min, week 4 of 125: the plan itself says so.
        let p = plan(&[100, 100, 100, 125]);
        let inc = planned_run_load(&p, 3).expect("increase");
        assert_eq!(
            inc.long_run_increase.map(|g| (g * 100.0).round()),
            Some(25.0)
        );
        assert!(inc.increase.is_some_and(|i| i < 0.10), "{inc:?}");
        let a = adjust(&p, date(2025, 3, 24), &AdaptInputs::default());
        let s = summary(&a);
        assert_eq!(
            s[..1],
            [(
                "2025-03-27".to_string(),
                "run-load-increase".to_string(),
                "drop-session",
                "The long run is 25% longer than your longest before (planned): one strength \
                 session fewer this week (Thursday's full-body session is dropped). Running is \
                 not cut."
                    .to_string()
            )]
        );
        // The tiers are cumulative: the sessions left lose a set and are simplified.
        assert_eq!(
            s[1..]
                .iter()
                .map(|c| (c.0.as_str(), c.2))
                .collect::<Vec<_>>(),
            vec![
                ("2025-03-24", "fewer-sets"),
                ("2025-03-25", "fewer-sets"),
                ("2025-03-24", "simplify"),
                ("2025-03-25", "simplify"),
            ]
        );
    }

    #[test]
    fn very_hard_lifting_the_day_before_a_tempo_run_suggests_an_easy_run() {
        let p = plan(&[90, 90, 90, 90]);
        let inputs = AdaptInputs {
            last_strength: Some(LastStrength {
                date: date(2025, 3, 19),
                rpe: Some(9.5),
            }),
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 20), &inputs);
        assert_eq!(
            summary(&a),
            vec![(
                "2025-03-20".to_string(),
                "soreness-vs-running".to_string(),
                "suggest",
                "Wednesday's strength session was rated RPE 9.5: consider running Thursday's \
                 tempo run easy, or resting. keel does not change the run for you."
                    .to_string()
            )]
        );
        assert_eq!(
            run_of(&a.plan, date(2025, 3, 20)).map(|r| r.run_type),
            Some(RunType::Tempo)
        );
        // RPE 8 is not very hard; an RPE 9.5 session before an easy day says nothing.
        let mild = AdaptInputs {
            last_strength: Some(LastStrength {
                date: date(2025, 3, 19),
                rpe: Some(8.0),
            }),
            ..AdaptInputs::default()
        };
        assert!(adjust(&p, date(2025, 3, 20), &mild).changes.is_empty());
        let easy_next = AdaptInputs {
            last_strength: Some(LastStrength {
                date: date(2025, 3, 18),
                rpe: Some(9.5),
            }),
            ..AdaptInputs::default()
        };
        assert!(adjust(&p, date(2025, 3, 19), &easy_next).changes.is_empty());
    }

    #[test]
    fn slow_recovery_prefers_two_sessions_over_three() {
        let p = plan(&[90, 90, 90, 90]);
        let inputs = AdaptInputs {
            signals: vec![signal(
                "lingering-soreness",
                "leg soreness 3 or worse for 3 days in a row",
            )],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 17), &inputs);
        let s = summary(&a);
        assert_eq!(
            s[..1],
            [(
                "2025-03-20".to_string(),
                "age-recovery".to_string(),
                "drop-session",
                "Leg soreness 3 or worse for 3 days in a row: recovery is slow, so 2 strength \
                 sessions this week instead of 3 (Thursday's full-body session is dropped)."
                    .to_string()
            )]
        );
        // Lingering soreness is also a sign: the lower-body session left becomes mobility;
        // Monday's upper-body session is already light and does not load the legs.
        assert_eq!(
            s[1..]
                .iter()
                .map(|c| (c.0.as_str(), c.1.as_str(), c.2))
                .collect::<Vec<_>>(),
            vec![("2025-03-18", "overtraining-signals", "to-mobility")]
        );
    }

    fn set(exercise: &str, kg: f64, reps: u32, rir: f64) -> LoggedSet {
        LoggedSet {
            exercise: exercise.to_string(),
            order: 1,
            weight_kg: Some(kg),
            reps: Some(reps),
            rpe: None,
            rir: Some(rir),
            set_type: SetType::Normal,
            duration_s: None,
        }
    }

    fn workout(d: Date, sets: Vec<LoggedSet>) -> StrengthWorkout {
        StrengthWorkout {
            source: "manual".to_string(),
            date: d,
            start: None,
            name: "lower".to_string(),
            duration_s: None,
            rpe: None,
            notes: None,
            sets,
        }
    }

    /// Week 3 in build (8-10 reps), with Tuesday's lower-body session as in `week`.
    fn build_plan() -> Plan {
        let mut p = plan(&[90, 90, 90, 90]);
        for w in &mut p.weeks {
            w.phase = Phase::Build;
            for d in &mut w.days {
                for s in &mut d.sessions {
                    if let Session::Strength(st) = s {
                        for e in &mut st.exercises {
                            e.reps = "8-10".to_string();
                        }
                    }
                }
            }
        }
        p
    }

    #[test]
    fn three_by_twelve_at_16_kg_with_2_in_reserve_moves_up_one_step_per_equipment() {
        let p = build_plan();
        let sets = ["goblet-squat", "romanian-deadlift"]
            .iter()
            .flat_map(|e| (0..3).map(move |_| set(e, 16.0, 12, 2.0)))
            .collect();
        let inputs = AdaptInputs {
            workouts: vec![workout(date(2025, 3, 11), sets)],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 17), &inputs);
        assert!(a.changes.is_empty());
        let tue = strength_of(&a.plan, date(2025, 3, 18)).expect("lower");
        let ex: Vec<(&str, u32, &str)> = tue
            .exercises
            .iter()
            .map(|e| (e.id.as_str(), e.sets, e.reps.as_str()))
            .collect();
        assert_eq!(
            ex,
            vec![
                ("goblet-squat", 3, "8-10"),
                ("romanian-deadlift", 3, "8-10")
            ]
        );
        // Kettlebell: the next size; dumbbells: 2 kg steps.
        let kb = tue.exercises[0].load.as_deref().expect("load");
        let db = tue.exercises[1].load.as_deref().expect("load");
        assert!(kb.starts_with("20 kg ("), "{kb}");
        assert!(
            kb.contains("16 kg") && kb.contains("next kettlebell size"),
            "{kb}"
        );
        assert!(db.starts_with("18 kg ("), "{db}");
        assert!(
            db.contains("12, 12, 12") && db.contains("2 in reserve"),
            "{db}"
        );
        assert!(tue.why.iter().any(|w| w.rule == "progression"));
        // Thursday's full-body exercises have no history: choose a load with reserve, and
        // bodyweight work gets no load.
        let thu = strength_of(&a.plan, date(2025, 3, 20)).expect("full");
        assert_eq!(thu.exercises[0].load.as_deref(), Some(NO_HISTORY_LOAD));
        assert_eq!(thu.exercises[2].load, None);
    }

    #[test]
    fn missed_reps_twice_lower_the_load_ten_percent() {
        let p = build_plan();
        let missed = |d| {
            workout(
                d,
                vec![
                    set("romanian-deadlift", 20.0, 8, 1.0),
                    set("romanian-deadlift", 20.0, 7, 0.0),
                    set("romanian-deadlift", 20.0, 6, 0.0),
                ],
            )
        };
        let once = AdaptInputs {
            workouts: vec![missed(date(2025, 3, 13))],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 17), &once);
        let held = strength_of(&a.plan, date(2025, 3, 18))
            .expect("lower")
            .exercises[1]
            .load
            .clone()
            .expect("load");
        assert!(
            held.starts_with("20 kg (") && held.contains("hold"),
            "{held}"
        );
        let twice = AdaptInputs {
            workouts: vec![missed(date(2025, 3, 11)), missed(date(2025, 3, 13))],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 17), &twice);
        let lowered = strength_of(&a.plan, date(2025, 3, 18))
            .expect("lower")
            .exercises[1]
            .load
            .clone()
            .expect("load");
        assert!(
            lowered.starts_with("18 kg (2 sessions in a row at 20 kg"),
            "{lowered}"
        );
    }

    #[test]
    fn deload_weeks_and_new_blocks_are_lighter_with_more_reps() {
        let mut p = build_plan();
        p.weeks[3].deload = true;
        let inputs = AdaptInputs {
            workouts: vec![workout(
                date(2025, 3, 18),
                (0..3)
                    .map(|_| set("romanian-deadlift", 20.0, 9, 2.0))
                    .collect(),
            )],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 24), &inputs);
        let tue = strength_of(&a.plan, date(2025, 3, 25)).expect("lower");
        let rdl = &tue.exercises[1];
        assert_eq!(rdl.reps, "10-12");
        assert!(
            rdl.load
                .as_deref()
                .is_some_and(|l| l.starts_with("16 kg (deload week")),
            "{:?}",
            rdl.load
        );
        assert!(tue.why.iter().any(|w| w.rule == "periodic-reset"));
        // A new block (base -> build) in week 4 instead: the same reset.
        let mut p = build_plan();
        for w in &mut p.weeks[..3] {
            w.phase = Phase::Base;
        }
        let a = adjust(&p, date(2025, 3, 24), &inputs);
        let rdl = &strength_of(&a.plan, date(2025, 3, 25))
            .expect("lower")
            .exercises[1];
        assert!(
            rdl.load
                .as_deref()
                .is_some_and(|l| l.contains("start of a new block")),
            "{:?}",
            rdl.load
        );
    }

    #[test]
    fn a_date_outside_the_plan_changes_nothing() {
        let p = plan(&[90, 90]);
        let inputs = AdaptInputs {
            signals: vec![signal("illness", "ill")],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 1, 1), &inputs);
        assert!(a.changes.is_empty());
        assert_eq!(a.plan, p);
    }

    #[test]
    fn a_race_is_never_turned_into_cross_training() {
        let mut p = plan(&[90, 90]);
        p.weeks[1].days[5].sessions = vec![run(RunType::Race, 60)];
        p.weeks[1].days[3]
            .sessions
            .retain(|s| matches!(s, Session::Run(_)));
        let inputs = AdaptInputs {
            signals: vec![
                signal("persistent-fatigue", "tired"),
                signal("low-mood", "low"),
            ],
            ..AdaptInputs::default()
        };
        let a = adjust(&p, date(2025, 3, 14), &inputs);
        assert_eq!(
            run_of(&a.plan, date(2025, 3, 15)).map(|r| r.run_type),
            Some(RunType::Race)
        );
    }

    #[test]
    fn every_rule_written_is_an_adaptation_rule() {
        for r in ADAPT_RULES {
            assert!(!r.is_empty());
        }
        assert_eq!(ADAPT_RULES.len(), 7);
    }

    #[test]
    fn fuel_follows_the_day() {
        let p = plan(&[90]);
        let w = &p.weeks[0];
        let f = |i: usize| day_fuel(60.0, &w.days[i]);
        // Saturday's long run: 6-10 g/kg.
        assert_eq!(
            (f(5).load, f(5).carbohydrate_g),
            (DayLoad::High, [360, 600])
        );
        // Tuesday, 50 min intervals + 40 min strength: moderate 5-7 g/kg.
        assert_eq!(
            (f(1).load, f(1).carbohydrate_g),
            (DayLoad::Moderate, [300, 420])
        );
        // Wednesday, 30 min recovery: light 3-5 g/kg; Friday rest: the same range.
        assert_eq!(
            (f(2).load, f(2).carbohydrate_g),
            (DayLoad::Light, [180, 300])
        );
        assert_eq!(
            (f(4).load, f(4).carbohydrate_g),
            (DayLoad::Rest, [180, 300])
        );
        assert_eq!(f(4).protein_g, [96, 132]);
        assert_eq!(f(5).why[1].rule, "carbohydrate");
        assert_eq!(day_fuel(f64::NAN, &w.days[5]).protein_g, [0, 0]);
    }
}
