//! Reads for jobs over many athletes (`keel coach replan`): what planning and adapting a
//! day needs of each athlete of a batch (the profile in force, the log in a window, the
//! adjustments recorded, the runner's plan edits and marks), in nine queries per batch
//! whatever its size; and the
//! adjustments in force written back for a whole batch in one transaction.

use super::conn::{get, Db};
use super::{
    activities, adjustments, checkins, plan_edits, profiles, session_marks, workouts, PgDatabase,
};
use crate::accounts::AthleteId;
use crate::check::clamp_date;
use crate::{
    Adjustment, NewAdjustment, Result, StoredActivity, StoredEdit, StoredProfile, StoredWorkout,
};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use keel_core::activity::CheckIn;
use keel_core::marks::Mark;
use postgres::{GenericClient, Row};
use std::collections::HashMap;

/// The dates a batch read covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First day of the log read (check-ins, workouts; activities from the day before in
    /// UTC, so any time zone's local day is covered).
    pub from: Date,
    /// Last day of the log read (activities to two days after in UTC).
    pub to: Date,
    /// Adjustments are read for `from..=adjustments_to`.
    pub adjustments_to: Date,
}

impl Window {
    /// The times whose activities are read: `[from - 1 day, to + 2 days)` in UTC, which
    /// holds the local days `from..=to` in every time zone.
    pub fn times(&self) -> (Timestamp, Timestamp) {
        let at = |d: Date| {
            d.to_zoned(jiff::tz::TimeZone::UTC)
                .map(|z| z.timestamp())
                .unwrap_or(Timestamp::UNIX_EPOCH)
        };
        (
            at(self.from.saturating_sub(1.day())),
            at(self.to.saturating_add(2.days())),
        )
    }
}

/// One athlete's data for a [`Window`].
#[derive(Debug, Clone, PartialEq)]
pub struct AthleteWindow {
    /// Whose.
    pub athlete: AthleteId,
    /// The window read.
    pub window: Window,
    /// The athlete's data version when read.
    pub data_version: u64,
    /// The profile in force.
    pub profile: Option<StoredProfile>,
    /// Activities starting in [`Window::times`], oldest first, without samples or laps.
    pub activities: Vec<StoredActivity>,
    /// Strength workouts dated in the window, oldest first, with their sets.
    pub workouts: Vec<StoredWorkout>,
    /// Check-ins dated in the window, oldest first.
    pub checkins: Vec<CheckIn>,
    /// Adjustments (active or not) dated `from..=adjustments_to`, by date then id.
    pub adjustments: Vec<Adjustment>,
    /// Every plan edit, in the order they apply (edits are not dated by the window: a swap
    /// from long ago still applies).
    pub plan_edits: Vec<StoredEdit>,
    /// Session marks dated in the window, by date.
    pub marks: Vec<Mark>,
}

/// The athlete id in the last column of a batch row.
fn owner(r: &Row) -> Result<i64> {
    get(r, r.len().saturating_sub(1))
}

