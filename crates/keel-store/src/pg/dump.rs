//! A whole athlete's log as a [`LogDump`] (read in one snapshot), and a dump moved into an
//! athlete in one transaction (`keel migrate`): the athlete found by email or created, its
//! log required empty unless replaced, new ids assigned and references mapped.

use super::conn::{get, get_u16, int, int32, Db};
use super::{
    activities, adjustments, checkins, files, plan_edits, profiles, session_marks, workouts,
    PgDatabase,
};
use crate::accounts::{AccountError, AthleteId};
use crate::dump::{
    DumpedActivity, DumpedCalendarRecord, DumpedCheckIn, DumpedMark, DumpedWorkout, LogDump,
    SampleBlob,
};
use crate::{Result, StoreError};
use keel_core::activity::Lap;
use keel_core::model::RunType;
use postgres::GenericClient;
use std::collections::HashMap;

/// Which athlete receives a dump.
#[derive(Debug, Clone, Copy)]
pub enum MigrateTarget<'a> {
    /// The athlete with this login or invitation email; created with `name` when missing.
    Email {
        /// The email, any case.
        email: &'a str,
        /// The name of an athlete created for it.
        name: &'a str,
    },
    /// A new athlete without a login.
    New {
        /// Its name.
        name: &'a str,
    },
}

/// What [`PgDatabase::restore`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    /// The athlete that now holds the log.
    pub athlete: AthleteId,
    /// Whether the athlete was created.
    pub created: bool,
    /// Whether an existing log was replaced.
    pub replaced: bool,
}

/// The athlete's tables, children first (deleting a parent cascades to its children).
const TABLES: [&str; 9] = [
    "profiles",
    "plan_edits",
    "session_marks",
    "checkins",
    "adjustments",
    "calendar_events",
    "activities",
    "strength_workouts",
    "imported_files",
];

