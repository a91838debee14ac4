//! keel-app: the application services the `keel` binary and the web app (keel-web) share,
//! so that both do the same thing with the same inputs.
//!
//! - [`plan`]: the profile in force (a file or the stored one), the one rule that anchors a
//!   season without `[plan].start`, and the plan adapted to the log.
//! - [`adapt`]: reading the log for `keel_core::adapt` and recording the adjustments in force.
//! - [`import`]: the import pipeline (decode with keel-import, attach Strava rows, map
//!   exercise names through the profile's aliases and the library, one transaction a file).
//! - [`today`]: the `keel.today/1` document; [`load`]: the `keel.load/1` document.
//! - [`pipeline`]: the import pipeline on two cores (decode and hash while the previous
//!   file is stored).
//! - [`calendar`]: the iCalendar export with its SEQUENCE bookkeeping in the store.
//!
//! Services take "today", the time zone and an open store as values: this crate never reads
//! the clock, opens files by path, prints, or parses command lines or HTTP. It holds no
//! domain rules (keel-core does) and no file formats (keel-import, keel-export do).

pub mod adapt;
pub mod calendar;
mod error;
pub mod import;
pub mod load;
pub mod pipeline;
pub mod plan;
pub mod today;

pub use error::AppError;
