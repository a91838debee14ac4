//! The `profiles` table: every stored profile version; the latest is in force.

use super::{now_ms, ts};
use crate::{Id, Result, StoredProfile};
use rusqlite::{params, Connection};

pub(super) fn insert(conn: &Connection, source: &str, toml: &str) -> Result<Id> {
    conn.prepare_cached("INSERT INTO profiles (source, toml, set_at_ms) VALUES (?1, ?2, ?3)")?
        .execute(params![source, toml, now_ms()])?;
    Ok(conn.last_insert_rowid())
}

/// The newest `limit` versions, newest first.
pub(super) fn history(conn: &Connection, limit: i64) -> Result<Vec<StoredProfile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source, toml, set_at_ms FROM profiles \
         ORDER BY set_at_ms DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, source, toml, at)| {
            Ok(StoredProfile {
                id,
                source,
                toml,
                set_at: ts("profile time", at)?,
            })
        })
        .collect()
}
