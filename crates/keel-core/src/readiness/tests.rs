use super::*;
use crate::activity::CheckIn;
use crate::model::RunType;
use crate::test_fixtures::*;
use jiff::tz::TimeZone;
use proptest::prelude::*;

/// Check-ins on consecutive days ending on `last`, each built from one closure call.
fn days_ending(last: &str, n: i64, mut f: impl FnMut(i64, &mut CheckIn)) -> Vec<CheckIn> {
    let last = d(last);
    (0..n)
        .map(|i| {
            let date = last.saturating_sub((n - 1 - i).days());
            let mut c = checkin(&date.to_string());
            f(i, &mut c);
            c
        })
        .collect()
}

fn names(signals: &[Signal]) -> Vec<&'static str> {
    signals.iter().map(|s| s.name).collect()
}

fn find<'a>(signals: &'a [Signal], name: &str) -> Option<&'a Signal> {
    signals.iter().find(|s| s.name == name)
}

fn sig(date: &str, checkins: &[CheckIn]) -> Vec<Signal> {
    signals(d(date), checkins, &[], &[], &TimeZone::UTC)
}

// ---- check-in scenarios ----

#[test]
fn three_short_nights_and_high_fatigue() {
    // 2025-03-01..05: sleep 7.5, 6.0, 6.5, 5.5, 8.0 (three nights under 7 h);
    // fatigue 2, 4, 4, 5, 3 (three of the last four days, Mar 2-5, at 4+).
    let sleep = [7.5, 6.0, 6.5, 5.5, 8.0];
    let fatigue = [2, 4, 4, 5, 3];
    let cs = days_ending("2025-03-05", 5, |i, c| {
        c.sleep_h = Some(sleep[i as usize]);
        c.fatigue = Some(fatigue[i as usize]);
    });
    let s = sig("2025-03-05", &cs);
    let sleep_sig = find(&s, "poor-sleep").expect("poor sleep");
    assert_eq!(sleep_sig.rule, "sleep");
    assert_eq!(sleep_sig.severity, Severity::Moderate);
    // mean of the short nights: (6.0 + 6.5 + 5.5) / 3 = 6.0
    assert!(
        sleep_sig.text.contains("3 of the last 5 nights"),
        "{}",
        sleep_sig.text
    );
    assert!(sleep_sig.text.contains("mean 6.0 h"), "{}", sleep_sig.text);
    let fat = find(&s, "persistent-fatigue").expect("fatigue");
    assert_eq!(fat.rule, "overtraining-signals");
    assert_eq!(fat.severity, Severity::Moderate);
    assert_eq!(names(&s), ["persistent-fatigue", "poor-sleep"]);
    assert_eq!(readiness(&s), Readiness::Caution);
    assert_eq!(summary(&s), "caution: persistent fatigue, poor sleep");
}

#[test]
fn two_short_nights_and_seven_hours_are_not_poor_sleep() {
    // 6.9 and 6.0 are short; 7.0 is not "under 7 h".
    let sleep = [6.9, 7.0, 6.0, 7.0, 8.0];
    let cs = days_ending("2025-03-05", 5, |i, c| c.sleep_h = Some(sleep[i as usize]));
    assert!(find(&sig("2025-03-05", &cs), "poor-sleep").is_none());
    // Five short nights: strong.
    let cs = days_ending("2025-03-05", 5, |_, c| c.sleep_h = Some(6.0));
    assert_eq!(
        find(&sig("2025-03-05", &cs), "poor-sleep")
            .unwrap()
            .severity,
        Severity::Strong
    );
}

#[test]
fn fatigue_spread_beyond_four_days_is_not_persistent() {
    // Fatigue 4 on Mar 1, 2 and 5 (days 5, 4 and 1 back): only 2 inside Mar 2-5.
    let f = [4, 4, 1, 1, 4];
    let cs = days_ending("2025-03-05", 5, |i, c| c.fatigue = Some(f[i as usize]));
    assert!(find(&sig("2025-03-05", &cs), "persistent-fatigue").is_none());
    // Four of four: strong.
    let cs = days_ending("2025-03-05", 4, |_, c| c.fatigue = Some(4));
    assert_eq!(
        find(&sig("2025-03-05", &cs), "persistent-fatigue")
            .unwrap()
            .severity,
        Severity::Strong
    );
}

