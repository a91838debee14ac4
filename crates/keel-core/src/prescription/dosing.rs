//! `exercise-dose`: the amount per set for each kind of exercise in each phase, and how long a
//! set and its rest take (for fitting a session into its minutes).
//!
//! Strength lifts: the phase's rep range (`reps-by-phase`), capped for exercises that cannot
//! be done for many reps. Holds: 30-45 s in base-like phases, 20-30 s later, 15-30 s for
//! Copenhagen planks, 20-30 s for foot work. Get-ups: 3-5 a side early in the season, 2-3 later. Carries: 20-40 m a
//! side. Plyometrics: 10 foot contacts a set (8 a side one-legged). Mobility: slow reps.

use crate::dose::Amount;
use crate::exercises::{Exercise, Kind, Pattern};
use crate::model::{Intensity, Phase};
use crate::rules::{controlled_tempo, reps_by_phase};

/// Phases with the most room for strength (longer holds, more get-ups).
fn roomy(phase: Phase) -> bool {
    matches!(phase, Phase::Base | Phase::OffSeason | Phase::Fitness)
}

/// The amount one set of `e` holds in `phase`.
pub fn amount(e: &Exercise, phase: Phase) -> Amount {
    let (min, max) = match e.kind {
        Kind::Lift => {
            let (lo, hi) = reps_by_phase::dose(phase).reps;
            match e.max_reps {
                Some(m) if m < hi => (m.saturating_sub(2).max(1), m),
                _ => (lo, hi),
            }
        }
        // Swings stay in a powerful range whatever the phase.
        Kind::Ballistic => (10, 15),
        Kind::Hold if e.pattern == Pattern::LateralHip => (15, 30),
        Kind::Hold if e.pattern == Pattern::Foot => (20, 30),
        Kind::Hold if roomy(phase) => (30, 45),
        Kind::Hold => (20, 30),
        Kind::GetUp if roomy(phase) => (3, 5),
        Kind::GetUp => (2, 3),
        Kind::Carry if roomy(phase) => (30, 40),
        Kind::Carry => (20, 30),
        Kind::Plyometric if e.each_side => (8, 8),
        Kind::Plyometric => (10, 10),
        Kind::Mobility if e.each_side => (5, 6),
        Kind::Mobility => (6, 8),
    };
    // Every range above starts at 1 or more and is ordered.
    Amount {
        unit: e.unit(),
        min,
        max,
        each_side: e.each_side,
    }
}

/// Foot contacts of one set (both sides for one-legged drills).
pub fn contacts(a: &Amount) -> u32 {
    a.contacts()
}

/// Seconds of work in one set of `e` at `a`.
pub fn work_seconds(e: &Exercise, a: &Amount) -> u32 {
    let sides = if a.each_side { 2 } else { 1 };
    let one_side = match e.kind {
        Kind::Lift => a.mid() * controlled_tempo::REP_SECONDS,
        Kind::Ballistic => a.mid() * 2,
        Kind::Hold => a.max,
        Kind::GetUp => a.mid() * 25,
        // About a metre a second with a heavy weight.
        Kind::Carry => a.max,
        Kind::Plyometric => a.max + 10,
        Kind::Mobility => a.mid() * 6,
    };
    sides * one_side
}

/// Seconds of rest after one set of `e` in a session of `intensity`: what a session's
/// minutes are budgeted with, and what a watch workout counts down between sets.
pub fn rest_seconds(e: &Exercise, intensity: Intensity) -> u32 {
    match e.kind {
        Kind::Mobility => 10,
        Kind::Plyometric => 60,
        Kind::Hold | Kind::GetUp | Kind::Carry => 30,
        Kind::Lift | Kind::Ballistic => match e.pattern {
            Pattern::AntiExtension | Pattern::AntiRotation | Pattern::LateralCore => 30,
            Pattern::Foot | Pattern::Calf | Pattern::Soleus | Pattern::LateralHip => 45,
            _ => lift_rest_seconds(intensity),
        },
    }
}

/// Seconds of rest after a set of a main strength lift in a session of `intensity`.
pub fn lift_rest_seconds(intensity: Intensity) -> u32 {
    match intensity {
        Intensity::Heavy => 120,
        Intensity::Moderate => 90,
        Intensity::Light => 60,
        Intensity::Bodyweight => 45,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercises::{find, LIBRARY};

    fn ex(id: &str) -> &'static Exercise {
        find(id).expect("library id")
    }

    #[test]
    fn each_kind_in_its_own_unit() {
        let get_up = amount(ex("turkish-get-up"), Phase::Base);
        assert_eq!(get_up.to_string(), "3-5 each side");
        assert_eq!(amount(ex("turkish-get-up"), Phase::Build).max, 3);
        assert_eq!(amount(ex("plank"), Phase::Base).to_string(), "30-45 s");
        assert_eq!(amount(ex("plank"), Phase::Peak).to_string(), "20-30 s");
        assert_eq!(
            amount(ex("copenhagen-plank"), Phase::Base).to_string(),
            "15-30 s each side"
        );
        assert_eq!(
            amount(ex("pogo-hops"), Phase::Build).to_string(),
            "10 contacts"
        );
        assert_eq!(
            amount(ex("ninety-ninety"), Phase::Base).to_string(),
            "6-8 slow reps"
        );
        assert_eq!(
            amount(ex("bulgarian-split-squat"), Phase::Build).to_string(),
            "8-10 each side"
        );
        assert_eq!(amount(ex("nordic-curl"), Phase::Base).to_string(), "4-6");
        assert_eq!(
            amount(ex("suitcase-carry"), Phase::Base).to_string(),
            "30-40 m each side"
        );
    }

    #[test]
    fn every_exercise_has_a_valid_amount_and_takes_time() {
        for e in LIBRARY {
            for p in Phase::ALL {
                let a = amount(e, *p);
                assert!(a.min >= 1 && a.min <= a.max, "{} {p}", e.id);
                assert_eq!(a.unit, e.unit());
                assert!(work_seconds(e, &a) > 0);
            }
        }
    }
}
