//! The import pipeline shared by `keel import` and the web app's uploads: one file's bytes
//! are decoded by keel-import (with no store involved), Strava `activities.csv` rows are
//! attached to the activities they name, imported exercise names are mapped through the
//! profile's aliases and the library, and everything from the file is stored in one
//! transaction (or the file is recorded as rejected, with the reason).
//!
//! Walking folders and archives, progress and summaries stay with the callers.

use std::collections::HashMap;

use keel_core::activity::StrengthWorkout;
use std::io::Read;

use keel_import::{Decoded, ErrorKind, Format, ImportError, Plain, SkippedRow, StravaActivityRow};
use keel_store::hash::HashingReader;
use keel_store::samples::EncodedActivity;
use keel_store::{FileOutcome, FileResult, InsertOutcome, NewFile, Store, StoreError};

use crate::AppError;

/// `exercise_aliases` of the stored profile (none when no profile is stored). A stored
/// profile that no longer validates is an error, for the caller to report or ignore.
pub fn exercise_aliases(store: &impl Store) -> Result<Vec<(String, String)>, AppError> {
    match store.latest_profile()? {
        None => Ok(Vec::new()),
        Some(p) => keel_profile::parse_profile(&p.source, &p.toml)
            .map(|p| p.exercise_aliases)
            .map_err(AppError::StoredProfile),
    }
}

/// An imported exercise name as a library id: the profile's aliases first, then the
/// library's own names; otherwise the name as it was.
pub fn map_exercise(name: &str, aliases: &[(String, String)]) -> String {
    let key = name.trim();
    if let Some((_, id)) = aliases
        .iter()
        .find(|(a, _)| a.trim().eq_ignore_ascii_case(key))
    {
        return id.clone();
    }
    keel_core::exercises::match_name(key).map_or_else(|| name.to_string(), |e| e.id.to_string())
}

/// The format id kept with the file: from the content when it is not compressed, else
/// from the name.
pub fn format_id(name: &str, bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(4096)];
    let head: &[u8] = if keel_import::is_gzip(head) {
        &[]
    } else {
        head
    };
    match keel_import::detect(name, head) {
        Some(Format::Fit) => "fit",
        Some(Format::Gpx) => "gpx",
        Some(Format::Tcx) => "tcx",
        Some(Format::StrongCsv) => "strong-csv",
        Some(Format::HevyCsv) => "hevy-csv",
        Some(Format::StravaActivitiesCsv) => "strava-csv",
        None => "unknown",
    }
}

/// The last component of an archive entry's or upload's path.
pub fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Whether a file name is Strava's `activities.csv` (read as the export's index).
pub fn is_strava_index_name(name: &str) -> bool {
    base_name(name).eq_ignore_ascii_case("activities.csv")
}

/// `activities.csv` rows by the file they name (case-insensitive, `/` separators).
#[derive(Debug, Default)]
pub struct StravaIndex {
    by_file: HashMap<String, StravaActivityRow>,
}

impl StravaIndex {
    /// Indexes the rows that name a file.
    pub fn new(rows: Vec<StravaActivityRow>) -> StravaIndex {
        let by_file = rows
            .into_iter()
            .filter_map(|r| Some((r.filename.as_ref()?.replace('\\', "/").to_lowercase(), r)))
            .collect();
        StravaIndex { by_file }
    }

    /// Whether no row names a file.
    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// The row for a file at `path` relative to the export's root, also when the export
    /// was zipped inside a top folder.
    pub fn lookup(&self, path: &str) -> Option<&StravaActivityRow> {
        let key = path.replace('\\', "/").to_lowercase();
        self.by_file.get(&key).or_else(|| {
            key.split_once('/')
                .and_then(|(_, rest)| self.by_file.get(rest))
        })
    }
}

/// A file read for import, once: the content hash and size of its bytes as read (before
/// any gunzip), hashed while they stream past, and its content ready to decode (or why it
/// could not be read).
#[derive(Debug)]
pub struct Loaded {
    /// [`keel_store::content_hash`] of the bytes as read.
    pub content_hash: String,
    /// Bytes read.
    pub size: u64,
    /// The decompressed content, or why it could not be read (too large, not an activity
    /// from its first bytes, a read error).
    pub plain: Result<Plain, ImportError>,
}

/// Reads one file (or archive entry) for import: streaming through the content hash, one
/// gzip layer and the format check of [`keel_import::read_plain`], holding at most `limit`
/// decompressed bytes, counted as read (an endless source such as `/dev/zero` stops there).
pub fn load(name: &str, reader: impl Read, limit: u64) -> Loaded {
    let mut tap = HashingReader::new(reader);
    let mut plain = keel_import::read_plain(name, &mut tap, limit);
    // Whatever was not needed to decode still counts in the hash (bounded by the limit).
    let (content_hash, size) = match tap.finish(limit.saturating_add(1)) {
        Ok(done) => done,
        Err(e) => {
            if plain.is_ok() {
                plain = Err(ImportError::Io(e));
            }
            (keel_store::hash::ContentHasher::new().finish(), 0)
        }
    };
    Loaded {
        content_hash,
        size,
        plain,
    }
}

