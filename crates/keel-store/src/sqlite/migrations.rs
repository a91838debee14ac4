//! Versioned schema migrations (`PRAGMA user_version`), applied when a database is opened.

use crate::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

/// Ordered migrations: version n is `MIGRATIONS[n - 1]`. Append only; never edit a shipped one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_calendar_sequences.sql"),
    include_str!("../../migrations/0003_data_version.sql"),
    include_str!("../../migrations/0004_plan_edits_and_marks.sql"),
    include_str!("../../migrations/0005_workout_set_tally.sql"),
];

/// What a migration leaves to the program, by the version it brings the schema to: run
/// after its script in the same transaction.
fn after(version: i64, conn: &Connection) -> Result<()> {
    match version {
        5 => super::workouts::tally_all(conn),
        _ => Ok(()),
    }
}

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies pending migrations, each in its own immediate transaction that re-reads the
/// version, so two processes opening a new database at once cannot apply one twice.
///
/// An up-to-date database is only read: opening it never takes the write lock, so readers
/// (the web server's pool, `keel load`) never wait for a writer to open.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    match user_version(conn)? {
        v if v == SCHEMA_VERSION => return Ok(()),
        v if v > SCHEMA_VERSION => {
            return Err(StoreError::TooNew {
                found: v,
                supported: SCHEMA_VERSION,
            })
        }
        _ => {}
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let next = version + 1;
        let sql = MIGRATIONS[version as usize];
        let fail = |e: rusqlite::Error| match StoreError::from(e) {
            StoreError::Backend(e) => StoreError::Migration {
                version: next,
                detail: e.to_string(),
            },
            other => other,
        };
        tx.execute_batch(sql).map_err(fail)?;
        after(next, &tx)?;
        tx.pragma_update(None, "user_version", next).map_err(fail)?;
        tx.commit()?;
    }
}
