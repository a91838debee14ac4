//! keel-store: keeps the training log (activities with their samples and laps, strength
//! workouts, imported files, check-ins, plan adjustments), the athlete profile, the runner's
//! own changes to the plan (swaps, moves, done and skipped marks), and coach mode's accounts.
//!
//! The [`Store`] trait is the whole contract for one athlete's log and the only way in: its
//! types are keel's own (no database type crosses it). Two backends implement it, with
//! versioned migrations from one list ([`SCHEMA_VERSION`]) applied on open:
//! - [`SqliteStore`]: an embedded SQLite file (WAL, foreign keys, busy timeout), one module
//!   per table in `src/sqlite/`: a single runner's log, one athlete implicitly;
//! - [`PgAthleteStore`]: one athlete of a PostgreSQL database ([`PgDatabase`]), the handle
//!   [`PgDatabase::athlete`] gives for an [`AthleteId`] that only the [`Accounts`] layer
//!   makes, so no code can reach an athlete's rows without going through it.
//!
//! [`WindowStore`] answers the same trait from one athlete's data read in a batch (jobs over
//! many athletes).
//!
//! This crate decodes no file formats (keel-import does), holds no rules (keel-core does),
//! and prints nothing. Times are stored in UTC; calendar dates are the runner's local dates.

pub mod accounts;
mod check;
pub mod dump;
mod edit_rows;
mod error;
pub mod hash;
mod migrations;
mod pg;
pub mod samples;
mod sqlite;
#[doc(hidden)]
pub mod testing;
mod window;

pub use accounts::{AccountError, Accounts, AthleteId, Role, Secret, UserId};
pub use dump::LogDump;
pub use error::{Result, StoreError};
pub use hash::content_hash;
pub use migrations::SCHEMA_VERSION;
pub use pg::{
    AdjustmentsInForce, AthleteWindow, Change, Changes, MigrateTarget, PgAthleteStore, PgDatabase,
    PgOptions, Restored, Window,
};
pub use sqlite::SqliteStore;
pub use window::WindowStore;

use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::activity::{Activity, CheckIn, StrengthWorkout};
use keel_core::load::{ActivitySummary, WorkoutSummary};

/// One exported calendar event's record: what the calendar export last wrote for it, so a
/// changed session gets the next SEQUENCE and calendars update it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarRecord {
    /// The event's UID.
    pub uid: String,
    /// Hash of what was written for it.
    pub content_hash: String,
    /// The SEQUENCE written with that content.
    pub sequence: u32,
}

/// Row id of a stored record.
pub type Id = i64;

// The same-activity rule is domain logic (keel_core::activity); re-exported because the
// store applies it on every insert and its callers have long named these here.
pub use keel_core::activity::{DUPLICATE_DURATION_TOLERANCE, DUPLICATE_START_WINDOW_S};

/// What an insert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// A new record with this id.
    Inserted(Id),
    /// The record was already there (this id): nothing was added. Missing name, RPE or run
    /// type on the stored record are filled from the new copy.
    Duplicate(Id),
    /// The same activity was stored from a poorer source; the record with this id now
    /// holds the richer copy (its name, RPE and run type kept when the new copy lacks them).
    Replaced(Id),
}

impl InsertOutcome {
    /// The id of the record that now holds the data.
    pub fn id(self) -> Id {
        match self {
            InsertOutcome::Inserted(id)
            | InsertOutcome::Duplicate(id)
            | InsertOutcome::Replaced(id) => id,
        }
    }
    /// Whether it added or improved anything.
    pub fn changed(self) -> bool {
        !matches!(self, InsertOutcome::Duplicate(_))
    }
}

/// A stored activity.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredActivity {
    /// Row id.
    pub id: Id,
    /// The imported file it came from, if any.
    pub file_id: Option<Id>,
    /// Content hash of the source file, if any.
    pub content_hash: Option<String>,
    /// Number of samples (also when they were not loaded).
    pub sample_count: usize,
    /// The activity; `samples` and `laps` are empty unless loaded.
    pub activity: Activity,
}

/// A stored strength workout.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredWorkout {
    /// Row id.
    pub id: Id,
    /// The imported file it came from, if any.
    pub file_id: Option<Id>,
    /// The workout with its sets in order.
    pub workout: StrengthWorkout,
}

/// A stored athlete profile: the TOML as given, so it is re-validated by the current keel
/// whenever it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProfile {
    /// Row id; higher is newer.
    pub id: Id,
    /// File name it was read from.
    pub source: String,
    /// The TOML text.
    pub toml: String,
    /// When it was stored.
    pub set_at: Timestamp,
}

