//! `runner-choice`: what the runner changes stands. A swapped exercise stays swapped from its
//! date on, a moved session stays on its new day (the hard rules checked there first, the
//! week's other sessions shifted around it), a skipped session is not made up by doubling
//! another, and adaptation never moves a session the runner moved.

/// The rule id.
pub const ID: &str = "runner-choice";
