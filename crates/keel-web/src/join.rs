//! An invite opened by an athlete who is logged in already: "join coach X" (one button)
//! instead of the sign-up form, linking their own log to the coach
//! ([`Accounts::accept_invite_as`]). A coach's account cannot join a coach.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use keel_store::accounts::Invite;
use keel_store::{AccountError, Accounts, Role, Secret};

use crate::accounts_pages::{html, now, unusable};
use crate::error::AppError;
use crate::scope::Viewer;
use crate::security::{see_other, CsrfSecret};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "invite_join.html")]
struct JoinPage {
    nav: &'static str,
    account: bool,
    token: String,
    coach: String,
    email: String,
    csrf: String,
}

/// The page offering a logged-in athlete to join the invite's coach.
pub async fn page(
    state: &AppState,
    viewer: Viewer,
    invite: Invite,
    token: String,
    csrf: &CsrfSecret,
) -> Result<Response, AppError> {
    let coach = state
        .accounts(move |db| Ok(db.user(invite.coach)?))
        .await?
        .ok_or_else(unusable)?
        .email;
    html(
        StatusCode::OK,
        JoinPage {
            nav: "",
            account: true,
            token,
            coach,
            email: viewer.user.email,
            csrf: csrf.token("accept"),
        },
    )
}

/// Links the logged-in athlete to the invite's coach (the invite is used once), then their
/// Account page, where the coach now shows.
pub async fn accept(
    state: &AppState,
    viewer: Viewer,
    secret: Secret,
) -> Result<Response, AppError> {
    if viewer.user.role != Role::Athlete {
        return Err(AppError::Forbidden(
            "A coach's account cannot join a coach: log out, then open the link again to make an athlete's account.".into(),
        ));
    }
    let (user, at) = (viewer.user.id, now(state));
    state
        .accounts_write(move |db| match db.accept_invite_as(&secret, at, user) {
            Ok(_) => Ok(()),
            Err(AccountError::InviteUnusable) => Err(unusable()),
            Err(e) => Err(e.into()),
        })
        .await?;
    Ok(see_other("/account"))
}
