//! [`Store`] on an embedded SQLite database.

use crate::samples;
use crate::{
    Adjustment, AdjustmentSync, Counts, FileOutcome, FileResult, Id, ImportedFile, InsertOutcome,
    NewAdjustment, NewFile, Result, Store, StoreError, StoredActivity, StoredProfile,
    StoredWorkout,
};
use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::activity::{
    richness, same_duration, Activity, CheckIn, Lap, LoggedSet, SetType, Sport, StrengthWorkout,
    DUPLICATE_START_WINDOW_S,
};
use keel_core::model::RunType;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Ordered migrations: version n is `MIGRATIONS[n - 1]`. Append only; never edit a shipped one.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_calendar_sequences.sql"),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another connection's lock (the web server shares the file).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Where manual entries come from; they are never de-duplicated.
const MANUAL: &str = "manual";

/// The store on one SQLite connection.
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

    /// The underlying connection, for read-only queries a trait method does not cover.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn init(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL lets the web server read while an import writes; in memory it stays "memory".
        let _mode: String =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // NORMAL is durable across application crashes in WAL mode and much faster.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.migrate()
    }

    /// Applies pending migrations, each in its own immediate transaction that re-reads the
    /// version, so two processes opening a new database at once cannot apply one twice.
    fn migrate(&mut self) -> Result<()> {
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version > SCHEMA_VERSION {
                return Err(StoreError::TooNew {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            if version == SCHEMA_VERSION {
                return Ok(());
            }
            let next = version + 1;
            let sql = MIGRATIONS[version as usize];
            let fail = |e: rusqlite::Error| match StoreError::from(e) {
                StoreError::Sqlite(e) => StoreError::Migration {
                    version: next,
                    detail: e.to_string(),
                },
                other => other,
            };
            tx.execute_batch(sql).map_err(fail)?;
            tx.pragma_update(None, "user_version", next).map_err(fail)?;
            tx.commit()?;
        }
    }

    pub(crate) fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        // Immediate: take the write lock up front so a busy database fails (after the
        // timeout) before any work, never half-way through.
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match StoreError::from(e) {
        StoreError::Sqlite(e) => StoreError::Open {
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

fn ts(what: &'static str, ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Decode {
        what,
        detail: e.to_string(),
    })
}

fn decode_err(what: &'static str, detail: impl ToString) -> StoreError {
    StoreError::Decode {
        what,
        detail: detail.to_string(),
    }
}

/// Dates are stored as `YYYY-MM-DD`, which only sorts correctly for years 1 to 9999.
fn date_key(field: &'static str, d: Date) -> Result<String> {
    if !(1..=9999).contains(&d.year()) {
        return Err(StoreError::Invalid {
            field,
            detail: format!("{d} is outside the years 1 to 9999"),
        });
    }
    Ok(d.to_string())
}

/// A range bound: clamped into the storable years so `Date::MIN..=Date::MAX` means "all".
fn bound(d: Date) -> String {
    let min = jiff::civil::date(1, 1, 1);
    let max = jiff::civil::date(9999, 12, 31);
    d.clamp(min, max).to_string()
}

fn parse_date(s: &str) -> Result<Date> {
    s.parse()
        .map_err(|e| decode_err("date", format!("{s}: {e}")))
}

fn finite(field: &'static str, v: Option<f64>) -> Result<Option<f64>> {
    match v {
        Some(x) if !x.is_finite() => Err(StoreError::Invalid {
            field,
            detail: format!("{x} is not a number"),
        }),
        _ => Ok(v),
    }
}

fn validate_activity(a: &Activity) -> Result<()> {
    if !a.elapsed_s.is_finite() || a.elapsed_s < 0.0 {
        return Err(StoreError::Invalid {
            field: "elapsed_s",
            detail: format!("{} must be a non-negative number of seconds", a.elapsed_s),
        });
    }
    finite("moving_s", a.moving_s)?;
    finite("distance_m", a.distance_m)?;
    finite("elevation_gain_m", a.elevation_gain_m)?;
    finite("rpe", a.rpe)?;
    for lap in &a.laps {
        finite("lap elapsed_s", Some(lap.elapsed_s))?;
        finite("lap distance_m", lap.distance_m)?;
    }
    Ok(())
}

const ACTIVITY_COLUMNS: &str = "id, file_id, content_hash, sample_count, source, sport, name, \
     start_ms, elapsed_s, moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, avg_cadence, \
     avg_power_w, rpe, run_type, partial";

/// Row id, file id, content hash, sample count, and the activity's columns.
type ActivityRow = (Id, Option<Id>, Option<String>, i64, RawActivity);

fn activity_from_row(r: &Row<'_>) -> rusqlite::Result<ActivityRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        RawActivity {
            source: r.get(4)?,
            sport: r.get(5)?,
            name: r.get(6)?,
            start_ms: r.get(7)?,
            elapsed_s: r.get(8)?,
            moving_s: r.get(9)?,
            distance_m: r.get(10)?,
            elevation_gain_m: r.get(11)?,
            avg_hr: r.get(12)?,
            max_hr: r.get(13)?,
            avg_cadence: r.get(14)?,
            avg_power_w: r.get(15)?,
            rpe: r.get(16)?,
            run_type: r.get(17)?,
            partial: r.get(18)?,
        },
    ))
}

