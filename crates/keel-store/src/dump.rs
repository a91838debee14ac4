//! [`LogDump`]: everything one athlete's training log holds, row for row, for moving a log
//! between backends (`keel migrate`): the SQLite file of one runner into an athlete of the
//! server, and back.
//!
//! Invariants: a dump carries every table's columns (bookkeeping times, richness, sample
//! blobs as stored, adjustments' active state), so restoring it gives the same tables;
//! references between rows (an activity's file) are by the dump's own ids, which a
//! restore maps to the ids it assigns.

use crate::{
    Adjustment, CalendarRecord, ImportedFile, StoredActivity, StoredEdit, StoredProfile,
    StoredWorkout,
};
use jiff::Timestamp;
use keel_core::activity::CheckIn;
use keel_core::marks::Mark;

/// A sample blob as stored (format version and bytes; see [`crate::samples`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleBlob {
    /// Format version.
    pub format: i64,
    /// The encoded samples.
    pub data: Vec<u8>,
}

/// An activity row with its laps, its sample blob and its bookkeeping columns.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpedActivity {
    /// The activity (laps loaded; samples left in [`DumpedActivity::samples`]).
    pub stored: StoredActivity,
    /// The sample blob, if any.
    pub samples: Option<SampleBlob>,
    /// The stored richness (decides duplicates).
    pub richness: i64,
    /// When the row was created.
    pub created_at: Timestamp,
}

/// A workout row with its sets.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpedWorkout {
    /// The workout with its sets.
    pub stored: StoredWorkout,
    /// When the row was created.
    pub created_at: Timestamp,
}

/// A check-in row.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpedCheckIn {
    /// The check-in.
    pub checkin: CheckIn,
    /// When it was recorded.
    pub recorded_at: Timestamp,
}

/// A calendar record row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpedCalendarRecord {
    /// The record.
    pub record: CalendarRecord,
    /// When it was last written.
    pub updated_at: Timestamp,
}

/// A session mark row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpedMark {
    /// The mark.
    pub mark: Mark,
    /// When it was made.
    pub marked_at: Timestamp,
}

/// One athlete's whole log (see the module docs). Each list is in id order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogDump {
    /// Every profile version.
    pub profiles: Vec<StoredProfile>,
    /// Every imported-files row.
    pub files: Vec<ImportedFile>,
    /// Every activity.
    pub activities: Vec<DumpedActivity>,
    /// Every strength workout.
    pub workouts: Vec<DumpedWorkout>,
    /// Every check-in, by date.
    pub checkins: Vec<DumpedCheckIn>,
    /// Every adjustment, active or not.
    pub adjustments: Vec<Adjustment>,
    /// Every calendar record, by UID.
    pub calendar: Vec<DumpedCalendarRecord>,
    /// Every plan edit, in the order they apply (restored in that order).
    pub plan_edits: Vec<StoredEdit>,
    /// Every session mark, by date.
    pub marks: Vec<DumpedMark>,
}

impl LogDump {
    /// Whether the log holds nothing at all.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
            && self.files.is_empty()
            && self.activities.is_empty()
            && self.workouts.is_empty()
            && self.checkins.is_empty()
            && self.adjustments.is_empty()
            && self.calendar.is_empty()
            && self.plan_edits.is_empty()
            && self.marks.is_empty()
    }

    /// Rows per table, for messages: profiles, files, activities, workouts, check-ins,
    /// adjustments, calendar records, plan edits, session marks.
    pub fn summary(&self) -> String {
        let sets: usize = self
            .workouts
            .iter()
            .map(|w| w.stored.workout.sets.len())
            .sum();
        let samples: usize = self.activities.iter().map(|a| a.stored.sample_count).sum();
        format!(
            "{} profile versions, {} imported files, {} activities ({} samples), {} strength \
             workouts ({} sets), {} check-ins, {} adjustments, {} calendar records, {} plan edits, {} session marks",
            self.profiles.len(),
            self.files.len(),
            self.activities.len(),
            samples,
            self.workouts.len(),
            sets,
            self.checkins.len(),
            self.adjustments.len(),
            self.calendar.len(),
            self.plan_edits.len(),
            self.marks.len()
        )
    }
}
