//! The one anchor rule of `keel_app::plan`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::date;
use jiff::tz::TimeZone;
use keel_app::plan::{load_profile, plan_in_force, ProfileSource};
use keel_store::{SqliteStore, Store};

fn fitness() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/fitness.toml");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_file_starts_the_monday_after_today_the_stored_profile_after_the_day_it_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("keel.db")).unwrap();
    let tz = TimeZone::UTC;
    let file = ProfileSource::File {
        name: "fitness.toml".into(),
        text: fitness(),
    };
    // Wednesday 2030-03-06: a file's season starts Monday 2030-03-11.
    let today = date(2030, 3, 6);
    let p = plan_in_force(Some(&store), &file, today, today, None, &tz).unwrap();
    assert_eq!(p.base.weeks[0].start, date(2030, 3, 11));
    assert!(!p.stored());
    // A Monday is not "after" itself.
    let p = plan_in_force(Some(&store), &file, date(2030, 3, 11), today, None, &tz).unwrap();
    assert_eq!(p.base.weeks[0].start, date(2030, 3, 18));

    assert!(matches!(
        load_profile(Some(&store), &ProfileSource::Stored, today, &tz),
        Err(keel_app::AppError::NoProfile)
    ));
    store.set_profile("fitness.toml", &fitness()).unwrap();
    let stored_on = store
        .latest_profile()
        .unwrap()
        .unwrap()
        .set_at
        .to_zoned(tz.clone())
        .date();
    let first = plan_in_force(
        Some(&store),
        &ProfileSource::Stored,
        today,
        today,
        None,
        &tz,
    )
    .unwrap();
    assert!(first.stored());
    assert_eq!(first.profile.anchor, stored_on);
    // Whatever day it is asked on, the stored profile's season stays put.
    let later = plan_in_force(
        Some(&store),
        &ProfileSource::Stored,
        date(2031, 1, 1),
        date(2031, 1, 1),
        None,
        &tz,
    )
    .unwrap();
    assert_eq!(later.base.weeks[0].start, first.base.weeks[0].start);
    assert_eq!(
        first.base.weeks[0].start,
        keel_core::planner::next_monday(stored_on)
    );
}

#[test]
fn a_broken_stored_profile_says_to_store_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("keel.db")).unwrap();
    store
        .set_profile("broken.toml", "[athlete]\nname = 3\n")
        .unwrap();
    let e = load_profile(
        Some(&store),
        &ProfileSource::Stored,
        date(2030, 1, 1),
        &TimeZone::UTC,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("keel profile set") && e.contains("broken.toml"),
        "{e}"
    );
}
