use super::*;
use crate::activity::SetType;
use crate::model::{RunType, Sex};
use crate::test_fixtures::*;
use jiff::tz::{self, TimeZone};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[track_caller]
fn assert_close(actual: f64, expected: f64, tol: f64) {
    assert!(
        close(actual, expected, tol),
        "expected {expected} (+-{tol}), got {actual}"
    );
}

// ---- formulas, hand-computed ----

#[test]
fn session_rpe_is_rpe_times_minutes() {
    // 6 x 45 = 270 AU.
    assert_close(session_rpe_load(6.0, 45.0), 270.0, 1e-12);
    // RPE clamped to 10: 12 -> 10, 10 x 30 = 300; negative minutes count as 0.
    assert_close(session_rpe_load(12.0, 30.0), 300.0, 1e-12);
    assert_eq!(session_rpe_load(5.0, -10.0), 0.0);
    assert_eq!(session_rpe_load(f64::NAN, 10.0), 0.0);
}

#[test]
fn hr_max_from_age() {
    // 206.9 - 0.67 x 40 = 206.9 - 26.8 = 180.1
    assert_close(hr_max_estimate(40), 180.1, 1e-9);
    // 206.9 - 0.67 x 25 = 206.9 - 16.75 = 190.15
    assert_close(hr_max_estimate(25), 190.15, 1e-9);
}

#[test]
fn hr_reserve_fraction_and_guards() {
    // (150 - 60) / (180 - 60) = 90 / 120 = 0.75
    assert_close(
        hr_reserve_fraction(150.0, 60.0, 180.0).unwrap(),
        0.75,
        1e-12,
    );
    // below rest clamps to 0, above max clamps to 1
    assert_eq!(hr_reserve_fraction(50.0, 60.0, 180.0), Some(0.0));
    assert_eq!(hr_reserve_fraction(200.0, 60.0, 180.0), Some(1.0));
    // no reserve: undefined
    assert_eq!(hr_reserve_fraction(150.0, 180.0, 180.0), None);
    assert_eq!(hr_reserve_fraction(f64::NAN, 60.0, 180.0), None);
}

#[test]
fn banister_weights_and_trimp() {
    // men: 0.64 e^(1.92 x 0.75) = 0.64 e^1.44 = 0.64 x 4.220696 = 2.701245
    assert_close(banister_weight(0.75, Some(Sex::Male)), 2.701245, 1e-5);
    // women: 0.86 e^(1.67 x 0.75) = 0.86 e^1.2525 = 0.86 x 3.499080 = 3.009209
    assert_close(banister_weight(0.75, Some(Sex::Female)), 3.009209, 1e-5);
    // unknown: (2.701245 + 3.009209) / 2 = 2.855227
    assert_close(banister_weight(0.75, None), 2.855227, 1e-5);
    // TRIMP, 60 min at HRr 0.75, men: 60 x 0.75 x 2.701245 = 121.556
    assert_close(banister_trimp(60.0, 0.75, Some(Sex::Male)), 121.556, 1e-3);
}

#[test]
fn trimp_rpe_calibration() {
    // The calibration point maps to 3.5 for every weighting.
    for sex in [Some(Sex::Male), Some(Sex::Female), None] {
        assert_close(trimp_rpe(0.65, sex), 3.5, 1e-12);
    }
    // men at HRr 0.9: 3.5 x (0.9/0.65) x e^(1.92 x 0.25) = 3.5 x 1.384615 x 1.616074 = 7.8317
    assert_close(trimp_rpe(0.9, Some(Sex::Male)), 7.8317, 1e-4);
    // men at HRr 1.0: 3.5 x (1/0.65) x e^(1.92 x 0.35) = 10.544 -> clamped to 10
    assert_eq!(trimp_rpe(1.0, Some(Sex::Male)), 10.0);
    // at rest: 0
    assert_eq!(trimp_rpe(0.0, None), 0.0);
}

#[test]
fn activity_load_sources() {
    let ath = athlete(Some(50), Some(180), Some(Sex::Male));
    let hr = HrProfile::of(&ath);

    // Logged RPE wins: 6 x 40 = 240.
    let a = with_hr(run("2025-03-03T07:00:00Z", 40.0, Some(8.0), Some(6.0)), 150);
    let l = activity_load(&a, Some(&hr));
    assert_eq!(l.source, LoadSource::LoggedRpe);
    assert_close(l.load, 240.0, 1e-9);
    assert_eq!(l.distance_km, Some(8.0));

    // The same RPE from a Strava export is labelled as such.
    let mut s = a.clone();
    s.source = "strava:activities/123.fit".into();
    assert_eq!(activity_load(&s, Some(&hr)).source, LoadSource::StravaRpe);

    // No RPE, HR 141: HRr = (141 - 50)/(180 - 50) = 91/130 = 0.7
    // RPE = 3.5 x (0.7/0.65) x e^(1.92 x 0.05) = 3.5 x 1.076923 x 1.100759 = 4.14901
    // load = 4.14901 x 50 = 207.45
    let a = with_hr(run("2025-03-03T07:00:00Z", 50.0, None, None), 141);
    let l = activity_load(&a, Some(&hr));
    assert_eq!(l.source, LoadSource::TrimpEstimate);
    assert_close(l.rpe, 4.14901, 1e-5);
    assert_close(l.load, 207.4507, 1e-3);

    // Without an athlete, HR cannot be used: run-type default, tempo = 6, 6 x 50 = 300.
    let a = typed(a, RunType::Tempo);
    let l = activity_load(&a, None);
    assert_eq!(l.source, LoadSource::RunTypeDefault);
    assert_close(l.load, 300.0, 1e-9);

    // Moving time beats elapsed time: 45 min moving x default easy 3 = 135.
    let mut a = run("2025-03-03T07:00:00Z", 50.0, None, None);
    a.moving_s = Some(45.0 * 60.0);
    assert_close(activity_load(&a, None).load, 135.0, 1e-9);
}

