//! The `checkins` table: one check-in per athlete and local date.

use super::conn::{get, Db};
use crate::check::clamp_date;
use crate::{Result, StoreError};
use jiff::civil::Date;
use keel_core::activity::CheckIn;
use postgres::{GenericClient, Row};

pub(crate) const COLUMNS: &str = "date, sleep_h, sleep_quality, fatigue, soreness_legs, \
     soreness_upper, mood, stress, motivation, ill, note";

fn item(r: &Row, i: usize) -> Result<Option<u8>> {
    get::<Option<i16>>(r, i)?
        .map(|v| {
            u8::try_from(v).map_err(|_| StoreError::Decode {
                what: "check-in",
                detail: format!("column {i}: {v} is out of range"),
            })
        })
        .transpose()
}

/// A check-in from a row of [`COLUMNS`] (starting at column `o`).
pub(crate) fn from_row_at(r: &Row, o: usize) -> Result<CheckIn> {
    Ok(CheckIn {
        date: get(r, o)?,
        sleep_h: get(r, o + 1)?,
        sleep_quality: item(r, o + 2)?,
        fatigue: item(r, o + 3)?,
        soreness_legs: item(r, o + 4)?,
        soreness_upper: item(r, o + 5)?,
        mood: item(r, o + 6)?,
        stress: item(r, o + 7)?,
        motivation: item(r, o + 8)?,
        ill: get(r, o + 9)?,
        note: get(r, o + 10)?,
    })
}

fn small(v: Option<u8>) -> Option<i16> {
    v.map(i16::from)
}

/// Stores the check-in for its date (validated by the caller), returning the one it replaces.
pub(crate) fn put<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    c: &CheckIn,
) -> Result<Option<CheckIn>> {
    let before = db
        .opt(
            &format!("SELECT {COLUMNS} FROM checkins WHERE athlete_id = $1 AND date = $2"),
            &[&a_id, &c.date],
        )?
        .map(|r| from_row_at(&r, 0))
        .transpose()?;
    db.exec(
        "INSERT INTO checkins (athlete_id, date, sleep_h, sleep_quality, fatigue, soreness_legs, \
         soreness_upper, mood, stress, motivation, ill, note, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (athlete_id, date) DO UPDATE SET sleep_h = excluded.sleep_h, \
         sleep_quality = excluded.sleep_quality, fatigue = excluded.fatigue, \
         soreness_legs = excluded.soreness_legs, soreness_upper = excluded.soreness_upper, \
         mood = excluded.mood, stress = excluded.stress, motivation = excluded.motivation, \
         ill = excluded.ill, note = excluded.note, recorded_at = excluded.recorded_at",
        &[
            &a_id,
            &c.date,
            &c.sleep_h,
            &small(c.sleep_quality),
            &small(c.fatigue),
            &small(c.soreness_legs),
            &small(c.soreness_upper),
            &small(c.mood),
            &small(c.stress),
            &small(c.motivation),
            &c.ill,
            &c.note,
            &super::now(),
        ],
    )?;
    Ok(before)
}

/// The athlete's check-ins on dates `from..=to`, oldest first.
pub(crate) fn range<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<CheckIn>> {
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM checkins WHERE athlete_id = $1 AND date >= $2 AND date <= $3 \
             ORDER BY date"
        ),
        &[&a_id, &clamp_date(from), &clamp_date(to)],
    )?
    .iter()
    .map(|r| from_row_at(r, 0))
    .collect()
}
