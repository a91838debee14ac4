//! Weekly strength volume (`strength-volume-by-phase`, `deload-week`, `legs-first`): how
//! many working sets a week may hold, how they are shared among its sessions, and the trims
//! that keep a deload lighter than the week before and the legs ahead of the upper body.
//!
//! Working sets are the sets of strength exercises; mobility drills (recovery work) and
//! plyometric drills (capped in foot contacts by `plyometrics`) do not count.

use super::frame::WeekFrame;
use crate::exercises::{self, Pattern, Region};
use crate::model::{Focus, Phase};
use crate::plan::{PlanWeek, Session, StrengthSession, Timing, Why};
use crate::prescription;
use crate::rules::{
    deload_week, high_mileage_cap, legs_first, session_length, strength_volume_by_phase,
};

/// Whether an exercise's sets count as strength volume.
fn counts(id: &str) -> bool {
    exercises::find(id).is_none_or(|e| prescription::counts_as_volume(e.kind))
}

/// Working sets of one session.
pub(super) fn session_sets(s: &StrengthSession) -> u32 {
    session_sets_of(&s.exercises)
}

/// Working sets of a list of exercises.
pub(super) fn session_sets_of(exercises: &[crate::plan::PrescribedExercise]) -> u32 {
    exercises
        .iter()
        .filter(|e| counts(&e.id))
        .map(|e| e.dose.sets)
        .sum()
}

/// Working sets of all strength sessions of a week (mobility drills not counted).
pub fn total_sets(week: &PlanWeek) -> u32 {
    strength(week).map(session_sets).sum()
}

fn strength(week: &PlanWeek) -> impl Iterator<Item = &StrengthSession> {
    week.days
        .iter()
        .flat_map(|d| &d.sessions)
        .filter_map(|s| match s {
            Session::Strength(s) => Some(s),
            Session::Run(_) => None,
        })
}

fn strength_mut(week: &mut PlanWeek) -> impl Iterator<Item = &mut StrengthSession> {
    week.days
        .iter_mut()
        .flat_map(|d| d.sessions.iter_mut())
        .filter_map(|s| match s {
            Session::Strength(s) => Some(s),
            Session::Run(_) => None,
        })
}

/// The most working sets a week may hold; `None` when the session minutes decide (base-like
/// weeks). `base` is the base week's sets, `last` the last week's that was not a deload, and
/// `big_running` says the week's running rises clearly above the usual week's.
pub(super) fn budget(
    frame: &WeekFrame,
    base: u32,
    last: Option<u32>,
    big_running: bool,
) -> Option<u32> {
    let mut b = strength_volume_by_phase::budget(frame.phase, base);
    if big_running {
        let cap = (f64::from(base) * strength_volume_by_phase::BIG_RUNNING_WEEK_SHARE) as u32;
        b = Some(b.map_or(cap, |x| x.min(cap)));
    }
    if frame.deload {
        let normal = b.or(last)?;
        return Some(((f64::from(normal) * (1.0 - deload_week::SHARE)) as u32).max(1));
    }
    b
}

/// Shares a week's set budget among its sessions: leg sessions weigh 3, upper-body and core
/// sessions 2, mobility nothing (its drills do not count).
pub(super) fn split(budget: Option<u32>, focuses: &[Focus]) -> Vec<Option<u32>> {
    let Some(total) = budget else {
        return vec![None; focuses.len()];
    };
    let weight = |f: Focus| match f {
        Focus::Lower | Focus::Full => 3,
        Focus::Upper | Focus::Core => 2,
        Focus::Mobility => 0,
    };
    let sum: u32 = focuses.iter().map(|f| weight(*f)).sum();
    if sum == 0 {
        return vec![None; focuses.len()];
    }
    let mut shares: Vec<Option<u32>> = focuses
        .iter()
        .map(|f| (weight(*f) > 0).then(|| (total * weight(*f) / sum).max(1)))
        .collect();
    // The rounding remainder goes to the first leg (or first counted) session.
    let given: u32 = shares.iter().flatten().sum();
    if let Some(first) = focuses
        .iter()
        .position(|f| f.loads_legs())
        .or_else(|| shares.iter().position(Option::is_some))
    {
        if let Some(s) = shares[first].as_mut() {
            *s += total.saturating_sub(given);
        }
    }
    shares
}

/// Patterns the week's coverage needs (`exercise-selection`): the last to go from a deload.
fn essential(p: Pattern) -> bool {
    matches!(
        p,
        Pattern::SingleLeg
            | Pattern::Hinge
            | Pattern::Bridge
            | Pattern::Calf
            | Pattern::Soleus
            | Pattern::LateralHip
            | Pattern::AntiExtension
            | Pattern::AntiRotation
    )
}

/// Recomputes a session's minutes after its sets changed.
fn refresh_minutes(s: &mut StrengthSession) {
    s.minutes =
        prescription::estimate_minutes(&s.exercises, s.intensity, s.timing == Timing::AfterRun);
}

