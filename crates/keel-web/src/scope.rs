//! Who is asking, and which athlete's log they may touch: the only way a handler gets a
//! store.
//!
//! - [`Viewer`]: the logged-in user of coach mode, from the `keel_session` cookie (its
//!   secret is looked up by hash, expired or revoked sessions are nobody).
//! - [`Scoped`]: a training log the request is authorised for. Single-user mode: the
//!   SQLite file. Coach mode: an athlete user's own athlete; for a coach, the athlete
//!   named by the `keel_athlete` cookie (set by opening a row of the dashboard) *if* the
//!   coach is linked to it, checked on every request through
//!   [`Accounts::coached_athlete`] (a number from a cookie or URL never reaches the store
//!   otherwise); a calendar feed's secret. Anyone else gets 404 (or 401 without a
//!   session), never another athlete's data.
//!
//! Handlers take a `Scoped` argument and reach the store only through its
//! [`Scoped::read`], [`Scoped::db`] and [`Scoped::opener`]; [`AppState`] exposes no store.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use keel_app::clock::Local;
use keel_store::accounts::User;
use keel_store::{Accounts, AthleteId, PgDatabase, Role, Secret, SqliteStore, Store};

use crate::backend::LogStore;
use crate::cache::DataKey;
use crate::error::AppError;
use crate::security::cookie;
use crate::state::AppState;

/// The session cookie of coach mode.
pub const SESSION_COOKIE: &str = "keel_session";
/// The athlete a coach is looking at (a hint: authorised again on every request).
pub const ATHLETE_COOKIE: &str = "keel_athlete";

/// The logged-in user of coach mode and their session's secret.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Who.
    pub user: User,
    /// The session cookie's secret (for logout).
    pub session: Secret,
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if state.coach_db().is_none() {
            return Err(AppError::NotFound(
                "This page exists in coach mode only (keel serve --database).".into(),
            ));
        }
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE)
            .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(Secret::from_text)
        else {
            return Err(AppError::LoginRequired);
        };
        let now = state.clock().system_local().now;
        let key = crate::fresh::session_key(secret.expose());
        if let Some(user) = state.fresh().session(&key, now) {
            return Ok(Viewer {
                user,
                session: secret,
            });
        }
        let generation = state.fresh().generation();
        let s2 = secret.clone();
        let session = state
            .accounts(move |db| Ok(db.session(&s2, now)?))
            .await?
            .ok_or(AppError::LoginRequired)?;
        state
            .fresh()
            .keep_session(key, session.user.clone(), session.expires_at, generation);
        Ok(Viewer {
            user: session.user,
            session: secret,
        })
    }
}

/// Where a scoped store comes from, to open more connections for long work (uploads).
#[derive(Debug, Clone)]
pub enum Opener {
    /// The single runner's file.
    Local(std::path::PathBuf),
    /// One authorised athlete of coach mode.
    Athlete(PgDatabase, AthleteId),
}

impl Opener {
    /// A fresh handle on the authorised log (blocking).
    pub fn open(&self) -> Result<LogStore, AppError> {
        Ok(match self {
            Opener::Local(path) => LogStore::Sqlite(SqliteStore::open(path)?),
            Opener::Athlete(db, a) => LogStore::Pg(db.athlete(*a)?),
        })
    }
}

/// A training log this request is authorised for (see the module docs).
#[derive(Clone)]
pub struct Scoped {
    state: AppState,
    athlete: Option<(PgDatabase, AthleteId)>,
}

impl FromRequestParts<AppState> for Scoped {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(db) = state.coach_db().cloned() else {
            return Ok(Scoped {
                state: state.clone(),
                athlete: None,
            });
        };
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let wanted = cookie(&parts.headers, ATHLETE_COOKIE).and_then(|v| v.parse::<i64>().ok());
        let user = viewer.user;
        let athlete = state
            .accounts(move |db| {
                Ok(match user.role {
                    Role::Athlete => db.athlete_of_user(user.id)?,
                    Role::Coach => match wanted {
                        Some(n) => db.coached_athlete(user.id, n)?,
                        None => None,
                    },
                })
            })
            .await?
            .ok_or_else(|| {
                AppError::NotFound(
                    "No athlete of yours is open: choose one on your dashboard (/coach).".into(),
                )
            })?;
        Ok(Scoped {
            state: state.clone(),
            athlete: Some((db, athlete)),
        })
    }
}

impl Scoped {
    /// The log of the athlete whose live calendar feed secret this is (coach mode), or
    /// 404.
    pub async fn for_feed(state: &AppState, secret: &str) -> Result<Scoped, AppError> {
        let secret = Secret::from_text(secret);
        let db = state
            .coach_db()
            .cloned()
            .ok_or_else(|| AppError::NotFound("There is no such calendar feed.".into()))?;
        let athlete = state
            .accounts(move |db| Ok(db.athlete_by_feed_secret(&secret)?))
            .await?
            .ok_or_else(|| AppError::NotFound("There is no such calendar feed.".into()))?;
        Ok(Scoped {
            state: state.clone(),
            athlete: Some((db, athlete)),
        })
    }

    /// The server state (configuration, caches, clock).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The athlete, in coach mode.
    pub fn athlete(&self) -> Option<AthleteId> {
        self.athlete.as_ref().map(|(_, a)| *a)
    }

    /// How to open more handles on this log (uploads).
    pub fn opener(&self) -> Opener {
        match &self.athlete {
            None => Opener::Local(self.state.config().db_path.clone()),
            Some((db, a)) => Opener::Athlete(db.clone(), *a),
        }
    }

    /// Runs `f` on the log on a blocking thread, with its [`DataKey`] read first.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&LogStore, DataKey) -> Result<T, AppError> + Send + 'static,
    {
        let Some((db, a)) = self.athlete.clone() else {
            return self.state.read_local(f).await;
        };
        tokio::task::spawn_blocking(move || {
            let store = LogStore::Pg(db.athlete(a)?);
            let key = DataKey {
                athlete: a.get(),
                version: store.data_version()?,
            };
            f(&store, key)
        })
        .await
        .map_err(|e| AppError::internal("database task", e))?
    }

    /// Runs `f` with the log open for writing on a blocking thread.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut LogStore) -> Result<T, AppError> + Send + 'static,
    {
        let Some((db, a)) = self.athlete.clone() else {
            return self.state.db_local(f).await;
        };
        let out = tokio::task::spawn_blocking(move || f(&mut LogStore::Pg(db.athlete(a)?)))
            .await
            .map_err(|e| AppError::internal("database task", e));
        // After the write committed (or failed): kept pages are checked again.
        self.state.fresh().data_changed();
        out?
    }

    /// Today and now where the runner lives ([`AppState::local_on`]).
    pub async fn local(&self) -> Result<Local, AppError> {
        let st = self.state.clone();
        self.read(move |s, v| st.local_on(s, v)).await
    }
}