/// An activity row before its ids are checked.
struct RawActivity {
    source: String,
    sport: String,
    name: Option<String>,
    start_ms: i64,
    elapsed_s: f64,
    moving_s: Option<f64>,
    distance_m: Option<f64>,
    elevation_gain_m: Option<f64>,
    avg_hr: Option<u16>,
    max_hr: Option<u16>,
    avg_cadence: Option<u16>,
    avg_power_w: Option<u16>,
    rpe: Option<f64>,
    run_type: Option<String>,
    partial: Option<String>,
}

impl RawActivity {
    fn into_activity(self) -> Result<Activity> {
        Ok(Activity {
            source: self.source,
            sport: self
                .sport
                .parse::<Sport>()
                .map_err(|e| decode_err("sport", e))?,
            name: self.name,
            start: ts("activity start", self.start_ms)?,
            elapsed_s: self.elapsed_s,
            moving_s: self.moving_s,
            distance_m: self.distance_m,
            elevation_gain_m: self.elevation_gain_m,
            avg_hr: self.avg_hr,
            max_hr: self.max_hr,
            avg_cadence: self.avg_cadence,
            avg_power_w: self.avg_power_w,
            rpe: self.rpe,
            run_type: self
                .run_type
                .map(|s| s.parse::<RunType>())
                .transpose()
                .map_err(|e| decode_err("run type", e))?,
            samples: Vec::new(),
            laps: Vec::new(),
            partial: self.partial,
        })
    }
}

fn load_details(conn: &Connection, id: Id, a: &mut Activity) -> Result<()> {
    let blob: Option<Vec<u8>> = conn
        .query_row(
            "SELECT data FROM activity_samples WHERE activity_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(blob) = blob {
        a.samples = samples::decode(&blob)?;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT start_ms, elapsed_s, distance_m, avg_hr, max_hr FROM laps \
         WHERE activity_id = ?1 ORDER BY idx",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, f64>(1)?,
            r.get::<_, Option<f64>>(2)?,
            r.get::<_, Option<u16>>(3)?,
            r.get::<_, Option<u16>>(4)?,
        ))
    })?;
    for row in rows {
        let (start_ms, elapsed_s, distance_m, avg_hr, max_hr) = row?;
        a.laps.push(Lap {
            start: ts("lap start", start_ms)?,
            elapsed_s,
            distance_m,
            avg_hr,
            max_hr,
        });
    }
    Ok(())
}

fn write_details(conn: &Connection, id: Id, a: &Activity) -> Result<()> {
    conn.execute("DELETE FROM activity_samples WHERE activity_id = ?1", [id])?;
    conn.execute("DELETE FROM laps WHERE activity_id = ?1", [id])?;
    if !a.samples.is_empty() {
        let blob = samples::encode(&a.samples)?;
        conn.execute(
            "INSERT INTO activity_samples (activity_id, format, data) VALUES (?1, ?2, ?3)",
            params![id, samples::FORMAT_VERSION, blob],
        )?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO laps (activity_id, idx, start_ms, elapsed_s, distance_m, avg_hr, max_hr) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, lap) in a.laps.iter().enumerate() {
        stmt.execute(params![
            id,
            i as i64,
            lap.start.as_millisecond(),
            lap.elapsed_s,
            lap.distance_m,
            lap.avg_hr,
            lap.max_hr
        ])?;
    }
    Ok(())
}

