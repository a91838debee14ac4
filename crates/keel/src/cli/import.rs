//! `keel import PATH...`: watch files, Strava bulk exports and Strong/Hevy CSVs into the log.
//!
//! Every core (two at most): workers read, hash and decode the next files (a zip's entries
//! one by one, by one worker) while this thread stores the previous one, each in its own
//! transaction, in the order given; a few files are in memory at a time, and one bad file
//! never stops the batch.

use crate::settings::Global;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use keel_app::import::{self, Outcome, StravaIndex};
use keel_app::pipeline::{Done, Job, Preparer, Ready};
use keel_app::text;
use keel_import::{SkippedRow, StravaActivityRow, DEFAULT_ENTRY_LIMIT};
use keel_store::{FileResult, SqliteStore, StoreError};
use std::io::{IsTerminal, Write};
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
        store.for_bulk_writes()?;
        // Reading, hashing and decoding run on worker threads, each with its own read
        // connection; this thread stores.
        let readers = (0..keel_app::pipeline::workers())
            .map(|_| global.open_store())
            .collect::<Result<Vec<_>, _>>()?;
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
            pipe: Some(Preparer::spawn(readers, aliases)),
            summary: Summary::default(),
            bar,
            started: Instant::now(),
        };
        let outcome = run.all(&self.paths);
        // Stopped early or done: the worker ends here.
        run.pipe = None;
        run.bar.finish_and_clear();
        let summary = std::mem::take(&mut run.summary);
        let elapsed = run.started.elapsed().as_secs_f64();
        let mut out = super::stdout();
        out.write_all(summary.render(elapsed).as_bytes())?;
        out.flush()?;
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
    let Ok(Some(store)) = global.open_existing_store() else {
        return Vec::new();
    };
    match keel_app::import::exercise_aliases(&store) {
        Ok(aliases) => aliases,
        Err(e) => {
            eprintln!("keel: warning: the stored profile does not validate, its exercise_aliases are ignored: {e}");
            Vec::new()
        }
    }
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
    /// Paths that are not regular files (FIFOs, devices, sockets), never opened.
    special: Vec<(String, String)>,
    /// CSV rows left out of files that were otherwise read: (file, row).
    skipped_rows: Vec<(String, SkippedRow)>,
    /// Strava `activities.csv` indexes read: (file, rows naming a file).
    indexes: Vec<(String, usize)>,
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
            let _ = writeln!(s, "  {}: {}", text::line(file), text::line(why));
        }
        if !self.skipped_rows.is_empty() {
            let files: std::collections::BTreeSet<&str> =
                self.skipped_rows.iter().map(|(f, _)| f.as_str()).collect();
            let _ = writeln!(
                s,
                "Rows left out: {} row{} of {} file{} could not be read and were left out; the other rows were kept.",
                self.skipped_rows.len(),
                plural(self.skipped_rows.len()),
                files.len(),
                plural(files.len())
            );
            for (file, row) in self.skipped_rows.iter().take(SHOWN_ROWS) {
                let _ = writeln!(
                    s,
                    "  {}: {}",
                    text::line(file),
                    text::line(&row.to_string())
                );
            }
            if self.skipped_rows.len() > SHOWN_ROWS {
                let _ = writeln!(s, "  ... and {} more", self.skipped_rows.len() - SHOWN_ROWS);
            }
        }
        let _ = writeln!(
            s,
            "Rejected: {} file{}.",
            self.rejected.len(),
            plural(self.rejected.len())
        );
        for (file, why) in &self.rejected {
            let _ = writeln!(s, "  {}: {}", text::line(file), text::line(why));
        }
        for (file, rows) in &self.indexes {
            let _ = writeln!(
                s,
                "Strava index {}: {rows} activit{} named.",
                text::line(file),
                if *rows == 1 { "y" } else { "ies" }
            );
        }
        if !self.special.is_empty() {
            let _ = writeln!(
                s,
                "Not regular files: {} skipped (only regular files are read).",
                self.special.len()
            );
            for (file, kind) in &self.special {
                let _ = writeln!(s, "  {}: {kind}", text::line(file));
            }
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

/// Left-out CSV rows listed one by one in the summary; the rest are counted.
const SHOWN_ROWS: usize = 20;

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

struct Importer<'s> {
    store: &'s mut SqliteStore,
    /// The worker that reads, hashes and decodes while this thread stores.
    pipe: Option<Preparer<Found>>,
    summary: Summary,
    bar: ProgressBar,
    started: Instant,
}

/// What the walk itself found, handed back through the worker in its place in the order,
/// so the summary lists everything in the order the files were given.
enum Found {
    /// A path that could not be opened or read; `unit`: it counted in the progress bar.
    Rejected {
        display: String,
        reason: String,
        unit: bool,
    },
    /// An unpacked Strava export's `activities.csv`: rows naming a file, rows left out.
    Index {
        display: String,
        rows: Result<usize, String>,
        skipped: Vec<SkippedRow>,
    },
}

