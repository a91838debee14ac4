//! Test support for coach mode: a fresh PostgreSQL schema per test, so tests run in
//! parallel against one server without seeing each other's rows.
//!
//! The server is named by `KEEL_TEST_DATABASE_URL` (`.ci/run` starts one and sets it).
//! Without it a test is skipped with a notice, except under `CI=true`, where it fails.

use crate::{Accounts, AthleteId, PgDatabase, PgOptions};
use std::sync::atomic::{AtomicU64, Ordering};

/// The variable naming the test server.
pub const URL_VAR: &str = "KEEL_TEST_DATABASE_URL";

/// A schema of its own in the test server, dropped (with everything in it) when dropped.
#[derive(Debug)]
pub struct TestDb {
    admin: String,
    schema: String,
    url: String,
}

/// A fresh schema, or `None` (after printing SKIPPED) when no test server is configured;
/// under `CI=true` a missing or unreachable server panics instead.
pub fn fresh(test: &str) -> Option<TestDb> {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let admin = match std::env::var(URL_VAR) {
        Ok(u) if !u.trim().is_empty() => u,
        _ => {
            assert!(
                !in_ci,
                "{test}: {URL_VAR} is not set under CI=true (.ci/run starts PostgreSQL and sets it)"
            );
            eprintln!("SKIPPED {test}: set {URL_VAR} to a PostgreSQL server to run it");
            return None;
        }
    };
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let schema = format!(
        "keel_t{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        nanos
    );
    let mut client = match postgres::Client::connect(&admin, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => panic!("{test}: cannot reach the test database {URL_VAR}: {e}"),
    };
    if let Err(e) = client.batch_execute(&format!("CREATE SCHEMA {schema}")) {
        panic!("{test}: cannot create the schema {schema}: {e}");
    }
    let url = with_search_path(&admin, &schema);
    Some(TestDb { admin, schema, url })
}

/// `url` with the connection option that makes `schema` the only schema searched.
pub fn with_search_path(url: &str, schema: &str) -> String {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}options=-c%20search_path%3D{schema}")
    } else {
        format!("{url} options='-c search_path={schema}'")
    }
}

impl TestDb {
    /// A connection string whose tables live in this schema.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema's name.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// A database on this schema (migrated), with a small pool.
    pub fn connect(&self) -> PgDatabase {
        let options = PgOptions {
            pool_size: 4,
            ..PgOptions::default()
        };
        match PgDatabase::connect_with(&self.url, &options) {
            Ok(db) => db,
            Err(e) => panic!("connecting to the test schema {}: {e}", self.schema),
        }
    }

    /// A new athlete without a login in `db`.
    pub fn athlete(db: &PgDatabase, name: &str) -> AthleteId {
        match db.create_athlete(name, None, None) {
            Ok(a) => a,
            Err(e) => panic!("creating an athlete: {e}"),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}
