//! The running weeks: the usual week as written, and the weeks keel derives from it (deload,
//! taper, race week, recovery after a race), with the race on its day and the runner's
//! overrides kept as written (`run-priority`).
//!
//! Derived runs (`derived-runs`): a week's runs are scaled together toward the phase's share
//! of the usual minutes, none below 20 minutes (15 for race-week shake-outs) or its own usual
//! length when shorter; when the floor holds some runs up, the others are cut a little more so
//! the week still falls by about the share asked; the long run stays the week's longest.

use super::frame::{Season, WeekFrame};
use super::pace;
use crate::model::{Phase, Profile, RaceDistance, RunSpec, RunType, Weekday};
use crate::plan::{RunSession, Why};
use crate::rules::week::{run_phrase, Day, Item};
use crate::rules::{
    self, active_recovery, deload_week, derived_runs, phase_by_date, race_recovery, run_priority,
    taper_volume,
};
use jiff::civil::Date;

/// A run from the template or an override, with minutes filled in from the default paces.
pub(super) fn to_session(r: &RunSpec, profile: &Profile) -> RunSession {
    let x = profile.athlete.experience;
    let minutes = match (r.minutes, r.km) {
        (Some(m), _) => m,
        (None, Some(km)) => km * pace::min_per_km(r.run_type, x),
        (None, None) => 0.0,
    };
    RunSession {
        run_type: r.run_type,
        minutes: minutes.round().max(0.0) as u32,
        km: r.km,
    }
}

/// Estimated kilometres of a run: as given, else from minutes at the default pace.
pub(super) fn run_km(r: &RunSession, profile: &Profile) -> f64 {
    if !r.run_type.is_running() {
        return 0.0;
    }
    r.km.unwrap_or_else(|| {
        f64::from(r.minutes) / pace::min_per_km(r.run_type, profile.athlete.experience)
    })
}

/// The usual week's runs, Monday first (rest markers left out).
pub(super) fn template(profile: &Profile) -> [Vec<RunSession>; 7] {
    std::array::from_fn(|d| {
        profile.week[d]
            .iter()
            .filter(|r| r.run_type != RunType::Rest)
            .map(|r| to_session(r, profile))
            .collect()
    })
}

/// Running minutes of a week of runs.
pub(super) fn running_minutes(week: &[Vec<RunSession>]) -> u32 {
    week.iter()
        .flatten()
        .filter(|r| r.run_type.is_running())
        .map(|r| r.minutes)
        .sum()
}

/// One day of the season before strength is placed.
#[derive(Debug, Clone)]
pub(super) struct SeasonDay {
    pub date: Date,
    pub runs: Vec<RunSession>,
    /// No strength here whatever the rules say (race day, the day after a race, late race
    /// week).
    pub closed: bool,
    /// A day without a run the runner keeps for strength (`wed = "strength"` in the usual
    /// week, not overridden for this week).
    pub strength_day: bool,
}

impl SeasonDay {
    pub fn has_hard(&self) -> bool {
        self.runs.iter().any(|r| r.run_type.is_hard())
    }
    pub fn has_race(&self) -> bool {
        self.runs.iter().any(|r| r.run_type == RunType::Race)
    }
    pub fn view(&self) -> Day {
        Day {
            items: self
                .runs
                .iter()
                .map(|r| Item::Run {
                    run_type: r.run_type,
                    minutes: Some(f64::from(r.minutes)),
                })
                .collect(),
            marked_rest: false,
        }
    }
}

/// `m` minutes scaled by `f`, rounded down to 5, at least `floor` (or `m` when shorter),
/// never more than `m`.
fn scaled(m: u32, f: f64, floor: u32) -> u32 {
    if f >= 1.0 {
        return m;
    }
    let s = ((f64::from(m) * f / 5.0).floor() * 5.0).max(0.0) as u32;
    s.max(floor.min(m)).min(m)
}

