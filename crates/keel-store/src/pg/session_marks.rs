//! The `session_marks` table: done or skipped, one mark per athlete and local date (it
//! applies to the strength session(s) planned that day). Storing the same mark again
//! changes nothing.

use super::conn::{get, Db};
use crate::check::clamp_date;
use crate::edit_rows::mark_status;
use crate::Result;
use jiff::civil::Date;
use jiff::Timestamp;
use keel_core::marks::Mark;
use postgres::{GenericClient, Row};

/// The columns [`from_row`] reads.
pub(crate) const COLUMNS: &str = "date, status, note, marked_at";

/// A mark and when it was made, from a row of [`COLUMNS`].
pub(crate) fn from_row(r: &Row) -> Result<(Mark, Timestamp)> {
    let status: String = get(r, 1)?;
    Ok((
        Mark {
            date: get(r, 0)?,
            status: mark_status(&status)?,
            note: get(r, 2)?,
        },
        get(r, 3)?,
    ))
}

pub(crate) fn put<C: GenericClient>(db: &mut Db<'_, C>, a: i64, mark: &Mark) -> Result<()> {
    let date = super::date_value("mark date", mark.date)?;
    db.exec(
        "INSERT INTO session_marks (athlete_id, date, status, note, marked_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (athlete_id, date) DO UPDATE SET status = excluded.status, \
         note = excluded.note, marked_at = excluded.marked_at \
         WHERE session_marks.status <> excluded.status \
         OR session_marks.note IS DISTINCT FROM excluded.note",
        &[&a, &date, &mark.status.as_str(), &mark.note, &super::now()],
    )?;
    Ok(())
}

pub(crate) fn delete<C: GenericClient>(db: &mut Db<'_, C>, a: i64, date: Date) -> Result<bool> {
    let date = super::date_value("mark date", date)?;
    Ok(db.exec(
        "DELETE FROM session_marks WHERE athlete_id = $1 AND date = $2",
        &[&a, &date],
    )? > 0)
}

/// The athlete's marks on dates `from..=to`, by date, each with when it was made.
pub(crate) fn stamped<C: GenericClient>(
    db: &mut Db<'_, C>,
    a: i64,
    from: Date,
    to: Date,
) -> Result<Vec<(Mark, Timestamp)>> {
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM session_marks WHERE athlete_id = $1 AND date >= $2 \
             AND date <= $3 ORDER BY date"
        ),
        &[&a, &clamp_date(from), &clamp_date(to)],
    )?
    .iter()
    .map(from_row)
    .collect()
}
