//! The import pipeline against a training log written by an earlier keel: the content
//! hashes it stored (`sha256:<hex>` of each file's bytes as read, before any gunzip) are
//! the ones keel computes now, so nothing is imported twice after an upgrade.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use keel_app::import::{import_one, load, Incoming, Outcome};
use keel_store::{SqliteStore, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/before-sha2")
        .join(name)
}

/// The hashes the earlier keel stored, as written in the fixture database.
const STORED: [(&str, &str); 3] = [
    (
        "run.gpx",
        "sha256:389c80e0094a48e030498a3e29eeafab8ff8f75c85669b8544500bbd721ca313",
    ),
    (
        "strong.csv",
        "sha256:d60581ecbfae28f33cd2acf339af27cd03701533ec9803481102add6c789f07b",
    ),
    (
        "run2.gpx.gz",
        "sha256:52eb2b6c7c163b957db41fd7fd07c6fdbb125b09df7957a90405d6cec8b2cdae",
    ),
];

#[test]
fn hashes_stored_by_an_earlier_keel_still_match() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keel.db");
    std::fs::copy(fixture("keel.db"), &db).unwrap();
    let mut store = SqliteStore::open(&db).unwrap();
    let before = store.counts().unwrap();
    assert_eq!(
        (before.files, before.activities, before.workouts),
        (3, 2, 1)
    );
    for (name, hash) in STORED {
        let stored = store.file_by_hash(hash).unwrap().expect(name);
        assert_eq!(stored.name, name);
        let file = std::fs::File::open(fixture(name)).unwrap();
        let loaded = load(name, file, keel_import::DEFAULT_ENTRY_LIMIT);
        assert_eq!(loaded.content_hash, hash, "{name}: the same hash as before");
        assert_eq!(loaded.size, std::fs::metadata(fixture(name)).unwrap().len());
        let item = Incoming {
            display: name.into(),
            name: name.into(),
            loaded,
            explicit: true,
            strava: None,
        };
        assert_eq!(
            import_one(&mut store, item, &[]).unwrap(),
            Outcome::AlreadyImported,
            "{name}"
        );
    }
    assert_eq!(store.counts().unwrap(), before, "nothing added");
}

#[test]
fn an_endless_source_stops_at_the_limit() {
    let loaded = load("zero.fit", std::io::repeat(0), 1024 * 1024);
    assert!(loaded.plain.is_err());
    assert!(loaded.size <= 1024 * 1024 + 1, "{}", loaded.size);
}
