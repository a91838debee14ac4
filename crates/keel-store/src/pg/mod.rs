//! [`Store`] and [`Accounts`](crate::Accounts) on PostgreSQL, for coach mode: many
//! athletes in one database, every training-log row belonging to one of them.
//!
//! [`PgDatabase`] is a pool of connections (sync `postgres` clients in an `r2d2` pool,
//! each with its own prepared statements). It holds the accounts; the training log is
//! reached only through [`PgDatabase::athlete`], which takes an [`AthleteId`] (made only by
//! the accounts layer) and returns a [`PgAthleteStore`] bound to that athlete: every query
//! it runs names the athlete, so a handle cannot read or write another athlete's rows.
//!
//! Every write of a handle is one transaction that first locks the athlete's
//! `data_version` row (one athlete's writes run one at a time, as on a SQLite file, so the
//! same file imported twice at once is still stored once) and bumps it when a row changed.

mod accounts;
mod activities;
mod adjustments;
pub(crate) mod batch;
mod calendar;
mod checkins;
mod conn;
mod dump;
mod files;
mod migrations;
mod notify;
mod plan_edits;
mod profiles;
mod session_marks;
mod versions;
mod workouts;

pub use batch::{AdjustmentsInForce, AthleteWindow, Window};
pub use dump::{MigrateTarget, Restored};
pub use notify::{Change, Changes};

use crate::accounts::AthleteId;
use crate::{
    Adjustment, AdjustmentSync, CalendarRecord, Counts, FileOutcome, Id, ImportedFile,
    InsertOutcome, NewAdjustment, NewFile, PlanEdit, Result, Store, StoreError, StoredActivity,
    StoredEdit, StoredProfile, StoredWorkout,
};
use conn::{get, Db, Manager, PgConn};
use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::activity::{Activity, CheckIn, LoggedSet, StrengthWorkout};
use keel_core::load::WorkoutSummary;
use keel_core::marks::Mark;
use postgres::{Client, Transaction};
use std::cell::RefCell;
use std::time::Duration;

/// Where manual entries come from; they are never de-duplicated.
const MANUAL: &str = "manual";

/// How a [`PgDatabase`] is set up.
#[derive(Debug, Clone)]
pub struct PgOptions {
    /// Connections in the pool at most (each handle holds one while it lives).
    pub pool_size: u32,
    /// How long [`PgDatabase::athlete`] waits for a free connection before failing.
    pub wait: Duration,
}

impl Default for PgOptions {
    fn default() -> Self {
        PgOptions {
            pool_size: 8,
            wait: Duration::from_secs(10),
        }
    }
}

/// A PostgreSQL database holding coach mode: accounts and every athlete's training log.
/// Cheap to clone (the pool is shared); `Send + Sync`.
#[derive(Clone)]
pub struct PgDatabase {
    pool: r2d2::Pool<Manager>,
    /// How to connect (for connections outside the pool: [`PgDatabase::listen`]); shared,
    /// so a clone stays small.
    config: std::sync::Arc<postgres::Config>,
    target: String,
}

impl std::fmt::Debug for PgDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgDatabase")
            .field("target", &self.target)
            .finish()
    }
}

/// `user@host:port/dbname` of a connection string, without its password.
fn describe(config: &postgres::Config) -> String {
    use postgres::config::Host;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "{}@{host}:{port}/{}",
        config.get_user().unwrap_or("?"),
        config.get_dbname().unwrap_or("?")
    )
}

impl PgDatabase {
    /// Connects to `url` (`postgres://user:password@host:port/dbname`, or key=value
    /// settings) and migrates the schema, with default options.
    pub fn connect(url: &str) -> Result<Self> {
        Self::connect_with(url, &PgOptions::default())
    }

