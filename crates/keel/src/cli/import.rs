//! `keel import PATH...`: watch files, Strava bulk exports and Strong/Hevy CSVs into the log.
//!
//! One file is in memory at a time (zip entries are read one by one), each file is stored
//! in its own transaction, and one bad file never stops the batch.

use crate::settings::{load_stored_profile, Global};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use keel_import::{Decoded, ErrorKind, Format, StravaActivityRow, DEFAULT_ENTRY_LIMIT};
use keel_store::{FileOutcome, FileResult, InsertOutcome, NewFile, SqliteStore, Store, StoreError};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Import activity files (.fit, .gpx, .tcx, each optionally .gz), folders of them, Strava
/// bulk exports (zipped or unpacked) and Strong or Hevy CSV exports.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files, folders (searched recursively) or Strava export zips.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

impl ImportArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let aliases = exercise_aliases(global);
        let mut store = global.open_store()?;
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {elapsed:>4} [{bar:30}] {pos}/{len} files ({per_sec}) {msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        let mut run = Importer {
            store: &mut store,
            aliases,
            summary: Summary::default(),
            bar,
            started: Instant::now(),
        };
        let outcome = run.all(&self.paths);
        run.bar.finish_and_clear();
        let summary = std::mem::take(&mut run.summary);
        let elapsed = run.started.elapsed().as_secs_f64();
        print!("{}", summary.render(elapsed));
        // A fatal store error (disk full, read-only, locked) ends the batch; what was
        // stored before it is kept, the file it hit was rolled back.
        outcome?;
        if summary.files_seen() == 0 {
            anyhow::bail!(
                "no importable files in {}: expected .fit, .gpx or .tcx files (optionally .gz), a Strava export, or a Strong or Hevy CSV",
                self.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
            );
        }
        if summary.stored_files > 0 || (summary.rejected.is_empty() && summary.duplicates > 0) {
            Ok(ExitCode::SUCCESS)
        } else {
            eprintln!("keel: nothing could be imported");
            Ok(ExitCode::from(2))
        }
    }
}

/// `exercise_aliases` of the stored profile, if there is one that still validates.
fn exercise_aliases(global: &Global) -> Vec<(String, String)> {
    match load_stored_profile(global) {
        Ok(Some((source, text))) => match keel_profile::parse_profile(&source, &text) {
            Ok(p) => p.exercise_aliases,
            Err(e) => {
                eprintln!("keel: warning: the stored profile does not validate, its exercise_aliases are ignored: {e}");
                Vec::new()
            }
        },
        _ => Vec::new(),
    }
}

/// An imported exercise name as a library id: the profile's aliases first, then the library's
/// own names; otherwise the name as it was.
pub(crate) fn map_exercise(name: &str, aliases: &[(String, String)]) -> String {
    let key = name.trim();
    if let Some((_, id)) = aliases
        .iter()
        .find(|(a, _)| a.trim().eq_ignore_ascii_case(key))
    {
        return id.clone();
    }
    crate::cli::log::library_id(key).unwrap_or_else(|| name.to_string())
}

#[derive(Debug, Default)]
struct Summary {
    /// Files that stored something new.
    stored_files: usize,
    activities_added: usize,
    activities_replaced: usize,
    workouts_added: usize,
    /// Files already imported, or whose every record was already in the log.
    duplicates: usize,
    /// Records found already in the log inside otherwise new files.
    duplicate_records: usize,
    partial: Vec<(String, String)>,
    rejected: Vec<(String, String)>,
    /// Files in folders and exports that are not activities (other CSVs, photos).
    skipped: usize,
    bytes: u64,
}

impl Summary {
    fn files_seen(&self) -> usize {
        self.stored_files + self.duplicates + self.rejected.len()
    }

