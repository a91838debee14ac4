//! `spread-sessions`: spread strength through the week rather than bunching it.

use super::week::{weekday, Lift, Week};
use super::Verdict;
use crate::model::{Focus, Intensity};

/// The rule id.
pub const ID: &str = "spread-sessions";

/// Penalty for two strength days `gap` days apart: consecutive days cost most, two days a
/// little, three or more nothing.
pub fn gap_penalty(gap: usize) -> i32 {
    match gap {
        0 | 1 => 10,
        2 => 2,
        _ => 0,
    }
}

/// Whether a session counts for spreading: mobility and light or bodyweight sessions are
/// recovery work, not load to spread (seed 004 puts very light upper-body work the day before
/// its lower-body session and mobility the day after).
pub fn counts(lift: &Lift) -> bool {
    lift.focus != Focus::Mobility
        && !matches!(lift.intensity, Intensity::Light | Intensity::Bodyweight)
}

/// Warnings for loading strength sessions on consecutive days of the week (the pair is
/// reported on the later day).
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for d in 1..7usize {
        let prev = week.days[d - 1].lifts().any(|(_, l)| counts(l));
        if let (true, Some((k, _))) = (prev, week.days[d].lifts().find(|(_, l)| counts(l))) {
            out.push(Verdict::new(
                ID,
                d,
                Some(k),
                format!(
                    "Strength on {} and again on {}: spread the sessions with a day between them.",
                    weekday(d as isize - 1).name(),
                    weekday(d as isize).name()
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::week::{Day, Item};

    #[test]
    fn consecutive_days_are_flagged() {
        let lift = || Day {
            items: vec![Item::Strength(Lift {
                focus: Focus::Core,
                intensity: Intensity::Moderate,
                minutes: None,
                separate: false,
            })],
            marked_rest: false,
        };
        let mut w = Week::default();
        w.days[1] = lift();
        w.days[3] = lift();
        assert!(check(&w).is_empty());
        w.days[4] = lift();
        let v = check(&w);
        assert_eq!((v.len(), v[0].day), (1, 4));
        assert!(gap_penalty(1) > gap_penalty(2) && gap_penalty(2) > gap_penalty(3));
        // Mobility the day after is recovery, not more load.
        w.days[4] = Day {
            items: vec![Item::Strength(Lift {
                focus: Focus::Mobility,
                intensity: Intensity::Bodyweight,
                minutes: None,
                separate: false,
            })],
            marked_rest: false,
        };
        assert!(check(&w).is_empty());
    }
}
