//! Placement: which days of a week take strength, with which focus and intensity.
//!
//! The unary hard rules (rest day, the day before a hard run, the 72 h before a race, closed
//! days) decide the options per day; the exhaustive search ([`super::search`]) picks the best
//! combination of the week's sessions under the strategy's soft rules.

use super::frame::WeekFrame;
use super::runs::SeasonDay;
use super::search::{self, Opt, Problem};
use crate::model::{Focus, Intensity, MovementScreen, Phase, Profile, Strategy, Weekday};
use crate::plan::Why;
use crate::rules::week::{focus_phrase, Day};
use crate::rules::{self, *};
use crate::text::join_and;

/// A week's placed sessions.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    /// (day, focus, intensity) of each session, in day order.
    pub sessions: Vec<(usize, Focus, Intensity)>,
    /// Sessions the phase asked for (after the age and mileage caps).
    pub wanted: u32,
    /// Notes about the placement (sessions that did not fit, no leg work possible, caps).
    pub adjustments: Vec<Why>,
}

/// What placement knows about the season around the week.
pub(super) struct Context<'a> {
    pub profile: &'a Profile,
    /// All days of the planned horizon.
    pub days: &'a [SeasonDay],
    /// Index of the week's Monday in `days`.
    pub base: usize,
    /// The usual week's kilometres.
    pub km: f64,
    /// High mileage (`high-mileage-cap`).
    pub high: bool,
    /// Strength on the Sunday before (focus, intensity).
    pub prev_sunday: &'a [(Focus, Intensity)],
    /// Days from the previous week's last strength day to this Monday.
    pub prev_gap: Option<usize>,
}

/// Value of a session focus in a phase (higher = more wanted); 0 = not offered.
fn focus_value(phase: Phase, focus: Focus, high: bool, index: u32, screen_fail: bool) -> i32 {
    if high && !matches!(phase, Phase::Race | Phase::Recovery) {
        let pair = high_mileage_cap::rotation(index);
        return match focus {
            Focus::Full => 0,
            Focus::Mobility => 4,
            f if pair.contains(&f) => {
                if f == Focus::Lower {
                    40
                } else {
                    36
                }
            }
            _ => 20,
        };
    }
    let v = match phase {
        Phase::Race => match focus {
            Focus::Upper | Focus::Core => 30,
            Focus::Mobility => 24,
            _ => 0,
        },
        Phase::Recovery => match focus {
            Focus::Mobility => 30,
            _ => 0,
        },
        Phase::Taper | Phase::Peak => match focus {
            Focus::Full => 40,
            Focus::Lower => 34,
            Focus::Upper | Focus::Core => 22,
            Focus::Mobility => 6,
        },
        _ => match focus {
            Focus::Full => 40,
            Focus::Lower => 36,
            // For runners, trunk work before arm work.
            Focus::Core => 18,
            Focus::Upper => 16,
            Focus::Mobility => 4,
        },
    };
    // A failed screen makes mobility worth more: it is half of what the athlete needs.
    if screen_fail && focus == Focus::Mobility && v > 0 {
        v + 10
    } else {
        v
    }
}

/// The phase's intensity for a focus. Deload weeks keep the label: their loads come down in
/// the load advice ("about 10% lighter") and their volume in sets, so the exercises stay the
/// ones the runner is progressing on.
fn base_intensity(phase: Phase, focus: Focus, screen_fail: bool) -> Intensity {
    if screen_fail || focus == Focus::Mobility {
        return Intensity::Bodyweight;
    }
    match phase {
        Phase::OffSeason => Intensity::Heavy,
        Phase::Base | Phase::Build | Phase::Fitness => Intensity::Moderate,
        Phase::Peak | Phase::Taper | Phase::Race => Intensity::Light,
        Phase::Recovery => Intensity::Bodyweight,
    }
}

fn lighter_of(a: Intensity, b: Intensity) -> Intensity {
    // Intensity variants run heaviest first.
    if a > b {
        a
    } else {
        b
    }
}

