//! Storing a profile from a front end: validated first, so a profile that does not parse
//! never becomes the one in force.

use keel_store::Store;

use crate::AppError;

/// Validates `text` (named `name` in messages) and stores it as the latest profile;
/// returns the athlete's name from it.
pub fn set_profile(store: &mut impl Store, name: &str, text: &str) -> Result<String, AppError> {
    let profile = keel_profile::parse_profile(name, text).map_err(AppError::Profile)?;
    store.set_profile(name, text)?;
    Ok(profile.athlete.name)
}