impl PgDatabase {
    /// Reads `window` of every athlete in `athletes` (in that order), nine queries in all.
    pub fn windows(&self, athletes: &[AthleteId], window: Window) -> Result<Vec<AthleteWindow>> {
        let ids: Vec<i64> = athletes.iter().map(|a| a.get()).collect();
        let mut at: HashMap<i64, usize> = HashMap::with_capacity(ids.len());
        let mut out: Vec<AthleteWindow> = athletes
            .iter()
            .enumerate()
            .map(|(i, &athlete)| {
                at.insert(athlete.get(), i);
                AthleteWindow {
                    athlete,
                    window,
                    data_version: 0,
                    profile: None,
                    activities: Vec::new(),
                    workouts: Vec::new(),
                    checkins: Vec::new(),
                    adjustments: Vec::new(),
                    plan_edits: Vec::new(),
                    marks: Vec::new(),
                }
            })
            .collect();
        let (from, to) = (clamp_date(window.from), clamp_date(window.to));
        let adj_to = clamp_date(window.adjustments_to);
        let (t0, t1) = window.times();
        let (t0, t1) = (super::ts_bound(t0), super::ts_bound(t1));
        let slot = |r: &Row| -> Result<Option<usize>> { Ok(at.get(&owner(r)?).copied()) };
        self.with_db(|db: &mut Db<'_, postgres::Client>| {
            for r in db.query(
                "SELECT version, athlete_id FROM data_version WHERE athlete_id = ANY($1)",
                &[&ids],
            )? {
                if let Some(i) = slot(&r)? {
                    let v: i64 = get(&r, 0)?;
                    out[i].data_version = v.max(0) as u64;
                }
            }
            for r in db.query(
                &format!(
                    "SELECT DISTINCT ON (athlete_id) {}, athlete_id FROM profiles \
                     WHERE athlete_id = ANY($1) ORDER BY athlete_id, set_at DESC, id DESC",
                    profiles::COLUMNS
                ),
                &[&ids],
            )? {
                if let Some(i) = slot(&r)? {
                    out[i].profile = Some(profiles::from_row_at(&r, 0)?);
                }
            }
            for r in db.query(
                &format!(
                    "SELECT {}, athlete_id FROM activities WHERE athlete_id = ANY($1) \
                     AND start_at >= $2 AND start_at < $3 ORDER BY athlete_id, start_at, id",
                    activities::COLUMNS
                ),
                &[&ids, &t0, &t1],
            )? {
                if let Some(i) = slot(&r)? {
                    out[i].activities.push(activities::from_row(&r)?);
                }
            }
            let mut by_workout: HashMap<i64, usize> = HashMap::new();
            for r in db.query(
                &format!(
                    "SELECT {}, athlete_id FROM strength_workouts WHERE athlete_id = ANY($1) \
                     AND date >= $2 AND date <= $3 ORDER BY athlete_id, date, start_at NULLS FIRST, id",
                    workouts::COLUMNS
                ),
                &[&ids, &from, &to],
            )? {
                if let Some(i) = slot(&r)? {
                    let w = workouts::from_row(&r)?;
                    by_workout.insert(w.id, i);
                    out[i].workouts.push(w);
                }
            }
            if !by_workout.is_empty() {
                let sets = db.query(
                    &format!(
                        "SELECT {} FROM strength_sets s JOIN strength_workouts w \
                         ON w.id = s.workout_id WHERE w.athlete_id = ANY($1) AND w.date >= $2 \
                         AND w.date <= $3",
                        workouts::SET_COLUMNS
                            .split(", ")
                            .map(|c| format!("s.{c}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    &[&ids, &from, &to],
                )?;
                let mut per: HashMap<usize, Vec<Row>> = HashMap::new();
                for r in sets {
                    let wid: i64 = get(&r, 0)?;
                    if let Some(&i) = by_workout.get(&wid) {
                        per.entry(i).or_default().push(r);
                    }
                }
                for (i, rows) in per {
                    workouts::attach_sets(&mut out[i].workouts, &rows)?;
                    // Read without a sort on the server: each workout's sets put in order here.
                    for w in &mut out[i].workouts {
                        w.workout.sets.sort_by_key(|s| s.order);
                    }
                }
            }
            for r in db.query(
                &format!(
                    "SELECT {}, athlete_id FROM checkins WHERE athlete_id = ANY($1) \
                     AND date >= $2 AND date <= $3 ORDER BY athlete_id, date",
                    checkins::COLUMNS
                ),
                &[&ids, &from, &to],
            )? {
                if let Some(i) = slot(&r)? {
                    out[i].checkins.push(checkins::from_row_at(&r, 0)?);
                }
            }
            for r in db.query(
                &format!(
                    "SELECT {}, athlete_id FROM adjustments WHERE athlete_id = ANY($1) \
                     AND date >= $2 AND date <= $3 ORDER BY athlete_id, date, id",
                    adjustments::COLUMNS
                ),
                &[&ids, &from, &adj_to],
            )? {
                if let Some(i) = slot(&r)? {
                    out[i].adjustments.push(adjustments::from_row(&r)?);
                }
            }
            for r in db.query(
                &format!(
                    "SELECT {}, athlete_id FROM plan_edits WHERE athlete_id = ANY($1) \
                     ORDER BY athlete_id, id",
                    plan_edits::COLUMNS
                ),
                &[&ids],
            )? {
                if let Some(i) = slot(&r)? {
                    out[i].plan_edits.push(plan_edits::from_row(&r)?);
                }
            }
            for r in db.query(
                &format!(
                    "SELECT {}, athlete_id FROM session_marks WHERE athlete_id = ANY($1) \
                     AND date >= $2 AND date <= $3 ORDER BY athlete_id, date",
                    session_marks::COLUMNS
                ),
                &[&ids, &from, &to],
            )? {
                if let Some(i) = slot(&r)? {
                    out[i].marks.push(session_marks::from_row(&r)?.0);
                }
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Makes each athlete's `current` adjustments the active set for its `from..=to`, as
    /// [`crate::Store::sync_adjustments`] does, for a whole batch in one transaction (each
    /// athlete's version bumped when something of theirs changed), skipping an athlete
    /// deleted since. Returns how many of the syncs changed something.
    ///
    /// A handful of statements per batch whatever its size (see [`sync_round`]): the
    /// athletes' versions locked, the stored rows read, then one multi-row statement each
    /// for the new rows, the changed ones, the cleared ones and the versions moved.
    pub fn sync_adjustments_many(&self, syncs: &[AdjustmentsInForce]) -> Result<usize> {
        if syncs.is_empty() {
            return Ok(0);
        }
        for s in syncs {
            crate::check::sync_range(s.from, s.to, &s.current)?;
            for a in &s.current {
                crate::check::adjustment(a)?;
            }
        }
        // An athlete named twice is synced twice, in order: one round per repeat.
        let mut rounds: Vec<Vec<&AdjustmentsInForce>> = Vec::new();
        let mut seen: HashMap<AthleteId, usize> = HashMap::with_capacity(syncs.len());
        for s in syncs {
            let k = seen.entry(s.athlete).or_insert(0);
            if rounds.len() == *k {
                rounds.push(Vec::new());
            }
            rounds[*k].push(s);
            *k += 1;
        }
        self.in_tx(|db| {
            let mut changed = 0;
            for round in &rounds {
                changed += sync_round(db, round)?;
            }
            Ok(changed)
        })
    }
}

/// The adjustments in force for one athlete over `from..=to`, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentsInForce {
    /// Whose.
    pub athlete: AthleteId,
    /// First day synced.
    pub from: Date,
    /// Last day synced.
    pub to: Date,
    /// The set in force.
    pub current: Vec<NewAdjustment>,
}

/// One row to write back: an id and its text and detail.
type Revived = (i64, String, Option<String>);

/// A stored adjustment's key: athlete, date, rule, kind.
type Key = (i64, Date, String, String);

/// A stored adjustment's id, whether active, text and detail.
type Row1 = (i64, bool, String, Option<String>);

/// Syncs a round of athletes, each named once, on an open transaction: their versions
/// locked (in id order, as every writer takes them one at a time), their stored rows in the
/// round's dates read at once, and what differs written with one statement per kind of
/// change. Returns how many of the athletes had a change.
fn sync_round<C: GenericClient>(
    db: &mut Db<'_, C>,
    round: &[&AdjustmentsInForce],
) -> Result<usize> {
    let mut ids: Vec<i64> = round.iter().map(|s| s.athlete.get()).collect();
    ids.sort_unstable();
    let locked = db.query(
        "SELECT athlete_id FROM data_version WHERE athlete_id = ANY($1) \
         ORDER BY athlete_id FOR UPDATE",
        &[&ids],
    )?;
    // An athlete deleted since the batch was read has nothing left to record.
    let ids: Vec<i64> = locked.iter().map(|r| get(r, 0)).collect::<Result<_>>()?;
    let round: Vec<&AdjustmentsInForce> = round
        .iter()
        .copied()
        .filter(|s| ids.binary_search(&s.athlete.get()).is_ok())
        .collect();
    let from = round.iter().map(|s| s.from).min().unwrap_or_default();
    let to = round.iter().map(|s| s.to).max().unwrap_or_default();
    let mut stored: HashMap<Key, Row1> = HashMap::new();
    for r in db.query(
        "SELECT athlete_id, date, rule, kind, id, active, text, detail FROM adjustments \
         WHERE athlete_id = ANY($1) AND date >= $2 AND date <= $3",
        &[&ids, &clamp_date(from), &clamp_date(to)],
    )? {
        stored.insert(
            (get(&r, 0)?, get(&r, 1)?, get(&r, 2)?, get(&r, 3)?),
            (get(&r, 4)?, get(&r, 5)?, get(&r, 6)?, get(&r, 7)?),
        );
    }
    let mut new_rows = NewRows::default();
    let mut revived: Vec<Revived> = Vec::new();
    let mut cleared: Vec<i64> = Vec::new();
    let mut changed: Vec<i64> = Vec::new();
    for s in &round {
        let a = s.athlete.get();
        let (n0, r0, c0) = (new_rows.athlete.len(), revived.len(), cleared.len());
        // The last of several entries for one (date, rule, kind) is the one kept, as
        // storing them one after the other leaves it.
        let mut current: HashMap<(Date, &str, &str), &NewAdjustment> = HashMap::new();
        for n in &s.current {
            current.insert((n.date, n.rule.as_str(), n.kind.as_str()), n);
        }
        let mut keep: Vec<i64> = Vec::with_capacity(current.len());
        for n in &s.current {
            let last = current.get(&(n.date, n.rule.as_str(), n.kind.as_str()));
            if !last.is_some_and(|last| std::ptr::eq(*last, n)) {
                continue;
            }
            match stored.get(&(a, n.date, n.rule.clone(), n.kind.clone())) {
                Some((id, active, text, detail)) => {
                    keep.push(*id);
                    if !*active || *text != n.text || *detail != n.detail {
                        revived.push((*id, n.text.clone(), n.detail.clone()));
                    }
                }
                None => new_rows.push(a, n),
            }
        }
        for ((owner, date, _, _), (id, active, _, _)) in &stored {
            if *owner == a && *active && (s.from..=s.to).contains(date) && !keep.contains(id) {
                cleared.push(*id);
            }
        }
        if (n0, r0, c0) != (new_rows.athlete.len(), revived.len(), cleared.len()) {
            changed.push(a);
        }
    }
    let at = super::now();
    if !new_rows.athlete.is_empty() {
        db.exec(
            "INSERT INTO adjustments (athlete_id, date, rule, kind, text, detail, active, \
             created_at) SELECT a, d, r, k, t, x, true, $7 FROM UNNEST($1::bigint[], \
             $2::date[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(a, d, r, k, t, x)",
            &[
                &new_rows.athlete,
                &new_rows.date,
                &new_rows.rule,
                &new_rows.kind,
                &new_rows.text,
                &new_rows.detail,
                &at,
            ],
        )?;
    }
    if !revived.is_empty() {
        let id: Vec<i64> = revived.iter().map(|r| r.0).collect();
        let text: Vec<&str> = revived.iter().map(|r| r.1.as_str()).collect();
        let detail: Vec<Option<&str>> = revived.iter().map(|r| r.2.as_deref()).collect();
        db.exec(
            "UPDATE adjustments AS j SET text = u.t, detail = u.x, active = true, \
             cleared_at = NULL FROM UNNEST($1::bigint[], $2::text[], $3::text[]) AS u(id, t, x) \
             WHERE j.id = u.id",
            &[&id, &text, &detail],
        )?;
    }
    if !cleared.is_empty() {
        db.exec(
            "UPDATE adjustments SET active = false, cleared_at = $2 WHERE id = ANY($1)",
            &[&cleared, &at],
        )?;
    }
    if !changed.is_empty() {
        db.exec(
            "UPDATE data_version SET version = version + 1 WHERE athlete_id = ANY($1)",
            &[&changed],
        )?;
    }
    Ok(changed.len())
}

/// New adjustment rows, column by column (for one `INSERT ... SELECT FROM UNNEST`).
#[derive(Default)]
struct NewRows {
    athlete: Vec<i64>,
    date: Vec<Date>,
    rule: Vec<String>,
    kind: Vec<String>,
    text: Vec<String>,
    detail: Vec<Option<String>>,
}

impl NewRows {
    fn push(&mut self, athlete: i64, n: &NewAdjustment) {
        self.athlete.push(athlete);
        self.date.push(n.date);
        self.rule.push(n.rule.clone());
        self.kind.push(n.kind.clone());
        self.text.push(n.text.clone());
        self.detail.push(n.detail.clone());
    }
}