/// Sessions a week of `frame` asks for, with the notes on caps (`age-recovery`,
/// `beginner-start`, `high-mileage-cap`).
fn wanted(cx: &Context<'_>, frame: &WeekFrame, notes: &mut Vec<Why>) -> u32 {
    let profile = cx.profile;
    let phase = frame.phase;
    let mut n = frequency_by_phase::sessions(phase, cx.km, profile.preferences.correcting_weakness);
    let phase_n = n;
    if profile.athlete.age >= rules::AGE_RECOVERY_FROM && n > 2 {
        n = 2;
        notes.push(Why::new(
            "age-recovery",
            format!(
                "At {}, 2 strength sessions rather than {phase_n}: recovery weighs more from 40.",
                profile.athlete.age
            ),
        ));
    }
    if beginner_start::applies(&profile.athlete, frame.index) {
        if n > beginner_start::SESSIONS {
            n = beginner_start::SESSIONS;
        }
        notes.push(Why::new(
            beginner_start::ID,
            beginner_start::explain(frame.index),
        ));
    }
    if cx.high && n > high_mileage_cap::MAX_SESSIONS {
        n = high_mileage_cap::MAX_SESSIONS;
    }
    n
}

/// The days of the week `cx.base` without a run that may take strength: the runner's
/// strength days, except one kept as the week's true rest day (`rest-day`) when every other
/// day without a run is a strength day too ([`kept_rest_day`]).
pub(super) fn strength_days(cx: &Context<'_>) -> [bool; 7] {
    let week = &cx.days[cx.base..cx.base + 7];
    let mut free: [bool; 7] = std::array::from_fn(|d| week[d].strength_day && !week[d].closed);
    if let Some(k) = kept_rest_day(week) {
        free[k] = false;
    }
    free
}

/// The strength day kept free when every day of `week` without a run is one the runner
/// keeps for strength: the day after the week's longest run when it is one of them, else
/// the last of them. `None` when another day is a true rest day anyway.
pub(super) fn kept_rest_day(week: &[SeasonDay]) -> Option<usize> {
    let runless: Vec<usize> = (0..week.len())
        .filter(|&d| week[d].runs.is_empty())
        .collect();
    let marked: Vec<usize> = runless
        .iter()
        .copied()
        .filter(|&d| week[d].strength_day && !week[d].closed)
        .collect();
    if marked.is_empty() || marked.len() < runless.len() {
        return None;
    }
    let longest = (0..week.len()).max_by_key(|&d| {
        (
            week[d].runs.iter().map(|r| r.minutes).sum::<u32>(),
            std::cmp::Reverse(d),
        )
    });
    match longest.map(|d| d + 1).filter(|d| marked.contains(d)) {
        Some(d) => Some(d),
        None => marked.last().copied(),
    }
}

/// Options per day: the unary hard rules (rest day, closed days, the day before a hard run,
/// the 72 h before a race) decide which focus may go where, at which intensity and value.
fn options(cx: &Context<'_>, frame: &WeekFrame, views: &[Day]) -> [Vec<Opt>; 7] {
    let profile = cx.profile;
    let phase = frame.phase;
    let screen_fail = profile.athlete.movement_screen == MovementScreen::Fail;
    let free = strength_days(cx);
    std::array::from_fn(|d| {
        let g = cx.base + d;
        let day = &cx.days[g];
        let open = if day.runs.is_empty() {
            free[d]
        } else {
            rest_day::allows_strength(&views[d])
        };
        if day.closed || !open {
            return Vec::new();
        }
        let next_hard = cx.days.get(g + 1).is_some_and(SeasonDay::has_hard);
        let race_close =
            (1..=race_72h::DAYS).any(|k| cx.days.get(g + k).is_some_and(SeasonDay::has_race));
        let strat = match profile.preferences.strategy {
            Strategy::Stack => stack_hard_days::day_score(&views[d]),
            Strategy::Easy => easy_day_support::day_score(&views[d]),
        };
        // Where to lift weighs more than which focus: a strategy is the runner's choice.
        let unary = 2 * strat + prefer_short_days::day_score(&views[d]);
        Focus::ALL
            .iter()
            .filter_map(|&f| {
                let value = focus_value(phase, f, cx.high, frame.index, screen_fail);
                if value == 0 || (race_close && race_72h::forbids(f)) {
                    return None;
                }
                let mut i = base_intensity(phase, f, screen_fail);
                if next_hard {
                    // Only light upper-body or core work the day before a hard run.
                    i = lighter_of(i, Intensity::Light);
                    if hard_run_24h::forbids(f, i) {
                        return None;
                    }
                }
                Some(Opt {
                    focus: f,
                    intensity: i,
                    score: value + unary + upper_on_recovery::bonus(&views[d], f),
                })
            })
            .collect()
    })
}

