//! JSON writers: `keel.plan/1` (the serde form of [`Plan`]) and `keel.check/1`, pretty-printed.
//!
//! The field names are the contract other tools rely on; they come from keel-core's types,
//! so this writer adds nothing but formatting.

use keel_core::check::{Violation, CHECK_SCHEMA};
use keel_core::plan::Plan;
use std::io::{self, Write};

/// Writes the plan as pretty-printed `keel.plan/1` JSON followed by a newline.
pub fn write_plan_json(plan: &Plan, mut out: impl Write) -> io::Result<()> {
    crate::pretty::to_writer(&mut out, plan)?;
    out.write_all(b"\n")
}

/// Writes a `keel.check/1` report: `{"schema": "keel.check/1", "violations": [...]}`.
pub fn write_check_json(violations: &[Violation], mut out: impl Write) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        schema: &'static str,
        violations: &'a [Violation],
    }
    let report = Report {
        schema: CHECK_SCHEMA,
        violations,
    };
    crate::pretty::to_writer(&mut out, &report)?;
    out.write_all(b"\n")
}
