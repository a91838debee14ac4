//! A week put together: its days and runs, and each placed session programmed for the week
//! (which leg session covers what, plyometrics, rotation, its share of the sets), prescribed
//! and given its reasons.

use super::frame::WeekFrame;
use super::placement::{Context, Placed};
use super::runs::{self, SeasonDay};
use super::text::{self, Length, Spot};
use crate::exercises::{self, Pattern};
use crate::model::{Focus, Intensity, MovementScreen, Phase, RaceDistance, Weekday};
use crate::plan::{PlanDay, PlanWeek, Session, StrengthSession, Timing, Why};
use crate::prescription::{self, program, LegRole, Request, SessionProgram};
use crate::rules::week::Day;
use crate::rules::*;
use jiff::civil::Date;

/// The calf pattern of the season's `k`-th leg session: straight and bent knee alternate from
/// one leg session to the next, so both come back every week or two (`exercise-selection`).
fn calf(k: u32) -> Pattern {
    if k % 2 == 0 {
        Pattern::Calf
    } else {
        Pattern::Soleus
    }
}

/// The reasons for a session's frequency, length and dose in its week.
fn dose_reasons(
    cx: &Context<'_>,
    frame: &WeekFrame,
    wanted: u32,
    length: &Length,
    focus: Focus,
    sets: u32,
) -> Vec<Why> {
    let phase = frame.phase;
    let mut why = vec![
        Why::new(
            frequency_by_phase::ID,
            frequency_by_phase::explain(phase, wanted, cx.km),
        ),
        Why::new(session_length::ID, text::length_reason(length)),
    ];
    if cx.high {
        why.push(Why::new(
            high_mileage_cap::ID,
            format!(
                "At about {:.0} km in a usual week sessions rotate focus: {} this time.",
                cx.km,
                week::focus_phrase(focus)
            ),
        ));
    }
    if phase == Phase::Taper {
        why.push(Why::new(
            taper_volume::ID,
            "Taper: one light session keeps strength without tiring the legs.",
        ));
    }
    if beginner_start::applies(&cx.profile.athlete, frame.index) {
        why.push(Why::new(
            beginner_start::ID,
            beginner_start::explain(frame.index),
        ));
    }
    if length.capped && !frame.deload {
        why.push(Why::new(
            strength_volume_by_phase::ID,
            format!(
                "{sets} working sets in this session: the {phase} phase keeps strength volume below the base weeks'."
            ),
        ));
    }
    if frame.block > 0 && !matches!(phase, Phase::Race | Phase::Recovery) {
        why.push(Why::new(
            exercise_rotation::ID,
            exercise_rotation::explain(frame.block),
        ));
    }
    why
}

/// What the week needs to know about the season around it.
pub(super) struct Season {
    /// The race, when there is one.
    pub race: Option<(RaceDistance, Date)>,
    /// Scale from kilometres derived at default paces to the runner's own weekly figure.
    pub km_scale: f64,
    /// Leg sessions in the weeks before (for the calf alternation).
    pub leg_sessions_before: u32,
}

