//! `session-length`: 30-60 min by default, 35-45 at high mileage, short sessions allowed.

use super::week::{weekday, Week};
use super::Verdict;
use crate::model::{Focus, Phase};

/// The rule id.
pub const ID: &str = "session-length";

/// Default range, minutes.
pub const DEFAULT: (u32, u32) = (30, 60);

/// Shortest session keel plans or accepts without a warning.
pub const SHORTEST: u32 = 10;

/// Minutes for a session of `focus` in `phase`, honouring the runner's preference within
/// 10-60 min (10-45 at high mileage) and never above the phase's own length in the
/// peak, taper and race weeks.
pub fn target(phase: Phase, focus: Focus, high_mileage: bool, preference: Option<u32>) -> u32 {
    let phase_default = match phase {
        Phase::OffSeason | Phase::Base => 45,
        Phase::Build | Phase::Fitness => 40,
        Phase::Peak | Phase::Taper => 30,
        Phase::Race | Phase::Recovery => 20,
    };
    let phase_default = match focus {
        Focus::Mobility => phase_default.min(20),
        Focus::Core => phase_default.min(30),
        _ => phase_default,
    };
    let capped_phase = matches!(
        phase,
        Phase::Peak | Phase::Taper | Phase::Race | Phase::Recovery
    ) || matches!(focus, Focus::Mobility | Focus::Core);
    // At high mileage every strength session of a normal week is 35-45 min
    // (`high-mileage-cap`); the taper, race week and recovery keep their shorter sessions.
    if high_mileage
        && !matches!(phase, Phase::Taper | Phase::Race | Phase::Recovery)
        && focus != Focus::Mobility
    {
        let (lo, hi) = super::high_mileage_cap::MINUTES;
        return preference.unwrap_or(phase_default).clamp(lo, hi);
    }
    let hi = if high_mileage { 45 } else { DEFAULT.1 };
    match preference {
        Some(p) if capped_phase => p.clamp(SHORTEST, hi).min(phase_default.max(SHORTEST)),
        Some(p) => p.clamp(SHORTEST, hi),
        None if high_mileage => {
            phase_default
                .clamp(35, 45)
                .min(if capped_phase { phase_default } else { 45 })
        }
        None => phase_default,
    }
}

/// Warnings for sessions over 60 min or under 10 min.
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        for (k, l) in day.lifts() {
            let Some(m) = l.minutes else { continue };
            let name = weekday(d as isize).name();
            if m > f64::from(DEFAULT.1) {
                out.push(Verdict::new(
                    ID,
                    d,
                    Some(k),
                    format!(
                        "The {m:.0}-min strength session on {name} is longer than {} min.",
                        DEFAULT.1
                    ),
                ));
            } else if m < f64::from(SHORTEST) {
                out.push(Verdict::new(
                    ID,
                    d,
                    Some(k),
                    format!(
                    "The {m:.0}-min strength session on {name} is too short to warm up and work."
                ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(target(Phase::Base, Focus::Full, false, None), 45);
        assert_eq!(target(Phase::Base, Focus::Full, true, None), 45);
        assert_eq!(target(Phase::Build, Focus::Lower, true, Some(60)), 45);
        assert_eq!(target(Phase::Build, Focus::Lower, false, Some(15)), 15);
        assert_eq!(target(Phase::Build, Focus::Lower, false, Some(90)), 60);
        assert_eq!(target(Phase::Taper, Focus::Full, false, Some(50)), 30);
        assert_eq!(target(Phase::Race, Focus::Mobility, false, None), 20);
        for p in Phase::ALL {
            for f in Focus::ALL {
                for hm in [false, true] {
                    for pref in [None, Some(5), Some(40), Some(120)] {
                        let t = target(*p, *f, hm, pref);
                        assert!((SHORTEST..=60).contains(&t));
                        if hm {
                            assert!(t <= 45);
                        }
                    }
                }
            }
        }
    }
}
