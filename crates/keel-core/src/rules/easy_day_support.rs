//! `easy-day-support`: lift after easy runs and on lighter days so hard sessions stay protected.

use super::week::{focus_phrase, weekday, Day, Week};
use super::{Mover, Verdict};
use crate::model::RunType;

/// The rule id.
pub const ID: &str = "easy-day-support";

/// How much this strategy likes putting strength on `day`: easy days most, then recovery and
/// cross-training days, quality days little and the long-run day least.
pub fn day_score(day: &Day) -> i32 {
    match day.key_run() {
        Some(RunType::Easy) => 24,
        Some(RunType::Recovery) => 20,
        Some(RunType::Cross) => 16,
        Some(RunType::Intervals | RunType::Tempo | RunType::Hills) => 6,
        Some(RunType::Long) => 0,
        Some(RunType::Race | RunType::Rest) => -20,
        None => 10,
    }
}

fn is_light(day: &Day) -> bool {
    day.runs().count() > 0 && !day.has_hard_run()
}

/// Warnings for sessions on a hard-run day while a light day without strength could legally
/// take them.
pub fn check(week: &Week, can_move: &Mover<'_>) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        if !day.has_hard_run() {
            continue;
        }
        for (k, lift) in day.lifts() {
            let target = (0..7).find(|&t| {
                t != d
                    && is_light(&week.days[t])
                    && week.days[t].lifts().count() == 0
                    && can_move(d, k, t)
            });
            if let Some(t) = target {
                out.push(Verdict::new(
                    ID,
                    d,
                    Some(k),
                    format!(
                        "The {} session on {} sits on a hard day; {}'s lighter day could carry it.",
                        focus_phrase(lift.focus),
                        weekday(d as isize).name(),
                        weekday(t as isize).name()
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
    use crate::model::{Focus, Intensity};
    use crate::rules::week::{Item, Lift};

    #[test]
    fn prefers_easy_days() {
        let d = |t| Day {
            items: vec![Item::Run {
                run_type: t,
                minutes: Some(40.0),
            }],
            marked_rest: false,
        };
        assert!(day_score(&d(RunType::Easy)) > day_score(&d(RunType::Intervals)));
        assert!(day_score(&d(RunType::Recovery)) > day_score(&d(RunType::Long)));
    }

    #[test]
    fn flags_hard_day_lift_when_easy_day_is_free() {
        let mut w = Week::default();
        w.days[1] = Day {
            items: vec![
                Item::Run {
                    run_type: RunType::Intervals,
                    minutes: Some(60.0),
                },
                Item::Strength(Lift {
                    focus: Focus::Full,
                    intensity: Intensity::Moderate,
                    minutes: None,
                    separate: false,
                }),
            ],
            marked_rest: false,
        };
        w.days[3] = Day {
            items: vec![Item::Run {
                run_type: RunType::Easy,
                minutes: Some(40.0),
            }],
            marked_rest: false,
        };
        assert_eq!(check(&w, &|_, _, _| true).len(), 1);
        assert!(check(&w, &|_, _, t| t != 3).is_empty());
    }
}