/// Inserts or de-duplicates one activity on an open transaction.
fn insert_activity_in(
    conn: &Connection,
    a: &Activity,
    content_hash: Option<&str>,
    file_id: Option<Id>,
) -> Result<InsertOutcome> {
    validate_activity(a)?;
    let start_ms = a.start.as_millisecond();
    let rich = richness(a);
    if a.source != MANUAL {
        let window = DUPLICATE_START_WINDOW_S * 1000;
        let mut stmt = conn.prepare_cached(
            "SELECT id, start_ms, elapsed_s, richness FROM activities \
             WHERE start_ms BETWEEN ?1 AND ?2 AND source != ?3",
        )?;
        let candidates = stmt
            .query_map(params![start_ms - window, start_ms + window, MANUAL], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, f64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // The query keeps starts inside the window; the duration half of
        // keel_core's same-activity rule finishes the match.
        let same = candidates
            .into_iter()
            .filter(|&(_, _, elapsed, _)| same_duration(elapsed, a.elapsed_s))
            .min_by_key(|&(id, s, _, _)| ((s - start_ms).abs(), id));
        if let Some((id, _, _, stored_richness)) = same {
            if rich > stored_richness {
                conn.execute(
                    "UPDATE activities SET file_id = ?2, source = ?3, content_hash = ?4, \
                     sport = ?5, name = COALESCE(?6, name), start_ms = ?7, elapsed_s = ?8, \
                     moving_s = ?9, distance_m = ?10, elevation_gain_m = ?11, avg_hr = ?12, \
                     max_hr = ?13, avg_cadence = ?14, avg_power_w = ?15, rpe = COALESCE(?16, rpe), \
                     run_type = COALESCE(?17, run_type), partial = ?18, sample_count = ?19, \
                     richness = ?20 WHERE id = ?1",
                    params![
                        id,
                        file_id,
                        a.source,
                        content_hash,
                        a.sport.as_str(),
                        a.name,
                        start_ms,
                        a.elapsed_s,
                        a.moving_s,
                        a.distance_m,
                        a.elevation_gain_m,
                        a.avg_hr,
                        a.max_hr,
                        a.avg_cadence,
                        a.avg_power_w,
                        a.rpe,
                        a.run_type.map(RunType::as_str),
                        a.partial,
                        a.samples.len() as i64,
                        rich
                    ],
                )?;
                write_details(conn, id, a)?;
                return Ok(InsertOutcome::Replaced(id));
            }
            // The poorer copy may still carry what the richer lacks (a Strava name or RPE).
            conn.execute(
                "UPDATE activities SET name = COALESCE(name, ?2), rpe = COALESCE(rpe, ?3), \
                 run_type = COALESCE(run_type, ?4) WHERE id = ?1",
                params![id, a.name, a.rpe, a.run_type.map(RunType::as_str)],
            )?;
            return Ok(InsertOutcome::Duplicate(id));
        }
    }
    conn.execute(
        "INSERT INTO activities (file_id, source, content_hash, sport, name, start_ms, elapsed_s, \
         moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, avg_cadence, avg_power_w, rpe, \
         run_type, partial, sample_count, richness, created_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        params![
            file_id,
            a.source,
            content_hash,
            a.sport.as_str(),
            a.name,
            start_ms,
            a.elapsed_s,
            a.moving_s,
            a.distance_m,
            a.elevation_gain_m,
            a.avg_hr,
            a.max_hr,
            a.avg_cadence,
            a.avg_power_w,
            a.rpe,
            a.run_type.map(RunType::as_str),
            a.partial,
            a.samples.len() as i64,
            rich,
            now_ms()
        ],
    )?;
    let id = conn.last_insert_rowid();
    write_details(conn, id, a)?;
    Ok(InsertOutcome::Inserted(id))
}

