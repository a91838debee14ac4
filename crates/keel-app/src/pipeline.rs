//! The import pipeline on every core: while the caller stores one file (SQLite, on its own
//! thread), workers (one per core, at most [`MAX_WORKERS`]) read, hash and decode the next
//! ones, each its own files.
//!
//! The caller opens files and archives (after checking that they are regular files) and
//! queues them with [`Preparer::push`]; jobs go to the workers in turn. A worker runs the
//! import stages of
//! [`crate::import`] on each: [`load`] (streaming: hashed once while read, one gunzip, the
//! head check that refuses bombs from their first kilobytes, the cap counted in bytes
//! read), then skips a file the log already holds before decoding it (checked on its own
//! read connection; the writer's transaction checks again, so a file queued twice in one
//! batch is still stored once), then [`prepare`] and, for a file, [`Prepared::encode`]
//! (the samples encoded for the store off the storing thread). An archive is walked by the worker with
//! [`walk_zip`] (every entry, repeated names included), one entry at a time, by one worker.
//! The caller gets the results in queue order, whichever worker finished first, and stores
//! them with [`crate::import::commit`].
//!
//! Memory stays flat however large the batch: for each worker, at most [`DEPTH`] jobs (open
//! files, not yet read) wait for it and at most [`RESULTS`] decoded files wait for the
//! caller (one when it is [`LARGE`]), besides the one file each thread holds.

use std::collections::VecDeque;
use std::io::{BufReader, Read};
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError, TrySendError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use keel_import::{SkippedRow, StravaActivityRow, ZipReader};
use keel_store::Store;

use crate::import::{load, prepare, walk_zip, Incoming, Loaded, Prepared, ZipItem};

/// Jobs queued for each worker, at most (open files, not yet read: cheap to hold).
pub const DEPTH: usize = 8;

/// Results (decoded files) each worker queues for the caller, at most. Deep enough that the
/// workers keep decoding while the caller waits for the disk (a checkpoint of the
/// write-ahead log stalls it for a moment): with one, a FIT import took about 20% longer;
/// each more holds one more decoded file in memory (a few hundred KB).
pub const RESULTS: usize = 3;

/// A decoded file of more bytes than this (decompressed) is handed to the caller only when
/// every earlier result of its worker has been taken: large files are held one at a time
/// per worker, as if [`RESULTS`] were 1, so the queues never multiply the largest input.
pub const LARGE: u64 = 8 << 20;

/// Workers at most (see [`workers`]): two keep both cores of a small machine busy while
/// the caller stores, and bound the files in memory at once.
pub const MAX_WORKERS: usize = 2;

/// An archive as the worker reads it.
pub type Archive = ZipReader<BufReader<std::fs::File>>;

/// Work for the worker, in the order the caller wants the results.
pub enum Job<T> {
    /// One file, opened by the caller: read through [`load`] with at most `limit` bytes.
    File {
        /// What messages show (see [`Incoming::display`]).
        display: String,
        /// The file name, for format detection.
        name: String,
        /// The open file.
        reader: Box<dyn Read + Send>,
        /// The cap on bytes read (and held decompressed).
        limit: u64,
        /// Named by the user (see [`Incoming::explicit`]).
        explicit: bool,
        /// The Strava `activities.csv` row naming this file, and its path in the export.
        strava: Option<Box<(StravaActivityRow, String)>>,
    },
    /// A zip archive, opened by the caller (so its central directory was readable).
    Zip {
        /// The archive as shown to the user; entries are shown as `archive!entry`.
        display: String,
        /// The archive.
        zip: Box<Archive>,
    },
    /// Something of the caller's own, handed back unchanged in its place in the order.
    Echo(T),
}

/// What the worker made of a file.
#[derive(Debug)]
pub enum Ready {
    /// The same bytes are in the log already: not decoded.
    Known,
    /// Decoded, for [`crate::import::commit`].
    Prepared(Prepared),
}

