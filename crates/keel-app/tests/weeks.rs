//! The one week choice of `keel plan` and `keel export fit`: every week, the current one,
//! and the flags that make the choice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, Date};
use jiff::tz::TimeZone;
use keel_app::plan::{plan_in_force, ProfileSource};
use keel_app::weeks::{current, holding, select, Weeks};
use keel_core::plan::Plan;
use keel_store::SqliteStore;

fn plan(today: Date) -> Plan {
    let path = format!(
        "{}/../../examples/half-marathon.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = ProfileSource::File {
        name: "half-marathon.toml".into(),
        text: std::fs::read_to_string(path).unwrap(),
    };
    plan_in_force(
        None::<&SqliteStore>,
        &source,
        today,
        today,
        None,
        &TimeZone::UTC,
    )
    .unwrap()
    .plan
    .as_ref()
    .clone()
}

#[test]
fn all_weeks_and_the_current_one() {
    let p = plan(date(2026, 12, 1));
    assert_eq!(select(&p, date(2026, 12, 1), Weeks::All).unwrap().len(), 16);
    // After the season every week can still be chosen, but there is no current one.
    let after = date(2027, 6, 1);
    assert_eq!(select(&p, after, Weeks::All).unwrap().len(), 16);
    assert_eq!(current(&p, after), None);
    assert_eq!(current(&p, date(2026, 12, 1)), Some(0), "before: the first");
    assert_eq!(
        current(&p, date(2027, 1, 17)),
        Some(1),
        "a Sunday: its Monday's week"
    );
    assert_eq!(holding(&p, date(2026, 12, 1)), None);
    assert_eq!(holding(&p, date(2027, 4, 25)), Some(15));
}

#[test]
fn flags_make_the_choice() {
    let d = date(2027, 2, 1);
    assert_eq!(
        Weeks::from_flags(None, None, None, false),
        Weeks::Current { count: 1 }
    );
    assert_eq!(
        Weeks::from_flags(None, None, Some(3), false),
        Weeks::Current { count: 3 }
    );
    assert_eq!(
        Weeks::from_flags(Some(4), None, None, false),
        Weeks::Number(4)
    );
    assert_eq!(
        Weeks::from_flags(None, Some(d), None, false),
        Weeks::From { date: d, count: 1 }
    );
    assert_eq!(
        Weeks::from_flags(None, Some(d), Some(2), false),
        Weeks::From { date: d, count: 2 }
    );
    assert_eq!(Weeks::from_flags(None, None, None, true), Weeks::All);
}
