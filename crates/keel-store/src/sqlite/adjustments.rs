//! The `adjustments` table: plan adjustments from the adaptation rules; cleared ones stay
//! for history (`active = 0`). Storing what is already stored changes no row, so recording
//! the adjustments in force on every page view leaves the data version alone.

use super::{bound, now_ms, parse_date, ts};
use crate::{Adjustment, AdjustmentSync, Id, NewAdjustment, Result};
use jiff::civil::Date;
use rusqlite::{params, Connection, OptionalExtension};

fn validate(a: &NewAdjustment) -> Result<String> {
    Ok(crate::check::adjustment(a)?.to_string())
}

/// The stored row for (date, rule, kind): id, active, text, detail.
type Existing = (Id, bool, String, Option<String>);

fn existing(conn: &Connection, date: &str, a: &NewAdjustment) -> Result<Option<Existing>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, active, text, detail FROM adjustments \
             WHERE date = ?1 AND rule = ?2 AND kind = ?3",
        )?
        .query_row(params![date, a.rule, a.kind], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// Upserts; returns the id and whether it was active before. An active row with the same
/// text and detail is left untouched.
pub(super) fn put(conn: &Connection, a: &NewAdjustment) -> Result<(Id, bool)> {
    let date = validate(a)?;
    match existing(conn, &date, a)? {
        Some((id, true, text, detail)) if text == a.text && detail == a.detail => Ok((id, true)),
        Some((id, active, _, _)) => {
            conn.prepare_cached(
                "UPDATE adjustments SET text = ?2, detail = ?3, active = 1, cleared_at_ms = NULL \
                 WHERE id = ?1",
            )?
            .execute(params![id, a.text, a.detail])?;
            Ok((id, active))
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO adjustments (date, rule, kind, text, detail, active, created_at_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
            )?
            .execute(params![date, a.rule, a.kind, a.text, a.detail, now_ms()])?;
            Ok((conn.last_insert_rowid(), false))
        }
    }
}

pub(super) fn set_active(conn: &Connection, id: Id, active: bool) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE adjustments SET active = ?2, \
             cleared_at_ms = CASE WHEN ?2 THEN NULL ELSE COALESCE(cleared_at_ms, ?3) END \
             WHERE id = ?1",
        )?
        .execute(params![id, active, now_ms()])?;
    Ok(n > 0)
}

fn active_ids(conn: &Connection, from: Date, to: Date) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM adjustments WHERE active = 1 AND date >= ?1 AND date <= ?2",
    )?;
    let ids = stmt
        .query_map(params![bound(from), bound(to)], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<Id>>>()?;
    Ok(ids)
}

/// `Some` when `current` is exactly the active set for `from..=to` already (same texts and
/// details): what a sync would report, without writing.
pub(super) fn unchanged(
    conn: &Connection,
    from: Date,
    to: Date,
    current: &[NewAdjustment],
) -> Result<Option<AdjustmentSync>> {
    let mut ids = Vec::with_capacity(current.len());
    for a in current {
        let date = validate(a)?;
        match existing(conn, &date, a)? {
            Some((id, true, text, detail)) if text == a.text && detail == a.detail => ids.push(id),
            _ => return Ok(None),
        }
    }
    let active = active_ids(conn, from, to)?;
    if active.iter().any(|id| !ids.contains(id)) {
        return Ok(None);
    }
    Ok(Some(AdjustmentSync {
        added: 0,
        kept: current.len(),
        cleared: 0,
    }))
}

/// Makes `current` the active set for `from..=to` on an open transaction.
pub(super) fn sync(
    tx: &Connection,
    from: Date,
    to: Date,
    current: &[NewAdjustment],
) -> Result<AdjustmentSync> {
    let mut sync = AdjustmentSync::default();
    let mut keep = Vec::with_capacity(current.len());
    for a in current {
        let (id, was_active) = put(tx, a)?;
        if was_active {
            sync.kept += 1;
        } else {
            sync.added += 1;
        }
        keep.push(id);
    }
    let at = now_ms();
    for id in active_ids(tx, from, to)?
        .into_iter()
        .filter(|id| !keep.contains(id))
    {
        tx.prepare_cached("UPDATE adjustments SET active = 0, cleared_at_ms = ?2 WHERE id = ?1")?
            .execute(params![id, at])?;
        sync.cleared += 1;
    }
    Ok(sync)
}

/// Adjustments on dates `from..=to`, by date then id; only active ones if asked.
pub(super) fn range(
    conn: &Connection,
    from: Date,
    to: Date,
    active_only: bool,
) -> Result<Vec<Adjustment>> {
    let mut stmt = conn.prepare_cached(
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
