//! The `plan_edits` table: the runner's swaps and moves, laid over the planned season in
//! the order they were first made. One row per (kind, date, subject): storing another
//! target for it replaces the target, and storing the same one changes nothing.

use super::{date_key, now_ms, parse_date, ts};
use crate::edit_rows::{edit_from_row, edit_row};
use crate::{Id, PlanEdit, Result, StoredEdit};
use rusqlite::{params, Connection};

pub(super) fn put(conn: &Connection, edit: &PlanEdit) -> Result<Id> {
    let row = edit_row(edit)?;
    let date = date_key("edit date", row.date)?;
    conn.prepare_cached(
        "INSERT INTO plan_edits (kind, date, subject, target, created_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (kind, date, subject) DO UPDATE SET target = excluded.target
         WHERE target != excluded.target",
    )?
    .execute(params![row.kind, date, row.subject, row.target, now_ms()])?;
    Ok(conn
        .prepare_cached("SELECT id FROM plan_edits WHERE kind = ?1 AND date = ?2 AND subject = ?3")?
        .query_row(params![row.kind, date, row.subject], |r| r.get(0))?)
}

pub(super) fn delete(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM plan_edits WHERE id = ?1")?
        .execute([id])?
        > 0)
}

/// Every edit in id order, with its creation time in milliseconds.
pub(super) fn all(conn: &Connection) -> Result<Vec<StoredEdit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, date, subject, target, created_at_ms FROM plan_edits ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, date, subject, target, at) = row?;
        out.push(StoredEdit {
            id,
            edit: edit_from_row(&kind, parse_date(&date)?, subject, target)?,
            created_at: ts("plan edit time", at)?,
        });
    }
    Ok(out)
}
