//! The one ordered list of schema migrations, for both backends.
//!
//! Version `n` is `MIGRATIONS[n - 1]` on SQLite (`PRAGMA user_version`) and on PostgreSQL
//! (the `keel_schema` row) alike, so one number says which step a database has reached,
//! whichever backend holds it. Each backend applies the pending steps when it opens a
//! database and refuses one whose version is newer than [`SCHEMA_VERSION`].
//!
//! Adding a migration: append one entry (never edit or reorder a shipped one) with its SQL
//! for each backend, in `migrations/NNNN_name.sql` (SQLite) and
//! `migrations/postgres/NNNN_name.sql`; use [`Sql::Shared`] when one text suits both. On
//! PostgreSQL every training-log table leads with `athlete_id` (see `0001_initial.sql`); the
//! schema-parity test checks that both backends end with the same tables and columns.

/// The SQL of one step.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sql {
    /// The same text on both backends (the dialects agree).
    #[allow(dead_code)] // for steps whose SQL both dialects accept
    Shared(&'static str),
    /// A text for each backend.
    Each {
        /// SQLite's text.
        sqlite: &'static str,
        /// PostgreSQL's text.
        postgres: &'static str,
    },
    /// Only on the server: coach mode's accounts (a SQLite file is one athlete with no
    /// accounts). SQLite records the version and changes nothing.
    ServerOnly(&'static str),
}

/// Work a step leaves to the program, run after its SQL in the same transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// Nothing.
    Nothing,
    /// Every stored workout's set tally computed from its sets (as
    /// [`keel_core::load::SetTally::of`] counts them: a sum SQL cannot reproduce to the bit).
    TallyWorkouts,
}

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Migration {
    /// A short name, for error messages.
    pub name: &'static str,
    /// Its SQL.
    pub sql: Sql,
    /// What the program does after the SQL.
    pub after: After,
    /// On SQLite, a query whose count is above 0 when the step's schema is there already:
    /// builds before the server's accounts step numbered the SQLite-only steps one lower
    /// (plan edits 4, set tally 5), so a file they made may hold a step under an older
    /// number. Such a step is skipped (its [`After`] still runs).
    pub sqlite_present: Option<&'static str>,
}

impl Migration {
    /// The text SQLite runs (empty for a server-only step).
    pub fn sqlite(&self) -> &'static str {
        match self.sql {
            Sql::Shared(s) | Sql::Each { sqlite: s, .. } => s,
            Sql::ServerOnly(_) => "",
        }
    }

    /// The text PostgreSQL runs.
    pub fn postgres(&self) -> &'static str {
        match self.sql {
            Sql::Shared(s) | Sql::Each { postgres: s, .. } | Sql::ServerOnly(s) => s,
        }
    }
}

/// Ordered migrations: version n is `MIGRATIONS[n - 1]`. Append only.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "initial",
        after: After::Nothing,
        sqlite_present: None,
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0001_initial.sql"),
            postgres: include_str!("../migrations/postgres/0001_initial.sql"),
        },
    },
    Migration {
        name: "calendar sequences",
        after: After::Nothing,
        sqlite_present: None,
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0002_calendar_sequences.sql"),
            postgres: include_str!("../migrations/postgres/0002_calendar_sequences.sql"),
        },
    },
    Migration {
        name: "data version",
        after: After::Nothing,
        sqlite_present: None,
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0003_data_version.sql"),
            postgres: include_str!("../migrations/postgres/0003_data_version.sql"),
        },
    },
    Migration {
        name: "accounts",
        after: After::Nothing,
        sqlite_present: None,
        sql: Sql::ServerOnly(include_str!("../migrations/postgres/0004_accounts.sql")),
    },
    Migration {
        name: "plan edits and marks",
        after: After::Nothing,
        sqlite_present: Some("SELECT count(*) FROM sqlite_master WHERE name = 'plan_edits'"),
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0005_plan_edits_and_marks.sql"),
            postgres: include_str!("../migrations/postgres/0005_plan_edits_and_marks.sql"),
        },
    },
    Migration {
        name: "workout set tally",
        after: After::TallyWorkouts,
        sqlite_present: Some(
            "SELECT count(*) FROM pragma_table_info('strength_workouts') \
             WHERE name = 'working_sets'",
        ),
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0006_workout_set_tally.sql"),
            postgres: include_str!("../migrations/postgres/0006_workout_set_tally.sql"),
        },
    },
    Migration {
        name: "change notifications",
        after: After::Nothing,
        sqlite_present: None,
        sql: Sql::ServerOnly(include_str!(
            "../migrations/postgres/0007_change_notifications.sql"
        )),
    },
    Migration {
        name: "kept results",
        after: After::Nothing,
        sqlite_present: None,
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0008_kept_results.sql"),
            postgres: include_str!("../migrations/postgres/0008_kept_results.sql"),
        },
    },
];

/// The schema version this build writes, on both backends.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
