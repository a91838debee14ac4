//! [`WindowStore`]: the [`Store`] trait answered from one athlete's data read in a batch
//! ([`PgDatabase::windows`](crate::PgDatabase::windows)), so application code that plans and
//! adapts a day through the trait runs unchanged over thousands of athletes without a
//! query per athlete.
//!
//! Invariants: reads inside the window answer exactly what the database would; reads
//! outside it are refused (never a silently short answer); the only write is
//! [`Store::sync_adjustments`], which is kept to be written for the whole batch at once
//! ([`WindowStore::take_pending`]) unless the set in force is already recorded. Every
//! other write is refused.

use crate::pg::{AdjustmentsInForce, AthleteWindow};
use crate::{
    Adjustment, AdjustmentSync, AthleteId, CalendarRecord, Counts, FileOutcome, Id, ImportedFile,
    InsertOutcome, NewAdjustment, NewFile, PlanEdit, Result, Store, StoreError, StoredActivity,
    StoredEdit, StoredProfile, StoredWorkout,
};
use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::activity::{Activity, CheckIn, LoggedSet, StrengthWorkout};
use keel_core::marks::Mark;

/// One athlete's window of data behind the [`Store`] trait (see the module docs).
#[derive(Debug, Clone)]
pub struct WindowStore {
    data: AthleteWindow,
    pending: Option<AdjustmentsInForce>,
}

fn refused(what: &str) -> StoreError {
    StoreError::Invalid {
        field: "window",
        detail: format!("{what} is outside what was read for this batch"),
    }
}

fn read_only() -> StoreError {
    StoreError::Invalid {
        field: "window",
        detail: "a batch window is read-only (adjustments in force aside)".into(),
    }
}

impl WindowStore {
    /// Wraps one athlete's window.
    pub fn new(data: AthleteWindow) -> WindowStore {
        WindowStore {
            data,
            pending: None,
        }
    }

    /// Whose data this is.
    pub fn athlete(&self) -> AthleteId {
        self.data.athlete
    }

    /// The adjustments in force to record, when they differ from what is recorded.
    pub fn take_pending(&mut self) -> Option<AdjustmentsInForce> {
        self.pending.take()
    }

    fn dates(&self, what: &str, from: Date, to: Date, last: Date) -> Result<()> {
        if from < self.data.window.from || to > last {
            return Err(refused(what));
        }
        Ok(())
    }
}

impl Store for WindowStore {
    fn data_version(&self) -> Result<u64> {
        Ok(self.data.data_version)
    }

    fn set_profile(&mut self, _: &str, _: &str) -> Result<Id> {
        Err(read_only())
    }

    fn latest_profile(&self) -> Result<Option<StoredProfile>> {
        Ok(self.data.profile.clone())
    }

    fn profile_history(&self) -> Result<Vec<StoredProfile>> {
        Err(refused("the profile history"))
    }

    fn insert_activity(&mut self, _: &Activity, _: Option<&str>) -> Result<InsertOutcome> {
        Err(read_only())
    }

    fn activity(&self, _: Id) -> Result<Option<StoredActivity>> {
        Err(refused("an activity by id"))
    }

    fn activities(
        &self,
        from: Timestamp,
        to: Timestamp,
        with_samples: bool,
    ) -> Result<Vec<StoredActivity>> {
        let (t0, t1) = self.data.window.times();
        if with_samples || from < t0 || to > t1 {
            return Err(refused("these activities"));
        }
        Ok(self
            .data
            .activities
            .iter()
            .filter(|a| a.activity.start >= from && a.activity.start < to)
            .cloned()
            .collect())
    }

    fn recent_activities(&self, _: Timestamp, _: usize) -> Result<Vec<StoredActivity>> {
        Err(refused("recent activities"))
    }

    fn delete_activity(&mut self, _: Id) -> Result<bool> {
        Err(read_only())
    }

    fn insert_workout(&mut self, _: &StrengthWorkout) -> Result<InsertOutcome> {
        Err(read_only())
    }

    fn append_sets(&mut self, _: Id, _: &[LoggedSet]) -> Result<()> {
        Err(read_only())
    }

    fn workouts(&self, from: Date, to: Date) -> Result<Vec<StoredWorkout>> {
        self.dates("these workouts", from, to, self.data.window.to)?;
        Ok(self
            .data
            .workouts
            .iter()
            .filter(|w| w.workout.date >= from && w.workout.date <= to)
            .cloned()
            .collect())
    }

