//! The `keel.plan/1` JSON writer: the serde form of [`Plan`], pretty-printed.
//!
//! The field names are the contract other tools rely on; they come from keel-core's types,
//! so this writer adds nothing but formatting.

use keel_core::plan::Plan;
use std::io::{self, Write};

/// Writes the plan as pretty-printed `keel.plan/1` JSON followed by a newline.
pub fn write_plan_json(plan: &Plan, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, plan).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
