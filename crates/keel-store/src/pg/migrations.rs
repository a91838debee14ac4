//! Versioned schema migrations on PostgreSQL: the `keel_schema` row holds the version,
//! and the steps come from the one list both backends share ([`crate::migrations`]).

use crate::migrations::{After, MIGRATIONS, SCHEMA_VERSION};
use crate::{Result, StoreError};
use postgres::{Client, GenericClient};

/// The schema version of the database (0 when keel never wrote to it).
pub(crate) fn version(c: &mut impl GenericClient) -> Result<i64> {
    let exists: bool = c
        .query_one("SELECT to_regclass('keel_schema') IS NOT NULL", &[])?
        .try_get(0)?;
    if !exists {
        return Ok(0);
    }
    let v: Option<i32> = c
        .query_opt("SELECT version FROM keel_schema WHERE id = 1", &[])?
        .map(|r| r.try_get(0))
        .transpose()?;
    Ok(i64::from(v.unwrap_or(0)))
}

fn too_new(found: i64) -> StoreError {
    StoreError::TooNew {
        found,
        supported: SCHEMA_VERSION,
    }
}

/// Applies pending migrations, each in its own transaction holding an advisory lock (per
/// schema), so two servers starting at once cannot apply one twice. An up-to-date database
/// is only read.
pub(crate) fn migrate(client: &mut Client) -> Result<()> {
    match version(client)? {
        v if v == SCHEMA_VERSION => return Ok(()),
        v if v > SCHEMA_VERSION => return Err(too_new(v)),
        _ => {}
    }
    loop {
        let mut tx = client.transaction()?;
        tx.batch_execute(
            "SELECT pg_advisory_xact_lock(hashtext('keel_schema:' || coalesce(current_schema(), '')));
             CREATE TABLE IF NOT EXISTS keel_schema (
                 id      integer PRIMARY KEY CHECK (id = 1),
                 version integer NOT NULL
             );
             INSERT INTO keel_schema (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;",
        )?;
        let v = version(&mut tx)?;
        if v > SCHEMA_VERSION {
            return Err(too_new(v));
        }
        if v == SCHEMA_VERSION {
            tx.commit()?;
            return Ok(());
        }
        let next = v + 1;
        let step = usize::try_from(v)
            .ok()
            .and_then(|i| MIGRATIONS.get(i))
            .ok_or(StoreError::Migration {
                version: next,
                detail: format!("the database reports schema version {v}"),
            })?;
        let fail = |e: postgres::Error| StoreError::Migration {
            version: next,
            detail: format!(
                "{}: {}",
                step.name,
                e.as_db_error()
                    .map_or_else(|| e.to_string(), |d| d.to_string())
            ),
        };
        tx.batch_execute(step.postgres()).map_err(fail)?;
        match step.after {
            After::Nothing => {}
            After::TallyWorkouts => super::workouts::tally_all(&mut tx)?,
        }
        let next32 = i32::try_from(next).unwrap_or(i32::MAX);
        tx.execute(
            "UPDATE keel_schema SET version = $1 WHERE id = 1",
            &[&next32],
        )
        .map_err(fail)?;
        tx.commit()?;
    }
}
