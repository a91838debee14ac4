//! `derived-runs`: runs keel derives from the usual week (deload, taper, race-week and
//! recovery weeks) keep a useful length and their shape: at least 20 minutes (15 for race-week
//! shake-outs) or their usual length when that is shorter, the long run stays the week's
//! longest, and the week's total falls by the share the phase asks for.

/// The rule id.
pub const ID: &str = "derived-runs";

/// Shortest derived run, minutes.
pub const MIN_MINUTES: u32 = 20;

/// Shortest race-week shake-out, minutes.
pub const MIN_SHAKE_OUT: u32 = 15;
