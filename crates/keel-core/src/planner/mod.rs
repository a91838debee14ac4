//! The season planner: phases and deloads from the dates, running weeks from the template,
//! then for each week an exhaustive search for the best strength placement that breaks no
//! hard rule, a programme for the week's sessions, and a prescription for each.
//!
//! Pure: `today` is a parameter, and the same inputs always give the same plan. The steps live
//! in their own modules: [`frame`] (dates, phases, deloads, blocks), [`runs`] (the running
//! weeks), [`placement`] (which days take strength), [`assemble`] (each week's sessions
//! programmed and prescribed), [`volume`] (weekly sets) and [`text`] (the reasons).

mod assemble;
mod frame;
pub mod pace;
mod placement;
mod runs;
mod search;
mod text;
mod volume;

pub use volume::total_sets;

use crate::model::{Focus, Intensity, Phase, Profile, Weekday};
use crate::plan::{Nutrition, Plan, PlanWeek, Session, Why, PLAN_SCHEMA};
use crate::rules::*;
use jiff::civil::Date;
use jiff::Span;

/// Longest plan keel makes, in weeks (a race at most 2 years ahead).
pub const MAX_WEEKS: u32 = 105;

/// Weeks planned without a race when no number is given.
pub const DEFAULT_WEEKS: u32 = 12;

/// Why a season cannot be planned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// The race date falls before the plan's first day.
    #[error("the race on {race} is before the plan starts on {start}")]
    RaceBeforeStart {
        /// Race day.
        race: Date,
        /// First day of the plan.
        start: Date,
    },
    /// The race is more than two years after today.
    #[error("the race on {race} is more than 2 years ahead (the latest date keel plans for is {latest})")]
    RaceTooFar {
        /// Race day.
        race: Date,
        /// Today plus two years.
        latest: Date,
    },
    /// The running week holds no run (only rest or cross-training).
    #[error("the running week has no running days: give at least one of easy, recovery, intervals, tempo, hills or long")]
    NoRunningDays,
    /// Zero weeks were asked for.
    #[error("the number of weeks must be at least 1")]
    NoWeeks,
    /// More weeks than keel plans.
    #[error("{weeks} weeks is too long a plan; at most {max}")]
    TooManyWeeks {
        /// Weeks asked for.
        weeks: u32,
        /// [`MAX_WEEKS`].
        max: u32,
    },
    /// Body mass is not a positive number.
    #[error("body mass must be a positive number of kilograms, got {0}")]
    InvalidBodyMass(f64),
    /// A `[[weeks]]` override names week 0.
    #[error("week overrides count from 1; got week {0}")]
    OverrideWeekZero(u32),
}

fn add_days(d: Date, n: i64) -> Date {
    d.saturating_add(Span::new().days(n))
}

fn days_between(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}

/// The Monday of `d`'s week.
pub fn monday_of(d: Date) -> Date {
    add_days(d, -(Weekday::of(d).index() as i64))
}

/// The first Monday strictly after `d`.
pub fn next_monday(d: Date) -> Date {
    add_days(monday_of(d), 7)
}

/// Kilometres of the usual week derived from its runs at the default paces.
fn derived_template_km(profile: &Profile) -> f64 {
    runs::template(profile)
        .iter()
        .flatten()
        .map(|r| runs::run_km(r, profile))
        .sum()
}

/// The template's weekly kilometres: the profile's figure, else derived from the runs.
pub fn template_km(profile: &Profile) -> f64 {
    profile
        .weekly_km
        .unwrap_or_else(|| derived_template_km(profile))
}

/// The sets of a base week for this runner when the plan shows none to measure yet: the
/// usual running week planned as a base week on its own.
fn reference_base_sets(profile: &Profile, km: f64, high: bool) -> u32 {
    let usual = runs::template(profile);
    let monday = Date::constant(2024, 1, 1);
    let days: Vec<runs::SeasonDay> = (0..14)
        .map(|i| runs::SeasonDay {
            date: add_days(monday, i as i64),
            runs: usual[i % 7].clone(),
            closed: false,
            strength_day: profile.strength_days[i % 7] && usual[i % 7].is_empty(),
        })
        .collect();
    let frame = frame::WeekFrame {
        // Past any beginner's start, in the first block.
        index: beginner_start::WEEKS + 1,
        start: monday,
        phase: Phase::Base,
        deload: false,
        block: 0,
        adjustments: Vec::new(),
    };
    let cx = placement::Context {
        profile,
        days: &days,
        base: 0,
        km,
        high,
        prev_sunday: &[],
        prev_gap: None,
    };
    let placed = placement::place(&cx, &frame);
    let around = assemble::Season {
        race: None,
        km_scale: 1.0,
        leg_sessions_before: 0,
    };
    let mut week = assemble::week(&cx, &frame, &placed, None, &around);
    volume::legs_first(&mut week);
    total_sets(&week)
}

