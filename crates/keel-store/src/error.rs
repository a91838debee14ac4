//! The store's error type. The database's codes for the cases a runner or a host can act on
//! (disk full, read-only, locked or busy, not a database, unreachable) get their own
//! variants and messages, whichever backend raised them.

use crate::samples::SampleError;
use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The database file could not be opened (permissions, missing directory, ...).
    #[error("cannot open the database {path}: {detail}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// SQLite's explanation.
        detail: String,
    },
    /// The file exists but is not a SQLite database, or is damaged.
    #[error("{0} is not a keel database or is damaged")]
    NotADatabase(String),
    /// The database was written by a newer keel: refusing to touch it.
    #[error("the database has schema version {found}, newer than this keel supports ({supported}): upgrade keel")]
    TooNew {
        /// `user_version` found in the file.
        found: i64,
        /// Latest version this build knows.
        supported: i64,
    },
    /// A migration failed; the database is left at the previous version.
    #[error("upgrading the database to schema version {version} failed: {detail}")]
    Migration {
        /// The version being applied.
        version: i64,
        /// What SQLite said.
        detail: String,
    },
    /// The disk is full: the write was rolled back, nothing was half-saved.
    #[error("the disk is full: nothing was saved (free some space and try again)")]
    DiskFull,
    /// The database file or its directory is read-only.
    #[error("the database is read-only: nothing was saved (check the permissions of the data directory)")]
    ReadOnly,
    /// Another program held the database locked for longer than the busy timeout.
    #[error("the database is busy (locked by another keel process): try again")]
    Busy,
    /// The caller passed a value the store cannot keep; `field` names it.
    #[error("invalid {field}: {detail}")]
    Invalid {
        /// Which field or argument.
        field: &'static str,
        /// What was wrong.
        detail: String,
    },
    /// Samples could not be encoded (a NaN or absurd value) or a stored blob is damaged.
    #[error("samples: {0}")]
    Samples(#[from] SampleError),
    /// A stored value could not be read back (written by something else, or damaged).
    #[error("stored {what} is unreadable: {detail}")]
    Decode {
        /// The column or record kind.
        what: &'static str,
        /// Why.
        detail: String,
    },
    /// The database server cannot be reached (down, wrong address, no free connection in
    /// time).
    #[error("cannot reach the database: {0}")]
    Unreachable(String),
    /// Any other error of the database backend, kept as its source.
    #[error("database error: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => StoreError::DiskFull,
            Some(C::ReadOnly) => StoreError::ReadOnly,
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy,
            Some(C::NotADatabase | C::DatabaseCorrupt) => StoreError::NotADatabase(e.to_string()),
            _ => StoreError::Backend(Box::new(e)),
        }
    }
}

/// Shorthand for the store's results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