/// One file to import.
#[derive(Debug)]
pub struct Incoming<'a> {
    /// What messages and the imported-files list show: the path, or `export.zip!entry`.
    pub display: String,
    /// The file name, for format detection.
    pub name: String,
    /// What was read, with its content hash.
    pub loaded: Loaded,
    /// Named by the user (a file that is not an activity is rejected) or found in a folder
    /// or export (such files are skipped).
    pub explicit: bool,
    /// The Strava `activities.csv` row naming this file and the file's path inside the
    /// export (the activities' source becomes `strava:<path>`).
    pub strava: Option<(&'a StravaActivityRow, String)>,
}

/// A decoded file, ready to store.
#[derive(Debug)]
pub enum Prepared {
    /// Not an activity or workout, found in a folder or export: nothing to record.
    Skip,
    /// The file cannot be imported, for this reason.
    Reject(NewFile, String),
    /// What the file holds.
    Store {
        /// The file's record.
        file: NewFile,
        /// Activities decoded from it, their samples encoded for the store already when
        /// [`Prepared::encode`] was called (on a decoding thread, not the storing one).
        activities: Vec<EncodedActivity>,
        /// Strength workouts decoded from it.
        workouts: Vec<StrengthWorkout>,
        /// CSV rows left out (the rest of the file is stored).
        skipped_rows: Vec<SkippedRow>,
    },
}

