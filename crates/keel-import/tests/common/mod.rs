//! Locating the shared test data.

use std::path::{Path, PathBuf};

/// `../shared/data/activity-files` beside the repository (the documented layout: the path
/// from CARGO_MANIFEST_DIR is `../../../shared/...`); when the repository is a worktree
/// nested deeper, the nearest ancestor holding `shared/data/activity-files`.
///
/// `None` when it is missing, so a developer without it still runs the other tests (the
/// caller says SKIPPED); under `CI=true` a missing folder fails the test instead.
pub fn shared_activity_files() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented = manifest.join("../../../shared/data/activity-files");
    let found = if documented.is_dir() {
        Some(documented)
    } else {
        manifest
            .ancestors()
            .map(|a| a.join("shared/data/activity-files"))
            .find(|p| p.is_dir())
    };
    if found.is_none() && on_ci() {
        panic!(
            "shared/data/activity-files not found beside the repository; CI must provide it (CI=true)"
        );
    }
    found
}

/// Whether the tests run under CI (`CI=true` or `CI=1`), where nothing may be skipped.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}
