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
//! Caches ([`crate::cache`]) are keyed by the athlete and the store's data version, which
//! every write bumps (also a `keel import` in another process), so a cached plan,
//! adaptation, load series or page is never served after the data it came from changed,
//! nor to another athlete.
//!
//! Coach mode ([`Config::database`]) keeps no connections here: a [`PgDatabase`] pool
//! hands out athlete-scoped handles, and only [`crate::scope`] asks it for one, after
//! authorising the request. Stores are reached only through a [`crate::scope::Scoped`].

use std::sync::{Arc, Mutex};

use jiff::tz::TimeZone;
use keel_app::clock::{Clock, Local};
use keel_app::plan::ProfileSource;
use keel_store::{PgDatabase, SqliteStore, Store};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::backend::LogStore;
use crate::cache::{Caches, DataKey};
use crate::error::{AppError, WebError};
use crate::fresh::Freshness;
use crate::Config;

/// Read connections kept open: enough to keep both cores busy with blocking reads while
/// one waits on the disk, few enough that their caches stay small.
pub const READERS: usize = 4;

struct Inner {
    config: Config,
    /// Coach mode's database, when serving coach mode.
    coach: Option<PgDatabase>,
    /// Coach mode: the replica the dashboard reads from, when one was given.
    replica: Option<PgDatabase>,
    /// The system's time zone, read once at start.
    system_tz: TimeZone,
    readers: Mutex<Vec<SqliteStore>>,
    reader_slots: Semaphore,
    writer: Mutex<Option<SqliteStore>>,
    imports: Arc<Semaphore>,
    caches: Caches,
    /// Coach mode: the write generation and the kept sessions ([`crate::fresh`]).
    fresh: Arc<Freshness>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Closing PostgreSQL connections blocks, which an async thread must not do: the
        // pool goes away on a thread of its own.
        if let Some(db) = self.coach.take() {
            let _ = std::thread::spawn(move || drop(db));
        }
    }
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
        Ok(Self::with(config, Some(writer), None))
    }

    /// Coach mode: connects to (and migrates) the PostgreSQL database; no SQLite file is
    /// opened. Blocking: call it off the async threads.
    pub fn coach(config: Config, url: &str) -> Result<AppState, WebError> {
        let db = PgDatabase::connect(url)?;
        // A replica is read only: connecting checks its schema version and writes nothing
        // when the primary's migrations have reached it.
        let replica = match config.read_database.as_deref() {
            Some(read) => Some(PgDatabase::connect(read)?),
            None => None,
        };
        let mut state = Self::with(config, None, Some(db.clone()));
        if let Some(inner) = Arc::get_mut(&mut state.inner) {
            inner.replica = replica;
        }
        Freshness::listen(&state.inner.fresh, db);
        Ok(state)
    }

    fn with(config: Config, writer: Option<SqliteStore>, coach: Option<PgDatabase>) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                coach,
                replica: None,
                system_tz: keel_app::tz::system(),
                readers: Mutex::new(Vec::with_capacity(READERS)),
                reader_slots: Semaphore::new(READERS),
                writer: Mutex::new(writer),
                imports: Arc::new(Semaphore::new(config.max_imports.max(1))),
                caches: Caches::default(),
                fresh: Arc::default(),
                config,
            }),
        }
    }

    /// Coach mode's database, when serving coach mode.
    pub fn coach_db(&self) -> Option<&PgDatabase> {
        self.inner.coach.as_ref()
    }

    /// Where the coach's dashboard reads: the replica when one was given, else the primary
    /// (`None` outside coach mode).
    pub fn dashboard_db(&self) -> Option<&PgDatabase> {
        self.inner.replica.as_ref().or(self.inner.coach.as_ref())
    }

    /// Runs `f` on coach mode's accounts on a blocking thread; 404 outside coach mode.
    pub async fn accounts<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&PgDatabase) -> Result<T, AppError> + Send + 'static,
    {
        let Some(db) = self.inner.coach.clone() else {
            return Err(AppError::NotFound(
                "This page exists in coach mode only (keel serve --database).".into(),
            ));
        };
        tokio::task::spawn_blocking(move || f(&db))
            .await
            .map_err(|e| AppError::internal("database task", e))?
    }

    /// Coach mode's write generation and kept sessions.
    pub(crate) fn fresh(&self) -> &Freshness {
        &self.inner.fresh
    }

    /// Runs `f`, which writes to coach mode's accounts, like [`AppState::accounts`]; then
    /// kept sessions go and kept pages are checked again (whether or not it succeeded).
    pub async fn accounts_write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&PgDatabase) -> Result<T, AppError> + Send + 'static,
    {
        let out = self.accounts(f).await;
        self.inner.fresh.accounts_changed();
        out
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
    pub fn local_on(&self, store: &LogStore, version: DataKey) -> Result<Local, AppError> {
        let clock = self.clock();
        if let Some(tz) = self.caches().tz.get(&version) {
            return Ok(clock.local((*tz).clone()));
        }
        let local = keel_app::clock::local_for(Some(store), &self.source(), &clock)?;
        self.caches().tz.put(version, Arc::new(local.tz.clone()));
        Ok(local)
    }

    /// A permit to import an upload, when fewer than `max_imports` are running; `None`
    /// when the server is busy (the caller answers 503 with Retry-After).
    pub fn try_import(&self) -> Option<OwnedSemaphorePermit> {
        self.inner.imports.clone().try_acquire_owned().ok()
    }

    /// Runs `f` on a pooled read connection of the single runner's file on a blocking
    /// thread. `f` gets the store's data version, read before anything else.
    pub(crate) async fn read_local<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&LogStore, DataKey) -> Result<T, AppError> + Send + 'static,
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
            let store = LogStore::Sqlite(match pooled {
                Some(s) => s,
                None => SqliteStore::open(&inner.config.db_path)?,
            });
            let out = store
                .data_version()
                .map_err(AppError::from)
                .and_then(|v| f(&store, DataKey::local(v)));
            if let (Ok(mut v), LogStore::Sqlite(s)) = (inner.readers.lock(), store) {
                v.push(s);
            }
            out
        })
        .await
        .map_err(|e| AppError::internal("database task", e))?
    }

    /// Runs `f` with the single runner's write connection on a blocking thread (one
    /// writer at a time). Every write through it bumps the data version.
    pub(crate) async fn db_local<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut LogStore) -> Result<T, AppError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = inner
                .writer
                .lock()
                .map_err(|_| AppError::internal("database writer", "poisoned lock"))?;
            let mut store = LogStore::Sqlite(match guard.take() {
                Some(s) => s,
                None => SqliteStore::open(&inner.config.db_path)?,
            });
            let out = f(&mut store);
            // A failed write may leave the connection in a bad state (a full disk, a
            // lost file): open a fresh one next time.
            if let (true, LogStore::Sqlite(s)) = (out.is_ok(), store) {
                *guard = Some(s);
            }
            out
        })
        .await
        .map_err(|e| AppError::internal("database task", e))?
    }
}
