//! keel-export: writers that turn a keel plan into files people and programs read
//! (Markdown, `keel.plan/1` JSON, iCalendar).
//!
//! Writers take a value and an `impl Write`; they never open files, read the clock or touch
//! the store, so the binary and the web server share them.

pub mod json;
pub mod markdown;
