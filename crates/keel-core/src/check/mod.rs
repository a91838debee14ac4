//! `keel check`: lints a week the runner wrote (runs and strength) against the rule book.
//!
//! Hard rules give errors, soft ones warnings. Every finding carries a concrete fix: the day
//! to move the session to (computed: a day where it breaks no hard rule), or what to lighten.
//! The fixes are jointly valid: applied together they leave no hard-rule finding.

mod fix;

pub use fix::Edit;

use crate::model::{DayEntry, Phase, RunSpec, Strategy, WeekSpec, Weekday, KM_PER_MILE};
use crate::plan::PlanWeek;
use crate::rules::week::{self, Week};
use crate::rules::{self, Severity, Verdict};
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
    /// The fix as edits of the week, in order, positions as the fixes before it left the week
    /// (see [`apply_fixes`]); empty for advice that changes no session.
    #[serde(skip)]
    pub edits: Vec<Edit>,
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

/// Validates a planned week against the hard rules, with its neighbours for the Sunday to
/// Monday spacing. The `rest-day` "no rest day" finding is left out when the week's running
/// itself has no rest day (the plan carries a warning for that instead).
pub fn hard_violations(
    week: &PlanWeek,
    prev: Option<&PlanWeek>,
    next: Option<&PlanWeek>,
) -> Vec<Violation> {
    hard_violations_of(&week::from_plan(week, prev, next))
}

