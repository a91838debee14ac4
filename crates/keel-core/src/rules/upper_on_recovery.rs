//! `upper-on-recovery`: upper-body and core sessions may sit on recovery days.

use super::week::{focus_phrase, weekday, Day, Week};
use super::Verdict;
use crate::model::{Focus, RunType};

/// The rule id.
pub const ID: &str = "upper-on-recovery";

fn is_recovery_day(day: &Day) -> bool {
    matches!(day.key_run(), Some(RunType::Recovery | RunType::Cross))
}

/// Bonus for an upper-body or core session on a recovery (or cross-training) day.
pub fn bonus(day: &Day, focus: Focus) -> i32 {
    if is_recovery_day(day) && matches!(focus, Focus::Upper | Focus::Core) {
        5
    } else {
        0
    }
}

/// Warnings for lower/full-body sessions on a recovery day, where upper/core work fits better.
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        if !is_recovery_day(day) {
            continue;
        }
        for (k, l) in day.lifts().filter(|(_, l)| l.focus.loads_legs()) {
            out.push(Verdict::new(ID, d, Some(k), format!(
                "{} is a recovery day but holds a {} session; recovery days suit upper-body or core work.",
                weekday(d as isize).name(),
                focus_phrase(l.focus)
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Intensity;
    use crate::rules::week::{Item, Lift};

    #[test]
    fn recovery_day_suits_upper_not_lower() {
        let day = |f| Day {
            items: vec![
                Item::Run {
                    run_type: RunType::Recovery,
                    minutes: Some(30.0),
                },
                Item::Strength(Lift {
                    focus: f,
                    intensity: Intensity::Light,
                    minutes: None,
                    separate: false,
                }),
            ],
            marked_rest: false,
        };
        assert_eq!(bonus(&day(Focus::Upper), Focus::Upper), 5);
        assert_eq!(bonus(&day(Focus::Lower), Focus::Lower), 0);
        let mut w = Week::default();
        w.days[2] = day(Focus::Upper);
        assert!(check(&w).is_empty());
        w.days[2] = day(Focus::Lower);
        assert_eq!(check(&w).len(), 1);
    }
}
