//! The `plan_edits` table: one athlete's swaps and moves, laid over the planned season in
//! the order they were first made. One row per (athlete, kind, date, subject): storing
//! another target for it replaces the target in place, and storing the same one changes
//! nothing.

use super::conn::{get, Db};
use crate::edit_rows::{edit_from_row, edit_row};
use crate::{Id, PlanEdit, Result, StoredEdit};
use postgres::{GenericClient, Row};

/// The columns [`from_row`] reads.
pub(crate) const COLUMNS: &str = "id, kind, date, subject, target, created_at";

/// A stored edit from a row of [`COLUMNS`].
pub(crate) fn from_row(r: &Row) -> Result<StoredEdit> {
    let kind: String = get(r, 1)?;
    Ok(StoredEdit {
        id: get(r, 0)?,
        edit: edit_from_row(&kind, get(r, 2)?, get(r, 3)?, get(r, 4)?)?,
        created_at: get(r, 5)?,
    })
}

pub(crate) fn put<C: GenericClient>(db: &mut Db<'_, C>, a: i64, edit: &PlanEdit) -> Result<Id> {
    let row = edit_row(edit)?;
    db.exec(
        "INSERT INTO plan_edits (athlete_id, kind, date, subject, target, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (athlete_id, kind, date, subject) DO UPDATE SET target = excluded.target \
         WHERE plan_edits.target <> excluded.target",
        &[
            &a,
            &row.kind,
            &row.date,
            &row.subject,
            &row.target,
            &super::now(),
        ],
    )?;
    let found = db.one(
        "SELECT id FROM plan_edits WHERE athlete_id = $1 AND kind = $2 AND date = $3 \
         AND subject = $4",
        &[&a, &row.kind, &row.date, &row.subject],
    )?;
    get(&found, 0)
}

pub(crate) fn delete<C: GenericClient>(db: &mut Db<'_, C>, a: i64, id: Id) -> Result<bool> {
    Ok(db.exec(
        "DELETE FROM plan_edits WHERE athlete_id = $1 AND id = $2",
        &[&a, &id],
    )? > 0)
}

/// The athlete's edits in id order.
pub(crate) fn all<C: GenericClient>(db: &mut Db<'_, C>, a: i64) -> Result<Vec<StoredEdit>> {
    db.query(
        &format!("SELECT {COLUMNS} FROM plan_edits WHERE athlete_id = $1 ORDER BY id"),
        &[&a],
    )?
    .iter()
    .map(from_row)
    .collect()
}
