//! The profile and plan a request works from: keel-app's plan in force (the `--profile`
//! file when given, else the stored profile, anchored by keel-app's one rule), adapted to
//! the log as `keel today` does, and cached by data version.

use std::sync::Arc;

use jiff::civil::Date;
use keel_app::plan::{plan_in_force, Planned, ProfileSource};
use keel_store::SqliteStore;

use crate::cache::Page;
use crate::error::AppError;
use crate::state::AppState;

/// The plan in force adapted for `date`, from the cache when the log has not changed
/// (`version` is the data version read on `store` before anything else).
pub fn planned(
    state: &AppState,
    store: &SqliteStore,
    version: u64,
    date: Date,
) -> Result<Arc<Planned>, AppError> {
    let today = state.today();
    let key = (version, today, date);
    if let Some(hit) = state.caches().planned.get(&key) {
        return Ok(hit);
    }
    let source = match state.config().profile.clone() {
        Some((name, text)) => ProfileSource::File { name, text },
        None => ProfileSource::Stored,
    };
    let p = Arc::new(plan_in_force(
        Some(store),
        &source,
        today,
        date,
        None,
        state.tz(),
    )?);
    state.caches().planned.put(key, p.clone());
    Ok(p)
}

/// The profile in force, its plan, and the plan adapted for `date`.
pub async fn profile_and_plan(state: &AppState, date: Date) -> Result<Arc<Planned>, AppError> {
    let st = state.clone();
    state.read(move |s, v| planned(&st, s, v, date)).await
}

/// A page that is the same for every browser, from the cache when the log has not
/// changed, else rendered by `render` on a read connection (and kept).
pub async fn cached_page<F>(
    state: &AppState,
    route: String,
    render: F,
) -> Result<Arc<Page>, AppError>
where
    F: FnOnce(&AppState, &SqliteStore, u64) -> Result<Page, AppError> + Send + 'static,
{
    let st = state.clone();
    state
        .read(move |s, v| {
            let key = (v, st.today(), route);
            if let Some(hit) = st.caches().pages.get(&key) {
                return Ok(hit);
            }
            let page = Arc::new(render(&st, s, v)?);
            st.caches().pages.put(key, page.clone());
            Ok(page)
        })
        .await
}
