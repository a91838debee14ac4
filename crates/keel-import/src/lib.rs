//! keel-import