    /// Connects with `options` and migrates the schema. A bad URL is
    /// [`StoreError::Invalid`]; a server that cannot be reached is
    /// [`StoreError::Unreachable`]; a newer schema is [`StoreError::TooNew`].
    pub fn connect_with(url: &str, options: &PgOptions) -> Result<Self> {
        let mut config: postgres::Config = url.parse().map_err(|e| StoreError::Invalid {
            field: "database URL",
            detail: format!("{e}"),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(conn::CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("keel");
        }
        let target = describe(&config);
        let manager = Manager {
            config: config.clone(),
        };
        let mut first = manager
            .open()
            .map_err(|e| StoreError::Unreachable(format!("{target}: {e}")))?;
        migrations::migrate(&mut first.client)?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(options.pool_size.max(1))
            .min_idle(Some(0))
            .test_on_check_out(false)
            .connection_timeout(options.wait)
            .build_unchecked(manager);
        Ok(PgDatabase {
            pool,
            config: std::sync::Arc::new(config),
            target,
        })
    }

    /// `user@host:port/dbname` (no password), for messages.
    pub fn target(&self) -> &str {
        &self.target
    }

    pub(crate) fn conn(&self) -> Result<r2d2::PooledConnection<Manager>> {
        self.pool
            .get()
            .map_err(|e| StoreError::Unreachable(format!("{}: {e}", self.target)))
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::version(&mut self.conn()?.client)
    }

    /// The training log of one athlete: a handle holding a pooled connection while it
    /// lives (drop it at the end of a request).
    pub fn athlete(&self, athlete: AthleteId) -> Result<PgAthleteStore> {
        Ok(PgAthleteStore {
            conn: RefCell::new(self.conn()?),
            athlete,
        })
    }

    /// Runs `f` on one pooled connection as a unit of reads.
    pub(crate) fn with_db<T>(&self, f: impl FnOnce(&mut Db<'_, Client>) -> Result<T>) -> Result<T> {
        let mut c = self.conn()?;
        let PgConn { client, stmts } = &mut *c;
        f(&mut Db::new(client, stmts))
    }

    /// Runs `f` in one transaction on a pooled connection.
    pub(crate) fn in_tx<T>(
        &self,
        f: impl FnOnce(&mut Db<'_, Transaction<'_>>) -> Result<T>,
    ) -> Result<T> {
        let mut c = self.conn()?;
        let PgConn { client, stmts } = &mut *c;
        let mut tx = client.transaction()?;
        let out = f(&mut Db::new(&mut tx, stmts))?;
        tx.commit()?;
        Ok(out)
    }
}

/// One athlete's training log on PostgreSQL: a [`Store`] whose every read and write is
/// scoped to the athlete it was opened for (see the module docs).
pub struct PgAthleteStore {
    conn: RefCell<r2d2::PooledConnection<Manager>>,
    athlete: AthleteId,
}

impl std::fmt::Debug for PgAthleteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgAthleteStore")
            .field("athlete", &self.athlete)
            .finish()
    }
}

impl PgAthleteStore {
    /// The athlete this handle reads and writes.
    pub fn athlete(&self) -> AthleteId {
        self.athlete
    }

