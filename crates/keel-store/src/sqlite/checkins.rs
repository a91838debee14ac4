//! The `checkins` table: one check-in per local date.

use super::{bound, date_key, now_ms, parse_date};
use crate::Result;
use jiff::civil::Date;
use keel_core::activity::CheckIn;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) fn checkin_from_row(r: &Row<'_>) -> rusqlite::Result<(String, CheckIn)> {
    Ok((
        r.get(0)?,
        CheckIn {
            date: jiff::civil::date(2000, 1, 1),
            sleep_h: r.get(1)?,
            sleep_quality: r.get(2)?,
            fatigue: r.get(3)?,
            soreness_legs: r.get(4)?,
            soreness_upper: r.get(5)?,
            mood: r.get(6)?,
            stress: r.get(7)?,
            motivation: r.get(8)?,
            ill: r.get(9)?,
            note: r.get(10)?,
        },
    ))
}

pub(super) const CHECKIN_COLUMNS: &str = "date, sleep_h, sleep_quality, fatigue, soreness_legs, \
     soreness_upper, mood, stress, motivation, ill, note";

pub(super) fn finish_checkin((date, mut c): (String, CheckIn)) -> Result<CheckIn> {
    c.date = parse_date(&date)?;
    Ok(c)
}

/// Stores the check-in for its date (validated by the caller), returning the one it replaces.
pub(super) fn put(tx: &Connection, c: &CheckIn) -> Result<Option<CheckIn>> {
    let date = date_key("check-in date", c.date)?;
    let before = tx
        .prepare_cached(&format!(
            "SELECT {CHECKIN_COLUMNS} FROM checkins WHERE date = ?1"
        ))?
        .query_row([&date], checkin_from_row)
        .optional()?
        .map(finish_checkin)
        .transpose()?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO checkins (date, sleep_h, sleep_quality, fatigue, soreness_legs, \
         soreness_upper, mood, stress, motivation, ill, note, recorded_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        date,
        c.sleep_h,
        c.sleep_quality,
        c.fatigue,
        c.soreness_legs,
        c.soreness_upper,
        c.mood,
        c.stress,
        c.motivation,
        c.ill,
        c.note,
        now_ms()
    ])?;
    Ok(before)
}

/// Check-ins on dates `from..=to`, oldest first.
pub(super) fn range(conn: &Connection, from: Date, to: Date) -> Result<Vec<CheckIn>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CHECKIN_COLUMNS} FROM checkins WHERE date >= ?1 AND date <= ?2 ORDER BY date"
    ))?;
    let rows = stmt
        .query_map(params![bound(from), bound(to)], checkin_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(finish_checkin).collect()
}
