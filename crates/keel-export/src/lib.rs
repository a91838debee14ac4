//! keel-export: writers that turn a keel plan into files people use elsewhere
//! (iCalendar, Markdown, JSON), each writing to an `impl Write`.
//!
//! Writers take values and a writer: they never open files, read the clock or touch the
//! database. Anything stateful (such as iCalendar SEQUENCE numbers) comes in as a value
//! and goes back out as a value for the caller to keep.

pub mod ics;
