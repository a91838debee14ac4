//! The `calendar_events` table: what the calendar export last wrote per event of an
//! athlete (UID, content hash, SEQUENCE).

use super::conn::{get, Db};
use crate::{CalendarRecord, Result, StoreError};
use postgres::GenericClient;

pub(crate) fn all<C: GenericClient>(db: &mut Db<'_, C>, a_id: i64) -> Result<Vec<CalendarRecord>> {
    let rows = db.query(
        "SELECT uid, content_hash, sequence FROM calendar_events WHERE athlete_id = $1 \
         ORDER BY uid COLLATE \"C\"",
        &[&a_id],
    )?;
    rows.iter()
        .map(|r| {
            let seq: i64 = get(r, 2)?;
            Ok(CalendarRecord {
                uid: get(r, 0)?,
                content_hash: get(r, 1)?,
                sequence: u32::try_from(seq).map_err(|_| StoreError::Invalid {
                    field: "calendar_events.sequence",
                    detail: format!("{seq} is out of range"),
                })?,
            })
        })
        .collect()
}

/// Inserts or updates records; records whose hash and sequence are unchanged are left
/// alone (and change nothing, so the data version stays).
pub(crate) fn put<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    records: &[CalendarRecord],
) -> Result<()> {
    let now = super::now();
    for r in records {
        db.exec(
            "INSERT INTO calendar_events (athlete_id, uid, content_hash, sequence, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (athlete_id, uid) DO UPDATE SET content_hash = excluded.content_hash, \
             sequence = excluded.sequence, updated_at = excluded.updated_at \
             WHERE calendar_events.content_hash <> excluded.content_hash \
             OR calendar_events.sequence <> excluded.sequence",
            &[&a_id, &r.uid, &r.content_hash, &i64::from(r.sequence), &now],
        )?;
    }
    Ok(())
}
