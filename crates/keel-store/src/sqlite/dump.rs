//! A whole SQLite log as a [`LogDump`], and a dump restored into an empty SQLite log with
//! its ids kept (one transaction).

use super::{activities, checkins, files, plan_edits, session_marks, ts, workouts, SqliteStore};
use crate::dump::{
    DumpedActivity, DumpedCalendarRecord, DumpedCheckIn, DumpedMark, DumpedWorkout, LogDump,
    SampleBlob,
};
use crate::{Result, Store, StoreError, StoredProfile};
use jiff::civil::Date;
use keel_core::activity::Lap;
use keel_core::load::SetTally;
use keel_core::model::RunType;
use rusqlite::{params, Connection};
use std::collections::HashMap;

fn dump_activities(c: &Connection) -> Result<Vec<DumpedActivity>> {
    let mut blobs: HashMap<i64, SampleBlob> = HashMap::new();
    let mut stmt = c.prepare("SELECT activity_id, format, data FROM activity_samples")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        blobs.insert(
            r.get(0)?,
            SampleBlob {
                format: r.get(1)?,
                data: r.get(2)?,
            },
        );
    }
    let mut laps: HashMap<i64, Vec<Lap>> = HashMap::new();
    let mut stmt = c.prepare(
        "SELECT activity_id, start_ms, elapsed_s, distance_m, avg_hr, max_hr FROM laps \
         ORDER BY activity_id, idx",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        laps.entry(r.get(0)?).or_default().push(Lap {
            start: ts("lap start", r.get(1)?)?,
            elapsed_s: r.get(2)?,
            distance_m: r.get(3)?,
            avg_hr: r.get(4)?,
            max_hr: r.get(5)?,
        });
    }
    let mut stmt = c.prepare(&format!(
        "SELECT {}, richness, created_at_ms FROM activities ORDER BY id",
        activities::ACTIVITY_COLUMNS
    ))?;
    let raw = stmt
        .query_map([], |r| {
            Ok((
                activities::activity_from_row(r)?,
                r.get::<_, i64>(19)?,
                r.get::<_, i64>(20)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(row, richness, created)| {
            let mut stored = activities::stored(c, row, false)?;
            stored.activity.laps = laps.remove(&stored.id).unwrap_or_default();
            Ok(DumpedActivity {
                samples: blobs.remove(&stored.id),
                stored,
                richness,
                created_at: ts("activity created", created)?,
            })
        })
        .collect()
}

fn dump_workouts(c: &Connection) -> Result<Vec<DumpedWorkout>> {
    let mut sets = workouts::sets_in(c, "0001-01-01", "9999-12-31")?;
    let mut stmt = c.prepare(&format!(
        "SELECT {}, created_at_ms FROM strength_workouts ORDER BY id",
        workouts::WORKOUT_COLUMNS
    ))?;
    let raw = stmt
        .query_map([], |r| {
            Ok((workouts::workout_from_row(r)?, r.get::<_, i64>(9)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(w, created)| {
            let s = sets.remove(&w.id).unwrap_or_default();
            Ok(DumpedWorkout {
                stored: w.finish(s)?,
                created_at: ts("workout created", created)?,
            })
        })
        .collect()
}

impl SqliteStore {
    /// Everything in the log, row for row.
    pub fn dump(&self) -> Result<LogDump> {
        let c = &self.conn;
        let profiles = {
            let mut stmt =
                c.prepare("SELECT id, source, toml, set_at_ms FROM profiles ORDER BY id")?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
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
                .collect::<Result<Vec<_>>>()?
        };
        let files = {
            let mut stmt = c.prepare(&format!(
                "SELECT {} FROM imported_files ORDER BY id",
                files::FILE_COLUMNS
            ))?;
            let rows = stmt
                .query_map([], files::file_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(files::finish_file)
                .collect::<Result<Vec<_>>>()?
        };
        let checkins = {
            let mut stmt = c.prepare(&format!(
                "SELECT {}, recorded_at_ms FROM checkins ORDER BY date",
                checkins::CHECKIN_COLUMNS
            ))?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((checkins::checkin_from_row(r)?, r.get::<_, i64>(11)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|(row, at)| {
                    Ok(DumpedCheckIn {
                        checkin: checkins::finish_checkin(row)?,
                        recorded_at: ts("check-in time", at)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?
        };
        let calendar = {
            let mut stmt = c.prepare(
                "SELECT uid, content_hash, sequence, updated_at_ms FROM calendar_events ORDER BY uid",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|(uid, content_hash, seq, at)| {
                    Ok(DumpedCalendarRecord {
                        record: crate::CalendarRecord {
                            uid,
                            content_hash,
                            sequence: u32::try_from(seq).map_err(|_| StoreError::Decode {
                                what: "calendar sequence",
                                detail: seq.to_string(),
                            })?,
                        },
                        updated_at: ts("calendar time", at)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?
        };
        Ok(LogDump {
            profiles,
            files,
            activities: dump_activities(c)?,
            workouts: dump_workouts(c)?,
            checkins,
            adjustments: self.adjustments(Date::MIN, Date::MAX, false)?,
            calendar,
            plan_edits: plan_edits::all(c)?,
            marks: session_marks::stamped(c, Date::MIN, Date::MAX)?
                .into_iter()
                .map(|(mark, marked_at)| DumpedMark { mark, marked_at })
                .collect(),
        })
    }

    /// Restores `dump` into this log, which must hold nothing yet, in one transaction, with
    /// the dump's ids.
    pub fn restore(&mut self, dump: &LogDump) -> Result<()> {
        if self.counts()? != crate::Counts::default()
            || !self.calendar_records()?.is_empty()
            || !self.plan_edits()?.is_empty()
            || !self.session_marks(Date::MIN, Date::MAX)?.is_empty()
        {
            return Err(StoreError::Invalid {
                field: "restore",
                detail: "the training log already holds data".into(),
            });
        }
        self.write(|tx| restore_into(tx, dump))
    }
}

fn restore_into(tx: &Connection, d: &LogDump) -> Result<()> {
    for p in &d.profiles {
        tx.execute(
            "INSERT INTO profiles (id, source, toml, set_at_ms) VALUES (?1, ?2, ?3, ?4)",
            params![p.id, p.source, p.toml, p.set_at.as_millisecond()],
        )?;
    }
    for f in &d.files {
        tx.execute(
            "INSERT INTO imported_files (id, path, name, content_hash, size, format, result, \
             detail, activities, workouts, imported_at_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                f.id,
                f.path,
                f.name,
                f.content_hash,
                f.size.and_then(|n| i64::try_from(n).ok()),
                f.format,
                f.result.as_str(),
                f.detail,
                f.activities,
                f.workouts,
                f.imported_at.as_millisecond()
            ],
        )?;
    }
    for a in &d.activities {
        let s = &a.stored;
        let x = &s.activity;
        tx.execute(
            "INSERT INTO activities (id, file_id, source, content_hash, sport, name, start_ms, \
             elapsed_s, moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, avg_cadence, \
             avg_power_w, rpe, run_type, partial, sample_count, richness, created_at_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
             ?17, ?18, ?19, ?20, ?21)",
            params![
                s.id,
                s.file_id,
                x.source,
                s.content_hash,
                x.sport.as_str(),
                x.name,
                x.start.as_millisecond(),
                x.elapsed_s,
                x.moving_s,
                x.distance_m,
                x.elevation_gain_m,
                x.avg_hr,
                x.max_hr,
                x.avg_cadence,
                x.avg_power_w,
                x.rpe,
                x.run_type.map(RunType::as_str),
                x.partial,
                s.sample_count as i64,
                a.richness,
                a.created_at.as_millisecond()
            ],
        )?;
        if let Some(b) = &a.samples {
            tx.execute(
                "INSERT INTO activity_samples (activity_id, format, data) VALUES (?1, ?2, ?3)",
                params![s.id, b.format, b.data],
            )?;
        }
        for (i, lap) in x.laps.iter().enumerate() {
            tx.execute(
                "INSERT INTO laps (activity_id, idx, start_ms, elapsed_s, distance_m, avg_hr, \
                 max_hr) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    s.id,
                    i as i64,
                    lap.start.as_millisecond(),
                    lap.elapsed_s,
                    lap.distance_m,
                    lap.avg_hr,
                    lap.max_hr
                ],
            )?;
        }
    }
    for w in &d.workouts {
        let s = &w.stored;
        let x = &s.workout;
        // The sets are restored in the dump's order, so their tally is the one of `x.sets`.
        let tally = SetTally::of(x.sets.iter().map(|s| (s.set_type, s.rpe, s.rir)));
        tx.execute(
            "INSERT INTO strength_workouts (id, file_id, source, date, start_ms, name, \
             duration_s, rpe, notes, created_at_ms, working_sets, light_sets, rated_sets, \
             rpe_sum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                s.id,
                s.file_id,
                x.source,
                super::date_key("workout date", x.date)?,
                x.start.map(|t| t.as_millisecond()),
                x.name,
                x.duration_s,
                x.rpe,
                x.notes,
                w.created_at.as_millisecond(),
                tally.working_sets,
                tally.light_sets,
                tally.rated_sets,
                tally.rpe_sum
            ],
        )?;
        let mut stmt = tx.prepare_cached(
            "INSERT INTO strength_sets (workout_id, ord, exercise, weight_kg, reps, rpe, rir, \
             set_type, duration_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for set in &x.sets {
            stmt.execute(params![
                s.id,
                set.order,
                set.exercise,
                set.weight_kg,
                set.reps,
                set.rpe,
                set.rir,
                set.set_type.as_str(),
                set.duration_s
            ])?;
        }
    }
    for c in &d.checkins {
        let k = &c.checkin;
        tx.execute(
            "INSERT INTO checkins (date, sleep_h, sleep_quality, fatigue, soreness_legs, \
             soreness_upper, mood, stress, motivation, ill, note, recorded_at_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                super::date_key("check-in date", k.date)?,
                k.sleep_h,
                k.sleep_quality,
                k.fatigue,
                k.soreness_legs,
                k.soreness_upper,
                k.mood,
                k.stress,
                k.motivation,
                k.ill,
                k.note,
                c.recorded_at.as_millisecond()
            ],
        )?;
    }
    for a in &d.adjustments {
        let n = &a.adjustment;
        tx.execute(
            "INSERT INTO adjustments (id, date, rule, kind, text, detail, active, \
             created_at_ms, cleared_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                a.id,
                super::date_key("adjustment date", n.date)?,
                n.rule,
                n.kind,
                n.text,
                n.detail,
                a.active,
                a.created_at.as_millisecond(),
                a.cleared_at.map(|t| t.as_millisecond())
            ],
        )?;
    }
    for r in &d.calendar {
        tx.execute(
            "INSERT INTO calendar_events (uid, content_hash, sequence, updated_at_ms) \
             VALUES (?1, ?2, ?3, ?4)",
            params![
                r.record.uid,
                r.record.content_hash,
                i64::from(r.record.sequence),
                r.updated_at.as_millisecond()
            ],
        )?;
    }
    for e in &d.plan_edits {
        let row = crate::edit_rows::edit_row(&e.edit)?;
        tx.execute(
            "INSERT INTO plan_edits (id, kind, date, subject, target, created_at_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                e.id,
                row.kind,
                super::date_key("edit date", row.date)?,
                row.subject,
                row.target,
                e.created_at.as_millisecond()
            ],
        )?;
    }
    for m in &d.marks {
        tx.execute(
            "INSERT INTO session_marks (date, status, note, marked_at_ms) VALUES (?1, ?2, ?3, ?4)",
            params![
                super::date_key("mark date", m.mark.date)?,
                m.mark.status.as_str(),
                m.mark.note,
                m.marked_at.as_millisecond()
            ],
        )?;
    }
    Ok(())
}