    fn read<T>(&self, f: impl FnOnce(&mut Db<'_, Client>, i64) -> Result<T>) -> Result<T> {
        let mut guard = self
            .conn
            .try_borrow_mut()
            .map_err(|_| StoreError::Backend("the connection is already in use".into()))?;
        let PgConn { client, stmts } = &mut **guard;
        f(&mut Db::new(client, stmts), self.athlete.get())
    }

    fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Db<'_, Transaction<'_>>, i64) -> Result<T>,
    ) -> Result<T> {
        let a = self.athlete.get();
        let PgConn { client, stmts } = &mut **self.conn.get_mut();
        let mut tx = client.transaction()?;
        let out = write_locked(&mut Db::new(&mut tx, stmts), a, f)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Locks athlete `a`'s version row, runs `f`, and bumps the version when `f` changed a
/// row, all on one open transaction.
pub(crate) fn write_locked<C: postgres::GenericClient, T>(
    db: &mut Db<'_, C>,
    a: i64,
    f: impl FnOnce(&mut Db<'_, C>, i64) -> Result<T>,
) -> Result<T> {
    if db
        .opt(
            "SELECT version FROM data_version WHERE athlete_id = $1 FOR UPDATE",
            &[&a],
        )?
        .is_none()
    {
        return Err(StoreError::Invalid {
            field: "athlete",
            detail: format!("no athlete with id {a}"),
        });
    }
    let before = db.changed;
    let out = f(db, a)?;
    if db.changed != before {
        db.exec(
            "UPDATE data_version SET version = version + 1 WHERE athlete_id = $1",
            &[&a],
        )?;
    }
    Ok(out)
}

/// Now, at the millisecond precision both backends keep.
pub(crate) fn now() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
}

/// A time to store: years 1 to 9999 (both backends accept the same), at millisecond
/// precision (as SQLite keeps it).
pub(crate) fn ts_value(field: &'static str, t: Timestamp) -> Result<Timestamp> {
    let year = t.to_zoned(jiff::tz::TimeZone::UTC).year();
    if !(1..=9999).contains(&year) {
        return Err(StoreError::Invalid {
            field,
            detail: format!("{t} is outside the years 1 to 9999"),
        });
    }
    Timestamp::from_millisecond(t.as_millisecond()).map_err(|e| StoreError::Invalid {
        field,
        detail: e.to_string(),
    })
}

/// A range bound clamped into what PostgreSQL stores, so `Timestamp::MIN..MAX` means "all".
pub(crate) fn ts_bound(t: Timestamp) -> Timestamp {
    // 0001-01-01T00:00:00Z; jiff's own latest time (9999-12-30) is within PostgreSQL's range.
    let min = Timestamp::from_second(-62_135_596_800).unwrap_or(Timestamp::UNIX_EPOCH);
    t.max(min)
}

/// A date to store: years 1 to 9999, as on SQLite.
pub(crate) fn date_value(field: &'static str, d: Date) -> Result<Date> {
    crate::check::storable_date(field, d)
}

pub(crate) fn decode_err(what: &'static str, detail: impl ToString) -> StoreError {
    StoreError::Decode {
        what,
        detail: detail.to_string(),
    }
}

/// A row limit as PostgreSQL's bigint.
pub(crate) fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn count(db: &mut Db<'_, Client>, a: i64, sql: &str) -> Result<u64> {
    let row = db.one(sql, &[&a])?;
    let n: i64 = get(&row, 0)?;
    Ok(n.max(0) as u64)
}

impl Store for PgAthleteStore {
    fn data_version(&self) -> Result<u64> {
        self.read(|db, a| {
            let row = db
                .opt(
                    "SELECT version FROM data_version WHERE athlete_id = $1",
                    &[&a],
                )?
                .ok_or(StoreError::Invalid {
                    field: "athlete",
                    detail: format!("no athlete with id {a}"),
                })?;
            let v: i64 = get(&row, 0)?;
            Ok(v.max(0) as u64)
        })
    }

    fn set_profile(&mut self, source: &str, toml: &str) -> Result<Id> {
        self.write(|db, a| profiles::insert(db, a, source, toml))
    }

    fn latest_profile(&self) -> Result<Option<StoredProfile>> {
        Ok(self
            .read(|db, a| profiles::history(db, a, 1))?
            .into_iter()
            .next())
    }

    fn profile_history(&self) -> Result<Vec<StoredProfile>> {
        self.read(|db, a| profiles::history(db, a, i64::MAX))
    }

    fn insert_activity(
        &mut self,
        activity: &Activity,
        content_hash: Option<&str>,
    ) -> Result<InsertOutcome> {
        self.write(|db, a| activities::insert(db, a, activity, content_hash, None))
    }

    fn activity(&self, id: Id) -> Result<Option<StoredActivity>> {
        self.read(|db, a| activities::one(db, a, id))
    }

    fn activities(
        &self,
        from: Timestamp,
        to: Timestamp,
        with_samples: bool,
    ) -> Result<Vec<StoredActivity>> {
        self.read(|db, a| activities::range(db, a, from, to, with_samples))
    }

    fn recent_activities(&self, before: Timestamp, limit: usize) -> Result<Vec<StoredActivity>> {
        self.read(|db, a| activities::recent(db, a, before, limit))
    }

    fn delete_activity(&mut self, id: Id) -> Result<bool> {
        self.write(|db, a| activities::delete(db, a, id))
    }

    fn insert_workout(&mut self, workout: &StrengthWorkout) -> Result<InsertOutcome> {
        self.write(|db, a| workouts::insert(db, a, workout, None))
    }

    fn append_sets(&mut self, workout: Id, sets: &[LoggedSet]) -> Result<()> {
        self.write(|db, a| workouts::append_sets(db, a, workout, sets))
    }

    fn workouts(&self, from: Date, to: Date) -> Result<Vec<StoredWorkout>> {
        self.read(|db, a| workouts::range(db, a, from, to))
    }

    fn workout_summaries(&self, from: Date, to: Date) -> Result<Vec<WorkoutSummary>> {
        self.read(|db, a| workouts::summaries(db, a, from, to))
    }

    fn recent_workouts(&self, to: Date, limit: usize) -> Result<Vec<StoredWorkout>> {
        self.read(|db, a| workouts::recent(db, a, to, limit))
    }

    fn delete_workout(&mut self, id: Id) -> Result<bool> {
        self.write(|db, a| workouts::delete(db, a, id))
    }

    fn file_by_hash(&self, content_hash: &str) -> Result<Option<ImportedFile>> {
        self.read(|db, a| files::by_hash(db, a, content_hash))
    }

    fn import_file(
        &mut self,
        file: &NewFile,
        activities: &[Activity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        crate::check::import(&file.name, activities.len(), workouts.len())?;
        self.write(|db, a| files::import(db, a, file, activities, workouts))
    }

    fn record_rejected(&mut self, file: &NewFile, reason: &str) -> Result<Id> {
        self.write(|db, a| files::record_rejected(db, a, file, reason))
    }

    fn recent_files(&self, limit: usize) -> Result<Vec<ImportedFile>> {
        self.read(|db, a| files::recent(db, a, limit))
    }

    fn put_checkin(&mut self, checkin: &CheckIn) -> Result<Option<CheckIn>> {
        crate::check::checkin(checkin)?;
        self.write(|db, a| checkins::put(db, a, checkin))
    }

    fn checkins(&self, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        self.read(|db, a| checkins::range(db, a, from, to))
    }

    fn put_adjustment(&mut self, adjustment: &NewAdjustment) -> Result<Id> {
        self.write(|db, a| Ok(adjustments::put(db, a, adjustment)?.0))
    }

    fn set_adjustment_active(&mut self, id: Id, active: bool) -> Result<bool> {
        self.write(|db, a| adjustments::set_active(db, a, id, active))
    }

    fn sync_adjustments(
        &mut self,
        from: Date,
        to: Date,
        current: &[NewAdjustment],
    ) -> Result<AdjustmentSync> {
        crate::check::sync_range(from, to, current)?;
        // Most calls find the set in force already recorded: tell without a write.
        if let Some(sync) = self.read(|db, a| adjustments::unchanged(db, a, from, to, current))? {
            return Ok(sync);
        }
        self.write(|db, a| adjustments::sync(db, a, from, to, current))
    }

    fn adjustments(&self, from: Date, to: Date, active_only: bool) -> Result<Vec<Adjustment>> {
        self.read(|db, a| adjustments::range(db, a, from, to, active_only))
    }

    fn calendar_records(&self) -> Result<Vec<CalendarRecord>> {
        self.read(calendar::all)
    }

    fn put_calendar_records(&mut self, records: &[CalendarRecord]) -> Result<()> {
        self.write(|db, a| calendar::put(db, a, records))
    }

    fn plan_edits(&self) -> Result<Vec<StoredEdit>> {
        self.read(plan_edits::all)
    }

    fn put_plan_edit(&mut self, edit: &PlanEdit) -> Result<Id> {
        self.write(|db, a| plan_edits::put(db, a, edit))
    }

    fn delete_plan_edit(&mut self, id: Id) -> Result<bool> {
        self.write(|db, a| plan_edits::delete(db, a, id))
    }

    fn session_marks(&self, from: Date, to: Date) -> Result<Vec<Mark>> {
        Ok(self
            .read(|db, a| session_marks::stamped(db, a, from, to))?
            .into_iter()
            .map(|(m, _)| m)
            .collect())
    }

    fn put_session_mark(&mut self, mark: &Mark) -> Result<()> {
        self.write(|db, a| session_marks::put(db, a, mark))
    }

    fn delete_session_mark(&mut self, date: Date) -> Result<bool> {
        self.write(|db, a| session_marks::delete(db, a, date))
    }

    fn counts(&self) -> Result<Counts> {
        self.read(|db, a| {
            Ok(Counts {
                profiles: count(db, a, "SELECT count(*) FROM profiles WHERE athlete_id = $1")?,
                files: count(
                    db,
                    a,
                    "SELECT count(*) FROM imported_files WHERE athlete_id = $1",
                )?,
                activities: count(
                    db,
                    a,
                    "SELECT count(*) FROM activities WHERE athlete_id = $1",
                )?,
                samples: count(
                    db,
                    a,
                    "SELECT coalesce(sum(sample_count), 0)::bigint FROM activities \
                     WHERE athlete_id = $1",
                )?,
                laps: count(
                    db,
                    a,
                    "SELECT count(*) FROM laps l JOIN activities x ON x.id = l.activity_id \
                     WHERE x.athlete_id = $1",
                )?,
                workouts: count(
                    db,
                    a,
                    "SELECT count(*) FROM strength_workouts WHERE athlete_id = $1",
                )?,
                sets: count(
                    db,
                    a,
                    "SELECT count(*) FROM strength_sets s JOIN strength_workouts w \
                     ON w.id = s.workout_id WHERE w.athlete_id = $1",
                )?,
                checkins: count(db, a, "SELECT count(*) FROM checkins WHERE athlete_id = $1")?,
                adjustments_active: count(
                    db,
                    a,
                    "SELECT count(*) FROM adjustments WHERE athlete_id = $1 AND active",
                )?,
            })
        })
    }
}
