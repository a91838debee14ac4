//! The profile and plan a request works from: keel-app's plan in force (the `--profile`
//! file when given, else the stored profile, anchored by keel-app's one rule), adapted to
//! the log as `keel today` does, in the profile's time zone.

use jiff::civil::Date;
use keel_app::clock::Local;
use keel_app::plan::{plan_in_force, Planned};

use crate::error::AppError;
use crate::state::AppState;

/// The profile in force, its plan, and the plan adapted for `date` (default: today); the
/// server's today anchors a `--profile` file's season. Also today and the time zone.
pub async fn profile_and_plan(
    state: &AppState,
    date: Option<Date>,
) -> Result<(Planned, Local), AppError> {
    let (source, clock) = (state.source(), state.clock());
    state
        .db(move |s| {
            let local = keel_app::clock::local_for(Some(&*s), &source, &clock)?;
            let date = date.unwrap_or(local.today);
            let planned = plan_in_force(Some(&*s), &source, local.today, date, None, &local.tz)?;
            Ok((planned, local))
        })
        .await
}
