//! The `kept_results` table: results derived from the log, kept between runs with the data
//! version they were computed at. Writing one is not a change of the log: the data version
//! stays, and a busy database keeps nothing rather than making a reader wait.

use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension};

use super::BUSY_TIMEOUT;
use crate::Result;

pub(super) fn get(conn: &Connection, name: &str) -> Result<Option<(u64, Vec<u8>)>> {
    Ok(conn
        .prepare_cached("SELECT version, body FROM kept_results WHERE name = ?1")?
        .query_row([name], |r| {
            Ok((r.get::<_, i64>(0)?.max(0) as u64, r.get(1)?))
        })
        .optional()?)
}

pub(super) fn put(conn: &Connection, name: &str, version: u64, body: &[u8]) -> Result<()> {
    conn.busy_timeout(Duration::ZERO)?;
    let wrote = conn
        .prepare_cached(
            "INSERT INTO kept_results (name, version, body) VALUES (?1, ?2, ?3) \
             ON CONFLICT (name) DO UPDATE SET version = excluded.version, body = excluded.body",
        )
        .and_then(|mut s| {
            s.execute(params![
                name,
                i64::try_from(version).unwrap_or(i64::MAX),
                body
            ])
        });
    conn.busy_timeout(BUSY_TIMEOUT)?;
    match wrote {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
        {
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}
