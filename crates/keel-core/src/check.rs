//! `keel check`: lints a week the runner wrote (runs and strength) against the rule book.
//!
//! Hard rules give errors, soft ones warnings. Every finding carries a concrete fix: the day
//! to move the session to (computed: a day where it breaks no hard rule), or what to lighten.

use crate::model::{DayEntry, Phase, RunSpec, Strategy, WeekSpec, Weekday, KM_PER_MILE};
use crate::rules::week::{self, focus_phrase, run_phrase, Day, Item, Lift, Week};
use crate::rules::{self, Severity, Verdict};
use crate::text::lowercase_first;
use serde::{Deserialize, Serialize};

/// The JSON schema id of a serialised check report.
pub const CHECK_SCHEMA: &str = "keel.check/1";

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A hard rule is broken.
    Error,
    /// A soft rule is not followed.
    Warning,
}

impl Level {
    /// "error" or "warning".
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// One broken rule in a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// Rule id (always in the registry).
    pub rule: String,
    /// `error` for hard rules, `warning` otherwise.
    pub severity: Level,
    /// The day it concerns.
    pub weekday: Weekday,
    /// What is wrong, for this week.
    pub text: String,
    /// A concrete fix.
    pub fix: String,
}

/// What `check_week` knows beyond the week itself. `Default` checks the week on its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckContext {
    /// The Sunday before the week (for Sunday-to-Monday spacing).
    pub prev_sunday: Option<Vec<DayEntry>>,
    /// The Monday after the week.
    pub next_monday: Option<Vec<DayEntry>>,
    /// Athlete's age, when known.
    pub age: Option<u32>,
    /// Placement strategy to check against; `None` skips the strategy rules.
    pub strategy: Option<Strategy>,
    /// Training phase, for `frequency-by-phase`; `None` skips it.
    pub phase: Option<Phase>,
    /// Weekly running distance in km; `None` estimates it from the week.
    pub weekly_km: Option<f64>,
    /// The intended running week, for `run-priority`.
    pub template: Option<[Vec<RunSpec>; 7]>,
}

impl CheckContext {
    /// A context treating the week as repeating: its own Sunday precedes its Monday.
    pub fn repeating(week: &WeekSpec) -> CheckContext {
        CheckContext {
            prev_sunday: Some(week.days[6].clone()),
            next_monday: Some(week.days[0].clone()),
            ..CheckContext::default()
        }
    }
}

/// Checks a week as the runner wrote it. Errors come first, then warnings, each by day.
pub fn check_week(spec: &WeekSpec, ctx: &CheckContext) -> Vec<Violation> {
    let mut w = week::from_spec(spec);
    w.prev = ctx.prev_sunday.as_deref().map(week::day_from_entries);
    w.next = ctx.next_monday.as_deref().map(week::day_from_entries);
    let km = ctx.weekly_km.unwrap_or_else(|| estimate_km(spec));
    let ctx = CheckContext {
        weekly_km: Some(km),
        ..ctx.clone()
    };
    violations(&w, &ctx, false, false)
}

/// Whether any violation is an error.
pub fn has_errors(v: &[Violation]) -> bool {
    v.iter().any(|v| v.severity == Level::Error)
}

/// Kilometres of a written week: distances as given, durations at 6 min/km.
fn estimate_km(spec: &WeekSpec) -> f64 {
    spec.days
        .iter()
        .flatten()
        .filter_map(|e| match e {
            DayEntry::Run(r)
                if !matches!(
                    r.run_type,
                    crate::model::RunType::Cross | crate::model::RunType::Rest
                ) =>
            {
                Some(r.km.unwrap_or_else(|| r.minutes.unwrap_or(0.0) / 6.0))
            }
            _ => None,
        })
        .sum()
}