/// The week `frame` with its runs from `cx.days` and the sessions `placed`, sharing `budget`
/// working sets when the phase caps them.
pub(super) fn week(
    cx: &Context<'_>,
    frame: &WeekFrame,
    placed: &Placed,
    budget: Option<u32>,
    season: &Season,
) -> PlanWeek {
    let race = season.race;
    let km_scale = season.km_scale;
    let profile = cx.profile;
    let athlete = &profile.athlete;
    let phase = frame.phase;
    let week_days = &cx.days[cx.base..cx.base + 7];
    let views: Vec<Day> = week_days.iter().map(SeasonDay::view).collect();
    let mut days: Vec<PlanDay> = week_days
        .iter()
        .map(|d| PlanDay {
            date: d.date,
            weekday: Weekday::of(d.date),
            rest: d.runs.is_empty(),
            sessions: d.runs.iter().cloned().map(Session::Run).collect(),
        })
        .collect();
    let focuses: Vec<Focus> = placed.sessions.iter().map(|s| s.1).collect();
    let shares = super::volume::split(budget, &focuses);
    let beginner = beginner_start::applies(athlete, frame.index);
    let competency = athlete.movement_screen == MovementScreen::Fail;
    let plyo = plyometrics::allowed(phase, athlete) && !frame.deload && !beginner;
    let legs: Vec<usize> = (0..focuses.len())
        .filter(|&i| focuses[i].loads_legs())
        .collect();
    let mut avoid: Vec<&'static str> = Vec::new();
    let mut last: Option<(usize, Focus, Intensity)> =
        cx.prev_sunday.first().map(|&(f, i)| (usize::MAX, f, i));
    for (ord, &(d, focus, intensity)) in placed.sessions.iter().enumerate() {
        let after_run = !week_days[d].runs.is_empty();
        let minutes =
            session_length::target(phase, focus, cx.high, profile.preferences.session_minutes);
        let role = legs.iter().position(|&i| i == ord).map(|j| LegRole {
            index: j,
            of: legs.len(),
            calf: calf(season.leg_sessions_before + j as u32),
        });
        let program = SessionProgram {
            slots: match role {
                Some(role) => program::leg_slots(phase, focus, role, plyo, competency),
                None => program::spare_slots(phase, focus, competency),
            },
            sets: program::sets(phase, beginner),
            max_sets: shares[ord],
            plyo_contacts: plyo.then(|| program::plyo_contacts(phase)),
            rotation: frame.block + ord as u32,
            avoid: avoid.clone(),
        };
        let px = prescription::prescribe(
            &Request {
                athlete,
                focus,
                intensity,
                phase,
                minutes,
                after_run,
                deload: frame.deload,
                program: &program,
            },
            None,
        );
        avoid.extend(
            px.exercises
                .iter()
                .filter_map(|e| exercises::find(&e.id).map(|x| x.id)),
        );
        let g = cx.base + d;
        let spot = Spot {
            day: d,
            view: &views[d],
            next: cx.days.get(g + 1),
            race: race.map(|r| r.1),
            date: week_days[d].date,
            last,
            gap: (ord > 0).then(|| d - placed.sessions[ord - 1].0),
        };
        let mut why =
            text::placement_reasons(&spot, focus, intensity, profile.preferences.strategy);
        why.extend(dose_reasons(
            cx,
            frame,
            placed.wanted,
            &Length {
                actual: px.minutes,
                target: minutes,
                preference: profile.preferences.session_minutes,
                phase,
                high: cx.high,
                deload: frame.deload,
                capped: shares[ord].is_some(),
            },
            focus,
            super::volume::session_sets_of(&px.exercises),
        ));
        why.extend(px.why);
        days[d].sessions.push(Session::Strength(StrengthSession {
            focus,
            intensity,
            minutes: px.minutes,
            timing: if after_run {
                Timing::AfterRun
            } else {
                Timing::Separate
            },
            warm_up: px.warm_up,
            exercises: px.exercises,
            why,
        }));
        days[d].rest = false;
        last = Some((d, focus, intensity));
    }
    let run_minutes = week_days
        .iter()
        .flat_map(|d| &d.runs)
        .filter(|r| r.run_type.is_running())
        .map(|r| r.minutes)
        .sum();
    let run_km: f64 = week_days
        .iter()
        .flat_map(|d| &d.runs)
        .map(|r| runs::run_km(r, profile))
        .sum::<f64>()
        * km_scale;
    let mut adjustments = frame.adjustments.clone();
    adjustments.extend(placed.adjustments.iter().cloned());
    PlanWeek {
        index: frame.index,
        start: frame.start,
        phase,
        deload: frame.deload,
        run_minutes,
        run_km: Some((run_km * 10.0).round() / 10.0),
        days,
        adjustments,
    }
}
