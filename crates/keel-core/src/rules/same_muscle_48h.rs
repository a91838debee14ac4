//! `same-muscle-48h`: 48 h between two sessions loading the same muscle groups.

use super::week::{focus_phrase, weekday, Lift, Week};
use super::Verdict;
use crate::model::{Focus, Intensity, MuscleGroup};

/// The rule id.
pub const ID: &str = "same-muscle-48h";

/// The muscle groups a session loads for this rule: mobility and light core work load none.
pub fn loaded(focus: Focus, intensity: Intensity) -> &'static [MuscleGroup] {
    match (focus, intensity) {
        (Focus::Core, Intensity::Light | Intensity::Bodyweight) => &[],
        _ => focus.muscles(),
    }
}

/// Whether two sessions load a common muscle group (so must be 48 h apart).
pub fn conflict(a: (Focus, Intensity), b: (Focus, Intensity)) -> bool {
    let lb = loaded(b.0, b.1);
    loaded(a.0, a.1).iter().any(|m| lb.contains(m))
}

fn lifts_conflict(a: &Lift, b: &Lift) -> bool {
    conflict((a.focus, a.intensity), (b.focus, b.intensity))
}

/// Verdicts for same-muscle sessions on one day or on consecutive days (neighbouring weeks
/// included); the verdict sits on the later session, or on this week's side of the boundary.
pub fn check(week: &Week) -> Vec<Verdict> {
    let mut out = Vec::new();
    for d in 0..7usize {
        let lifts: Vec<_> = week.days[d].lifts().collect();
        for (j, (kb, b)) in lifts.iter().enumerate() {
            if let Some((_, a)) = lifts[..j].iter().find(|(_, a)| lifts_conflict(a, b)) {
                out.push(Verdict::new(
                    ID,
                    d,
                    Some(*kb),
                    format!(
                        "{} holds two sessions loading the same muscles ({} and {}); they need 48 h apart.",
                        weekday(d as isize).name(),
                        focus_phrase(a.focus),
                        focus_phrase(b.focus)
                    ),
                ));
            }
        }
    }
    for d in -1isize..=6 {
        let (Some(day), Some(next)) = (week.day(d), week.day(d + 1)) else {
            continue;
        };
        for (kb, b) in next.lifts() {
            if let Some((ka, a)) = day.lifts().find(|(_, a)| lifts_conflict(a, b)) {
                let (at, item) = if d + 1 == 7 {
                    (6usize, Some(ka))
                } else {
                    ((d + 1) as usize, Some(kb))
                };
                let item = if d < 0 { Some(kb) } else { item };
                out.push(Verdict::new(
                    ID,
                    at,
                    item,
                    format!(
                        "The {} session on {} and the {} session on {} load the same muscles less than 48 h apart.",
                        focus_phrase(a.focus),
                        day_name(d),
                        focus_phrase(b.focus),
                        day_name(d + 1)
                    ),
                ));
            }
        }
    }
    out
}

fn day_name(d: isize) -> &'static str {
    match d {
        -1 => "the Sunday before",
        7 => "the Monday after",
        _ => weekday(d).name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::week::{Day, Item};

    fn lift(f: Focus, i: Intensity) -> Item {
        Item::Strength(Lift {
            focus: f,
            intensity: i,
            minutes: None,
            separate: false,
        })
    }

    #[test]
    fn full_then_lower_next_day_conflicts() {
        let mut w = Week::default();
        w.days[3] = Day {
            items: vec![lift(Focus::Full, Intensity::Moderate)],
            marked_rest: false,
        };
        w.days[4] = Day {
            items: vec![lift(Focus::Lower, Intensity::Light)],
            marked_rest: false,
        };
        let v = check(&w);
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].day, v[0].item), (4, Some(0)));
    }

    #[test]
    fn exemptions_and_disjoint_groups() {
        assert!(!conflict(
            (Focus::Lower, Intensity::Heavy),
            (Focus::Upper, Intensity::Heavy)
        ));
        assert!(!conflict(
            (Focus::Full, Intensity::Heavy),
            (Focus::Mobility, Intensity::Bodyweight)
        ));
        assert!(!conflict(
            (Focus::Full, Intensity::Heavy),
            (Focus::Core, Intensity::Light)
        ));
        assert!(conflict(
            (Focus::Full, Intensity::Heavy),
            (Focus::Core, Intensity::Moderate)
        ));
        assert!(conflict(
            (Focus::Upper, Intensity::Light),
            (Focus::Upper, Intensity::Light)
        ));
    }

    #[test]
    fn across_the_week_boundary_and_within_a_day() {
        let mut w = Week::default();
        w.days[0] = Day {
            items: vec![lift(Focus::Lower, Intensity::Moderate)],
            marked_rest: false,
        };
        w.prev = Some(Day {
            items: vec![lift(Focus::Full, Intensity::Moderate)],
            marked_rest: false,
        });
        w.days[6] = Day {
            items: vec![
                lift(Focus::Upper, Intensity::Moderate),
                lift(Focus::Upper, Intensity::Light),
            ],
            marked_rest: false,
        };
        w.next = Some(Day {
            items: vec![lift(Focus::Full, Intensity::Light)],
            marked_rest: false,
        });
        let v = check(&w);
        let days: Vec<_> = v.iter().map(|v| v.day).collect();
        assert_eq!(v.len(), 3, "{v:?}");
        assert!(days.contains(&0) && days.iter().filter(|d| **d == 6).count() == 2);
    }
}
