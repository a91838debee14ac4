//! `strength-volume-by-phase`: weekly strength volume (working sets) falls as running gets
//! specific. Build is maintenance: at most the base volume, typically two thirds of it; peak
//! at most half; taper a third or less; never the most sets in the biggest running weeks.

use crate::model::Phase;

/// The rule id.
pub const ID: &str = "strength-volume-by-phase";

/// Share of the base week's sets a week of `phase` may hold; `None` for phases whose volume
/// is what the session minutes hold (base, fitness, off-season).
pub fn share(phase: Phase) -> Option<f64> {
    match phase {
        Phase::Base | Phase::Fitness | Phase::OffSeason => None,
        Phase::Build => Some(2.0 / 3.0),
        Phase::Peak => Some(0.5),
        Phase::Taper | Phase::Race | Phase::Recovery => Some(1.0 / 3.0),
    }
}

/// Share for a week whose running rises clearly above the usual week (an added race or long
/// run): strength gives way as in build.
pub const BIG_RUNNING_WEEK_SHARE: f64 = 2.0 / 3.0;

/// Running minutes above the usual week's by more than this share make a big running week.
pub const BIG_RUNNING_WEEK: f64 = 0.10;

/// The most sets a week of `phase` holds when base weeks hold `base` sets.
pub fn budget(phase: Phase, base: u32) -> Option<u32> {
    share(phase).map(|s| ((f64::from(base) * s).floor() as u32).max(1))
}

/// A sentence for the week's adjustments.
pub fn explain(phase: Phase, sets: u32, base: u32) -> String {
    let what = match phase {
        Phase::Build => "build is maintenance while race-specific running grows",
        Phase::Peak => "peak weeks keep strength at half the base volume at most",
        Phase::Taper => "the taper keeps a third of the base volume at most",
        Phase::Race => "race week keeps strength token and light",
        Phase::Recovery => "recovery after the race is mobility first",
        _ if sets >= base => {
            // The least dose already: the week cannot give way, it only does not grow.
            return format!(
                "{sets} strength sets this week, no more than in a base week ({base}): \
                 running rises this week, so strength does not grow."
            );
        }
        _ => "running rises this week, so strength gives way",
    };
    format!("{sets} strength sets this week against {base} in a base week: {what}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_falls_through_the_season() {
        assert_eq!(budget(Phase::Base, 24), None);
        assert_eq!(budget(Phase::Build, 24), Some(16));
        assert_eq!(budget(Phase::Peak, 24), Some(12));
        assert_eq!(budget(Phase::Taper, 24), Some(8));
        assert_eq!(budget(Phase::Taper, 2), Some(1));
    }

    #[test]
    fn a_big_running_week_never_claims_a_cut_it_did_not_make() {
        let cut = explain(Phase::Base, 9, 14);
        assert!(cut.contains("gives way"), "{cut}");
        let flat = explain(Phase::Base, 14, 14);
        assert!(
            !flat.contains("gives way") && flat.contains("does not grow"),
            "{flat}"
        );
    }
}