/// A run at `minutes`, its distance scaled with it.
fn resized(r: &RunSession, minutes: u32) -> RunSession {
    let share = f64::from(minutes) / f64::from(r.minutes.max(1));
    RunSession {
        run_type: r.run_type,
        minutes,
        km: r.km.map(|k| (k * share * 10.0).round() / 10.0),
    }
}

/// Scales a week's runs toward `factor` of its minutes (see the module docs). Returns whether
/// the floor or the long-run rule changed anything.
fn fit(week: &mut [Vec<RunSession>; 7], factor: f64, floor: u32) -> bool {
    let all = || week.iter().flatten();
    let total: f64 = all().map(|r| f64::from(r.minutes)).sum();
    let target = total * factor;
    let longest_was_long = all()
        .filter(|r| r.run_type == RunType::Long)
        .map(|r| r.minutes)
        .max()
        .is_some_and(|l| all().all(|r| r.minutes <= l));
    let mut f = factor;
    for _ in 0..6 {
        let (mut held, mut free, mut sum) = (0.0, 0.0, 0.0);
        for r in all() {
            let s = scaled(r.minutes, f, floor);
            sum += f64::from(s);
            if s <= floor.min(r.minutes) {
                held += f64::from(s);
            } else {
                free += f64::from(r.minutes);
            }
        }
        if sum <= target + 2.5 || free <= 0.0 {
            break;
        }
        f = ((target - held) / free).clamp(0.05, f);
    }
    let mut bound = false;
    for r in week.iter_mut().flatten() {
        let s = scaled(r.minutes, f, floor);
        bound |= s == floor.min(r.minutes) && s > ((f64::from(r.minutes) * f) as u32);
        *r = resized(r, s);
    }
    if longest_was_long {
        let others = week
            .iter()
            .flatten()
            .filter(|r| r.run_type != RunType::Long)
            .map(|r| r.minutes)
            .max()
            .unwrap_or(0);
        for r in week
            .iter_mut()
            .flatten()
            .filter(|r| r.run_type == RunType::Long)
        {
            if r.minutes < others {
                *r = resized(r, others);
                bound = true;
            }
        }
    }
    bound
}

/// Race week: the race on its day; before it, quality runs shortened at their intensity, the
/// long run and easy runs as short shake-outs (20 min at most the day before, which holds no
/// hard run); after it, rest (marathon, ultra) or short recovery runs (`race-recovery`).
fn race_week(
    week: &mut [Vec<RunSession>; 7],
    rd: usize,
    distance: RaceDistance,
    profile: &Profile,
    date: Date,
    notes: &mut Vec<Why>,
) {
    let (eve, other) = taper_volume::SHAKE_OUT_MINUTES;
    let factor = taper_volume::run_factor(1, 1);
    for (d, runs) in week.iter_mut().enumerate() {
        if d == rd {
            let x = profile.athlete.experience;
            let replaced: Vec<&str> = runs.iter().map(|r| run_phrase(r.run_type)).collect();
            *runs = vec![RunSession {
                run_type: RunType::Race,
                minutes: (distance.km() * pace::race_min_per_km(distance, x)).round() as u32,
                km: Some(distance.km()),
            }];
            notes.push(Why::new(
                phase_by_date::ID,
                format!(
                    "Race day: the {distance} on {} {date}{}.",
                    Weekday::from_index(d).name(),
                    if replaced.is_empty() {
                        String::new()
                    } else {
                        format!(", in place of {}", replaced.join(" and "))
                    }
                ),
            ));
        } else if d < rd {
            let cap = if d + 1 == rd { eve } else { other };
            for r in runs.iter_mut() {
                let quality = r.run_type.is_quality() && d + 1 < rd;
                if quality {
                    *r = resized(r, scaled(r.minutes, factor, derived_runs::MIN_MINUTES));
                } else {
                    if r.run_type.is_hard() {
                        r.run_type = RunType::Easy;
                    }
                    let m = scaled(r.minutes, factor, derived_runs::MIN_SHAKE_OUT).min(cap);
                    *r = resized(r, m.max(derived_runs::MIN_SHAKE_OUT.min(r.minutes)));
                }
            }
        } else if race_recovery::rest_after(distance) {
            runs.clear();
        } else {
            after_race(runs, d == rd + 1);
        }
    }
}

