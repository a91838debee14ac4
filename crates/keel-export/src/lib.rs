//! keel-export: writers that turn a keel plan into files people and programs read
//! (Markdown, `keel.plan/1` JSON, iCalendar, FIT workouts for watches), and [`reading`]:
//! what every view of the plan shows, decided once. The `keel.today/1`
//! document, which also reads the log's signals, is built by keel-app.
//!
//! Writers take a value and an `impl Write`; they never open files, read the clock or touch
//! the store, so the binary and the web server share them. Anything stateful (such as
//! iCalendar SEQUENCE numbers) comes in as a value and goes back out as a value for the
//! caller to keep.

pub mod fit;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod pretty;
pub mod reading;
