//! The `strength_workouts` and `strength_sets` tables: workouts with their sets in order.
//! A window's sets are read in one query, never one query per workout.

use super::{bound, date_key, decode_err, finite, limit, now_ms, parse_date, ts, MANUAL};
use crate::{Id, InsertOutcome, Result, StoreError, StoredWorkout};
use jiff::civil::Date;
use keel_core::activity::{LoggedSet, SetType, StrengthWorkout};
use keel_core::load::{SetTally, WorkoutSummary};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

fn insert_sets(conn: &Connection, workout: Id, first_order: u32, sets: &[LoggedSet]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO strength_sets (workout_id, ord, exercise, weight_kg, reps, rpe, rir, \
         set_type, duration_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, s) in sets.iter().enumerate() {
        crate::check::set(s)?;
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

pub(super) fn insert(
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
            .prepare_cached(
                "SELECT id FROM strength_workouts WHERE date = ?1 AND name = ?2 AND source != ?3 \
                 AND ((start_ms IS NULL AND ?4 IS NULL) OR abs(start_ms - ?4) <= 60000) \
                 ORDER BY id LIMIT 1",
            )?
            .query_row(params![date, w.name, MANUAL, start_ms], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Ok(InsertOutcome::Duplicate(id));
        }
    }
    // The sets are stored in the order given, so their tally is the one of `w.sets`.
    let tally = SetTally::of(w.sets.iter().map(|s| (s.set_type, s.rpe, s.rir)));
    conn.prepare_cached(
        "INSERT INTO strength_workouts (file_id, source, date, start_ms, name, duration_s, rpe, \
         notes, created_at_ms, working_sets, light_sets, rated_sets, rpe_sum) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        file_id,
        w.source,
        date,
        start_ms,
        w.name,
        w.duration_s,
        w.rpe,
        w.notes,
        now_ms(),
        tally.working_sets,
        tally.light_sets,
        tally.rated_sets,
        tally.rpe_sum
    ])?;
    let id = conn.last_insert_rowid();
    insert_sets(conn, id, 1, &w.sets)?;
    Ok(InsertOutcome::Inserted(id))
}

/// Appends sets to a stored workout (orders continue after the last one).
pub(super) fn append_sets(conn: &Connection, workout: Id, sets: &[LoggedSet]) -> Result<()> {
    let last: Option<u32> = conn
        .prepare_cached(
            "SELECT (SELECT max(ord) FROM strength_sets WHERE workout_id = ?1) \
             FROM strength_workouts WHERE id = ?1",
        )?
        .query_row([workout], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Invalid {
            field: "workout",
            detail: format!("no workout with id {workout}"),
        })?;
    insert_sets(conn, workout, last.unwrap_or(0) + 1, sets)?;
    retally(conn, Some(workout))
}

/// Rewrites the set tally of workout `only`, or of every workout, from its stored sets in
/// their order (workouts without sets keep the zero tally they were written with).
fn retally(conn: &Connection, only: Option<Id>) -> Result<()> {
    let mut read = conn.prepare_cached(
        "SELECT workout_id, set_type, rpe, rir FROM strength_sets \
         WHERE ?1 IS NULL OR workout_id = ?1 ORDER BY workout_id, ord",
    )?;
    let mut rows = read.query([only])?;
    let mut sets: Vec<(Id, SetType, Option<f64>, Option<f64>)> = Vec::new();
    while let Some(r) = rows.next()? {
        let set_type: String = r.get(1)?;
        let set_type = set_type
            .parse::<SetType>()
            .map_err(|e| decode_err("set type", e))?;
        sets.push((r.get(0)?, set_type, r.get(2)?, r.get(3)?));
    }
    let mut write = conn.prepare_cached(
        "UPDATE strength_workouts SET working_sets = ?2, light_sets = ?3, rated_sets = ?4, \
         rpe_sum = ?5 WHERE id = ?1",
    )?;
    for one in sets.chunk_by(|a, b| a.0 == b.0) {
        let tally = SetTally::of(one.iter().map(|s| (s.1, s.2, s.3)));
        write.execute(params![
            one[0].0,
            tally.working_sets,
            tally.light_sets,
            tally.rated_sets,
            tally.rpe_sum
        ])?;
    }
    Ok(())
}

/// Fills in the set tally of every stored workout (the migration that added it).
pub(super) fn tally_all(conn: &Connection) -> Result<()> {
    retally(conn, None)
}

pub(super) fn delete(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM strength_workouts WHERE id = ?1")?
        .execute([id])?
        > 0)
}

pub(super) const WORKOUT_COLUMNS: &str =
    "id, file_id, source, date, start_ms, name, duration_s, rpe, notes";

pub(super) fn workout_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawWorkout> {
    Ok(RawWorkout {
        id: r.get(0)?,
        file_id: r.get(1)?,
        source: r.get(2)?,
        date: r.get(3)?,
        start_ms: r.get(4)?,
        name: r.get(5)?,
        duration_s: r.get(6)?,
        rpe: r.get(7)?,
        notes: r.get(8)?,
    })
}

/// A workout row before its date and times are checked.
pub(super) struct RawWorkout {
    pub(super) id: Id,
    file_id: Option<Id>,
    source: String,
    date: String,
    start_ms: Option<i64>,
    name: String,
    duration_s: Option<f64>,
    rpe: Option<f64>,
    notes: Option<String>,
}

