//! Uploads: one activity or training-log file, or a Strava export zip.
//!
//! The upload arrives in a temporary file (size-capped while streaming). Each file inside
//! is decoded by keel-import with no database connection open, then written in one short
//! transaction; the next file is only decoded after that commit. So no request holds the
//! SQLite write lock while parsing, and memory holds one decoded file at a time.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use keel_core::activity::{Activity, StrengthWorkout};
use keel_import::{Decoded, Format, ImportError, StravaActivityRow, ZipReader};
use keel_store::{FileOutcome, NewFile, SqliteStore, Store};

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
}

fn format_id(name: &str, bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(4096)];
    let plain = keel_import::strip_gz(name);
    match keel_import::detect(plain, head) {
        Some(Format::Fit) => "fit",
        Some(Format::Gpx) => "gpx",
        Some(Format::Tcx) => "tcx",
        Some(Format::StrongCsv) => "strong-csv",
        Some(Format::HevyCsv) => "hevy-csv",
        Some(Format::StravaActivitiesCsv) => "strava-csv",
        None if keel_import::is_gzip(head) => "gzip",
        None => "unknown",
    }
}

/// Imports an uploaded file (already on disk, `name` as the browser sent it).
pub fn import_upload(
    db: &std::path::Path,
    name: &str,
    mut file: File,
) -> Result<UploadSummary, AppError> {
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
        let limit = keel_import::DEFAULT_ENTRY_LIMIT;
        let bytes = keel_import::archive::read_capped(file, limit, name)
            .map_err(|e| AppError::BadRequest(format!("{name}: {e}")))?;
        import_one(db, name, name, &bytes, None, &mut summary)?;
    }
    Ok(summary)
}

fn import_zip(
    db: &std::path::Path,
    zip_name: &str,
    file: File,
    summary: &mut UploadSummary,
) -> Result<(), AppError> {
    let mut zip = ZipReader::new(file).map_err(|e| {
        AppError::BadRequest(format!("{zip_name} is not a readable zip archive: {e}"))
    })?;
    let index = match zip.strava_index() {
        Ok(i) => i.unwrap_or_default(),
        Err(e) => {
            reject(summary, format!("{zip_name}!activities.csv: {e}"));
            vec![]
        }
    };
    let mut seen = 0;
    for entry in zip.by_ref() {
        seen += 1;
        let path = format!("{zip_name}!{}", entry.name);
        let file_name = entry
            .name
            .rsplit('/')
            .next()
            .unwrap_or(&entry.name)
            .to_string();
        // The index was read above; its rows are attached to the files they name.
        if file_name == "activities.csv" {
            continue;
        }
        match entry.bytes {
            Ok(bytes) => {
                // Strava names files from the export's root; the zip may hold them in a folder.
                let row = index.iter().find(|r| {
                    r.filename
                        .as_deref()
                        .is_some_and(|f| entry.name == f || entry.name.ends_with(&format!("/{f}")))
                });
                import_one(db, &path, &file_name, &bytes, row, summary)?;
            }
            Err(e) => {
                let new = NewFile {
                    path: path.clone(),
                    name: file_name,
                    content_hash: keel_store::content_hash(path.as_bytes()),
                    size: None,
                    format: "zip-entry".into(),
                };
                record_rejection(db, &new, &e.to_string())?;
                reject(summary, format!("{path}: {e}"));
            }
        }
    }
    if seen == 0 {
        return Err(AppError::BadRequest(format!(
            "{zip_name} holds no activity files (.fit, .gpx, .tcx, optionally .gz) or CSV logs"
        )));
    }
    Ok(())
}

fn reject(summary: &mut UploadSummary, reason: String) {
    if summary.rejected.len() < 20 {
        summary.rejected.push(reason);
    } else if summary.rejected.len() == 20 {
        summary.rejected.push("… more rejections not shown".into());
    }
}

fn record_rejection(db: &std::path::Path, file: &NewFile, reason: &str) -> Result<(), AppError> {
    let mut store = SqliteStore::open(db)?;
    store.record_rejected(file, reason)?;
    Ok(())
}

/// Decodes one file (no database open), then stores it in one transaction.
fn import_one(
    db: &std::path::Path,
    path: &str,
    name: &str,
    bytes: &[u8],
    strava: Option<&StravaActivityRow>,
    summary: &mut UploadSummary,
) -> Result<(), AppError> {
    let new = NewFile {
        path: path.to_string(),
        name: name.to_string(),
        content_hash: keel_store::content_hash(bytes),
        size: Some(bytes.len() as u64),
        format: format_id(name, bytes).to_string(),
    };
    let decoded: Result<(Vec<Activity>, Vec<StrengthWorkout>), ImportError> =
        keel_import::decode(name, bytes).and_then(|d| match d {
            Decoded::Activities(mut acts) => {
                if let Some(row) = strava {
                    for a in &mut acts {
                        keel_import::attach_strava(a, row);
                    }
                }
                Ok((acts, vec![]))
            }
            Decoded::Strength(w) => Ok((vec![], w)),
            Decoded::StravaIndex(_) => Err(ImportError::NotAnActivity {
                reason: format!(
                    "`{name}` is a Strava activities.csv on its own: upload the whole export zip so its rows can be matched to the activity files"
                ),
            }),
        });
    let (activities, workouts) = match decoded {
        Ok((a, w)) if a.is_empty() && w.is_empty() => {
            let reason = format!("`{name}` holds no activities or workouts");
            record_rejection(db, &new, &reason)?;
            reject(summary, reason);
            return Ok(());
        }
        Ok(x) => x,
        Err(e) => {
            record_rejection(db, &new, &e.to_string())?;
            reject(summary, format!("{path}: {e}"));
            return Ok(());
        }
    };
    let mut store = SqliteStore::open(db)?;
    match store.import_file(&new, &activities, &workouts)? {
        FileOutcome::AlreadyImported(_) => summary.duplicates += 1,
        FileOutcome::Stored {
            result,
            activities,
            workouts,
            ..
        } => {
            let a = activities.iter().filter(|o| o.changed()).count() as u32;
            let w = workouts.iter().filter(|o| o.changed()).count() as u32;
            summary.activities += a;
            summary.workouts += w;
            match result {
                keel_store::FileResult::Duplicate => summary.duplicates += 1,
                keel_store::FileResult::Partial => {
                    summary.partial += 1;
                    summary.imported += 1;
                }
                _ => summary.imported += 1,
            }
        }
    }
    Ok(())
}