/// A day after a race: one recovery run of at most 30 min the first day, no hard running
/// after that (`race-recovery`).
fn after_race(runs: &mut Vec<RunSession>, first_day: bool) {
    if first_day {
        runs.truncate(1);
    }
    for r in runs.iter_mut().filter(|r| r.run_type != RunType::Race) {
        if first_day || r.run_type.is_hard() {
            r.run_type = if first_day {
                RunType::Recovery
            } else {
                RunType::Easy
            };
            let m = r.minutes.min(race_recovery::RUN_MINUTES);
            *r = resized(r, m.max(derived_runs::MIN_MINUTES.min(r.minutes)));
        }
    }
}

/// The season's days for `frames`, with notes about the running added to each frame.
///
/// `taper_len` is the number of taper weeks in the whole season (the frames may show fewer).
pub(super) fn build(
    profile: &Profile,
    season: &Season,
    frames: &mut [WeekFrame],
    taper_len: usize,
) -> Vec<SeasonDay> {
    let usual = template(profile);
    let usual_minutes = running_minutes(&usual);
    let age = profile.athlete.age;
    let mut days: Vec<SeasonDay> = Vec::with_capacity(7 * frames.len());
    let mut overridden: Vec<bool> = Vec::with_capacity(7 * frames.len());
    let mut taper_seen = 0;
    for frame in frames.iter_mut() {
        let mut week = usual.clone();
        let mut notes = Vec::new();
        let mut bound = false;
        let race_day = season
            .race
            .filter(|_| frame.phase == Phase::Race)
            .map(|(_, d)| Weekday::of(d).index());
        match frame.phase {
            Phase::Taper => {
                bound = fit(
                    &mut week,
                    taper_volume::run_factor(taper_seen, taper_len),
                    derived_runs::MIN_MINUTES,
                );
                taper_seen += 1;
            }
            Phase::Race => {
                if let (Some(rd), Some((distance, date))) = (race_day, season.race) {
                    race_week(&mut week, rd, distance, profile, date, &mut notes);
                }
            }
            Phase::Recovery => {
                for r in week.iter_mut().flatten() {
                    if r.run_type.is_hard() {
                        r.run_type = RunType::Easy;
                    }
                }
                bound = fit(
                    &mut week,
                    race_recovery::WEEK_FACTOR,
                    derived_runs::MIN_MINUTES,
                );
            }
            _ if frame.deload => {
                bound = fit(
                    &mut week,
                    1.0 - deload_week::SHARE,
                    derived_runs::MIN_MINUTES,
                );
            }
            _ => {}
        }
        let over = profile.overrides.iter().find(|o| o.week == frame.index);
        for (d, runs) in week.iter_mut().enumerate() {
            // Race day always holds the race; an override of it is not used.
            let given = over
                .and_then(|o| o.days[d].as_ref())
                .filter(|_| Some(d) != race_day);
            if let Some(rs) = given {
                *runs = rs
                    .iter()
                    .filter(|r| r.run_type != RunType::Rest)
                    .map(|r| to_session(r, profile))
                    .collect();
            }
            let closed = match race_day {
                Some(rd) => d >= rd || d + 2 > rd || d > 2,
                None => false,
            };
            let strength_day = profile.strength_days[d] && given.is_none() && runs.is_empty();
            days.push(SeasonDay {
                date: super::add_days(frame.start, d as i64),
                runs: std::mem::take(runs),
                closed,
                strength_day,
            });
            overridden.push(given.is_some());
        }
        if let Some(o) = over {
            override_notes(frame, o, &days[days.len() - 7..], &mut notes);
        }
        let week_minutes = running_minutes(
            &days[days.len() - 7..]
                .iter()
                .map(|d| d.runs.clone())
                .collect::<Vec<_>>(),
        );
        week_notes(
            frame,
            age,
            (usual_minutes, week_minutes),
            bound,
            race_day,
            season,
            &mut notes,
        );
        frame.adjustments.extend(notes);
    }
    recover_after_override_races(&mut days, &overridden, season);
    days
}

