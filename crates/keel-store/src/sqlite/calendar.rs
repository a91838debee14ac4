//! The `calendar_events` table: what the calendar export last wrote per event (UID,
//! content hash, SEQUENCE).

use super::now_ms;
use crate::{CalendarRecord, Result, StoreError};
use rusqlite::{params, Connection};

pub(super) fn all(conn: &Connection) -> Result<Vec<CalendarRecord>> {
    let mut stmt = conn
        .prepare_cached("SELECT uid, content_hash, sequence FROM calendar_events ORDER BY uid")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (uid, content_hash, seq) = row?;
        let sequence = u32::try_from(seq).map_err(|_| StoreError::Invalid {
            field: "calendar_events.sequence",
            detail: format!("{seq} is out of range"),
        })?;
        out.push(CalendarRecord {
            uid,
            content_hash,
            sequence,
        });
    }
    Ok(out)
}

/// Inserts or updates records; records whose hash and sequence are unchanged are left
/// alone (and change nothing, so the data version stays).
pub(super) fn put(conn: &Connection, records: &[CalendarRecord]) -> Result<()> {
    let now = now_ms();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO calendar_events (uid, content_hash, sequence, updated_at_ms)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (uid) DO UPDATE SET
           content_hash = excluded.content_hash,
           sequence = excluded.sequence,
           updated_at_ms = excluded.updated_at_ms
         WHERE content_hash != excluded.content_hash OR sequence != excluded.sequence",
    )?;
    for r in records {
        stmt.execute(params![r.uid, r.content_hash, i64::from(r.sequence), now])?;
    }
    Ok(())
}