    fn render(&self, secs: f64) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Imported {} file{}: {} activit{} added, {} replaced by a richer copy, {} strength workout{} added.",
            self.stored_files,
            plural(self.stored_files),
            self.activities_added,
            if self.activities_added == 1 { "y" } else { "ies" },
            self.activities_replaced,
            self.workouts_added,
            plural(self.workouts_added),
        );
        let _ = writeln!(
            s,
            "Duplicates: {} file{} already in the log{}.",
            self.duplicates,
            plural(self.duplicates),
            if self.duplicate_records > 0 {
                format!(
                    ", {} record{} in new files",
                    self.duplicate_records,
                    plural(self.duplicate_records)
                )
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            s,
            "Partial: {} file{} recovered as far as they decode.",
            self.partial.len(),
            plural(self.partial.len())
        );
        for (file, why) in &self.partial {
            let _ = writeln!(s, "  {file}: {why}");
        }
        let _ = writeln!(
            s,
            "Rejected: {} file{}.",
            self.rejected.len(),
            plural(self.rejected.len())
        );
        for (file, why) in &self.rejected {
            let _ = writeln!(s, "  {file}: {why}");
        }
        if self.skipped > 0 {
            let _ = writeln!(
                s,
                "Skipped {} file{} that {} not activities or workouts.",
                self.skipped,
                plural(self.skipped),
                if self.skipped == 1 { "is" } else { "are" }
            );
        }
        let mb = self.bytes as f64 / 1e6;
        let _ = writeln!(
            s,
            "Read {mb:.1} MB in {secs:.1} s ({:.1} MB/s).",
            mb / secs.max(1e-3)
        );
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Where a file came from, for naming and for how strictly to treat what is not an activity.
struct Origin<'a> {
    /// What the summary shows: the path, or `export.zip!activities/1.fit.gz`.
    display: String,
    /// The file name, for format detection.
    name: String,
    /// Named by the user (a wrong file is an error) or found in a folder or export
    /// (other files there are skipped).
    explicit: bool,
    /// The Strava `activities.csv` row naming this file, if any.
    strava: Option<&'a StravaActivityRow>,
    /// The file's path inside a Strava export, for the activity's `strava:` source.
    strava_path: Option<String>,
}

struct Importer<'s> {
    store: &'s mut SqliteStore,
    aliases: Vec<(String, String)>,
    summary: Summary,
    bar: ProgressBar,
    started: Instant,
}

/// Store errors that would hit every following file too: stop the batch.
fn is_fatal(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::DiskFull
            | StoreError::ReadOnly
            | StoreError::Busy
            | StoreError::NotADatabase(_)
    )
}

