//! The `plan_edits` table: the runner's swaps and moves, laid over the planned season in
//! the order they were first made. One row per (kind, date, subject): storing another
//! target for it replaces the target, and storing the same one changes nothing.

use super::{date_key, now_ms, parse_date, ts};
use crate::{Id, PlanEdit, Result, StoreError, StoredEdit};
use keel_core::edits::{Move, Swap};
use rusqlite::{params, Connection};

/// (kind, date, subject, target) of an edit, validated.
fn columns(edit: &PlanEdit) -> Result<(&'static str, String, String, String)> {
    let nonempty = |field: &'static str, v: &str| {
        if v.trim().is_empty() {
            Err(StoreError::Invalid {
                field,
                detail: "must not be empty".into(),
            })
        } else {
            Ok(())
        }
    };
    Ok(match edit {
        PlanEdit::Swap(s) => {
            nonempty("swap exercise", &s.exercise)?;
            nonempty("swap replacement", &s.with)?;
            (
                "swap",
                date_key("swap date", s.since)?,
                s.exercise.clone(),
                s.with.clone(),
            )
        }
        PlanEdit::Move(m) => (
            "move",
            date_key("move date", m.from)?,
            m.focus.as_str().to_string(),
            date_key("move target date", m.to)?,
        ),
    })
}

pub(super) fn put(conn: &Connection, edit: &PlanEdit) -> Result<Id> {
    let (kind, date, subject, target) = columns(edit)?;
    conn.prepare_cached(
        "INSERT INTO plan_edits (kind, date, subject, target, created_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (kind, date, subject) DO UPDATE SET target = excluded.target
         WHERE target != excluded.target",
    )?
    .execute(params![kind, date, subject, target, now_ms()])?;
    Ok(conn
        .prepare_cached("SELECT id FROM plan_edits WHERE kind = ?1 AND date = ?2 AND subject = ?3")?
        .query_row(params![kind, date, subject], |r| r.get(0))?)
}

pub(super) fn delete(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM plan_edits WHERE id = ?1")?
        .execute([id])?
        > 0)
}

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
        let edit = match kind.as_str() {
            "swap" => PlanEdit::Swap(Swap {
                exercise: subject,
                with: target,
                since: parse_date(&date)?,
            }),
            "move" => PlanEdit::Move(Move {
                from: parse_date(&date)?,
                focus: subject
                    .parse()
                    .map_err(|e| super::decode_err("move focus", e))?,
                to: parse_date(&target)?,
            }),
            other => return Err(super::decode_err("plan edit kind", other)),
        };
        out.push(StoredEdit {
            id,
            edit,
            created_at: ts("plan edit time", at)?,
        });
    }
    Ok(out)
}
