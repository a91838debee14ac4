//! `back-to-back-hard`: two hard runs on consecutive days leave no easy day to absorb either.
//! keel plans around them (they are the runner's runs), but says so.

use super::week::{run_phrase, weekday, Week};
use super::Verdict;
use crate::text::{capitalise, strip_the};

/// The rule id.
pub const ID: &str = "back-to-back-hard";

/// Pairs of consecutive days (`d`, `d + 1`) that both hold a hard run; with `repeating`, the
/// Sunday to Monday pair of a repeating week too. Races are left out: a race is the runner's
/// call.
pub fn pairs(week: &Week, repeating: bool) -> Vec<(usize, usize)> {
    let hard = |d: usize| {
        week.days[d]
            .runs()
            .any(|(t, _)| t.is_hard() && t != crate::model::RunType::Race)
    };
    let mut out: Vec<(usize, usize)> = (0..6)
        .filter(|&d| hard(d) && hard(d + 1))
        .map(|d| (d, d + 1))
        .collect();
    if repeating && hard(6) && hard(0) {
        out.push((6, 0));
    }
    out
}

/// Warnings on the second day of each pair.
pub fn check(week: &Week, repeating: bool) -> Vec<Verdict> {
    pairs(week, repeating)
        .into_iter()
        .map(|(a, b)| {
            let name = |d: usize| {
                week.days[d]
                    .key_run()
                    .map(|t| strip_the(run_phrase(t)))
                    .unwrap_or("hard run")
            };
            Verdict::new(
                ID,
                b,
                None,
                format!(
                    "{} on {} comes the day after {} on {}: two hard days in a row leave no easy day to absorb either.",
                    capitalise(name(b)),
                    weekday(b as isize).name(),
                    name(a),
                    weekday(a as isize).name()
                ),
            )
        })
        .collect()
}