/// Makes a deload week hold fewer sets than the week before it (about 25% fewer), taking sets
/// from the exercises with the most first, never below one set; only when every exercise is
/// at one set already (after a tiny week) does an exercise the coverage does not need go.
pub(super) fn cap_deload_sets(week: &mut PlanWeek, prev_sets: u32) {
    if prev_sets == 0 {
        return;
    }
    let cap =
        ((f64::from(prev_sets) * (1.0 - deload_week::SHARE)).round() as u32).min(prev_sets - 1);
    if total_sets(week) <= cap {
        return;
    }
    while total_sets(week) > cap {
        let mut best: Option<(u32, usize, usize)> = None;
        for (si, s) in strength(week).enumerate() {
            for (ei, e) in s.exercises.iter().enumerate() {
                if counts(&e.id) && e.dose.sets > 1 && best.is_none_or(|b| e.dose.sets > b.0) {
                    best = Some((e.dose.sets, si, ei));
                }
            }
        }
        if let Some((_, si, ei)) = best {
            if let Some(s) = strength_mut(week).nth(si) {
                s.exercises[ei].dose.sets -= 1;
            }
            continue;
        }
        // Every exercise is at one set already: the week before was tiny. Drop an exercise
        // the week's coverage does not need from the session holding the most (keeping two
        // per session); when none is left, the deload stays at one set of each.
        let longest = strength(week)
            .enumerate()
            .filter(|(_, s)| s.exercises.iter().filter(|e| counts(&e.id)).count() > 2)
            .max_by_key(|(i, s)| (s.exercises.len(), *i))
            .map(|(i, _)| i);
        let Some(si) = longest else { break };
        if let Some(s) = strength_mut(week).nth(si) {
            let spare = s.exercises.iter().rposition(|e| {
                counts(&e.id) && exercises::find(&e.id).is_some_and(|x| !essential(x.pattern))
            });
            match spare {
                Some(ei) => {
                    s.exercises.remove(ei);
                }
                None => break,
            }
        }
    }
    let high = strength(week).any(|s| s.why.iter().any(|y| y.rule == high_mileage_cap::ID));
    for s in strength_mut(week) {
        let was = s.minutes;
        refresh_minutes(s);
        let n = session_sets(s);
        let minutes = s.minutes;
        for y in s.why.iter_mut() {
            if y.rule == session_length::ID && minutes < was {
                let (lo, hi) = high_mileage_cap::MINUTES;
                y.text = format!(
                    "{minutes} min: a deload week, so fewer sets and a shorter session than usual{}.",
                    if high {
                        format!(" (the {lo}-{hi} min of high mileage is for normal weeks)")
                    } else {
                        String::new()
                    }
                );
            }
            if y.rule == deload_week::ID {
                y.text = format!("Deload week: {n} sets in this session, one more rep in reserve and loads about 10% lighter.");
            }
        }
    }
    let after = total_sets(week);
    week.adjustments.push(Why::new(
        deload_week::ID,
        format!("{after} strength sets this week against {prev_sets} last week."),
    ));
}

/// Sets for the legs and for the upper body in a week.
pub(super) fn by_region(week: &PlanWeek) -> (u32, u32) {
    let mut legs = 0;
    let mut upper = 0;
    for s in strength(week) {
        for e in &s.exercises {
            match exercises::find(&e.id).map(|x| x.region()) {
                Some(Region::Legs) => legs += e.dose.sets,
                Some(Region::Upper) => upper += e.dose.sets,
                _ => {}
            }
        }
    }
    (legs, upper)
}

/// Keeps the legs ahead of the upper body in a week with leg work (`legs-first`): upper-body
/// exercises lose sets (those of upper-body sessions first, never below one), then the last
/// upper-body exercise of an upper-body session goes (keeping two exercises).
pub(super) fn legs_first(week: &mut PlanWeek) {
    let has_legs = strength(week).any(|s| s.focus.loads_legs());
    let (legs, upper) = by_region(week);
    if !has_legs || upper <= legs {
        return;
    }
    let upper_of = |id: &str| exercises::find(id).is_some_and(|x| x.region() == Region::Upper);
    loop {
        let (legs, upper) = by_region(week);
        if upper <= legs {
            break;
        }
        let mut changed = false;
        for pass in [Focus::Upper, Focus::Full] {
            for s in strength_mut(week).filter(|s| s.focus == pass) {
                if let Some(e) = s
                    .exercises
                    .iter_mut()
                    .rev()
                    .filter(|e| upper_of(&e.id) && e.dose.sets > 1)
                    .max_by_key(|e| e.dose.sets)
                {
                    e.dose.sets -= 1;
                    changed = true;
                    break;
                }
            }
            if changed {
                break;
            }
        }
        if !changed {
            for s in strength_mut(week).filter(|s| s.focus == Focus::Upper) {
                if s.exercises.len() > 2 {
                    if let Some(i) = s.exercises.iter().rposition(|e| upper_of(&e.id)) {
                        s.exercises.remove(i);
                        changed = true;
                        break;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    for s in strength_mut(week) {
        refresh_minutes(s);
    }
    let (l, u) = by_region(week);
    week.adjustments
        .push(Why::new(legs_first::ID, legs_first::explain(l, u)));
}

/// Whether a phase's weeks set the base volume that later phases are cut from.
pub(super) fn base_like(p: Phase) -> bool {
    matches!(p, Phase::Base | Phase::Fitness | Phase::OffSeason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legs_weigh_more_in_the_split() {
        let s = split(Some(16), &[Focus::Lower, Focus::Upper]);
        assert_eq!(s, vec![Some(10), Some(6)]);
        let s = split(Some(8), &[Focus::Mobility, Focus::Full]);
        assert_eq!(s, vec![None, Some(8)]);
        assert_eq!(split(None, &[Focus::Full]), vec![None]);
    }
}
