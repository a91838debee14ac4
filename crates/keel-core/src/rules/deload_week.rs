//! `deload-week`: every 3rd or 4th week, 25% less strength volume, lighter, one more rep in
//! reserve; running from the template scaled down by the same share. Never more than 4
//! loading weeks in a row before the taper (3 from age 40); the schedule is the planner's
//! (`planner::frame`).

/// The rule id.
pub const ID: &str = "deload-week";

/// Share of volume removed in a deload week.
pub const SHARE: f64 = 0.25;

/// Deload every this many weeks: 4 by default, 3 from age 40 (`age-recovery`).
pub fn every(age: u32) -> u32 {
    if age >= 40 {
        3
    } else {
        4
    }
}

/// The most loading weeks in a row before the taper: 4 below 40, 3 from 40.
pub fn max_loading_run(age: u32) -> u32 {
    every(age)
}

/// Removes about 25% of the total sets, from the exercises with the most sets first (later
/// exercises first on ties), keeping at least one set per exercise and always removing at
/// least one set when there is more than one. Returns the sets removed.
pub fn reduce_sets(sets: &mut [u32]) -> u32 {
    let total: u32 = sets.iter().sum();
    if total <= 1 {
        return 0;
    }
    let target = ((f64::from(total) * (1.0 - SHARE)).round() as u32).min(total - 1);
    let mut removed = 0;
    while sets.iter().sum::<u32>() > target {
        let Some(i) = (0..sets.len())
            .rev()
            .filter(|&i| sets[i] > 1)
            .max_by_key(|&i| (sets[i], i))
        else {
            break;
        };
        sets[i] -= 1;
        removed += 1;
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fourth_or_third_week() {
        assert_eq!((every(30), max_loading_run(30)), (4, 4));
        assert_eq!((every(45), max_loading_run(45)), (3, 3));
    }

    #[test]
    fn sets_fall_by_about_a_quarter() {
        let mut s = [3, 3, 3, 3];
        assert_eq!(reduce_sets(&mut s), 3);
        assert_eq!(s.iter().sum::<u32>(), 9);
        let mut s = [2, 2];
        reduce_sets(&mut s);
        assert_eq!(s.iter().sum::<u32>(), 3);
        let mut s = [1, 1, 1];
        assert_eq!(reduce_sets(&mut s), 0);
    }
}
