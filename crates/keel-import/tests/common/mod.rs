//! Locating the shared test data.

use std::path::{Path, PathBuf};

/// `../shared/data/activity-files` beside the repository (the documented layout: the path
/// from CARGO_MANIFEST_DIR is `../../../shared/...`); when the repository is a worktree
/// nested deeper, the nearest ancestor holding `shared/data/activity-files`.
pub fn shared_activity_files() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented = manifest.join("../../../shared/data/activity-files");
    if documented.is_dir() {
        return Some(documented);
    }
    manifest
        .ancestors()
        .map(|a| a.join("shared/data/activity-files"))
        .find(|p| p.is_dir())
}