fn validate_set(s: &LoggedSet) -> Result<()> {
    if s.exercise.trim().is_empty() {
        return Err(StoreError::Invalid {
            field: "exercise",
            detail: "empty exercise name".into(),
        });
    }
    finite("weight_kg", s.weight_kg)?;
    finite("set rpe", s.rpe)?;
    finite("rir", s.rir)?;
    finite("set duration_s", s.duration_s)?;
    Ok(())
}

fn insert_sets(conn: &Connection, workout: Id, first_order: u32, sets: &[LoggedSet]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO strength_sets (workout_id, ord, exercise, weight_kg, reps, rpe, rir, \
         set_type, duration_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, s) in sets.iter().enumerate() {
        validate_set(s)?;
        // Orders are renumbered from 1 in input order: the caller's `order` may have gaps
        // (skipped rest-timer rows) and the table's key needs them unique.
        stmt.execute(params![
            workout,
            first_order + i as u32,
            s.exercise,
            s.weight_kg,
            s.reps,
            s.rpe,
            s.rir,
            s.set_type.as_str(),
            s.duration_s
        ])?;
    }
    Ok(())
}

fn insert_workout_in(
    conn: &Connection,
    w: &StrengthWorkout,
    file_id: Option<Id>,
) -> Result<InsertOutcome> {
    let date = date_key("workout date", w.date)?;
    finite("workout duration_s", w.duration_s)?;
    finite("workout rpe", w.rpe)?;
    let start_ms = w.start.map(|t| t.as_millisecond());
    if w.source != MANUAL {
        let existing: Option<Id> = conn
            .query_row(
                "SELECT id FROM strength_workouts WHERE date = ?1 AND name = ?2 AND source != ?3 \
                 AND ((start_ms IS NULL AND ?4 IS NULL) OR abs(start_ms - ?4) <= 60000) \
                 ORDER BY id LIMIT 1",
                params![date, w.name, MANUAL, start_ms],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(InsertOutcome::Duplicate(id));
        }
    }
    conn.execute(
        "INSERT INTO strength_workouts (file_id, source, date, start_ms, name, duration_s, rpe, \
         notes, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            file_id,
            w.source,
            date,
            start_ms,
            w.name,
            w.duration_s,
            w.rpe,
            w.notes,
            now_ms()
        ],
    )?;
    let id = conn.last_insert_rowid();
    insert_sets(conn, id, 1, &w.sets)?;
    Ok(InsertOutcome::Inserted(id))
}

fn load_sets(conn: &Connection, workout: Id) -> Result<Vec<LoggedSet>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ord, exercise, weight_kg, reps, rpe, rir, set_type, duration_s \
         FROM strength_sets WHERE workout_id = ?1 ORDER BY ord",
    )?;
    let rows = stmt.query_map([workout], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<f64>>(2)?,
            r.get::<_, Option<u32>>(3)?,
            r.get::<_, Option<f64>>(4)?,
            r.get::<_, Option<f64>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<f64>>(7)?,
        ))
    })?;
    let mut sets = Vec::new();
    for row in rows {
        let (order, exercise, weight_kg, reps, rpe, rir, set_type, duration_s) = row?;
        sets.push(LoggedSet {
            exercise,
            order,
            weight_kg,
            reps,
            rpe,
            rir,
            set_type: set_type
                .parse::<SetType>()
                .map_err(|e| decode_err("set type", e))?,
            duration_s,
        });
    }
    Ok(sets)
}

fn file_from_row(r: &Row<'_>) -> rusqlite::Result<(ImportedFileRaw, i64)> {
    Ok((
        ImportedFileRaw {
            id: r.get(0)?,
            path: r.get(1)?,
            name: r.get(2)?,
            content_hash: r.get(3)?,
            size: r
                .get::<_, Option<i64>>(4)?
                .and_then(|n| u64::try_from(n).ok()),
            format: r.get(5)?,
            result: r.get(6)?,
            detail: r.get(7)?,
            activities: r.get(8)?,
            workouts: r.get(9)?,
        },
        r.get(10)?,
    ))
}

const FILE_COLUMNS: &str = "id, path, name, content_hash, size, format, result, detail, \
                            activities, workouts, imported_at_ms";

struct ImportedFileRaw {
    id: Id,
    path: String,
    name: String,
    content_hash: String,
    size: Option<u64>,
    format: String,
    result: String,
    detail: Option<String>,
    activities: u32,
    workouts: u32,
}

