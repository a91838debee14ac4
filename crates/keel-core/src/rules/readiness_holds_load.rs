//! `readiness-holds-load`: while readiness says caution or back off, no load goes up: the
//! last load is held, and double progression resumes once readiness is back to ready.

/// The rule id.
pub const ID: &str = "readiness-holds-load";