/// After a race set by an override: the next day holds no strength and at most a short
/// recovery run (rest after a long race), and the days after it no hard running keel derived
/// (`race-recovery`).
fn recover_after_override_races(days: &mut [SeasonDay], overridden: &[bool], season: &Season) {
    let goal = season.race.map(|(_, d)| d);
    let races: Vec<(usize, bool)> = days
        .iter()
        .enumerate()
        .filter(|(g, d)| overridden[*g] && Some(d.date) != goal)
        .filter_map(|(g, d)| {
            let r = d.runs.iter().find(|r| r.run_type == RunType::Race)?;
            let long = r.km.is_some_and(|k| k >= 30.0) || r.minutes >= 150;
            Some((g, long))
        })
        .collect();
    for (g, long) in races {
        for k in 1..7 {
            let Some(day) = days.get_mut(g + k) else {
                break;
            };
            if k == 1 {
                day.closed = true;
            }
            if overridden[g + k] || Some(day.date) == goal {
                continue;
            }
            if k == 1 && long {
                day.runs.clear();
            } else {
                after_race(&mut day.runs, k == 1);
            }
        }
    }
}

/// Notes for a week with an override: what it sets, and a word on a race after a hard run.
fn override_notes(
    frame: &WeekFrame,
    o: &crate::model::WeekOverride,
    week: &[SeasonDay],
    notes: &mut Vec<Why>,
) {
    let changed: Vec<&str> = (0..7)
        .filter(|d| o.days[*d].is_some())
        .map(|d| Weekday::from_index(d).name())
        .collect();
    notes.push(Why::new(run_priority::ID, format!(
        "Your override for week {} sets {}; those runs are kept as written and strength fits around them.",
        frame.index,
        changed.join(", ")
    )));
    // A race the day after a hard run is the runner's call, but worth a word.
    for d in 1..7 {
        let hard_before = week[d - 1]
            .runs
            .iter()
            .find(|r| r.run_type.is_hard() && r.run_type != RunType::Race);
        if let (true, Some(prev)) = (week[d].has_race(), hard_before) {
            notes.push(Why::new(run_priority::ID, format!(
                "The race on {} comes the day after {} on {}: keel never moves your runs, but an easy day or rest before a race lets you race fresh.",
                Weekday::from_index(d).name(),
                run_phrase(prev.run_type),
                Weekday::from_index(d - 1).name()
            )));
        }
    }
}

