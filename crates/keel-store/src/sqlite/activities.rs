//! The `activities` table with its `activity_samples` blobs and `laps`: inserts with
//! de-duplication of the same recording from another file, and windowed reads.

use super::{decode_err, limit, now_ms, ts, MANUAL};
use crate::samples;
use crate::{Id, InsertOutcome, Result, StoredActivity};
use jiff::Timestamp;
use keel_core::activity::{
    richness, same_duration, Activity, Lap, Sport, DUPLICATE_START_WINDOW_S,
};
use keel_core::load::ActivitySummary;
use keel_core::model::RunType;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) const ACTIVITY_COLUMNS: &str =
    "id, file_id, content_hash, sample_count, source, sport, name, \
     start_ms, elapsed_s, moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, avg_cadence, \
     avg_power_w, rpe, run_type, partial";

/// Row id, file id, content hash, sample count, and the activity's columns.
pub(super) type ActivityRow = (Id, Option<Id>, Option<String>, i64, RawActivity);

pub(super) fn activity_from_row(r: &Row<'_>) -> rusqlite::Result<ActivityRow> {
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
pub(super) struct RawActivity {
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
        .prepare_cached("SELECT data FROM activity_samples WHERE activity_id = ?1")?
        .query_row([id], |r| r.get(0))
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

fn write_details(conn: &Connection, id: Id, a: &Activity, blob: Option<&[u8]>) -> Result<()> {
    conn.prepare_cached("DELETE FROM activity_samples WHERE activity_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM laps WHERE activity_id = ?1")?
        .execute([id])?;
    if !a.samples.is_empty() {
        let encoded;
        let blob = match blob {
            Some(blob) => blob,
            None => {
                encoded = samples::encode(&a.samples)?;
                &encoded
            }
        };
        conn.prepare_cached(
            "INSERT INTO activity_samples (activity_id, format, data) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, samples::FORMAT_VERSION, blob])?;
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

/// Inserts or de-duplicates one activity on an open transaction; `blob` is its samples
/// encoded already ([`samples::EncodedActivity`]), else they are encoded here.
pub(super) fn insert(
    conn: &Connection,
    a: &Activity,
    content_hash: Option<&str>,
    file_id: Option<Id>,
    blob: Option<&[u8]>,
) -> Result<InsertOutcome> {
    crate::check::activity(a)?;
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
                write_details(conn, id, a, blob)?;
                return Ok(InsertOutcome::Replaced(id));
            }
            // The poorer copy may still carry what the richer lacks (a Strava name or RPE).
            conn.execute(
                "UPDATE activities SET name = COALESCE(name, ?2), rpe = COALESCE(rpe, ?3), \
                 run_type = COALESCE(run_type, ?4) WHERE id = ?1 AND ((name IS NULL AND ?2 IS NOT NULL) \
                 OR (rpe IS NULL AND ?3 IS NOT NULL) OR (run_type IS NULL AND ?4 IS NOT NULL))",
                params![id, a.name, a.rpe, a.run_type.map(RunType::as_str)],
            )?;
            return Ok(InsertOutcome::Duplicate(id));
        }
    }
    conn.prepare_cached(
        "INSERT INTO activities (file_id, source, content_hash, sport, name, start_ms, elapsed_s, \
         moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, avg_cadence, avg_power_w, rpe, \
         run_type, partial, sample_count, richness, created_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
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
        ])?;
    let id = conn.last_insert_rowid();
    write_details(conn, id, a, blob)?;
    Ok(InsertOutcome::Inserted(id))
}

pub(super) fn stored(
    conn: &Connection,
    row: ActivityRow,
    with_details: bool,
) -> Result<StoredActivity> {
    let (id, file_id, content_hash, n, raw) = row;
    let mut activity = raw.into_activity()?;
    if with_details {
        load_details(conn, id, &mut activity)?;
    }
    Ok(StoredActivity {
        id,
        file_id,
        content_hash,
        sample_count: n.max(0) as usize,
        activity,
    })
}

/// One activity with samples and laps.
pub(super) fn one(conn: &Connection, id: Id) -> Result<Option<StoredActivity>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {ACTIVITY_COLUMNS} FROM activities WHERE id = ?1"
        ))?
        .query_row([id], activity_from_row)
        .optional()?;
    row.map(|r| stored(conn, r, true)).transpose()
}

