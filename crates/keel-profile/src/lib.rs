//! keel-profile: reads keel's TOML files (the athlete profile, and week files for
//! `keel check`) into validated keel-core types.
//!
//! Every error names the file, line and column and says what was expected, suggesting the
//! closest valid word for a misspelt key or value. Raw input is validated once here, so
//! nothing downstream re-checks strings.
//!
//! This crate takes text, never a path, and never reads the clock: checks that need "today"
//! take it as a parameter. From keel-core it uses the types and the exercise library (to check
//! `[exercises]` aliases), never the planner.

mod doc;
mod entry;
mod error;
mod profile;
mod suggest;
mod week;

pub use entry::{parse_amount, Amount};
pub use error::{ErrorKind, ProfileError};
pub use profile::{
    ATHLETE_KEYS, DAY_KEYS, GOAL_KEYS, GOAL_KINDS, OVERRIDE_KEYS, PLAN_KEYS, PREFERENCE_KEYS,
    SCHEDULE_KEYS, TOP_KEYS, WEEK_KEYS,
};
pub use suggest::closest;

use keel_core::model::{DayEntry, Profile, RunSpec, WeekSpec};

/// Parses and validates a profile. `source_name` is only used in error messages.
///
/// Dates are checked against each other (race before `[plan].start`, race more than two
/// years after it); use [`parse_profile_as_of`] to also check them against today.
pub fn parse_profile(source_name: &str, text: &str) -> Result<Profile, ProfileError> {
    profile::parse(source_name, text, None)
}

/// Like [`parse_profile`], and also rejects a race date before `today` or more than two
/// years after it (when no start is given).
pub fn parse_profile_as_of(
    source_name: &str,
    text: &str,
    today: jiff::civil::Date,
) -> Result<Profile, ProfileError> {
    profile::parse(source_name, text, Some(today))
}

/// Parses a week file for `keel check` (a `[week]` table; a full profile works too).
///
/// Days are strings or lists of strings in the order they happen; strength entries are
/// `strength FOCUS [INTENSITY] [DURATION]`.
pub fn parse_week(source_name: &str, text: &str) -> Result<WeekSpec, ProfileError> {
    week::parse(source_name, text)
}

/// Parses one run entry such as `easy 40min`, `long 1h50`, `easy 5mi` or `rest`.
///
/// The error's `ProfileError` fields locate the problem inside `entry` (line 1).
pub fn parse_run_entry(entry: &str) -> Result<RunSpec, ProfileError> {
    entry::parse_run(entry, "the entry").map_err(|e| located_in(entry, e))
}

/// Parses one day entry of a week file: a run or `strength FOCUS [INTENSITY] [DURATION]`.
pub fn parse_day_entry(entry: &str) -> Result<DayEntry, ProfileError> {
    entry::parse_entry(entry, "the entry", entry::Allow::RunsAndStrength)
        .map_err(|e| located_in(entry, e))
}

fn located_in(text: &str, e: entry::EntryError) -> ProfileError {
    doc::Doc {
        name: "<entry>",
        text,
    }
    .error(e.offset..e.offset + e.len, *e.kind)
}
