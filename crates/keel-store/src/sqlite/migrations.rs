//! Versioned schema migrations (`PRAGMA user_version`), applied when a database is opened.
//! The steps come from the one list both backends share ([`crate::migrations`]).

use crate::migrations::{After, MIGRATIONS, SCHEMA_VERSION};
use crate::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

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
        let step = usize::try_from(version)
            .ok()
            .and_then(|i| MIGRATIONS.get(i))
            .ok_or(StoreError::Migration {
                version: next,
                detail: format!("the database reports schema version {version}"),
            })?;
        let sql = step.sqlite();
        let fail = |e: rusqlite::Error| match StoreError::from(e) {
            StoreError::Backend(e) => StoreError::Migration {
                version: next,
                detail: e.to_string(),
            },
            other => other,
        };
        let present = match step.sqlite_present {
            Some(q) => tx.query_row(q, [], |r| r.get::<_, i64>(0)).map_err(fail)? > 0,
            None => false,
        };
        if !present {
            tx.execute_batch(sql).map_err(fail)?;
        }
        match step.after {
            After::Nothing => {}
            After::TallyWorkouts => super::workouts::tally_all(&tx)?,
        }
        tx.pragma_update(None, "user_version", next).map_err(fail)?;
        tx.commit()?;
    }
}
