//! `run-then-lift`: on a day with a run and strength, the run comes first (or 6 h apart);
//! strength never comes before a hard run.

use super::week::{focus_phrase, run_phrase, weekday, Item, Week};
use super::Verdict;

/// The rule id.
pub const ID: &str = "run-then-lift";

/// Minimum hours between strength and a run when strength is not done straight after it.
pub const HOURS_APART: u32 = 6;

/// Verdicts for strength placed before a run of the same day: always for a hard run, and for
/// a light run unless the session is marked as at least 6 h apart.
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        for (k, lift) in day.lifts() {
            let later_runs = day.items[k + 1..].iter().filter_map(|i| match i {
                Item::Run { run_type, .. } => Some(*run_type),
                Item::Strength(_) => None,
            });
            let Some(worst) = later_runs.max_by_key(|t| t.is_hard()) else {
                continue;
            };
            let name = weekday(d as isize).name();
            if worst.is_hard() {
                out.push(Verdict::new(
                    ID,
                    d,
                    Some(k),
                    format!(
                    "The {} session on {name} comes before {}: strength never precedes a hard run.",
                    focus_phrase(lift.focus),
                    run_phrase(worst)
                ),
                ));
            } else if !lift.separate {
                out.push(Verdict::new(ID, d, Some(k), format!(
                    "The {} session on {name} comes before {}: run first, or keep them at least {HOURS_APART} h apart.",
                    focus_phrase(lift.focus),
                    run_phrase(worst)
                )));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Focus, Intensity, RunType};
    use crate::rules::week::{Day, Lift};

    fn lift(separate: bool) -> Item {
        Item::Strength(Lift {
            focus: Focus::Upper,
            intensity: Intensity::Light,
            minutes: None,
            separate,
        })
    }
    fn run(t: RunType) -> Item {
        Item::Run {
            run_type: t,
            minutes: Some(40.0),
        }
    }

    #[test]
    fn order_matters() {
        let mut w = Week::default();
        w.days[1] = Day {
            items: vec![run(RunType::Tempo), lift(false)],
            marked_rest: false,
        };
        assert!(check(&w).is_empty());
        w.days[1] = Day {
            items: vec![lift(false), run(RunType::Tempo)],
            marked_rest: false,
        };
        let v = check(&w);
        assert_eq!((v.len(), v[0].day, v[0].item), (1, 1, Some(0)));
        assert!(v[0].text.contains("never"));
    }

    #[test]
    fn separate_session_before_easy_run_is_fine_but_not_before_hard() {
        let mut w = Week::default();
        w.days[0] = Day {
            items: vec![lift(true), run(RunType::Easy)],
            marked_rest: false,
        };
        assert!(check(&w).is_empty());
        w.days[0] = Day {
            items: vec![lift(false), run(RunType::Easy)],
            marked_rest: false,
        };
        assert_eq!(check(&w).len(), 1);
        w.days[0] = Day {
            items: vec![lift(true), run(RunType::Hills)],
            marked_rest: false,
        };
        assert_eq!(check(&w).len(), 1);
    }
}