#[test]
fn hr_profile_defaults() {
    // No HR given, age 40: rest 60 (default), max 180.1 (estimate).
    let hr = HrProfile::of(&athlete(None, None, None));
    assert_eq!(hr.rest_bpm, DEFAULT_HR_REST);
    assert_close(hr.max_bpm, 180.1, 1e-9);
    assert!(hr.rest_is_default && hr.max_is_estimate);
}

#[test]
fn strength_load_estimates_duration_and_rpe() {
    // 2 warm-ups + 9 working sets, no duration: 2 x 1.5 + 9 x 3 = 30 min.
    // Every working set at 2 RIR -> RPE 8; 8 x 30 = 240 AU.
    let mut sets = vec![
        typed_set(set("back-squat", Some(20.0), 10, None), SetType::Warmup),
        typed_set(set("back-squat", Some(40.0), 5, None), SetType::Warmup),
    ];
    for ex in ["back-squat", "rdl", "split-squat"] {
        for _ in 0..3 {
            sets.push(set(ex, Some(60.0), 8, Some(2.0)));
        }
    }
    let l = strength_load(&workout("2025-03-04", None, None, sets.clone()));
    assert_close(l.minutes, 30.0, 1e-9);
    assert!(l.minutes_estimated);
    assert_eq!(l.source, LoadSource::SetRpe);
    assert_close(l.load, 240.0, 1e-9);

    // Session RPE and duration logged: 7 x 50 = 350.
    let l = strength_load(&workout("2025-03-04", Some(50.0), Some(7.0), sets.clone()));
    assert_eq!(l.source, LoadSource::LoggedRpe);
    assert_close(l.load, 350.0, 1e-9);

    // Nothing about effort: default 5 x 45 min = 225.
    let bare: Vec<_> = sets
        .iter()
        .cloned()
        .map(|mut s| {
            s.rir = None;
            s
        })
        .collect();
    let l = strength_load(&workout("2025-03-04", Some(45.0), None, bare));
    assert_eq!(l.source, LoadSource::StrengthDefault);
    assert_close(l.load, 225.0, 1e-9);
}

#[test]
fn set_rpe_from_rir() {
    // 10 - 2 = 8; RPE wins over RIR; out-of-range RIR clamps into 0..=10.
    assert_eq!(set_rpe(None, Some(2.0)), Some(8.0));
    assert_eq!(set_rpe(Some(9.0), Some(3.0)), Some(9.0));
    assert_eq!(set_rpe(None, Some(-3.0)), Some(10.0));
    assert_eq!(set_rpe(None, None), None);
}

#[test]
fn monotony_and_strain_by_hand() {
    // [100,300,100,300,100,300,200]: sum 1400, mean 200; deviations +-100 six times and 0:
    // variance = 6 x 100^2 / 7 = 8571.43, SD = 92.582; monotony = 200/92.582 = 2.16025;
    // strain = 1400 x 2.16025 = 3024.35.
    let week = [100.0, 300.0, 100.0, 300.0, 100.0, 300.0, 200.0];
    assert_close(population_sd(&week), 92.582, 1e-3);
    let m = monotony(&week).unwrap();
    assert_close(m, 2.16025, 1e-5);
    assert_close(strain(1400.0, m), 3024.35, 1e-2);
    // SD = 0: undefined, not infinity (a week of identical days, and a week of rest).
    assert_eq!(monotony(&[250.0; 7]), None);
    assert_eq!(monotony(&[0.0; 7]), None);
    assert_eq!(monotony(&[]), None);
}

#[test]
fn ewma_and_banister_by_hand() {
    // Williams N = 7: lambda = 2/8 = 0.25, seed 0:
    // 0.25 x 100 = 25; 0.75 x 25 = 18.75; 0.75 x 18.75 = 14.0625
    assert_eq!(ewma(&[100.0, 0.0, 0.0], 7, 0.0), vec![25.0, 18.75, 14.0625]);
    // N = 28: lambda = 2/29 = 0.0689655; 0.0689655 x 290 = 20
    assert_close(ewma(&[290.0], 28, 0.0)[0], 20.0, 1e-9);
    // Banister 42 days, seed 0: 0 + (84 - 0)/42 = 2; then 2 + (0 - 2)/42 = 1.952381
    let ctl = banister_smooth(&[84.0, 0.0], 42, 0.0);
    assert_close(ctl[0], 2.0, 1e-12);
    assert_close(ctl[1], 1.952381, 1e-6);
    // Banister 7 days: 0 + 70/7 = 10
    assert_close(banister_smooth(&[70.0], 7, 0.0)[0], 10.0, 1e-12);
}

#[test]
fn rolling_acwr_by_hand() {
    // 21 days at 0 then 7 days at 40: acute mean 40, chronic mean 7 x 40 / 28 = 10 -> 4.0
    let mut days = vec![0.0; 21];
    days.extend([40.0; 7]);
    assert_close(rolling_acwr(&days).unwrap(), 4.0, 1e-12);
    assert_eq!(rolling_acwr(&days[1..]), None, "27 days are not enough");
    assert_eq!(rolling_acwr(&[0.0; 28]), None, "no chronic load");
}

