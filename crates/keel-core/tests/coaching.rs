//! Property tests of the coaching, read from the `keel.plan/1` JSON as another tool would:
//! for random profiles (all strategies, ages, equipment sets, screen pass and fail,
//! experience levels, mileages, races and no race), each rule of the book's dose, selection
//! and periodisation tables holds on every week.
//!
//! Rules asserted: `strength-volume-by-phase` (sets per phase, never the most sets in the
//! biggest running weeks), `deload-week` (cadence before the taper), `beginner-start`,
//! `core-not-legs` (focus true of every exercise, no leg work the day before a hard run),
//! `exercise-dose` (each kind in its unit), `exercise-selection` (weekly coverage),
//! `exercise-rotation` (distinct exercises over a season), `plyometrics` (where and how
//! much), `derived-runs` and `race-recovery` (the lengths of runs keel writes).

use jiff::civil::Date;
use keel_core::exercises::{self, Kind, Pattern, Region};
use keel_core::model::*;
use keel_core::planner::{pace, plan_season};
use keel_core::rules::core_not_legs;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

mod common;
use common::profile_and_today;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn n(v: &Value) -> u32 {
    v.as_u64().unwrap_or(0) as u32
}

fn lib(e: &Value) -> &'static exercises::Exercise {
    exercises::find(s(&e["id"])).expect("library id")
}

