//! Coach mode's account pages: login and logout, invites, the athlete's account page
//! (coaches, notes, calendar feed), a coach opening one of their athletes, notes, and the
//! profile editor.
//!
//! Session cookies: `keel_session` holds a 256-bit random secret (only its SHA-256 is
//! stored), `HttpOnly`, `SameSite=Lax` (a link from an email still opens a logged-in page;
//! every POST also carries a CSRF token and passes the origin check), `Max-Age` the
//! session's lifetime, and `Secure` unless the browser reached the server as a loopback
//! name (`localhost`, `127.0.0.1`, `[::1]`), where plain HTTP never leaves the machine: any
//! other name must be served over HTTPS (a reverse proxy), or the browser will not send
//! the cookie back.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Form};
use keel_app::accounts::{self as policy, AccountsError};
use keel_store::{Accounts, AthleteId, Role, Secret, Store};
use serde::Deserialize;

use crate::error::AppError;
use crate::scope::{Scoped, Viewer, ATHLETE_COOKIE, SESSION_COOKIE};
use crate::security::{check_csrf, see_other, CsrfSecret};
use crate::state::AppState;

/// Whether cookies may go without `Secure`: the browser addressed a loopback name.
fn loopback_host(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A redirect to `to` that opens the session `secret` in this browser.
pub(crate) fn session_redirect(to: &str, headers: &HeaderMap, secret: &Secret) -> Response {
    let mut resp = see_other(to);
    let max_age = policy::SESSION_DAYS * 24 * 3600;
    set_cookie(&mut resp, headers, SESSION_COOKIE, secret.expose(), max_age);
    resp
}

pub(crate) fn set_cookie(
    resp: &mut Response,
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age: i64,
) {
    let secure = if loopback_host(headers) {
        ""
    } else {
        "; Secure"
    };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    )) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

pub(crate) fn now(state: &AppState) -> jiff::Timestamp {
    state.clock().system_local().now
}

pub(crate) fn html(status: StatusCode, t: impl Template) -> Result<Response, AppError> {
    Ok((status, Html(t.render()?)).into_response())
}

// ---------------------------------------------------------------- login

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    nav: &'static str,
    account: bool,
    email: String,
    error: Option<String>,
    csrf: String,
}

pub async fn login_page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfSecret>,
) -> Result<Response, AppError> {
    state.accounts(|_| Ok(())).await?;
    html(
        StatusCode::OK,
        LoginPage {
            nav: "",
            account: true,
            email: String::new(),
            error: None,
            csrf: csrf.token("login"),
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    csrf: String,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "login", Some(&form.csrf))?;
    let at = now(&state);
    let (email, password) = (form.email.clone(), form.password);
    let ip = peer.ip().to_string();
    let outcome = state
        .accounts(move |db| {
            Ok(match policy::login(db, &email, &password, &ip, at) {
                Ok(user) => Ok((policy::open_session(db, &user, at)?, user)),
                Err(e @ (AccountsError::WrongCredentials | AccountsError::RateLimited)) => Err(e),
                Err(e) => return Err(e.into()),
            })
        })
        .await?;
    match outcome {
        Ok(((secret, _), _user)) => Ok(session_redirect("/home", &headers, &secret)),
        Err(e) => {
            let status = match e {
                AccountsError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            html(
                status,
                LoginPage {
                    nav: "",
                    account: true,
                    email: form.email,
                    error: Some(format!("{}.", capitalise(&e.to_string()))),
                    csrf: csrf.token("login"),
                },
            )
        }
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "logout", Some(&form.csrf))?;
    let secret = viewer.session;
    state
        .accounts_write(move |db| Ok(db.revoke_session(&secret)?))
        .await?;
    let mut resp = see_other("/login");
    set_cookie(&mut resp, &headers, SESSION_COOKIE, "", 0);
    set_cookie(&mut resp, &headers, ATHLETE_COOKIE, "", 0);
    Ok(resp)
}

/// Where a user starts: a coach's dashboard, an athlete's week.
pub async fn home(viewer: Viewer) -> Response {
    match viewer.user.role {
        Role::Coach => see_other("/coach"),
        Role::Athlete => see_other("/"),
    }
}

// ---------------------------------------------------------------- invites

#[derive(Template)]
#[template(path = "invited.html")]
struct InvitedPage {
    nav: &'static str,
    account: bool,
    link: String,
    expires: String,
}

pub async fn create_invite(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "invite", Some(&form.csrf))?;
    let at = now(&state);
    let user = viewer.user;
    let (token, expires) = state
        .accounts(move |db| Ok(policy::invite(db, &user, at)?))
        .await?;
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if loopback_host(&headers) {
        "http"
    } else {
        "https"
    };
    html(
        StatusCode::OK,
        InvitedPage {
            nav: "",
            account: true,
            link: format!("{scheme}://{host}/invite/{}", token.expose()),
            expires: expires.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        },
    )
}

#[derive(Template)]
#[template(path = "invite_new.html")]
struct NewInvitePage {
    nav: &'static str,
    account: bool,
    csrf: String,
}

/// The form that makes an invite link (a coach's).
pub async fn new_invite_page(
    viewer: Viewer,
    Extension(csrf): Extension<CsrfSecret>,
) -> Result<Response, AppError> {
    if viewer.user.role != Role::Coach {
        return Err(AppError::Forbidden(
            "Only a coach can invite athletes.".into(),
        ));
    }
    html(
        StatusCode::OK,
        NewInvitePage {
            nav: "",
            account: true,
            csrf: csrf.token("invite"),
        },
    )
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    nav: &'static str,
    account: bool,
    token: String,
    email: String,
    name: String,
    error: Option<String>,
    csrf: String,
}

fn token_text(token: &str) -> Result<Secret, AppError> {
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(Secret::from_text(token))
    } else {
        Err(unusable())
    }
}

