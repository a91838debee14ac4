//! keel-web: the local web app behind `keel serve`.
//!
//! Server-rendered pages (axum + askama) that work without JavaScript: the week as a
//! calendar, the season, the log with its forms and uploads, and load and progress charts
//! drawn as SVG by [`charts`]. Also the iCalendar feed and JSON endpoints.
//!
//! It reads and writes the same SQLite database as the CLI through keel-store, decodes
//! uploads with keel-import, plans with keel-core and writes calendars with keel-export.
//! Domain rules never live here: handlers parse input, call the library crates, and render.
//!
//! Safety: a non-loopback bind needs a token; every form carries a CSRF token and POSTs are
//! checked for cross-site origins; uploads are size-limited and parsed before any database
//! write; errors render a page and log the cause, never a stack trace.

mod accounts_pages;
mod actions;
mod backend;
mod cache;
pub mod charts;
mod dashboard;
mod error;
mod forms;
mod fresh;
mod join;
mod load;
mod pages;
mod password;
mod planning;
mod scope;
mod security;
mod state;
mod upload;
mod views;

use std::net::SocketAddr;
use std::path::PathBuf;

use jiff::civil::Date;

pub use error::WebError;
pub use pages::ROUTES;
pub use state::AppState;

/// Default upload limit: a Strava bulk export of a few years fits.
pub const DEFAULT_UPLOAD_LIMIT: usize = 200 * 1024 * 1024;

/// Default number of uploads imported at once.
pub const DEFAULT_MAX_IMPORTS: usize = 1;

/// How `keel serve` runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind; port 0 picks a free one.
    pub bind: SocketAddr,
    /// Bearer token required on every request; mandatory when `bind` is not loopback.
    pub token: Option<String>,
    /// The SQLite database file (created on first use); unused in coach mode.
    pub db_path: PathBuf,
    /// Coach mode: the PostgreSQL database URL (accounts, many athletes). `None` serves
    /// the single runner's SQLite file, as always.
    pub database: Option<String>,
    /// Coach mode: a read-only copy of `database` (a PostgreSQL streaming replica) that the
    /// coach's dashboard reads from; `None` reads the primary. Everything else (sessions,
    /// writes, the pages that record what they show) stays on the primary.
    pub read_database: Option<String>,
    /// A profile file to plan from instead of the stored one: (file name, TOML text).
    pub profile: Option<(String, String)>,
    /// Fixed "today" (tests, demos); `None` reads the local clock per request.
    pub today: Option<Date>,
    /// Largest accepted upload, bytes.
    pub upload_limit: usize,
    /// Uploads imported at once; more get 503 with Retry-After (each holds at most one
    /// decoded file of at most 512 MiB).
    pub max_imports: usize,
    /// Host names accepted besides the bound address and `localhost` (DNS rebinding
    /// guard: a request whose `Host` names anything else is refused).
    pub allow_hosts: Vec<String>,
}

impl Config {
    /// A loopback config on `127.0.0.1:8080` for the given database.
    pub fn new(db_path: PathBuf) -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            db_path,
            database: None,
            read_database: None,
            profile: None,
            today: None,
            upload_limit: DEFAULT_UPLOAD_LIMIT,
            max_imports: DEFAULT_MAX_IMPORTS,
            allow_hosts: Vec::new(),
        }
    }

    /// Checks the safety requirements: a non-loopback address needs a non-empty token.
    pub fn validate(&self) -> Result<(), WebError> {
        if let Some(t) = &self.token {
            // URL- and cookie-safe, so `/?token=` and the cookie carry it unchanged.
            let safe = t
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
            if t.len() < 8 || !safe {
                return Err(WebError::WeakToken);
            }
        }
        // Coach mode's accounts guard every page; single-user mode needs the token.
        if !self.bind.ip().is_loopback() && self.token.is_none() && self.database.is_none() {
            return Err(WebError::TokenRequired(self.bind));
        }
        if self.read_database.is_some() && self.database.is_none() {
            return Err(WebError::ReadWithoutDatabase);
        }
        Ok(())
    }
}

/// A bound server: its address, and the future that serves until shutdown.
pub struct Server {
    /// The address actually bound (with the real port when 0 was asked).
    pub addr: SocketAddr,
    listener: tokio::net::TcpListener,
    router: axum::Router,
}

impl Server {
    /// Validates the config, binds, and opens (and migrates) the database once. The
    /// address actually bound (its real port when 0 was asked) is the one the `Host`
    /// check accepts.
    pub async fn bind(mut config: Config) -> Result<Server, WebError> {
        config.validate()?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| WebError::Bind {
                addr: config.bind,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| WebError::Bind {
            addr: config.bind,
            source,
        })?;
        config.bind = addr;
        let state = match config.database.clone() {
            // The PostgreSQL client blocks: connect (and migrate) off the async threads.
            Some(url) => tokio::task::spawn_blocking(move || AppState::coach(config, &url))
                .await
                .map_err(|e| WebError::Serve(std::io::Error::other(e)))??,
            None => AppState::new(config)?,
        };
        Ok(Server {
            addr,
            listener,
            router: pages::router(state),
        })
    }

    /// Serves until `shutdown` resolves.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), WebError> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(WebError::Serve)
    }
}