/// Runs the checks over a week view and turns verdicts into violations with fixes.
///
/// `hard_only` skips soft and guidance rules; `skip_week_rest` drops the "no rest day in the
/// week" finding (the planner warns about that once, for the whole season).
pub(crate) fn violations(
    w: &Week,
    ctx: &CheckContext,
    hard_only: bool,
    skip_week_rest: bool,
) -> Vec<Violation> {
    let mut verdicts = rules::hard_verdicts(w);
    if let Some(t) = &ctx.template {
        verdicts.extend(rules::run_priority::check(t, w));
    }
    if skip_week_rest {
        verdicts.retain(|v| !(v.rule == rules::rest_day::ID && v.item.is_none()));
    }
    if !hard_only {
        let mover = |d: usize, k: usize, t: usize| move_ok(w, d, k, t);
        match ctx.strategy {
            Some(Strategy::Stack) => verdicts.extend(rules::stack_hard_days::check(w, &mover)),
            Some(Strategy::Easy) => verdicts.extend(rules::easy_day_support::check(w, &mover)),
            None => {}
        }
        verdicts.extend(rules::prefer_short_days::check(w, &mover));
        verdicts.extend(rules::spread_sessions::check(w));
        verdicts.extend(rules::upper_on_recovery::check(w));
        verdicts.extend(rules::session_length::check(w));
        verdicts.extend(rules::true_rest::check(w));
        if let Some(p) = ctx.phase {
            verdicts.extend(rules::frequency_by_phase::check(w, p));
        }
        if let Some(km) = ctx.weekly_km {
            verdicts.extend(rules::high_mileage_cap::check(w, km));
        }
        if let Some(age) = ctx.age.filter(|a| *a >= rules::AGE_RECOVERY_FROM) {
            let n = w.days.iter().map(|d| d.lifts().count()).sum::<usize>();
            if let (true, Some(day)) = (n > 2, w.days.iter().rposition(|d| d.lifts().count() > 0)) {
                verdicts.push(Verdict::new(
                    "age-recovery",
                    day,
                    None,
                    format!("{n} strength sessions at {age}: from 40 recovery weighs more, and 2 a week are preferred."),
                ));
            }
        }
    }
    let mut out: Vec<Violation> = verdicts
        .iter()
        .map(|v| Violation {
            rule: v.rule.to_string(),
            severity: if v.severity() == Severity::Hard {
                Level::Error
            } else {
                Level::Warning
            },
            weekday: Weekday::from_index(v.day),
            text: v.text.clone(),
            fix: fix_for(v, w, ctx),
        })
        .collect();
    out.sort_by(|a, b| (a.severity, a.weekday, &a.rule).cmp(&(b.severity, b.weekday, &b.rule)));
    out.dedup_by(|a, b| a.rule == b.rule && a.weekday == b.weekday && a.text == b.text);
    out
}

fn lift_at(w: &Week, d: usize, k: usize) -> Option<Lift> {
    match w.days.get(d)?.items.get(k)? {
        Item::Strength(l) => Some(*l),
        Item::Run { .. } => None,
    }
}

/// Number of hard verdicts not about the entry `(d, k)`.
fn hard_count_without(w: &Week, d: usize, k: usize) -> usize {
    rules::hard_verdicts(w)
        .iter()
        .filter(|v| !(v.day == d && v.item == Some(k)))
        .count()
}

/// Whether a new week is no worse than the old one minus the findings about `(d, k)`, and has
/// no finding about the entry now at `(nd, nk)`.
fn acceptable(old: &Week, d: usize, k: usize, new: &Week, nd: usize, nk: usize) -> bool {
    let base = hard_count_without(old, d, k);
    let v = rules::hard_verdicts(new);
    !v.iter().any(|v| v.day == nd && v.item == Some(nk)) && v.len() <= base
}

/// Whether the lift at `(d, k)` can move to the end of day `t` breaking no hard rule.
pub(crate) fn move_ok(w: &Week, d: usize, k: usize, t: usize) -> bool {
    let Some(lift) = lift_at(w, d, k) else {
        return false;
    };
    if t == d || t > 6 || !rules::rest_day::allows_strength(&w.days[t]) {
        return false;
    }
    let mut n = w.clone();
    n.days[d].items.remove(k);
    n.days[t].items.push(Item::Strength(Lift {
        separate: false,
        ..lift
    }));
    let nk = n.days[t].items.len() - 1;
    acceptable(w, d, k, &n, t, nk)
}

/// Placement preference of day `t` for `lift` under the strategy (stack by default).
fn day_rank(w: &Week, from: usize, t: usize, lift: &Lift, strategy: Strategy) -> i32 {
    let day = &w.days[t];
    let s = match strategy {
        Strategy::Stack => rules::stack_hard_days::day_score(day),
        Strategy::Easy => rules::easy_day_support::day_score(day),
    };
    let neighbours = [t.checked_sub(1), Some(t + 1)]
        .into_iter()
        .flatten()
        .filter(|&n| n < 7 && n != from && w.days[n].lifts().count() > 0)
        .count() as i32;
    s + rules::prefer_short_days::day_score(day) + rules::upper_on_recovery::bonus(day, lift.focus)
        - neighbours * rules::spread_sessions::gap_penalty(1)
        - 10 * day.lifts().count() as i32
}