    fn recent_workouts(&self, _: Date, _: usize) -> Result<Vec<StoredWorkout>> {
        Err(refused("recent workouts"))
    }

    fn delete_workout(&mut self, _: Id) -> Result<bool> {
        Err(read_only())
    }

    fn file_by_hash(&self, _: &str) -> Result<Option<ImportedFile>> {
        Err(refused("imported files"))
    }

    fn import_file(
        &mut self,
        _: &NewFile,
        _: &[Activity],
        _: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        Err(read_only())
    }

    fn record_rejected(&mut self, _: &NewFile, _: &str) -> Result<Id> {
        Err(read_only())
    }

    fn recent_files(&self, _: usize) -> Result<Vec<ImportedFile>> {
        Err(refused("imported files"))
    }

    fn put_checkin(&mut self, _: &CheckIn) -> Result<Option<CheckIn>> {
        Err(read_only())
    }

    fn checkins(&self, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        self.dates("these check-ins", from, to, self.data.window.to)?;
        Ok(self
            .data
            .checkins
            .iter()
            .filter(|c| c.date >= from && c.date <= to)
            .cloned()
            .collect())
    }

    fn put_adjustment(&mut self, _: &NewAdjustment) -> Result<Id> {
        Err(read_only())
    }

    fn set_adjustment_active(&mut self, _: Id, _: bool) -> Result<bool> {
        Err(read_only())
    }

    fn sync_adjustments(
        &mut self,
        from: Date,
        to: Date,
        current: &[NewAdjustment],
    ) -> Result<AdjustmentSync> {
        crate::check::sync_range(from, to, current)?;
        self.dates(
            "these adjustments",
            from,
            to,
            self.data.window.adjustments_to,
        )?;
        let mut sync = AdjustmentSync::default();
        let mut keep: Vec<Id> = Vec::with_capacity(current.len());
        let mut same = true;
        for a in current {
            crate::check::adjustment(a)?;
            let stored = self.data.adjustments.iter().find(|s| {
                let n = &s.adjustment;
                n.date == a.date && n.rule == a.rule && n.kind == a.kind
            });
            match stored {
                Some(s) if s.active => {
                    sync.kept += 1;
                    keep.push(s.id);
                    same &= s.adjustment.text == a.text && s.adjustment.detail == a.detail;
                }
                _ => {
                    sync.added += 1;
                    same = false;
                }
            }
        }
        sync.cleared = self
            .data
            .adjustments
            .iter()
            .filter(|s| {
                s.active && (from..=to).contains(&s.adjustment.date) && !keep.contains(&s.id)
            })
            .count();
        if !same || sync.cleared > 0 {
            self.pending = Some(AdjustmentsInForce {
                athlete: self.data.athlete,
                from,
                to,
                current: current.to_vec(),
            });
        }
        Ok(sync)
    }

    fn adjustments(&self, from: Date, to: Date, active_only: bool) -> Result<Vec<Adjustment>> {
        self.dates(
            "these adjustments",
            from,
            to,
            self.data.window.adjustments_to,
        )?;
        Ok(self
            .data
            .adjustments
            .iter()
            .filter(|a| (from..=to).contains(&a.adjustment.date) && (a.active || !active_only))
            .cloned()
            .collect())
    }

    fn calendar_records(&self) -> Result<Vec<CalendarRecord>> {
        Err(refused("calendar records"))
    }

    fn put_calendar_records(&mut self, _: &[CalendarRecord]) -> Result<()> {
        Err(read_only())
    }

    fn plan_edits(&self) -> Result<Vec<StoredEdit>> {
        Ok(self.data.plan_edits.clone())
    }

    fn put_plan_edit(&mut self, _: &PlanEdit) -> Result<Id> {
        Err(read_only())
    }

    fn delete_plan_edit(&mut self, _: Id) -> Result<bool> {
        Err(read_only())
    }

    fn session_marks(&self, from: Date, to: Date) -> Result<Vec<Mark>> {
        self.dates("these marks", from, to, self.data.window.to)?;
        Ok(self
            .data
            .marks
            .iter()
            .filter(|m| (from..=to).contains(&m.date))
            .cloned()
            .collect())
    }

    fn put_session_mark(&mut self, _: &Mark) -> Result<()> {
        Err(read_only())
    }

    fn delete_session_mark(&mut self, _: Date) -> Result<bool> {
        Err(read_only())
    }

    fn counts(&self) -> Result<Counts> {
        Err(refused("counts"))
    }
}
