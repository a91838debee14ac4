//! Change announcements: every write another process (or this one) makes to a log or to
//! the accounts is announced on PostgreSQL's `keel_changes` channel by triggers (schema
//! version 7), so a server can keep pages and sessions without asking the database on
//! every request whether they are still right.
//!
//! A [`Changes`] is one connection of its own (outside the pool) that listens; it is
//! blocking, meant for a thread of its own. Notifications sent while it was not connected
//! are lost: after [`PgDatabase::listen`] succeeds again the listener must assume
//! anything changed.

use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};

use super::PgDatabase;
use crate::{Result, StoreError};

/// The channel the triggers announce on.
const CHANNEL: &str = "keel_changes";

/// What changed, as announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// An athlete's log, the athletes or a coach's links: pages built from them.
    Data,
    /// Sessions or users (a logout, a revocation, a password): sessions kept in memory,
    /// and, for a coach's links, pages too.
    Accounts,
}

impl Change {
    /// The change a payload (`schema.table`) announces, if it is in `schema`.
    fn of(payload: &str, schema: &str) -> Option<Change> {
        let (s, table) = payload.split_once('.')?;
        (s == schema).then_some(match table {
            "sessions" | "users" => Change::Accounts,
            _ => Change::Data,
        })
    }
}

/// A listening connection (see the module docs).
pub struct Changes {
    client: Client,
    /// The schema keel's tables are in (announcements from others are ignored).
    schema: String,
}

impl std::fmt::Debug for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Changes(..)")
    }
}

impl PgDatabase {
    /// Opens a connection of its own that listens for changes. Blocking.
    pub fn listen(&self) -> Result<Changes> {
        let mut client = self
            .config
            .connect(NoTls)
            .map_err(|e| StoreError::Unreachable(format!("{}: {e}", self.target)))?;
        client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
        let schema: Option<String> = client.query_one("SELECT current_schema()", &[])?.get(0);
        Ok(Changes {
            client,
            schema: schema.unwrap_or_default(),
        })
    }
}

impl Changes {
    /// The changes to this database announced since the last call, waiting up to
    /// `timeout` for the first announcement (an empty list when none came). An error means the connection is lost: listen
    /// again, and count everything as changed.
    pub fn wait(&mut self, timeout: Duration) -> Result<Vec<Change>> {
        let mut out = Vec::new();
        let first = self.client.notifications().timeout_iter(timeout).next()?;
        if let Some(first) = first {
            out.extend(Change::of(first.payload(), &self.schema));
            // Whatever else already arrived, without waiting again.
            let mut n = self.client.notifications();
            let mut rest = n.iter();
            while let Some(more) = rest.next()? {
                out.extend(Change::of(more.payload(), &self.schema));
            }
        }
        if out.is_empty() && self.client.is_closed() {
            return Err(StoreError::Unreachable(
                "the listening connection closed".into(),
            ));
        }
        Ok(out)
    }
}
