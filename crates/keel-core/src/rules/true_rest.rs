//! `true-rest`: cross-training is not rest.

use super::week::{weekday, Week};
use super::Verdict;
use crate::model::RunType;

/// The rule id.
pub const ID: &str = "true-rest";

/// Warnings for days marked rest that still hold cross-training or a run.
pub fn check(week: &Week) -> Vec<Verdict> {
    week.days
        .iter()
        .enumerate()
        .filter(|(_, d)| d.marked_rest && d.runs().count() > 0)
        .map(|(i, d)| {
            let cross = d.runs().any(|(t, _)| t == RunType::Cross);
            Verdict::new(
                ID,
                i,
                None,
                format!(
                    "{} is marked rest but holds {}; a rest day holds no workout at all.",
                    weekday(i as isize).name(),
                    if cross { "cross-training" } else { "a run" }
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::week::{Day, Item};

    #[test]
    fn cross_on_a_rest_day_is_not_rest() {
        let mut w = Week::default();
        w.days[4] = Day {
            items: vec![],
            marked_rest: true,
        };
        assert!(check(&w).is_empty());
        w.days[4].items.push(Item::Run {
            run_type: RunType::Cross,
            minutes: Some(30.0),
        });
        assert_eq!(check(&w).len(), 1);
    }
}