#[test]
fn e1rm_by_hand() {
    // Epley: 100 x (1 + 5/30) = 116.667; Brzycki: 100 x 36/(37 - 5) = 100 x 36/32 = 112.5
    assert_close(epley(100.0, 5).unwrap(), 116.6667, 1e-4);
    assert_close(brzycki(100.0, 5).unwrap(), 112.5, 1e-9);
    // 10 reps: 60 x (1 + 10/30) = 80; Brzycki 60 x 36/27 = 80: the formulas meet at 10.
    assert_close(epley(60.0, 10).unwrap(), 80.0, 1e-9);
    assert_close(brzycki(60.0, 10).unwrap(), 80.0, 1e-9);
    // A single is the weight itself.
    assert_eq!(epley(100.0, 1), Some(100.0));
    assert_eq!(brzycki(100.0, 1), Some(100.0));
    // Out of range: no estimate.
    assert_eq!(epley(100.0, 11), None);
    assert_eq!(brzycki(100.0, 11), None);
    assert_eq!(epley(100.0, 0), None);
    assert_eq!(epley(0.0, 5), None);
    assert_eq!(epley(f64::NAN, 5), None);
}

#[test]
fn e1rm_history_best_per_date_working_sets_only() {
    let w1 = workout(
        "2025-03-03",
        None,
        None,
        vec![
            // warm-up would give 100 x (1 + 10/30) = 133.3: must not count
            typed_set(set("deadlift", Some(100.0), 10, None), SetType::Warmup),
            set("deadlift", Some(100.0), 5, Some(2.0)), // 116.667
            set("deadlift", Some(105.0), 3, Some(1.0)), // 105 x 1.1 = 115.5
            set("deadlift", Some(60.0), 15, None),      // > 10 reps: no estimate
            set("bench-press", Some(60.0), 5, None),    // another lift
        ],
    );
    let w2 = workout(
        "2025-03-10",
        None,
        None,
        vec![typed_set(
            set("deadlift", Some(110.0), 4, Some(0.0)),
            SetType::Failure,
        )], // 110 x (1 + 4/30) = 124.667
    );
    let h = e1rm_history(&[w2.clone(), w1.clone()], "deadlift");
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].date, d("2025-03-03"));
    assert_close(h[0].e1rm_kg, 116.6667, 1e-4);
    assert_eq!((h[0].weight_kg, h[0].reps), (100.0, 5));
    assert_eq!(h[1].date, d("2025-03-10"));
    assert_close(h[1].e1rm_kg, 124.6667, 1e-4);
    let all = e1rm_by_exercise(&[w1, w2]);
    assert_eq!(
        all.keys().map(String::as_str).collect::<Vec<_>>(),
        ["bench-press", "deadlift"]
    );
}

// ---- the series ----

fn plus2() -> TimeZone {
    TimeZone::fixed(tz::offset(2))
}

#[test]
fn series_buckets_by_local_date() {
    // 23:30 UTC on the 3rd is 01:30 on the 4th at UTC+2.
    let a = run("2025-03-03T23:30:00Z", 30.0, Some(6.0), Some(4.0));
    let s = series(&[a], &[], None, &plus2(), d("2025-03-03"), d("2025-03-05"));
    assert_eq!(s.days.len(), 3);
    assert_eq!(s.days[0].load, 0.0);
    // A day without runs has +0 km, not -0 (`Iterator::sum` of nothing is -0.0).
    assert!(s.days[0].run_km.is_sign_positive() && s.days[0].run_minutes.is_sign_positive());
    assert!(s.weeks[0].strength_load.is_sign_positive());
    assert_eq!(s.days[1].date, d("2025-03-04"));
    assert_close(s.days[1].load, 120.0, 1e-9); // 4 x 30
    assert_close(s.days[1].run_km, 6.0, 1e-9);
    assert_close(s.days[1].run_minutes, 30.0, 1e-9);
    // The same instant in UTC falls on the 3rd.
    let a = run("2025-03-03T23:30:00Z", 30.0, Some(6.0), Some(4.0));
    let s = series(
        &[a],
        &[],
        None,
        &TimeZone::UTC,
        d("2025-03-03"),
        d("2025-03-05"),
    );
    assert_close(s.days[0].load, 120.0, 1e-9);
}

