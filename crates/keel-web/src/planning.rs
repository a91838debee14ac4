//! The profile and plan a request works from: the `--profile` file when given, else the
//! stored profile, planned for today by keel-core.

use jiff::civil::Date;
use keel_core::model::Profile;
use keel_core::plan::Plan;
use keel_store::Store;

use crate::error::AppError;
use crate::state::AppState;

/// The profile in force and its plan for `today`.
pub async fn profile_and_plan(state: &AppState, today: Date) -> Result<(Profile, Plan), AppError> {
    let (source, toml) = match &state.config().profile {
        Some(p) => p.clone(),
        None => {
            state
                .db(|s| {
                    s.latest_profile()?
                        .map(|p| (p.source, p.toml))
                        .ok_or(AppError::NoProfile)
                })
                .await?
        }
    };
    let profile = keel_profile::parse_profile(&source, &toml)
        .map_err(|e| AppError::Profile(e.to_string()))?;
    let plan = plan_for(&profile, today)?;
    Ok((profile, plan))
}

/// Plans the season.
pub fn plan_for(profile: &Profile, today: Date) -> Result<Plan, AppError> {
    keel_core::planner::plan_season(profile, today, None)
        .map_err(|e| AppError::Profile(e.to_string()))
}
