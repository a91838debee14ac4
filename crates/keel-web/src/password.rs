//! Changing the password of the logged-in account: the current password (checked as a
//! login is, with the same rate limit, and recorded as an attempt) and a new one (the
//! same rules as at sign-up, hashed with argon2id). Every session of the account is then
//! revoked and this browser gets a new one, so a stolen session ends with the change.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Form};
use keel_app::accounts::{self as policy, AccountsError};
use keel_store::Accounts;
use serde::Deserialize;

use crate::accounts_pages::{account_page_with, capitalise, now, session_redirect, AccountNotice};
use crate::error::AppError;
use crate::scope::Viewer;
use crate::security::{check_csrf, CsrfSecret};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    old: String,
    new: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "password", Some(&form.csrf))?;
    let at = now(&state);
    let ip = peer.ip().to_string();
    let email = viewer.user.email.clone();
    let outcome = state
        .accounts_write(move |db| {
            let user = match policy::login(db, &email, &form.old, &ip, at) {
                Ok(user) => user,
                Err(AccountsError::WrongCredentials) => {
                    return Ok(Err("The current password is wrong.".to_string()))
                }
                Err(e @ AccountsError::RateLimited) => {
                    return Ok(Err(format!("{}.", capitalise(&e.to_string()))))
                }
                Err(e) => return Err(e.into()),
            };
            let hash = match policy::hash_password(&form.new) {
                Ok(h) => h,
                Err(e @ AccountsError::WeakPassword) => {
                    return Ok(Err(format!("The new password: {e}.")))
                }
                Err(e) => return Err(e.into()),
            };
            db.set_password_hash(user.id, &hash)?;
            db.revoke_sessions_of(user.id)?;
            Ok(Ok(policy::open_session(db, &user, at)?))
        })
        .await?;
    match outcome {
        Ok((secret, _)) => Ok(session_redirect(
            "/account?password=changed",
            &headers,
            &secret,
        )),
        Err(message) => {
            let notice = AccountNotice {
                password: Some((true, message)),
                ..AccountNotice::default()
            };
            account_page_with(&state, viewer, &csrf, notice).await
        }
    }
}