#[test]
fn series_weeks_monotony_strain_and_running() {
    // Week of Mon 2025-03-03: loads Mon 100, Tue 300, Wed 100, Thu 300, Fri 100, Sat 300,
    // Sun 200 as in `monotony_and_strain_by_hand`, all runs at RPE 5 (minutes = load / 5),
    // 10 km each except the 200 day, which is a strength workout of 200 AU (5 x 40 min).
    let loads = [100.0, 300.0, 100.0, 300.0, 100.0, 300.0];
    let mut acts = Vec::new();
    for (i, l) in loads.iter().enumerate() {
        let start = format!("2025-03-0{}T07:00:00Z", 3 + i);
        acts.push(run(&start, l / 5.0, Some(10.0), Some(5.0)));
    }
    let lift = workout("2025-03-09", Some(40.0), Some(5.0), vec![]);
    let s = series(
        &acts,
        &[lift],
        None,
        &TimeZone::UTC,
        d("2025-03-03"),
        d("2025-03-12"),
    );
    assert_eq!(s.weeks.len(), 2);
    let w = &s.weeks[0];
    assert!(w.complete);
    assert_eq!((w.start, w.end), (d("2025-03-03"), d("2025-03-09")));
    assert_close(w.load, 1400.0, 1e-9);
    assert_close(w.run_load, 1200.0, 1e-9);
    assert_close(w.strength_load, 200.0, 1e-9);
    assert_close(w.run_km, 60.0, 1e-9);
    // minutes: (100 + 300) x 3 / 5 = 240
    assert_close(w.run_minutes, 240.0, 1e-9);
    assert_close(w.longest_run_minutes, 60.0, 1e-9);
    assert_close(w.monotony.unwrap(), 2.16025, 1e-5);
    assert_close(w.strain.unwrap(), 3024.35, 1e-2);
    assert!(w.monotony_above_rule_of_thumb);
    // The week of the 10th ends after `to`: incomplete, no monotony.
    let w = &s.weeks[1];
    assert!(!w.complete);
    assert_eq!(w.monotony, None);
    assert_eq!(w.strain, None);
    assert_eq!(w.load, 0.0);
}

#[test]
fn series_rest_week_has_undefined_monotony() {
    let s = series(
        &[],
        &[],
        None,
        &TimeZone::UTC,
        d("2025-03-03"),
        d("2025-03-09"),
    );
    assert_eq!(s.weeks.len(), 1);
    assert!(s.weeks[0].complete);
    assert_eq!(s.weeks[0].monotony, None);
    assert!(s.days.iter().all(|d| d.acwr_ewma.is_none()));
    assert_eq!(s.first_data, None);
}

#[test]
fn strength_activity_duplicating_a_logged_workout_is_skipped() {
    let mut watch = run("2025-03-04T17:00:00Z", 60.0, None, Some(6.0));
    watch.sport = Sport::Strength;
    let logged = workout("2025-03-04", Some(50.0), Some(7.0), vec![]);
    let s = series(
        &[watch.clone()],
        &[logged],
        None,
        &TimeZone::UTC,
        d("2025-03-04"),
        d("2025-03-04"),
    );
    // Only the logged workout: 7 x 50 = 350, not + 6 x 60.
    assert_eq!(s.days[0].sessions.len(), 1);
    assert_close(s.days[0].load, 350.0, 1e-9);
    // On its own, the watch session counts.
    let s = series(
        &[watch],
        &[],
        None,
        &TimeZone::UTC,
        d("2025-03-04"),
        d("2025-03-04"),
    );
    assert_close(s.days[0].load, 360.0, 1e-9);
}

fn daily_runs(first: &str, n: i64, minutes: f64, rpe: f64) -> Vec<Activity> {
    let first = d(first);
    (0..n)
        .map(|i| {
            let day = first.saturating_add(i.days());
            run(&format!("{day}T07:00:00Z"), minutes, None, Some(rpe))
        })
        .collect()
}

#[test]
fn acwr_hidden_for_first_28_days_of_data() {
    // 40 days of 100 AU (RPE 5 x 20 min) from 2025-01-01. The EWMAs start from the mean of
    // the first 28 days (100), so both stay at 100 and the ratio is exactly 1.
    let acts = daily_runs("2025-01-01", 40, 20.0, 5.0);
    let s = series(
        &acts,
        &[],
        None,
        &TimeZone::UTC,
        d("2024-12-30"),
        d("2025-02-09"),
    );
    assert_eq!(s.first_data, Some(d("2025-01-01")));
    for day in &s.days {
        let since = d("2025-01-01").until(day.date).unwrap().get_days();
        if since < 28 {
            assert_eq!(day.acwr_ewma, None, "{}", day.date);
            assert_eq!(day.acwr_rolling, None, "{}", day.date);
            assert_eq!(day.chronic_ewma, None, "{}", day.date);
        } else if since < 40 {
            assert_close(day.acwr_ewma.unwrap(), 1.0, 1e-12);
            assert_close(day.acwr_rolling.unwrap(), 1.0, 1e-12);
        }
    }
    // Day 28 is 2025-01-29, the first with a ratio.
    let first_shown = s.days.iter().find(|d| d.acwr_ewma.is_some()).unwrap();
    assert_eq!(first_shown.date, d("2025-01-29"));
    // After the last run (2025-02-09 is day 39, the last run day) nothing breaks.
    assert_eq!(s.days.last().unwrap().date, d("2025-02-09"));
}

#[test]
fn acwr_ewma_reacts_to_a_spike() {
    // 28 days of 100 then one day of 500 (RPE 5 x 100 min):
    // acute = 0.25 x 500 + 0.75 x 100 = 200; chronic = (2/29) x 500 + (27/29) x 100 = 127.586
    // ratio = 200 / 127.586 = 1.56757
    let mut acts = daily_runs("2025-01-01", 28, 20.0, 5.0);
    acts.push(run("2025-01-29T07:00:00Z", 100.0, None, Some(5.0)));
    let s = series(
        &acts,
        &[],
        None,
        &TimeZone::UTC,
        d("2025-01-29"),
        d("2025-01-29"),
    );
    let day = &s.days[0];
    assert_close(day.acute_ewma.unwrap(), 200.0, 1e-9);
    assert_close(day.chronic_ewma.unwrap(), 127.586, 1e-3);
    assert_close(day.acwr_ewma.unwrap(), 1.56757, 1e-5);
    // rolling: last 7 = (6 x 100 + 500)/7 = 157.143; last 28 = (27 x 100 + 500)/28 = 114.286
    // ratio = 1.375
    assert_close(day.acwr_rolling.unwrap(), 1.375, 1e-9);
}