/// A file about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Path as given (`export.zip!activities/1.fit.gz` for archive entries).
    pub path: String,
    /// File name only.
    pub name: String,
    /// [`content_hash`] of its bytes (after decompression is fine, as long as it is consistent).
    pub content_hash: String,
    /// Size in bytes, when known.
    pub size: Option<u64>,
    /// Format id: `fit`, `gpx`, `tcx`, `strong-csv`, `hevy-csv`, ...
    pub format: String,
}

/// What happened to an imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileResult {
    /// Stored in full.
    Imported,
    /// Stored, but the file was damaged and only partly recovered.
    Partial,
    /// Everything in it was already stored.
    Duplicate,
    /// Nothing could be read from it.
    Rejected,
}

impl FileResult {
    /// The id stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            FileResult::Imported => "imported",
            FileResult::Partial => "partial",
            FileResult::Duplicate => "duplicate",
            FileResult::Rejected => "rejected",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Self> {
        [
            Self::Imported,
            Self::Partial,
            Self::Duplicate,
            Self::Rejected,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// A row of the imported-files table.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFile {
    /// Row id.
    pub id: Id,
    /// Path as given.
    pub path: String,
    /// File name.
    pub name: String,
    /// Content hash.
    pub content_hash: String,
    /// Size in bytes.
    pub size: Option<u64>,
    /// Format id.
    pub format: String,
    /// Result.
    pub result: FileResult,
    /// Rejection reason, or what a partial file lost.
    pub detail: Option<String>,
    /// Activities it added or improved.
    pub activities: u32,
    /// Strength workouts it added.
    pub workouts: u32,
    /// When.
    pub imported_at: Timestamp,
}

/// What [`Store::import_file`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    /// A file with the same content hash was imported before: nothing was written.
    AlreadyImported(ImportedFile),
    /// The file was recorded; one outcome per activity and per workout, in input order.
    Stored {
        /// The new imported-files row.
        file_id: Id,
        /// Imported, partial, or duplicate (when every record was already there).
        result: FileResult,
        /// Per activity.
        activities: Vec<InsertOutcome>,
        /// Per workout.
        workouts: Vec<InsertOutcome>,
    },
}

/// An adjustment to the plan, as computed by the adaptation rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAdjustment {
    /// The plan day it changes.
    pub date: Date,
    /// Rule id from the rule book.
    pub rule: String,
    /// What it does, e.g. `drop-to-mobility`, `one-set-fewer`.
    pub kind: String,
    /// The reason shown to the runner.
    pub text: String,
    /// Optional machine-readable detail (JSON), for the planner.
    pub detail: Option<String>,
}

/// A stored adjustment. Identity is (date, rule, kind): storing it again updates the text
/// and makes it active again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    /// Row id.
    pub id: Id,
    /// Date, rule, kind, text, detail.
    pub adjustment: NewAdjustment,
    /// In force (false once its signal cleared).
    pub active: bool,
    /// When it was first stored.
    pub created_at: Timestamp,
    /// When it was cleared, if it is not active.
    pub cleared_at: Option<Timestamp>,
}

/// What [`Store::sync_adjustments`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AdjustmentSync {
    /// New or re-activated.
    pub added: usize,
    /// Already active, kept (text updated).
    pub kept: usize,
    /// Active before, not in the new set: cleared.
    pub cleared: usize,
}

/// One of the runner's own changes to the plan (`runner-choice`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanEdit {
    /// An exercise swapped for another from a date on.
    Swap(keel_core::edits::Swap),
    /// A strength session moved to another day of its week.
    Move(keel_core::edits::Move),
}

/// A stored plan edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEdit {
    /// Row id; edits apply in id order.
    pub id: Id,
    /// The edit.
    pub edit: PlanEdit,
    /// When it was first stored.
    pub created_at: Timestamp,
}

/// How many records of each kind are stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Profiles (every version).
    pub profiles: u64,
    /// Imported-files rows (every result).
    pub files: u64,
    /// Activities.
    pub activities: u64,
    /// Samples over all activities.
    pub samples: u64,
    /// Laps.
    pub laps: u64,
    /// Strength workouts.
    pub workouts: u64,
    /// Strength sets.
    pub sets: u64,
    /// Check-ins.
    pub checkins: u64,
    /// Active adjustments.
    pub adjustments_active: u64,
}

/// The training log's storage: one athlete's log (a backend holding several athletes
/// scopes every read and write to the athlete it was opened for).
///
/// Invariants every backend keeps:
/// - every write is atomic: it happens entirely or not at all;
/// - [`Store::data_version`] changes with every write that changed anything, whichever
///   process or connection made it, and never otherwise goes back: callers key cached
///   results (the plan in force, adaptation, load series) on it;
/// - reads return only what they are asked for (windows, limits), in the stated order;
///   a window's strength sets come in one round trip, never one per workout.
///
/// Ranges: timestamps are half-open `[from, to)`; dates are inclusive `from..=to`.
pub trait Store {
    /// A number that changes whenever anything stored changed (any table, any process).
    /// Read it before the data a cached result is computed from: a write landing in
    /// between then only costs a recomputation, never a stale result.
    fn data_version(&self) -> Result<u64>;