/// One result, in queue order.
#[derive(Debug)]
pub enum Done<T> {
    /// A file or archive entry was read: its display name, the bytes read, and what the
    /// worker made of it.
    File {
        /// As shown to the user.
        display: String,
        /// Bytes read (before any gunzip).
        size: u64,
        /// Known, or decoded.
        ready: Ready,
    },
    /// An archive's Strava `activities.csv` (see [`ZipItem::Index`]).
    Index {
        /// `archive!entry`.
        display: String,
        /// Rows read, or why none could be.
        rows: Result<usize, String>,
        /// Rows left out.
        skipped: Vec<SkippedRow>,
    },
    /// An archive entry that could not be read (see [`ZipItem::Unreadable`]).
    Unreadable {
        /// `archive!entry`.
        display: String,
        /// Why.
        reason: String,
    },
    /// An archive was walked to the end.
    ZipEnd {
        /// The archive.
        display: String,
        /// Entries in the archive, of every kind.
        entries: u64,
        /// Entries yielded (each gave one result above).
        yielded: u64,
        /// Entries skipped: folders, photos, other files.
        skipped: usize,
    },
    /// A [`Job::Echo`], handed back.
    Echo(T),
}

/// One worker thread and its two queues.
struct Worker<T> {
    jobs: Option<SyncSender<Job<T>>>,
    done: Receiver<Done<T>>,
    waiting: Arc<Waiting>,
    handle: Option<JoinHandle<()>>,
}

/// A worker's results not yet taken by the caller, counted so that a [`LARGE`] file waits
/// until there are none; and whether the caller is gone (a waiting worker then stops).
#[derive(Default)]
struct Waiting {
    state: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Waiting {
    /// Counts one more result, once it may be queued: at once when small, when nothing of
    /// this worker's is waiting when large. `Err` when the caller is gone.
    fn admit(&self, large: bool) -> Result<(), ()> {
        let mut st = self.state.lock().map_err(|_| ())?;
        while !st.1 && large && st.0 > 0 {
            st = self.changed.wait(st).map_err(|_| ())?;
        }
        if st.1 {
            return Err(());
        }
        st.0 += 1;
        Ok(())
    }

    /// The caller took one result.
    fn taken(&self) {
        if let Ok(mut st) = self.state.lock() {
            st.0 = st.0.saturating_sub(1);
            self.changed.notify_all();
        }
    }

    /// The caller is gone: nothing more is taken.
    fn close(&self) {
        if let Ok(mut st) = self.state.lock() {
            st.1 = true;
            self.changed.notify_all();
        }
    }
}

/// The worker threads, and the jobs queued in the order their results are handed back.
///
/// Jobs go to the workers in turn; each worker works through its own jobs in order, so
/// the caller takes results in queue order by reading each job's results from the worker
/// that has it (a file or an echo gives one result, an archive gives results up to its
/// [`Done::ZipEnd`]).
pub struct Preparer<T> {
    workers: Vec<Worker<T>>,
    /// The worker that gets the next job.
    next: usize,
    /// Jobs queued and not yet handed back in full: their worker, and whether it is an
    /// archive.
    order: VecDeque<(usize, bool)>,
}

/// Workers a batch import uses: one per core, at most [`MAX_WORKERS`].
pub fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, MAX_WORKERS)
}

/// Whether a result is the last one of its job.
fn ends_job(is_zip: bool, d: &Done<impl Sized>) -> bool {
    !is_zip || matches!(d, Done::ZipEnd { .. })
}

