//! The planner's sentences: why a session sits on its day and is as long as it is, and how a
//! phase begins.

use super::runs::SeasonDay;
use crate::model::{Focus, Intensity, Phase, RaceDistance, RunType, Strategy, Weekday};
use crate::plan::Why;
use crate::rules::week::{focus_phrase, run_phrase, Day};
use crate::rules::*;
use crate::text::{capitalise, strip_the};
use jiff::civil::Date;

/// The sentence opening a phase.
pub(super) fn phase_intro(phase: Phase, race: Option<RaceDistance>) -> String {
    match phase {
        Phase::Base => "Base phase: build general strength with higher reps and compound lifts.".to_string(),
        Phase::Build => "Build phase (about a third of the block): strength at maintenance, fewer sets at moderate loads, as race-specific running grows; plyometrics join for the spring in your stride.".to_string(),
        Phase::Peak => "Peak phase: the hardest running; strength drops to one short session.".to_string(),
        Phase::Taper => format!(
            "Taper: {} before the race, running volume falls while intensity stays.",
            match race.map(phase_by_date::taper_weeks) { Some(1) => "1 week", _ => "2 weeks" }
        ),
        Phase::Race => "Race week: arrive fresh.".to_string(),
        Phase::Recovery => "Recovery after the race: easy running and mobility only.".to_string(),
        Phase::Fitness => "No race: steady fitness weeks with 2 strength sessions.".to_string(),
        Phase::OffSeason => "Off-season: the time to build strength, 3 sessions a week.".to_string(),
    }
}

/// Why the session planned at minutes `target` lasts `actual`.
pub(super) struct Length {
    pub actual: u32,
    pub target: u32,
    pub preference: Option<u32>,
    pub phase: Phase,
    pub high: bool,
    pub deload: bool,
    /// The phase caps the week's sets (`strength-volume-by-phase`).
    pub capped: bool,
}

/// The `session-length` reason.
pub(super) fn length_reason(l: &Length) -> String {
    let (lo, hi) = high_mileage_cap::MINUTES;
    let Length {
        actual,
        target,
        phase,
        high,
        ..
    } = *l;
    let short_phase = matches!(phase, Phase::Taper | Phase::Race | Phase::Recovery);
    let high_note = if high {
        format!(" (the {lo}-{hi} min of high mileage is for normal weeks)")
    } else {
        String::new()
    };
    if l.deload && actual < target {
        return format!(
            "{actual} min: a deload week, so fewer sets than the usual {target} min{high_note}."
        );
    }
    if l.capped && actual < target && !short_phase {
        return format!(
            "{actual} min: the {phase} phase holds fewer sets (strength at maintenance while running gets specific), so less than the usual {target} min."
        );
    }
    if high && short_phase {
        let when = if phase == Phase::Race {
            "race week".to_string()
        } else {
            phase.to_string()
        };
        return format!(
            "{actual} min: the {when} keeps strength short; the {lo}-{hi} min of high mileage is for normal weeks."
        );
    }
    match l.preference {
        Some(p) if p == actual => format!("{actual} min, as you prefer."),
        Some(p) => format!(
            "{actual} min: your preferred {p} min adjusted to the {phase} phase{}.",
            if high {
                format!(" and your mileage ({lo}-{hi} min)")
            } else {
                String::new()
            }
        ),
        None if high => format!("{actual} min: {lo}-{hi} min at high mileage."),
        None => {
            format!("{actual} min, within the usual 30-60 (short sessions are fine on busy days).")
        }
    }
}

/// Where a session stands, for its placement reasons.
pub(super) struct Spot<'a> {
    /// Day index in the week.
    pub day: usize,
    /// Its day's runs.
    pub view: &'a Day,
    /// The next day (possibly next week's Monday).
    pub next: Option<&'a SeasonDay>,
    /// The race, when there is one.
    pub race: Option<Date>,
    /// Its date.
    pub date: Date,
    /// The previous strength session of the week (or last Sunday's), as (day, focus,
    /// intensity); `usize::MAX` for last Sunday.
    pub last: Option<(usize, Focus, Intensity)>,
    /// Days since the previous session this week.
    pub gap: Option<usize>,
}