impl Prepared {
    /// Encodes the activities' samples for the store now, so that storing them does not
    /// (see `keel_store::samples::EncodedActivity`).
    pub fn encode(self) -> Prepared {
        match self {
            Prepared::Store {
                file,
                activities,
                workouts,
                skipped_rows,
            } => Prepared::Store {
                file,
                activities: activities
                    .into_iter()
                    .map(EncodedActivity::encode)
                    .collect(),
                workouts,
                skipped_rows,
            },
            other => other,
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not an activity or workout, in a folder or export.
    Skipped,
    /// The same bytes were imported before.
    AlreadyImported,
    /// Recorded; counts per record.
    Stored {
        /// Imported, partial, or duplicate (every record was already in the log).
        result: FileResult,
        /// New activities.
        activities_added: usize,
        /// Activities that replaced a poorer copy of the same recording.
        activities_replaced: usize,
        /// New strength workouts.
        workouts_added: usize,
        /// Records already in the log.
        duplicate_records: usize,
        /// Why a partial file is partial.
        partial: Option<String>,
        /// CSV rows that could not be read and were left out.
        skipped_rows: Vec<SkippedRow>,
    },
    /// Rejected (and recorded as such), with the reason.
    Rejected(String),
}

/// Store errors that would hit every following file too: the batch stops.
pub fn is_fatal(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::DiskFull
            | StoreError::ReadOnly
            | StoreError::Busy
            | StoreError::NotADatabase(_)
    )
}

/// Decodes one file without touching the store.
pub fn prepare(item: Incoming<'_>, aliases: &[(String, String)]) -> Prepared {
    let Loaded {
        content_hash,
        size,
        plain,
    } = item.loaded;
    let format = plain.as_ref().map_or_else(
        |_| format_id(&item.name, &[]),
        |p| format_id(&p.name, &p.bytes),
    );
    let file = NewFile {
        path: item.display.clone(),
        name: item.name.clone(),
        content_hash,
        size: Some(size),
        format: format.to_string(),
    };
    let decoded = plain.and_then(|p| keel_import::decode_plain(&item.name, &p));
    let (activities, workouts, skipped_rows) = match decoded {
        Ok(Decoded::Activities(mut v)) => {
            if let Some((row, path)) = &item.strava {
                for a in &mut v {
                    keel_import::attach_strava(a, row);
                    a.source = format!("strava:{path}");
                }
            }
            (v, Vec::new(), Vec::new())
        }
        Ok(Decoded::Strength(mut parsed)) => {
            // An export names a few dozen exercises over thousands of sets: match each
            // name once.
            let mut ids: HashMap<String, String> = HashMap::new();
            for s in parsed.rows.iter_mut().flat_map(|w| w.sets.iter_mut()) {
                let id = match ids.get(&s.exercise) {
                    Some(id) => id.clone(),
                    None => {
                        let id = map_exercise(&s.exercise, aliases);
                        ids.insert(s.exercise.clone(), id.clone());
                        id
                    }
                };
                s.exercise = id;
            }
            (Vec::new(), parsed.rows, parsed.skipped)
        }
        Ok(Decoded::StravaIndex(_)) if !item.explicit => return Prepared::Skip,
        Ok(Decoded::StravaIndex(_)) => {
            return Prepared::Reject(file, "this is a Strava activities.csv, which only names the activity files: import the whole export (its folder or the zip)".into());
        }
        Err(e) if !item.explicit && e.kind() == ErrorKind::UnsupportedFormat => {
            return Prepared::Skip
        }
        Err(e) => return Prepared::Reject(file, e.to_string()),
    };
    if activities.is_empty() && workouts.is_empty() {
        let why = match skipped_rows.first() {
            Some(first) => format!(
                "no row could be read: {first}{}",
                match skipped_rows.len() - 1 {
                    0 => String::new(),
                    n => format!(" (and {n} more rows)"),
                }
            ),
            None => "no activity or workout in the file".into(),
        };
        return Prepared::Reject(file, why);
    }
    Prepared::Store {
        file,
        activities: activities
            .into_iter()
            .map(EncodedActivity::unencoded)
            .collect(),
        workouts,
        skipped_rows,
    }
}

/// Stores a prepared file in one transaction, or records its rejection. Only errors that
/// would hit every following file ([`is_fatal`]) are returned; any other store error
/// rejects this file.
pub fn commit(store: &mut impl Store, prepared: Prepared) -> Result<Outcome, StoreError> {
    let (file, activities, workouts, skipped_rows) = match prepared {
        Prepared::Skip => return Ok(Outcome::Skipped),
        Prepared::Reject(file, reason) => return reject(store, &file, reason),
        Prepared::Store {
            file,
            activities,
            workouts,
            skipped_rows,
        } => (file, activities, workouts, skipped_rows),
    };
    match store.import_encoded(&file, &activities, &workouts) {
        Ok(FileOutcome::AlreadyImported(_)) => Ok(Outcome::AlreadyImported),
        Ok(FileOutcome::Stored {
            result,
            activities: ao,
            workouts: wo,
            ..
        }) => {
            let count = |v: &[InsertOutcome], f: fn(&InsertOutcome) -> bool| {
                v.iter().filter(|o| f(o)).count()
            };
            let dup = |o: &InsertOutcome| matches!(o, InsertOutcome::Duplicate(_));
            Ok(Outcome::Stored {
                result,
                activities_added: count(&ao, |o| matches!(o, InsertOutcome::Inserted(_))),
                activities_replaced: count(&ao, |o| matches!(o, InsertOutcome::Replaced(_))),
                workouts_added: count(&wo, |o| !matches!(o, InsertOutcome::Duplicate(_))),
                duplicate_records: count(&ao, dup) + count(&wo, dup),
                partial: (result == FileResult::Partial).then(|| {
                    activities
                        .iter()
                        .find_map(|a| a.activity().partial.clone())
                        .unwrap_or_default()
                }),
                skipped_rows,
            })
        }
        Err(e) if is_fatal(&e) => Err(e),
        Err(e) => reject(store, &file, e.to_string()),
    }
}

/// Imports one file: skipped without decoding when the same bytes were imported before
/// (the hash taken while loading, not computed again), else [`prepare`]d and
/// [`commit`]ted.
pub fn import_one(
    store: &mut impl Store,
    item: Incoming<'_>,
    aliases: &[(String, String)],
) -> Result<Outcome, StoreError> {
    if store.file_by_hash(&item.loaded.content_hash)?.is_some() {
        return Ok(Outcome::AlreadyImported);
    }
    commit(store, prepare(item, aliases))
}

/// Records a file that could not even be read (an unsafe or oversized archive entry).
pub fn reject_unreadable(
    store: &mut impl Store,
    display: &str,
    reason: String,
) -> Result<Outcome, StoreError> {
    let file = NewFile {
        path: display.to_string(),
        name: base_name(display).to_string(),
        content_hash: keel_store::content_hash(display.as_bytes()),
        size: None,
        format: "unreadable".into(),
    };
    reject(store, &file, reason)
}

fn reject(store: &mut impl Store, file: &NewFile, reason: String) -> Result<Outcome, StoreError> {
    match store.record_rejected(file, &reason) {
        Err(e) if is_fatal(&e) => Err(e),
        // The rejection is reported either way; its history row is a convenience.
        _ => Ok(Outcome::Rejected(reason)),
    }
}

/// One step of walking an archive with [`walk_zip`], in the archive's order. Every
/// importable entry is one step (each entry of a repeated name too).
pub enum ZipItem<'a> {
    /// The Strava `activities.csv` entry, read as the export's index (never decoded again
    /// as a file): how many rows name a file, and the rows left out, or why it could not
    /// be read at all (then its rows are not attached).
    Index {
        /// `archive!entry`, as shown to the user.
        display: String,
        /// Rows read, or why none could be.
        rows: Result<usize, String>,
        /// Rows left out.
        skipped: Vec<SkippedRow>,
    },
    /// An entry that could not be read (unsafe path, over the size cap, damaged).
    Unreadable {
        /// `archive!entry`, as shown to the user.
        display: String,
        /// Why it could not be read.
        reason: String,
    },
    /// An entry ready for [`prepare`] / [`import_one`], with its Strava row attached.
    File(Incoming<'a>),
}

/// Walks a zip archive (a Strava bulk export or any zip of activity files) for the import
/// pipeline, so the CLI and the web upload treat archives alike: the Strava index is read
/// first and its rows attached to the files they name, entries are shown as
/// `archive!entry`, each entry is read once, streaming, through [`load`]. Returns how many
/// entries were yielded (folders and photos are not).
pub fn walk_zip<R: std::io::Read + std::io::Seek, E>(
    archive: &str,
    zip: &mut keel_import::ZipReader<R>,
    mut on: impl FnMut(ZipItem<'_>) -> Result<(), E>,
) -> Result<u64, E> {
    let (index, mut index_report) = match zip.strava_index() {
        Ok(Some(parsed)) => (
            StravaIndex::new(parsed.rows.clone()),
            Some((Ok(parsed.rows.len()), parsed.skipped)),
        ),
        Ok(None) => (StravaIndex::default(), None),
        Err(e) => (
            StravaIndex::default(),
            Some((Err(e.to_string()), Vec::new())),
        ),
    };
    let limit = zip.entry_limit();
    let mut yielded = 0u64;
    while let Some(entry) = zip.next_entry() {
        yielded += 1;
        let note = entry.duplicate.map_or(String::new(), |d| {
            format!(" (entry {} of {} with this name)", d.occurrence, d.of)
        });
        let display = format!("{archive}!{}{note}", entry.name);
        let name = base_name(&entry.name).to_string();
        if keel_import::archive::is_strava_index_entry(&entry.name) && entry.duplicate.is_none() {
            if let Some((rows, skipped)) = index_report.take() {
                on(ZipItem::Index {
                    display,
                    rows,
                    skipped,
                })?;
                continue;
            }
        }
        match entry.reader {
            Ok(reader) => {
                let loaded = load(&name, reader, limit);
                let strava = index
                    .lookup(&entry.name)
                    .map(|row| (row, entry.name.clone()));
                on(ZipItem::File(Incoming {
                    display,
                    name,
                    loaded,
                    explicit: false,
                    strava,
                }))?;
            }
            Err(e) => on(ZipItem::Unreadable {
                display,
                reason: e.to_string(),
            })?,
        }
    }
    Ok(yielded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_win_then_library_names_then_names_are_kept() {
        let aliases = vec![("Squat (Barbell)".to_string(), "front-squat".to_string())];
        assert_eq!(map_exercise("squat (barbell)", &aliases), "front-squat");
        assert_eq!(map_exercise("Squat (Barbell)", &[]), "back-squat");
        assert_eq!(
            map_exercise("Bent Over Row (Barbell)", &[]),
            "bent-over-row"
        );
        assert_eq!(
            map_exercise("Zercher Carry (Sandbag)", &aliases),
            "Zercher Carry (Sandbag)"
        );
    }

    #[test]
    fn strava_rows_are_found_with_or_without_a_top_folder() {
        let row = StravaActivityRow {
            id: "1".into(),
            name: Some("Lunch Run".into()),
            activity_type: Some("Run".into()),
            sport: keel_core::activity::Sport::Run,
            date: None,
            rpe: Some(5.0),
            filename: Some("activities/123.fit.gz".into()),
            elapsed_s: None,
            distance_m: None,
        };
        let index = StravaIndex::new(vec![row]);
        assert!(index.lookup("activities/123.fit.gz").is_some());
        assert!(index.lookup("export_42/Activities/123.FIT.gz").is_some());
        assert!(index.lookup("activities/124.fit.gz").is_none());
    }

    #[test]
    fn a_lone_strava_index_is_rejected_when_named_and_skipped_in_a_folder() {
        let csv = b"Activity ID,Activity Date,Activity Name,Activity Type,Filename\n1,\"May 1, 2024, 6:00:00 AM\",Run,Run,activities/1.fit\n";
        let item = |explicit| Incoming {
            display: "activities.csv".into(),
            name: "activities.csv".into(),
            loaded: load("activities.csv", &csv[..], 1024),
            explicit,
            strava: None,
        };
        assert!(
            matches!(prepare(item(true), &[]), Prepared::Reject(_, r) if r.contains("whole export"))
        );
        assert!(matches!(prepare(item(false), &[]), Prepared::Skip));
    }
}