#[test]
fn fitness_fatigue_form_by_hand() {
    // One run of 420 AU (RPE 7 x 60) on day 1, from zero:
    // CTL = 420/42 = 10, ATL = 420/7 = 60, form = -50. Next day (rest):
    // CTL = 10 - 10/42 = 9.7619, ATL = 60 - 60/7 = 51.4286, form = -41.6667
    let acts = vec![run("2025-03-03T07:00:00Z", 60.0, None, Some(7.0))];
    let s = series(
        &acts,
        &[],
        None,
        &TimeZone::UTC,
        d("2025-03-03"),
        d("2025-03-04"),
    );
    assert_close(s.days[0].fitness, 10.0, 1e-12);
    assert_close(s.days[0].fatigue, 60.0, 1e-12);
    assert_close(s.days[0].form, -50.0, 1e-12);
    assert_close(s.days[1].fitness, 9.7619, 1e-4);
    assert_close(s.days[1].fatigue, 51.4286, 1e-4);
    assert_close(s.days[1].form, -41.6667, 1e-4);
}

#[test]
fn history_before_from_feeds_fitness() {
    // Same run, but the series starts the next day: fitness still remembers it.
    let acts = vec![run("2025-03-03T07:00:00Z", 60.0, None, Some(7.0))];
    let s = series(
        &acts,
        &[],
        None,
        &TimeZone::UTC,
        d("2025-03-04"),
        d("2025-03-04"),
    );
    assert_eq!(s.days.len(), 1);
    assert_close(s.days[0].fitness, 9.7619, 1e-4);
}

#[test]
fn empty_when_from_after_to() {
    let s = series(
        &[],
        &[],
        None,
        &TimeZone::UTC,
        d("2025-03-05"),
        d("2025-03-04"),
    );
    assert!(s.days.is_empty() && s.weeks.is_empty());
}

#[test]
fn series_serializes_with_plain_field_names() {
    let acts = vec![with_hr(
        run("2025-03-03T07:00:00Z", 50.0, Some(10.0), None),
        141,
    )];
    let ath = athlete(Some(50), Some(180), Some(Sex::Male));
    let s = series(
        &acts,
        &[],
        Some(&ath),
        &TimeZone::UTC,
        d("2025-03-03"),
        d("2025-03-03"),
    );
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["days"][0]["sessions"][0]["source"], "trimp-estimate");
    assert_eq!(v["days"][0]["date"], "2025-03-03");
    assert!(v["days"][0]["acwr_ewma"].is_null());
    assert!(v["weeks"][0]["monotony"].is_null());
    assert!(v["acwr_caveat"].as_str().unwrap().contains("Impellizzeri"));
}

// ---- properties ----

fn load_vec(max_len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0f64..2000.0, 1..max_len)
}