/// The best day to move `(d, k)` to among those `filter` admits.
fn best_move(
    w: &Week,
    d: usize,
    k: usize,
    ctx: &CheckContext,
    filter: impl Fn(&Day) -> bool,
) -> Option<usize> {
    let lift = lift_at(w, d, k)?;
    let strategy = ctx.strategy.unwrap_or(Strategy::Stack);
    (0..7)
        .filter(|&t| filter(&w.days[t]) && move_ok(w, d, k, t))
        .max_by_key(|&t| (day_rank(w, d, t, &lift, strategy), std::cmp::Reverse(t)))
}

fn move_text(w: &Week, lift: &Lift, t: usize) -> String {
    let day = &w.days[t];
    match day.key_run() {
        Some(r) => format!(
            "Move the {} session to {}, after {}.",
            focus_phrase(lift.focus),
            Weekday::from_index(t).name(),
            run_phrase(r)
        ),
        None => format!(
            "Move the {} session to {}.",
            focus_phrase(lift.focus),
            Weekday::from_index(t).name()
        ),
    }
}

/// A lighter session that would break no hard rule on the same day, as prose.
fn lighter(w: &Week, d: usize, k: usize) -> Option<&'static str> {
    use crate::model::{Focus, Intensity};
    let lift = lift_at(w, d, k)?;
    let options = [
        (Focus::Upper, Intensity::Light, "a light upper-body session"),
        (Focus::Core, Intensity::Light, "light core work"),
        (Focus::Mobility, Intensity::Bodyweight, "mobility work"),
    ];
    options.into_iter().find_map(|(f, i, text)| {
        if f == lift.focus && i == lift.intensity {
            return None;
        }
        let mut n = w.clone();
        n.days[d].items[k] = Item::Strength(Lift {
            focus: f,
            intensity: i,
            ..lift
        });
        acceptable(w, d, k, &n, d, k).then_some(text)
    })
}