/// [`hard_violations`] of a week view (a planned week with what was logged laid over it).
pub fn hard_violations_of(w: &week::Week) -> Vec<Violation> {
    let running_has_rest = w.days.iter().any(|d| d.runs().count() == 0);
    violations(w, &CheckContext::default(), true, !running_has_rest)
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

/// Every finding of the rules on a week view.
fn verdicts(w: &Week, ctx: &CheckContext, hard_only: bool, skip_week_rest: bool) -> Vec<Verdict> {
    let mut verdicts = rules::hard_verdicts(w);
    if let Some(t) = &ctx.template {
        verdicts.extend(rules::run_priority::check(t, w));
    }
    if skip_week_rest {
        verdicts.retain(|v| !(v.rule == rules::rest_day::ID && v.item.is_none()));
    }
    if hard_only {
        return verdicts;
    }
    let mover = |d: usize, k: usize, t: usize| fix::move_ok(w, d, k, t);
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
    verdicts.extend(rules::back_to_back_hard::check(w));
    if let Some(p) = ctx.phase {
        verdicts.extend(rules::frequency_by_phase::check(w, p));
    }
    if let Some(km) = ctx.weekly_km {
        verdicts.extend(rules::high_mileage_cap::check(w, km));
    }
    if let Some(age) = ctx.age.filter(|a| *a >= rules::AGE_RECOVERY_FROM) {
        let n = strength_sessions(w);
        if let (true, Some(day)) = (n > 2, w.days.iter().rposition(|d| d.lifts().count() > 0)) {
            verdicts.push(Verdict::new(
                "age-recovery",
                day,
                None,
                format!("{n} strength sessions at {age}: from 40 recovery weighs more, and 2 a week are preferred."),
            ));
        }
    }
    verdicts
}

/// Strength sessions of a week, mobility sessions not counted (they are recovery work).
pub(crate) fn strength_sessions(w: &Week) -> usize {
    w.days
        .iter()
        .map(|d| {
            d.lifts()
                .filter(|(_, l)| l.focus != crate::model::Focus::Mobility)
                .count()
        })
        .sum()
}

/// Runs the checks over a week view and turns verdicts into violations with fixes.
///
/// `hard_only` skips soft and guidance rules and the fixes (the planner and adaptation only
/// need to know what is broken); `skip_week_rest` drops the "no rest day in the week" finding
/// (the planner warns about that once, for the whole season).
///
/// Fixes are computed in the order the findings are shown, each on the week with the fixes
/// before it applied ([`fix`]), so they are jointly valid.
pub(crate) fn violations(
    w: &Week,
    ctx: &CheckContext,
    hard_only: bool,
    skip_week_rest: bool,
) -> Vec<Violation> {
    let found = verdicts(w, ctx, hard_only, skip_week_rest);
    let mut out: Vec<(Violation, &Verdict)> = found
        .iter()
        .map(|v| {
            (
                Violation {
                    rule: v.rule.to_string(),
                    severity: if v.severity() == Severity::Hard {
                        Level::Error
                    } else {
                        Level::Warning
                    },
                    weekday: Weekday::from_index(v.day),
                    text: v.text.clone(),
                    fix: String::new(),
                    edits: Vec::new(),
                },
                v,
            )
        })
        .collect();
    out.sort_by(|(a, _), (b, _)| {
        (a.severity, a.weekday, &a.rule).cmp(&(b.severity, b.weekday, &b.rule))
    });
    // The same finding twice (a rule reported from both sides) is said once; two sessions
    // with the same fault keep a line, and a fix, each.
    out.dedup_by(|(a, x), (b, y)| {
        a.rule == b.rule && a.weekday == b.weekday && a.text == b.text && x.item == y.item
    });
    if hard_only {
        return out.into_iter().map(|(v, _)| v).collect();
    }
    let prefs = fix::Prefs {
        strategy: ctx.strategy.unwrap_or(Strategy::Stack),
        phase: ctx.phase,
    };
    let mut work = w.clone();
    let mut tracker = fix::Tracker::new(w);
    for (v, verdict) in out.iter_mut() {
        let at = verdict.item.map(|k| tracker.now((verdict.day, k)));
        let now = verdicts(&work, ctx, false, skip_week_rest);
        // The finding as it stands on the week the fixes above left: about the same entry,
        // or for a finding about a day or the week (no entry), the same rule wherever it
        // now falls ("no rest day" moves to the easiest day left).
        let current: Option<Verdict> = match at {
            Some(None) => None,
            Some(Some((d, k))) => now
                .into_iter()
                .find(|x| x.rule == verdict.rule && x.day == d && x.item == Some(k)),
            None => now
                .into_iter()
                .find(|x| x.rule == verdict.rule && x.item.is_none()),
        };
        let Some(current) = current else {
            v.fix = "Already settled by a fix above.".to_string();
            continue;
        };
        let (text, edits) = fix::fix_for(&current, &work, &prefs);
        for e in &edits {
            tracker.apply(&mut work, *e);
        }
        v.fix = text;
        v.edits = edits;
    }
    out.into_iter().map(|(v, _)| v).collect()
}

/// The week with every fix of `violations` applied, in order.
pub fn apply_fixes(week: &Week, violations: &[Violation]) -> Week {
    let mut w = week.clone();
    for v in violations {
        for e in &v.edits {
            e.apply(&mut w);
        }
    }
    w
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
            strength_days: [false; 7],
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
            strength_days: [false; 7],
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

    /// Issue 8: on a week with several errors, two fixes must not send two sessions to the
    /// same day when that breaks a rule; applied together, the fixes leave no error.
    #[test]
    fn fixes_are_jointly_valid() {
        let mut spec = WeekSpec::default();
        // Two leg sessions the day before hard runs; only one day can take leg work.
        spec.days[0] = vec![run(RunType::Easy, 40.0), lift(Focus::Lower, None)];
        spec.days[1] = vec![run(RunType::Intervals, 60.0)];
        spec.days[2] = vec![run(RunType::Easy, 40.0), lift(Focus::Full, None)];
        spec.days[3] = vec![run(RunType::Tempo, 50.0)];
        spec.days[4] = vec![run(RunType::Easy, 30.0)];
        spec.days[5] = vec![run(RunType::Long, 100.0)];
        let v = check_week(&spec, &CheckContext::default());
        assert!(
            v.iter().filter(|v| v.severity == Level::Error).count() >= 2,
            "{v:#?}"
        );
        let fixed = apply_fixes(&week::from_spec(&spec), &v);
        assert!(
            rules::hard_verdicts(&fixed).is_empty(),
            "{v:#?}\n{fixed:#?}"
        );
        // The two sessions do not end on one day (that would be the same muscles twice).
        let days: Vec<usize> = (0..7)
            .filter(|&d| fixed.days[d].lifts().count() > 0)
            .collect();
        assert!(
            days.len() >= 2 || v.iter().any(|x| x.fix.contains("drop")),
            "{days:?} {v:#?}"
        );
    }

    /// Seed 004's own sample week: no error, and its mobility session on the recovery day is
    /// not told to move (mobility is recovery work, not load to spread).
    #[test]
    fn seed_004_keeps_its_mobility_session() {
        let mut spec = week_004();
        spec.days[2] = vec![
            run(RunType::Recovery, 30.0),
            DayEntry::Strength(StrengthSpec {
                focus: Focus::Mobility,
                intensity: Some(Intensity::Bodyweight),
                minutes: Some(15.0),
                separate: false,
            }),
        ];
        let v = check_week(&spec, &CheckContext::repeating(&spec));
        assert!(!has_errors(&v), "{v:#?}");
        assert!(
            !v.iter().any(|x| x.fix.contains("mobility session")),
            "{v:#?}"
        );
        assert!(!v.iter().any(|x| x.rule == "spread-sessions"), "{v:#?}");
    }

    #[test]
    fn back_to_back_hard_runs_are_a_warning_with_advice() {
        let mut spec = WeekSpec::default();
        spec.days[1] = vec![run(RunType::Intervals, 60.0)];
        spec.days[2] = vec![run(RunType::Tempo, 50.0)];
        spec.days[5] = vec![run(RunType::Long, 100.0)];
        let v = check_week(&spec, &CheckContext::default());
        let b = v
            .iter()
            .find(|v| v.rule == "back-to-back-hard")
            .expect("warning");
        assert_eq!((b.severity, b.weekday), (Level::Warning, Weekday::Wed));
        assert!(b.fix.contains("easy"), "{}", b.fix);
    }

    use proptest::prelude::{any, prop, prop_assert, prop_oneof, proptest, Strategy as _};

    fn entry() -> impl proptest::strategy::Strategy<Value = DayEntry> {
        prop_oneof![
            (prop::sample::select(RunType::ALL.to_vec()), 20u32..120)
                .prop_map(|(t, m)| run(t, f64::from(m))),
            (
                prop::sample::select(Focus::ALL.to_vec()),
                prop::option::of(prop::sample::select(Intensity::ALL.to_vec())),
                any::<bool>(),
            )
                .prop_map(|(f, i, separate)| DayEntry::Strength(StrengthSpec {
                    focus: f,
                    intensity: i,
                    minutes: Some(30.0),
                    separate,
                })),
        ]
    }

    proptest! {
        /// Whatever the week, applying every fix in order leaves no hard-rule finding.
        #[test]
        fn applying_every_fix_leaves_no_error(days in prop::collection::vec(prop::collection::vec(entry(), 0..4), 7)) {
            let spec = WeekSpec { days: std::array::from_fn(|d| days[d].clone()), ..WeekSpec::default() };
            let v = check_week(&spec, &CheckContext::default());
            let fixed = apply_fixes(&week::from_spec(&spec), &v);
            prop_assert!(rules::hard_verdicts(&fixed).is_empty(), "{:#?}\n{:#?}\nleft: {:#?}", v, fixed, rules::hard_verdicts(&fixed));
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