/// Why a session of `focus` at `intensity` sits where it does, under `strategy`.
pub(super) fn placement_reasons(
    spot: &Spot<'_>,
    focus: Focus,
    intensity: Intensity,
    strategy: Strategy,
) -> Vec<Why> {
    let day_name = Weekday::from_index(spot.day).name();
    let key = spot.view.key_run();
    let mut why = Vec::new();
    let run_desc = key
        .map(|t| format!("{day_name}'s {}", strip_the(run_phrase(t))))
        .unwrap_or_else(|| day_name.to_string());
    let rule = match strategy {
        Strategy::Stack => stack_hard_days::ID,
        Strategy::Easy => easy_day_support::ID,
    };
    why.push(match strategy {
        _ if key.is_none() => Why::new(rule, format!(
            "On {day_name}, a day without a run that you keep for strength: the run days stay as they are."
        )),
        Strategy::Stack if key.is_some_and(RunType::is_quality) => Why::new(stack_hard_days::ID, format!(
            "After {run_desc}: hard days hard, so the easy days around it stay easy."
        )),
        Strategy::Stack if key == Some(RunType::Long) => Why::new(stack_hard_days::ID, format!(
            "After {run_desc}, as a last resort: no quality-run day could take this session without breaking a hard rule."
        )),
        Strategy::Stack => Why::new(stack_hard_days::ID, format!(
            "After {run_desc}: the quality-run days were taken or barred by a hard rule."
        )),
        Strategy::Easy if matches!(key, Some(RunType::Easy | RunType::Recovery | RunType::Cross)) => Why::new(easy_day_support::ID, format!(
            "After {run_desc}, a lighter day, so the key sessions stay protected."
        )),
        Strategy::Easy => Why::new(easy_day_support::ID, format!(
            "After {run_desc}: the lighter days were taken or barred by a hard rule."
        )),
    });
    if key.is_some() {
        why.push(Why::new(
            run_then_lift::ID,
            format!(
            "Lift after the run, not before; if you split the day, keep at least {} h between them.",
            run_then_lift::HOURS_APART
        ),
        ));
    }
    if let Some(next) = spot.next.filter(|n| n.has_hard()) {
        let nr = next
            .runs
            .iter()
            .find(|r| r.run_type.is_hard())
            .map(|r| strip_the(run_phrase(r.run_type)))
            .unwrap_or("hard run");
        let what = match focus {
            Focus::Mobility => "mobility",
            f => focus_phrase(f),
        };
        why.push(Why::new(
            hard_run_24h::ID,
            format!(
                "{} holds the {nr} tomorrow, so only light {what} work today, and no exercise that loads the legs.",
                Weekday::of(next.date).name(),
            ),
        ));
    } else if focus.loads_legs() {
        let tomorrow = spot
            .next
            .map(|n| Weekday::of(n.date).name())
            .unwrap_or("Tomorrow");
        why.push(Why::new(
            hard_run_24h::ID,
            format!(
                "No hard run on {tomorrow}, so the legs have 24 h before the next key session."
            ),
        ));
    }
    if let Some(rdate) = spot.race {
        let to_race = super::days_between(spot.date, rdate);
        if (0..=7).contains(&to_race) {
            why.push(Why::new(
                race_72h::ID,
                format!(
                "The race is {to_race} days away: no lower-body or full-body work in the last 72 h."
            ),
            ));
        }
    }
    if let Some((ld, lf, li)) = spot.last {
        if same_muscle_48h::conflict((lf, li), (focus, intensity)) {
            let since = if ld == usize::MAX {
                "last Sunday".to_string()
            } else {
                Weekday::from_index(ld).name().to_string()
            };
            why.push(Why::new(
                same_muscle_48h::ID,
                format!(
                    "At least 48 h after the {} session on {since}, which loaded the same muscles.",
                    focus_phrase(lf)
                ),
            ));
        }
    }
    if let Some(gap) = spot.gap {
        why.push(Why::new(
            spread_sessions::ID,
            format!("{gap} days after the previous session, spreading the load through the week."),
        ));
    }
    // The bonus is only given to upper-body and core work on a recovery day.
    if upper_on_recovery::bonus(spot.view, focus) > 0 {
        why.push(Why::new(
            upper_on_recovery::ID,
            format!(
                "{} work suits {day_name}'s recovery day: it leaves the legs alone.",
                capitalise(focus_phrase(focus))
            ),
        ));
    }
    if key.is_some() && spot.view.run_minutes() <= 45.0 {
        why.push(Why::new(
            prefer_short_days::ID,
            format!(
                "{day_name}'s running is short ({:.0} min), leaving energy for strength.",
                spot.view.run_minutes()
            ),
        ));
    }
    why
}
