//! The training log a request works on: the single runner's SQLite file, or one athlete
//! of coach mode's PostgreSQL database, behind one [`Store`].
//!
//! A [`LogStore`] is only made by [`crate::scope`], after the request was authorised for
//! the athlete it is bound to.

use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::activity::{Activity, CheckIn, LoggedSet, StrengthWorkout};
use keel_core::load::{ActivitySummary, WorkoutSummary};
use keel_core::marks::Mark;
use keel_store::{
    Adjustment, AdjustmentSync, CalendarRecord, Counts, FileOutcome, Id, ImportedFile,
    InsertOutcome, NewAdjustment, NewFile, PgAthleteStore, PlanEdit, Result, SqliteStore, Store,
    StoredActivity, StoredEdit, StoredProfile, StoredWorkout,
};

/// One athlete's training log on either backend (one per request: the size difference
/// between the variants does not matter).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum LogStore {
    /// The single runner's SQLite file.
    Sqlite(SqliteStore),
    /// One athlete of the coach-mode database.
    Pg(PgAthleteStore),
}

macro_rules! each {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            LogStore::Sqlite($s) => $e,
            LogStore::Pg($s) => $e,
        }
    };
}

impl Store for LogStore {
    fn data_version(&self) -> Result<u64> {
        each!(self, s => s.data_version())
    }
    fn set_profile(&mut self, source: &str, toml: &str) -> Result<Id> {
        each!(self, s => s.set_profile(source, toml))
    }
    fn latest_profile(&self) -> Result<Option<StoredProfile>> {
        each!(self, s => s.latest_profile())
    }
    fn profile_history(&self) -> Result<Vec<StoredProfile>> {
        each!(self, s => s.profile_history())
    }
    fn insert_activity(&mut self, a: &Activity, hash: Option<&str>) -> Result<InsertOutcome> {
        each!(self, s => s.insert_activity(a, hash))
    }
    fn activity(&self, id: Id) -> Result<Option<StoredActivity>> {
        each!(self, s => s.activity(id))
    }
    fn activities(
        &self,
        from: Timestamp,
        to: Timestamp,
        samples: bool,
    ) -> Result<Vec<StoredActivity>> {
        each!(self, s => s.activities(from, to, samples))
    }
    fn activity_summaries(&self, from: Timestamp, to: Timestamp) -> Result<Vec<ActivitySummary>> {
        each!(self, s => s.activity_summaries(from, to))
    }
    fn recent_activities(&self, before: Timestamp, limit: usize) -> Result<Vec<StoredActivity>> {
        each!(self, s => s.recent_activities(before, limit))
    }
    fn delete_activity(&mut self, id: Id) -> Result<bool> {
        each!(self, s => s.delete_activity(id))
    }
    fn insert_workout(&mut self, w: &StrengthWorkout) -> Result<InsertOutcome> {
        each!(self, s => s.insert_workout(w))
    }
    fn append_sets(&mut self, workout: Id, sets: &[LoggedSet]) -> Result<()> {
        each!(self, s => s.append_sets(workout, sets))
    }
    fn workouts(&self, from: Date, to: Date) -> Result<Vec<StoredWorkout>> {
        each!(self, s => s.workouts(from, to))
    }
    fn workout_summaries(&self, from: Date, to: Date) -> Result<Vec<WorkoutSummary>> {
        each!(self, s => s.workout_summaries(from, to))
    }
    fn recent_workouts(&self, to: Date, limit: usize) -> Result<Vec<StoredWorkout>> {
        each!(self, s => s.recent_workouts(to, limit))
    }
    fn delete_workout(&mut self, id: Id) -> Result<bool> {
        each!(self, s => s.delete_workout(id))
    }
    fn file_by_hash(&self, hash: &str) -> Result<Option<ImportedFile>> {
        each!(self, s => s.file_by_hash(hash))
    }
    fn import_file(
        &mut self,
        file: &NewFile,
        activities: &[Activity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        each!(self, s => s.import_file(file, activities, workouts))
    }

    fn import_encoded(
        &mut self,
        file: &NewFile,
        activities: &[keel_store::samples::EncodedActivity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        each!(self, s => s.import_encoded(file, activities, workouts))
    }

    fn record_rejected(&mut self, file: &NewFile, reason: &str) -> Result<Id> {
        each!(self, s => s.record_rejected(file, reason))
    }
    fn recent_files(&self, limit: usize) -> Result<Vec<ImportedFile>> {
        each!(self, s => s.recent_files(limit))
    }
    fn put_checkin(&mut self, c: &CheckIn) -> Result<Option<CheckIn>> {
        each!(self, s => s.put_checkin(c))
    }
    fn checkins(&self, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        each!(self, s => s.checkins(from, to))
    }
    fn put_adjustment(&mut self, a: &NewAdjustment) -> Result<Id> {
        each!(self, s => s.put_adjustment(a))
    }
    fn set_adjustment_active(&mut self, id: Id, active: bool) -> Result<bool> {
        each!(self, s => s.set_adjustment_active(id, active))
    }
    fn sync_adjustments(
        &mut self,
        from: Date,
        to: Date,
        current: &[NewAdjustment],
    ) -> Result<AdjustmentSync> {
        each!(self, s => s.sync_adjustments(from, to, current))
    }
    fn adjustments(&self, from: Date, to: Date, active_only: bool) -> Result<Vec<Adjustment>> {
        each!(self, s => s.adjustments(from, to, active_only))
    }
    fn calendar_records(&self) -> Result<Vec<CalendarRecord>> {
        each!(self, s => s.calendar_records())
    }
    fn put_calendar_records(&mut self, records: &[CalendarRecord]) -> Result<()> {
        each!(self, s => s.put_calendar_records(records))
    }
    fn plan_edits(&self) -> Result<Vec<StoredEdit>> {
        each!(self, s => s.plan_edits())
    }
    fn put_plan_edit(&mut self, edit: &PlanEdit) -> Result<Id> {
        each!(self, s => s.put_plan_edit(edit))
    }
    fn delete_plan_edit(&mut self, id: Id) -> Result<bool> {
        each!(self, s => s.delete_plan_edit(id))
    }
    fn session_marks(&self, from: Date, to: Date) -> Result<Vec<Mark>> {
        each!(self, s => s.session_marks(from, to))
    }
    fn put_session_mark(&mut self, mark: &Mark) -> Result<()> {
        each!(self, s => s.put_session_mark(mark))
    }
    fn delete_session_mark(&mut self, date: Date) -> Result<bool> {
        each!(self, s => s.delete_session_mark(date))
    }
    fn counts(&self) -> Result<Counts> {
        each!(self, s => s.counts())
    }
}
