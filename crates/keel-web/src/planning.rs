//! The profile and plan a request works from: keel-app's plan in force (the `--profile`
//! file when given, else the stored profile, anchored by keel-app's one rule), adapted to
//! the log as `keel today` does.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use keel_app::plan::{plan_in_force, Planned, ProfileSource};

use crate::error::AppError;
use crate::state::AppState;

/// The profile in force, its plan, and the plan adapted for `date`; the server's today
/// anchors a `--profile` file's season.
pub async fn profile_and_plan(state: &AppState, date: Date) -> Result<Planned, AppError> {
    let source = match state.config().profile.clone() {
        Some((name, text)) => ProfileSource::File { name, text },
        None => ProfileSource::Stored,
    };
    let today = state.today();
    state
        .db(move |s| {
            Ok(plan_in_force(
                Some(&*s),
                &source,
                today,
                date,
                None,
                &TimeZone::system(),
            )?)
        })
        .await
}
