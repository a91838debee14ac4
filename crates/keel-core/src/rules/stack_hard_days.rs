//! `stack-hard-days`: lift on the quality-run days so easy and rest days stay easy.

use super::week::{focus_phrase, run_phrase, weekday, Day, Week};
use super::{Mover, Verdict};
use crate::model::RunType;

/// The rule id.
pub const ID: &str = "stack-hard-days";

/// How much this strategy likes putting strength on `day`: quality days most, the long-run
/// day least (a last resort).
pub fn day_score(day: &Day) -> i32 {
    match day.key_run() {
        Some(RunType::Intervals | RunType::Tempo | RunType::Hills) => 24,
        Some(RunType::Easy) => 4,
        Some(RunType::Recovery | RunType::Cross) => 3,
        Some(RunType::Long) => 0,
        Some(RunType::Race | RunType::Rest) => -20,
        None => 2,
    }
}

/// Warnings for sessions on a non-quality day while a quality day without strength could
/// legally take them.
pub fn check(week: &Week, can_move: &Mover<'_>) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        if day.runs().any(|(t, _)| t.is_quality()) {
            continue;
        }
        for (k, lift) in day.lifts() {
            let target = (0..7).find(|&t| {
                t != d
                    && week.days[t].runs().any(|(r, _)| r.is_quality())
                    && week.days[t].lifts().count() == 0
                    && can_move(d, k, t)
            });
            if let Some(t) = target {
                let run = week.days[t]
                    .key_run()
                    .map(run_phrase)
                    .unwrap_or("the quality run");
                out.push(Verdict::new(ID, d, Some(k), format!(
                    "The {} session on {} could stack onto {}'s quality day, after {run}, keeping {} easy.",
                    focus_phrase(lift.focus),
                    weekday(d as isize).name(),
                    weekday(t as isize).name(),
                    weekday(d as isize).name()
                )));
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
    fn prefers_quality_over_easy_over_long() {
        let d = |t| Day {
            items: vec![Item::Run {
                run_type: t,
                minutes: Some(40.0),
            }],
            marked_rest: false,
        };
        assert!(day_score(&d(RunType::Tempo)) > day_score(&d(RunType::Easy)));
        assert!(day_score(&d(RunType::Easy)) > day_score(&d(RunType::Long)));
    }

    #[test]
    fn flags_easy_day_lift_when_quality_day_is_free() {
        let mut w = Week::default();
        w.days[0] = Day {
            items: vec![
                Item::Run {
                    run_type: RunType::Easy,
                    minutes: Some(40.0),
                },
                Item::Strength(Lift {
                    focus: Focus::Lower,
                    intensity: Intensity::Moderate,
                    minutes: None,
                    separate: false,
                }),
            ],
            marked_rest: false,
        };
        w.days[3] = Day {
            items: vec![Item::Run {
                run_type: RunType::Tempo,
                minutes: Some(40.0),
            }],
            marked_rest: false,
        };
        let v = check(&w, &|_, _, _| true);
        assert_eq!(v.len(), 1);
        assert!(v[0].text.contains("Thursday"));
        assert!(check(&w, &|_, _, _| false).is_empty());
    }
}
