//! The import pipeline on two cores: while the caller stores one file (SQLite, on its own
//! thread), a worker hashes and decodes the next ones.
//!
//! The caller reads files and queues them with [`Preparer::push`]; the worker hashes each
//! once, skips the ones the log already holds (checked on its own read connection; the
//! writer's transaction checks again, so a file queued twice in one batch is still stored
//! once), and decodes the rest with [`crate::import::prepare_hashed`]. Results come back in
//! queue order. At most [`DEPTH`] files are in flight, so memory stays flat however large
//! the batch.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

use keel_import::StravaActivityRow;
use keel_store::Store;

use crate::import::{prepare_hashed, Incoming, Prepared};

/// Files queued or being decoded at once, beyond the one being stored.
pub const DEPTH: usize = 2;

/// One file to import, owned so it can cross to the worker.
#[derive(Debug)]
pub struct Job {
    /// What messages show (see [`Incoming::display`]).
    pub display: String,
    /// The file name, for format detection.
    pub name: String,
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// Named by the user (see [`Incoming::explicit`]).
    pub explicit: bool,
    /// The Strava `activities.csv` row naming this file, and its path in the export.
    pub strava: Option<(StravaActivityRow, String)>,
}

impl Job {
    /// The owned form of an [`Incoming`] file.
    pub fn of(item: Incoming<'_>) -> Job {
        Job {
            display: item.display,
            name: item.name,
            bytes: item.bytes,
            explicit: item.explicit,
            strava: item.strava.map(|(row, path)| (row.clone(), path)),
        }
    }
}

/// What the worker made of a file.
#[derive(Debug)]
pub enum Ready {
    /// The same bytes are in the log already: not decoded.
    Known,
    /// Decoded, for [`crate::import::commit`].
    Prepared(Prepared),
}

/// A finished file: its display name and what the worker made of it.
pub type Done = (String, Ready);

/// The worker thread and its queues.
pub struct Preparer {
    jobs: Option<SyncSender<Job>>,
    done: Receiver<Done>,
    worker: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Preparer {
    /// Starts the worker with its own read connection and the exercise aliases.
    pub fn spawn<S: Store + Send + 'static>(reader: S, aliases: Vec<(String, String)>) -> Preparer {
        let (jobs, rx) = mpsc::sync_channel::<Job>(DEPTH);
        let (tx, done) = mpsc::channel::<Done>();
        let worker = std::thread::spawn(move || {
            for job in rx {
                let hash = keel_store::content_hash(&job.bytes);
                let ready = if matches!(reader.file_by_hash(&hash), Ok(Some(_))) {
                    Ready::Known
                } else {
                    let item = Incoming {
                        display: job.display.clone(),
                        name: job.name,
                        bytes: job.bytes,
                        explicit: job.explicit,
                        strava: job.strava.as_ref().map(|(row, path)| (row, path.clone())),
                    };
                    Ready::Prepared(prepare_hashed(item, &aliases, hash))
                };
                if tx.send((job.display, ready)).is_err() {
                    break;
                }
            }
        });
        Preparer {
            jobs: Some(jobs),
            done,
            worker: Some(worker),
            in_flight: 0,
        }
    }

    /// Queues a file; returns the files finished meanwhile (waiting for the oldest when
    /// [`DEPTH`] files are already in flight).
    pub fn push(&mut self, job: Job) -> Vec<Done> {
        let mut out = Vec::new();
        while self.in_flight > DEPTH {
            match self.done.recv() {
                Ok(d) => {
                    self.in_flight -= 1;
                    out.push(d);
                }
                Err(_) => break,
            }
        }
        if let Some(jobs) = &self.jobs {
            if jobs.send(job).is_ok() {
                self.in_flight += 1;
            }
        }
        while let Ok(d) = self.done.try_recv() {
            self.in_flight -= 1;
            out.push(d);
        }
        out
    }

    /// Waits for every queued file.
    pub fn finish(mut self) -> Vec<Done> {
        self.jobs = None;
        let out: Vec<Done> = self.done.iter().collect();
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
        out
    }
}

impl Drop for Preparer {
    fn drop(&mut self) {
        // Stopping early (a full disk): the worker ends when its queue closes.
        self.jobs = None;
        while self.done.try_recv().is_ok() {}
        if let Some(w) = self.worker.take() {
            // Unblock a worker waiting to hand over a result.
            drop(std::mem::replace(&mut self.done, mpsc::channel().1));
            let _ = w.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keel_store::SqliteStore;

    fn job(name: &str, bytes: &[u8]) -> Job {
        Job {
            display: name.into(),
            name: name.into(),
            bytes: bytes.to_vec(),
            explicit: true,
            strava: None,
        }
    }

    #[test]
    fn results_come_back_in_order_with_known_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        let mut writer = SqliteStore::open(&path).unwrap();
        let csv = b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n2024-11-28 17:36:08,B,35m,Squat (Barbell),1,60.0,5.0,0,0.0,\n";
        // Stored before the batch: the worker skips it without decoding.
        let known = b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n2024-11-29 17:36:08,A,35m,Squat (Barbell),1,60.0,5.0,0,0.0,\n";
        crate::import::import_one(
            &mut writer,
            Incoming {
                display: "known.csv".into(),
                name: "known.csv".into(),
                bytes: known.to_vec(),
                explicit: true,
                strava: None,
            },
            &[],
        )
        .unwrap();
        let mut p = Preparer::spawn(SqliteStore::open(&path).unwrap(), Vec::new());
        let mut done = Vec::new();
        for i in 0..7 {
            let j = match i {
                3 => job("known.csv", known),
                5 => job("junk.fit", b"not a fit file"),
                _ => job(&format!("{i}.csv"), csv),
            };
            done.extend(p.push(j));
            assert!(p.in_flight <= DEPTH + 1);
        }
        done.extend(p.finish());
        let names: Vec<&str> = done.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "0.csv",
                "1.csv",
                "2.csv",
                "known.csv",
                "4.csv",
                "junk.fit",
                "6.csv"
            ]
        );
        assert!(matches!(done[3].1, Ready::Known));
        assert!(matches!(done[5].1, Ready::Prepared(Prepared::Reject(..))));
        // The same new bytes queued several times are all decoded; storing keeps one.
        let mut stored = 0;
        for (_, r) in done {
            if let Ready::Prepared(p) = r {
                if let Ok(crate::import::Outcome::Stored { workouts_added, .. }) =
                    crate::import::commit(&mut writer, p)
                {
                    stored += workouts_added;
                }
            }
        }
        assert_eq!(stored, 1);
    }

    #[test]
    fn dropping_early_stops_the_worker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        SqliteStore::open(&path).unwrap();
        let mut p = Preparer::spawn(SqliteStore::open(&path).unwrap(), Vec::new());
        for i in 0..5 {
            p.push(job(&format!("{i}.fit"), b"x"));
        }
        drop(p); // joins the worker: the test would hang if it did not end
    }
}
