//! `spread-sessions`: spread strength through the week rather than bunching it.

use super::week::{weekday, Week};
use super::Verdict;

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

/// Warnings for strength on consecutive days of the week (the pair is reported on the later
/// day).
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for d in 1..7usize {
        let prev = week.days[d - 1].lifts().count() > 0;
        if let (true, Some((k, _))) = (prev, week.days[d].lifts().next()) {
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
    use crate::model::{Focus, Intensity};
    use crate::rules::week::{Day, Item, Lift};

    #[test]
    fn consecutive_days_are_flagged() {
        let lift = || Day {
            items: vec![Item::Strength(Lift {
                focus: Focus::Core,
                intensity: Intensity::Light,
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
    }
}