fn fix_for(v: &Verdict, w: &Week, ctx: &CheckContext) -> String {
    use rules::*;
    let day_name = Weekday::from_index(v.day).name();
    match (v.rule, v.item) {
        (run_then_lift::ID, Some(k)) => {
            let Some(lift) = lift_at(w, v.day, k) else { return String::new() };
            let mut n = w.clone();
            n.days[v.day].items.remove(k);
            n.days[v.day].items.push(Item::Strength(lift));
            let nk = n.days[v.day].items.len() - 1;
            if acceptable(w, v.day, k, &n, v.day, nk) {
                let run = w.days[v.day].key_run().map(run_phrase).unwrap_or("the run");
                let before_hard = w.days[v.day].items[k + 1..]
                    .iter()
                    .any(|i| matches!(i, Item::Run { run_type, .. } if run_type.is_hard()));
                if before_hard {
                    format!("Do the {} session after {run} on {day_name}: strength never comes before a hard run, even hours apart.", focus_phrase(lift.focus))
                } else {
                    format!("Do the {} session after {run} on {day_name}, or, if at least {} h lie between them, mark it `separate` (e.g. `strength {} light 30min separate`).", focus_phrase(lift.focus), run_then_lift::HOURS_APART, lift.focus)
                }
            } else {
                relocate(v, w, ctx)
            }
        }
        (hard_run_24h::ID | race_72h::ID | same_muscle_48h::ID | rest_day::ID, Some(_)) => relocate(v, w, ctx),
        (hard_run_24h::ID | same_muscle_48h::ID, None) => {
            "Move the Sunday session earlier in that week, or make it light upper-body or core work.".to_string()
        }
        (rest_day::ID, None) => {
            let day = &w.days[v.day];
            let runs: Vec<&str> = day.runs().map(|(t, _)| run_phrase(t)).collect();
            let mut s = format!("Make {day_name} a rest day: drop {}", if runs.is_empty() { "its sessions".to_string() } else { runs.join(" and ") });
            let lifts: Vec<usize> = day.lifts().map(|(k, _)| k).collect();
            for k in lifts {
                if let (Some(t), Some(l)) = (best_move(w, v.day, k, ctx, |_| true), lift_at(w, v.day, k)) {
                    s.push_str(&format!(" and move its {} session to {}", focus_phrase(l.focus), Weekday::from_index(t).name()));
                }
            }
            s.push('.');
            s
        }
        (run_priority::ID, _) => format!("Put the key run back on {day_name} and fit strength around it."),
        (stack_hard_days::ID, Some(k)) => soft_move(v, w, ctx, k, |d| d.runs().any(|(t, _)| t.is_quality())),
        (easy_day_support::ID, Some(k)) => soft_move(v, w, ctx, k, |d| d.runs().count() > 0 && !d.has_hard_run()),
        (prefer_short_days::ID, Some(k)) => {
            let here = w.days[v.day].run_minutes();
            soft_move(v, w, ctx, k, |d| d.runs().count() > 0 && d.run_minutes() + 30.0 <= here)
        }
        (spread_sessions::ID, Some(k)) => {
            let lifts: Vec<bool> = w.days.iter().map(|d| d.lifts().count() > 0).collect();
            // A day with no strength and no other strength day beside it (the moved one aside).
            let busy = |n: usize| n != v.day && lifts[n];
            let alone = |t: usize| !lifts[t] && (t == 0 || !busy(t - 1)) && (t == 6 || !busy(t + 1));
            let best = (0..7).filter(|&t| alone(t)).filter(|&t| move_ok(w, v.day, k, t)).max_by_key(|&t| {
                lift_at(w, v.day, k).map(|l| day_rank(w, v.day, t, &l, ctx.strategy.unwrap_or(Strategy::Stack))).unwrap_or(0)
            });
            match (best, lift_at(w, v.day, k)) {
                (Some(t), Some(l)) => move_text(w, &l, t),
                _ => "Leave at least one day between strength sessions, or merge the two into one.".to_string(),
            }
        }
        (upper_on_recovery::ID, Some(k)) => {
            let alt = best_move(w, v.day, k, ctx, |d| !matches!(d.key_run(), Some(crate::model::RunType::Recovery | crate::model::RunType::Cross)));
            match (alt, lift_at(w, v.day, k)) {
                (Some(t), Some(l)) => format!("Make it an upper-body or core session, or {}", lowercase_first(&move_text(w, &l, t))),
                _ => "Make it an upper-body or core session.".to_string(),
            }
        }
        (high_mileage_cap::ID, _) => format!(
            "From {:.0} km a week keep at most {} sessions of {}-{} min, each lower, upper or core rather than full-body.",
            high_mileage_cap::KM, high_mileage_cap::MAX_SESSIONS, high_mileage_cap::MINUTES.0, high_mileage_cap::MINUTES.1
        ),
        (session_length::ID, _) => "Keep it to 30-60 min (35-45 at high mileage); a short 10-20 min session is fine on a busy day.".to_string(),
        (frequency_by_phase::ID, _) => {
            let (lo, hi) = ctx.phase.map(frequency_by_phase::range).unwrap_or((2, 3));
            format!("Plan {lo}-{hi} strength sessions this week.")
        }
        ("age-recovery", _) => format!("Keep 2 strength sessions this week: drop the one on {day_name} or make it mobility."),
        (true_rest::ID, _) => format!("Drop the workout on {day_name} to keep it a true rest day, or rest on another day."),
        _ => "See `keel rules` for this rule.".to_string(),
    }
}

/// Fix for a hard finding on one session: the best day to move it to, and a lighter option.
fn relocate(v: &Verdict, w: &Week, ctx: &CheckContext) -> String {
    let Some(k) = v.item else {
        return String::new();
    };
    let Some(lift) = lift_at(w, v.day, k) else {
        return String::new();
    };
    let lighter = lighter(w, v.day, k);
    match (best_move(w, v.day, k, ctx, |_| true), lighter) {
        (Some(t), Some(l)) => format!("{} Or keep {} with {l} instead.", move_text(w, &lift, t), Weekday::from_index(v.day).name()),
        (Some(t), None) => move_text(w, &lift, t),
        (None, Some(l)) => format!("No day can take this session without breaking a hard rule; make it {l}, or drop it this week."),
        (None, None) => "No day can take this session without breaking a hard rule; drop it this week.".to_string(),
    }
}

fn soft_move(
    v: &Verdict,
    w: &Week,
    ctx: &CheckContext,
    k: usize,
    filter: impl Fn(&Day) -> bool,
) -> String {
    match (best_move(w, v.day, k, ctx, filter), lift_at(w, v.day, k)) {
        (Some(t), Some(l)) => move_text(w, &l, t),
        _ => "Leave it where it is if no other day suits you.".to_string(),
    }
}