impl Importer<'_> {
    fn all(&mut self, paths: &[PathBuf]) -> anyhow::Result<()> {
        for p in paths {
            self.path(p)?;
        }
        Ok(())
    }

    fn path(&mut self, p: &Path) -> anyhow::Result<()> {
        let display = p.display().to_string();
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                self.summary
                    .rejected
                    .push((display, format!("cannot read: {e}")));
                return Ok(());
            }
        };
        if meta.is_dir() {
            self.dir(p)
        } else if is_zip_name(p) {
            self.bar.inc_length(1);
            self.zip(p)
        } else {
            self.bar.inc_length(1);
            let name = file_name(p);
            self.file(
                p,
                Origin {
                    display,
                    name,
                    explicit: true,
                    strava: None,
                    strava_path: None,
                },
            )
        }
    }

    fn dir(&mut self, root: &Path) -> anyhow::Result<()> {
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        walk(root, &mut files, &mut unreadable);
        for (dir, e) in unreadable {
            self.summary
                .rejected
                .push((dir, format!("cannot read the folder: {e}")));
        }
        // An unpacked Strava export: activities.csv at the root or one folder down names
        // each activity's file relative to its own folder.
        let index_path = files
            .iter()
            .filter(|f| {
                f.file_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case("activities.csv"))
            })
            .find(|f| {
                f.parent()
                    .is_some_and(|d| d == root || d.parent() == Some(root))
            })
            .cloned();
        let mut rows: Vec<StravaActivityRow> = Vec::new();
        let mut base = root.to_path_buf();
        if let Some(index) = &index_path {
            match std::fs::read(index)
                .map_err(|e| e.to_string())
                .and_then(|b| keel_import::parse_strava_csv(&b).map_err(|e| e.to_string()))
            {
                Ok(r) => {
                    rows = r;
                    base = index.parent().map_or(base, Path::to_path_buf);
                }
                Err(e) => self.summary.rejected.push((
                    index.display().to_string(),
                    format!("Strava activities.csv: {e}"),
                )),
            }
        }
        let by_file = index_rows(&rows);
        let candidates: Vec<PathBuf> = files
            .into_iter()
            .filter(|f| Some(f) != index_path.as_ref())
            .filter(|f| {
                let keep =
                    is_zip_name(f) || keel_import::archive::is_importable_name(&file_name(f));
                if !keep {
                    self.summary.skipped += 1;
                }
                keep
            })
            .collect();
        self.bar.inc_length(candidates.len() as u64);
        for f in candidates {
            if is_zip_name(&f) {
                self.zip(&f)?;
                continue;
            }
            let rel = f
                .strip_prefix(&base)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"));
            let strava = rel.as_deref().and_then(|r| lookup(&by_file, r));
            let origin = Origin {
                display: f.display().to_string(),
                name: file_name(&f),
                explicit: false,
                strava,
                strava_path: strava.and(rel),
            };
            self.file(&f, origin)?;
        }
        Ok(())
    }

    /// A zip archive counts as one unit of progress plus one per entry it yields.
    fn zip(&mut self, path: &Path) -> anyhow::Result<()> {
        let display = path.display().to_string();
        let opened = std::fs::File::open(path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|f| {
                keel_import::ZipReader::new(std::io::BufReader::new(f)).map_err(|e| e.to_string())
            });
        let mut zip = match opened {
            Ok(z) => z,
            Err(e) => {
                self.bar.inc(1);
                self.summary.rejected.push((display, e));
                return Ok(());
            }
        };
        let rows = match zip.strava_index() {
            Ok(r) => r.unwrap_or_default(),
            Err(e) => {
                self.summary
                    .rejected
                    .push((format!("{display}!activities.csv"), e.to_string()));
                Vec::new()
            }
        };
        let by_file = index_rows(&rows);
        let total = zip.len() as u64;
        self.bar.inc_length(total);
        let mut yielded = 0u64;
        for entry in zip.by_ref() {
            yielded += 1;
            let shown = format!("{display}!{}", entry.name);
            let name = entry
                .name
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(&entry.name)
                .to_string();
            if name.eq_ignore_ascii_case("activities.csv") && !rows.is_empty() {
                self.bar.inc(1);
                continue;
            }
            let bytes = match entry.bytes {
                Ok(b) => b,
                Err(e) => {
                    self.bar.inc(1);
                    self.summary.rejected.push((shown, e.to_string()));
                    continue;
                }
            };
            let strava = lookup(&by_file, &entry.name);
            let origin = Origin {
                display: shown,
                name,
                explicit: false,
                strava,
                strava_path: strava.map(|_| entry.name.clone()),
            };
            self.bytes(bytes, origin)?;
        }
        // Folders and other entries (photos, JSON) were never yielded: drop them from the bar.
        self.summary.skipped += zip.skipped();
        let len = self.bar.length().unwrap_or(0);
        self.bar.set_length(len.saturating_sub(total - yielded));
        self.bar.inc(1);
        Ok(())
    }

    fn file(&mut self, path: &Path, origin: Origin<'_>) -> anyhow::Result<()> {
        let read = std::fs::metadata(path).and_then(|m| {
            if m.len() > DEFAULT_ENTRY_LIMIT {
                Err(std::io::Error::other(format!(
                    "larger than the limit of {} MiB",
                    DEFAULT_ENTRY_LIMIT / (1024 * 1024)
                )))
            } else {
                std::fs::read(path)
            }
        });
        match read {
            Ok(bytes) => self.bytes(bytes, origin),
            Err(e) => {
                self.bar.inc(1);
                self.summary
                    .rejected
                    .push((origin.display, format!("cannot read: {e}")));
                Ok(())
            }
        }
    }

    fn bytes(&mut self, bytes: Vec<u8>, origin: Origin<'_>) -> anyhow::Result<()> {
        self.bar.inc(1);
        self.summary.bytes += bytes.len() as u64;
        let elapsed = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} new, {} dup, {} rejected, {:.1} MB/s",
            self.summary.stored_files,
            self.summary.duplicates,
            self.summary.rejected.len(),
            self.summary.bytes as f64 / 1e6 / elapsed
        ));
        let file = NewFile {
            path: origin.display.clone(),
            name: origin.name.clone(),
            content_hash: keel_store::content_hash(&bytes),
            size: Some(bytes.len() as u64),
            format: format_id(&origin.name, &bytes).to_string(),
        };
        // Same bytes as a file imported before: skip without decoding.
        if self
            .store
            .file_by_hash(&file.content_hash)
            .context("reading the log")?
            .is_some()
        {
            self.summary.duplicates += 1;
            return Ok(());
        }
        let decoded = keel_import::decode(&origin.name, &bytes);
        drop(bytes);
        let (activities, workouts) = match decoded {
            Ok(Decoded::Activities(mut v)) => {
                for a in &mut v {
                    if let Some(row) = origin.strava {
                        keel_import::attach_strava(a, row);
                    }
                    if let Some(p) = &origin.strava_path {
                        a.source = format!("strava:{p}");
                    }
                }
                (v, Vec::new())
            }
            Ok(Decoded::Strength(mut v)) => {
                for w in &mut v {
                    for s in &mut w.sets {
                        s.exercise = map_exercise(&s.exercise, &self.aliases);
                    }
                }
                (Vec::new(), v)
            }
            Ok(Decoded::StravaIndex(_)) if !origin.explicit => {
                self.summary.skipped += 1;
                return Ok(());
            }
            Ok(Decoded::StravaIndex(_)) => {
                return self.reject(&file, &origin.display, "this is a Strava activities.csv, which only names the activity files: import the whole export (its folder or the zip)".into());
            }
            Err(e) if !origin.explicit && e.kind() == ErrorKind::UnsupportedFormat => {
                self.summary.skipped += 1;
                return Ok(());
            }
            Err(e) => return self.reject(&file, &origin.display, e.to_string()),
        };
        if activities.is_empty() && workouts.is_empty() {
            return self.reject(
                &file,
                &origin.display,
                "no activity or workout in the file".into(),
            );
        }
        match self.store.import_file(&file, &activities, &workouts) {
            Ok(FileOutcome::AlreadyImported(_)) => self.summary.duplicates += 1,
            Ok(FileOutcome::Stored {
                result,
                activities: ao,
                workouts: wo,
                ..
            }) => {
                for o in &ao {
                    match o {
                        InsertOutcome::Inserted(_) => self.summary.activities_added += 1,
                        InsertOutcome::Replaced(_) => self.summary.activities_replaced += 1,
                        InsertOutcome::Duplicate(_) => self.summary.duplicate_records += 1,
                    }
                }
                for o in &wo {
                    match o {
                        InsertOutcome::Duplicate(_) => self.summary.duplicate_records += 1,
                        _ => self.summary.workouts_added += 1,
                    }
                }
                match result {
                    FileResult::Duplicate => {
                        self.summary.duplicates += 1;
                        self.summary.duplicate_records -= ao.len() + wo.len();
                    }
                    FileResult::Partial => {
                        self.summary.stored_files += 1;
                        let why = activities
                            .iter()
                            .find_map(|a| a.partial.clone())
                            .unwrap_or_default();
                        self.summary.partial.push((origin.display, why));
                    }
                    FileResult::Imported | FileResult::Rejected => self.summary.stored_files += 1,
                }
            }
            Err(e) if is_fatal(&e) => {
                return Err(anyhow::Error::new(e).context(format!("storing {}", origin.display)))
            }
            Err(e) => return self.reject(&file, &origin.display, e.to_string()),
        }
        Ok(())
    }

    fn reject(&mut self, file: &NewFile, display: &str, reason: String) -> anyhow::Result<()> {
        match self.store.record_rejected(file, &reason) {
            Err(e) if is_fatal(&e) => {
                return Err(anyhow::Error::new(e).context(format!("recording {display}")))
            }
            // The rejection is reported either way; its history row is a convenience.
            _ => {}
        }
        self.summary.rejected.push((display.to_string(), reason));
        Ok(())
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn is_zip_name(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// The format id kept with the file: from the content when it is not compressed.
fn format_id(name: &str, bytes: &[u8]) -> &'static str {
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

/// Every file under `dir`, sorted, without following symbolic links to folders (no loops).
fn walk(dir: &Path, out: &mut Vec<PathBuf>, unreadable: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            unreadable.push((dir.display().to_string(), e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, unreadable),
            Ok(m) if m.file_type().is_symlink() => {
                if p.metadata().is_ok_and(|t| t.is_file()) {
                    out.push(p);
                }
            }
            Ok(_) => out.push(p),
            Err(e) => unreadable.push((p.display().to_string(), e.to_string())),
        }
    }
}

/// `activities.csv` rows by the file they name, lowercased with `/` separators.
fn index_rows(rows: &[StravaActivityRow]) -> HashMap<String, &StravaActivityRow> {
    rows.iter()
        .filter_map(|r| Some((r.filename.as_ref()?.replace('\\', "/").to_lowercase(), r)))
        .collect()
}

/// The row for an entry, also when the export was zipped inside a top folder.
fn lookup<'a>(
    by_file: &HashMap<String, &'a StravaActivityRow>,
    entry: &str,
) -> Option<&'a StravaActivityRow> {
    let key = entry.replace('\\', "/").to_lowercase();
    by_file
        .get(&key)
        .or_else(|| key.split_once('/').and_then(|(_, rest)| by_file.get(rest)))
        .copied()
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
        let rows = [row];
        let by = index_rows(&rows);
        assert!(lookup(&by, "activities/123.fit.gz").is_some());
        assert!(lookup(&by, "export_42/Activities/123.FIT.gz").is_some());
        assert!(lookup(&by, "activities/124.fit.gz").is_none());
    }
}
