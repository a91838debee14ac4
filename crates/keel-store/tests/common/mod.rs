//! The same store tests on both backends: each test body takes a [`Backend`], and
//! `on_both_backends!` makes a SQLite test and a PostgreSQL test of it (the PostgreSQL one
//! on its own fresh schema, so tests run in parallel; skipped without
//! `KEEL_TEST_DATABASE_URL`, failing under `CI=true`).

#![allow(dead_code)]

use keel_store::testing::{self, TestDb};
use keel_store::{PgAthleteStore, PgDatabase, SqliteStore, Store};

/// A store under test and a way to count raw rows behind it.
#[allow(clippy::large_enum_variant)] // one per test, never moved around
pub enum Backend {
    /// An in-memory SQLite database.
    Sqlite(SqliteStore),
    /// One athlete of a fresh PostgreSQL schema (fields drop in order: store, database,
    /// then the schema).
    Pg(PgAthleteStore, PgDatabase, TestDb),
}

impl Backend {
    pub fn sqlite() -> Backend {
        Backend::Sqlite(SqliteStore::open_in_memory().expect("in-memory SQLite"))
    }

    pub fn postgres(test: &str) -> Option<Backend> {
        let t = testing::fresh(test)?;
        let db = t.connect();
        let a = TestDb::athlete(&db, "Test athlete");
        let s = db.athlete(a).expect("athlete handle");
        Some(Backend::Pg(s, db, t))
    }

    /// The store.
    pub fn store(&mut self) -> &mut dyn Store {
        match self {
            Backend::Sqlite(s) => s,
            Backend::Pg(s, ..) => s,
        }
    }

    /// Rows in `table` (every athlete's, on PostgreSQL's fresh schema: only this test's).
    pub fn rows(&self, table: &str) -> i64 {
        let sql = format!("SELECT count(*) FROM {table}");
        match self {
            Backend::Sqlite(s) => s
                .connection()
                .query_row(&sql, [], |r| r.get(0))
                .expect("count"),
            Backend::Pg(_, _, t) => {
                let mut c = postgres::Client::connect(t.url(), postgres::NoTls).expect("client");
                c.query_one(&sql, &[]).expect("count").get(0)
            }
        }
    }
}

/// Makes `mod sqlite` and `mod postgres`, each with a `#[test]` per named body.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let mut t = $crate::common::Backend::sqlite();
                    super::$name(&mut t);
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(mut t) = $crate::common::Backend::postgres(stringify!($name)) {
                        super::$name(&mut t);
                    }
                }
            )*
        }
    };
}
