//! `taper-volume`: running volume down 40-60% in the taper, intensity kept.

/// The rule id.
pub const ID: &str = "taper-volume";

/// Share of the usual running minutes kept in taper week `k` (0-based) of `len`, and in race
/// week (`k == len`): 60% then 50% over two weeks, 50% in a one-week taper, 40% in race week.
pub fn run_factor(k: usize, len: usize) -> f64 {
    match (len, k) {
        (2, 0) => 0.6,
        (_, k) if k >= len => 0.4,
        _ => 0.5,
    }
}

/// Longest shake-out in race week, in minutes: the day before the race, and other days.
/// The long run of the template becomes one of these, never a long easy run.
pub const SHAKE_OUT_MINUTES: (u32, u32) = (20, 30);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_stay_within_40_to_60_percent() {
        for len in 1..=2 {
            for k in 0..=len {
                let cut = 1.0 - run_factor(k, len);
                assert!((0.4..=0.6).contains(&cut), "len {len} week {k}: {cut}");
            }
        }
        assert!(run_factor(0, 2) > run_factor(1, 2));
    }
}
