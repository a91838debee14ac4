//! [`Store`] on an embedded SQLite database: one module per table (or group of tables
//! written together), and the one [`Store`] impl that delegates to them.
//!
//! Every write goes through [`SqliteStore::write`]: one immediate transaction that bumps
//! the `data_version` row when it changed anything, so [`Store::data_version`] moves on
//! every write, from this process or another. Reads use cached prepared statements
//! (`prepare_cached`), read only the rows asked for, and fetch a window's strength sets in
//! one query.

mod activities;
mod adjustments;
mod calendar;
mod checkins;
mod dump;
mod files;
mod kept;
mod migrations;
mod plan_edits;
mod profiles;
mod session_marks;
mod workouts;

use crate::{
    Adjustment, AdjustmentSync, CalendarRecord, Counts, FileOutcome, Id, ImportedFile,
    InsertOutcome, NewAdjustment, NewFile, PlanEdit, Result, Store, StoreError, StoredActivity,
    StoredEdit, StoredProfile, StoredWorkout,
};
use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::activity::{Activity, CheckIn, LoggedSet, StrengthWorkout};
use keel_core::load::{ActivitySummary, WorkoutSummary};
use keel_core::marks::Mark;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another connection's lock (the web server shares the file).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page cache per connection, KiB (SQLite's default is 2,000). A pool of a few readers
/// plus a writer stays well under the web server's memory budget.
const CACHE_KIB: i64 = 4096;

/// Pages of write-ahead log between checkpoints during an import (64 MiB at 4 KiB pages).
const BULK_CHECKPOINT_PAGES: i64 = 16_384;

/// Prepared statements kept per connection: every statement of the store fits.
const STATEMENT_CACHE: usize = 64;

/// Where manual entries come from; they are never de-duplicated.
pub(crate) const MANUAL: &str = "manual";

/// The store on one SQLite connection (one per thread; open several for concurrent
/// readers, as the web server's pool does).
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Opens (creating the file and its parent directories on first use) and migrates.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        let mut store = SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.init().map_err(|e| match e {
            StoreError::NotADatabase(_) => StoreError::NotADatabase(path.display().to_string()),
            other => other,
        })?;
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Self> {
        let mut store = SqliteStore {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.init()?;
        Ok(store)
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Tunes this connection for a long run of writes (an import): the write-ahead log is
    /// copied back into the database every 64 MiB instead of every 4 MiB, so far fewer
    /// checkpoints wait for the disk. Durability is unchanged (every commit is in the log;
    /// a checkpoint only moves it), and the log is checkpointed when the connection closes.
    pub fn for_bulk_writes(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_autocheckpoint", BULK_CHECKPOINT_PAGES)?;
        Ok(())
    }

    /// The underlying connection, for tests and diagnostics that inspect SQLite itself
    /// (pragmas, the schema). Programs read and write through [`Store`] only.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn init(&mut self) -> Result<()> {
        let c = &self.conn;
        c.busy_timeout(BUSY_TIMEOUT)?;
        // WAL lets the web server read while an import writes; in memory it stays "memory".
        let _mode: String = c.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        c.pragma_update(None, "foreign_keys", true)?;
        // NORMAL is durable across application crashes in WAL mode and much faster.
        c.pragma_update(None, "synchronous", "NORMAL")?;
        c.pragma_update(None, "cache_size", -CACHE_KIB)?;
        c.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        migrations::migrate(&mut self.conn)
    }

    /// Runs `f` in one immediate write transaction and commits it, bumping the data
    /// version when `f` changed any row. Immediate: the write lock is taken up front, so a
    /// busy database fails (after the timeout) before any work, never half-way through.
    /// An error rolls everything back.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before = tx.total_changes();
        let out = f(&tx)?;
        if tx.total_changes() != before {
            tx.prepare_cached("UPDATE data_version SET version = version + 1 WHERE id = 1")?
                .execute([])?;
        }
        tx.commit()?;
        Ok(out)
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match StoreError::from(e) {
        StoreError::Backend(e) => StoreError::Open {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        StoreError::NotADatabase(_) => StoreError::NotADatabase(path.display().to_string()),
        other => other,
    }
}

pub(crate) fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

pub(crate) fn ts(what: &'static str, ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Decode {
        what,
        detail: e.to_string(),
    })
}

