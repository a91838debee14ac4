//! `race-72h`: no lower/full-body strength in the 72 h before a race.

use super::week::{focus_phrase, weekday, Item, Week};
use super::Verdict;
use crate::model::{Focus, RunType};

/// The rule id.
pub const ID: &str = "race-72h";

/// Days before a race (at day granularity) that must stay free of leg work.
pub const DAYS: usize = 3;

/// Whether a session of this focus is barred within the 72 h before a race.
pub fn forbids(focus: Focus) -> bool {
    focus.loads_legs()
}

/// Verdicts for leg sessions on the three days before a race day of this week or the next
/// Monday, and for leg sessions placed before the race on race day.
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for r in 0isize..=7 {
        let Some(race_day) = week.day(r) else {
            continue;
        };
        if !race_day.has_race() {
            continue;
        }
        let race_name = if r == 7 {
            "the next Monday"
        } else {
            weekday(r).name()
        };
        if r < 7 {
            let first_race = race_day
                .items
                .iter()
                .position(|i| {
                    matches!(
                        i,
                        Item::Run {
                            run_type: RunType::Race,
                            ..
                        }
                    )
                })
                .unwrap_or(0);
            for (k, l) in race_day.lifts() {
                if k < first_race && forbids(l.focus) {
                    out.push(Verdict::new(ID, r as usize, Some(k), format!(
                        "A {} session before the race on {race_name}: legs must be fresh for the race.",
                        focus_phrase(l.focus)
                    )));
                }
            }
        }
        for d in (r - DAYS as isize).max(0)..r.min(7) {
            for (k, l) in week.days[d as usize].lifts() {
                if forbids(l.focus) {
                    out.push(Verdict::new(ID, d as usize, Some(k), format!(
                        "The {} session on {} is {} day(s) before the race on {race_name}; no leg work in the last 72 h.",
                        focus_phrase(l.focus),
                        weekday(d).name(),
                        r - d
                    )));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Intensity;
    use crate::rules::week::{Day, Lift};

    fn lift(f: Focus) -> Item {
        Item::Strength(Lift {
            focus: f,
            intensity: Intensity::Light,
            minutes: None,
            separate: false,
        })
    }
    fn race() -> Item {
        Item::Run {
            run_type: RunType::Race,
            minutes: Some(100.0),
        }
    }

    #[test]
    fn leg_work_three_days_before_is_flagged_four_is_not() {
        let mut w = Week::default();
        w.days[6] = Day {
            items: vec![race()],
            marked_rest: false,
        };
        w.days[3] = Day {
            items: vec![lift(Focus::Lower)],
            marked_rest: false,
        };
        w.days[2] = Day {
            items: vec![lift(Focus::Full)],
            marked_rest: false,
        };
        w.days[4] = Day {
            items: vec![lift(Focus::Upper)],
            marked_rest: false,
        };
        let v = check(&w);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].day, 3);
    }

    #[test]
    fn race_next_monday_counts() {
        let mut w = Week {
            next: Some(Day {
                items: vec![race()],
                marked_rest: false,
            }),
            ..Week::default()
        };
        w.days[5] = Day {
            items: vec![lift(Focus::Full)],
            marked_rest: false,
        };
        assert_eq!(check(&w).len(), 1);
        w.days[5] = Day {
            items: vec![lift(Focus::Core)],
            marked_rest: false,
        };
        assert!(check(&w).is_empty());
    }
}