fn finish_file((raw, at): (ImportedFileRaw, i64)) -> Result<ImportedFile> {
    Ok(ImportedFile {
        id: raw.id,
        result: FileResult::parse(&raw.result)
            .ok_or_else(|| decode_err("file result", &raw.result))?,
        path: raw.path,
        name: raw.name,
        content_hash: raw.content_hash,
        size: raw.size,
        format: raw.format,
        detail: raw.detail,
        activities: raw.activities,
        workouts: raw.workouts,
        imported_at: ts("import time", at)?,
    })
}

fn file_by_hash_in(conn: &Connection, hash: &str) -> Result<Option<ImportedFile>> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {FILE_COLUMNS} FROM imported_files \
                 WHERE content_hash = ?1 AND result != 'rejected' ORDER BY id LIMIT 1"
            ),
            [hash],
            file_from_row,
        )
        .optional()?;
    row.map(finish_file).transpose()
}

fn insert_file(
    conn: &Connection,
    f: &NewFile,
    result: FileResult,
    detail: Option<&str>,
) -> Result<Id> {
    conn.execute(
        "INSERT INTO imported_files (path, name, content_hash, size, format, result, detail, \
         imported_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            f.path,
            f.name,
            f.content_hash,
            f.size.and_then(|n| i64::try_from(n).ok()),
            f.format,
            result.as_str(),
            detail,
            now_ms()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn validate_checkin(c: &CheckIn) -> Result<()> {
    let items: [(&'static str, Option<u8>); 8] = [
        ("sleep_quality", c.sleep_quality),
        ("fatigue", c.fatigue),
        ("soreness_legs", c.soreness_legs),
        ("soreness_upper", c.soreness_upper),
        ("mood", c.mood),
        ("stress", c.stress),
        ("motivation", c.motivation),
        ("", None),
    ];
    for (field, v) in items {
        if let Some(v) = v {
            if !(1..=5).contains(&v) {
                return Err(StoreError::Invalid {
                    field,
                    detail: format!("{v} is outside the scale 1 to 5"),
                });
            }
        }
    }
    if let Some(h) = c.sleep_h {
        if !h.is_finite() || !(0.0..=24.0).contains(&h) {
            return Err(StoreError::Invalid {
                field: "sleep_h",
                detail: format!("{h} is not between 0 and 24 hours"),
            });
        }
    }
    Ok(())
}

fn checkin_from_row(r: &Row<'_>) -> rusqlite::Result<(String, CheckIn)> {
    Ok((
        r.get(0)?,
        CheckIn {
            date: jiff::civil::date(2000, 1, 1),
            sleep_h: r.get(1)?,
            sleep_quality: r.get(2)?,
            fatigue: r.get(3)?,
            soreness_legs: r.get(4)?,
            soreness_upper: r.get(5)?,
            mood: r.get(6)?,
            stress: r.get(7)?,
            motivation: r.get(8)?,
            ill: r.get(9)?,
            note: r.get(10)?,
        },
    ))
}

const CHECKIN_COLUMNS: &str = "date, sleep_h, sleep_quality, fatigue, soreness_legs, \
     soreness_upper, mood, stress, motivation, ill, note";

fn finish_checkin((date, mut c): (String, CheckIn)) -> Result<CheckIn> {
    c.date = parse_date(&date)?;
    Ok(c)
}

fn validate_adjustment(a: &NewAdjustment) -> Result<String> {
    for (field, v) in [("rule", &a.rule), ("kind", &a.kind), ("text", &a.text)] {
        if v.trim().is_empty() {
            return Err(StoreError::Invalid {
                field,
                detail: "must not be empty".into(),
            });
        }
    }
    date_key("adjustment date", a.date)
}

/// Upserts; returns the id and whether it was active before.
fn put_adjustment_in(conn: &Connection, a: &NewAdjustment) -> Result<(Id, bool)> {
    let date = validate_adjustment(a)?;
    let before: Option<bool> = conn
        .query_row(
            "SELECT active FROM adjustments WHERE date = ?1 AND rule = ?2 AND kind = ?3",
            params![date, a.rule, a.kind],
            |r| r.get(0),
        )
        .optional()?;
    let id = conn.query_row(
        "INSERT INTO adjustments (date, rule, kind, text, detail, active, created_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6) \
         ON CONFLICT (date, rule, kind) DO UPDATE SET text = excluded.text, \
         detail = excluded.detail, active = 1, cleared_at_ms = NULL RETURNING id",
        params![date, a.rule, a.kind, a.text, a.detail, now_ms()],
        |r| r.get(0),
    )?;
    Ok((id, before.unwrap_or(false)))
}

fn count(conn: &Connection, sql: &str) -> Result<u64> {
    Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))?.max(0) as u64)
}