pub(crate) fn decode_err(what: &'static str, detail: impl ToString) -> StoreError {
    StoreError::Decode {
        what,
        detail: detail.to_string(),
    }
}

/// Dates are stored as `YYYY-MM-DD`, which only sorts correctly for years 1 to 9999.
pub(crate) fn date_key(field: &'static str, d: Date) -> Result<String> {
    Ok(crate::check::storable_date(field, d)?.to_string())
}

/// A range bound: clamped into the storable years so `Date::MIN..=Date::MAX` means "all".
pub(crate) fn bound(d: Date) -> String {
    crate::check::clamp_date(d).to_string()
}

pub(crate) fn parse_date(s: &str) -> Result<Date> {
    s.parse()
        .map_err(|e| decode_err("date", format!("{s}: {e}")))
}

pub(crate) use crate::check::finite;

/// A row limit as SQLite's integer.
pub(crate) fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn count(conn: &Connection, sql: &str) -> Result<u64> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([], |r| r.get::<_, i64>(0))?
        .max(0) as u64)
}

impl Store for SqliteStore {
    fn data_version(&self) -> Result<u64> {
        let v: i64 = self
            .conn
            .prepare_cached("SELECT version FROM data_version WHERE id = 1")?
            .query_row([], |r| r.get(0))?;
        Ok(v.max(0) as u64)
    }

    /// Kept in a file beside the database (see `kept`); an in-memory store keeps nothing.
    fn kept(&self, name: &str) -> Result<Option<(u64, Vec<u8>)>> {
        Ok(self.path.as_deref().and_then(|db| kept::get(db, name)))
    }

    fn keep(&self, name: &str, version: u64, body: &[u8]) -> Result<()> {
        if let Some(db) = self.path.as_deref() {
            kept::put(db, name, version, body);
        }
        Ok(())
    }

    fn set_profile(&mut self, source: &str, toml: &str) -> Result<Id> {
        self.write(|tx| profiles::insert(tx, source, toml))
    }

    fn latest_profile(&self) -> Result<Option<StoredProfile>> {
        Ok(profiles::history(&self.conn, 1)?.into_iter().next())
    }

    fn profile_history(&self) -> Result<Vec<StoredProfile>> {
        profiles::history(&self.conn, i64::MAX)
    }

    fn insert_activity(
        &mut self,
        activity: &Activity,
        content_hash: Option<&str>,
    ) -> Result<InsertOutcome> {
        self.write(|tx| activities::insert(tx, activity, content_hash, None, None))
    }

    fn activity(&self, id: Id) -> Result<Option<StoredActivity>> {
        activities::one(&self.conn, id)
    }

    fn activities(
        &self,
        from: Timestamp,
        to: Timestamp,
        with_samples: bool,
    ) -> Result<Vec<StoredActivity>> {
        activities::range(&self.conn, from, to, with_samples)
    }

    fn activity_summaries(&self, from: Timestamp, to: Timestamp) -> Result<Vec<ActivitySummary>> {
        activities::summaries(&self.conn, from, to)
    }

    fn recent_activities(&self, before: Timestamp, limit: usize) -> Result<Vec<StoredActivity>> {
        activities::recent(&self.conn, before, limit)
    }

    fn delete_activity(&mut self, id: Id) -> Result<bool> {
        self.write(|tx| activities::delete(tx, id))
    }

    fn insert_workout(&mut self, workout: &StrengthWorkout) -> Result<InsertOutcome> {
        self.write(|tx| workouts::insert(tx, workout, None))
    }

    fn append_sets(&mut self, workout: Id, sets: &[LoggedSet]) -> Result<()> {
        self.write(|tx| workouts::append_sets(tx, workout, sets))
    }

    fn workouts(&self, from: Date, to: Date) -> Result<Vec<StoredWorkout>> {
        workouts::range(&self.conn, from, to)
    }

    fn workout_summaries(&self, from: Date, to: Date) -> Result<Vec<WorkoutSummary>> {
        workouts::summaries(&self.conn, from, to)
    }

    fn recent_workouts(&self, to: Date, limit: usize) -> Result<Vec<StoredWorkout>> {
        workouts::recent(&self.conn, to, limit)
    }

    fn delete_workout(&mut self, id: Id) -> Result<bool> {
        self.write(|tx| workouts::delete(tx, id))
    }

    fn file_by_hash(&self, content_hash: &str) -> Result<Option<ImportedFile>> {
        files::by_hash(&self.conn, content_hash)
    }