/// Converts miles to kilometres (for contexts built from `weekly_mi`).
pub fn miles_to_km(mi: f64) -> f64 {
    mi * KM_PER_MILE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Focus, Intensity, RunType, StrengthSpec};

    fn run(t: RunType, m: f64) -> DayEntry {
        DayEntry::Run(RunSpec {
            run_type: t,
            minutes: Some(m),
            km: None,
        })
    }
    fn lift(f: Focus, i: Option<Intensity>) -> DayEntry {
        DayEntry::Strength(StrengthSpec {
            focus: f,
            intensity: i,
            minutes: Some(40.0),
            separate: false,
        })
    }

    /// The rule book's sample week from source 002.
    fn week_002() -> WeekSpec {
        WeekSpec {
            days: [
                vec![run(RunType::Easy, 40.0), lift(Focus::Lower, None)],
                vec![run(RunType::Intervals, 60.0)],
                vec![
                    run(RunType::Recovery, 30.0),
                    lift(Focus::Upper, None),
                    lift(Focus::Core, None),
                ],
                vec![run(RunType::Tempo, 50.0)],
                vec![run(RunType::Rest, 0.0)],
                vec![run(RunType::Long, 110.0)],
                vec![],
            ],
        }
    }

    /// The rule book's sample week from source 004.
    fn week_004() -> WeekSpec {
        WeekSpec {
            days: [
                vec![
                    run(RunType::Easy, 40.0),
                    lift(Focus::Upper, Some(Intensity::Light)),
                ],
                vec![run(RunType::Tempo, 50.0), lift(Focus::Lower, None)],
                vec![
                    run(RunType::Cross, 40.0),
                    lift(Focus::Mobility, Some(Intensity::Bodyweight)),
                ],
                vec![run(RunType::Easy, 40.0)],
                vec![run(RunType::Rest, 0.0)],
                vec![run(RunType::Long, 100.0), lift(Focus::Full, None)],
                vec![],
            ],
        }
    }

    #[test]
    fn sample_week_002_breaks_hard_run_24h_on_monday_with_a_valid_fix() {
        let spec = week_002();
        let v = check_week(&spec, &CheckContext::default());
        let errs: Vec<_> = v.iter().filter(|v| v.severity == Level::Error).collect();
        assert_eq!(errs.len(), 1, "{v:#?}");
        assert_eq!(errs[0].rule, "hard-run-24h");
        assert_eq!(errs[0].weekday, Weekday::Mon);
        // The fix names a day; moving the session there must clear every error.
        let target = Weekday::ALL
            .iter()
            .copied()
            .find(|d| {
                errs[0]
                    .fix
                    .starts_with(&format!("Move the lower-body session to {}", d.name()))
            })
            .expect("fix names a day");
        let mut moved = spec.clone();
        let s = moved.days[0].remove(1);
        moved.days[target.index()].push(s);
        assert!(
            !has_errors(&check_week(&moved, &CheckContext::default())),
            "{target:?}"
        );
        // stacking prefers the quality day right after, Tuesday's intervals
        assert_eq!(target, Weekday::Tue);
    }

    #[test]
    fn sample_week_004_has_no_error() {
        let v = check_week(&week_004(), &CheckContext::default());
        assert!(!has_errors(&v), "{v:#?}");
        let v = check_week(&week_004(), &CheckContext::repeating(&week_004()));
        assert!(!has_errors(&v), "{v:#?}");
    }

    #[test]
    fn no_rest_day_is_an_error_on_the_lightest_day() {
        let mut spec = WeekSpec::default();
        for d in 0..7 {
            spec.days[d] = vec![run(RunType::Easy, 45.0)];
        }
        spec.days[1] = vec![run(RunType::Intervals, 60.0)];
        spec.days[3] = vec![run(RunType::Recovery, 25.0)];
        let v = check_week(&spec, &CheckContext::default());
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(
            (v[0].rule.as_str(), v[0].weekday, v[0].severity),
            ("rest-day", Weekday::Thu, Level::Error)
        );
        assert!(v[0].fix.contains("Thursday"));
    }

    #[test]
    fn strength_before_a_hard_run_is_fixed_by_reordering() {
        let mut spec = WeekSpec::default();
        spec.days[1] = vec![lift(Focus::Lower, None), run(RunType::Tempo, 50.0)];
        spec.days[3] = vec![run(RunType::Easy, 40.0)];
        let v = check_week(&spec, &CheckContext::default());
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].rule, "run-then-lift");
        assert!(v[0].fix.contains("after the tempo run"), "{}", v[0].fix);
    }

    #[test]
    fn strength_hours_apart_may_precede_an_easy_run_but_never_a_hard_one() {
        let separate = |f| {
            DayEntry::Strength(StrengthSpec {
                focus: f,
                intensity: Some(Intensity::Light),
                minutes: Some(30.0),
                separate: true,
            })
        };
        let mut spec = WeekSpec::default();
        spec.days[0] = vec![separate(Focus::Upper), run(RunType::Easy, 40.0)];
        spec.days[3] = vec![run(RunType::Easy, 40.0)];
        let v = check_week(&spec, &CheckContext::default());
        assert!(!v.iter().any(|v| v.rule == "run-then-lift"), "{v:#?}");
        // Unmarked, the same order is an error whose fix names the marker.
        spec.days[0] = vec![lift(Focus::Upper, None), run(RunType::Easy, 40.0)];
        let v = check_week(&spec, &CheckContext::default());
        let r = v
            .iter()
            .find(|v| v.rule == "run-then-lift")
            .expect("run-then-lift");
        assert!(r.fix.contains("`separate`"), "{}", r.fix);
        // Before a hard run, hours apart or not, it is an error.
        spec.days[0] = vec![separate(Focus::Upper), run(RunType::Tempo, 40.0)];
        let v = check_week(&spec, &CheckContext::default());
        let r = v
            .iter()
            .find(|v| v.rule == "run-then-lift")
            .expect("run-then-lift");
        assert_eq!(r.severity, Level::Error);
        assert!(r.fix.contains("never comes before a hard run"), "{}", r.fix);
    }

    #[test]
    fn cross_week_spacing_uses_the_context() {
        let mut spec = WeekSpec::default();
        spec.days[0] = vec![run(RunType::Intervals, 50.0)];
        spec.days[3] = vec![run(RunType::Easy, 40.0)];
        let ctx = CheckContext {
            prev_sunday: Some(vec![run(RunType::Easy, 30.0), lift(Focus::Full, None)]),
            ..Default::default()
        };
        let v = check_week(&spec, &ctx);
        assert!(
            v.iter()
                .any(|v| v.rule == "hard-run-24h" && v.weekday == Weekday::Mon),
            "{v:#?}"
        );
        assert!(!has_errors(&check_week(&spec, &CheckContext::default())));
    }

    #[test]
    fn race_week_leg_work_and_lighter_fix() {
        let mut spec = WeekSpec::default();
        spec.days[3] = vec![
            run(RunType::Easy, 30.0),
            lift(Focus::Lower, Some(Intensity::Light)),
        ];
        spec.days[5] = vec![run(RunType::Race, 100.0)];
        let v = check_week(&spec, &CheckContext::default());
        let r = v.iter().find(|v| v.rule == "race-72h").expect("race-72h");
        assert_eq!(r.weekday, Weekday::Thu);
        assert!(
            r.fix.contains("light upper-body") || r.fix.contains("Move"),
            "{}",
            r.fix
        );
    }

    #[test]
    fn strategy_warnings_only_when_asked() {
        let mut spec = WeekSpec::default();
        spec.days[0] = vec![
            run(RunType::Easy, 40.0),
            lift(Focus::Upper, Some(Intensity::Light)),
        ];
        spec.days[2] = vec![run(RunType::Tempo, 50.0)];
        assert!(check_week(&spec, &CheckContext::default()).is_empty());
        let ctx = CheckContext {
            strategy: Some(Strategy::Stack),
            ..Default::default()
        };
        let v = check_week(&spec, &ctx);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].rule, "stack-hard-days");
        assert!(v[0].fix.contains("Wednesday"), "{}", v[0].fix);
    }

    #[test]
    fn every_rule_named_exists() {
        for spec in [week_002(), week_004()] {
            for ctx in [
                CheckContext::default(),
                CheckContext {
                    strategy: Some(Strategy::Easy),
                    phase: Some(Phase::Build),
                    weekly_km: Some(90.0),
                    ..Default::default()
                },
            ] {
                for v in check_week(&spec, &ctx) {
                    assert!(rules::exists(&v.rule), "{}", v.rule);
                    assert!(!v.fix.is_empty());
                }
            }
        }
    }

    #[test]
    fn violation_serialises_with_lowercase_severity() {
        let v = &check_week(&week_002(), &CheckContext::default())[0];
        let j = serde_json::to_value(v).unwrap();
        assert_eq!(j["severity"], "error");
        assert_eq!(j["weekday"], "mon");
    }
}
