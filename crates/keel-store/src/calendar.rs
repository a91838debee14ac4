//! What the calendar export last wrote per event (UID, content hash, SEQUENCE).
//!
//! Inherent methods rather than [`crate::Store`] trait methods: this is export bookkeeping,
//! not training data, and a backend without it can simply start every event at SEQUENCE 0.

use crate::sqlite::now_ms;
use crate::{Result, SqliteStore, StoreError};
use rusqlite::params;

/// One exported event's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarRecord {
    /// The event's UID.
    pub uid: String,
    /// Hash of what was written for it.
    pub content_hash: String,
    /// The SEQUENCE written with that content.
    pub sequence: u32,
}

impl SqliteStore {
    /// Every stored calendar record, by UID.
    pub fn calendar_records(&self) -> Result<Vec<CalendarRecord>> {
        let mut stmt = self
            .connection()
            .prepare("SELECT uid, content_hash, sequence FROM calendar_events ORDER BY uid")?;
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

    /// Inserts or updates records in one transaction; records whose hash and sequence are
    /// unchanged are left alone.
    pub fn put_calendar_records(&mut self, records: &[CalendarRecord]) -> Result<()> {
        let now = now_ms();
        let tx = self.write_tx()?;
        {
            let mut stmt = tx.prepare(
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
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_update() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        assert!(s.calendar_records().unwrap().is_empty());
        let a = CalendarRecord {
            uid: "a@keel".into(),
            content_hash: "01".into(),
            sequence: 0,
        };
        s.put_calendar_records(std::slice::from_ref(&a)).unwrap();
        assert_eq!(s.calendar_records().unwrap(), vec![a.clone()]);
        let a2 = CalendarRecord {
            content_hash: "02".into(),
            sequence: 1,
            ..a
        };
        s.put_calendar_records(std::slice::from_ref(&a2)).unwrap();
        assert_eq!(s.calendar_records().unwrap(), vec![a2]);
    }
}