#[test]
fn lingering_soreness_needs_three_consecutive_days() {
    let cs = days_ending("2025-03-05", 3, |_, c| c.soreness_legs = Some(3));
    let s = sig("2025-03-05", &cs);
    let l = find(&s, "lingering-soreness").expect("lingering");
    assert_eq!(l.rule, "overtraining-signals");
    assert!(l.text.contains("3 days in a row"));
    // Two days: "more than two days" is not met.
    let cs = days_ending("2025-03-05", 2, |_, c| c.soreness_legs = Some(3));
    assert!(find(&sig("2025-03-05", &cs), "lingering-soreness").is_none());
    // A day without soreness breaks the streak: 3, 1, 3, 3.
    let v = [3, 1, 3, 3];
    let cs = days_ending("2025-03-05", 4, |i, c| {
        c.soreness_legs = Some(v[i as usize])
    });
    assert!(find(&sig("2025-03-05", &cs), "lingering-soreness").is_none());
    // A missing check-in day breaks it too (Mar 3 absent).
    let mut cs = days_ending("2025-03-05", 4, |_, c| c.soreness_legs = Some(4));
    cs.remove(1);
    assert!(find(&sig("2025-03-05", &cs), "lingering-soreness").is_none());
    // No check-in yet today: the streak ending yesterday counts.
    let cs = days_ending("2025-03-04", 3, |_, c| c.soreness_legs = Some(3));
    assert!(find(&sig("2025-03-05", &cs), "lingering-soreness").is_some());
    // But a check-in today without soreness ends it.
    let mut cs = days_ending("2025-03-04", 3, |_, c| c.soreness_legs = Some(3));
    let mut today = checkin("2025-03-05");
    today.soreness_legs = Some(1);
    cs.push(today);
    assert!(find(&sig("2025-03-05", &cs), "lingering-soreness").is_none());
}

#[test]
fn leg_soreness_high_today() {
    let mut c = checkin("2025-03-05");
    c.soreness_legs = Some(4);
    let s = sig("2025-03-05", &[c.clone()]);
    let h = find(&s, "leg-soreness-high").unwrap();
    assert_eq!(h.rule, "soreness-vs-running");
    assert_eq!(h.severity, Severity::Moderate);
    c.soreness_legs = Some(5);
    assert_eq!(
        find(&sig("2025-03-05", &[c.clone()]), "leg-soreness-high")
            .unwrap()
            .severity,
        Severity::Strong
    );
    c.soreness_legs = Some(3);
    assert!(sig("2025-03-05", &[c.clone()]).is_empty());
    // Yesterday's soreness is not today's.
    c.soreness_legs = Some(5);
    assert!(find(&sig("2025-03-06", &[c]), "leg-soreness-high").is_none());
}

#[test]
fn illness_today_recently_and_often() {
    let mut c = checkin("2025-03-05");
    c.ill = true;
    let s = sig("2025-03-05", &[c.clone()]);
    assert_eq!(find(&s, "illness").unwrap().severity, Severity::Strong);
    assert_eq!(readiness(&s), Readiness::BackOff);
    assert!(summary(&s).starts_with("back off: illness"));
    // Two days later (no check-in that day): moderate; three days later: gone.
    assert_eq!(
        find(&sig("2025-03-07", &[c.clone()]), "illness")
            .unwrap()
            .severity,
        Severity::Moderate
    );
    assert!(find(&sig("2025-03-08", &[c.clone()]), "illness").is_none());
    // Ill on Mar 1-2 and again Mar 20: two spells within 28 days.
    let mut cs = Vec::new();
    for day in ["2025-03-01", "2025-03-02", "2025-03-10", "2025-03-20"] {
        let mut c = checkin(day);
        c.ill = day != "2025-03-10";
        cs.push(c);
    }
    let s = sig("2025-03-25", &cs);
    let f = find(&s, "frequent-illness").unwrap();
    assert!(f.text.starts_with("2 separate spells"), "{}", f.text);
    // Mar 1-2 is one spell: a single spell is not frequent.
    assert!(find(&sig("2025-03-25", &cs[..3]), "frequent-illness").is_none());
    // On Mar 30 the first spell (Mar 1-2) has left the 28-day window (Mar 3-30).
    assert!(find(&sig("2025-03-30", &cs), "frequent-illness").is_none());
}

