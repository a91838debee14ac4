//! `frequency-by-phase`: how many strength sessions a week each phase calls for.

use super::week::Week;
use super::Verdict;
use crate::model::Phase;

/// The rule id.
pub const ID: &str = "frequency-by-phase";

/// Weekly running below which base-phase runners get a third session.
pub const LOW_MILEAGE_KM: f64 = 48.0;

/// Sessions the planner aims for in a week of `phase`.
///
/// Base gets 3 when weekly running is under 48 km or a weakness is being corrected; race week
/// and recovery get the upper end of their 0-1.
pub fn sessions(phase: Phase, weekly_km: f64, correcting_weakness: bool) -> u32 {
    match phase {
        Phase::OffSeason => 3,
        Phase::Base if weekly_km < LOW_MILEAGE_KM || correcting_weakness => 3,
        Phase::Base | Phase::Build | Phase::Fitness => 2,
        Phase::Peak | Phase::Taper | Phase::Race | Phase::Recovery => 1,
    }
}

/// The acceptable range of sessions for `check`.
pub fn range(phase: Phase) -> (u32, u32) {
    match phase {
        Phase::OffSeason => (2, 3),
        Phase::Base => (2, 3),
        Phase::Build => (2, 2),
        Phase::Peak => (0, 1),
        Phase::Taper => (1, 1),
        Phase::Race | Phase::Recovery => (0, 1),
        Phase::Fitness => (1, 2),
    }
}

/// A sentence saying how many sessions this phase gets and why.
pub fn explain(phase: Phase, n: u32, weekly_km: f64) -> String {
    match phase {
        Phase::OffSeason => format!("Off-season: {n} sessions a week to build strength while running is light."),
        Phase::Base if n >= 3 => format!("Base phase at about {weekly_km:.0} km a week (under {LOW_MILEAGE_KM:.0} km, or correcting a weakness): {n} sessions."),
        Phase::Base => format!("Base phase at about {weekly_km:.0} km a week: {n} sessions."),
        Phase::Build => format!("Build phase: {n} maintenance sessions at moderate loads."),
        Phase::Peak => format!("Peak phase: {n} session to keep strength without tiring the legs."),
        Phase::Taper => format!("Taper: {n} light session."),
        Phase::Race => format!("Race week: {n} light upper-body, core or mobility session early in the week."),
        Phase::Recovery => format!("Recovery: {n} mobility session."),
        Phase::Fitness => format!("No race: {n} sessions a week."),
    }
}

/// A warning when the week's number of strength sessions is outside the phase's range.
/// Mobility sessions are recovery work and count only in race week and recovery, whose
/// sessions are mobility.
pub fn check(week: &Week, phase: Phase) -> Vec<Verdict> {
    let (lo, hi) = range(phase);
    let counts_mobility = matches!(phase, Phase::Race | Phase::Recovery);
    let n = week
        .days
        .iter()
        .map(|d| {
            d.lifts()
                .filter(|(_, l)| counts_mobility || l.focus != crate::model::Focus::Mobility)
                .count() as u32
        })
        .sum::<u32>();
    let day = week
        .days
        .iter()
        .position(|d| d.lifts().count() > 0)
        .unwrap_or(0);
    if n > hi {
        vec![Verdict::new(
            ID,
            day,
            None,
            format!("{n} strength sessions in a {phase} week; {hi} at most is enough."),
        )]
    } else if n < lo {
        vec![Verdict::new(
            ID,
            day,
            None,
            format!("{n} strength session(s) in a {phase} week; aim for {lo}."),
        )]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_book() {
        assert_eq!(sessions(Phase::OffSeason, 60.0, false), 3);
        assert_eq!(sessions(Phase::Base, 60.0, false), 2);
        assert_eq!(sessions(Phase::Base, 40.0, false), 3);
        assert_eq!(sessions(Phase::Base, 60.0, true), 3);
        assert_eq!(sessions(Phase::Build, 30.0, false), 2);
        assert_eq!(sessions(Phase::Peak, 30.0, false), 1);
        assert_eq!(sessions(Phase::Taper, 30.0, false), 1);
        assert_eq!(sessions(Phase::Fitness, 30.0, false), 2);
    }

    #[test]
    fn check_flags_too_many() {
        use crate::model::{Focus, Intensity};
        use crate::rules::week::{Day, Item, Lift};
        let mut w = Week::default();
        for d in [0, 2, 4] {
            w.days[d] = Day {
                items: vec![Item::Strength(Lift {
                    focus: Focus::Core,
                    intensity: Intensity::Light,
                    minutes: None,
                    separate: false,
                })],
                marked_rest: false,
            };
        }
        assert_eq!(check(&w, Phase::Build).len(), 1);
        assert!(check(&w, Phase::Base).is_empty());
    }
}
