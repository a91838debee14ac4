//! `keel plan --format json`'s document kept in the store: read back on the same day while
//! nothing was written, and planned again on another day, after any write, for other
//! options, or when an older build kept it; a profile file is never kept.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, Date};
use jiff::tz::TimeZone;
use keel_app::plan::{plan_in_force, season_json, ProfileSource};
use keel_core::activity::CheckIn;
use keel_store::{SqliteStore, Store};

const TODAY: Date = date(2027, 2, 10);
const PROFILE: &str = include_str!("../../../examples/half-marathon.toml");

fn store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(dir.path().join("keel.db")).unwrap();
    s.set_profile("half-marathon.toml", PROFILE).unwrap();
    (dir, s)
}

/// The document planned from scratch, never kept: the reference.
fn fresh(s: &SqliteStore, today: Date, weeks: Option<u32>, tz: &TimeZone) -> Vec<u8> {
    let planned = plan_in_force(Some(s), &ProfileSource::Stored, today, today, weeks, tz).unwrap();
    let mut out = Vec::new();
    keel_export::json::write_plan_json(&planned.plan, &mut out).unwrap();
    out
}

fn json(s: &SqliteStore, today: Date, weeks: Option<u32>, tz: &TimeZone) -> Vec<u8> {
    season_json(Some(s), &ProfileSource::Stored, today, weeks, tz).unwrap()
}

/// Replaces the kept document's body (after its key) with `{"forged": true}`, at the version
/// it was kept at: a run that reads it back shows it.
fn forge(s: &SqliteStore) {
    let (version, body) = s.kept("plan-json").unwrap().expect("a kept document");
    let at = body.iter().position(|&b| b == b'{').unwrap();
    let mut forged = body[..at].to_vec();
    forged.extend_from_slice(b"{\"forged\": true}\n");
    s.keep("plan-json", version, &forged).unwrap();
}

const FORGED: &[u8] = b"{\"forged\": true}\n";

fn sore(day: Date) -> CheckIn {
    CheckIn {
        sleep_h: Some(4.5),
        sleep_quality: Some(5),
        fatigue: Some(5),
        soreness_legs: Some(5),
        ..CheckIn::empty(day)
    }
}

#[test]
fn the_document_is_read_back_until_the_day_the_log_or_the_options_change() {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let (_dir, mut s) = store();
    let reference = fresh(&s, TODAY, None, &tz);
    assert!(reference.starts_with(b"{\n  \"schema\": \"keel.plan/1\""));

    // Planned, kept, the same bytes; then read back (a forged body shows).
    assert_eq!(s.kept("plan-json").unwrap(), None);
    assert_eq!(json(&s, TODAY, None, &tz), reference);
    assert!(s.kept("plan-json").unwrap().is_some());
    assert_eq!(json(&s, TODAY, None, &tz), reference);
    forge(&s);
    assert_eq!(json(&s, TODAY, None, &tz), FORGED);

    // Another day, another time zone, fewer weeks: planned again.
    let tomorrow = date(2027, 2, 11);
    assert_eq!(
        json(&s, tomorrow, None, &tz),
        fresh(&s, tomorrow, None, &tz)
    );
    forge(&s);
    let utc = TimeZone::get("UTC").unwrap();
    assert_eq!(
        json(&s, tomorrow, None, &utc),
        fresh(&s, tomorrow, None, &utc)
    );
    forge(&s);
    assert_eq!(
        json(&s, tomorrow, Some(8), &utc),
        fresh(&s, tomorrow, Some(8), &utc)
    );

    // A write (a bad night and sore legs today) changes today's plan: planned again.
    forge(&s);
    s.put_checkin(&sore(TODAY)).unwrap();
    let adapted = fresh(&s, TODAY, None, &tz);
    assert_ne!(adapted, reference, "the check-in adapts today's session");
    assert_eq!(json(&s, TODAY, None, &tz), adapted);
}

#[test]
fn a_document_kept_by_another_build_is_not_read_back() {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let (_dir, s) = store();
    let reference = json(&s, TODAY, None, &tz);
    let (version, body) = s.kept("plan-json").unwrap().unwrap();
    let own = format!("keel {}|", env!("CARGO_PKG_VERSION"));
    assert!(body.starts_with(own.as_bytes()), "keyed by the build");
    let mut older = b"keel 0.0.1|".to_vec();
    older.extend_from_slice(&body[own.len()..]);
    let at = older.iter().position(|&b| b == b'{').unwrap();
    older.truncate(at);
    older.extend_from_slice(FORGED);
    s.keep("plan-json", version, &older).unwrap();
    assert_eq!(json(&s, TODAY, None, &tz), reference);
}

#[test]
fn a_profile_file_is_planned_each_time_and_not_kept() {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let (_dir, s) = store();
    let file = ProfileSource::File {
        name: "half-marathon.toml".into(),
        text: PROFILE.into(),
    };
    let a = season_json(Some(&s), &file, date(2026, 12, 20), None, &tz).unwrap();
    assert!(a.starts_with(b"{\n  \"schema\": \"keel.plan/1\""));
    assert_eq!(s.kept("plan-json").unwrap(), None);
}
