//! `race-recovery`: after a race, no hard running until the legs have recovered. The rest of
//! the race week holds rest (after a marathon or ultra) or short recovery runs; a race late in
//! a week (Thursday to Sunday) makes the next week a `recovery` week: easy running at about
//! 70% of the usual minutes, mobility only.

use crate::model::RaceDistance;

/// The rule id.
pub const ID: &str = "race-recovery";

/// Share of the usual running minutes in a recovery week.
pub const WEEK_FACTOR: f64 = 0.7;

/// Longest recovery run in the days after a race, minutes.
pub const RUN_MINUTES: u32 = 30;

/// Whether the rest of race week is rest rather than recovery runs.
pub fn rest_after(race: RaceDistance) -> bool {
    matches!(race, RaceDistance::Marathon | RaceDistance::Ultra)
}

/// Whether a race on weekday `index` (0 = Monday) makes the next week a recovery week.
pub fn next_week_recovers(index: usize) -> bool {
    index >= 3
}
