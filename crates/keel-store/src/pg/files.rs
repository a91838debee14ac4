//! The `imported_files` table: one row per file that reached the importer, and the
//! one-transaction import of everything decoded from a file.

use super::conn::{get, Db};
use super::{activities, workouts};
use crate::{FileOutcome, FileResult, Id, ImportedFile, NewFile, Result};
use keel_core::activity::{Activity, StrengthWorkout};
use postgres::{GenericClient, Row};

const COLUMNS: &str = "id, path, name, content_hash, size, format, result, detail, \
                       activities, workouts, imported_at";

pub(crate) fn from_row(r: &Row) -> Result<ImportedFile> {
    let result: String = get(r, 6)?;
    let size: Option<i64> = get(r, 4)?;
    let (acts, wos): (i32, i32) = (get(r, 8)?, get(r, 9)?);
    Ok(ImportedFile {
        id: get(r, 0)?,
        path: get(r, 1)?,
        name: get(r, 2)?,
        content_hash: get(r, 3)?,
        size: size.and_then(|n| u64::try_from(n).ok()),
        format: get(r, 5)?,
        result: FileResult::parse(&result)
            .ok_or_else(|| super::decode_err("file result", &result))?,
        detail: get(r, 7)?,
        activities: u32::try_from(acts).unwrap_or(0),
        workouts: u32::try_from(wos).unwrap_or(0),
        imported_at: get(r, 10)?,
    })
}

pub(crate) fn by_hash<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    hash: &str,
) -> Result<Option<ImportedFile>> {
    db.opt(
        &format!(
            "SELECT {COLUMNS} FROM imported_files WHERE athlete_id = $1 AND content_hash = $2 \
             AND result <> 'rejected' ORDER BY id LIMIT 1"
        ),
        &[&a_id, &hash],
    )?
    .as_ref()
    .map(from_row)
    .transpose()
}

fn insert_file<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    f: &NewFile,
    result: FileResult,
    detail: Option<&str>,
) -> Result<Id> {
    let size = f.size.and_then(|n| i64::try_from(n).ok());
    db.insert(
        "INSERT INTO imported_files (athlete_id, path, name, content_hash, size, format, result, \
         detail, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        &[
            &a_id,
            &f.path,
            &f.name,
            &f.content_hash,
            &size,
            &f.format,
            &result.as_str(),
            &detail,
            &super::now(),
        ],
    )
}

/// Records the file and stores each record with de-duplication, on an open transaction;
/// nothing when a file with the same hash was imported before.
pub(crate) fn import<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    file: &NewFile,
    acts: &[Activity],
    wos: &[StrengthWorkout],
) -> Result<FileOutcome> {
    if let Some(existing) = by_hash(db, a_id, &file.content_hash)? {
        return Ok(FileOutcome::AlreadyImported(existing));
    }
    let file_id = insert_file(db, a_id, file, FileResult::Imported, None)?;
    let mut a_out = Vec::with_capacity(acts.len());
    for a in acts {
        a_out.push(activities::insert(
            db,
            a_id,
            a,
            Some(&file.content_hash),
            Some(file_id),
        )?);
    }
    let mut w_out = Vec::with_capacity(wos.len());
    for w in wos {
        w_out.push(workouts::insert(db, a_id, w, Some(file_id))?);
    }
    let changed_a = a_out.iter().filter(|o| o.changed()).count();
    let changed_w = w_out.iter().filter(|o| o.changed()).count();
    let partial = acts.iter().find_map(|a| a.partial.clone());
    let result = if changed_a + changed_w == 0 {
        FileResult::Duplicate
    } else if partial.is_some() {
        FileResult::Partial
    } else {
        FileResult::Imported
    };
    let (ca, cw) = (
        i32::try_from(changed_a).unwrap_or(i32::MAX),
        i32::try_from(changed_w).unwrap_or(i32::MAX),
    );
    db.exec(
        "UPDATE imported_files SET result = $2, detail = $3, activities = $4, workouts = $5 \
         WHERE id = $1",
        &[&file_id, &result.as_str(), &partial, &ca, &cw],
    )?;
    Ok(FileOutcome::Stored {
        file_id,
        result,
        activities: a_out,
        workouts: w_out,
    })
}

/// Records a rejection; the same file rejected again for the same reason updates its row.
pub(crate) fn record_rejected<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    file: &NewFile,
    reason: &str,
) -> Result<Id> {
    let before = db.opt(
        "SELECT id FROM imported_files WHERE athlete_id = $1 AND content_hash = $2 \
         AND result = 'rejected' AND detail = $3 ORDER BY id DESC LIMIT 1",
        &[&a_id, &file.content_hash, &reason],
    )?;
    match before {
        Some(row) => {
            let id: Id = get(&row, 0)?;
            db.exec(
                "UPDATE imported_files SET imported_at = $2, path = $3 WHERE id = $1",
                &[&id, &super::now(), &file.path],
            )?;
            Ok(id)
        }
        None => insert_file(db, a_id, file, FileResult::Rejected, Some(reason)),
    }
}

/// The athlete's most recent rows, newest first.
pub(crate) fn recent<C: GenericClient>(
    db: &mut Db<'_, C>,
    a_id: i64,
    n: usize,
) -> Result<Vec<ImportedFile>> {
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM imported_files WHERE athlete_id = $1 ORDER BY id DESC LIMIT $2"
        ),
        &[&a_id, &super::limit(n)],
    )?
    .iter()
    .map(from_row)
    .collect()
}