#[test]
fn low_mood_and_motivation() {
    let m = [4, 2, 5, 1, 4];
    let cs = days_ending("2025-03-05", 5, |i, c| {
        c.mood = Some(m[i as usize]);
        c.motivation = Some(if i < 2 { 5 } else { 2 });
    });
    let s = sig("2025-03-05", &cs);
    assert_eq!(find(&s, "low-mood").unwrap().rule, "overtraining-signals");
    assert!(find(&s, "low-motivation").is_none(), "only 2 of 5 low");
}

#[test]
fn later_checkin_for_a_day_replaces_the_earlier() {
    let mut a = checkin("2025-03-05");
    a.ill = true;
    let b = checkin("2025-03-05");
    assert!(find(&sig("2025-03-05", &[a.clone(), b.clone()]), "illness").is_none());
    assert!(find(&sig("2025-03-05", &[b, a]), "illness").is_some());
}

#[test]
fn checkins_after_the_date_are_ignored() {
    let mut c = checkin("2025-03-06");
    c.ill = true;
    assert!(sig("2025-03-05", &[c]).is_empty());
}

// ---- personal baselines ----

/// 20 check-ins Feb 13..Mar 4 with fatigue alternating 2, 3 (mean 2.5, sample SD
/// sqrt(20 x 0.25 / 19) = 0.51299) and 8 h of sleep (SD 0, floored to 0.5), then today.
fn baseline_history(today_fatigue: u8, today_sleep: f64) -> Vec<CheckIn> {
    let mut cs = days_ending("2025-03-04", 20, |i, c| {
        c.fatigue = Some(if i % 2 == 0 { 2 } else { 3 });
        c.sleep_h = Some(8.0);
    });
    let mut t = checkin("2025-03-05");
    t.fatigue = Some(today_fatigue);
    t.sleep_h = Some(today_sleep);
    cs.push(t);
    cs
}

#[test]
fn baseline_flags_a_bad_day_against_the_runners_own_normal() {
    // fatigue 4: z = (4 - 2.5) / 0.51299 = 2.92 > 1 -> flagged.
    // sleep 7.4 h: z = -(7.4 - 8) / 0.5 = 1.2 > 1 -> flagged (rule `sleep`).
    let s = sig("2025-03-05", &baseline_history(4, 7.4));
    let f = find(&s, "baseline-fatigue").expect("fatigue baseline");
    assert_eq!(f.rule, "overtraining-signals");
    assert_eq!(f.severity, Severity::Mild);
    assert!(f.text.contains("2.9 SD"), "{}", f.text);
    assert_eq!(find(&s, "baseline-sleep").unwrap().rule, "sleep");
    // None of the absolute rules fire: one bad day is only a baseline flag.
    assert_eq!(names(&s), ["baseline-sleep", "baseline-fatigue"]);
}

#[test]
fn baseline_stays_quiet_within_one_sd_and_before_14_checkins() {
    // fatigue 3: z = 0.5 / 0.51299 = 0.975 -> not flagged; sleep 7.6: z = 0.8 -> not flagged.
    assert!(sig("2025-03-05", &baseline_history(3, 7.6)).is_empty());
    // Better than usual is never flagged: sleep 9 h, fatigue 1.
    assert!(sig("2025-03-05", &baseline_history(1, 9.0)).is_empty());
    // Only 13 check-ins in total (12 before + today): silent even on a bad day.
    let all = baseline_history(5, 5.0);
    let few: Vec<CheckIn> = all[all.len() - 13..].to_vec();
    let s = sig("2025-03-05", &few);
    assert!(find(&s, "baseline-fatigue").is_none());
    assert!(find(&s, "baseline-sleep").is_none());
    // With 14 they speak.
    let s = sig("2025-03-05", &all[all.len() - 14..]);
    assert!(find(&s, "baseline-fatigue").is_some());
}

#[test]
fn baseline_needs_recent_values_in_the_window() {
    // 20 check-ins, but all more than 28 days before: the window Feb 5..Mar 4 is empty.
    let mut cs = days_ending("2025-01-20", 20, |_, c| c.fatigue = Some(2));
    let mut t = checkin("2025-03-05");
    t.fatigue = Some(5);
    cs.push(t);
    assert!(sig("2025-03-05", &cs).is_empty());
}

// ---- declining performance ----

/// An easy 10 km run at `minutes` with heart rate and RPE, on a date.
fn easy(date: &str, minutes: f64, hr: u16, rpe: Option<f64>) -> Activity {
    typed(
        with_hr(
            run(&format!("{date}T07:00:00Z"), minutes, Some(10.0), rpe),
            hr,
        ),
        RunType::Easy,
    )
}

