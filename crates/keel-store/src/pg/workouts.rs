//! The `strength_workouts` and `strength_sets` tables: workouts with their sets in order.
//! A window's sets are read in one query, never one query per workout. Each workout keeps
//! the tally of its sets its load needs ([`SetTally`]), written with its sets, so the load
//! summaries read one row a workout and never the sets.

use super::conn::{get, get_u32, int32, Db};
use super::{date_value, ts_value, MANUAL};
use crate::check::clamp_date;
use crate::{Id, InsertOutcome, Result, StoreError, StoredWorkout};
use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::activity::{LoggedSet, SetType, StrengthWorkout};
use keel_core::load::{SetTally, WorkoutSummary};
use postgres::{GenericClient, Row};
use std::collections::HashMap;

fn insert_sets<C: GenericClient>(
    db: &mut Db<'_, C>,
    workout: Id,
    first_order: u32,
    sets: &[LoggedSet],
) -> Result<()> {
    for (i, s) in sets.iter().enumerate() {
        crate::check::set(s)?;
        // Orders are renumbered from 1 in input order: the caller's `order` may have gaps
        // (skipped rest-timer rows) and the table's key needs them unique.
        let ord = int32("set order", Some(first_order.saturating_add(i as u32)))?;
        let reps = int32("reps", s.reps)?;
        db.exec(
            "INSERT INTO strength_sets (workout_id, ord, exercise, weight_kg, reps, rpe, rir, \
             set_type, duration_s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &workout,
                &ord,
                &s.exercise,
                &s.weight_kg,
                &reps,
                &s.rpe,
                &s.rir,
                &s.set_type.as_str(),
                &s.duration_s,
            ],
        )?;
    }
    Ok(())
}

pub(crate) fn insert<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    w: &StrengthWorkout,
    file_id: Option<Id>,
) -> Result<InsertOutcome> {
    let date = date_value("workout date", w.date)?;
    crate::check::finite("workout duration_s", w.duration_s)?;
    crate::check::finite("workout rpe", w.rpe)?;
    let start = w.start.map(|t| ts_value("workout start", t)).transpose()?;
    if w.source != MANUAL {
        let existing = db.opt(
            "SELECT id FROM strength_workouts WHERE athlete_id = $1 AND date = $2 AND name = $3 \
             AND source <> $4 AND ((start_at IS NULL AND $5::timestamptz IS NULL) \
             OR abs(extract(epoch FROM start_at - $5::timestamptz)) <= 60) ORDER BY id LIMIT 1",
            &[&a_id, &date, &w.name, &MANUAL, &start],
        )?;
        if let Some(row) = existing {
            return Ok(InsertOutcome::Duplicate(get(&row, 0)?));
        }
    }
    // The sets are stored in the order given, so their tally is the one of `w.sets`.
    let tally = tally_of(&w.sets)?;
    let id = db.insert(
        "INSERT INTO strength_workouts (athlete_id, file_id, source, date, start_at, name, \
         duration_s, rpe, notes, created_at, working_sets, light_sets, rated_sets, rpe_sum) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        &[
            &a_id,
            &file_id,
            &w.source,
            &date,
            &start,
            &w.name,
            &w.duration_s,
            &w.rpe,
            &w.notes,
            &super::now(),
            &tally.0,
            &tally.1,
            &tally.2,
            &tally.3,
        ],
    )?;
    insert_sets(db, id, 1, &w.sets)?;
    Ok(InsertOutcome::Inserted(id))
}

/// Appends sets to one of the athlete's workouts (orders continue after the last one).
pub(crate) fn append_sets<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    workout: Id,
    sets: &[LoggedSet],
) -> Result<()> {
    let row = db
        .opt(
            "SELECT (SELECT max(ord) FROM strength_sets WHERE workout_id = w.id) \
             FROM strength_workouts w WHERE w.athlete_id = $1 AND w.id = $2",
            &[&a_id, &workout],
        )?
        .ok_or(StoreError::Invalid {
            field: "workout",
            detail: format!("no workout with id {workout}"),
        })?;
    let last = get_u32(&row, 0)?.unwrap_or(0);
    insert_sets(db, workout, last + 1, sets)?;
    retally(db, Some(workout))
}

