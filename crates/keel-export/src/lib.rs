//! keel-export
