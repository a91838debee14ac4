//! The season's frame: when it starts and ends, what is shown, the warnings about the
//! runner's week, and each week's phase, deload and exercise block.
//!
//! Deloads (`deload-week`): counting loading weeks (base, build, peak, fitness, off-season)
//! since the last unloading week (deload, taper, race, recovery), a deload comes after 3
//! loading weeks (2 from age 40), so there are never more than 4 (3) in a row; a deload that
//! would fall in the last week before the taper is skipped when the run of loading weeks stays
//! within that limit, because the taper unloads anyway. A race from an override late in a week
//! makes the next week a `recovery` week (`race-recovery`).

use super::{add_days, days_between, monday_of, next_monday, PlanError, DEFAULT_WEEKS, MAX_WEEKS};
use crate::model::{Goal, Phase, Profile, RaceDistance, RunType, Weekday};
use crate::plan::Why;
use crate::rules::{self, deload_week, phase_by_date, race_recovery, rest_day};
use jiff::civil::Date;
use jiff::Span;

/// The season's dates and what is shown.
#[derive(Debug, Clone)]
pub(super) struct Season {
    /// The first Monday.
    pub start: Date,
    /// Weeks up to and including race week (or the weeks asked for without a race).
    pub total: u32,
    /// Weeks shown.
    pub shown: u32,
    /// The race, when there is one.
    pub race: Option<(RaceDistance, Date)>,
    /// Season-wide warnings.
    pub warnings: Vec<Why>,
}

/// Week-level facts the rest of the planner needs.
#[derive(Debug, Clone)]
pub(super) struct WeekFrame {
    /// 1-based index.
    pub index: u32,
    /// Its Monday.
    pub start: Date,
    /// Training phase.
    pub phase: Phase,
    /// A deload week.
    pub deload: bool,
    /// Exercise block (`exercise-rotation`): counts the deloads and phase changes before it.
    pub block: u32,
    /// Notes about the week (phase, deload, taper, race), filled further by the run builder.
    pub adjustments: Vec<Why>,
}

/// Checks the inputs and lays out the season's dates.
pub(super) fn season(
    profile: &Profile,
    today: Date,
    weeks: Option<u32>,
) -> Result<Season, PlanError> {
    let m = profile.athlete.body_mass_kg;
    if !(m.is_finite() && m > 0.0) {
        return Err(PlanError::InvalidBodyMass(m));
    }
    if !profile
        .week
        .iter()
        .flatten()
        .any(|r| r.run_type.is_running())
    {
        return Err(PlanError::NoRunningDays);
    }
    if let Some(o) = profile.overrides.iter().find(|o| o.week == 0) {
        return Err(PlanError::OverrideWeekZero(o.week));
    }
    match weeks {
        Some(0) => return Err(PlanError::NoWeeks),
        Some(w) if w > MAX_WEEKS => {
            return Err(PlanError::TooManyWeeks {
                weeks: w,
                max: MAX_WEEKS,
            })
        }
        _ => {}
    }
    let mut warnings = Vec::new();
    let start = match profile.start {
        Some(s) if Weekday::of(s) != Weekday::Mon => {
            let mon = monday_of(s);
            warnings.push(Why::new(phase_by_date::ID, format!(
                "The plan start {s} is a {}; plans run Monday to Sunday, so it starts on Monday {mon}.",
                Weekday::of(s).name()
            )));
            mon
        }
        Some(s) => s,
        None => next_monday(today),
    };
    let race = match profile.goal {
        Goal::Race { race, date } => {
            if date < start {
                return Err(PlanError::RaceBeforeStart { race: date, start });
            }
            let latest = today.saturating_add(Span::new().years(2));
            if date > latest {
                return Err(PlanError::RaceTooFar { race: date, latest });
            }
            Some((race, date))
        }
        _ => None,
    };
    let total = match race {
        Some((_, date)) => (days_between(start, monday_of(date)) / 7 + 1) as u32,
        None => weeks.unwrap_or(DEFAULT_WEEKS),
    };
    let shown = match (race, weeks) {
        (Some(_), Some(w)) => w.min(total),
        _ => total,
    };
    if shown < total {
        warnings.push(Why::new(
            phase_by_date::ID,
            format!("Showing the first {shown} of the {total} weeks up to the race."),
        ));
    }
    if !profile
        .week
        .iter()
        .any(|d| d.iter().all(|r| r.run_type == RunType::Rest))
    {
        warnings.push(Why::new(rest_day::ID, "Your running week has no rest day: keel plans it anyway and keeps strength off no day, but one day with no run, strength or cross-training each week would help recovery."));
    }
    let usual = crate::rules::week::day_from_runs;
    // The usual week repeats: its Monday follows its Sunday.
    let week = crate::rules::week::Week {
        days: std::array::from_fn(|d| usual(&profile.week[d])),
        prev: None,
        next: Some(usual(&profile.week[0])),
    };
    // One warning for every pair, the advice said once.
    let pairs: Vec<String> = rules::back_to_back_hard::check(&week)
        .into_iter()
        .map(|v| v.text)
        .collect();
    if !pairs.is_empty() {
        warnings.push(Why::new(
            rules::back_to_back_hard::ID,
            format!(
                "{} keel places strength around them; an easy or rest day between them would let you run both well.",
                pairs.join(" ")
            ),
        ));
    }
    for o in profile.overrides.iter().filter(|o| o.week > shown) {
        warnings.push(Why::new(
            phase_by_date::ID,
            format!(
                "The override for week {} is outside this {shown}-week plan and was not used.",
                o.week
            ),
        ));
    }
    Ok(Season {
        start,
        total,
        shown,
        race,
        warnings,
    })
}