impl Store for SqliteStore {
    fn set_profile(&mut self, source: &str, toml: &str) -> Result<Id> {
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO profiles (source, toml, set_at_ms) VALUES (?1, ?2, ?3)",
            params![source, toml, now_ms()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    fn latest_profile(&self) -> Result<Option<StoredProfile>> {
        Ok(self.profile_history_limit(1)?.into_iter().next())
    }

    fn profile_history(&self) -> Result<Vec<StoredProfile>> {
        self.profile_history_limit(i64::MAX)
    }

    fn insert_activity(
        &mut self,
        activity: &Activity,
        content_hash: Option<&str>,
    ) -> Result<InsertOutcome> {
        let tx = self.write_tx()?;
        let out = insert_activity_in(&tx, activity, content_hash, None)?;
        tx.commit()?;
        Ok(out)
    }

    fn activity(&self, id: Id) -> Result<Option<StoredActivity>> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {ACTIVITY_COLUMNS} FROM activities WHERE id = ?1"),
                [id],
                activity_from_row,
            )
            .optional()?;
        let Some((id, file_id, content_hash, n, raw)) = row else {
            return Ok(None);
        };
        let mut activity = raw.into_activity()?;
        load_details(&self.conn, id, &mut activity)?;
        Ok(Some(StoredActivity {
            id,
            file_id,
            content_hash,
            sample_count: n.max(0) as usize,
            activity,
        }))
    }