proptest! {
    #[test]
    fn loads_are_never_negative(
        rpe in prop::option::of(-5.0f64..15.0),
        minutes in -30.0f64..300.0,
        hr in prop::option::of(0u16..250),
        rest in 30u32..90,
        max in 100u32..220,
        strength_rpe in prop::option::of(-5.0f64..15.0),
        rir in prop::option::of(-3.0f64..12.0),
    ) {
        let mut a = run("2025-03-03T07:00:00Z", 0.0, None, rpe);
        a.elapsed_s = minutes * 60.0;
        a.avg_hr = hr;
        let ath = athlete(Some(rest), Some(max), None);
        let l = activity_load(&a, Some(&HrProfile::of(&ath)));
        prop_assert!(l.load >= 0.0 && l.load.is_finite());
        prop_assert!((0.0..=10.0).contains(&l.rpe));
        let w = workout("2025-03-03", None, strength_rpe, vec![set("squat", Some(50.0), 5, rir)]);
        let l = strength_load(&w);
        prop_assert!(l.load >= 0.0 && l.load.is_finite());
    }

    #[test]
    fn monotony_is_none_iff_sd_is_zero(days in prop::collection::vec(prop_oneof![Just(0.0f64), Just(300.0), 0.0f64..1000.0], 7)) {
        let sd = population_sd(&days);
        prop_assert_eq!(monotony(&days).is_none(), sd == 0.0);
        if let Some(m) = monotony(&days) {
            prop_assert!(m.is_finite() && m >= 0.0);
        }
    }

    #[test]
    fn ewma_stays_within_input_range(loads in load_vec(120), span in 1u32..60, pick in 0usize..120) {
        let seed = loads[pick % loads.len()];
        let (lo, hi) = min_max(&loads);
        for x in ewma(&loads, span, seed) {
            prop_assert!(x >= lo - 1e-9 && x <= hi + 1e-9, "{x} outside [{lo}, {hi}]");
        }
        for x in banister_smooth(&loads, span, seed) {
            prop_assert!(x >= lo - 1e-9 && x <= hi + 1e-9, "{x} outside [{lo}, {hi}]");
        }
    }

    #[test]
    fn fitness_and_fatigue_converge_to_a_constant_load(load in 0.0f64..1500.0, start in 0.0f64..1500.0) {
        // After 600 days at a constant load, (41/42)^600 ~ 7e-7 of the start gap remains.
        let days = vec![load; 600];
        let ctl = banister_smooth(&days, FITNESS_DAYS, start);
        let atl = banister_smooth(&days, FATIGUE_DAYS, start);
        let gap = (start - load).abs();
        prop_assert!((ctl[599] - load).abs() <= gap * 1e-6 + 1e-9);
        prop_assert!((atl[599] - load).abs() <= 1e-9 + gap * 1e-30);
        // and monotonically: each step closes the gap
        for w in ctl.windows(2) {
            prop_assert!((w[1] - load).abs() <= (w[0] - load).abs() + 1e-12);
        }
    }

    #[test]
    fn e1rm_is_monotone_in_weight_and_reps(w in 1.0f64..400.0, dw in 0.0f64..50.0, r in 1u32..10) {
        let e = epley(w, r).unwrap();
        prop_assert!(epley(w + dw, r).unwrap() >= e);
        prop_assert!(epley(w, r + 1).unwrap() >= e);
        let b = brzycki(w, r).unwrap();
        prop_assert!(brzycki(w + dw, r).unwrap() >= b);
        prop_assert!(brzycki(w, r + 1).unwrap() >= b);
        prop_assert!(e >= w && b >= w);
    }

    #[test]
    fn series_is_total_over_random_logs(
        runs in prop::collection::vec((0i64..60, 0.0f64..200.0, prop::option::of(0.0f64..10.0)), 0..30),
        from_off in 0i64..60,
        len in 0i64..40,
    ) {
        let base = d("2025-01-01");
        let acts: Vec<_> = runs.iter().map(|(off, min, rpe)| {
            run(&format!("{}T12:00:00Z", base.saturating_add(off.days())), *min, None, *rpe)
        }).collect();
        let from = base.saturating_add(from_off.days());
        let to = from.saturating_add(len.days());
        let s = series(&acts, &[], None, &plus2(), from, to);
        prop_assert_eq!(s.days.len() as i64, len + 1);
        for day in &s.days {
            prop_assert!(day.load >= 0.0 && day.fitness >= 0.0 && day.fatigue >= 0.0);
            if let Some(r) = day.acwr_ewma { prop_assert!(r.is_finite() && r >= 0.0); }
        }
        for w in &s.weeks {
            prop_assert_eq!(w.monotony.is_some(), w.complete && w.sd_daily_load > 0.0);
        }
    }
}

proptest! {
    /// Each week's totals are the sums over its own seven days, over long windows too
    /// (weeks are read as slices of the timeline, not by scanning it).
    #[test]
    fn weekly_totals_are_the_sums_of_their_days(
        runs in proptest::collection::vec((0i64..900, 10.0f64..120.0, 1.0f64..10.0), 0..60),
        weeks in 1u32..130,
    ) {
        let first = d("2022-01-03");
        let acts: Vec<Activity> = runs
            .iter()
            .map(|&(day, minutes, rpe)| {
                let date = first.saturating_add(day.days());
                run(&format!("{date}T07:00:00Z"), minutes, Some(minutes / 6.0), Some(rpe))
            })
            .collect();
        let to = d("2024-06-30");
        let from = monday_of(to).saturating_sub((i64::from(weeks) - 1).weeks());
        let s = series(&acts, &[], None, &TimeZone::UTC, from, to);
        prop_assert_eq!(s.weeks.len(), weeks as usize);
        for w in &s.weeks {
            let days: Vec<&DayLoad> = s.days.iter().filter(|x| x.date >= w.start && x.date <= w.end).collect();
            prop_assert_eq!(days.len(), 7);
            let load = days.iter().map(|x| x.load).fold(0.0, |a, b| a + b);
            let km = days.iter().map(|x| x.run_km).fold(0.0, |a, b| a + b);
            prop_assert!(close(w.load, load, 1e-9), "{} vs {}", w.load, load);
            prop_assert!(close(w.run_km, km, 1e-9), "{} vs {}", w.run_km, km);
            prop_assert!(w.complete);
        }
    }
}

