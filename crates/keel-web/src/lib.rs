//! keel-web
