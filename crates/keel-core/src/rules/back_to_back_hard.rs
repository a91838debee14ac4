//! `back-to-back-hard`: two hard runs on consecutive days leave no easy day to absorb either.
//! keel plans around them (they are the runner's runs), but says so.

use super::week::{run_phrase, weekday, Week};
use super::Verdict;
use crate::text::{capitalise, strip_the};

/// The rule id.
pub const ID: &str = "back-to-back-hard";

/// Pairs of consecutive days (`d`, `d + 1`) that both hold a hard run; `d + 1 == 7` is the
/// Monday after (when the week knows it). Races are left out: a race is the runner's call.
pub fn pairs(week: &Week) -> Vec<(usize, usize)> {
    let hard = |d: usize| {
        week.day(d as isize).is_some_and(|day| {
            day.runs()
                .any(|(t, _)| t.is_hard() && t != crate::model::RunType::Race)
        })
    };
    (0..7)
        .filter(|&d| hard(d) && hard(d + 1))
        .map(|d| (d, d + 1))
        .collect()
}

/// Warnings on the second day of each pair (on Sunday for the Monday after).
pub fn check(week: &Week) -> Vec<Verdict> {
    pairs(week)
        .into_iter()
        .map(|(a, b)| {
            let name = |d: usize| {
                week.day(d as isize)
                    .and_then(|day| day.key_run())
                    .map(|t| strip_the(run_phrase(t)))
                    .unwrap_or("hard run")
            };
            let when = |d: usize| {
                if d == 7 {
                    "the Monday after".to_string()
                } else {
                    weekday(d as isize).name().to_string()
                }
            };
            Verdict::new(
                ID,
                b.min(6),
                None,
                format!(
                    "{} on {} comes the day after {} on {}: two hard days in a row leave no easy day to absorb either.",
                    capitalise(name(b)),
                    when(b),
                    name(a),
                    when(a)
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RunType;
    use crate::rules::week::{Day, Item};

    fn hard(t: RunType) -> Day {
        Day {
            items: vec![Item::Run {
                run_type: t,
                minutes: Some(50.0),
            }],
            marked_rest: false,
        }
    }

    #[test]
    fn two_hard_days_in_a_row_are_named() {
        let mut w = Week::default();
        w.days[1] = hard(RunType::Intervals);
        w.days[2] = hard(RunType::Long);
        w.days[4] = hard(RunType::Tempo);
        let v = check(&w);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].day, 2);
        assert!(
            v[0].text
                .starts_with("Long run on Wednesday comes the day after intervals on Tuesday"),
            "{}",
            v[0].text
        );
        // A race is the runner's call; the Monday after counts when known.
        w.days[2] = hard(RunType::Race);
        assert!(check(&w).is_empty());
        w.days[6] = hard(RunType::Long);
        w.next = Some(hard(RunType::Hills));
        assert_eq!(check(&w).len(), 1);
    }
}
