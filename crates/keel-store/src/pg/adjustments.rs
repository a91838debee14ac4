//! The `adjustments` table: plan adjustments from the adaptation rules; cleared ones stay
//! for history (`active = false`). Storing what is already stored changes no row, so
//! recording the adjustments in force on every page view leaves the data version alone.

use super::conn::{get, Db};
use crate::check::clamp_date;
use crate::{Adjustment, AdjustmentSync, Id, NewAdjustment, Result};
use jiff::civil::Date;
use postgres::{GenericClient, Row};

/// The stored row for (date, rule, kind): id, active, text, detail.
type Existing = (Id, bool, String, Option<String>);

fn existing<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    date: Date,
    a: &NewAdjustment,
) -> Result<Option<Existing>> {
    db.opt(
        "SELECT id, active, text, detail FROM adjustments \
         WHERE athlete_id = $1 AND date = $2 AND rule = $3 AND kind = $4",
        &[&a_id, &date, &a.rule, &a.kind],
    )?
    .map(|r| Ok((get(&r, 0)?, get(&r, 1)?, get(&r, 2)?, get(&r, 3)?)))
    .transpose()
}

/// Upserts; returns the id and whether it was active before. An active row with the same
/// text and detail is left untouched.
pub(crate) fn put<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    a: &NewAdjustment,
) -> Result<(Id, bool)> {
    let date = crate::check::adjustment(a)?;
    match existing(db, a_id, date, a)? {
        Some((id, true, text, detail)) if text == a.text && detail == a.detail => Ok((id, true)),
        Some((id, active, _, _)) => {
            db.exec(
                "UPDATE adjustments SET text = $2, detail = $3, active = true, cleared_at = NULL \
                 WHERE id = $1",
                &[&id, &a.text, &a.detail],
            )?;
            Ok((id, active))
        }
        None => {
            let id = db.insert(
                "INSERT INTO adjustments (athlete_id, date, rule, kind, text, detail, active, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, true, $7) RETURNING id",
                &[
                    &a_id,
                    &date,
                    &a.rule,
                    &a.kind,
                    &a.text,
                    &a.detail,
                    &super::now(),
                ],
            )?;
            Ok((id, false))
        }
    }
}

pub(crate) fn set_active<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    id: Id,
    active: bool,
) -> Result<bool> {
    let n = db.exec(
        "UPDATE adjustments SET active = $3, \
         cleared_at = CASE WHEN $3 THEN NULL ELSE COALESCE(cleared_at, $4) END \
         WHERE athlete_id = $1 AND id = $2",
        &[&a_id, &id, &active, &super::now()],
    )?;
    Ok(n > 0)
}

fn active_ids<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<Id>> {
    db.query(
        "SELECT id FROM adjustments WHERE athlete_id = $1 AND active AND date >= $2 AND date <= $3",
        &[&a_id, &clamp_date(from), &clamp_date(to)],
    )?
    .iter()
    .map(|r| get(r, 0))
    .collect()
}

/// `Some` when `current` is exactly the active set for `from..=to` already (same texts and
/// details): what a sync would report, without writing.
pub(crate) fn unchanged<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Date,
    to: Date,
    current: &[NewAdjustment],
) -> Result<Option<AdjustmentSync>> {
    let mut ids = Vec::with_capacity(current.len());
    for a in current {
        let date = crate::check::adjustment(a)?;
        match existing(db, a_id, date, a)? {
            Some((id, true, text, detail)) if text == a.text && detail == a.detail => ids.push(id),
            _ => return Ok(None),
        }
    }
    let active = active_ids(db, a_id, from, to)?;
    if active.iter().any(|id| !ids.contains(id)) {
        return Ok(None);
    }
    Ok(Some(AdjustmentSync {
        added: 0,
        kept: current.len(),
        cleared: 0,
    }))
}

/// Makes `current` the athlete's active set for `from..=to` on an open transaction.
pub(crate) fn sync<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Date,
    to: Date,
    current: &[NewAdjustment],
) -> Result<AdjustmentSync> {
    let mut sync = AdjustmentSync::default();
    let mut keep = Vec::with_capacity(current.len());
    for a in current {
        let (id, was_active) = put(db, a_id, a)?;
        if was_active {
            sync.kept += 1;
        } else {
            sync.added += 1;
        }
        keep.push(id);
    }
    let at = super::now();
    for id in active_ids(db, a_id, from, to)?
        .into_iter()
        .filter(|id| !keep.contains(id))
    {
        db.exec(
            "UPDATE adjustments SET active = false, cleared_at = $2 WHERE id = $1",
            &[&id, &at],
        )?;
        sync.cleared += 1;
    }
    Ok(sync)
}

pub(crate) const COLUMNS: &str =
    "id, date, rule, kind, text, detail, active, created_at, cleared_at";

/// An adjustment from a row of [`COLUMNS`].
pub(crate) fn from_row(r: &Row) -> Result<Adjustment> {
    Ok(Adjustment {
        id: get(r, 0)?,
        adjustment: NewAdjustment {
            date: get(r, 1)?,
            rule: get(r, 2)?,
            kind: get(r, 3)?,
            text: get(r, 4)?,
            detail: get(r, 5)?,
        },
        active: get(r, 6)?,
        created_at: get(r, 7)?,
        cleared_at: get(r, 8)?,
    })
}

/// The athlete's adjustments on dates `from..=to`, by date then id.
pub(crate) fn range<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Date,
    to: Date,
    active_only: bool,
) -> Result<Vec<Adjustment>> {
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM adjustments WHERE athlete_id = $1 AND date >= $2 \
             AND date <= $3 AND (active OR NOT $4) ORDER BY date, id"
        ),
        &[&a_id, &clamp_date(from), &clamp_date(to), &active_only],
    )?
    .iter()
    .map(from_row)
    .collect()
}
