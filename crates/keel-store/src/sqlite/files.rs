//! The `imported_files` table: one row per file that reached the importer, and the
//! one-transaction import of everything decoded from a file.

use super::{activities, decode_err, limit, now_ms, ts, workouts};
use crate::{FileOutcome, FileResult, Id, ImportedFile, NewFile, Result};
use keel_core::activity::{Activity, StrengthWorkout};
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) fn file_from_row(r: &Row<'_>) -> rusqlite::Result<(ImportedFileRaw, i64)> {
    Ok((
        ImportedFileRaw {
            id: r.get(0)?,
            path: r.get(1)?,
            name: r.get(2)?,
            content_hash: r.get(3)?,
            size: r
                .get::<_, Option<i64>>(4)?
                .and_then(|n| u64::try_from(n).ok()),
            format: r.get(5)?,
            result: r.get(6)?,
            detail: r.get(7)?,
            activities: r.get(8)?,
            workouts: r.get(9)?,
        },
        r.get(10)?,
    ))
}

pub(super) const FILE_COLUMNS: &str =
    "id, path, name, content_hash, size, format, result, detail, \
                            activities, workouts, imported_at_ms";

pub(super) struct ImportedFileRaw {
    id: Id,
    path: String,
    name: String,
    content_hash: String,
    size: Option<u64>,
    format: String,
    result: String,
    detail: Option<String>,
    activities: u32,
    workouts: u32,
}

pub(super) fn finish_file((raw, at): (ImportedFileRaw, i64)) -> Result<ImportedFile> {
    Ok(ImportedFile {
        id: raw.id,
        result: FileResult::parse(&raw.result)
            .ok_or_else(|| decode_err("file result", &raw.result))?,
        path: raw.path,
        name: raw.name,
        content_hash: raw.content_hash,
        size: raw.size,
        format: raw.format,
        detail: raw.detail,
        activities: raw.activities,
        workouts: raw.workouts,
        imported_at: ts("import time", at)?,
    })
}

pub(super) fn by_hash(conn: &Connection, hash: &str) -> Result<Option<ImportedFile>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {FILE_COLUMNS} FROM imported_files \
             WHERE content_hash = ?1 AND result != 'rejected' ORDER BY id LIMIT 1"
        ))?
        .query_row([hash], file_from_row)
        .optional()?;
    row.map(finish_file).transpose()
}

fn insert_file(
    conn: &Connection,
    f: &NewFile,
    result: FileResult,
    detail: Option<&str>,
) -> Result<Id> {
    conn.prepare_cached(
        "INSERT INTO imported_files (path, name, content_hash, size, format, result, detail, \
         imported_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        f.path,
        f.name,
        f.content_hash,
        f.size.and_then(|n| i64::try_from(n).ok()),
        f.format,
        result.as_str(),
        detail,
        now_ms()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Records the file and stores each record with de-duplication, on an open transaction;
/// nothing when a file with the same hash was imported before. Each activity comes with
/// its samples' blob when it was encoded already.
pub(super) fn import(
    tx: &Connection,
    file: &NewFile,
    activities: &[(&Activity, Option<&[u8]>)],
    workouts: &[StrengthWorkout],
) -> Result<FileOutcome> {
    if let Some(existing) = by_hash(tx, &file.content_hash)? {
        return Ok(FileOutcome::AlreadyImported(existing));
    }
    let file_id = insert_file(tx, file, FileResult::Imported, None)?;
    let mut a_out = Vec::with_capacity(activities.len());
    for &(a, blob) in activities {
        a_out.push(activities::insert(
            tx,
            a,
            Some(&file.content_hash),
            Some(file_id),
            blob,
        )?);
    }
    let mut w_out = Vec::with_capacity(workouts.len());
    for w in workouts {
        w_out.push(workouts::insert(tx, w, Some(file_id))?);
    }
    let changed_a = a_out.iter().filter(|o| o.changed()).count();
    let changed_w = w_out.iter().filter(|o| o.changed()).count();
    let partial = activities.iter().find_map(|(a, _)| a.partial.clone());
    let result = if changed_a + changed_w == 0 {
        FileResult::Duplicate
    } else if partial.is_some() {
        FileResult::Partial
    } else {
        FileResult::Imported
    };
    tx.prepare_cached(
        "UPDATE imported_files SET result = ?2, detail = ?3, activities = ?4, workouts = ?5 \
         WHERE id = ?1",
    )?
    .execute(params![
        file_id,
        result.as_str(),
        partial,
        changed_a as i64,
        changed_w as i64
    ])?;
    Ok(FileOutcome::Stored {
        file_id,
        result,
        activities: a_out,
        workouts: w_out,
    })
}

/// Records a rejection; the same file rejected again for the same reason updates its row.
pub(super) fn record_rejected(tx: &Connection, file: &NewFile, reason: &str) -> Result<Id> {
    let before: Option<Id> = tx
        .prepare_cached(
            "SELECT id FROM imported_files WHERE content_hash = ?1 AND result = 'rejected' \
             AND detail = ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![file.content_hash, reason], |r| r.get(0))
        .optional()?;
    match before {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE imported_files SET imported_at_ms = ?2, path = ?3 WHERE id = ?1",
            )?
            .execute(params![id, now_ms(), file.path])?;
            Ok(id)
        }
        None => insert_file(tx, file, FileResult::Rejected, Some(reason)),
    }
}

/// The most recent rows, newest first.
pub(super) fn recent(conn: &Connection, n: usize) -> Result<Vec<ImportedFile>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FILE_COLUMNS} FROM imported_files ORDER BY id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit(n)], file_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(finish_file).collect()
}