/// Whether a phase loads (deloads count these weeks).
fn loading(p: Phase) -> bool {
    matches!(
        p,
        Phase::Base | Phase::Build | Phase::Peak | Phase::Fitness | Phase::OffSeason
    )
}

/// Each week's phase: counted back from the race (or fitness / off-season without one), with
/// recovery weeks after races set by overrides.
pub(super) fn phases(profile: &Profile, season: &Season) -> Vec<Phase> {
    let total = season.total as usize;
    let mut phases = match (season.race, profile.goal) {
        (Some((r, _)), _) => phase_by_date::phases(total, r),
        (None, Goal::OffSeason) => vec![Phase::OffSeason; total],
        _ => vec![Phase::Fitness; total],
    };
    for o in &profile.overrides {
        let race_day = (0..7).rev().find(|&d| {
            o.days[d]
                .as_ref()
                .is_some_and(|rs| rs.iter().any(|r| r.run_type == RunType::Race))
        });
        // Weeks count from 1: the week after override week `o.week` has index `o.week`.
        let next = o.week as usize;
        if race_day.is_some_and(race_recovery::next_week_recovers)
            && next < phases.len()
            && loading(phases[next])
        {
            phases[next] = Phase::Recovery;
        }
    }
    phases
}

/// Deload weeks for `phases` at `age` (see the module docs).
pub(super) fn deloads(phases: &[Phase], age: u32) -> Vec<bool> {
    let every = deload_week::every(age);
    let limit = deload_week::max_loading_run(age);
    let mut out = vec![false; phases.len()];
    let mut run = 0;
    for (i, &p) in phases.iter().enumerate() {
        if !loading(p) {
            run = 0;
            continue;
        }
        if run + 1 >= every {
            let before_unloading = phases.get(i + 1).is_some_and(|n| !loading(*n));
            if before_unloading && run < limit {
                run += 1;
                continue;
            }
            out[i] = true;
            run = 0;
        } else {
            run += 1;
        }
    }
    out
}

/// Exercise blocks (`exercise-rotation`): a new block starts after each deload, and at a
/// phase change when the current block has run 3 weeks or more (so no block is a single week
/// squeezed between a deload and a new phase).
pub(super) fn blocks(phases: &[Phase], deloads: &[bool]) -> Vec<u32> {
    let mut block = 0;
    let mut age = 0;
    let mut out = Vec::with_capacity(phases.len());
    for i in 0..phases.len() {
        if i > 0 && (deloads[i - 1] || (phases[i - 1] != phases[i] && age >= 3)) {
            block += 1;
            age = 0;
        }
        age += 1;
        out.push(block);
    }
    out
}

/// The frames of the first `horizon` weeks.
pub(super) fn frames(profile: &Profile, season: &Season, horizon: u32) -> Vec<WeekFrame> {
    let phases = phases(profile, season);
    let deloads = deloads(&phases, profile.athlete.age);
    let blocks = blocks(&phases, &deloads);
    (0..horizon as usize)
        .map(|i| WeekFrame {
            index: i as u32 + 1,
            start: add_days(season.start, 7 * i as i64),
            phase: phases.get(i).copied().unwrap_or(Phase::Fitness),
            deload: deloads.get(i).copied().unwrap_or(false),
            block: blocks.get(i).copied().unwrap_or(0),
            adjustments: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_lengths(phases: &[Phase], deloads: &[bool]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut run = 0;
        for (p, d) in phases.iter().zip(deloads) {
            if loading(*p) && !d {
                run += 1;
            } else {
                out.push(run);
                run = 0;
            }
        }
        out.push(run);
        out
    }

    #[test]
    fn never_more_than_four_loading_weeks_in_a_row_below_40_or_three_from_40() {
        for race in RaceDistance::ALL {
            for total in 1..60 {
                let p = phase_by_date::phases(total, *race);
                for (age, limit) in [(30, 4), (44, 3)] {
                    let d = deloads(&p, age);
                    let runs = run_lengths(&p, &d);
                    assert!(
                        runs.iter().all(|r| *r <= limit),
                        "{race} {total} {age}: {runs:?} {p:?} {d:?}"
                    );
                    // Deloads only in loading phases.
                    for (ph, de) in p.iter().zip(&d) {
                        assert!(!de || loading(*ph));
                    }
                }
            }
        }
    }

    #[test]
    fn the_half_marathon_example_deloads_before_the_taper() {
        let p = phase_by_date::phases(16, RaceDistance::Half);
        let d = deloads(&p, 38);
        let weeks: Vec<usize> = (0..16).filter(|&i| d[i]).map(|i| i + 1).collect();
        assert_eq!(weeks, vec![4, 8, 12]);
        let d = deloads(&p, 44);
        let weeks: Vec<usize> = (0..16).filter(|&i| d[i]).map(|i| i + 1).collect();
        assert_eq!(weeks, vec![3, 6, 9, 12]);
    }

    #[test]
    fn blocks_change_after_deloads_and_phase_changes() {
        let p = [Phase::Base; 6];
        let d = [false, false, false, true, false, false];
        assert_eq!(blocks(&p, &d), vec![0, 0, 0, 0, 1, 1]);
        // A phase change right after a deload does not start a one-week block.
        let p = [
            Phase::Base,
            Phase::Base,
            Phase::Base,
            Phase::Base,
            Phase::Base,
            Phase::Build,
            Phase::Build,
            Phase::Build,
        ];
        let d = [false, false, false, true, false, false, false, false];
        assert_eq!(blocks(&p, &d), vec![0, 0, 0, 0, 1, 1, 1, 1]);
        let p = [
            Phase::Base,
            Phase::Base,
            Phase::Base,
            Phase::Build,
            Phase::Build,
        ];
        assert_eq!(blocks(&p, &[false; 5]), vec![0, 0, 0, 1, 1]);
    }
}