    /// A result derived from the log and kept by [`Store::keep`]: the data version it was
    /// computed at and its bytes. A cache: `None` when nothing is kept under `name` (or the
    /// backend keeps nothing); the caller compares the version with [`Store::data_version`].
    fn kept(&self, name: &str) -> Result<Option<(u64, Vec<u8>)>> {
        let _ = name;
        Ok(None)
    }

    /// Keeps a result derived from the log at data `version` under `name`, replacing what
    /// was kept. Never changes [`Store::data_version`]; never waits for another writer (a
    /// busy database keeps nothing: a cache may always miss). Backends without a place for
    /// it keep nothing.
    fn keep(&self, name: &str, version: u64, body: &[u8]) -> Result<()> {
        let _ = (name, version, body);
        Ok(())
    }

    /// Stores a new profile version (validated by the caller); it becomes the latest.
    fn set_profile(&mut self, source: &str, toml: &str) -> Result<Id>;
    /// The profile in force, if one was ever set.
    fn latest_profile(&self) -> Result<Option<StoredProfile>>;
    /// Every profile version, newest first.
    fn profile_history(&self) -> Result<Vec<StoredProfile>>;

    /// Stores one activity, detecting the same recording from another file
    /// ([`keel_core::activity::same_activity`]); the richer copy is kept
    /// ([`keel_core::activity::richness`]: a complete file over a partial one, then more
    /// sample values, then more summary fields and laps). Activities whose source is
    /// `manual` are never treated as duplicates.
    fn insert_activity(
        &mut self,
        activity: &Activity,
        content_hash: Option<&str>,
    ) -> Result<InsertOutcome>;
    /// One activity with samples and laps.
    fn activity(&self, id: Id) -> Result<Option<StoredActivity>>;
    /// Activities starting in `[from, to)`, oldest first; samples and laps only if asked.
    fn activities(
        &self,
        from: Timestamp,
        to: Timestamp,
        with_samples: bool,
    ) -> Result<Vec<StoredActivity>>;
    /// Activities starting in `[from, to)`, oldest first, each summarised for its load.
    ///
    /// Invariants: the same activities in the same order as [`Store::activities`] (start
    /// time, then insertion), each equal to
    /// [`ActivitySummary::of`](keel_core::load::ActivitySummary::of) that activity. It reads
    /// only the columns the summary holds (never samples or laps), so the load series can
    /// read ten years of history cheaply. The default reads the activities and summarises
    /// them.
    fn activity_summaries(&self, from: Timestamp, to: Timestamp) -> Result<Vec<ActivitySummary>> {
        Ok(self
            .activities(from, to, false)?
            .iter()
            .map(|a| ActivitySummary::of(&a.activity))
            .collect())
    }
    /// The newest `limit` activities starting before `before`, newest first, without
    /// samples or laps.
    fn recent_activities(&self, before: Timestamp, limit: usize) -> Result<Vec<StoredActivity>>;
    /// Deletes an activity with its samples and laps; false if there was none.
    fn delete_activity(&mut self, id: Id) -> Result<bool>;

    /// Stores a strength workout. An imported workout (source not `manual`) with the same
    /// date, name and start (within a minute) as a stored one is a duplicate.
    fn insert_workout(&mut self, workout: &StrengthWorkout) -> Result<InsertOutcome>;
    /// Appends sets to a stored workout (orders continue after the last one).
    fn append_sets(&mut self, workout: Id, sets: &[keel_core::activity::LoggedSet]) -> Result<()>;
    /// Strength workouts on dates `from..=to`, oldest first, with their sets.
    fn workouts(&self, from: Date, to: Date) -> Result<Vec<StoredWorkout>>;
    /// Strength workouts on dates `from..=to`, oldest first, each summarised for its load
    /// without its sets.
    ///
    /// Invariants: the same workouts in the same order as [`Store::workouts`] (date, then
    /// start time, then insertion), and each summary equal to
    /// [`WorkoutSummary::of`](keel_core::load::WorkoutSummary::of) that workout with its
    /// sets as [`Store::workouts`] returns them, `rpe_sum` to the bit. It reads no more
    /// than the window's workouts: a backend keeps each workout's
    /// [`SetTally`](keel_core::load::SetTally) beside it, written with its sets (insert
    /// and [`Store::append_sets`]), so the sets are never read here. The default reads the
    /// window's workouts with their sets and tallies them.
    fn workout_summaries(&self, from: Date, to: Date) -> Result<Vec<WorkoutSummary>> {
        Ok(self
            .workouts(from, to)?
            .iter()
            .map(|w| WorkoutSummary::of(&w.workout))
            .collect())
    }
    /// The newest `limit` strength workouts dated on or before `to`, newest first, with
    /// their sets.
    fn recent_workouts(&self, to: Date, limit: usize) -> Result<Vec<StoredWorkout>>;
    /// Deletes a workout with its sets; false if there was none.
    fn delete_workout(&mut self, id: Id) -> Result<bool>;