pub(crate) fn unusable() -> AppError {
    AppError::NotFound(
        "This invite link is not valid (unknown, expired or already used): ask your coach for a new one."
            .into(),
    )
}

pub async fn invite_page(
    State(state): State<AppState>,
    viewer: Result<Viewer, AppError>,
    Path(token): Path<String>,
    Extension(csrf): Extension<CsrfSecret>,
) -> Result<Response, AppError> {
    let secret = token_text(&token)?;
    let at = now(&state);
    let invite = state
        .accounts(move |db| Ok(db.invite(&secret, at)?))
        .await?
        .ok_or_else(unusable)?;
    // An athlete logged in already joins with their own account.
    if let Some(viewer) = viewer.ok().filter(|v| v.user.role == Role::Athlete) {
        return crate::join::page(&state, viewer, invite, token, &csrf).await;
    }
    html(
        StatusCode::OK,
        InvitePage {
            nav: "",
            account: true,
            token,
            email: String::new(),
            name: String::new(),
            error: None,
            csrf: csrf.token("accept"),
        },
    )
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    csrf: String,
    /// Present when a logged-in athlete joins with their own account.
    #[serde(default)]
    join: Option<String>,
}

pub async fn accept_invite(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfSecret>,
    viewer: Result<Viewer, AppError>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "accept", Some(&form.csrf))?;
    let secret = token_text(&token)?;
    if form.join.is_some() {
        return crate::join::accept(&state, viewer?, secret).await;
    }
    let at = now(&state);
    let (email, name, password) = (form.email.clone(), form.name.clone(), form.password);
    let outcome = state
        .accounts_write(move |db| {
            let checked = policy::check_email(&email).and_then(|email| {
                let name = name.trim();
                if name.is_empty() || name.chars().count() > 100 {
                    return Err(AccountsError::Hash(String::new()));
                }
                Ok((email, name.to_string(), policy::hash_password(&password)?))
            });
            let (email, name, hash) = match checked {
                Ok(v) => v,
                Err(AccountsError::Hash(s)) if s.is_empty() => {
                    return Ok(Err("Give your name (1 to 100 characters).".to_string()))
                }
                Err(e @ (AccountsError::WeakPassword | AccountsError::BadEmail(_))) => {
                    return Ok(Err(format!("{}.", capitalise(&e.to_string()))))
                }
                Err(e) => return Err(e.into()),
            };
            match db.accept_invite(&secret, at, &email, &hash, &name) {
                Ok(acc) => {
                    let user = db
                        .user(acc.user)?
                        .ok_or_else(|| AppError::internal("invite", "new user missing"))?;
                    Ok(Ok(policy::open_session(db, &user, at)?))
                }
                Err(keel_store::AccountError::InviteUnusable) => Err(unusable()),
                Err(e @ keel_store::AccountError::EmailTaken(_)) => Ok(Err(format!(
                    "{}: log in with it, or use another.",
                    capitalise(&e.to_string())
                ))),
                Err(e) => Err(e.into()),
            }
        })
        .await?;
    match outcome {
        Ok((secret, _)) => Ok(session_redirect("/log", &headers, &secret)),
        Err(error) => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            InvitePage {
                nav: "",
                account: true,
                token,
                email: form.email,
                name: form.name,
                error: Some(error),
                csrf: csrf.token("accept"),
            },
        ),
    }
}