    fn import_file(
        &mut self,
        file: &NewFile,
        activities: &[Activity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        crate::check::import(&file.name, activities.len(), workouts.len())?;
        let activities: Vec<_> = activities.iter().map(|a| (a, None)).collect();
        self.write(|tx| files::import(tx, file, &activities, workouts))
    }

    fn import_encoded(
        &mut self,
        file: &NewFile,
        activities: &[crate::samples::EncodedActivity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        crate::check::import(&file.name, activities.len(), workouts.len())?;
        let activities: Vec<_> = activities
            .iter()
            .map(|a| (a.activity(), a.encoded()))
            .collect();
        self.write(|tx| files::import(tx, file, &activities, workouts))
    }

    fn record_rejected(&mut self, file: &NewFile, reason: &str) -> Result<Id> {
        self.write(|tx| files::record_rejected(tx, file, reason))
    }

    fn recent_files(&self, limit: usize) -> Result<Vec<ImportedFile>> {
        files::recent(&self.conn, limit)
    }

    fn put_checkin(&mut self, checkin: &CheckIn) -> Result<Option<CheckIn>> {
        crate::check::checkin(checkin)?;
        self.write(|tx| checkins::put(tx, checkin))
    }

    fn checkins(&self, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        checkins::range(&self.conn, from, to)
    }

    fn put_adjustment(&mut self, adjustment: &NewAdjustment) -> Result<Id> {
        self.write(|tx| Ok(adjustments::put(tx, adjustment)?.0))
    }

    fn set_adjustment_active(&mut self, id: Id, active: bool) -> Result<bool> {
        self.write(|tx| adjustments::set_active(tx, id, active))
    }

    fn sync_adjustments(
        &mut self,
        from: Date,
        to: Date,
        current: &[NewAdjustment],
    ) -> Result<AdjustmentSync> {
        crate::check::sync_range(from, to, current)?;
        // Most calls find the set in force already recorded: tell without the write lock.
        if let Some(sync) = adjustments::unchanged(&self.conn, from, to, current)? {
            return Ok(sync);
        }
        self.write(|tx| adjustments::sync(tx, from, to, current))
    }

    fn adjustments(&self, from: Date, to: Date, active_only: bool) -> Result<Vec<Adjustment>> {
        adjustments::range(&self.conn, from, to, active_only)
    }

    fn calendar_records(&self) -> Result<Vec<CalendarRecord>> {
        calendar::all(&self.conn)
    }

    fn put_calendar_records(&mut self, records: &[CalendarRecord]) -> Result<()> {
        self.write(|tx| calendar::put(tx, records))
    }

    fn plan_edits(&self) -> Result<Vec<StoredEdit>> {
        plan_edits::all(&self.conn)
    }

    fn put_plan_edit(&mut self, edit: &PlanEdit) -> Result<Id> {
        self.write(|tx| plan_edits::put(tx, edit))
    }

    fn delete_plan_edit(&mut self, id: Id) -> Result<bool> {
        self.write(|tx| plan_edits::delete(tx, id))
    }

    fn session_marks(&self, from: Date, to: Date) -> Result<Vec<Mark>> {
        session_marks::range(&self.conn, from, to)
    }

    fn put_session_mark(&mut self, mark: &Mark) -> Result<()> {
        self.write(|tx| session_marks::put(tx, mark))
    }

    fn delete_session_mark(&mut self, date: Date) -> Result<bool> {
        self.write(|tx| session_marks::delete(tx, date))
    }

    fn counts(&self) -> Result<Counts> {
        let c = &self.conn;
        Ok(Counts {
            profiles: count(c, "SELECT count(*) FROM profiles")?,
            files: count(c, "SELECT count(*) FROM imported_files")?,
            activities: count(c, "SELECT count(*) FROM activities")?,
            samples: count(c, "SELECT coalesce(sum(sample_count), 0) FROM activities")?,
            laps: count(c, "SELECT count(*) FROM laps")?,
            workouts: count(c, "SELECT count(*) FROM strength_workouts")?,
            sets: count(c, "SELECT count(*) FROM strength_sets")?,
            checkins: count(c, "SELECT count(*) FROM checkins")?,
            adjustments_active: count(c, "SELECT count(*) FROM adjustments WHERE active = 1")?,
        })
    }
}