impl Importer<'_> {
    fn all(&mut self, paths: &[PathBuf]) -> anyhow::Result<()> {
        for p in paths {
            self.path(p)?;
        }
        match self.pipe.take() {
            Some(pipe) => pipe.finish(|d| self.done(d)),
            None => Ok(()),
        }
    }

    /// Queues work for the worker, storing what it finished meanwhile; a fatal store
    /// error ends the batch.
    fn push(&mut self, job: Job<Found>) -> anyhow::Result<()> {
        let Some(mut pipe) = self.pipe.take() else {
            return Ok(());
        };
        let out = pipe.push(job, |d| self.done(d));
        self.pipe = Some(pipe);
        out
    }

    fn reject(&mut self, display: String, reason: String, unit: bool) -> anyhow::Result<()> {
        self.push(Job::Echo(Found::Rejected {
            display,
            reason,
            unit,
        }))
    }

    fn path(&mut self, p: &Path) -> anyhow::Result<()> {
        let display = p.display().to_string();
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => return self.reject(display, format!("cannot read: {e}"), false),
        };
        if meta.is_dir() {
            self.dir(p)
        } else if !meta.is_file() {
            self.summary.special.push((display, special_kind(&meta)));
            Ok(())
        } else if is_zip_name(p) {
            self.bar.inc_length(1);
            self.zip(p)
        } else {
            self.bar.inc_length(1);
            self.file(p, display, true, None)
        }
    }

    fn dir(&mut self, root: &Path) -> anyhow::Result<()> {
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        walk(root, &mut files, &mut unreadable, &mut self.summary.special);
        for (dir, e) in unreadable {
            self.reject(dir, format!("cannot read the folder: {e}"), false)?;
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
            let shown = index.display().to_string();
            let found = match std::fs::File::open(index)
                .map_err(|e| e.to_string())
                .and_then(|f| {
                    keel_import::archive::read_capped(f, DEFAULT_ENTRY_LIMIT, &shown)
                        .and_then(|b| keel_import::parse_strava_csv(&b))
                        .map_err(|e| e.to_string())
                }) {
                Ok(parsed) => {
                    let found = Found::Index {
                        display: shown,
                        rows: Ok(parsed.rows.len()),
                        skipped: parsed.skipped,
                    };
                    rows = parsed.rows;
                    base = index.parent().map_or(base, Path::to_path_buf);
                    found
                }
                Err(e) => Found::Index {
                    display: shown,
                    rows: Err(e),
                    skipped: Vec::new(),
                },
            };
            self.push(Job::Echo(found))?;
        }
        let by_file = StravaIndex::new(rows);
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
            let strava = rel.and_then(|r| Some(Box::new((by_file.lookup(&r)?.clone(), r))));
            self.file(&f, f.display().to_string(), false, strava)?;
        }
        Ok(())
    }

    /// A zip archive counts as one unit of progress plus one per entry it yields. It is
    /// opened here (its central directory read) and walked by the worker.
    fn zip(&mut self, path: &Path) -> anyhow::Result<()> {
        let display = path.display().to_string();
        let opened = std::fs::File::open(path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|f| {
                keel_import::ZipReader::new(std::io::BufReader::new(f)).map_err(|e| e.to_string())
            });
        match opened {
            Ok(zip) => {
                self.bar.inc_length(zip.len() as u64);
                self.push(Job::Zip {
                    display,
                    zip: Box::new(zip),
                })
            }
            Err(e) => self.reject(display, e, true),
        }
    }

    /// Queues a regular file for the worker, which reads it through the import pipeline.
    /// It is opened only after `stat` said it is a regular file (a FIFO would block the
    /// open), checked again on the open handle, and read with the cap counted in bytes
    /// actually read.
    fn file(
        &mut self,
        path: &Path,
        display: String,
        explicit: bool,
        strava: Option<Box<(StravaActivityRow, String)>>,
    ) -> anyhow::Result<()> {
        let opened = std::fs::File::open(path).and_then(|f| {
            let meta = f.metadata()?;
            Ok((f, meta))
        });
        let file = match opened {
            Ok((f, meta)) if meta.is_file() => f,
            Ok((_, meta)) => {
                self.bar.inc(1);
                self.summary.special.push((display, special_kind(&meta)));
                return Ok(());
            }
            Err(e) => return self.reject(display, format!("cannot read: {e}"), true),
        };
        self.push(Job::File {
            display,
            name: file_name(path),
            reader: Box::new(std::io::BufReader::new(file)),
            limit: DEFAULT_ENTRY_LIMIT,
            explicit,
            strava,
        })
    }

    /// Takes one result of the worker, in order: stores a decoded file (a fatal store
    /// error ends the batch) and counts everything in the summary.
    fn done(&mut self, d: Done<Found>) -> anyhow::Result<()> {
        match d {
            Done::File {
                display,
                size,
                ready,
            } => {
                self.progress(size);
                let outcome = match ready {
                    Ready::Known => Ok(Outcome::AlreadyImported),
                    Ready::Prepared(p) => import::commit(self.store, p),
                };
                self.count(&display, outcome)
            }
            Done::Index {
                display,
                rows,
                skipped,
            } => {
                self.bar.inc(1);
                self.index(display, rows, skipped);
                Ok(())
            }
            Done::Unreadable { display, reason } => {
                self.bar.inc(1);
                let outcome = import::reject_unreadable(self.store, &display, reason);
                self.count(&display, outcome)
            }
            Done::ZipEnd {
                entries,
                yielded,
                skipped,
                ..
            } => {
                // Folders and other entries (photos, JSON) were never yielded: drop them
                // from the bar.
                self.summary.skipped += skipped;
                let len = self.bar.length().unwrap_or(0);
                self.bar
                    .set_length(len.saturating_sub(entries.saturating_sub(yielded)));
                self.bar.inc(1);
                Ok(())
            }
            Done::Echo(Found::Rejected {
                display,
                reason,
                unit,
            }) => {
                if unit {
                    self.bar.inc(1);
                }
                self.summary.rejected.push((display, reason));
                Ok(())
            }
            Done::Echo(Found::Index {
                display,
                rows,
                skipped,
            }) => {
                self.index(display, rows, skipped);
                Ok(())
            }
        }
    }

    /// A Strava `activities.csv` read as an export's index.
    fn index(&mut self, display: String, rows: Result<usize, String>, skipped: Vec<SkippedRow>) {
        match rows {
            Ok(n) => self.summary.indexes.push((display.clone(), n)),
            Err(e) => self
                .summary
                .rejected
                .push((display.clone(), format!("Strava activities.csv: {e}"))),
        }
        for row in skipped {
            self.summary.skipped_rows.push((display.clone(), row));
        }
    }

    fn progress(&mut self, size: u64) {
        self.bar.inc(1);
        self.summary.bytes += size;
        let elapsed = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} new, {} dup, {} rejected, {:.1} MB/s",
            self.summary.stored_files,
            self.summary.duplicates,
            self.summary.rejected.len(),
            self.summary.bytes as f64 / 1e6 / elapsed
        ));
    }

    /// Adds one file's outcome to the summary; a fatal store error ends the batch.
    fn count(&mut self, display: &str, outcome: Result<Outcome, StoreError>) -> anyhow::Result<()> {
        let sum = &mut self.summary;
        match outcome.with_context(|| format!("storing {display}"))? {
            Outcome::Skipped => sum.skipped += 1,
            Outcome::AlreadyImported => sum.duplicates += 1,
            Outcome::Rejected(why) => sum.rejected.push((display.to_string(), why)),
            Outcome::Stored {
                result: FileResult::Duplicate,
                skipped_rows,
                ..
            } => {
                sum.duplicates += 1;
                for row in skipped_rows {
                    sum.skipped_rows.push((display.to_string(), row));
                }
            }
            Outcome::Stored {
                activities_added,
                activities_replaced,
                workouts_added,
                duplicate_records,
                partial,
                skipped_rows,
                ..
            } => {
                for row in skipped_rows {
                    sum.skipped_rows.push((display.to_string(), row));
                }
                sum.stored_files += 1;
                sum.activities_added += activities_added;
                sum.activities_replaced += activities_replaced;
                sum.workouts_added += workouts_added;
                sum.duplicate_records += duplicate_records;
                if let Some(why) = partial {
                    sum.partial.push((display.to_string(), why));
                }
            }
        }
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

/// Every regular file under `dir`, sorted, without following symbolic links to folders
/// (no loops). FIFOs, sockets and devices (also behind a link) go to `special`, never
/// opened: opening a FIFO would wait forever for a writer.
fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    unreadable: &mut Vec<(String, String)>,
    special: &mut Vec<(String, String)>,
) {
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
            Ok(m) if m.is_dir() => walk(&p, out, unreadable, special),
            Ok(m) if m.file_type().is_symlink() => match p.metadata() {
                Ok(t) if t.is_file() => out.push(p),
                Ok(t) if !t.is_dir() => special.push((p.display().to_string(), special_kind(&t))),
                _ => {}
            },
            Ok(m) if m.is_file() => out.push(p),
            Ok(m) => special.push((p.display().to_string(), special_kind(&m))),
            Err(e) => unreadable.push((p.display().to_string(), e.to_string())),
        }
    }
}

/// What a path that is not a regular file or folder is, in words.
fn special_kind(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let kind = if t.is_fifo() {
            "a FIFO (named pipe)"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "a special file"
        };
        format!("{kind}, not a regular file")
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        "not a regular file".to_string()
    }
}
