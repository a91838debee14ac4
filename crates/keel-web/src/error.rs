//! Errors: [`WebError`] for starting the server, [`AppError`] for a request.
//!
//! A request error renders a page (or JSON under `/api/`) with a message meant for the
//! runner; the cause goes to stderr. Internal details never reach the response.

use std::net::SocketAddr;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// A non-loopback address was asked for without a token.
    #[error(
        "binding to {0} exposes your training log beyond this machine: pass --token (or set KEEL_TOKEN), or bind to 127.0.0.1"
    )]
    TokenRequired(SocketAddr),
    /// The token is too short to protect anything, or has characters a URL or cookie
    /// would mangle.
    #[error(
        "the token must be at least 8 characters of letters, digits, `-`, `.`, `_` or `~` (e.g. `openssl rand -hex 16`)"
    )]
    WeakToken,
    /// A replica to read from was named without the database it copies.
    #[error(
        "--read-database names a replica of coach mode's database: pass --database (or set KEEL_DATABASE_URL) too"
    )]
    ReadWithoutDatabase,
    /// The address could not be bound.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// The database could not be opened or migrated.
    #[error("could not open the database: {0}")]
    Store(#[from] keel_store::StoreError),
    /// Serving failed.
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// A failed request.
#[derive(Debug)]
pub enum AppError {
    /// The request was malformed (bad query, bad form encoding): 400.
    BadRequest(String),
    /// No such page or record: 404.
    NotFound(String),
    /// Missing or wrong token: 401.
    Unauthorized,
    /// Coach mode without a live session: 401 with a link to the login page.
    LoginRequired,
    /// Cross-site or stale form: 403.
    Forbidden(String),
    /// Upload too large: 413.
    TooLarge(usize),
    /// The `Host` header names none of this server's names (DNS rebinding guard): 400.
    WrongHost(String),
    /// As many uploads as allowed are being imported: 503 with Retry-After.
    Busy,
    /// No profile is stored yet: 409 with instructions.
    NoProfile,
    /// The stored profile no longer validates (keel changed, or it was edited): 422.
    Profile(String),
    /// Anything else: 500; the cause is logged, not shown.
    Internal(String),
}

impl AppError {
    /// An internal error from any displayable cause (logged when rendered).
    pub fn internal(context: &str, e: impl std::fmt::Display) -> AppError {
        AppError::Internal(format!("{context}: {e}"))
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized | AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::WrongHost(_) => StatusCode::BAD_REQUEST,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::NoProfile => StatusCode::CONFLICT,
            AppError::Profile(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the runner reads.
    pub fn public_message(&self) -> String {
        match self {
            AppError::BadRequest(m) | AppError::NotFound(m) | AppError::Forbidden(m) => m.clone(),
            AppError::Unauthorized => {
                "This keel server needs its access token: open the link with ?token=… that keel serve printed, or send Authorization: Bearer <token>.".into()
            }
            AppError::LoginRequired => {
                "Log in first: open /login (your session may have expired).".into()
            }
            AppError::TooLarge(limit) => format!(
                "The upload is larger than the limit of {} MB. Split the export or raise the limit with keel serve --upload-limit-mb.",
                limit / (1024 * 1024)
            ),
            AppError::WrongHost(m) => m.clone(),
            AppError::Busy => format!(
                "Another upload is being imported right now. Try again in {RETRY_AFTER_SECS} seconds."
            ),
            AppError::NoProfile => "No profile is stored yet. Paste one on the Profile page (/profile), or run `keel profile set PROFILE.toml` (or start `keel serve --profile PROFILE.toml`), and reload.".into(),
            AppError::Profile(m) => format!("The profile could not be used: {m}"),
            AppError::Internal(_) => {
                "Something went wrong on the server. The cause was logged where keel serve runs.".into()
            }
        }
    }

    fn title(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "Bad request",
            AppError::NotFound(_) => "Not found",
            AppError::Unauthorized => "Token needed",
            AppError::LoginRequired => "Log in",
            AppError::Forbidden(_) => "Refused",
            AppError::TooLarge(_) => "Upload too large",
            AppError::WrongHost(_) => "Unknown host",
            AppError::Busy => "Busy",
            AppError::NoProfile => "No profile yet",
            AppError::Profile(_) => "Profile problem",
            AppError::Internal(_) => "Server error",
        }
    }

    fn log(&self) {
        match self {
            AppError::Internal(cause) => {
                eprintln!("keel serve: error: {}", keel_app::text::text(cause))
            }
            AppError::Profile(cause) => {
                eprintln!("keel serve: profile: {}", keel_app::text::text(cause))
            }
            _ => {}
        }
    }

    /// The JSON form, for `/api/` routes: `{"error": {"status", "message"}}`.
    pub fn into_json(self) -> Response {
        self.log();
        let status = self.status();
        let body = serde_json::json!({
            "error": { "status": status.as_u16(), "message": self.public_message() }
        });
        let busy = matches!(self, AppError::Busy);
        with_retry_after((status, axum::Json(body)).into_response(), busy)
    }
}

/// Seconds a client is asked to wait when the server is busy importing.
pub const RETRY_AFTER_SECS: u32 = 5;

fn with_retry_after(mut resp: Response, busy: bool) -> Response {
    if busy {
        resp.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(RETRY_AFTER_SECS),
        );
    }
    resp
}

impl From<keel_store::StoreError> for AppError {
    fn from(e: keel_store::StoreError) -> Self {
        AppError::internal("database", e)
    }
}

impl From<keel_app::AppError> for AppError {
    fn from(e: keel_app::AppError) -> Self {
        use keel_app::AppError as E;
        match e {
            E::NoProfile => AppError::NoProfile,
            E::Profile(_) | E::StoredProfile(_) | E::Plan { .. } => {
                AppError::Profile(e.to_string())
            }
            E::Store(e) => e.into(),
            E::Edit(e) => AppError::BadRequest(capitalise_first(&e.to_string())),
            E::Date { .. } | E::TimeZone { .. } => AppError::internal("date", e),
            E::Write { .. } => AppError::internal("document", e),
        }
    }
}

impl From<keel_store::AccountError> for AppError {
    fn from(e: keel_store::AccountError) -> Self {
        use keel_store::AccountError as E;
        match e {
            E::Store(e) => e.into(),
            E::NotFound(what) => AppError::NotFound(format!("There is no such {what}.")),
            E::WrongRole(why) => AppError::Forbidden(format!("Refused: {why}.")),
            other => AppError::BadRequest(other.to_string()),
        }
    }
}

impl From<keel_app::accounts::AccountsError> for AppError {
    fn from(e: keel_app::accounts::AccountsError) -> Self {
        use keel_app::accounts::AccountsError as E;
        match e {
            E::Account(e) => e.into(),
            E::Hash(_) => AppError::internal("password hashing", e),
            other => AppError::BadRequest(other.to_string()),
        }
    }
}

/// A message as a sentence: its first letter capitalised.
fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::internal("template", e)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    status: u16,
    message: String,
    nav: &'a str,
    account: bool,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let busy = matches!(self, AppError::Busy);
        let page = ErrorPage {
            title: self.title(),
            status: status.as_u16(),
            message: self.public_message(),
            nav: "",
            account: false,
        };
        match page.render() {
            Ok(html) => with_retry_after((status, Html(html)).into_response(), busy),
            Err(e) => {
                eprintln!("keel serve: error page failed to render: {e}");
                (status, "keel: error").into_response()
            }
        }
    }
}