/// A `rest-day` warning when every day of the usual week without a run is one the runner
/// keeps for strength: keel keeps one of them as the week's true rest day.
fn strength_days_warning(profile: &Profile) -> Option<Why> {
    let usual = runs::template(profile);
    let monday = Date::constant(2024, 1, 1);
    let week: Vec<runs::SeasonDay> = (0..7)
        .map(|d| runs::SeasonDay {
            date: add_days(monday, d as i64),
            runs: usual[d].clone(),
            closed: false,
            strength_day: profile.strength_days[d] && usual[d].is_empty(),
        })
        .collect();
    let kept = Weekday::from_index(placement::kept_rest_day(&week)?).name();
    let marked = week.iter().filter(|d| d.strength_day).count();
    let text = if marked == 1 {
        format!("{kept} is your only day without a run: keel keeps it as the week's true rest day and places no strength there.")
    } else {
        format!("Every day without a run is marked for strength: keel keeps {kept} as the week's true rest day and lifts on the others.")
    };
    Some(Why::new(rest_day::ID, text))
}

/// Plans a season from `profile`.
///
/// The plan starts on the Monday after `today`, or on `profile.start` (moved back to its
/// week's Monday, with a warning). With a race it runs to the race week inclusive (`weeks`,
/// when given, shortens it); without one it runs `weeks` weeks (default 12).
///
/// Invariants: no week breaks a hard rule (`check::hard_violations` is empty for every week);
/// every `why` names a rule of the book; the race is a `race` run on its date; weekly sets
/// fall from base to build, peak and taper (`strength-volume-by-phase`); never more than 4
/// loading weeks in a row (3 from age 40) before the taper.
pub fn plan_season(profile: &Profile, today: Date, weeks: Option<u32>) -> Result<Plan, PlanError> {
    let season = frame::season(profile, today, weeks)?;
    let phases = frame::phases(profile, &season);
    let taper_len = phases.iter().filter(|p| **p == Phase::Taper).count();
    // Running days for the shown weeks and one more (for Sunday-to-Monday spacing).
    let shown = season.shown;
    let horizon = (shown + 1).min(if season.race.is_some() {
        season.total
    } else {
        shown + 1
    });
    let mut frames = frame::frames(profile, &season, horizon);
    let days = runs::build(profile, &season, &mut frames, taper_len);
    let km = template_km(profile);
    let high = high_mileage_cap::applies(km);
    let km_scale = match profile.weekly_km {
        Some(k) => {
            let derived = derived_template_km(profile);
            if derived > 0.0 {
                k / derived
            } else {
                1.0
            }
        }
        None => 1.0,
    };
    let usual_minutes = runs::running_minutes(&runs::template(profile));
    let mut reference: Option<u32> = None;
    let mut base_weeks: Vec<u32> = Vec::new();
    let mut last_normal: Option<u32> = None;
    let mut out_weeks: Vec<PlanWeek> = Vec::with_capacity(shown as usize);
    let mut prev_sunday: Vec<(Focus, Intensity)> = Vec::new();
    let mut prev_gap: Option<usize> = None;
    let mut prev_phase: Option<Phase> = None;
    let mut prev_block: Option<u32> = None;
    let mut leg_sessions = 0;
    for (wi, mut frame) in frames.into_iter().take(shown as usize).enumerate() {
        if prev_phase != Some(frame.phase) {
            frame.adjustments.insert(
                0,
                Why::new(
                    phase_by_date::ID,
                    text::phase_intro(frame.phase, season.race.map(|r| r.0)),
                ),
            );
        }
        let cx = placement::Context {
            profile,
            days: &days,
            base: wi * 7,
            km,
            high,
            prev_sunday: &prev_sunday,
            prev_gap,
        };
        let placed = placement::place(&cx, &frame);
        let week_minutes = runs::running_minutes(
            &days[wi * 7..wi * 7 + 7]
                .iter()
                .map(|d| d.runs.clone())
                .collect::<Vec<_>>(),
        );
        let big_running = f64::from(week_minutes)
            > f64::from(usual_minutes) * (1.0 + strength_volume_by_phase::BIG_RUNNING_WEEK)
            && frame.phase != Phase::Race;
        let base = if base_weeks.is_empty() {
            *reference.get_or_insert_with(|| reference_base_sets(profile, km, high))
        } else {
            base_weeks.iter().sum::<u32>() / base_weeks.len() as u32
        };
        let budget = volume::budget(&frame, base, last_normal, big_running);
        let around = assemble::Season {
            race: season.race,
            km_scale,
            leg_sessions_before: leg_sessions,
        };
        let mut week = assemble::week(&cx, &frame, &placed, budget, &around);
        leg_sessions += placed.sessions.iter().filter(|s| s.1.loads_legs()).count() as u32;
        volume::legs_first(&mut week);
        if let (true, Some(prev)) = (week.deload, out_weeks.last()) {
            volume::cap_deload_sets(&mut week, total_sets(prev));
        }
        let sets = total_sets(&week);
        if budget.is_some() && !week.deload && sets > 0 {
            let why = if big_running && volume::base_like(frame.phase) {
                strength_volume_by_phase::explain(Phase::Base, sets, base)
            } else {
                strength_volume_by_phase::explain(frame.phase, sets, base)
            };
            week.adjustments
                .push(Why::new(strength_volume_by_phase::ID, why));
        }
        let legs_week = !matches!(frame.phase, Phase::Race | Phase::Recovery);
        if frame.block > 0 && prev_block != Some(frame.block) && sets > 0 && legs_week {
            week.adjustments.push(Why::new(
                exercise_rotation::ID,
                exercise_rotation::explain(frame.block),
            ));
        }
        if !week.deload {
            last_normal = Some(sets);
            if volume::base_like(frame.phase)
                && budget.is_none()
                && !beginner_start::applies(&profile.athlete, frame.index)
                && sets > 0
            {
                base_weeks.push(sets);
            }
        }
        prev_sunday = week
            .days
            .get(6)
            .map(|d| {
                d.sessions
                    .iter()
                    .filter_map(|s| match s {
                        Session::Strength(s) => Some((s.focus, s.intensity)),
                        Session::Run(_) => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        prev_gap = week
            .days
            .iter()
            .rposition(|d| d.sessions.iter().any(|s| matches!(s, Session::Strength(_))))
            .map(|last| 7 - last)
            .or(prev_gap.map(|g| g + 7));
        prev_phase = Some(frame.phase);
        prev_block = Some(frame.block);
        out_weeks.push(week);
    }
    let nutrition = nutrition(profile.athlete.body_mass_kg, &out_weeks);
    let mut warnings = season.warnings;
    warnings.extend(strength_days_warning(profile));
    Ok(Plan {
        schema: PLAN_SCHEMA.to_string(),
        athlete: profile.athlete.clone(),
        goal: profile.goal,
        strategy: profile.preferences.strategy,
        warnings,
        weeks: out_weeks,
        nutrition,
    })
}

/// The season's fuel guidance: protein, and carbohydrate for the kinds of day the plan holds.
fn nutrition(m: f64, weeks: &[PlanWeek]) -> Nutrition {
    let (moderate, high_carb) = carbohydrate::grams(m);
    Nutrition {
        protein_g: protein::grams(m),
        carbohydrate_moderate_g: moderate,
        carbohydrate_high_g: high_carb,
        carbohydrate_days: carbohydrate::season_days(m, weeks),
        why: vec![
            Why::new(
                protein::ID,
                format!(
                "{}-{} g of protein a day: 1.6-2.2 g per kg at {m:.0} kg, spread over 3-5 meals.",
                protein::grams(m)[0], protein::grams(m)[1]
            ),
            ),
            Why::new(carbohydrate::ID, carbohydrate::season_text(m, weeks)),
            Why::new(refuel::ID, refuel::advice(m)),
            Why::new(
                true_rest::ID,
                "Rest days hold no workout at all; cross-training is training, not rest.",
            ),
            Why::new(active_recovery::ID, active_recovery::advice()),
        ],
    }
}

#[cfg(test)]
mod tests;