/// Notes about the week's running: deload, taper, race week, recovery, floors. `minutes` is
/// (usual week, this week).
fn week_notes(
    frame: &WeekFrame,
    age: u32,
    (usual, minutes): (u32, u32),
    bound: bool,
    race_day: Option<usize>,
    season: &Season,
    notes: &mut Vec<Why>,
) {
    let index = frame.index;
    if frame.deload {
        notes.push(Why::new(deload_week::ID, format!(
            "Week {index} is a deload week: strength sets down about 25%, loads lighter, one more rep in reserve; running from your usual week down about 25% ({usual} to {minutes} min)."
        )));
        if age >= rules::AGE_RECOVERY_FROM {
            notes.push(Why::new(
                "age-recovery",
                format!(
                    "At {age}, recovery weighs more: a deload every {} weeks instead of every {}.",
                    deload_week::every(age),
                    deload_week::every(0)
                ),
            ));
        }
    }
    match frame.phase {
        Phase::Taper => notes.push(Why::new(taper_volume::ID, format!(
            "Taper: running down to about {minutes} min from {usual} ({:.0}% less) with the same run types; one light strength session.",
            100.0 * (1.0 - f64::from(minutes) / f64::from(usual.max(1)))
        ))),
        Phase::Race => {
            notes.push(Why::new(taper_volume::ID, format!(
                "Race week: quality runs short at their usual intensity; the long run and easy runs become shake-outs of at most {} min ({} the day before the race, which holds no hard run).",
                taper_volume::SHAKE_OUT_MINUTES.1, taper_volume::SHAKE_OUT_MINUTES.0
            )));
            let after = race_day.is_some_and(|rd| rd < 6);
            if let (true, Some((distance, _))) = (after, season.race) {
                let text = if race_recovery::rest_after(distance) {
                    format!("After the {distance}: rest for the rest of the week; easy running only once the legs feel normal again.")
                } else {
                    format!("After the race: short recovery runs of at most {} min and no hard running this week.", race_recovery::RUN_MINUTES)
                };
                notes.push(Why::new(race_recovery::ID, text));
            }
            notes.push(Why::new(
                active_recovery::ID,
                "After the race: easy running, mobility and rest only until next week.",
            ));
        }
        Phase::Recovery => notes.push(Why::new(race_recovery::ID, format!(
            "Recovery week after the race: easy running only, about {:.0}% of your usual minutes ({usual} to {minutes} min), and mobility instead of strength.",
            race_recovery::WEEK_FACTOR * 100.0
        ))),
        _ => {}
    }
    if bound {
        notes.push(Why::new(derived_runs::ID, format!(
            "No run keel shortens goes below {} min (shorter runs keep their usual length), and the long run stays the week's longest.",
            derived_runs::MIN_MINUTES
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: RunType, m: u32) -> RunSession {
        RunSession {
            run_type: t,
            minutes: m,
            km: None,
        }
    }

    fn week(runs: &[(usize, RunType, u32)]) -> [Vec<RunSession>; 7] {
        let mut w: [Vec<RunSession>; 7] = Default::default();
        for &(d, t, m) in runs {
            w[d].push(run(t, m));
        }
        w
    }

    #[test]
    fn derived_runs_keep_twenty_minutes_and_the_long_run_stays_longest() {
        let mut w = week(&[
            (0, RunType::Easy, 25),
            (1, RunType::Intervals, 45),
            (3, RunType::Tempo, 40),
            (5, RunType::Long, 50),
            (6, RunType::Easy, 15),
        ]);
        let before: u32 = w.iter().flatten().map(|r| r.minutes).sum();
        fit(&mut w, 0.4, derived_runs::MIN_MINUTES);
        let after: u32 = w.iter().flatten().map(|r| r.minutes).sum();
        for r in w.iter().flatten() {
            assert!(r.minutes >= 15, "{r:?}");
        }
        // The 15-min run keeps its length; the others hold 20 at least.
        assert_eq!(w[6][0].minutes, 15);
        assert!(w[0][0].minutes >= 20);
        let long = w[5][0].minutes;
        assert!(w.iter().flatten().all(|r| r.minutes <= long));
        assert!(after < before);
    }

    #[test]
    fn the_floor_makes_the_longer_runs_give_a_little_more() {
        let mut w = week(&[
            (0, RunType::Easy, 30),
            (2, RunType::Easy, 30),
            (5, RunType::Long, 120),
        ]);
        fit(&mut w, 0.5, derived_runs::MIN_MINUTES);
        let total: u32 = w.iter().flatten().map(|r| r.minutes).sum();
        // 180 min at half is 90: the easy runs hold at 20, the long run takes the cut.
        assert!((85..=95).contains(&total), "{total}");
        assert_eq!(w[0][0].minutes, 20);
    }
}