    fn activities(
        &self,
        from: Timestamp,
        to: Timestamp,
        with_samples: bool,
    ) -> Result<Vec<StoredActivity>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ACTIVITY_COLUMNS} FROM activities WHERE start_ms >= ?1 AND start_ms < ?2 \
             ORDER BY start_ms, id"
        ))?;
        let rows = stmt
            .query_map(
                params![from.as_millisecond(), to.as_millisecond()],
                activity_from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, file_id, content_hash, n, raw) in rows {
            let mut activity = raw.into_activity()?;
            if with_samples {
                load_details(&self.conn, id, &mut activity)?;
            }
            out.push(StoredActivity {
                id,
                file_id,
                content_hash,
                sample_count: n.max(0) as usize,
                activity,
            });
        }
        Ok(out)
    }

    fn delete_activity(&mut self, id: Id) -> Result<bool> {
        let tx = self.write_tx()?;
        let n = tx.execute("DELETE FROM activities WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    fn insert_workout(&mut self, workout: &StrengthWorkout) -> Result<InsertOutcome> {
        let tx = self.write_tx()?;
        let out = insert_workout_in(&tx, workout, None)?;
        tx.commit()?;
        Ok(out)
    }

    fn append_sets(&mut self, workout: Id, sets: &[LoggedSet]) -> Result<()> {
        let tx = self.write_tx()?;
        let last: Option<u32> = tx
            .query_row(
                "SELECT (SELECT max(ord) FROM strength_sets WHERE workout_id = ?1) \
                 FROM strength_workouts WHERE id = ?1",
                [workout],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::Invalid {
                field: "workout",
                detail: format!("no workout with id {workout}"),
            })?;
        insert_sets(&tx, workout, last.unwrap_or(0) + 1, sets)?;
        tx.commit()?;
        Ok(())
    }

    fn workouts(&self, from: Date, to: Date) -> Result<Vec<StoredWorkout>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, file_id, source, date, start_ms, name, duration_s, rpe, notes \
             FROM strength_workouts WHERE date >= ?1 AND date <= ?2 ORDER BY date, start_ms, id",
        )?;
        let rows = stmt
            .query_map(params![bound(from), bound(to)], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    r.get::<_, Option<Id>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<f64>>(6)?,
                    r.get::<_, Option<f64>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, file_id, source, date, start, name, duration_s, rpe, notes) in rows {
            out.push(StoredWorkout {
                id,
                file_id,
                workout: StrengthWorkout {
                    source,
                    date: parse_date(&date)?,
                    start: start.map(|ms| ts("workout start", ms)).transpose()?,
                    name,
                    duration_s,
                    rpe,
                    notes,
                    sets: load_sets(&self.conn, id)?,
                },
            });
        }
        Ok(out)
    }

    fn delete_workout(&mut self, id: Id) -> Result<bool> {
        let tx = self.write_tx()?;
        let n = tx.execute("DELETE FROM strength_workouts WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    fn file_by_hash(&self, content_hash: &str) -> Result<Option<ImportedFile>> {
        file_by_hash_in(&self.conn, content_hash)
    }

    fn import_file(
        &mut self,
        file: &NewFile,
        activities: &[Activity],
        workouts: &[StrengthWorkout],
    ) -> Result<FileOutcome> {
        if activities.is_empty() && workouts.is_empty() {
            return Err(StoreError::Invalid {
                field: "file",
                detail: format!("{}: no activity or workout to store", file.name),
            });
        }
        let tx = self.write_tx()?;
        if let Some(existing) = file_by_hash_in(&tx, &file.content_hash)? {
            return Ok(FileOutcome::AlreadyImported(existing));
        }
        let file_id = insert_file(&tx, file, FileResult::Imported, None)?;
        let mut a_out = Vec::with_capacity(activities.len());
        for a in activities {
            a_out.push(insert_activity_in(
                &tx,
                a,
                Some(&file.content_hash),
                Some(file_id),
            )?);
        }
        let mut w_out = Vec::with_capacity(workouts.len());
        for w in workouts {
            w_out.push(insert_workout_in(&tx, w, Some(file_id))?);
        }
        let changed_a = a_out.iter().filter(|o| o.changed()).count();
        let changed_w = w_out.iter().filter(|o| o.changed()).count();
        let partial = activities.iter().find_map(|a| a.partial.clone());
        let result = if changed_a + changed_w == 0 {
            FileResult::Duplicate
        } else if partial.is_some() {
            FileResult::Partial
        } else {
            FileResult::Imported
        };
        tx.execute(
            "UPDATE imported_files SET result = ?2, detail = ?3, activities = ?4, workouts = ?5 \
             WHERE id = ?1",
            params![
                file_id,
                result.as_str(),
                partial,
                changed_a as i64,
                changed_w as i64
            ],
        )?;
        tx.commit()?;
        Ok(FileOutcome::Stored {
            file_id,
            result,
            activities: a_out,
            workouts: w_out,
        })
    }

    fn record_rejected(&mut self, file: &NewFile, reason: &str) -> Result<Id> {
        let tx = self.write_tx()?;
        let before: Option<Id> = tx
            .query_row(
                "SELECT id FROM imported_files WHERE content_hash = ?1 AND result = 'rejected' \
                 AND detail = ?2 ORDER BY id DESC LIMIT 1",
                params![file.content_hash, reason],
                |r| r.get(0),
            )
            .optional()?;
        let id = match before {
            Some(id) => {
                tx.execute(
                    "UPDATE imported_files SET imported_at_ms = ?2, path = ?3 WHERE id = ?1",
                    params![id, now_ms(), file.path],
                )?;
                id
            }
            None => insert_file(&tx, file, FileResult::Rejected, Some(reason))?,
        };
        tx.commit()?;
        Ok(id)
    }

    fn recent_files(&self, limit: usize) -> Result<Vec<ImportedFile>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILE_COLUMNS} FROM imported_files ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], file_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(finish_file).collect()
    }

    fn put_checkin(&mut self, checkin: &CheckIn) -> Result<Option<CheckIn>> {
        validate_checkin(checkin)?;
        let date = date_key("check-in date", checkin.date)?;
        let tx = self.write_tx()?;
        let before = tx
            .query_row(
                &format!("SELECT {CHECKIN_COLUMNS} FROM checkins WHERE date = ?1"),
                [&date],
                checkin_from_row,
            )
            .optional()?
            .map(finish_checkin)
            .transpose()?;
        let c = checkin;
        tx.execute(
            "INSERT OR REPLACE INTO checkins (date, sleep_h, sleep_quality, fatigue, soreness_legs, \
             soreness_upper, mood, stress, motivation, ill, note, recorded_at_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                date,
                c.sleep_h,
                c.sleep_quality,
                c.fatigue,
                c.soreness_legs,
                c.soreness_upper,
                c.mood,
                c.stress,
                c.motivation,
                c.ill,
                c.note,
                now_ms()
            ],
        )?;
        tx.commit()?;
        Ok(before)
    }

    fn checkins(&self, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CHECKIN_COLUMNS} FROM checkins WHERE date >= ?1 AND date <= ?2 ORDER BY date"
        ))?;
        let rows = stmt
            .query_map(params![bound(from), bound(to)], checkin_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(finish_checkin).collect()
    }

    fn put_adjustment(&mut self, adjustment: &NewAdjustment) -> Result<Id> {
        let tx = self.write_tx()?;
        let (id, _) = put_adjustment_in(&tx, adjustment)?;
        tx.commit()?;
        Ok(id)
    }

    fn set_adjustment_active(&mut self, id: Id, active: bool) -> Result<bool> {
        let tx = self.write_tx()?;
        let n = tx.execute(
            "UPDATE adjustments SET active = ?2, \
             cleared_at_ms = CASE WHEN ?2 THEN NULL ELSE COALESCE(cleared_at_ms, ?3) END \
             WHERE id = ?1",
            params![id, active, now_ms()],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }

    fn sync_adjustments(
        &mut self,
        from: Date,
        to: Date,
        current: &[NewAdjustment],
    ) -> Result<AdjustmentSync> {
        if let Some(a) = current.iter().find(|a| a.date < from || a.date > to) {
            return Err(StoreError::Invalid {
                field: "adjustment date",
                detail: format!("{} is outside {from}..={to}", a.date),
            });
        }
        let tx = self.write_tx()?;
        let mut sync = AdjustmentSync::default();
        let mut keep = Vec::with_capacity(current.len());
        for a in current {
            let (id, was_active) = put_adjustment_in(&tx, a)?;
            if was_active {
                sync.kept += 1;
            } else {
                sync.added += 1;
            }
            keep.push(id);
        }
        let active: Vec<Id> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM adjustments WHERE active = 1 AND date >= ?1 AND date <= ?2",
            )?;
            let ids = stmt
                .query_map(params![bound(from), bound(to)], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<Id>>>()?;
            ids
        };
        let at = now_ms();
        for id in active.into_iter().filter(|id| !keep.contains(id)) {
            tx.execute(
                "UPDATE adjustments SET active = 0, cleared_at_ms = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            sync.cleared += 1;
        }
        tx.commit()?;
        Ok(sync)
    }

    fn adjustments(&self, from: Date, to: Date, active_only: bool) -> Result<Vec<Adjustment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, date, rule, kind, text, detail, active, created_at_ms, cleared_at_ms \
             FROM adjustments WHERE date >= ?1 AND date <= ?2 AND (active = 1 OR NOT ?3) \
             ORDER BY date, id",
        )?;
        let rows = stmt
            .query_map(params![bound(from), bound(to), active_only], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, bool>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(
                |(id, date, rule, kind, text, detail, active, created, cleared)| {
                    Ok(Adjustment {
                        id,
                        adjustment: NewAdjustment {
                            date: parse_date(&date)?,
                            rule,
                            kind,
                            text,
                            detail,
                        },
                        active,
                        created_at: ts("adjustment time", created)?,
                        cleared_at: cleared.map(|ms| ts("adjustment time", ms)).transpose()?,
                    })
                },
            )
            .collect()
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

impl SqliteStore {
    fn profile_history_limit(&self, limit: i64) -> Result<Vec<StoredProfile>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source, toml, set_at_ms FROM profiles ORDER BY set_at_ms DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, source, toml, at)| {
                Ok(StoredProfile {
                    id,
                    source,
                    toml,
                    set_at: ts("profile time", at)?,
                })
            })
            .collect()
    }
}
