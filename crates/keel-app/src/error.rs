//! The errors of the application services.

use keel_core::planner::PlanError;
use keel_profile::ProfileError;
use keel_store::StoreError;

/// Why a service could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No profile file was given and none is stored.
    #[error("no profile stored: run `keel profile set FILE` first (or pass a profile file)")]
    NoProfile,
    /// The profile file does not validate (the error names the file, line and column).
    #[error(transparent)]
    Profile(ProfileError),
    /// The stored profile no longer validates against this keel's rules.
    #[error(
        "the stored profile no longer validates: store it again with `keel profile set FILE`: {0}"
    )]
    StoredProfile(ProfileError),
    /// The profile validates but cannot be planned.
    #[error("cannot plan the season of {source_name}: {error}")]
    Plan {
        /// The profile's file name.
        source_name: String,
        /// The planner's reason.
        error: PlanError,
    },
    /// A local date does not exist as a time in the time zone.
    #[error("the {what} is not a time in this time zone: {error}")]
    Date {
        /// Which date.
        what: &'static str,
        /// jiff's reason.
        error: jiff::Error,
    },
    /// The profile names a time zone this system does not know.
    #[error("the time zone `{name}` is not known on this system: {error}")]
    TimeZone {
        /// The IANA name.
        name: String,
        /// jiff's reason.
        error: jiff::Error,
    },
    /// A swap, move or mark the runner asked for cannot be made.
    #[error(transparent)]
    Edit(#[from] crate::edits::EditError),
    /// Reading or writing the training log failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A document could not be written out.
    #[error("cannot write the {what}: {error}")]
    Write {
        /// Which document.
        what: &'static str,
        /// The reason.
        #[source]
        error: std::io::Error,
    },
}