/// The best placement of as many of the `n` sessions as the week allows (fewer when `n` do
/// not fit), as (day, option index) pairs.
fn search(cx: &Context<'_>, phase: Phase, allowed: &[Vec<Opt>; 7], n: u32) -> Vec<(usize, usize)> {
    let wants_legs = !matches!(phase, Phase::Race | Phase::Recovery);
    let high = cx.high;
    // The week's focus mix: leg work wanted; at high mileage, focus rotating.
    let composition = |fs: &[Focus]| -> i32 {
        let mut s = 0;
        if wants_legs && fs.iter().any(|f| f.loads_legs()) {
            s += 30;
        }
        if high {
            for (i, f) in fs.iter().enumerate() {
                if fs[..i].contains(f) {
                    s -= 30;
                }
            }
        }
        s
    };
    for k in (0..=n as usize).rev() {
        let p = Problem {
            allowed,
            n: k,
            prev_sunday: cx.prev_sunday,
            prev_gap: cx.prev_gap,
            composition: &composition,
            composition_max: if wants_legs { 30 } else { 0 },
        };
        if let Some((chosen, _)) = search::best(&p) {
            return chosen;
        }
    }
    Vec::new()
}

/// Notes about the placement: sessions that did not fit, a week without leg work, the
/// high-mileage cap as applied.
fn notes(
    cx: &Context<'_>,
    frame: &WeekFrame,
    allowed: &[Vec<Opt>; 7],
    n: u32,
    sessions: &[(usize, Focus, Intensity)],
) -> Vec<Why> {
    let phase = frame.phase;
    let mut out = Vec::new();
    if sessions.len() < n as usize {
        let open: Vec<&str> = (0..7)
            .filter(|d| !allowed[*d].is_empty())
            .map(|d| Weekday::from_index(d).name())
            .collect();
        let reason = if open.is_empty() {
            "no day this week can take strength (rest days, race days and the days around the race stay free)".to_string()
        } else {
            format!(
                "only {} can take strength, and sessions loading the same muscles need 48 h between them",
                join_and(&open)
            )
        };
        out.push(Why::new(
            frequency_by_phase::ID,
            format!(
                "{} of the {n} planned strength sessions fit this week: {reason}.",
                sessions.len()
            ),
        ));
    }
    let wants_legs = !matches!(phase, Phase::Race | Phase::Recovery);
    let screen_fail = cx.profile.athlete.movement_screen == MovementScreen::Fail;
    if wants_legs
        && !screen_fail
        && !sessions.is_empty()
        && !sessions.iter().any(|s| s.1.loads_legs())
    {
        out.push(Why::new(hard_run_24h::ID, "No day this week can take leg work without breaking the 24 h before a hard run or the 72 h before a race, so strength is upper-body, core or mobility only."));
    }
    // Said of the sessions actually placed; race week and recovery have their own rules.
    if cx.high && !sessions.is_empty() && wants_legs {
        let focuses: Vec<&str> = sessions.iter().map(|s| focus_phrase(s.1)).collect();
        let (lo, hi) = high_mileage_cap::MINUTES;
        let length = match (frame.deload, phase) {
            (true, _) => format!("{lo}-{hi} min (shorter in this deload week)"),
            (_, Phase::Taper) => format!("{lo}-{hi} min in normal weeks, shorter in the taper"),
            (_, Phase::Build | Phase::Peak) => {
                format!("{lo}-{hi} min in base weeks, shorter now that strength is at maintenance")
            }
            _ => format!("{lo}-{hi} min"),
        };
        let text = if focuses.len() >= 2 {
            format!(
                "About {:.0} km in a usual week: at most {} sessions of {length}, focus rotating ({} this week) instead of full-body.",
                cx.km,
                high_mileage_cap::MAX_SESSIONS,
                join_and(&focuses)
            )
        } else {
            format!(
                "About {:.0} km in a usual week: at most {} sessions of {length}, each on one area instead of full-body ({} this week).",
                cx.km,
                high_mileage_cap::MAX_SESSIONS,
                focuses.join("")
            )
        };
        out.push(Why::new(high_mileage_cap::ID, text));
    }
    out
}

/// Places the strength sessions of the week `frame`.
pub(super) fn place(cx: &Context<'_>, frame: &WeekFrame) -> Placed {
    let views: Vec<Day> = cx.days[cx.base..cx.base + 7]
        .iter()
        .map(SeasonDay::view)
        .collect();
    let mut adjustments = Vec::new();
    let n = wanted(cx, frame, &mut adjustments);
    let allowed = options(cx, frame, &views);
    let sessions: Vec<(usize, Focus, Intensity)> = search(cx, frame.phase, &allowed, n)
        .iter()
        .map(|&(d, i)| (d, allowed[d][i].focus, allowed[d][i].intensity))
        .collect();
    adjustments.extend(notes(cx, frame, &allowed, n, &sessions));
    Placed {
        sessions,
        wanted: n,
        adjustments,
    }
}