/// A tally's columns: working, light and rated sets, the RPE sum.
type TallyColumns = (i32, i32, i32, f64);

fn columns(t: SetTally) -> Result<TallyColumns> {
    Ok((
        int32("working sets", Some(t.working_sets))?.unwrap_or(0),
        int32("light sets", Some(t.light_sets))?.unwrap_or(0),
        int32("rated sets", Some(t.rated_sets))?.unwrap_or(0),
        t.rpe_sum,
    ))
}

/// The tally columns of `sets` in their order.
pub(crate) fn tally_of(sets: &[LoggedSet]) -> Result<TallyColumns> {
    columns(SetTally::of(
        sets.iter().map(|s| (s.set_type, s.rpe, s.rir)),
    ))
}

/// Rewrites the set tally of workout `only`, or of every workout of every athlete, from
/// its stored sets in their order (workouts without sets keep their zero tally).
fn retally<C: GenericClient>(db: &mut Db<'_, C>, only: Option<Id>) -> Result<()> {
    let rows = db.query(
        "SELECT workout_id, set_type, rpe, rir FROM strength_sets \
         WHERE $1::bigint IS NULL OR workout_id = $1 ORDER BY workout_id, ord",
        &[&only],
    )?;
    let mut sets: Vec<(Id, SetType, Option<f64>, Option<f64>)> = Vec::with_capacity(rows.len());
    for r in &rows {
        let set_type: String = get(r, 1)?;
        let set_type = set_type
            .parse::<SetType>()
            .map_err(|e| super::decode_err("set type", e))?;
        sets.push((get(r, 0)?, set_type, get(r, 2)?, get(r, 3)?));
    }
    for one in sets.chunk_by(|a, b| a.0 == b.0) {
        let t = columns(SetTally::of(one.iter().map(|s| (s.1, s.2, s.3))))?;
        db.exec(
            "UPDATE strength_workouts SET working_sets = $2, light_sets = $3, rated_sets = $4, \
             rpe_sum = $5 WHERE id = $1",
            &[&one[0].0, &t.0, &t.1, &t.2, &t.3],
        )?;
    }
    Ok(())
}

/// Fills in the set tally of every stored workout (the migration that added it).
pub(crate) fn tally_all<C: GenericClient>(c: &mut C) -> Result<()> {
    let mut stmts = HashMap::new();
    retally(&mut Db::new(c, &mut stmts), None)
}

/// The athlete's workouts dated `from..=to`, oldest first, summarised for their load from
/// their own rows (the kept set tally): one query, the sets not read.
pub(crate) fn summaries<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<WorkoutSummary>> {
    let count = |r: &Row, i: usize| -> Result<u32> { Ok(get_u32(r, i)?.unwrap_or(0)) };
    db.query(
        "SELECT source, date, name, duration_s, rpe, working_sets, light_sets, rated_sets, \
         rpe_sum FROM strength_workouts WHERE athlete_id = $1 AND date >= $2 AND date <= $3 \
         ORDER BY date, start_at NULLS FIRST, id",
        &[&a_id, &clamp_date(from), &clamp_date(to)],
    )?
    .iter()
    .map(|r| {
        Ok(WorkoutSummary {
            source: get(r, 0)?,
            date: get(r, 1)?,
            name: get(r, 2)?,
            duration_s: get(r, 3)?,
            rpe: get(r, 4)?,
            working_sets: count(r, 5)?,
            light_sets: count(r, 6)?,
            rated_sets: count(r, 7)?,
            rpe_sum: get(r, 8)?,
        })
    })
    .collect()
}

pub(crate) fn delete<C: GenericClient>(db: &mut Db<'_, C>, a_id: i64, id: Id) -> Result<bool> {
    Ok(db.exec(
        "DELETE FROM strength_workouts WHERE athlete_id = $1 AND id = $2",
        &[&a_id, &id],
    )? > 0)
}

