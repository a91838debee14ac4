//! Shared server state: the configuration and per-request database access.
//!
//! Each request opens its own SQLite connection on a blocking thread (the store sets WAL
//! and a busy timeout), so a slow request never blocks another and no connection is shared
//! across threads. Writes are short: uploads are parsed before a connection is opened.

use std::sync::Arc;

use jiff::civil::Date;
use keel_store::SqliteStore;

use crate::error::{AppError, WebError};
use crate::Config;

/// Cheap to clone; handed to every handler.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Config>,
}

impl AppState {
    /// Opens the database once (creating and migrating it) so that a broken database
    /// fails at start-up rather than on the first request.
    pub fn new(config: Config) -> Result<AppState, WebError> {
        SqliteStore::open(&config.db_path)?;
        Ok(AppState {
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

    /// Today in the server's local time zone (or the configured fixed date).
    pub fn today(&self) -> Date {
        self.inner
            .today
            .unwrap_or_else(|| jiff::Zoned::now().date())
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