// ---------------------------------------------------------------- account

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    nav: &'static str,
    account: bool,
    email: String,
    coach: bool,
    coaches: Vec<(i64, String)>,
    notes: Vec<(String, String)>,
    feed: Option<String>,
    /// The password form's outcome: (error?, message).
    password: Option<(bool, String)>,
    csrf_logout: String,
    csrf_leave: String,
    csrf_feed: String,
    csrf_password: String,
}

/// What the Account page says besides its usual content.
#[derive(Default)]
pub(crate) struct AccountNotice {
    /// A new calendar feed address, shown once.
    pub feed: Option<String>,
    /// The password form's outcome: (error?, message).
    pub password: Option<(bool, String)>,
}

pub(crate) async fn account_page_with(
    state: &AppState,
    viewer: Viewer,
    csrf: &CsrfSecret,
    notice: AccountNotice,
) -> Result<Response, AppError> {
    let status = match notice.password {
        Some((true, _)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    let user = viewer.user.clone();
    let (coaches, notes) = state
        .accounts(move |db| {
            if user.role == Role::Coach {
                return Ok((Vec::new(), Vec::new()));
            }
            let Some(a) = db.athlete_of_user(user.id)? else {
                return Ok((Vec::new(), Vec::new()));
            };
            let coaches = db
                .coaches_of(a)?
                .into_iter()
                .map(|c| (c.id.get(), c.email))
                .collect();
            let notes = db
                .notes(a, 20)?
                .into_iter()
                .map(|n| (n.created_at.strftime("%Y-%m-%d").to_string(), n.text))
                .collect();
            Ok((coaches, notes))
        })
        .await?;
    html(
        status,
        AccountPage {
            nav: "account",
            account: true,
            email: viewer.user.email,
            coach: viewer.user.role == Role::Coach,
            coaches,
            notes,
            feed: notice.feed,
            password: notice.password,
            csrf_logout: csrf.token("logout"),
            csrf_leave: csrf.token("leave"),
            csrf_feed: csrf.token("feed"),
            csrf_password: csrf.token("password"),
        },
    )
}

#[derive(Deserialize)]
pub struct AccountQuery {
    /// Set after a password change.
    password: Option<String>,
}

pub async fn account_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AccountQuery>,
    Extension(csrf): Extension<CsrfSecret>,
) -> Result<Response, AppError> {
    let notice = AccountNotice {
        password: q.password.is_some().then(|| {
            (
                false,
                "Password changed; your other sessions are logged out.".into(),
            )
        }),
        ..AccountNotice::default()
    };
    account_page_with(&state, viewer, &csrf, notice).await
}

/// The athlete's own athlete, or 403 for a coach.
async fn own_athlete(state: &AppState, viewer: &Viewer) -> Result<AthleteId, AppError> {
    let user = viewer.user.clone();
    if user.role != Role::Athlete {
        return Err(AppError::Forbidden(
            "Only an athlete can do this for their own log.".into(),
        ));
    }
    state
        .accounts(move |db| Ok(db.athlete_of_user(user.id)?))
        .await?
        .ok_or_else(|| AppError::NotFound("You have no training log yet.".into()))
}

pub async fn leave_coach(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(coach): Path<i64>,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "leave", Some(&form.csrf))?;
    let athlete = own_athlete(&state, &viewer).await?;
    let left = state
        .accounts_write(move |db| {
            // Only a coach of this athlete can be left (found among their coaches).
            let Some(c) = db
                .coaches_of(athlete)?
                .into_iter()
                .find(|c| c.id.get() == coach)
            else {
                return Ok(false);
            };
            Ok(db.unlink(c.id, athlete)?)
        })
        .await?;
    if !left {
        return Err(AppError::NotFound("You have no such coach.".into()));
    }
    Ok(see_other("/account"))
}

#[derive(Deserialize)]
pub struct FeedForm {
    action: String,
    csrf: String,
}

pub async fn feed_secret(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<FeedForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "feed", Some(&form.csrf))?;
    let athlete = own_athlete(&state, &viewer).await?;
    match form.action.as_str() {
        "rotate" => {
            let secret = Secret::generate()?;
            let s2 = secret.clone();
            state
                .accounts(move |db| Ok(db.rotate_feed_secret(athlete, &s2)?))
                .await?;
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("localhost");
            let scheme = if loopback_host(&headers) {
                "http"
            } else {
                "https"
            };
            let url = format!("{scheme}://{host}/feed/{}.ics", secret.expose());
            let notice = AccountNotice {
                feed: Some(url),
                ..AccountNotice::default()
            };
            account_page_with(&state, viewer, &csrf, notice).await
        }
        "revoke" => {
            state
                .accounts(move |db| Ok(db.revoke_feed_secrets(athlete)?))
                .await?;
            Ok(see_other("/account"))
        }
        other => Err(AppError::BadRequest(format!(
            "`action={}`: expected rotate or revoke.",
            keel_app::text::line(other)
        ))),
    }
}

