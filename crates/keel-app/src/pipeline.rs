//! The import pipeline on two cores: while the caller stores one file (SQLite, on its own
//! thread), a worker reads, hashes and decodes the next ones.
//!
//! The caller opens files and archives (after checking that they are regular files) and
//! queues them with [`Preparer::push`]. The worker runs the import stages of
//! [`crate::import`] on each: [`load`] (streaming: hashed once while read, one gunzip, the
//! head check that refuses bombs from their first kilobytes, the cap counted in bytes
//! read), then skips a file the log already holds before decoding it (checked on its own
//! read connection; the writer's transaction checks again, so a file queued twice in one
//! batch is still stored once), then [`prepare`]. An archive is walked by the worker with
//! [`walk_zip`] (every entry, repeated names included), one entry at a time. The caller gets
//! the results in queue order and stores them with [`crate::import::commit`].
//!
//! Memory stays flat however large the batch: at most [`DEPTH`] jobs wait for the worker
//! and at most [`DEPTH`] results wait for the caller, besides the one file each thread
//! holds.

use std::io::{BufReader, Read};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::thread::JoinHandle;

use keel_import::{SkippedRow, StravaActivityRow, ZipReader};
use keel_store::Store;

use crate::import::{load, prepare, walk_zip, Incoming, Prepared, ZipItem};

/// Jobs queued for the worker, and results queued for the caller, at most.
pub const DEPTH: usize = 2;

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

/// The worker thread and its queues.
pub struct Preparer<T> {
    jobs: Option<SyncSender<Job<T>>>,
    done: Receiver<Done<T>>,
    worker: Option<JoinHandle<()>>,
}

impl<T: Send + 'static> Preparer<T> {
    /// Starts the worker with its own read connection and the exercise aliases.
    pub fn spawn<S: Store + Send + 'static>(
        reader: S,
        aliases: Vec<(String, String)>,
    ) -> Preparer<T> {
        let (jobs, rx) = mpsc::sync_channel::<Job<T>>(DEPTH);
        let (tx, done) = mpsc::sync_channel::<Done<T>>(DEPTH);
        let worker = std::thread::spawn(move || {
            for job in rx {
                // The caller stopped listening (a full disk): stop.
                if work(job, &reader, &aliases, &tx).is_err() {
                    break;
                }
            }
        });
        Preparer {
            jobs: Some(jobs),
            done,
            worker: Some(worker),
        }
    }

    /// Queues a job. Results finished meanwhile go to `on` first, and while the queue is
    /// full `on` gets results as they come (so storing keeps pace with the worker). An
    /// error from `on` is returned at once.
    pub fn push<E>(
        &mut self,
        mut job: Job<T>,
        mut on: impl FnMut(Done<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        loop {
            while let Ok(d) = self.done.try_recv() {
                on(d)?;
            }
            let Some(jobs) = &self.jobs else {
                return Ok(());
            };
            match jobs.try_send(job) {
                Ok(()) => return Ok(()),
                Err(TrySendError::Full(j)) => {
                    job = j;
                    // The worker is busy with queued jobs, each of which gives a result.
                    match self.done.recv() {
                        Ok(d) => on(d)?,
                        Err(_) => return Ok(()), // the worker is gone: `finish` says why
                    }
                }
                Err(TrySendError::Disconnected(_)) => return Ok(()),
            }
        }
    }

    /// Waits for every queued job, handing each result to `on`. A worker that panicked
    /// panics here, so no result is lost without a word.
    pub fn finish<E>(mut self, mut on: impl FnMut(Done<T>) -> Result<(), E>) -> Result<(), E> {
        self.jobs = None;
        while let Ok(d) = self.done.recv() {
            on(d)?;
        }
        if let Some(w) = self.worker.take() {
            if let Err(panic) = w.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Ok(())
    }
}

impl<T> Drop for Preparer<T> {
    fn drop(&mut self) {
        // Stopping early (a full disk): the worker ends when its queue closes or its next
        // result finds no one listening.
        self.jobs = None;
        if let Some(w) = self.worker.take() {
            drop(std::mem::replace(&mut self.done, mpsc::channel().1));
            let _ = w.join();
        }
    }
}

/// Runs one job; `Err` when the caller no longer listens.
fn work<T, S: Store>(
    job: Job<T>,
    reader: &S,
    aliases: &[(String, String)],
    tx: &SyncSender<Done<T>>,
) -> Result<(), ()> {
    let send = |d: Done<T>| tx.send(d).map_err(|_| ());
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
            send(ready(reader, item, aliases))
        }
        Job::Zip { display, mut zip } => {
            let yielded = walk_zip(&display, &mut zip, |item| match item {
                ZipItem::Index {
                    display,
                    rows,
                    skipped,
                } => send(Done::Index {
                    display,
                    rows,
                    skipped,
                }),
                ZipItem::Unreadable { display, reason } => {
                    send(Done::Unreadable { display, reason })
                }
                ZipItem::File(item) => send(ready(reader, item, aliases)),
            })?;
            send(Done::ZipEnd {
                display,
                entries: zip.len() as u64,
                yielded,
                skipped: zip.skipped(),
            })
        }
    }
}

/// A loaded file: known already (not decoded), else prepared.
fn ready<T>(reader: &impl Store, item: Incoming<'_>, aliases: &[(String, String)]) -> Done<T> {
    let (display, size) = (item.display.clone(), item.loaded.size);
    let ready = if matches!(reader.file_by_hash(&item.loaded.content_hash), Ok(Some(_))) {
        Ready::Known
    } else {
        Ready::Prepared(prepare(item, aliases))
    };
    Done::File {
        display,
        size,
        ready,
    }
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

    #[test]
    fn results_come_back_in_order_with_known_files_skipped() {
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
        let mut p = Preparer::spawn(SqliteStore::open(&path).unwrap(), Vec::new());
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

    #[test]
    fn a_slow_caller_holds_back_the_worker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        SqliteStore::open(&path).unwrap();
        let mut p = Preparer::spawn(SqliteStore::open(&path).unwrap(), Vec::new());
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
            assert!(now <= 2 * DEPTH + 1, "{now} results at once");
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
        let mut p = Preparer::spawn(SqliteStore::open(&path).unwrap(), Vec::new());
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
}
