//! `high-mileage-cap`: from 80 km a week, at most 2 sessions of 35-45 min, rotating focus.

use super::week::{weekday, Week};
use super::Verdict;
use crate::model::Focus;

/// The rule id.
pub const ID: &str = "high-mileage-cap";

/// Weekly kilometres from which the cap applies (50 mi).
pub const KM: f64 = 80.0;

/// Maximum sessions a week at high mileage.
pub const MAX_SESSIONS: u32 = 2;

/// Session length range at high mileage, minutes.
pub const MINUTES: (u32, u32) = (35, 45);

/// Whether the cap applies at this weekly distance.
pub fn applies(weekly_km: f64) -> bool {
    weekly_km >= KM
}

/// The focus pair of week `index` (1-based): legs every week, the second session rotating
/// between upper body and core, so no session is full-body.
pub fn rotation(index: u32) -> [Focus; 2] {
    if index % 2 == 1 {
        [Focus::Lower, Focus::Upper]
    } else {
        [Focus::Lower, Focus::Core]
    }
}

/// Warnings at high mileage: more than 2 sessions, full-body sessions, lengths outside 35-45.
pub fn check(week: &Week, weekly_km: f64) -> Vec<Verdict> {
    let mut out = Vec::new();
    if !applies(weekly_km) {
        return out;
    }
    let lifts: Vec<_> = week
        .days
        .iter()
        .enumerate()
        .flat_map(|(d, day)| day.lifts().map(move |(k, l)| (d, k, *l)))
        .collect();
    if lifts.len() as u32 > MAX_SESSIONS {
        let (d, k, _) = lifts[lifts.len() - 1];
        out.push(Verdict::new(ID, d, Some(k), format!(
            "{} strength sessions at {weekly_km:.0} km a week; from {KM:.0} km keep it to {MAX_SESSIONS}.",
            lifts.len()
        )));
    }
    for (d, k, l) in lifts {
        let name = weekday(d as isize).name();
        if l.focus == Focus::Full {
            out.push(Verdict::new(ID, d, Some(k), format!(
                "Full-body session on {name} at {weekly_km:.0} km a week; rotate lower, upper and core instead."
            )));
        }
        if let Some(m) = l.minutes {
            if m > f64::from(MINUTES.1) {
                out.push(Verdict::new(ID, d, Some(k), format!(
                    "The {m:.0}-min session on {name} is long for {weekly_km:.0} km a week; keep it to {}-{} min.",
                    MINUTES.0, MINUTES.1
                )));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Intensity;
    use crate::rules::week::{Day, Item, Lift};

    #[test]
    fn cap_applies_from_80_km() {
        assert!(!applies(79.9) && applies(80.0));
        assert!(!rotation(1).contains(&Focus::Full) && rotation(1) != rotation(2));
        let mut w = Week::default();
        for d in [0, 2, 4] {
            w.days[d] = Day {
                items: vec![Item::Strength(Lift {
                    focus: Focus::Full,
                    intensity: Intensity::Moderate,
                    minutes: Some(60.0),
                    separate: false,
                })],
                marked_rest: false,
            };
        }
        assert!(check(&w, 60.0).is_empty());
        // 1 for the count, 3 full-body, 3 too long
        assert_eq!(check(&w, 90.0).len(), 7);
    }
}