fn has_data<C: GenericClient>(db: &mut Db<'_, C>, a: i64) -> Result<bool> {
    for t in TABLES {
        if db
            .opt(
                &format!("SELECT 1 FROM {t} WHERE athlete_id = $1 LIMIT 1"),
                &[&a],
            )?
            .is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

fn dump_in<C: GenericClient>(db: &mut Db<'_, C>, a: i64) -> Result<LogDump> {
    let profiles = db
        .query(
            &format!(
                "SELECT {} FROM profiles WHERE athlete_id = $1 ORDER BY id",
                profiles::COLUMNS
            ),
            &[&a],
        )?
        .iter()
        .map(|r| profiles::from_row_at(r, 0))
        .collect::<Result<Vec<_>>>()?;
    let files_list = db
        .query(
            "SELECT id, path, name, content_hash, size, format, result, detail, activities, \
             workouts, imported_at FROM imported_files WHERE athlete_id = $1 ORDER BY id",
            &[&a],
        )?
        .iter()
        .map(files::from_row)
        .collect::<Result<Vec<_>>>()?;
    let mut blobs: HashMap<i64, SampleBlob> = HashMap::new();
    for r in db.query(
        "SELECT s.activity_id, s.format, s.data FROM activity_samples s \
         JOIN activities x ON x.id = s.activity_id WHERE x.athlete_id = $1",
        &[&a],
    )? {
        let format: i32 = get(&r, 1)?;
        blobs.insert(
            get(&r, 0)?,
            SampleBlob {
                format: i64::from(format),
                data: get(&r, 2)?,
            },
        );
    }
    let mut laps: HashMap<i64, Vec<Lap>> = HashMap::new();
    for r in db.query(
        "SELECT l.activity_id, l.start_at, l.elapsed_s, l.distance_m, l.avg_hr, l.max_hr \
         FROM laps l JOIN activities x ON x.id = l.activity_id WHERE x.athlete_id = $1 \
         ORDER BY l.activity_id, l.idx",
        &[&a],
    )? {
        laps.entry(get(&r, 0)?).or_default().push(Lap {
            start: get(&r, 1)?,
            elapsed_s: get(&r, 2)?,
            distance_m: get(&r, 3)?,
            avg_hr: get_u16(&r, 4)?,
            max_hr: get_u16(&r, 5)?,
        });
    }
    let mut acts = Vec::new();
    for r in db.query(
        &format!(
            "SELECT {}, richness, created_at FROM activities WHERE athlete_id = $1 ORDER BY id",
            activities::COLUMNS
        ),
        &[&a],
    )? {
        let mut stored = activities::from_row(&r)?;
        stored.activity.laps = laps.remove(&stored.id).unwrap_or_default();
        acts.push(DumpedActivity {
            samples: blobs.remove(&stored.id),
            stored,
            richness: get(&r, 19)?,
            created_at: get(&r, 20)?,
        });
    }
    let mut wos = Vec::new();
    for r in db.query(
        &format!(
            "SELECT {}, created_at FROM strength_workouts WHERE athlete_id = $1 ORDER BY id",
            workouts::COLUMNS
        ),
        &[&a],
    )? {
        wos.push((workouts::from_row(&r)?, get(&r, 9)?));
    }
    let sets = db.query(
        &format!(
            "SELECT {} FROM strength_sets s JOIN strength_workouts w ON w.id = s.workout_id \
             WHERE w.athlete_id = $1 ORDER BY s.workout_id, s.ord",
            workouts::SET_COLUMNS
                .split(", ")
                .map(|c| format!("s.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        &[&a],
    )?;
    let mut list: Vec<_> = wos.iter().map(|(w, _)| w.clone()).collect();
    workouts::attach_sets(&mut list, &sets)?;
    let workouts_list = list
        .into_iter()
        .zip(wos)
        .map(|(stored, (_, created_at))| DumpedWorkout { stored, created_at })
        .collect();
    let checkins_list = db
        .query(
            &format!(
                "SELECT {}, recorded_at FROM checkins WHERE athlete_id = $1 ORDER BY date",
                checkins::COLUMNS
            ),
            &[&a],
        )?
        .iter()
        .map(|r| {
            Ok(DumpedCheckIn {
                checkin: checkins::from_row_at(r, 0)?,
                recorded_at: get(r, 11)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let adjustments_list = db
        .query(
            &format!(
                "SELECT {} FROM adjustments WHERE athlete_id = $1 ORDER BY date, id",
                adjustments::COLUMNS
            ),
            &[&a],
        )?
        .iter()
        .map(adjustments::from_row)
        .collect::<Result<Vec<_>>>()?;
    let calendar = db
        .query(
            "SELECT uid, content_hash, sequence, updated_at FROM calendar_events \
             WHERE athlete_id = $1 ORDER BY uid COLLATE \"C\"",
            &[&a],
        )?
        .iter()
        .map(|r| {
            let seq: i64 = get(r, 2)?;
            Ok(DumpedCalendarRecord {
                record: crate::CalendarRecord {
                    uid: get(r, 0)?,
                    content_hash: get(r, 1)?,
                    sequence: u32::try_from(seq).map_err(|_| StoreError::Decode {
                        what: "calendar sequence",
                        detail: seq.to_string(),
                    })?,
                },
                updated_at: get(r, 3)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(LogDump {
        profiles,
        files: files_list,
        activities: acts,
        workouts: workouts_list,
        checkins: checkins_list,
        adjustments: adjustments_list,
        calendar,
        plan_edits: plan_edits::all(db, a)?,
        marks: session_marks::stamped(db, a, jiff::civil::Date::MIN, jiff::civil::Date::MAX)?
            .into_iter()
            .map(|(mark, marked_at)| DumpedMark { mark, marked_at })
            .collect(),
    })
}

fn restore_in<C: GenericClient>(db: &mut Db<'_, C>, a: i64, d: &LogDump) -> Result<()> {
    for p in &d.profiles {
        db.exec(
            "INSERT INTO profiles (athlete_id, source, toml, set_at) VALUES ($1, $2, $3, $4)",
            &[&a, &p.source, &p.toml, &p.set_at],
        )?;
    }
    let mut file_ids: HashMap<i64, i64> = HashMap::new();
    for f in &d.files {
        let size = f.size.and_then(|n| i64::try_from(n).ok());
        let (acts, wos) = (
            int32("activities", Some(f.activities))?,
            int32("workouts", Some(f.workouts))?,
        );
        let id = db.insert(
            "INSERT INTO imported_files (athlete_id, path, name, content_hash, size, format, \
             result, detail, activities, workouts, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
            &[
                &a,
                &f.path,
                &f.name,
                &f.content_hash,
                &size,
                &f.format,
                &f.result.as_str(),
                &f.detail,
                &acts,
                &wos,
                &f.imported_at,
            ],
        )?;
        file_ids.insert(f.id, id);
    }
    let map_file = |id: Option<i64>| id.and_then(|i| file_ids.get(&i).copied());
    for x in &d.activities {
        let s = &x.stored;
        let v = &s.activity;
        let n = i32::try_from(s.sample_count).unwrap_or(i32::MAX);
        let start = super::ts_value("activity start", v.start)?;
        let id = db.insert(
            "INSERT INTO activities (athlete_id, file_id, source, content_hash, sport, name, \
             start_at, elapsed_s, moving_s, distance_m, elevation_gain_m, avg_hr, max_hr, \
             avg_cadence, avg_power_w, rpe, run_type, partial, sample_count, richness, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
             $15, $16, $17, $18, $19, $20, $21) RETURNING id",
            &[
                &a,
                &map_file(s.file_id),
                &v.source,
                &s.content_hash,
                &v.sport.as_str(),
                &v.name,
                &start,
                &v.elapsed_s,
                &v.moving_s,
                &v.distance_m,
                &v.elevation_gain_m,
                &int(v.avg_hr),
                &int(v.max_hr),
                &int(v.avg_cadence),
                &int(v.avg_power_w),
                &v.rpe,
                &v.run_type.map(RunType::as_str),
                &v.partial,
                &n,
                &x.richness,
                &x.created_at,
            ],
        )?;
        if let Some(b) = &x.samples {
            let format = i32::try_from(b.format).unwrap_or(i32::MAX);
            db.exec(
                "INSERT INTO activity_samples (activity_id, format, data) VALUES ($1, $2, $3)",
                &[&id, &format, &b.data],
            )?;
        }
        for (i, lap) in v.laps.iter().enumerate() {
            let idx = i32::try_from(i).unwrap_or(i32::MAX);
            db.exec(
                "INSERT INTO laps (activity_id, idx, start_at, elapsed_s, distance_m, avg_hr, \
                 max_hr) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &id,
                    &idx,
                    &lap.start,
                    &lap.elapsed_s,
                    &lap.distance_m,
                    &int(lap.avg_hr),
                    &int(lap.max_hr),
                ],
            )?;
        }
    }
    for w in &d.workouts {
        let s = &w.stored;
        let v = &s.workout;
        let tally = workouts::tally_of(&v.sets)?;
        let id = db.insert(
            "INSERT INTO strength_workouts (athlete_id, file_id, source, date, start_at, name, \
             duration_s, rpe, notes, created_at, working_sets, light_sets, rated_sets, rpe_sum) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
            &[
                &a,
                &map_file(s.file_id),
                &v.source,
                &v.date,
                &v.start,
                &v.name,
                &v.duration_s,
                &v.rpe,
                &v.notes,
                &w.created_at,
                &tally.0,
                &tally.1,
                &tally.2,
                &tally.3,
            ],
        )?;
        if v.sets.is_empty() {
            continue;
        }
        // All of a workout's sets in one statement.
        let ords = v
            .sets
            .iter()
            .map(|s| int32("set order", Some(s.order)).map(|o| o.unwrap_or(0)))
            .collect::<Result<Vec<i32>>>()?;
        let reps = v
            .sets
            .iter()
            .map(|s| int32("reps", s.reps))
            .collect::<Result<Vec<Option<i32>>>>()?;
        let exercise: Vec<&str> = v.sets.iter().map(|s| s.exercise.as_str()).collect();
        let weight: Vec<Option<f64>> = v.sets.iter().map(|s| s.weight_kg).collect();
        let rpe: Vec<Option<f64>> = v.sets.iter().map(|s| s.rpe).collect();
        let rir: Vec<Option<f64>> = v.sets.iter().map(|s| s.rir).collect();
        let kind: Vec<&str> = v.sets.iter().map(|s| s.set_type.as_str()).collect();
        let dur: Vec<Option<f64>> = v.sets.iter().map(|s| s.duration_s).collect();
        db.exec(
            "INSERT INTO strength_sets (workout_id, ord, exercise, weight_kg, reps, rpe, rir, \
             set_type, duration_s) SELECT $1, * FROM unnest($2::int[], $3::text[], \
             $4::float8[], $5::int[], $6::float8[], $7::float8[], $8::text[], $9::float8[])",
            &[
                &id, &ords, &exercise, &weight, &reps, &rpe, &rir, &kind, &dur,
            ],
        )?;
    }
    for c in &d.checkins {
        let k = &c.checkin;
        let item = |v: Option<u8>| v.map(i16::from);
        db.exec(
            "INSERT INTO checkins (athlete_id, date, sleep_h, sleep_quality, fatigue, \
             soreness_legs, soreness_upper, mood, stress, motivation, ill, note, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &a,
                &k.date,
                &k.sleep_h,
                &item(k.sleep_quality),
                &item(k.fatigue),
                &item(k.soreness_legs),
                &item(k.soreness_upper),
                &item(k.mood),
                &item(k.stress),
                &item(k.motivation),
                &k.ill,
                &k.note,
                &c.recorded_at,
            ],
        )?;
    }
    for x in &d.adjustments {
        let n = &x.adjustment;
        db.exec(
            "INSERT INTO adjustments (athlete_id, date, rule, kind, text, detail, active, \
             created_at, cleared_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &a,
                &n.date,
                &n.rule,
                &n.kind,
                &n.text,
                &n.detail,
                &x.active,
                &x.created_at,
                &x.cleared_at,
            ],
        )?;
    }
    for r in &d.calendar {
        db.exec(
            "INSERT INTO calendar_events (athlete_id, uid, content_hash, sequence, updated_at) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &a,
                &r.record.uid,
                &r.record.content_hash,
                &i64::from(r.record.sequence),
                &r.updated_at,
            ],
        )?;
    }
    // In the dump's order, so the new ids keep the order the edits apply in.
    for e in &d.plan_edits {
        let row = crate::edit_rows::edit_row(&e.edit)?;
        db.exec(
            "INSERT INTO plan_edits (athlete_id, kind, date, subject, target, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &a,
                &row.kind,
                &row.date,
                &row.subject,
                &row.target,
                &e.created_at,
            ],
        )?;
    }
    for m in &d.marks {
        db.exec(
            "INSERT INTO session_marks (athlete_id, date, status, note, marked_at) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &a,
                &super::date_value("mark date", m.mark.date)?,
                &m.mark.status.as_str(),
                &m.mark.note,
                &m.marked_at,
            ],
        )?;
    }
    Ok(())
}

fn account_err(e: AccountError) -> StoreError {
    match e {
        AccountError::Store(s) => s,
        other => StoreError::Invalid {
            field: "athlete",
            detail: other.to_string(),
        },
    }
}

impl PgDatabase {
    /// Everything in one athlete's log, read in one consistent snapshot.
    pub fn dump(&self, athlete: AthleteId) -> Result<LogDump> {
        let mut c = self.conn()?;
        let super::conn::PgConn { client, stmts } = &mut *c;
        let mut tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let out = dump_in(&mut Db::new(&mut tx, stmts), athlete.get())?;
        tx.commit()?;
        Ok(out)
    }

    /// Moves `dump` into the target athlete in one transaction: the athlete is found (or
    /// created), its log must be empty unless `replace` (then it is replaced), every row is
    /// inserted with new ids, and its data version moves. Nothing is written on any error.
    pub fn restore(
        &self,
        target: MigrateTarget<'_>,
        dump: &LogDump,
        replace: bool,
    ) -> Result<Restored> {
        self.in_tx(|db| {
            let (found, name, email) = match target {
                MigrateTarget::Email { email, name } => {
                    let row = db.opt(
                        "SELECT a.id FROM athletes a LEFT JOIN users u ON u.id = a.user_id \
                         WHERE lower(u.email) = lower($1) OR lower(a.email) = lower($1) \
                         ORDER BY a.id LIMIT 1",
                        &[&email.trim()],
                    )?;
                    let found = row.map(|r| get::<i64>(&r, 0)).transpose()?;
                    if found.is_none()
                        && db
                            .opt(
                                "SELECT 1 FROM users WHERE lower(email) = lower($1)",
                                &[&email.trim()],
                            )?
                            .is_some()
                    {
                        return Err(StoreError::Invalid {
                            field: "athlete",
                            detail: format!("{} is a coach's login, not an athlete", email.trim()),
                        });
                    }
                    (found, name, Some(email))
                }
                MigrateTarget::New { name } => (None, name, None),
            };
            let (a, created) = match found {
                Some(a) => (a, false),
                None => (
                    super::accounts::insert_athlete(db, name, None, email)
                        .map_err(account_err)?
                        .get(),
                    true,
                ),
            };
            super::write_locked(db, a, |db, a| {
                let had = has_data(db, a)?;
                if had && !replace {
                    return Err(StoreError::Invalid {
                        field: "athlete",
                        detail: "this athlete already holds a training log; nothing was written"
                            .into(),
                    });
                }
                if had {
                    for t in TABLES {
                        db.exec(&format!("DELETE FROM {t} WHERE athlete_id = $1"), &[&a])?;
                    }
                }
                restore_in(db, a, dump)?;
                Ok(Restored {
                    athlete: AthleteId::from_db(a),
                    created,
                    replaced: had,
                })
            })
        })
    }
}
