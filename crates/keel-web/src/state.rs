//! Shared server state: the configuration, the database connections, the clock, the
//! upload permits and the caches of derived results.
//!
//! Connections: a small pool of read connections (at most [`READERS`], opened on demand
//! and kept) and one write connection, each used on a blocking thread by one request at a
//! time. SQLite in WAL mode lets the readers run while the writer writes; writes are short
//! (uploads are parsed before the writer is taken, on their own connection). Memory stays
//! bounded: a few connections with their page and statement caches, never one per request,
//! and at most `max_imports` uploads at once.
//!
//! Caches ([`crate::cache`]) are keyed by the store's data version, which every write
//! bumps (also a `keel import` in another process), so a cached plan, adaptation, load
//! series or page is never served after the data it came from changed.

use std::sync::{Arc, Mutex};

use jiff::tz::TimeZone;
use keel_app::clock::{Clock, Local};
use keel_app::plan::ProfileSource;
use keel_store::{SqliteStore, Store};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::cache::Caches;
use crate::error::{AppError, WebError};
use crate::Config;

/// Read connections kept open: enough to keep both cores busy with blocking reads while
/// one waits on the disk, few enough that their caches stay small.
pub const READERS: usize = 4;

struct Inner {
    config: Config,
    /// The system's time zone, read once at start.
    system_tz: TimeZone,
    readers: Mutex<Vec<SqliteStore>>,
    reader_slots: Semaphore,
    writer: Mutex<Option<SqliteStore>>,
    imports: Arc<Semaphore>,
    caches: Caches,
}

/// Cheap to clone; handed to every handler.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

impl AppState {
    /// Opens the database once (creating and migrating it) so that a broken database
    /// fails at start-up rather than on the first request; that connection becomes the
    /// writer.
    pub fn new(config: Config) -> Result<AppState, WebError> {
        let writer = SqliteStore::open(&config.db_path)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                system_tz: keel_app::tz::system(),
                readers: Mutex::new(Vec::with_capacity(READERS)),
                reader_slots: Semaphore::new(READERS),
                writer: Mutex::new(Some(writer)),
                imports: Arc::new(Semaphore::new(config.max_imports.max(1))),
                caches: Caches::default(),
                config,
            }),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The access token, when one is required.
    pub fn token(&self) -> Option<&str> {
        self.inner.config.token.as_deref()
    }

    /// The system's time zone, read once at start (profiles may name their own).
    pub fn system_tz(&self) -> &TimeZone {
        &self.inner.system_tz
    }

    /// The caches of derived results and rendered pages.
    pub(crate) fn caches(&self) -> &Caches {
        &self.inner.caches
    }

    /// The clock: the one place the server reads the time (or the configured fixed day),
    /// with the system's time zone.
    pub fn clock(&self) -> Clock {
        let system = self.inner.system_tz.clone();
        match self.inner.config.today {
            Some(d) => Clock::fixed(d, system),
            None => Clock::new(jiff::Timestamp::now(), system),
        }
    }

    /// Where the plan comes from: the `--profile` file, else the stored profile.
    pub fn source(&self) -> ProfileSource {
        match self.inner.config.profile.clone() {
            Some((name, text)) => ProfileSource::File { name, text },
            None => ProfileSource::Stored,
        }
    }

    /// Today and now where the runner lives, read on `store` at data version `version`:
    /// in the profile in force's time zone, else the system's (keel-app's one rule). The
    /// zone is kept per data version (a stored profile is data), the clock read each time.
    pub fn local_on(&self, store: &SqliteStore, version: u64) -> Result<Local, AppError> {
        let clock = self.clock();
        if let Some(tz) = self.caches().tz.get(&version) {
            return Ok(clock.local((*tz).clone()));
        }
        let local = keel_app::clock::local_for(Some(store), &self.source(), &clock)?;
        self.caches().tz.put(version, Arc::new(local.tz.clone()));
        Ok(local)
    }

    /// [`AppState::local_on`] on a pooled read connection.
    pub async fn local(&self) -> Result<Local, AppError> {
        let st = self.clone();
        self.read(move |s, v| st.local_on(s, v)).await
    }

    /// A permit to import an upload, when fewer than `max_imports` are running; `None`
    /// when the server is busy (the caller answers 503 with Retry-After).
    pub fn try_import(&self) -> Option<OwnedSemaphorePermit> {
        self.inner.imports.clone().try_acquire_owned().ok()
    }

    /// Runs `f` on a pooled read connection on a blocking thread. `f` gets the store's
    /// data version, read before anything else, for keying what it computes.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore, u64) -> Result<T, AppError> + Send + 'static,
    {
        let _slot = self
            .inner
            .reader_slots
            .acquire()
            .await
            .map_err(|e| AppError::internal("database pool", e))?;
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = inner.readers.lock().ok().and_then(|mut v| v.pop());
            let store = match pooled {
                Some(s) => s,
                None => SqliteStore::open(&inner.config.db_path)?,
            };
            let out = store
                .data_version()
                .map_err(AppError::from)
                .and_then(|v| f(&store, v));
            if let Ok(mut v) = inner.readers.lock() {
                v.push(store);
            }
            out
        })
        .await
        .map_err(|e| AppError::internal("database task", e))?
    }

    /// Runs `f` with the write connection on a blocking thread (one writer at a time).
    /// Every write through it bumps the store's data version, so no cache outlives it.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteStore) -> Result<T, AppError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = inner
                .writer
                .lock()
                .map_err(|_| AppError::internal("database writer", "poisoned lock"))?;
            if guard.is_none() {
                *guard = Some(SqliteStore::open(&inner.config.db_path)?);
            }
            let store = guard
                .as_mut()
                .ok_or_else(|| AppError::internal("database writer", "not open"))?;
            let out = f(store);
            if out.is_err() {
                // A failed write may leave the connection in a bad state (a full disk, a
                // lost file): open a fresh one next time.
                *guard = None;
            }
            out
        })
        .await
        .map_err(|e| AppError::internal("database task", e))?
    }
}