/// `/feed/{secret}.ics`: the athlete's calendar for a calendar app (no session).
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file
        .strip_suffix(".ics")
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| AppError::NotFound("There is no such calendar feed.".into()))?;
    let scope = Scoped::for_feed(&state, secret).await?;
    crate::pages::calendar_of(scope).await
}

// ---------------------------------------------------------------- coach's athletes

/// Opens one of the coach's athletes: its pages then show that athlete (checked on every
/// request).
pub async fn open_athlete(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<OpenQuery>,
) -> Result<Response, AppError> {
    let athlete = coached(&state, &viewer, id).await?;
    let to = match q.to.as_deref().unwrap_or("") {
        "" | "week" => "/",
        "season" => "/season",
        "log" => "/log",
        "load" => "/load",
        "profile" => "/profile",
        other => {
            return Err(AppError::BadRequest(format!(
                "`to={}`: expected week, season, log, load or profile.",
                keel_app::text::line(other)
            )))
        }
    };
    let mut resp = see_other(to);
    set_cookie(
        &mut resp,
        &headers,
        ATHLETE_COOKIE,
        &athlete.get().to_string(),
        policy::SESSION_DAYS * 24 * 3600,
    );
    Ok(resp)
}

#[derive(Deserialize)]
pub struct OpenQuery {
    to: Option<String>,
}

/// The athlete numbered `id` if the viewer coaches them, else 404.
pub async fn coached(state: &AppState, viewer: &Viewer, id: i64) -> Result<AthleteId, AppError> {
    let user = viewer.user.clone();
    if user.role != Role::Coach {
        return Err(AppError::Forbidden("Only a coach can do this.".into()));
    }
    state
        .accounts(move |db| Ok(db.coached_athlete(user.id, id)?))
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such athlete among yours.".into()))
}

#[derive(Template)]
#[template(path = "note.html")]
struct NotePage {
    nav: &'static str,
    account: bool,
    id: i64,
    name: String,
    csrf: String,
}

/// The form for a note to one of the coach's athletes.
pub async fn note_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Extension(csrf): Extension<CsrfSecret>,
) -> Result<Response, AppError> {
    let athlete = coached(&state, &viewer, id).await?;
    let name = state
        .accounts(move |db| Ok(db.athlete_info(athlete)?.name))
        .await?;
    html(
        StatusCode::OK,
        NotePage {
            nav: "",
            account: true,
            id: athlete.get(),
            name,
            csrf: csrf.token("note"),
        },
    )
}

#[derive(Deserialize)]
pub struct NoteForm {
    text: String,
    csrf: String,
}

pub async fn add_note(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<NoteForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "note", Some(&form.csrf))?;
    let athlete = coached(&state, &viewer, id).await?;
    let text = form.text.trim().to_string();
    if text.is_empty() || text.chars().count() > 2000 {
        return Err(AppError::BadRequest(
            "A note is 1 to 2000 characters.".into(),
        ));
    }
    let author = viewer.user.id;
    state
        .accounts(move |db| Ok(db.add_note(athlete, author, &text)?))
        .await?;
    Ok(see_other("/coach?noted=1"))
}

// ---------------------------------------------------------------- profile

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    nav: &'static str,
    account: bool,
    toml: String,
    error: Option<String>,
    saved: bool,
    csrf: String,
}

pub async fn profile_page(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
) -> Result<Response, AppError> {
    let toml = scope
        .read(|s, _| Ok(s.latest_profile()?.map(|p| p.toml).unwrap_or_default()))
        .await?;
    html(
        StatusCode::OK,
        ProfilePage {
            nav: "profile",
            account: scope.athlete().is_some(),
            toml,
            error: None,
            saved: false,
            csrf: csrf.token("profile"),
        },
    )
}

#[derive(Deserialize)]
pub struct ProfileForm {
    toml: String,
    csrf: String,
}

pub async fn save_profile(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<ProfileForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "profile", Some(&form.csrf))?;
    let text = form.toml.clone();
    let saved = scope
        .db(move |s| {
            Ok(
                match keel_app::profile::set_profile(s, "profile.toml", &text) {
                    Ok(_) => Ok(()),
                    Err(keel_app::AppError::Profile(e)) => Err(e.to_string()),
                    Err(e) => return Err(e.into()),
                },
            )
        })
        .await?;
    let (status, error) = match saved {
        Ok(()) => (StatusCode::OK, None),
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, Some(e)),
    };
    html(
        status,
        ProfilePage {
            nav: "profile",
            account: scope.athlete().is_some(),
            saved: error.is_none(),
            toml: form.toml,
            error,
            csrf: csrf.token("profile"),
        },
    )
}
