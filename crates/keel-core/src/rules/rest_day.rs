//! `rest-day`: at least one true rest day a week; strength never on a rest day.

use super::week::{run_phrase, weekday, Day, Week};
use super::Verdict;

/// The rule id.
pub const ID: &str = "rest-day";

/// Whether strength may go on this day (never on a rest day, marked or empty).
pub fn allows_strength(day: &Day) -> bool {
    !day.is_rest() && !day.marked_rest
}

/// The day that is cheapest to turn into a rest day: no hard run, fewest minutes, latest in
/// the week on ties (so Monday's run stays).
pub fn best_rest_candidate(week: &Week) -> usize {
    (0..7)
        .min_by_key(|&d| {
            let day = &week.days[d];
            (
                day.has_hard_run(),
                day.lifts().count(),
                (day.run_minutes() * 10.0) as i64,
                std::cmp::Reverse(d),
            )
        })
        .unwrap_or(4)
}

/// Verdicts: strength on a day marked rest, and a week with no rest day at all (reported on
/// the day that is cheapest to free).
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        if day.marked_rest {
            for (k, _) in day.lifts() {
                out.push(Verdict::new(ID, d, Some(k), format!(
                    "{} is marked as a rest day but holds a strength session; rest days hold no workout.",
                    weekday(d as isize).name()
                )));
            }
        }
    }
    if week.days.iter().all(|d| !d.is_rest()) {
        let d = best_rest_candidate(week);
        let what = week.days[d]
            .key_run()
            .map(run_phrase)
            .unwrap_or("the session");
        out.push(Verdict::new(
            ID,
            d,
            None,
            format!(
                "The week has no rest day; {} ({what}) is the easiest day to keep free.",
                weekday(d as isize).name()
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Focus, Intensity, RunType};
    use crate::rules::week::{Item, Lift};

    fn run(t: RunType, m: f64) -> Day {
        Day {
            items: vec![Item::Run {
                run_type: t,
                minutes: Some(m),
            }],
            marked_rest: false,
        }
    }

    #[test]
    fn a_week_without_rest_is_flagged_on_the_lightest_day() {
        let mut w = Week::default();
        for d in 0..7 {
            w.days[d] = run(RunType::Tempo, 60.0);
        }
        w.days[4] = run(RunType::Recovery, 25.0);
        w.days[2] = run(RunType::Easy, 40.0);
        let v = check(&w);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].day, 4);
    }

    #[test]
    fn one_empty_day_is_enough_and_cross_is_not_rest() {
        let mut w = Week::default();
        for d in 0..6 {
            w.days[d] = run(RunType::Easy, 30.0);
        }
        assert!(check(&w).is_empty());
        w.days[6] = run(RunType::Cross, 30.0);
        assert_eq!(check(&w).len(), 1);
    }

    #[test]
    fn strength_on_marked_rest_day() {
        let mut w = Week::default();
        w.days[4] = Day {
            items: vec![Item::Strength(Lift {
                focus: Focus::Core,
                intensity: Intensity::Light,
                minutes: None,
                separate: false,
            })],
            marked_rest: true,
        };
        let v = check(&w);
        assert_eq!((v.len(), v[0].day), (1, 4));
        assert!(!allows_strength(&w.days[4]));
        assert!(!allows_strength(&Day::default()));
    }
}