impl<T: Send + 'static> Preparer<T> {
    /// Starts one worker per read connection in `readers` (at least one is needed to do
    /// anything: with none, every job is dropped), each with the exercise aliases.
    pub fn spawn<S: Store + Send + 'static>(
        readers: Vec<S>,
        aliases: Vec<(String, String)>,
    ) -> Preparer<T> {
        let workers = readers
            .into_iter()
            .map(|reader| {
                let (jobs, rx) = mpsc::sync_channel::<Job<T>>(DEPTH);
                let (tx, done) = mpsc::sync_channel::<Done<T>>(RESULTS);
                let aliases = aliases.clone();
                let waiting = Arc::new(Waiting::default());
                let out = Outbox {
                    tx,
                    waiting: Arc::clone(&waiting),
                };
                let handle = std::thread::spawn(move || {
                    for job in rx {
                        // The caller stopped listening (a full disk): stop.
                        if work(job, &reader, &aliases, &out).is_err() {
                            break;
                        }
                    }
                });
                Worker {
                    jobs: Some(jobs),
                    done,
                    waiting,
                    handle: Some(handle),
                }
            })
            .collect();
        Preparer {
            workers,
            next: 0,
            order: VecDeque::new(),
        }
    }

    /// Hands to `on` the results that are ready, in queue order, stopping at the first
    /// that is not; with `wait`, waits for one result first (when a job is queued).
    fn take<E>(
        &mut self,
        mut wait: bool,
        on: &mut impl FnMut(Done<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        while let Some(&(w, is_zip)) = self.order.front() {
            let got = if wait {
                self.workers[w]
                    .done
                    .recv()
                    .map_err(|_| TryRecvError::Disconnected)
            } else {
                self.workers[w].done.try_recv()
            };
            match got {
                Ok(d) => {
                    self.workers[w].waiting.taken();
                    wait = false;
                    if ends_job(is_zip, &d) {
                        self.order.pop_front();
                    }
                    on(d)?;
                }
                Err(TryRecvError::Empty) => break,
                // The worker is gone (it panicked, or stopped): its jobs give nothing
                // more; `finish` says why.
                Err(TryRecvError::Disconnected) => {
                    self.order.pop_front();
                }
            }
        }
        Ok(())
    }

    /// Queues a job. Results finished meanwhile go to `on` first, and while the next
    /// worker's queue is full `on` gets results as they come (so storing keeps pace with
    /// the workers). An error from `on` is returned at once.
    pub fn push<E>(
        &mut self,
        mut job: Job<T>,
        mut on: impl FnMut(Done<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        if self.workers.is_empty() {
            return Ok(());
        }
        let is_zip = matches!(job, Job::Zip { .. });
        let w = self.next;
        loop {
            self.take(false, &mut on)?;
            let Some(jobs) = &self.workers[w].jobs else {
                return Ok(());
            };
            match jobs.try_send(job) {
                Ok(()) => {
                    self.order.push_back((w, is_zip));
                    self.next = (w + 1) % self.workers.len();
                    return Ok(());
                }
                Err(TrySendError::Full(j)) => {
                    job = j;
                    // That worker has queued jobs, so the oldest job has a result coming.
                    self.take(true, &mut on)?;
                }
                Err(TrySendError::Disconnected(_)) => return Ok(()), // `finish` says why
            }
        }
    }

    /// Waits for every queued job, handing each result to `on`. A worker that panicked
    /// panics here, so no result is lost without a word.
    pub fn finish<E>(mut self, mut on: impl FnMut(Done<T>) -> Result<(), E>) -> Result<(), E> {
        for w in &mut self.workers {
            w.jobs = None;
        }
        while !self.order.is_empty() {
            self.take(true, &mut on)?;
        }
        for w in &mut self.workers {
            if let Some(h) = w.handle.take() {
                if let Err(panic) = h.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        }
        Ok(())
    }
}

impl<T> Drop for Preparer<T> {
    fn drop(&mut self) {
        // Stopping early (a full disk): each worker ends when its queue closes or its
        // next result finds no one listening.
        for w in &mut self.workers {
            w.jobs = None;
            w.waiting.close();
            if let Some(h) = w.handle.take() {
                drop(std::mem::replace(&mut w.done, mpsc::channel().1));
                let _ = h.join();
            }
        }
    }
}

/// Where a worker's results go: the caller's queue, with its count.
struct Outbox<T> {
    tx: SyncSender<Done<T>>,
    waiting: Arc<Waiting>,
}

impl<T> Outbox<T> {
    /// Queues a result (waiting, when `large`, until the caller took every earlier one);
    /// `Err` when the caller no longer listens.
    fn send(&self, d: Done<T>, large: bool) -> Result<(), ()> {
        self.waiting.admit(large)?;
        self.tx.send(d).map_err(|_| ())
    }
}

/// Runs one job; `Err` when the caller no longer listens.
fn work<T: Send, S: Store>(
    job: Job<T>,
    reader: &S,
    aliases: &[(String, String)],
    out: &Outbox<T>,
) -> Result<(), ()> {
    let send = |d: Done<T>| out.send(d, false);
    match job {
        Job::Echo(t) => send(Done::Echo(t)),
        Job::File {
            display,
            name,
            reader: file,
            limit,
            explicit,
            strava,
        } => {
            let loaded = load(&name, file, limit);
            let item = Incoming {
                display: display.clone(),
                name,
                loaded,
                explicit,
                strava: strava.as_deref().map(|(row, path)| (row, path.clone())),
            };
            let (done, large) = ready(reader, item, aliases);
            out.send(done, large)
        }
        Job::Zip { display, mut zip } => {
            let yielded = walk_in_two(&display, &mut zip, reader, aliases, out)?;
            out.send(
                Done::ZipEnd {
                    display,
                    entries: zip.len() as u64,
                    yielded,
                    skipped: zip.skipped(),
                },
                false,
            )
        }
    }
}

/// An archive entry handed from the thread reading the archive to the one decoding it.
enum Staged {
    /// The Strava index (see [`Done::Index`]).
    Index {
        display: String,
        rows: Result<usize, String>,
        skipped: Vec<SkippedRow>,
    },
    /// An entry that could not be read (see [`Done::Unreadable`]).
    Unreadable { display: String, reason: String },
    /// An entry whose bytes the log holds: not decoded.
    Known { display: String, size: u64 },
    /// An entry to decode, with its Strava row owned.
    File {
        display: String,
        name: String,
        loaded: Loaded,
        strava: Option<Box<(StravaActivityRow, String)>>,
    },
}

/// Entries read ahead of the one being decoded, at most.
const STAGED: usize = 1;

/// Walks an archive on two threads: this worker reads it (inflating and hashing each entry,
/// and skipping entries the log holds), a second one decodes the entries, encodes their
/// samples and hands the results on in the archive's order. An archive is read in order by
/// one reader, so without the second thread one core did all of a Strava export's work.
fn walk_in_two<T: Send, S: Store>(
    display: &str,
    zip: &mut Archive,
    reader: &S,
    aliases: &[(String, String)],
    out: &Outbox<T>,
) -> Result<u64, ()> {
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Staged>(STAGED);
        let decoder = scope.spawn(move || -> Result<(), ()> {
            for staged in rx {
                let (done, large) = match staged {
                    Staged::Index {
                        display,
                        rows,
                        skipped,
                    } => (
                        Done::Index {
                            display,
                            rows,
                            skipped,
                        },
                        false,
                    ),
                    Staged::Unreadable { display, reason } => {
                        (Done::Unreadable { display, reason }, false)
                    }
                    Staged::Known { display, size } => (
                        Done::File {
                            display,
                            size,
                            ready: Ready::Known,
                        },
                        false,
                    ),
                    Staged::File {
                        display,
                        name,
                        loaded,
                        strava,
                    } => {
                        let item = Incoming {
                            display,
                            name,
                            loaded,
                            explicit: false,
                            strava: strava.as_deref().map(|(row, path)| (row, path.clone())),
                        };
                        decoded(item, aliases)
                    }
                };
                out.send(done, large)?;
            }
            Ok(())
        });
        let stage = |s: Staged| tx.send(s).map_err(|_| ());
        let walked = walk_zip(display, zip, |item| match item {
            ZipItem::Index {
                display,
                rows,
                skipped,
            } => stage(Staged::Index {
                display,
                rows,
                skipped,
            }),
            ZipItem::Unreadable { display, reason } => {
                stage(Staged::Unreadable { display, reason })
            }
            ZipItem::File(item) if is_known(reader, &item) => stage(Staged::Known {
                display: item.display,
                size: item.loaded.size,
            }),
            ZipItem::File(item) => stage(Staged::File {
                display: item.display,
                name: item.name,
                loaded: item.loaded,
                strava: item.strava.map(|(row, path)| Box::new((row.clone(), path))),
            }),
        });
        drop(tx);
        // A panic of the decoding thread is this worker's: it reaches the caller when
        // `Preparer::finish` joins the worker, so no result is lost without a word.
        let decoded = match decoder.join() {
            Ok(decoded) => decoded,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let yielded = walked?;
        decoded.map(|()| yielded)
    })
}

/// Whether the log holds these bytes already (the writer's transaction checks again).
fn is_known(reader: &impl Store, item: &Incoming<'_>) -> bool {
    matches!(reader.file_by_hash(&item.loaded.content_hash), Ok(Some(_)))
}

/// Whether a loaded file is [`LARGE`] (read or decompressed).
fn is_large(loaded: &Loaded) -> bool {
    let plain = loaded.plain.as_ref().map_or(0, |p| p.bytes.len() as u64);
    loaded.size.max(plain) > LARGE
}

/// A loaded file: known already (not decoded), else prepared with its samples encoded;
/// and whether it is [`LARGE`].
fn ready<T>(
    reader: &impl Store,
    item: Incoming<'_>,
    aliases: &[(String, String)],
) -> (Done<T>, bool) {
    if !is_known(reader, &item) {
        return decoded(item, aliases);
    }
    let done = Done::File {
        display: item.display,
        size: item.loaded.size,
        ready: Ready::Known,
    };
    (done, false)
}

/// A file prepared with its samples encoded; and whether it is [`LARGE`].
fn decoded<T>(item: Incoming<'_>, aliases: &[(String, String)]) -> (Done<T>, bool) {
    let (display, size) = (item.display.clone(), item.loaded.size);
    let large = is_large(&item.loaded);
    let done = Done::File {
        display,
        size,
        ready: Ready::Prepared(prepare(item, aliases).encode()),
    };
    (done, large)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{commit, import_one, Outcome};
    use keel_store::SqliteStore;

    const HEADER: &str =
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n";

    fn csv(day: u32) -> Vec<u8> {
        format!("{HEADER}2024-11-{day:02} 17:36:08,B,35m,Squat (Barbell),1,60.0,5.0,0,0.0,\n")
            .into_bytes()
    }

    fn job(name: &str, bytes: Vec<u8>) -> Job<u32> {
        Job::File {
            display: name.into(),
            name: name.into(),
            reader: Box::new(std::io::Cursor::new(bytes)),
            limit: 1 << 20,
            explicit: true,
            strava: None,
        }
    }

    fn name(d: &Done<u32>) -> String {
        match d {
            Done::File { display, .. } => display.clone(),
            Done::Echo(n) => format!("echo {n}"),
            other => format!("{other:?}"),
        }
    }

    fn readers(path: &std::path::Path, n: usize) -> Vec<SqliteStore> {
        (0..n).map(|_| SqliteStore::open(path).unwrap()).collect()
    }

    #[test]
    fn results_come_back_in_order_with_known_files_skipped() {
        for workers in 1..=3 {
            in_order_with_known_files_skipped(workers);
        }
    }

    fn in_order_with_known_files_skipped(workers: usize) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        let mut writer = SqliteStore::open(&path).unwrap();
        // Stored before the batch: the worker skips it without decoding.
        let known = csv(29);
        let item = Incoming {
            display: "known.csv".into(),
            name: "known.csv".into(),
            loaded: load("known.csv", &known[..], 1 << 20),
            explicit: true,
            strava: None,
        };
        import_one(&mut writer, item, &[]).unwrap();
        let mut p = Preparer::spawn(readers(&path, workers), Vec::new());
        let mut done = Vec::new();
        for i in 0..8u32 {
            let j = match i {
                3 => job("known.csv", known.clone()),
                5 => job("junk.fit", b"not a fit file".to_vec()),
                6 => Job::Echo(6),
                _ => job(&format!("{i}.csv"), csv(28)),
            };
            p.push(j, |d| {
                done.push(d);
                Ok::<_, ()>(())
            })
            .unwrap();
        }
        p.finish(|d| {
            done.push(d);
            Ok::<_, ()>(())
        })
        .unwrap();
        let names: Vec<String> = done.iter().map(name).collect();
        assert_eq!(
            names,
            [
                "0.csv",
                "1.csv",
                "2.csv",
                "known.csv",
                "4.csv",
                "junk.fit",
                "echo 6",
                "7.csv"
            ]
        );
        assert!(matches!(
            done[3],
            Done::File {
                ready: Ready::Known,
                ..
            }
        ));
        assert!(matches!(
            done[5],
            Done::File {
                ready: Ready::Prepared(Prepared::Reject(..)),
                ..
            }
        ));
        // The same new bytes queued several times are all decoded; storing keeps one.
        let mut stored = 0;
        for d in done {
            if let Done::File {
                ready: Ready::Prepared(p),
                ..
            } = d
            {
                if let Ok(Outcome::Stored { workouts_added, .. }) = commit(&mut writer, p) {
                    stored += workouts_added;
                }
            }
        }
        assert_eq!(stored, 1);
    }

    /// A CSV of `rows` sets: files of very different sizes, so that workers finish out of
    /// turn.
    fn csv_rows(day: u32, rows: usize) -> Vec<u8> {
        let mut s = HEADER.to_string();
        for i in 0..rows {
            s.push_str(&format!(
                "2024-11-{day:02} 17:36:08,B,35m,Squat (Barbell),{},60.0,5.0,0,0.0,\n",
                i + 1
            ));
        }
        s.into_bytes()
    }

    #[test]
    fn several_workers_keep_the_queue_order_whoever_finishes_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        SqliteStore::open(&path).unwrap();
        let mut p = Preparer::spawn(readers(&path, 3), Vec::new());
        let mut names = Vec::new();
        let mut expected = Vec::new();
        for i in 0..60u32 {
            // Big and small files alternate unevenly between the workers.
            let rows = if i % 5 == 0 {
                3000
            } else {
                1 + (i as usize % 3)
            };
            let j = if i % 7 == 3 {
                expected.push(format!("echo {i}"));
                Job::Echo(i)
            } else {
                expected.push(format!("{i}.csv"));
                job(&format!("{i}.csv"), csv_rows(1 + i % 28, rows))
            };
            p.push(j, |d| {
                names.push(name(&d));
                Ok::<_, ()>(())
            })
            .unwrap();
        }
        p.finish(|d| {
            names.push(name(&d));
            Ok::<_, ()>(())
        })
        .unwrap();
        assert_eq!(names, expected);
    }

    #[test]
    fn a_slow_caller_holds_back_the_worker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        SqliteStore::open(&path).unwrap();
        let workers = 2;
        let mut p = Preparer::spawn(readers(&path, workers), Vec::new());
        // Each push hands back what is finished; never more than the queues hold are
        // waiting at once, however many files are pushed.
        let mut handed = 0;
        for i in 0..40u32 {
            let mut now = 0;
            p.push(job(&format!("{i}.csv"), csv(1 + i % 28)), |_| {
                now += 1;
                Ok::<_, ()>(())
            })
            .unwrap();
            assert!(
                now <= workers * (DEPTH + RESULTS + 1),
                "{now} results at once"
            );
            handed += now;
        }
        p.finish(|_| {
            handed += 1;
            Ok::<_, ()>(())
        })
        .unwrap();
        assert_eq!(handed, 40);
    }

    #[test]
    fn an_error_of_the_caller_stops_the_worker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        SqliteStore::open(&path).unwrap();
        let mut p = Preparer::spawn(readers(&path, 2), Vec::new());
        let mut failed = false;
        for i in 0..20u32 {
            if p.push(job(&format!("{i}.fit"), b"x".to_vec()), |_| Err(()))
                .is_err()
            {
                failed = true;
                break;
            }
        }
        assert!(failed);
        drop(p); // joins the worker: the test would hang if it did not end
    }

    /// A zip of `n` Strong CSVs (`k.csv`, one day each) and a photo, opened as the caller
    /// opens an archive.
    fn zip_job(dir: &std::path::Path, n: u32) -> Job<u32> {
        use std::io::Write;
        let path = dir.join("export.zip");
        let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for k in 1..=n {
            w.start_file(format!("{k}.csv"), opts).unwrap();
            w.write_all(&csv(k)).unwrap();
            if k == 2 {
                w.start_file("photo.jpg", opts).unwrap();
                w.write_all(b"\xff\xd8 not an activity").unwrap();
            }
        }
        w.finish().unwrap();
        let file = BufReader::new(std::fs::File::open(&path).unwrap());
        Job::Zip {
            display: "export.zip".into(),
            zip: Box::new(ZipReader::new(file).unwrap()),
        }
    }

    #[test]
    fn an_archive_is_decoded_on_a_second_thread_in_its_own_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        let mut writer = SqliteStore::open(&path).unwrap();
        // Entry 3's bytes are in the log already: known, not decoded.
        let item = Incoming {
            display: "3.csv".into(),
            name: "3.csv".into(),
            loaded: load("3.csv", &csv(3)[..], 1 << 20),
            explicit: true,
            strava: None,
        };
        assert!(matches!(
            import_one(&mut writer, item, &[]).unwrap(),
            Outcome::Stored { .. }
        ));
        let mut p = Preparer::spawn(readers(&path, 2), Vec::new());
        let mut seen = Vec::new();
        let mut on = |d: Done<u32>| {
            seen.push(match d {
                Done::File {
                    display,
                    ready: Ready::Known,
                    ..
                } => format!("{display} known"),
                Done::File {
                    display,
                    ready: Ready::Prepared(Prepared::Store { .. }),
                    ..
                } => {
                    format!("{display} decoded")
                }
                other => name(&other),
            });
            Ok::<(), ()>(())
        };
        p.push(Job::Echo(0), &mut on).unwrap();
        p.push(zip_job(dir.path(), 24), &mut on).unwrap();
        p.push(Job::Echo(1), &mut on).unwrap();
        p.finish(&mut on).unwrap();
        let mut expected = vec!["echo 0".to_string()];
        for k in 1..=24 {
            let how = if k == 3 { "known" } else { "decoded" };
            expected.push(format!("export.zip!{k}.csv {how}"));
        }
        expected.push(
            "ZipEnd { display: \"export.zip\", entries: 25, yielded: 24, skipped: 1 }".into(),
        );
        expected.push("echo 1".into());
        assert_eq!(seen, expected);
    }

    #[test]
    fn an_error_of_the_caller_stops_an_archive_and_both_its_threads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        SqliteStore::open(&path).unwrap();
        let mut p = Preparer::spawn(readers(&path, 1), Vec::new());
        let failed = p
            .push(zip_job(dir.path(), 40), |_| Err(()))
            .and_then(|()| p.push(Job::Echo(7), |_| Err(())))
            .is_err();
        let finished = p.finish(|_| Err(()));
        assert!(failed || finished.is_err());
    }

    #[test]
    fn a_large_result_waits_until_every_earlier_one_was_taken() {
        let waiting = Arc::new(Waiting::default());
        for _ in 0..3 {
            waiting.admit(false).unwrap(); // small ones queue at once
        }
        let log = Arc::new(Mutex::new(Vec::new()));
        let worker = {
            let (waiting, log) = (Arc::clone(&waiting), Arc::clone(&log));
            std::thread::spawn(move || {
                waiting.admit(true).unwrap();
                log.lock().unwrap().push("large admitted".to_string());
            })
        };
        for i in 1..=3 {
            log.lock().unwrap().push(format!("taken {i}"));
            waiting.taken();
        }
        worker.join().unwrap();
        let log = log.lock().unwrap().clone();
        assert_eq!(log, ["taken 1", "taken 2", "taken 3", "large admitted"]);
        // With nothing waiting, a large one is admitted at once.
        waiting.taken();
        waiting.admit(true).unwrap();
    }

    #[test]
    fn a_worker_waiting_with_a_large_result_stops_when_the_caller_is_gone() {
        let waiting = Arc::new(Waiting::default());
        waiting.admit(false).unwrap();
        let worker = {
            let waiting = Arc::clone(&waiting);
            std::thread::spawn(move || waiting.admit(true))
        };
        waiting.close();
        assert_eq!(worker.join().unwrap(), Err(()));
        assert_eq!(waiting.admit(false), Err(()));
    }
}
