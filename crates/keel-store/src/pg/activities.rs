//! The `activities` table with its `activity_samples` blobs (bytea) and `laps`: inserts
//! with de-duplication of the same recording from another file, and windowed reads. Every
//! query is bound to the handle's athlete; samples and laps of a window come in one query
//! each, never one per activity.

use super::conn::{get, get_u16, int, Db, P};
use super::{ts_bound, ts_value, MANUAL};
use crate::samples;
use crate::{Id, InsertOutcome, Result, StoredActivity};
use jiff::{SignedDuration, Timestamp};
use keel_core::activity::{
    richness, same_duration, Activity, Lap, Sport, DUPLICATE_START_WINDOW_S,
};
use keel_core::model::RunType;
use postgres::{GenericClient, Row};
use std::collections::HashMap;

pub(crate) const COLUMNS: &str = "id, file_id, content_hash, sample_count, source, sport, name, \
     start_at, elapsed_s, moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, avg_cadence, \
     avg_power_w, rpe, run_type, partial";

/// A stored activity from a row of [`COLUMNS`], without samples or laps.
pub(crate) fn from_row(r: &Row) -> Result<StoredActivity> {
    let sport: String = get(r, 5)?;
    let run_type: Option<String> = get(r, 17)?;
    let n: i32 = get(r, 3)?;
    Ok(StoredActivity {
        id: get(r, 0)?,
        file_id: get(r, 1)?,
        content_hash: get(r, 2)?,
        sample_count: usize::try_from(n).unwrap_or(0),
        activity: Activity {
            source: get(r, 4)?,
            sport: sport
                .parse::<Sport>()
                .map_err(|e| super::decode_err("sport", e))?,
            name: get(r, 6)?,
            start: get(r, 7)?,
            elapsed_s: get(r, 8)?,
            moving_s: get(r, 9)?,
            distance_m: get(r, 10)?,
            elevation_gain_m: get(r, 11)?,
            avg_hr: get_u16(r, 12)?,
            max_hr: get_u16(r, 13)?,
            avg_cadence: get_u16(r, 14)?,
            avg_power_w: get_u16(r, 15)?,
            rpe: get(r, 16)?,
            run_type: run_type
                .map(|s| s.parse::<RunType>())
                .transpose()
                .map_err(|e| super::decode_err("run type", e))?,
            samples: Vec::new(),
            laps: Vec::new(),
            partial: get(r, 18)?,
        },
    })
}

/// Loads samples and laps of `list` (activities of one athlete, already checked), two
/// queries in all.
fn load_details<C: GenericClient>(db: &mut Db<'_, C>, list: &mut [StoredActivity]) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let ids: Vec<Id> = list.iter().map(|a| a.id).collect();
    let mut at: HashMap<Id, usize> = HashMap::with_capacity(ids.len());
    for (i, a) in list.iter().enumerate() {
        at.insert(a.id, i);
    }
    for r in db.query(
        "SELECT activity_id, data FROM activity_samples WHERE activity_id = ANY($1)",
        &[&ids],
    )? {
        let id: Id = get(&r, 0)?;
        let blob: &[u8] = get(&r, 1)?;
        if let Some(&i) = at.get(&id) {
            list[i].activity.samples = samples::decode(blob)?;
        }
    }
    for r in db.query(
        "SELECT activity_id, start_at, elapsed_s, distance_m, avg_hr, max_hr FROM laps \
         WHERE activity_id = ANY($1) ORDER BY activity_id, idx",
        &[&ids],
    )? {
        let id: Id = get(&r, 0)?;
        if let Some(&i) = at.get(&id) {
            list[i].activity.laps.push(Lap {
                start: get(&r, 1)?,
                elapsed_s: get(&r, 2)?,
                distance_m: get(&r, 3)?,
                avg_hr: get_u16(&r, 4)?,
                max_hr: get_u16(&r, 5)?,
            });
        }
    }
    Ok(())
}