/// The series as it was computed before history was reduced to daily loads (a timeline
/// of dates and a map of every day's sessions): the reference the faster one must equal.
fn reference_series(
    activities: &[Activity],
    workouts: &[StrengthWorkout],
    athlete: Option<&Athlete>,
    tz: &TimeZone,
    from: Date,
    to: Date,
) -> LoadSeries {
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

    let mut by_date: BTreeMap<Date, Vec<SessionLoad>> = BTreeMap::new();
    let lift_dates: BTreeSet<Date> = workouts.iter().map(|w| w.date).collect();
    let mut sorted: Vec<&Activity> = activities.iter().collect();
    sorted.sort_by_key(|a| a.start);
    for a in sorted {
        let date = a.start.to_zoned(tz.clone()).date();
        if date > to || (a.sport == Sport::Strength && lift_dates.contains(&date)) {
            continue;
        }
        by_date
            .entry(date)
            .or_default()
            .push(activity_load(a, hr.as_ref()));
    }
    for w in workouts.iter().filter(|w| w.date <= to) {
        by_date.entry(w.date).or_default().push(strength_load(w));
    }
    let first_data = by_date.keys().next().copied();
    empty.first_data = first_data;

    // The timeline runs from the earliest of (first data, Monday of `from`'s week) to `to`, so
    // that smoothed metrics see all history and the first week is whole.
    let monday = monday_of(from);
    let start = first_data.map_or(monday, |f| f.min(monday));
    let timeline: Vec<Date> = start.series(1.day()).take_while(|d| *d <= to).collect();
    let daily: Vec<f64> = timeline
        .iter()
        .map(|d| {
            by_date
                .get(d)
                .map_or(0.0, |s| total(s.iter().map(|x| x.load)))
        })
        .collect();

    let fitness = banister_smooth(&daily, FITNESS_DAYS, 0.0);
    let fatigue = banister_smooth(&daily, FATIGUE_DAYS, 0.0);

    // ACWR: only from the first data on. Both EWMAs start from the mean of the first 28 days
    // of data; the ratio stays hidden until those days are past, so no shown value uses a
    // later day than its own.
    let first_idx = first_data.and_then(|f| timeline.iter().position(|d| *d == f));
    let mut acute = vec![None; timeline.len()];
    let mut chronic = vec![None; timeline.len()];
    let mut rolling = vec![None; timeline.len()];
    if let Some(fi) = first_idx {
        let data = &daily[fi..];
        let warm = &data[..data.len().min(ACWR_WARMUP_DAYS as usize)];
        let seed = warm.iter().sum::<f64>() / warm.len() as f64;
        let a = ewma(data, ACUTE_DAYS, seed);
        let c = ewma(data, CHRONIC_DAYS, seed);
        for i in (ACWR_WARMUP_DAYS as usize)..data.len() {
            acute[fi + i] = Some(a[i]);
            chronic[fi + i] = Some(c[i]);
            rolling[fi + i] = rolling_acwr(&data[..=i]);
        }
    }

    let mut days = Vec::new();
    for (i, date) in timeline.iter().enumerate() {
        if *date < from {
            continue;
        }
        let sessions = by_date.get(date).cloned().unwrap_or_default();
        let runs = sessions.iter().filter(|s| s.sport.is_running());
        let run_km = total(runs.clone().filter_map(|s| s.distance_km));
        let run_minutes = total(runs.map(|s| s.minutes));
        days.push(DayLoad {
            date: *date,
            load: daily[i],
            sessions,
            run_km,
            run_minutes,
            acute_ewma: acute[i],
            chronic_ewma: chronic[i],
            acwr_ewma: ratio(acute[i], chronic[i]),
            acwr_rolling: rolling[i],
            fitness: fitness[i],
            fatigue: fatigue[i],
            form: fitness[i] - fatigue[i],
        });
    }

    // Weeks are consecutive 7-day slices of the timeline from `monday` on: each week
    // reads only its own days (one pass over the shown weeks, never the whole timeline).
    let mut weeks = Vec::new();
    let mut week_start = monday;
    let mut lo = timeline
        .iter()
        .position(|d| *d == monday)
        .unwrap_or(timeline.len());
    while week_start <= to {
        let end = week_start.saturating_add(6.days());
        let hi = (lo + 7).min(timeline.len());
        let in_week = lo..hi;
        lo = hi;
        let sessions: Vec<&SessionLoad> = in_week
            .clone()
            .flat_map(|i| by_date.get(&timeline[i]).into_iter().flatten())
            .collect();
        let loads: Vec<f64> = daily[in_week].to_vec();
        let complete = loads.len() == 7;
        let load = total(loads.iter().copied());
        let runs = || sessions.iter().filter(|s| s.sport.is_running());
        let mono = if complete { monotony(&loads) } else { None };
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
            sd_daily_load: if complete { population_sd(&loads) } else { 0.0 },
            monotony: mono,
            strain: mono.map(|m| strain(load, m)),
            monotony_above_rule_of_thumb: mono.is_some_and(|m| m > MONOTONY_RULE_OF_THUMB),
        });
        week_start = week_start.saturating_add(7.days());
        if end >= Date::MAX.saturating_sub(7.days()) {
            break;
        }
    }

    LoadSeries {
        days,
        weeks,
        ..empty
    }
}

fn arb_log() -> impl Strategy<Value = (Vec<Activity>, Vec<StrengthWorkout>)> {
    let activity = (
        0i64..400,
        0i64..24,
        prop_oneof![Just(Sport::Run), Just(Sport::Strength), Just(Sport::Ride)],
        0.0f64..150.0,
        prop::option::of(0.0f64..11.0),
        prop::option::of(90u16..190),
        prop::option::of(0.0f64..20.0),
    )
        .prop_map(|(day, hour, sport, minutes, rpe, hr, km)| {
            let date = d("2024-01-01").saturating_add(day.days());
            let mut a = run(&format!("{date}T{hour:02}:30:00Z"), minutes, km, rpe);
            a.sport = sport;
            a.avg_hr = hr;
            a.name = Some(format!("a{day}"));
            a
        });
    let logged = (
        prop::option::of(0.0f64..11.0),
        prop::option::of(0.0f64..5.0),
        prop_oneof![
            Just(SetType::Normal),
            Just(SetType::Warmup),
            Just(SetType::Failure),
            Just(SetType::Drop)
        ],
    )
        .prop_map(|(rpe, rir, t)| {
            let mut s = typed_set(set("back-squat", Some(60.0), 5, rir), t);
            s.rpe = rpe;
            s
        });
    let lift = (
        0i64..400,
        prop::option::of(0.0f64..90.0),
        prop::option::of(0.0f64..10.0),
        prop::collection::vec(logged, 0..8),
    )
        .prop_map(|(day, minutes, rpe, sets)| {
            let date = d("2024-01-01").saturating_add(day.days());
            workout(&date.to_string(), minutes, rpe, sets)
        });
    (
        prop::collection::vec(activity, 0..80),
        prop::collection::vec(lift, 0..40),
    )
}

