//! `run-priority`: key runs are fixed; strength is placed around them and never moves them.

use super::week::{run_phrase, weekday, Week};
use super::Verdict;
use crate::model::{RunSpec, RunType};
use crate::text::capitalise;

/// The rule id.
pub const ID: &str = "run-priority";

/// Verdicts for each key run of `template` that is missing from its day in `week`.
///
/// `template` is the runner's intended running week (Monday first). A key run that appears
/// on its day, before or after other entries, is kept.
pub fn check(template: &[Vec<RunSpec>; 7], week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (d, runs) in template.iter().enumerate() {
        for r in runs.iter().filter(|r| r.run_type.is_hard()) {
            let want = runs.iter().filter(|x| x.run_type == r.run_type).count();
            let have = week.days[d]
                .runs()
                .filter(|(t, _)| *t == r.run_type)
                .count();
            if have < want {
                out.push(Verdict::new(ID, d, None, format!(
                    "{} on {} was moved or dropped; key runs stay where they are and strength fits around them.",
                    capitalise(run_phrase(r.run_type)),
                    weekday(d as isize).name()
                )));
                break;
            }
        }
    }
    out
}

/// Whether the run type is one the planner must never move for strength.
pub fn is_key(t: RunType) -> bool {
    t.is_hard()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::week::{Day, Item};

    fn spec(t: RunType) -> RunSpec {
        RunSpec {
            run_type: t,
            minutes: Some(50.0),
            km: None,
        }
    }

    #[test]
    fn moved_key_run_is_flagged_light_run_is_not() {
        let mut template: [Vec<RunSpec>; 7] = Default::default();
        template[1] = vec![spec(RunType::Intervals)];
        template[2] = vec![spec(RunType::Easy)];
        let mut w = Week::default();
        w.days[2] = Day {
            items: vec![Item::Run {
                run_type: RunType::Intervals,
                minutes: Some(50.0),
            }],
            marked_rest: false,
        };
        let v = check(&template, &w);
        assert_eq!((v.len(), v[0].day), (1, 1));
        w.days[1] = w.days[2].clone();
        w.days[2] = Day::default();
        assert!(check(&template, &w).is_empty());
        assert!(is_key(RunType::Long) && !is_key(RunType::Recovery));
    }
}
