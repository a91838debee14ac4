//! The profile and plan a request works from: keel-app's plan in force (the `--profile`
//! file when given, else the stored profile, anchored by keel-app's one rule), adapted to
//! the log as `keel today` does, in the profile's time zone, and cached by data version.

use std::sync::Arc;

use crate::backend::LogStore;
use crate::cache::DataKey;
use crate::scope::Scoped;
use jiff::civil::Date;
use keel_app::clock::Local;
use keel_app::plan::{plan_in_force, Planned};

use crate::cache::Page;
use crate::error::AppError;
use crate::state::AppState;

/// The plan in force adapted for `date`, from the cache when the log has not changed
/// (`version` is the data version read on `store` before anything else; `local` is today
/// and the time zone read on it).
pub fn planned(
    state: &AppState,
    store: &LogStore,
    version: DataKey,
    local: &Local,
    date: Date,
) -> Result<Arc<Planned>, AppError> {
    let key = (version, local.today, date);
    if let Some(hit) = state.caches().planned.get(&key) {
        return Ok(hit);
    }
    let p = Arc::new(plan_in_force(
        Some(store),
        &state.source(),
        local.today,
        date,
        None,
        &local.tz,
    )?);
    state.caches().planned.put(key, p.clone());
    Ok(p)
}

/// A page that is the same for every browser, from the cache when the log has not
/// changed (and it is still the same day where the runner lives), else rendered by
/// `render` on a read connection (and kept).
pub async fn cached_page<F>(scope: &Scoped, route: String, render: F) -> Result<Arc<Page>, AppError>
where
    F: FnOnce(&AppState, &LogStore, DataKey, &Local) -> Result<Page, AppError> + Send + 'static,
{
    let st = scope.state().clone();
    scope
        .read(move |s, v| {
            let local = st.local_on(s, v)?;
            let key = (v, local.today, route);
            if let Some(hit) = st.caches().pages.get(&key) {
                return Ok(hit);
            }
            let page = Arc::new(render(&st, s, v, &local)?);
            st.caches().pages.put(key, page.clone());
            Ok(page)
        })
        .await
}
