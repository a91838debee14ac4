//! Shared server state: the configuration, the database connections, the server's time
//! zone and the caches of derived results.
//!
//! Connections: a small pool of read connections (at most [`READERS`], opened on demand
//! and kept) and one write connection, each used on a blocking thread by one request at a
//! time. SQLite in WAL mode lets the readers run while the writer writes; writes are short
//! (uploads are parsed before the writer is taken). Memory stays bounded: a few
//! connections with their page and statement caches, never one per request.
//!
//! Caches ([`crate::cache`]) are keyed by the store's data version, which every write
//! bumps (also a `keel import` in another process), so a cached plan, adaptation, load
//! series or page is never served after the data it came from changed.

use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use keel_store::{SqliteStore, Store};
use tokio::sync::Semaphore;

use crate::cache::Caches;
use crate::error::{AppError, WebError};
use crate::Config;

/// Read connections kept open: enough to keep both cores busy with blocking reads while
/// one waits on the disk, few enough that their caches stay small.
pub const READERS: usize = 4;

struct Inner {
    config: Config,
    tz: TimeZone,
    readers: Mutex<Vec<SqliteStore>>,
    reader_slots: Semaphore,
    writer: Mutex<Option<SqliteStore>>,
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
                config,
                tz: TimeZone::system(),
                readers: Mutex::new(Vec::with_capacity(READERS)),
                reader_slots: Semaphore::new(READERS),
                writer: Mutex::new(Some(writer)),
                caches: Caches::default(),
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

    /// The server's time zone, resolved once at start.
    pub fn tz(&self) -> &TimeZone {
        &self.inner.tz
    }

    /// The caches of derived results and rendered pages.
    pub(crate) fn caches(&self) -> &Caches {
        &self.inner.caches
    }

    /// Today in the server's time zone (or the configured fixed date).
    pub fn today(&self) -> Date {
        self.inner.today_fixed().unwrap_or_else(|| {
            jiff::Timestamp::now()
                .to_zoned(self.inner.tz.clone())
                .date()
        })
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

impl Inner {
    fn today_fixed(&self) -> Option<Date> {
        self.config.today
    }
}
