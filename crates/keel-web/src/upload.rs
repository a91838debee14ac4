//! Uploads: one activity or training-log file, or a Strava export zip, through keel-app's
//! import pipeline (the one `keel import` uses).
//!
//! The upload arrives in a temporary file (size-capped while streaming). Each file inside
//! is read streaming (hashed, gunzipped and format-checked as it is read, so a
//! decompression bomb is refused from its first kilobytes) and decoded by keel-import with
//! no database connection open, then written in one short transaction; the next file is
//! only read after that commit. So no request holds the SQLite write lock while parsing,
//! and memory holds one decoded file at a time. How many uploads are imported at once is
//! limited by the server (see `Config::max_imports`).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use keel_app::import::{self, Incoming, Outcome, ZipItem};
use keel_import::ZipReader;
use keel_store::FileResult;

use crate::scope::Opener;

use crate::error::AppError;

/// Counts for the notice after an upload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadSummary {
    /// Files that added activities or workouts.
    pub imported: u32,
    /// Files that were already imported, or held only known activities.
    pub duplicates: u32,
    /// Files recovered only in part.
    pub partial: u32,
    /// Files rejected, with reasons (the first few).
    pub rejected: Vec<String>,
    /// Activities added or improved.
    pub activities: u32,
    /// Strength workouts added.
    pub workouts: u32,
    /// CSV rows left out (file, row, column, what was wrong), the first few.
    pub skipped_rows: Vec<String>,
    /// How many CSV rows were left out in all.
    pub skipped_rows_total: u32,
}

/// Imports an uploaded file (already on disk, `name` as the browser sent it).
pub fn import_upload(db: &Opener, name: &str, mut file: File) -> Result<UploadSummary, AppError> {
    // The file was just written: rewind before sniffing its first bytes.
    file.seek(SeekFrom::Start(0))
        .map_err(|e| AppError::internal("reading the upload", e))?;
    let mut magic = [0u8; 4];
    // Shorter than 4 bytes: not a zip (the decoder says what it is).
    let is_zip = file.read_exact(&mut magic).is_ok() && &magic == b"PK\x03\x04";
    file.seek(SeekFrom::Start(0))
        .map_err(|e| AppError::internal("reading the upload", e))?;
    let mut summary = UploadSummary::default();
    if is_zip {
        import_zip(db, name, file, &mut summary)?;
    } else {
        // Streamed from the temporary file: hashed, gunzipped and checked as it is read.
        let loaded = import::load(
            name,
            std::io::BufReader::new(file),
            keel_import::DEFAULT_ENTRY_LIMIT,
        );
        let item = Incoming {
            display: name.to_string(),
            name: name.to_string(),
            loaded,
            explicit: true,
            strava: None,
        };
        import_one(db, item, &aliases(db)?, &mut summary)?;
    }
    Ok(summary)
}

fn import_zip(
    db: &Opener,
    zip_name: &str,
    file: File,
    summary: &mut UploadSummary,
) -> Result<(), AppError> {
    let mut zip = ZipReader::new(file).map_err(|e| {
        AppError::BadRequest(format!("{zip_name} is not a readable zip archive: {e}"))
    })?;
    let aliases = aliases(db)?;
    let seen = import::walk_zip(zip_name, &mut zip, |item| -> Result<(), AppError> {
        match item {
            ZipItem::Index {
                display,
                rows,
                skipped,
            } => {
                if let Err(e) = rows {
                    reject(summary, format!("{display}: Strava activities.csv: {e}"));
                }
                for row in skipped {
                    skip_row(summary, &display, &row);
                }
            }
            ZipItem::Unreadable { display, reason } => {
                let mut store = db.open()?;
                let outcome = import::reject_unreadable(&mut store, &display, reason)?;
                count(summary, &display, outcome);
            }
            ZipItem::File(item) => import_one(db, item, &aliases, summary)?,
        }
        Ok(())
    })?;
    if seen == 0 {
        return Err(AppError::BadRequest(format!(
            "{zip_name} holds no activity files (.fit, .gpx, .tcx, optionally .gz) or CSV logs"
        )));
    }
    Ok(())
}

fn skip_row(summary: &mut UploadSummary, file: &str, row: &keel_import::SkippedRow) {
    summary.skipped_rows_total += 1;
    if summary.skipped_rows.len() < 20 {
        summary.skipped_rows.push(format!("{file}: {row}"));
    }
}

fn reject(summary: &mut UploadSummary, reason: String) {
    if summary.rejected.len() < 20 {
        summary.rejected.push(reason);
    } else if summary.rejected.len() == 20 {
        summary.rejected.push("… more rejections not shown".into());
    }
}

/// The stored profile's exercise aliases, as `keel import` maps names (a stored profile
/// that no longer validates maps none, and says so in the server's log).
fn aliases(db: &Opener) -> Result<Vec<(String, String)>, AppError> {
    let store = db.open()?;
    Ok(import::exercise_aliases(&store).unwrap_or_else(|e| {
        eprintln!(
            "keel serve: upload: the stored profile's exercise_aliases are ignored: {}",
            keel_app::text::text(&e.to_string())
        );
        Vec::new()
    }))
}

/// Decodes one file (no database open), then stores it in one transaction.
fn import_one(
    db: &Opener,
    item: Incoming<'_>,
    aliases: &[(String, String)],
    summary: &mut UploadSummary,
) -> Result<(), AppError> {
    let path = item.display.clone();
    let prepared = import::prepare(item, aliases);
    let mut store = db.open()?;
    let outcome = import::commit(&mut store, prepared)?;
    count(summary, &path, outcome);
    Ok(())
}

fn count(summary: &mut UploadSummary, path: &str, outcome: Outcome) {
    match outcome {
        Outcome::Skipped => {}
        Outcome::AlreadyImported => summary.duplicates += 1,
        Outcome::Rejected(why) => reject(summary, format!("{path}: {why}")),
        Outcome::Stored {
            result,
            activities_added,
            activities_replaced,
            workouts_added,
            skipped_rows,
            ..
        } => {
            for row in &skipped_rows {
                skip_row(summary, path, row);
            }
            summary.activities += (activities_added + activities_replaced) as u32;
            summary.workouts += workouts_added as u32;
            match result {
                FileResult::Duplicate => summary.duplicates += 1,
                FileResult::Partial => {
                    summary.partial += 1;
                    summary.imported += 1;
                }
                FileResult::Imported | FileResult::Rejected => summary.imported += 1,
            }
        }
    }
}