fn strength(day: &Value) -> impl Iterator<Item = &Value> {
    day["sessions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["kind"] == "strength")
}

fn runs(day: &Value) -> impl Iterator<Item = &Value> {
    day["sessions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["kind"] == "run")
}

/// Working sets of a week: strength sets, mobility and plyometric drills left out.
fn sets(week: &Value) -> u32 {
    week["days"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(strength)
        .flat_map(|st| st["exercises"].as_array().into_iter().flatten())
        .filter(|e| !matches!(lib(e).kind, Kind::Mobility | Kind::Plyometric))
        .map(|e| n(&e["sets"]))
        .sum()
}

fn mean(v: &[u32]) -> f64 {
    v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len().max(1) as f64
}

fn loading(phase: &str) -> bool {
    matches!(phase, "base" | "build" | "peak" | "fitness" | "off-season")
}

fn has_rule(week: &Value, rule: &str) -> bool {
    week["adjustments"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|a| a["rule"] == rule)
}

fn is_hard(t: &str) -> bool {
    matches!(t, "intervals" | "tempo" | "hills" | "long" | "race")
}

/// All days of the plan in order, with their week.
fn days(plan: &Value) -> Vec<(&Value, &Value)> {
    plan["weeks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|w| {
            w["days"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |d| (w, d))
        })
        .collect()
}

fn plan_json(profile: &Profile, today: Date) -> Option<Value> {
    let plan = plan_season(profile, today, None).ok()?;
    Some(serde_json::to_value(&plan).expect("plan JSON"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// `strength-volume-by-phase`: build averages at most 90% of base, peak at most 60%,
    /// taper at most 40%; the biggest running weeks never hold the most sets.
    #[test]
    fn strength_volume_falls_through_the_season((profile, today) in profile_and_today()) {
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        let weeks = plan["weeks"].as_array().expect("weeks");
        let beginner = profile.athlete.experience == Experience::Beginner;
        let of = |phase: &str| -> Vec<u32> {
            weeks.iter()
                .filter(|w| w["phase"] == phase && w["deload"] == false)
                .filter(|w| !(beginner && n(&w["index"]) <= 3))
                .filter(|w| phase != "base" || !has_rule(w, "strength-volume-by-phase"))
                .map(sets)
                .collect()
        };
        let base = of("base");
        if base.len() >= 2 && mean(&base) >= 6.0 {
            let b = mean(&base);
            let build = of("build");
            if !build.is_empty() {
                prop_assert!(mean(&build) <= 0.9 * b, "build {:?} against base {:?}", build, base);
            }
            for (phase, share) in [("peak", 0.6), ("taper", 0.4)] {
                for x in of(phase) {
                    // A session keeps its required patterns at one set each at least.
                    prop_assert!(f64::from(x) <= (share * b).max(5.0), "{phase} {x} against base {:?}", base);
                }
            }
        }
        // Never the most sets in the biggest running weeks: weeks whose running rises above
        // the usual week's (an added race or long run).
        let usual: f64 = profile.week.iter().flatten()
            .filter(|r| !matches!(r.run_type, RunType::Rest | RunType::Cross))
            .map(|r| r.minutes.unwrap_or_else(|| r.km.unwrap_or(0.0) * pace::min_per_km(r.run_type, profile.athlete.experience)).round())
            .sum();
        let most = weeks.iter().map(sets).max().unwrap_or(0);
        let big = |w: &Value| f64::from(n(&w["run_minutes"])) > 1.1 * usual;
        let has_base = weeks.iter().any(|w| matches!(s(&w["phase"]), "base" | "fitness" | "off-season") && w["deload"] == false && sets(w) > 0 && !big(w));
        // A tie with an ordinary week is flat volume, not a peak (a beginner's least dose).
        let ordinary_most = weeks.iter().filter(|w| !big(w)).map(sets).max().unwrap_or(0);
        for w in weeks.iter().filter(|_| has_base) {
            if big(w) && most > 0 && w["phase"] != "race" {
                prop_assert!(sets(w) < most || sets(w) == 0 || sets(w) == ordinary_most,
                    "week {} runs {} min (usually {usual}) and holds the most sets ({})", w["index"], w["run_minutes"], sets(w));
            }
        }
    }

    /// `deload-week`: never more than 4 loading weeks in a row below 40 (3 from 40) before the
    /// taper; deloads only in loading phases.
    #[test]
    fn deloads_come_every_three_or_four_weeks((profile, today) in profile_and_today()) {
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        let limit = if profile.athlete.age >= 40 { 3 } else { 4 };
        let mut run = 0;
        for w in plan["weeks"].as_array().expect("weeks") {
            let phase = s(&w["phase"]);
            if w["deload"] == true {
                prop_assert!(loading(phase), "deload in a {phase} week");
                run = 0;
            } else if loading(phase) {
                run += 1;
                prop_assert!(run <= limit, "week {}: {run} loading weeks in a row at {}", w["index"], profile.athlete.age);
            } else {
                run = 0;
            }
        }
    }

    /// `beginner-start`: a beginner's first 3 weeks hold at most 2 sessions of 2 sets per
    /// exercise.
    #[test]
    fn beginners_start_with_two_sessions_of_two_sets((mut profile, today) in profile_and_today()) {
        profile.athlete.experience = Experience::Beginner;
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        for w in plan["weeks"].as_array().expect("weeks").iter().take(3) {
            let sessions: Vec<&Value> = w["days"].as_array().into_iter().flatten().flat_map(strength).collect();
            prop_assert!(sessions.len() <= 2, "week {}: {} sessions", w["index"], sessions.len());
            for st in sessions {
                for e in st["exercises"].as_array().into_iter().flatten() {
                    if !matches!(lib(e).kind, Kind::Mobility | Kind::Plyometric) {
                        prop_assert!(n(&e["sets"]) <= 2, "week {}: {} x {}", w["index"], e["id"], e["sets"]);
                    }
                }
            }
        }
    }

    /// `core-not-legs` and `exercise-dose`: a session's focus is true of every exercise in it;
    /// the day before a hard run holds no leg work; each exercise is dosed in its own unit.
    #[test]
    fn focus_is_true_and_each_exercise_has_its_unit((profile, today) in profile_and_today()) {
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        let all = days(&plan);
        for (i, (w, d)) in all.iter().enumerate() {
            let next_hard = all.get(i + 1).is_some_and(|(_, n)| runs(n).any(|r| is_hard(s(&r["type"]))));
            for st in strength(d) {
                let focus: Focus = s(&st["focus"]).parse().expect("focus");
                for e in st["exercises"].as_array().into_iter().flatten() {
                    let x = lib(e);
                    prop_assert!(core_not_legs::fits(focus, x.region()), "week {}: {} in a {focus} session", w["index"], x.id);
                    prop_assert!(!(next_hard && x.loads_legs()), "week {} {}: {} the day before a hard run", w["index"], d["date"], x.id);
                    let a = &e["amount"];
                    prop_assert_eq!(s(&a["unit"]), x.unit().as_str(), "{}", x.id);
                    prop_assert_eq!(a["each_side"].as_bool(), Some(x.each_side), "{}", x.id);
                    prop_assert_eq!(s(&e["reps"]), {
                        let d: keel_core::dose::Amount = serde_json::from_value(a.clone()).expect("amount");
                        d.to_string()
                    });
                    if x.has_rir() {
                        prop_assert!((1..=4).contains(&n(&e["rir"])), "{}: rir {}", x.id, e["rir"]);
                    } else {
                        prop_assert!(e.get("rir").is_none(), "{} has rir", x.id);
                    }
                    let (lo, hi) = (n(&a["min"]), n(&a["max"]));
                    prop_assert!(lo >= 1 && lo <= hi);
                    match x.kind {
                        Kind::Hold => prop_assert!(lo >= 15 && hi <= 45, "{}: {lo}-{hi} s", x.id),
                        Kind::GetUp => prop_assert!(hi <= 5, "{}: {hi} a side", x.id),
                        _ => {}
                    }
                    if focus == Focus::Mobility {
                        prop_assert_eq!(x.region(), Region::Mobility);
                    }
                }
            }
        }
    }

    /// `exercise-selection`: in base, build, fitness and off-season weeks the leg sessions
    /// together cover a hinge (or, with no equipment for one, a bridge), single-leg work,
    /// calf or soleus work, lateral hip work and anti-extension or anti-rotation core; in
    /// peak and taper weeks each leg session keeps single-leg and calf work; a runner who
    /// passed the screen never gets a competency drill.
    #[test]
    fn leg_sessions_cover_the_patterns((profile, today) in profile_and_today()) {
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        let weeks = plan["weeks"].as_array().expect("weeks");
        let pass = profile.athlete.movement_screen == MovementScreen::Pass;
        for w in weeks {
            let legs: Vec<BTreeSet<Pattern>> = w["days"].as_array().into_iter().flatten()
                .flat_map(strength)
                .filter(|st| matches!(s(&st["focus"]), "lower" | "full"))
                .map(|st| st["exercises"].as_array().into_iter().flatten().map(|e| lib(e).pattern).collect())
                .collect();
            for st in w["days"].as_array().into_iter().flatten().flat_map(strength) {
                for e in st["exercises"].as_array().into_iter().flatten() {
                    prop_assert!(!(pass && lib(e).drill), "week {}: drill {}", w["index"], e["id"]);
                }
            }
            if legs.is_empty() {
                continue;
            }
            let union: BTreeSet<Pattern> = legs.iter().flatten().copied().collect();
            let has = |ps: &[Pattern]| ps.iter().any(|p| union.contains(p));
            match s(&w["phase"]) {
                "base" | "build" | "fitness" | "off-season" => {
                    prop_assert!(has(&[Pattern::Hinge, Pattern::Bridge]), "week {}: no hinge in {union:?}", w["index"]);
                    prop_assert!(has(&[Pattern::SingleLeg]), "week {}: no single-leg in {union:?}", w["index"]);
                    prop_assert!(has(&[Pattern::Calf, Pattern::Soleus]), "week {}: no calf in {union:?}", w["index"]);
                    prop_assert!(has(&[Pattern::LateralHip]), "week {}: no lateral hip in {union:?}", w["index"]);
                    prop_assert!(has(&[Pattern::AntiExtension, Pattern::AntiRotation]), "week {}: no core in {union:?}", w["index"]);
                }
                "peak" | "taper" => {
                    for p in &legs {
                        prop_assert!(p.contains(&Pattern::SingleLeg), "week {}: {p:?}", w["index"]);
                        prop_assert!(p.contains(&Pattern::Calf) || p.contains(&Pattern::Soleus), "week {}: {p:?}", w["index"]);
                    }
                }
                _ => {}
            }
        }
    }

    /// `exercise-rotation`: a season of 12 weeks or more with 16 sessions or more uses well
    /// over a dozen distinct exercises, and calf work both straight- and bent-knee.
    #[test]
    fn a_season_rotates_its_exercises((profile, today) in profile_and_today()) {
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        let weeks = plan["weeks"].as_array().expect("weeks");
        let sessions: Vec<&Value> = weeks.iter()
            .flat_map(|w| w["days"].as_array().into_iter().flatten())
            .flat_map(strength)
            .filter(|st| st["focus"] != "mobility")
            .collect();
        let leg_weeks = weeks.iter().filter(|w| w["days"].as_array().into_iter().flatten().flat_map(strength).any(|st| matches!(s(&st["focus"]), "lower" | "full"))).count();
        if weeks.len() >= 12 && sessions.len() >= 16 && leg_weeks >= 8 {
            let ids: BTreeSet<&str> = sessions.iter()
                .flat_map(|st| st["exercises"].as_array().into_iter().flatten())
                .map(|e| s(&e["id"]))
                .collect();
            prop_assert!(ids.len() > 12, "{} distinct: {ids:?}", ids.len());
            let patterns: BTreeSet<Pattern> = ids.iter().filter_map(|i| exercises::find(i)).map(|e| e.pattern).collect();
            prop_assert!(patterns.contains(&Pattern::Calf) && patterns.contains(&Pattern::Soleus), "{patterns:?}");
        }
    }

    /// `plyometrics`: only in build and peak weeks, for runners past the beginner stage who
    /// passed the screen, first in the session, 20-60 foot contacts, never the day before a
    /// hard run.
    #[test]
    fn plyometrics_stay_in_their_place((profile, today) in profile_and_today()) {
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        let all = days(&plan);
        let allowed = profile.athlete.experience != Experience::Beginner
            && profile.athlete.movement_screen == MovementScreen::Pass;
        for (i, (w, d)) in all.iter().enumerate() {
            let next_hard = all.get(i + 1).is_some_and(|(_, n)| runs(n).any(|r| is_hard(s(&r["type"]))));
            for st in strength(d) {
                let ex: Vec<&Value> = st["exercises"].as_array().into_iter().flatten().collect();
                let plyo: Vec<usize> = (0..ex.len()).filter(|&k| lib(ex[k]).kind == Kind::Plyometric).collect();
                if plyo.is_empty() {
                    continue;
                }
                prop_assert!(allowed, "plyometrics for {:?}", profile.athlete);
                prop_assert!(matches!(s(&w["phase"]), "build" | "peak"), "plyometrics in a {} week", w["phase"]);
                prop_assert!(!next_hard, "plyometrics the day before a hard run on {}", d["date"]);
                prop_assert!(plyo.iter().enumerate().all(|(j, k)| j == *k), "plyometrics after the lifts");
                let contacts: u32 = plyo.iter().map(|&k| {
                    let a = &ex[k]["amount"];
                    let per = n(&a["max"]) * if a["each_side"] == true { 2 } else { 1 };
                    n(&ex[k]["sets"]) * per
                }).sum();
                prop_assert!((20..=60).contains(&contacts), "{contacts} contacts");
            }
        }
    }

    /// `derived-runs` and `race-recovery`: runs keel derives keep 20 min (15 for race-week
    /// shake-outs) or their usual length when shorter; the long run stays the week's longest
    /// in deload and taper weeks; after a marathon or ultra the rest of race week is rest.
    #[test]
    fn derived_runs_keep_a_useful_length((profile, today) in profile_and_today()) {
        let Some(plan) = plan_json(&profile, today) else { return Ok(()) };
        let x = profile.athlete.experience;
        let usual = |d: usize, k: usize| -> Option<u32> {
            let r = profile.week[d].iter().filter(|r| r.run_type != RunType::Rest).nth(k)?;
            let m = match (r.minutes, r.km) {
                (Some(m), _) => m,
                (None, Some(km)) => km * pace::min_per_km(r.run_type, x),
                _ => 0.0,
            };
            Some(m.round() as u32)
        };
        let goal = match profile.goal { Goal::Race { race, date } => Some((race, date)), _ => None };
        for w in plan["weeks"].as_array().expect("weeks") {
            let index = n(&w["index"]);
            let over = profile.overrides.iter().find(|o| o.week == index);
            let race_week = w["phase"] == "race";
            let race_day = goal.filter(|_| race_week).map(|(_, d)| Weekday::of(d).index());
            let long_was_longest = {
                let all: Vec<(RunType, u32)> = (0..7).flat_map(|d| profile.week[d].iter().filter(|r| r.run_type != RunType::Rest).enumerate().map(move |(k, r)| (d, k, r.run_type))).map(|(d, k, t)| (t, usual(d, k).unwrap_or(0))).collect();
                all.iter().filter(|(t, _)| *t == RunType::Long).map(|(_, m)| *m).max().is_some_and(|l| all.iter().all(|(_, m)| *m <= l))
            };
            for (di, d) in w["days"].as_array().into_iter().flatten().enumerate() {
                if over.is_some_and(|o| o.days[di].is_some()) {
                    continue;
                }
                for (k, r) in runs(d).enumerate() {
                    let t = s(&r["type"]);
                    if t == "race" {
                        continue;
                    }
                    let m = n(&r["minutes"]);
                    let Some(u) = usual(di, k) else { continue };
                    let floor = match race_day {
                        Some(rd) if di < rd && !is_hard(t) => 15,
                        _ => 20,
                    };
                    prop_assert!(m >= floor.min(u), "week {index} {}: {t} {m} min (usual {u})", d["date"]);
                    if let (Some(rd), Some((race, _))) = (race_day, goal) {
                        if di > rd && matches!(race, RaceDistance::Marathon | RaceDistance::Ultra) {
                            prop_assert!(false, "a run the day after a {race}: {t} {m} min");
                        }
                    }
                }
            }
            if (w["deload"] == true || w["phase"] == "taper") && long_was_longest && over.is_none() {
                let all: Vec<(String, u32)> = w["days"].as_array().into_iter().flatten().flat_map(runs).map(|r| (s(&r["type"]).to_string(), n(&r["minutes"]))).collect();
                if let Some(l) = all.iter().filter(|(t, _)| t == "long").map(|(_, m)| *m).max() {
                    prop_assert!(all.iter().all(|(_, m)| *m <= l), "week {index}: long {l} in {all:?}");
                }
            }
        }
    }
}
