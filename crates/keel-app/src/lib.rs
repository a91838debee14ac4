//! keel-app: the application services the `keel` binary and the web app (keel-web) share,
//! so that both do the same thing with the same inputs.
//!
//! - [`plan`]: the profile in force (a file or the stored one), the one rule that anchors a
//!   season without `[plan].start`, and the plan adapted to the log.
//! - [`adapt`]: reading the log for `keel_core::adapt` and recording the adjustments in force.
//! - [`import`]: the import pipeline (decode with keel-import, attach Strava rows, map
//!   exercise names through the profile's aliases and the library, one transaction a file).
//! - [`today`]: the `keel.today/1` document; [`load`]: the `keel.load/1` document.
//! - [`pipeline`]: the import pipeline on two cores (read, hash and decode the next files
//!   while the previous one is stored).
//! - [`calendar`]: the iCalendar export with its SEQUENCE bookkeeping in the store.
//! - [`fit`]: planned strength sessions as FIT workouts for a watch.
//! - [`weeks`]: which weeks `keel plan` shows and `keel export fit` exports (one choice,
//!   the same flags and errors).
//! - [`log`] and [`checkin`]: the one door for writes by hand: runs, lifts and check-ins
//!   are validated and stored here for `keel log`, `keel checkin` and the web forms alike.
//! - [`coach`]: coach mode's jobs over the server's athletes: replanning everyone after a
//!   night's imports, and moving a runner's log to and from an athlete of the server.
//! - [`edits`] and [`marks`]: the runner's own changes to the plan, the same door for
//!   `keel swap`, `keel move`, `keel done`, `keel skip` and the web week page's controls;
//!   compliance (done / due over the last four weeks).
//! - [`clock`]: the time zone in force, today and the accepted dates, from a [`clock::Clock`]
//!   each program reads once; [`tz`]: time zones looked up without scanning the whole
//!   time-zone database; [`text`]: names and snippets made safe to print.
//!
//! Services take "today", the time zone and an open store as values: this crate never reads
//! the clock, opens files by path (the time-zone database's own files aside), prints, or
//! parses command lines or HTTP. It holds no domain rules (keel-core does) and no file
//! formats (keel-import, keel-export do).

pub mod accounts;
pub mod adapt;
pub mod calendar;
pub mod checkin;
pub mod clock;
pub mod coach;
pub mod dashboard;
pub mod edits;
mod error;
pub mod fit;
pub mod import;
pub mod kept;
pub mod load;
pub mod log;
pub mod marks;
pub mod pipeline;
pub mod plan;
pub mod profile;
pub mod text;
pub mod today;
pub mod tz;
pub mod weeks;

pub use error::AppError;
