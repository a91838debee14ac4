//! keel-profile