fn write_details<C: GenericClient>(db: &mut Db<'_, C>, id: Id, a: &Activity) -> Result<()> {
    db.exec(
        "DELETE FROM activity_samples WHERE activity_id = $1",
        &[&id],
    )?;
    db.exec("DELETE FROM laps WHERE activity_id = $1", &[&id])?;
    if !a.samples.is_empty() {
        let blob = samples::encode(&a.samples)?;
        let format = i32::from(samples::FORMAT_VERSION);
        db.exec(
            "INSERT INTO activity_samples (activity_id, format, data) VALUES ($1, $2, $3)",
            &[&id, &format, &blob],
        )?;
    }
    for (i, lap) in a.laps.iter().enumerate() {
        let idx = i32::try_from(i).unwrap_or(i32::MAX);
        let start = ts_value("lap start", lap.start)?;
        db.exec(
            "INSERT INTO laps (activity_id, idx, start_at, elapsed_s, distance_m, avg_hr, max_hr) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &id,
                &idx,
                &start,
                &lap.elapsed_s,
                &lap.distance_m,
                &int(lap.avg_hr),
                &int(lap.max_hr),
            ],
        )?;
    }
    Ok(())
}

/// Inserts or de-duplicates one activity of athlete `a_id` on an open transaction.
pub(crate) fn insert<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    a: &Activity,
    content_hash: Option<&str>,
    file_id: Option<Id>,
) -> Result<InsertOutcome> {
    crate::check::activity(a)?;
    let start = ts_value("activity start", a.start)?;
    let rich = richness(a);
    let n = i32::try_from(a.samples.len()).unwrap_or(i32::MAX);
    let run_type = a.run_type.map(RunType::as_str);
    if a.source != MANUAL {
        let window = SignedDuration::from_secs(DUPLICATE_START_WINDOW_S);
        let (lo, hi) = (
            ts_bound(start.saturating_sub(window).unwrap_or(start)),
            ts_bound(start.saturating_add(window).unwrap_or(start)),
        );
        let rows = db.query(
            "SELECT id, start_at, elapsed_s, richness FROM activities \
             WHERE athlete_id = $1 AND start_at BETWEEN $2 AND $3 AND source <> $4",
            &[&a_id, &lo, &hi, &MANUAL],
        )?;
        let mut same: Option<(i64, Id, i64)> = None;
        for r in &rows {
            let (id, s, elapsed, stored_rich): (Id, Timestamp, f64, i64) =
                (get(r, 0)?, get(r, 1)?, get(r, 2)?, get(r, 3)?);
            // The query keeps starts inside the window; the duration half of keel_core's
            // same-activity rule finishes the match. Closest start wins, then lowest id.
            if !same_duration(elapsed, a.elapsed_s) {
                continue;
            }
            let key = ((s.as_millisecond() - start.as_millisecond()).abs(), id);
            if same.is_none_or(|(d, i, _)| key < (d, i)) {
                same = Some((key.0, id, stored_rich));
            }
        }
        if let Some((_, id, stored_rich)) = same {
            if rich > stored_rich {
                let params: [P<'_>; 20] = [
                    &id,
                    &file_id,
                    &a.source,
                    &content_hash,
                    &a.sport.as_str(),
                    &a.name,
                    &start,
                    &a.elapsed_s,
                    &a.moving_s,
                    &a.distance_m,
                    &a.elevation_gain_m,
                    &int(a.avg_hr),
                    &int(a.max_hr),
                    &int(a.avg_cadence),
                    &int(a.avg_power_w),
                    &a.rpe,
                    &run_type,
                    &a.partial,
                    &n,
                    &rich,
                ];
                db.exec(
                    "UPDATE activities SET file_id = $2, source = $3, content_hash = $4, \
                     sport = $5, name = COALESCE($6, name), start_at = $7, elapsed_s = $8, \
                     moving_s = $9, distance_m = $10, elevation_gain_m = $11, avg_hr = $12, \
                     max_hr = $13, avg_cadence = $14, avg_power_w = $15, rpe = COALESCE($16, rpe), \
                     run_type = COALESCE($17, run_type), partial = $18, sample_count = $19, \
                     richness = $20 WHERE id = $1",
                    &params,
                )?;
                write_details(db, id, a)?;
                return Ok(InsertOutcome::Replaced(id));
            }
            // The poorer copy may still carry what the richer lacks (a Strava name or RPE).
            db.exec(
                "UPDATE activities SET name = COALESCE(name, $2), rpe = COALESCE(rpe, $3), \
                 run_type = COALESCE(run_type, $4) WHERE id = $1 AND ((name IS NULL AND $2::text IS NOT NULL) \
                 OR (rpe IS NULL AND $3::float8 IS NOT NULL) OR (run_type IS NULL AND $4::text IS NOT NULL))",
                &[&id, &a.name, &a.rpe, &run_type],
            )?;
            return Ok(InsertOutcome::Duplicate(id));
        }
    }
    let now = super::now();
    let params: [P<'_>; 21] = [
        &a_id,
        &file_id,
        &a.source,
        &content_hash,
        &a.sport.as_str(),
        &a.name,
        &start,
        &a.elapsed_s,
        &a.moving_s,
        &a.distance_m,
        &a.elevation_gain_m,
        &int(a.avg_hr),
        &int(a.max_hr),
        &int(a.avg_cadence),
        &int(a.avg_power_w),
        &a.rpe,
        &run_type,
        &a.partial,
        &n,
        &rich,
        &now,
    ];
    let id = db.insert(
        "INSERT INTO activities (athlete_id, file_id, source, content_hash, sport, name, start_at, \
         elapsed_s, moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, avg_cadence, \
         avg_power_w, rpe, run_type, partial, sample_count, richness, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20, $21) RETURNING id",
        &params,
    )?;
    write_details(db, id, a)?;
    Ok(InsertOutcome::Inserted(id))
}