#[test]
fn declining_performance_higher_hr_at_the_same_pace() {
    // Baseline (Feb 4 - Mar 3 for date Mar 17): easy 10 km in 50 min (5:00/km) at 140 bpm.
    // Recent (Mar 4 - Mar 17): 10 km in 51 min (5:06/km, +2%) at 147 and 145 bpm:
    // rises 7 and 5 -> mean 6 >= 5 bpm.
    let acts = vec![
        easy("2025-02-10", 50.0, 140, None),
        easy("2025-02-20", 50.0, 140, None),
        easy("2025-03-10", 51.0, 147, None),
        easy("2025-03-15", 51.0, 145, None),
    ];
    let s = declining_performance(d("2025-03-17"), &acts, &TimeZone::UTC).expect("declining");
    assert_eq!(s.rule, "overtraining-signals");
    assert!(s.text.contains("6 bpm higher"), "{}", s.text);
    assert!(s.text.contains("2 recent runs"), "{}", s.text);

    // One recent run is not a trend.
    assert!(declining_performance(d("2025-03-17"), &acts[..3], &TimeZone::UTC).is_none());
    // Mean rise 4 bpm (144, 144) is under the threshold.
    let mut mild = acts.clone();
    mild[2].avg_hr = Some(144);
    mild[3].avg_hr = Some(144);
    assert!(declining_performance(d("2025-03-17"), &mild, &TimeZone::UTC).is_none());
    // Faster recent runs (45 min: 4:30/km, 10% faster) are not the same pace.
    let mut faster = acts.clone();
    faster[2].elapsed_s = 45.0 * 60.0;
    faster[3].elapsed_s = 45.0 * 60.0;
    assert!(declining_performance(d("2025-03-17"), &faster, &TimeZone::UTC).is_none());
    // A different kind of run is not compared.
    let mut tempo = acts.clone();
    tempo[2].run_type = Some(RunType::Tempo);
    tempo[3].run_type = Some(RunType::Tempo);
    assert!(declining_performance(d("2025-03-17"), &tempo, &TimeZone::UTC).is_none());
    // Baseline runs older than 6 weeks do not count (Feb 3 is day 42 back).
    let mut old = acts.clone();
    old[0].start = ts("2025-02-03T07:00:00Z");
    old[1].start = ts("2025-02-02T07:00:00Z");
    assert!(declining_performance(d("2025-03-17"), &old, &TimeZone::UTC).is_none());
}

#[test]
fn declining_performance_higher_rpe_at_the_same_pace() {
    // Baseline RPE 3 at 5:00/km; recent RPE 4.5 and 4 at 5:00/km: rises 1.5 and 1 -> mean 1.25.
    let acts = vec![
        easy("2025-02-10", 50.0, 140, Some(3.0)),
        easy("2025-03-10", 50.0, 141, Some(4.5)),
        easy("2025-03-15", 50.0, 141, Some(4.0)),
    ];
    let s = declining_performance(d("2025-03-17"), &acts, &TimeZone::UTC).expect("declining");
    assert!(s.text.contains("RPE 1.2 points higher") || s.text.contains("RPE 1.3 points higher"));
    assert!(!s.text.contains("bpm"), "HR rose only 1 bpm: {}", s.text);
    // And it reaches `signals`.
    let all = signals(d("2025-03-17"), &[], &acts, &[], &TimeZone::UTC);
    assert_eq!(names(&all), ["declining-performance"]);
}

// ---- hard lifting ----

#[test]
fn very_hard_lift_yesterday_and_today() {
    let heavy = workout("2025-03-04", Some(60.0), Some(9.5), vec![]);
    let s = signals(
        d("2025-03-05"),
        &[],
        &[],
        std::slice::from_ref(&heavy),
        &TimeZone::UTC,
    );
    let h = find(&s, "hard-lift-yesterday").unwrap();
    assert_eq!(h.rule, "soreness-vs-running");
    assert!(h.text.contains("RPE 9.5"));
    let s = signals(d("2025-03-04"), &[], &[], &[heavy], &TimeZone::UTC);
    assert_eq!(names(&s), ["hard-lift-today"]);
    // RPE 8: fine. From sets at 0 RIR (RPE 10): hard. Nothing logged: no guess.
    let moderate = workout("2025-03-04", Some(60.0), Some(8.0), vec![]);
    assert!(signals(d("2025-03-05"), &[], &[], &[moderate], &TimeZone::UTC).is_empty());
    let to_failure = workout(
        "2025-03-04",
        None,
        None,
        vec![set("squat", Some(80.0), 5, Some(0.0))],
    );
    assert_eq!(
        names(&signals(
            d("2025-03-05"),
            &[],
            &[],
            &[to_failure],
            &TimeZone::UTC
        )),
        ["hard-lift-yesterday"]
    );
    let unknown = workout(
        "2025-03-04",
        None,
        None,
        vec![set("squat", Some(80.0), 5, None)],
    );
    assert!(signals(d("2025-03-05"), &[], &[], &[unknown], &TimeZone::UTC).is_empty());
}

