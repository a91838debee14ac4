//! Default paces, used to turn distances into minutes and minutes into distances when the
//! profile gives only one of them, and to derive weekly kilometres.
//!
//! Minutes per kilometre by experience (beginner / intermediate / advanced):
//! easy and long 7:00 / 6:00 / 5:15, recovery 7:30 / 6:30 / 5:45, tempo 6:00 / 5:00 / 4:30,
//! intervals (whole session, recoveries included) 6:15 / 5:15 / 4:45, hills 6:45 / 5:45 / 5:00.
//! Races: tempo pace times 0.95 (5k), 1.00 (10k), 1.05 (half), 1.12 (marathon), 1.35 (ultra).
//! Cross-training given as a distance counts 3 min/km (cycling) and never as running.

use crate::model::{Experience, RaceDistance, RunType};

fn column(x: Experience) -> usize {
    match x {
        Experience::Beginner => 0,
        Experience::Intermediate => 1,
        Experience::Advanced => 2,
    }
}

/// Minutes per km for a run type and experience.
pub fn min_per_km(t: RunType, x: Experience) -> f64 {
    let row: [f64; 3] = match t {
        RunType::Easy | RunType::Long => [7.0, 6.0, 5.25],
        RunType::Recovery => [7.5, 6.5, 5.75],
        RunType::Tempo => [6.0, 5.0, 4.5],
        RunType::Intervals => [6.25, 5.25, 4.75],
        RunType::Hills => [6.75, 5.75, 5.0],
        RunType::Race => [6.0, 5.0, 4.5],
        RunType::Cross => [3.0, 3.0, 3.0],
        RunType::Rest => [6.0, 6.0, 6.0],
    };
    row[column(x)]
}

/// Race pace, minutes per km.
pub fn race_min_per_km(race: RaceDistance, x: Experience) -> f64 {
    let factor = match race {
        RaceDistance::K5 => 0.95,
        RaceDistance::K10 => 1.0,
        RaceDistance::Half => 1.05,
        RaceDistance::Marathon => 1.12,
        RaceDistance::Ultra => 1.35,
    };
    min_per_km(RunType::Tempo, x) * factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faster_with_experience_and_slower_over_distance() {
        for t in RunType::ALL {
            assert!(min_per_km(*t, Experience::Beginner) >= min_per_km(*t, Experience::Advanced));
        }
        assert!(
            race_min_per_km(RaceDistance::Marathon, Experience::Intermediate)
                > race_min_per_km(RaceDistance::K5, Experience::Intermediate)
        );
        // an intermediate half-marathon takes about 1 h 50
        let m =
            race_min_per_km(RaceDistance::Half, Experience::Intermediate) * RaceDistance::Half.km();
        assert!((100.0..120.0).contains(&m), "{m}");
    }
}