/// One activity of the athlete with samples and laps.
pub(crate) fn one<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    id: Id,
) -> Result<Option<StoredActivity>> {
    let Some(row) = db.opt(
        &format!("SELECT {COLUMNS} FROM activities WHERE athlete_id = $1 AND id = $2"),
        &[&a_id, &id],
    )?
    else {
        return Ok(None);
    };
    let mut list = [from_row(&row)?];
    load_details(db, &mut list)?;
    let [a] = list;
    Ok(Some(a))
}

/// The athlete's activities starting in `[from, to)`, oldest first.
pub(crate) fn range<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Timestamp,
    to: Timestamp,
    with_samples: bool,
) -> Result<Vec<StoredActivity>> {
    let rows = db.query(
        &format!(
            "SELECT {COLUMNS} FROM activities WHERE athlete_id = $1 AND start_at >= $2 \
             AND start_at < $3 ORDER BY start_at, id"
        ),
        &[&a_id, &ts_bound(from), &ts_bound(to)],
    )?;
    let mut list = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    if with_samples {
        load_details(db, &mut list)?;
    }
    Ok(list)
}

/// The athlete's newest `n` activities starting before `before`, newest first.
pub(crate) fn recent<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    before: Timestamp,
    n: usize,
) -> Result<Vec<StoredActivity>> {
    let rows = db.query(
        &format!(
            "SELECT {COLUMNS} FROM activities WHERE athlete_id = $1 AND start_at < $2 \
             ORDER BY start_at DESC, id DESC LIMIT $3"
        ),
        &[&a_id, &ts_bound(before), &super::limit(n)],
    )?;
    rows.iter().map(from_row).collect()
}

pub(crate) fn delete<C: GenericClient>(db: &mut Db<'_, C>, a_id: i64, id: Id) -> Result<bool> {
    Ok(db.exec(
        "DELETE FROM activities WHERE athlete_id = $1 AND id = $2",
        &[&a_id, &id],
    )? > 0)
}