// ---- run-load-increase ----

#[test]
fn running_volume_up_25_and_35_percent() {
    // mean of 300, 280, 320 = 300; 375 / 300 = 1.25 -> +25%: one set fewer and simplify.
    let r = run_load_increase(375.0, &[300.0, 280.0, 320.0], Some(90.0), Some(90.0));
    assert_eq!(r.tier, RunLoadTier::Simplify);
    assert_eq!(r.rule, "run-load-increase");
    assert_eq!(
        (r.sets_fewer(), r.simplify(), r.sessions_after(2)),
        (1, true, 2)
    );
    assert!((r.increase.unwrap() - 0.25).abs() < 1e-12);
    assert!(r.text.contains("up 25%"), "{}", r.text);
    assert_eq!(r.signal().unwrap().severity, Severity::Moderate);
    // 405 / 300 = 1.35 -> +35%: also one session fewer, never below one.
    let r = run_load_increase(405.0, &[300.0, 280.0, 320.0], None, None);
    assert_eq!(r.tier, RunLoadTier::OneSessionFewer);
    assert_eq!(
        (
            r.sessions_after(3),
            r.sessions_after(2),
            r.sessions_after(1)
        ),
        (2, 1, 1)
    );
    assert_eq!(r.signal().unwrap().severity, Severity::Strong);
}

#[test]
fn run_load_tier_boundaries_are_strict() {
    let prev = [300.0, 300.0, 300.0];
    // 330 / 300 = +10% exactly: not above 10%.
    assert_eq!(
        run_load_increase(330.0, &prev, None, None).tier,
        RunLoadTier::None
    );
    assert_eq!(
        run_load_increase(331.0, &prev, None, None).tier,
        RunLoadTier::OneSetFewer
    );
    assert_eq!(
        run_load_increase(360.0, &prev, None, None).tier,
        RunLoadTier::OneSetFewer
    );
    assert_eq!(
        run_load_increase(361.0, &prev, None, None).tier,
        RunLoadTier::Simplify
    );
    assert_eq!(
        run_load_increase(390.0, &prev, None, None).tier,
        RunLoadTier::Simplify
    );
    assert_eq!(
        run_load_increase(391.0, &prev, None, None).tier,
        RunLoadTier::OneSessionFewer
    );
    // Less running: nothing.
    let r = run_load_increase(200.0, &prev, None, None);
    assert_eq!(r.tier, RunLoadTier::None);
    assert_eq!(r.signal(), None);
    assert_eq!(r.sets_fewer(), 0);
}

#[test]
fn long_run_25_percent_longer_than_before() {
    // Volume flat, but the long run is 125 min against a previous longest of 100: +25%.
    let r = run_load_increase(300.0, &[300.0, 300.0, 300.0], Some(100.0), Some(125.0));
    assert_eq!(r.tier, RunLoadTier::OneSessionFewer);
    assert!(r.text.contains("long run 25% longer"), "{}", r.text);
    assert!(r.text.contains("running is never cut"), "{}", r.text);
    // 20% longer is enough; 19% is not.
    assert_eq!(
        run_load_increase(300.0, &[300.0], Some(100.0), Some(120.0)).tier,
        RunLoadTier::OneSessionFewer
    );
    assert_eq!(
        run_load_increase(300.0, &[300.0], Some(100.0), Some(119.0)).tier,
        RunLoadTier::None
    );
}

#[test]
fn no_baseline_no_volume_tier() {
    let r = run_load_increase(300.0, &[], None, None);
    assert_eq!(
        (r.tier, r.baseline, r.increase),
        (RunLoadTier::None, None, None)
    );
    let r = run_load_increase(300.0, &[0.0, 0.0], None, None);
    assert_eq!(r.tier, RunLoadTier::None);
    assert!(r.text.starts_with("no earlier running weeks"));
    // Only the first 3 previous weeks count: [100, 100, 100, 10000] -> mean 100.
    let r = run_load_increase(150.0, &[100.0, 100.0, 100.0, 10_000.0], None, None);
    assert_eq!(r.baseline, Some(100.0));
}