proptest! {
    /// The series from daily loads equals the one from every day's sessions, history,
    /// shown days, weeks and all.
    #[test]
    fn series_equals_the_reference(
        (acts, lifts) in arb_log(),
        from_off in 0i64..420,
        len in 0i64..120,
        with_athlete in any::<bool>(),
    ) {
        let from = d("2024-01-01").saturating_add(from_off.days());
        let to = from.saturating_add(len.days());
        let a = athlete(Some(50), Some(185), Some(Sex::Female));
        let athlete = with_athlete.then_some(&a);
        let fast = series(&acts, &lifts, athlete, &plus2(), from, to);
        let slow = reference_series(&acts, &lifts, athlete, &plus2(), from, to);
        prop_assert_eq!(fast, slow);
    }

    /// A workout's summary gives the load its sets give, the mean set RPE within rounding
    /// of the plain mean.
    #[test]
    fn summaries_give_the_loads_of_their_sets((_, lifts) in arb_log()) {
        for w in &lifts {
            let l = strength_load(w);
            let rated: Vec<f64> = w.sets.iter()
                .filter(|s| matches!(s.set_type, SetType::Normal | SetType::Failure))
                .filter_map(|s| set_rpe(s.rpe, s.rir))
                .collect();
            if w.rpe.is_none() && !rated.is_empty() {
                let mean = rated.iter().sum::<f64>() / rated.len() as f64;
                prop_assert!(close(l.rpe, mean, 1e-12), "{} vs {}", l.rpe, mean);
            }
            let minutes: f64 = w.sets.iter().map(|s| match s.set_type {
                SetType::Normal | SetType::Failure => MINUTES_PER_WORKING_SET,
                SetType::Warmup | SetType::Drop => MINUTES_PER_LIGHT_SET,
            }).sum();
            if w.duration_s.is_none_or(|d| d <= 0.0) {
                prop_assert_eq!(l.minutes, minutes);
            }
        }
    }
}

proptest! {
    /// The series from the history kept before the shown weeks and the shown weeks' sessions
    /// alone is the series from the whole log, to the bit; and the history read back from
    /// its bytes is the same history.
    #[test]
    fn series_after_a_kept_history_equals_the_series_of_the_whole_log(
        (acts, lifts) in arb_log(),
        from_off in 0i64..420,
        len in 0i64..120,
        with_athlete in any::<bool>(),
    ) {
        let from = d("2024-01-01").saturating_add(from_off.days());
        let to = from.saturating_add(len.days());
        let a = athlete(Some(50), Some(185), Some(Sex::Female));
        let athlete = with_athlete.then_some(&a);
        let tz = plus2();
        let acts: Vec<ActivitySummary> = acts.iter().map(ActivitySummary::of).collect();
        let lifts: Vec<WorkoutSummary> = lifts.iter().map(WorkoutSummary::of).collect();
        let whole = series_of_summaries(&acts, &lifts, athlete, &tz, from, to);

        let monday = monday_of(from);
        let before = |date: Date| date < monday;
        let (old_acts, new_acts): (Vec<_>, Vec<_>) = acts
            .iter()
            .cloned()
            .partition(|a| before(tz.to_datetime(a.start).date()));
        let (old_lifts, new_lifts): (Vec<_>, Vec<_>) =
            lifts.iter().cloned().partition(|w| before(w.date));
        let history = History::before(&old_acts, &old_lifts, athlete, &tz, monday);
        prop_assert_eq!(&History::before(&acts, &lifts, athlete, &tz, monday), &history);
        let kept = History::from_bytes(&history.to_bytes());
        prop_assert_eq!(kept.as_ref(), Some(&history));
        let split = series_after(&kept.unwrap(), &new_acts, &new_lifts, athlete, &tz, from, to);
        prop_assert_eq!(&split, &whole);
        // The sessions of the history are ignored when given again.
        prop_assert_eq!(&series_after(&history, &acts, &lifts, athlete, &tz, from, to), &whole);
    }

    /// Bytes that are not a history are refused, never a panic.
    #[test]
    fn any_bytes_are_a_history_or_none(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut with_magic = b"KLH1".to_vec();
        with_magic.extend_from_slice(&bytes);
        for b in [&bytes, &with_magic] {
            if let Some(h) = History::from_bytes(b) {
                prop_assert_eq!(h.to_bytes(), b.clone());
            }
        }
    }
}

#[test]
fn a_history_without_sessions_is_empty_and_kept_as_such() {
    let until = d("2024-03-04");
    let h = History::before(&[], &[], None, &plus2(), until);
    assert_eq!(
        h,
        History {
            first: None,
            until,
            daily: Vec::new()
        }
    );
    assert_eq!(History::from_bytes(&h.to_bytes()), Some(h));
    assert_eq!(History::from_bytes(b"KLH2\0\xe8\x07\x03\x04"), None);
}

#[test]
fn compensated_sums_keep_what_plain_sums_lose() {
    let mut c = CompensatedSum::default();
    for v in [1e16, 1.0, -1e16] {
        c.add(v);
    }
    assert_eq!(c.value(), 1.0);
    assert_eq!(CompensatedSum::default().value(), 0.0);
}