/// Activities starting in `[from, to)`, oldest first.
pub(super) fn range(
    conn: &Connection,
    from: Timestamp,
    to: Timestamp,
    with_samples: bool,
) -> Result<Vec<StoredActivity>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTIVITY_COLUMNS} FROM activities WHERE start_ms >= ?1 AND start_ms < ?2 \
         ORDER BY start_ms, id"
    ))?;
    let rows = stmt
        .query_map(
            params![from.as_millisecond(), to.as_millisecond()],
            activity_from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|r| stored(conn, r, with_samples))
        .collect()
}

/// The load summaries of the activities starting in `[from, to)`, oldest first: the
/// summary's columns only, by the start index.
const SUMMARIES: &str = "SELECT source, sport, name, start_ms, elapsed_s, moving_s, distance_m, \
     avg_hr, rpe, run_type FROM activities WHERE start_ms >= ?1 AND start_ms < ?2 \
     ORDER BY start_ms, id";

/// Column `i` of `r` as text, or `None` when NULL, without copying it.
fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)
}

/// Activities starting in `[from, to)`, oldest first, summarised for their load (see
/// [`SUMMARIES`]); text is checked without copying but for the name.
pub(super) fn summaries(
    conn: &Connection,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<ActivitySummary>> {
    let mut stmt = conn.prepare_cached(SUMMARIES)?;
    let mut rows = stmt.query(params![from.as_millisecond(), to.as_millisecond()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(ActivitySummary {
            from_strava: text(r, 0)?.is_some_and(|s| s.starts_with("strava:")),
            sport: text(r, 1)?
                .unwrap_or_default()
                .parse::<Sport>()
                .map_err(|e| decode_err("sport", e))?,
            name: r.get(2)?,
            start: ts("activity start", r.get(3)?)?,
            elapsed_s: r.get(4)?,
            moving_s: r.get(5)?,
            distance_m: r.get(6)?,
            avg_hr: r.get(7)?,
            rpe: r.get(8)?,
            run_type: text(r, 9)?
                .map(str::parse::<RunType>)
                .transpose()
                .map_err(|e| decode_err("run type", e))?,
        });
    }
    Ok(out)
}

/// The newest `n` activities starting before `before`, newest first, without samples.
pub(super) fn recent(
    conn: &Connection,
    before: Timestamp,
    n: usize,
) -> Result<Vec<StoredActivity>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTIVITY_COLUMNS} FROM activities WHERE start_ms < ?1 \
         ORDER BY start_ms DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(
            params![before.as_millisecond(), limit(n)],
            activity_from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|r| stored(conn, r, false)).collect()
}

pub(super) fn delete(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM activities WHERE id = ?1")?
        .execute([id])?
        > 0)
}

#[cfg(test)]
mod tests {
    use super::SUMMARIES;
    use crate::SqliteStore;

    /// The summaries search the activities by their start index and read nothing else.
    #[test]
    fn summaries_read_a_window_of_activities_only() {
        let store = SqliteStore::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .connection()
            .prepare(&format!("EXPLAIN QUERY PLAN {SUMMARIES}"))
            .unwrap()
            .query_map([0i64, 1_000_000], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            plan.iter()
                .any(|p| p.contains("SEARCH activities USING INDEX activities_start")),
            "{plan:?}"
        );
        assert_eq!(
            plan.len(),
            1,
            "one search, no sort, no other table: {plan:?}"
        );
    }
}
