//! The `session_marks` table: done or skipped, one mark per local date (it applies to the
//! strength session(s) planned that day). Storing the same mark again changes nothing.

use super::{bound, date_key, now_ms, parse_date, ts};
use crate::edit_rows::mark_status;
use crate::Result;
use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::marks::Mark;
use rusqlite::{params, Connection};

pub(super) fn put(conn: &Connection, mark: &Mark) -> Result<()> {
    let date = date_key("mark date", mark.date)?;
    conn.prepare_cached(
        "INSERT INTO session_marks (date, status, note, marked_at_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (date) DO UPDATE SET status = excluded.status, note = excluded.note,
           marked_at_ms = excluded.marked_at_ms
         WHERE status != excluded.status OR note IS NOT excluded.note",
    )?
    .execute(params![date, mark.status.as_str(), mark.note, now_ms()])?;
    Ok(())
}

pub(super) fn delete(conn: &Connection, date: Date) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM session_marks WHERE date = ?1")?
        .execute([date_key("mark date", date)?])?
        > 0)
}

pub(super) fn range(conn: &Connection, from: Date, to: Date) -> Result<Vec<Mark>> {
    Ok(stamped(conn, from, to)?
        .into_iter()
        .map(|(m, _)| m)
        .collect())
}

/// Marks on dates `from..=to`, by date, each with when it was made.
pub(super) fn stamped(conn: &Connection, from: Date, to: Date) -> Result<Vec<(Mark, Timestamp)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, status, note, marked_at_ms FROM session_marks \
         WHERE date >= ?1 AND date <= ?2 ORDER BY date",
    )?;
    let rows = stmt.query_map(params![bound(from), bound(to)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, status, note, at) = row?;
        out.push((
            Mark {
                date: parse_date(&date)?,
                status: mark_status(&status)?,
                note,
            },
            ts("mark time", at)?,
        ));
    }
    Ok(out)
}
