//! The `profiles` table: every stored profile version of an athlete; the latest is in force.

use super::conn::{get, Db};
use crate::{Id, Result, StoredProfile};
use postgres::{GenericClient, Row};

pub(crate) fn insert<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    source: &str,
    toml: &str,
) -> Result<Id> {
    db.insert(
        "INSERT INTO profiles (athlete_id, source, toml, set_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
        &[&a_id, &source, &toml, &super::now()],
    )
}

pub(crate) const COLUMNS: &str = "id, source, toml, set_at";

/// A profile from a row of [`COLUMNS`] starting at column `o`.
pub(crate) fn from_row_at(r: &Row, o: usize) -> Result<StoredProfile> {
    Ok(StoredProfile {
        id: get(r, o)?,
        source: get(r, o + 1)?,
        toml: get(r, o + 2)?,
        set_at: get(r, o + 3)?,
    })
}

/// The athlete's newest `limit` versions, newest first.
pub(crate) fn history<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    limit: i64,
) -> Result<Vec<StoredProfile>> {
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM profiles WHERE athlete_id = $1 \
             ORDER BY set_at DESC, id DESC LIMIT $2"
        ),
        &[&a_id, &limit],
    )?
    .iter()
    .map(|r| from_row_at(r, 0))
    .collect()
}
