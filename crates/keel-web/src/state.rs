//! Shared server state: the configuration and per-request database access.
//!
//! Each request opens its own SQLite connection on a blocking thread (the store sets WAL
//! and a busy timeout), so a slow request never blocks another and no connection is shared
//! across threads. Writes are short: uploads are parsed before a connection is opened.

use std::sync::Arc;

use jiff::tz::TimeZone;
use keel_app::clock::{Clock, Local};
use keel_app::plan::ProfileSource;
use keel_store::SqliteStore;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{AppError, WebError};
use crate::Config;

/// Cheap to clone; handed to every handler.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Config>,
    imports: Arc<Semaphore>,
}

impl AppState {
    /// Opens the database once (creating and migrating it) so that a broken database
    /// fails at start-up rather than on the first request.
    pub fn new(config: Config) -> Result<AppState, WebError> {
        SqliteStore::open(&config.db_path)?;
        Ok(AppState {
            imports: Arc::new(Semaphore::new(config.max_imports.max(1))),
            inner: Arc::new(config),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner
    }

    /// The access token, when one is required.
    pub fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }

    /// The clock: the one place the server reads the time and the system's time zone (or
    /// the configured fixed day).
    pub fn clock(&self) -> Clock {
        match self.inner.today {
            Some(d) => Clock::fixed(d, TimeZone::system()),
            None => Clock::new(jiff::Timestamp::now(), TimeZone::system()),
        }
    }

    /// Where the plan comes from: the `--profile` file, else the stored profile.
    pub fn source(&self) -> ProfileSource {
        match self.inner.profile.clone() {
            Some((name, text)) => ProfileSource::File { name, text },
            None => ProfileSource::Stored,
        }
    }

    /// Today and now where the runner lives: in the profile in force's time zone, else the
    /// system's (keel-app's one rule).
    pub async fn local(&self) -> Result<Local, AppError> {
        let (source, clock) = (self.source(), self.clock());
        self.db(move |s| Ok(keel_app::clock::local_for(Some(&*s), &source, &clock)?))
            .await
    }

    /// A permit to import an upload, when fewer than `max_imports` are running; `None`
    /// when the server is busy (the caller answers 503 with Retry-After).
    pub fn try_import(&self) -> Option<OwnedSemaphorePermit> {
        self.imports.clone().try_acquire_owned().ok()
    }

    /// Runs `f` with a fresh connection on a blocking thread.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteStore) -> Result<T, AppError> + Send + 'static,
    {
        let path = self.inner.db_path.clone();
        tokio::task::spawn_blocking(move || {
            let mut store = SqliteStore::open(&path)?;
            f(&mut store)
        })
        .await
        .map_err(|e| AppError::internal("database task", e))?
    }
}
