//! `keel import PATH...`: watch files, Strava bulk exports and Strong/Hevy CSVs into the log.
//!
//! One file is in memory at a time (zip entries are read one by one), each file is stored
//! in its own transaction, and one bad file never stops the batch.

use crate::settings::Global;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use keel_app::import::{self, Incoming, Outcome, StravaIndex, ZipItem};
use keel_app::pipeline::{Done, Job, Preparer, Ready};
use keel_import::{StravaActivityRow, DEFAULT_ENTRY_LIMIT};
use keel_store::{FileResult, SqliteStore, StoreError};
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
        store.for_bulk_writes()?;
        // Decoding and hashing run on a second thread with its own read connection.
        let reader = global.open_store()?;
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
            pipe: Some(Preparer::spawn(reader, aliases)),
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

struct Importer<'s> {
    store: &'s mut SqliteStore,
    pipe: Option<Preparer>,
    summary: Summary,
    bar: ProgressBar,
    started: Instant,
}

impl Importer<'_> {
    fn all(&mut self, paths: &[PathBuf]) -> anyhow::Result<()> {
        for p in paths {
            self.path(p)?;
        }
        let rest = self.pipe.take().map(Preparer::finish).unwrap_or_default();
        self.store_ready(rest)
    }

    /// Stores files the worker finished, in order; a fatal store error ends the batch.
    fn store_ready(&mut self, done: Vec<Done>) -> anyhow::Result<()> {
        for (display, ready) in done {
            let outcome = match ready {
                Ready::Known => Ok(Outcome::AlreadyImported),
                Ready::Prepared(p) => import::commit(self.store, p),
            };
            self.count(&display, outcome)?;
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
                Incoming {
                    display,
                    name,
                    bytes: Vec::new(),
                    explicit: true,
                    strava: None,
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
            let strava = rel.and_then(|r| Some((by_file.lookup(&r)?, r)));
            let origin = Incoming {
                display: f.display().to_string(),
                name: file_name(&f),
                bytes: Vec::new(),
                explicit: false,
                strava,
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
        let total = zip.len() as u64;
        self.bar.inc_length(total);
        let yielded = import::walk_zip(&display, &mut zip, |item| match item {
            ZipItem::IndexError(e) => {
                self.summary
                    .rejected
                    .push((format!("{display}!activities.csv"), e));
                Ok(())
            }
            ZipItem::Index => {
                self.bar.inc(1);
                Ok(())
            }
            ZipItem::Unreadable { display, reason } => {
                self.bar.inc(1);
                let outcome = import::reject_unreadable(self.store, &display, reason);
                self.count(&display, outcome)
            }
            ZipItem::File(item) => self.bytes(item),
        })?;
        // Folders and other entries (photos, JSON) were never yielded: drop them from the bar.
        self.summary.skipped += zip.skipped();
        let len = self.bar.length().unwrap_or(0);
        self.bar.set_length(len.saturating_sub(total - yielded));
        self.bar.inc(1);
        Ok(())
    }

    fn file(&mut self, path: &Path, mut item: Incoming<'_>) -> anyhow::Result<()> {
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
            Ok(bytes) => {
                item.bytes = bytes;
                self.bytes(item)
            }
            Err(e) => {
                self.bar.inc(1);
                self.summary
                    .rejected
                    .push((item.display, format!("cannot read: {e}")));
                Ok(())
            }
        }
    }

    fn bytes(&mut self, item: Incoming<'_>) -> anyhow::Result<()> {
        self.bar.inc(1);
        self.summary.bytes += item.bytes.len() as u64;
        let elapsed = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} new, {} dup, {} rejected, {:.1} MB/s",
            self.summary.stored_files,
            self.summary.duplicates,
            self.summary.rejected.len(),
            self.summary.bytes as f64 / 1e6 / elapsed
        ));
        let done = match &mut self.pipe {
            Some(pipe) => pipe.push(Job::of(item)),
            None => Vec::new(),
        };
        self.store_ready(done)
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
                ..
            } => sum.duplicates += 1,
            Outcome::Stored {
                activities_added,
                activities_replaced,
                workouts_added,
                duplicate_records,
                partial,
                ..
            } => {
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