    /// A successfully imported file with this content hash (rejections do not count).
    fn file_by_hash(&self, content_hash: &str) -> Result<Option<ImportedFile>>;
    /// Stores everything decoded from one file in one transaction, or nothing: if a file
    /// with the same hash was imported, writes nothing; otherwise records the file and
    /// inserts each record with de-duplication. `activities` and `workouts` must not both
    /// be empty (record a rejection instead).
    fn import_file(
        &mut self,
        file: &NewFile,
        activities: &[Activity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome>;
    /// [`Store::import_file`] with the activities' samples already encoded (see
    /// [`samples::EncodedActivity`]); the same outcome and the same rows. A backend that
    /// cannot use the blobs stores the activities as [`Store::import_file`] does.
    fn import_encoded(
        &mut self,
        file: &NewFile,
        activities: &[samples::EncodedActivity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        let plain: Vec<Activity> = activities.iter().map(|a| a.activity().clone()).collect();
        self.import_file(file, &plain, workouts)
    }
    /// Records a file that could not be imported, with the reason. The same file rejected
    /// again for the same reason updates the earlier row instead of adding one.
    fn record_rejected(&mut self, file: &NewFile, reason: &str) -> Result<Id>;
    /// The most recent imported-files rows, newest first.
    fn recent_files(&self, limit: usize) -> Result<Vec<ImportedFile>>;

    /// Stores the check-in for its date, replacing any earlier one for that date, which is
    /// returned. Rated items must be 1 to 5 and sleep 0 to 24 h.
    fn put_checkin(&mut self, checkin: &CheckIn) -> Result<Option<CheckIn>>;
    /// Check-ins on dates `from..=to`, oldest first.
    fn checkins(&self, from: Date, to: Date) -> Result<Vec<CheckIn>>;

    /// Stores (or re-activates and updates) one adjustment.
    fn put_adjustment(&mut self, adjustment: &NewAdjustment) -> Result<Id>;
    /// Sets an adjustment's active flag; false if there is no such id.
    fn set_adjustment_active(&mut self, id: Id, active: bool) -> Result<bool>;
    /// Makes `current` the active set for dates `from..=to`: adds or re-activates those
    /// given, clears active ones that are not. Atomic. When `current` is already the
    /// active set, nothing is written.
    fn sync_adjustments(
        &mut self,
        from: Date,
        to: Date,
        current: &[NewAdjustment],
    ) -> Result<AdjustmentSync>;
    /// Adjustments on dates `from..=to`, by date then id; only active ones if asked.
    fn adjustments(&self, from: Date, to: Date, active_only: bool) -> Result<Vec<Adjustment>>;

    /// Every calendar record, by UID (export bookkeeping: a backend may keep none, and
    /// every event then starts at SEQUENCE 0).
    fn calendar_records(&self) -> Result<Vec<CalendarRecord>>;
    /// Inserts or updates calendar records in one transaction; records whose hash and
    /// sequence are unchanged are left alone (no write, no new data version).
    fn put_calendar_records(&mut self, records: &[CalendarRecord]) -> Result<()>;

    /// Every plan edit, in the order they apply (first stored first).
    fn plan_edits(&self) -> Result<Vec<StoredEdit>>;
    /// Stores a plan edit; one with the same kind, date and subject (a swap's exercise and
    /// first day, a move's planned day and focus) is replaced, keeping its place in the
    /// order. Returns its id.
    fn put_plan_edit(&mut self, edit: &PlanEdit) -> Result<Id>;
    /// Deletes a plan edit; false if there was none.
    fn delete_plan_edit(&mut self, id: Id) -> Result<bool>;

    /// Marks on dates `from..=to`, by date.
    fn session_marks(&self, from: Date, to: Date) -> Result<Vec<keel_core::marks::Mark>>;
    /// Stores the mark for its date, replacing any earlier one.
    fn put_session_mark(&mut self, mark: &keel_core::marks::Mark) -> Result<()>;
    /// Deletes the mark of a date; false if there was none.
    fn delete_session_mark(&mut self, date: Date) -> Result<bool>;

    /// How many records of each kind are stored.
    fn counts(&self) -> Result<Counts>;
}