impl RawWorkout {
    pub(super) fn finish(self, sets: Vec<LoggedSet>) -> Result<StoredWorkout> {
        Ok(StoredWorkout {
            id: self.id,
            file_id: self.file_id,
            workout: StrengthWorkout {
                source: self.source,
                date: parse_date(&self.date)?,
                start: self
                    .start_ms
                    .map(|ms| ts("workout start", ms))
                    .transpose()?,
                name: self.name,
                duration_s: self.duration_s,
                rpe: self.rpe,
                notes: self.notes,
                sets,
            },
        })
    }
}

/// The sets of every workout dated `from..=to`, in one query, by workout id.
pub(super) fn sets_in(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<HashMap<Id, Vec<LoggedSet>>> {
    let mut stmt = conn.prepare_cached(
        // In the sets' key order (workout, ord): a scan of the key, no sort.
        "SELECT workout_id, ord, exercise, weight_kg, reps, rpe, rir, set_type, duration_s \
         FROM strength_sets WHERE workout_id IN \
         (SELECT id FROM strength_workouts WHERE date >= ?1 AND date <= ?2) \
         ORDER BY workout_id, ord",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    let mut out: HashMap<Id, Vec<LoggedSet>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let set_type: String = r.get(7)?;
        let set = LoggedSet {
            order: r.get(1)?,
            exercise: r.get(2)?,
            weight_kg: r.get(3)?,
            reps: r.get(4)?,
            rpe: r.get(5)?,
            rir: r.get(6)?,
            set_type: set_type
                .parse::<SetType>()
                .map_err(|e| decode_err("set type", e))?,
            duration_s: r.get(8)?,
        };
        out.entry(r.get(0)?).or_default().push(set);
    }
    Ok(out)
}

fn with_sets(
    conn: &Connection,
    rows: Vec<RawWorkout>,
    from: &str,
    to: &str,
) -> Result<Vec<StoredWorkout>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut sets = sets_in(conn, from, to)?;
    rows.into_iter()
        .map(|w| {
            let s = sets.remove(&w.id).unwrap_or_default();
            w.finish(s)
        })
        .collect()
}

/// Workouts dated `from..=to`, oldest first, with their sets: two queries in all.
pub(super) fn range(conn: &Connection, from: Date, to: Date) -> Result<Vec<StoredWorkout>> {
    let (from, to) = (bound(from), bound(to));
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {WORKOUT_COLUMNS} FROM strength_workouts WHERE date >= ?1 AND date <= ?2 \
             ORDER BY date, start_ms, id"
        ))?
        .query_map(params![from, to], workout_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    with_sets(conn, rows, &from, &to)
}

/// The newest `n` workouts dated on or before `to`, newest first, with their sets.
pub(super) fn recent(conn: &Connection, to: Date, n: usize) -> Result<Vec<StoredWorkout>> {
    let to = bound(to);
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {WORKOUT_COLUMNS} FROM strength_workouts WHERE date <= ?1 \
             ORDER BY date DESC, start_ms DESC, id DESC LIMIT ?2"
        ))?
        .query_map(params![to, limit(n)], workout_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let from = rows.last().map(|w| w.date.clone()).unwrap_or_default();
    with_sets(conn, rows, &from, &to)
}

/// The summaries of workouts dated `from..=to`, oldest first: read from the workouts' own
/// rows (their kept set tally) by the date index; the sets are not read.
const SUMMARIES: &str = "SELECT source, date, name, duration_s, rpe, working_sets, light_sets, \
     rated_sets, rpe_sum FROM strength_workouts WHERE date >= ?1 AND date <= ?2 \
     ORDER BY date, start_ms, id";

/// Workouts dated `from..=to`, oldest first, summarised for their load (see [`SUMMARIES`]).
pub(super) fn summaries(conn: &Connection, from: Date, to: Date) -> Result<Vec<WorkoutSummary>> {
    let mut stmt = conn.prepare_cached(SUMMARIES)?;
    let mut rows = stmt.query(params![bound(from), bound(to)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(WorkoutSummary {
            source: r.get(0)?,
            date: parse_date(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)?,
            name: r.get(2)?,
            duration_s: r.get(3)?,
            rpe: r.get(4)?,
            working_sets: r.get(5)?,
            light_sets: r.get(6)?,
            rated_sets: r.get(7)?,
            rpe_sum: r.get(8)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::SUMMARIES;
    use crate::SqliteStore;

    /// The summaries search the workouts by their date index and never touch the sets.
    #[test]
    fn summaries_read_a_window_of_workouts_only() {
        let store = SqliteStore::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .connection()
            .prepare(&format!("EXPLAIN QUERY PLAN {SUMMARIES}"))
            .unwrap()
            .query_map(["2024-01-01", "2024-02-01"], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            plan.iter()
                .any(|p| p.contains("SEARCH strength_workouts USING INDEX strength_workouts_date")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|p| p.contains("strength_sets")),
            "{plan:?}"
        );
        assert!(!plan.iter().any(|p| p.starts_with("SCAN")), "{plan:?}");
        assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{plan:?}");
    }
}
