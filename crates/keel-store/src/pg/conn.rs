//! Connections: a pool of PostgreSQL clients, each with its own prepared statements, and
//! [`Db`], a unit of work on one client that counts the rows it changed.

use crate::{Result, StoreError};
use postgres::types::{FromSql, ToSql};
use postgres::{Client, GenericClient, NoTls, Row, Statement};
use std::collections::HashMap;
use std::time::Duration;

/// A client and the statements prepared on it (a fixed set: the SQL text is the key).
pub(crate) struct PgConn {
    pub client: Client,
    pub stmts: HashMap<String, Statement>,
}

impl std::fmt::Debug for PgConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgConn")
            .field("statements", &self.stmts.len())
            .finish()
    }
}

/// Opens clients for the pool.
#[derive(Debug)]
pub(crate) struct Manager {
    pub config: postgres::Config,
}

impl Manager {
    pub fn open(&self) -> std::result::Result<PgConn, postgres::Error> {
        Ok(PgConn {
            client: self.config.connect(NoTls)?,
            stmts: HashMap::new(),
        })
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgConn;
    type Error = postgres::Error;

    fn connect(&self) -> std::result::Result<PgConn, postgres::Error> {
        self.open()
    }

    fn is_valid(&self, conn: &mut PgConn) -> std::result::Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut PgConn) -> bool {
        conn.client.is_closed()
    }
}

/// How long a new connection may take before the database counts as unreachable.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A unit of work on one client (a connection or an open transaction): statements are
/// prepared once per connection, and rows changed by writes are counted so the caller can
/// tell whether to move the data version.
pub(crate) struct Db<'a, C> {
    c: &'a mut C,
    stmts: &'a mut HashMap<String, Statement>,
    /// Rows inserted, updated or deleted through [`Db::exec`] and [`Db::insert`].
    pub changed: u64,
}

/// A query parameter.
pub(crate) type P<'a> = &'a (dyn ToSql + Sync);

impl<'a, C: GenericClient> Db<'a, C> {
    pub fn new(c: &'a mut C, stmts: &'a mut HashMap<String, Statement>) -> Self {
        Db {
            c,
            stmts,
            changed: 0,
        }
    }

    fn prepare(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.stmts.get(sql) {
            return Ok(s.clone());
        }
        let s = self.c.prepare(sql)?;
        self.stmts.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// Every row.
    pub fn query(&mut self, sql: &str, params: &[P<'_>]) -> Result<Vec<Row>> {
        let s = self.prepare(sql)?;
        Ok(self.c.query(&s, params)?)
    }

    /// At most one row.
    pub fn opt(&mut self, sql: &str, params: &[P<'_>]) -> Result<Option<Row>> {
        let s = self.prepare(sql)?;
        Ok(self.c.query_opt(&s, params)?)
    }

    /// Exactly one row.
    pub fn one(&mut self, sql: &str, params: &[P<'_>]) -> Result<Row> {
        let s = self.prepare(sql)?;
        Ok(self.c.query_one(&s, params)?)
    }

    /// A write; returns (and counts) the rows it changed.
    pub fn exec(&mut self, sql: &str, params: &[P<'_>]) -> Result<u64> {
        let s = self.prepare(sql)?;
        let n = self.c.execute(&s, params)?;
        self.changed += n;
        Ok(n)
    }

    /// An `INSERT ... RETURNING id`; counts one change.
    pub fn insert(&mut self, sql: &str, params: &[P<'_>]) -> Result<i64> {
        let row = self.one(sql, params)?;
        self.changed += 1;
        get(&row, 0)
    }
}

/// Column `i` of a row, or a decode error (never a panic on an unexpected type).
pub(crate) fn get<'r, T: FromSql<'r>>(row: &'r Row, i: usize) -> Result<T> {
    row.try_get(i).map_err(|e| StoreError::Decode {
        what: "column",
        detail: format!("column {i}: {e}"),
    })
}

/// An unsigned 16-bit column stored as `integer`.
pub(crate) fn get_u16(row: &Row, i: usize) -> Result<Option<u16>> {
    get::<Option<i32>>(row, i)?
        .map(|v| {
            u16::try_from(v).map_err(|_| StoreError::Decode {
                what: "column",
                detail: format!("column {i}: {v} is out of range"),
            })
        })
        .transpose()
}

/// An unsigned 32-bit column stored as `integer` or `bigint`.
pub(crate) fn get_u32(row: &Row, i: usize) -> Result<Option<u32>> {
    let v: Option<i64> = match row.columns().get(i).map(|c| c.type_().clone()) {
        Some(postgres::types::Type::INT8) => get::<Option<i64>>(row, i)?,
        _ => get::<Option<i32>>(row, i)?.map(i64::from),
    };
    v.map(|v| {
        u32::try_from(v).map_err(|_| StoreError::Decode {
            what: "column",
            detail: format!("column {i}: {v} is out of range"),
        })
    })
    .transpose()
}

/// A `u16` as `integer`.
pub(crate) fn int(v: Option<u16>) -> Option<i32> {
    v.map(i32::from)
}

/// A `u32` as `integer`, or an error naming the field when it does not fit.
pub(crate) fn int32(field: &'static str, v: Option<u32>) -> Result<Option<i32>> {
    v.map(|v| {
        i32::try_from(v).map_err(|_| StoreError::Invalid {
            field,
            detail: format!("{v} is too large"),
        })
    })
    .transpose()
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState as S;
        if let Some(db) = e.as_db_error() {
            let code = db.code();
            if *code == S::DISK_FULL {
                return StoreError::DiskFull;
            }
            if *code == S::READ_ONLY_SQL_TRANSACTION {
                return StoreError::ReadOnly;
            }
            if [
                S::T_R_SERIALIZATION_FAILURE,
                S::T_R_DEADLOCK_DETECTED,
                S::LOCK_NOT_AVAILABLE,
                S::TOO_MANY_CONNECTIONS,
                S::CANNOT_CONNECT_NOW,
            ]
            .contains(code)
            {
                return StoreError::Busy;
            }
        }
        StoreError::Backend(Box::new(e))
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(e: r2d2::Error) -> Self {
        StoreError::Unreachable(e.to_string())
    }
}
