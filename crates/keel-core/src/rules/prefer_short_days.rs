//! `prefer-short-days`: among allowed days, strength goes on the day with the shorter run.

use super::week::{focus_phrase, weekday, Day, Week};
use super::{Mover, Verdict};

/// The rule id.
pub const ID: &str = "prefer-short-days";

/// Minutes of difference that make one day clearly shorter than another.
const CLEARLY_SHORTER: f64 = 30.0;

/// A small bonus (0-6) growing as the day's running gets shorter (90 min or more: 0).
pub fn day_score(day: &Day) -> i32 {
    let m = day.run_minutes().clamp(0.0, 90.0);
    ((90.0 - m) / 15.0) as i32
}

/// Warnings for sessions on a day whose running is at least 30 min longer than a day without
/// strength of the same kind (both hard or both light) that could legally take them.
pub fn check(week: &Week, can_move: &Mover<'_>) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        for (k, lift) in day.lifts() {
            let here = day.run_minutes();
            let target = (0..7)
                .filter(|&t| {
                    let o = &week.days[t];
                    t != d
                        && o.has_hard_run() == day.has_hard_run()
                        && o.runs().count() > 0
                        && o.lifts().count() == 0
                        && o.run_minutes() + CLEARLY_SHORTER <= here
                })
                .find(|&t| can_move(d, k, t));
            if let Some(t) = target {
                out.push(Verdict::new(
                    ID,
                    d,
                    Some(k),
                    format!(
                        "The {} session on {} follows {:.0} min of running; {} has only {:.0} min.",
                        focus_phrase(lift.focus),
                        weekday(d as isize).name(),
                        here,
                        weekday(t as isize).name(),
                        week.days[t].run_minutes()
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
    use crate::model::{Focus, Intensity, RunType};
    use crate::rules::week::{Item, Lift};

    fn day(t: RunType, m: f64, lift: bool) -> Day {
        let mut items = vec![Item::Run {
            run_type: t,
            minutes: Some(m),
        }];
        if lift {
            items.push(Item::Strength(Lift {
                focus: Focus::Upper,
                intensity: Intensity::Light,
                minutes: None,
                separate: false,
            }));
        }
        Day {
            items,
            marked_rest: false,
        }
    }

    #[test]
    fn shorter_is_better() {
        assert!(
            day_score(&day(RunType::Easy, 30.0, false))
                > day_score(&day(RunType::Easy, 75.0, false))
        );
        assert_eq!(day_score(&day(RunType::Long, 120.0, false)), 0);
    }

    #[test]
    fn flags_a_much_longer_day_of_the_same_kind() {
        let mut w = Week::default();
        w.days[0] = day(RunType::Easy, 80.0, true);
        w.days[2] = day(RunType::Easy, 30.0, false);
        w.days[4] = day(RunType::Tempo, 20.0, false);
        let v = check(&w, &|_, _, _| true);
        assert_eq!(v.len(), 1);
        assert!(v[0].text.contains("Wednesday"));
        w.days[2] = day(RunType::Easy, 60.0, false);
        assert!(check(&w, &|_, _, _| true).is_empty());
    }
}