#[test]
fn run_load_increase_from_logged_weeks() {
    // Weeks of Feb 10, 17, 24: easy 40-minute runs at RPE 3 on Mon, Wed, Fri (3 x 120 = 360 AU,
    // longest 40 min). Week of Mar 3: the same plus a 60-minute run at RPE 3 on Sunday
    // (360 + 180 = 540 AU, +50%, long run 60 vs 40 = +50%).
    let mut acts = Vec::new();
    for monday in ["2025-02-10", "2025-02-17", "2025-02-24", "2025-03-03"] {
        let m = d(monday);
        for off in [0i64, 2, 4] {
            let day = m.saturating_add(off.days());
            acts.push(run(&format!("{day}T07:00:00Z"), 40.0, Some(8.0), Some(3.0)));
        }
    }
    acts.push(run("2025-03-09T07:00:00Z", 60.0, Some(11.0), Some(3.0)));
    let s = load::series(
        &acts,
        &[],
        None,
        &TimeZone::UTC,
        d("2025-02-10"),
        d("2025-03-09"),
    );
    let r = run_load_increase_logged(&s, d("2025-03-05")).unwrap();
    assert_eq!(r.baseline, Some(360.0));
    assert!((r.increase.unwrap() - 0.5).abs() < 1e-12);
    assert!((r.long_run_increase.unwrap() - 0.5).abs() < 1e-12);
    assert_eq!(r.tier, RunLoadTier::OneSessionFewer);
    // The first logged week has no earlier data: weeks before the log are unknown, not zero.
    let r = run_load_increase_logged(&s, d("2025-02-12")).unwrap();
    assert_eq!(r.tier, RunLoadTier::None);
    assert_eq!(r.baseline, None);
    // A week outside the series: None.
    assert!(run_load_increase_logged(&s, d("2025-04-01")).is_none());
}

#[test]
fn signals_are_ordered_strongest_first() {
    let mut c = checkin("2025-03-05");
    c.soreness_legs = Some(4);
    c.ill = true;
    let s = sig("2025-03-05", &[c]);
    assert_eq!(names(&s), ["illness", "leg-soreness-high"]);
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json[0]["severity"], "strong");
    assert_eq!(json[1]["rule"], "soreness-vs-running");
}

proptest! {
    #[test]
    fn more_running_never_lowers_the_tier(
        prev in prop::collection::vec(0.0f64..1000.0, 0..4),
        a in 0.0f64..2000.0,
        extra in 0.0f64..1000.0,
        before in prop::option::of(0.0f64..200.0),
        long in prop::option::of(0.0f64..200.0),
        planned in 0u32..5,
    ) {
        let lo = run_load_increase(a, &prev, before, long);
        let hi = run_load_increase(a + extra, &prev, before, long);
        prop_assert!(hi.tier >= lo.tier);
        let after = lo.sessions_after(planned);
        prop_assert!(after <= planned);
        prop_assert!(after >= planned.min(1));
        prop_assert_eq!(lo.signal().is_some(), lo.tier != RunLoadTier::None);
    }

    #[test]
    fn signals_never_panic_on_any_checkins(
        items in prop::collection::vec(
            (0i64..40, prop::option::of(0.0f64..12.0), prop::option::of(1u8..=5), prop::option::of(1u8..=5), any::<bool>()),
            0..40),
    ) {
        let base = d("2025-02-01");
        let cs: Vec<CheckIn> = items.iter().map(|(off, sleep, fat, legs, ill)| {
            let mut c = checkin(&base.saturating_add(off.days()).to_string());
            c.sleep_h = *sleep;
            c.fatigue = *fat;
            c.soreness_legs = *legs;
            c.mood = *fat;
            c.ill = *ill;
            c
        }).collect();
        let s = signals(d("2025-03-05"), &cs, &[], &[], &TimeZone::UTC);
        for x in &s {
            prop_assert!(["overtraining-signals", "sleep", "soreness-vs-running"].contains(&x.rule));
        }
        for w in s.windows(2) {
            prop_assert!(w[0].severity >= w[1].severity);
        }
    }
}
