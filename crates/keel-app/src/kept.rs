//! Results derived from the log, kept in the store between runs ([`Store::keep`]) so that a
//! command run again on an unchanged log does not compute them again.
//!
//! Invariants:
//! - a kept result is used only at the data version it was computed at (every write moves
//!   it, whoever makes it) and only for the same key, which names everything else the
//!   result depends on (the day, the time zone, the options) and this build's version, so
//!   an upgraded keel never shows what an older one computed;
//! - keeping is best effort: a store that cannot keep it keeps nothing and the result stands;
//! - the data version is read before the result is computed, so a write landing in between
//!   costs a recomputation, never a stale result.

use keel_store::Store;

use crate::AppError;

/// What every key starts with: results of another build are not read back.
pub(crate) const BUILD: &str = concat!("keel ", env!("CARGO_PKG_VERSION"));

/// The bytes kept under `name` for `key` at the store's current data version; else
/// `make`'s, kept for the next run. `key` must not be a prefix of another key used under
/// the same `name` (end it with a separator).
pub fn bytes_or(
    store: &impl Store,
    name: &str,
    key: &str,
    make: impl FnOnce() -> Result<Vec<u8>, AppError>,
) -> Result<Vec<u8>, AppError> {
    let version = store.data_version()?;
    let key = format!("{BUILD}|{key}");
    if let Some((kept_at, mut body)) = store.kept(name)? {
        if kept_at == version && body.starts_with(key.as_bytes()) {
            body.drain(..key.len());
            return Ok(body);
        }
    }
    let made = make()?;
    let mut body = Vec::with_capacity(key.len() + made.len());
    body.extend_from_slice(key.as_bytes());
    body.extend_from_slice(&made);
    // A cache: a store that cannot keep it keeps nothing, and the result stands.
    let _ = store.keep(name, version, &body);
    Ok(made)
}
