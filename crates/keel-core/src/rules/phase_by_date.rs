//! `phase-by-date`: phases counted back from the race date.

use crate::model::{Phase, RaceDistance};

/// The rule id.
pub const ID: &str = "phase-by-date";

/// Taper weeks for a race: 2 for a half-marathon and longer, 1 for shorter races.
pub fn taper_weeks(race: RaceDistance) -> usize {
    if race.km() >= RaceDistance::Half.km() {
        2
    } else {
        1
    }
}

/// Peak weeks: 3 in blocks of 16 weeks or more, else 2.
pub fn peak_weeks(total: usize) -> usize {
    if total >= 16 {
        3
    } else {
        2
    }
}

/// The phase of each of `total` weeks, the last being race week.
///
/// Working back: race week, taper, peak, build (about a third of all weeks), base for the
/// rest. Short blocks lose base first, then build, peak and taper; race week always stays.
pub fn phases(total: usize, race: RaceDistance) -> Vec<Phase> {
    if total == 0 {
        return Vec::new();
    }
    let mut rest = total - 1;
    let taper = taper_weeks(race).min(rest);
    rest -= taper;
    let peak = peak_weeks(total).min(rest);
    rest -= peak;
    let build = ((total as f64) / 3.0).round() as usize;
    let build = build.min(rest);
    let base = rest - build;
    let mut out = Vec::with_capacity(total);
    out.extend(std::iter::repeat_n(Phase::Base, base));
    out.extend(std::iter::repeat_n(Phase::Build, build));
    out.extend(std::iter::repeat_n(Phase::Peak, peak));
    out.extend(std::iter::repeat_n(Phase::Taper, taper));
    out.push(Phase::Race);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_week_half_marathon() {
        let p = phases(16, RaceDistance::Half);
        assert_eq!(p.len(), 16);
        assert_eq!(p[15], Phase::Race);
        assert_eq!(&p[13..15], &[Phase::Taper, Phase::Taper]);
        assert_eq!(&p[10..13], &[Phase::Peak; 3]);
        assert_eq!(p.iter().filter(|x| **x == Phase::Build).count(), 5);
        assert_eq!(p.iter().filter(|x| **x == Phase::Base).count(), 5);
    }

    #[test]
    fn short_races_taper_one_week_and_short_blocks_lose_base_first() {
        let p = phases(8, RaceDistance::K10);
        assert_eq!(p.iter().filter(|x| **x == Phase::Taper).count(), 1);
        assert_eq!(phases(1, RaceDistance::Marathon), vec![Phase::Race]);
        assert_eq!(
            phases(3, RaceDistance::Marathon),
            vec![Phase::Taper, Phase::Taper, Phase::Race]
        );
        let p = phases(5, RaceDistance::Marathon);
        assert_eq!(
            p,
            vec![
                Phase::Peak,
                Phase::Peak,
                Phase::Taper,
                Phase::Taper,
                Phase::Race
            ]
        );
        for n in 1..60 {
            let p = phases(n, RaceDistance::Half);
            assert_eq!(p.len(), n);
            assert!(
                p.windows(2).all(|w| w[0] <= w[1]),
                "phases must run in order: {p:?}"
            );
        }
    }
}