pub(crate) const COLUMNS: &str =
    "id, file_id, source, date, start_at, name, duration_s, rpe, notes";

/// A workout from a row of [`COLUMNS`], without its sets.
pub(crate) fn from_row(r: &Row) -> Result<StoredWorkout> {
    let start: Option<Timestamp> = get(r, 4)?;
    Ok(StoredWorkout {
        id: get(r, 0)?,
        file_id: get(r, 1)?,
        workout: StrengthWorkout {
            source: get(r, 2)?,
            date: get(r, 3)?,
            start,
            name: get(r, 5)?,
            duration_s: get(r, 6)?,
            rpe: get(r, 7)?,
            notes: get(r, 8)?,
            sets: Vec::new(),
        },
    })
}

pub(crate) const SET_COLUMNS: &str =
    "workout_id, ord, exercise, weight_kg, reps, rpe, rir, set_type, duration_s";

/// A set from a row of [`SET_COLUMNS`], with its workout id.
pub(crate) fn set_from_row(r: &Row) -> Result<(Id, LoggedSet)> {
    let set_type: String = get(r, 7)?;
    Ok((
        get(r, 0)?,
        LoggedSet {
            order: get_u32(r, 1)?.unwrap_or(0),
            exercise: get(r, 2)?,
            weight_kg: get(r, 3)?,
            reps: get_u32(r, 4)?,
            rpe: get(r, 5)?,
            rir: get(r, 6)?,
            set_type: set_type
                .parse::<SetType>()
                .map_err(|e| super::decode_err("set type", e))?,
            duration_s: get(r, 8)?,
        },
    ))
}

/// Gives each workout its sets from `rows` of [`SET_COLUMNS`], in the rows' order.
pub(crate) fn attach_sets(list: &mut [StoredWorkout], rows: &[Row]) -> Result<()> {
    let mut at: HashMap<Id, usize> = HashMap::with_capacity(list.len());
    for (i, w) in list.iter().enumerate() {
        at.insert(w.id, i);
    }
    for r in rows {
        let (id, set) = set_from_row(r)?;
        if let Some(&i) = at.get(&id) {
            list[i].workout.sets.push(set);
        }
    }
    Ok(())
}

fn with_sets<C: GenericClient>(
    db: &mut Db<'_, C>,
    mut list: Vec<StoredWorkout>,
) -> Result<Vec<StoredWorkout>> {
    if list.is_empty() {
        return Ok(list);
    }
    let ids: Vec<Id> = list.iter().map(|w| w.id).collect();
    let rows = db.query(
        &format!(
            "SELECT {SET_COLUMNS} FROM strength_sets WHERE workout_id = ANY($1) \
             ORDER BY workout_id, ord"
        ),
        &[&ids],
    )?;
    attach_sets(&mut list, &rows)?;
    Ok(list)
}

/// The athlete's workouts dated `from..=to`, oldest first, with their sets: two queries.
pub(crate) fn range<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<StoredWorkout>> {
    let rows = db.query(
        &format!(
            "SELECT {COLUMNS} FROM strength_workouts WHERE athlete_id = $1 AND date >= $2 \
             AND date <= $3 ORDER BY date, start_at NULLS FIRST, id"
        ),
        &[&a_id, &clamp_date(from), &clamp_date(to)],
    )?;
    let list = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    with_sets(db, list)
}

/// The athlete's newest `n` workouts dated on or before `to`, newest first, with sets.
pub(crate) fn recent<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    to: Date,
    n: usize,
) -> Result<Vec<StoredWorkout>> {
    let rows = db.query(
        &format!(
            "SELECT {COLUMNS} FROM strength_workouts WHERE athlete_id = $1 AND date <= $2 \
             ORDER BY date DESC, start_at DESC NULLS LAST, id DESC LIMIT $3"
        ),
        &[&a_id, &clamp_date(to), &super::limit(n)],
    )?;
    let list = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    with_sets(db, list)
}
