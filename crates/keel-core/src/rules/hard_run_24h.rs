//! `hard-run-24h`: nothing heavy and no lower/full-body strength the day before a hard run.

use super::week::{focus_phrase, run_phrase, Lift, Week};
use super::Verdict;
use crate::model::{Focus, Intensity};
use crate::text::strip_the;

/// The rule id.
pub const ID: &str = "hard-run-24h";

/// Whether a session of this focus and intensity is barred from the day before a hard run.
///
/// Heavy work of any focus and anything loading the legs is barred; light upper-body or core
/// work (and mobility) is allowed.
pub fn forbids(focus: Focus, intensity: Intensity) -> bool {
    intensity == Intensity::Heavy || focus.loads_legs()
}

/// Verdicts for every session on the day before a hard-run day (the previous Sunday included,
/// reported on Monday).
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for d in -1isize..=6 {
        let (Some(day), Some(next)) = (week.day(d), week.day(d + 1)) else {
            continue;
        };
        if !next.has_hard_run() {
            continue;
        }
        let run = next.key_run().map(run_phrase).unwrap_or("a hard run");
        let next_name = super::week::weekday(d + 1).name();
        for (k, lift) in day.lifts() {
            if !forbids(lift.focus, lift.intensity) {
                continue;
            }
            let what = describe(lift);
            if d < 0 {
                out.push(Verdict::new(
                    ID,
                    0,
                    None,
                    format!(
                        "The {what} session on the Sunday before falls within 24 h of Monday's {}.",
                        strip_the(run)
                    ),
                ));
            } else {
                out.push(Verdict::new(
                    ID,
                    d as usize,
                    Some(k),
                    format!(
                        "The {what} session on {} is the day before {next_name}'s {}: legs need 24 h before a hard run.",
                        super::week::weekday(d).name(),
                        strip_the(run)
                    ),
                ));
            }
        }
    }
    out
}

/// "heavy lower-body", "moderate full-body".
pub(crate) fn describe(lift: &Lift) -> String {
    format!("{} {}", lift.intensity, focus_phrase(lift.focus))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RunType;
    use crate::rules::week::{Day, Item};

    fn run(t: RunType) -> Item {
        Item::Run {
            run_type: t,
            minutes: Some(45.0),
        }
    }
    fn lift(f: Focus, i: Intensity) -> Item {
        Item::Strength(Lift {
            focus: f,
            intensity: i,
            minutes: None,
            separate: false,
        })
    }

    #[test]
    fn lower_before_intervals_is_flagged_on_its_day() {
        let mut w = Week::default();
        w.days[0] = Day {
            items: vec![run(RunType::Easy), lift(Focus::Lower, Intensity::Moderate)],
            marked_rest: false,
        };
        w.days[1] = Day {
            items: vec![run(RunType::Intervals)],
            marked_rest: false,
        };
        let v = check(&w);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].rule, v[0].day, v[0].item), (ID, 0, Some(1)));
        assert!(v[0].text.contains("Tuesday"), "{}", v[0].text);
    }

    #[test]
    fn light_upper_or_core_before_hard_run_is_fine_but_heavy_upper_is_not() {
        assert!(!forbids(Focus::Upper, Intensity::Light));
        assert!(!forbids(Focus::Core, Intensity::Moderate));
        assert!(!forbids(Focus::Mobility, Intensity::Bodyweight));
        assert!(forbids(Focus::Upper, Intensity::Heavy));
        assert!(forbids(Focus::Full, Intensity::Bodyweight));
    }

    #[test]
    fn easy_next_day_and_previous_sunday() {
        let mut w = Week::default();
        w.days[2] = Day {
            items: vec![lift(Focus::Full, Intensity::Heavy)],
            marked_rest: false,
        };
        w.days[3] = Day {
            items: vec![run(RunType::Easy)],
            marked_rest: false,
        };
        assert!(check(&w).is_empty());
        w.days[0] = Day {
            items: vec![run(RunType::Long)],
            marked_rest: false,
        };
        w.prev = Some(Day {
            items: vec![lift(Focus::Lower, Intensity::Light)],
            marked_rest: false,
        });
        let v = check(&w);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].day, v[0].item), (0, None));
    }
}
