//! Coach mode's accounts: who may see whose training log.
//!
//! Storage only: password hashing and policy (argon2id, lengths, rate limits) live in
//! keel-app; this module keeps what they decide. Invariants every implementation keeps:
//!
//! - An [`AthleteId`] cannot be made from a number: it comes out of this trait (an athlete
//!   created, an athlete user's own athlete, an athlete a coach is linked to, a calendar
//!   feed secret, an accepted invite). A handle on an athlete's training log takes one
//!   (`PgDatabase::athlete`), so a route holding a number from a URL must ask
//!   [`Accounts::coached_athlete`] first and cannot read an athlete it may not see.
//! - Emails are unique whatever their case, and found whatever their case.
//! - Session ids, invite tokens and feed secrets are [`Secret`]s: only their SHA-256 is
//!   stored, so a copy of the database opens no session and no feed.
//! - An invite is used at most once, also when two people accept it at the same moment.

use crate::{Result, StoreError};
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use std::fmt;

/// An athlete (a training log) on the server. Obtained only from [`Accounts`]; see the
/// module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AthleteId(i64);

impl AthleteId {
    /// Only the accounts layer (this crate) makes athlete ids.
    pub(crate) fn from_db(id: i64) -> AthleteId {
        AthleteId(id)
    }

    /// The number, for URLs and messages (turn it back into an id with
    /// [`Accounts::coached_athlete`] or [`Accounts::athlete_of_user`]).
    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for AthleteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A user (a login). Obtained only from [`Accounts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(i64);

impl UserId {
    pub(crate) fn from_db(id: i64) -> UserId {
        UserId(id)
    }

    /// The number, for logs and messages.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Sees and edits the athletes linked to them.
    Coach,
    /// Sees only their own training log.
    Athlete,
}

impl Role {
    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coach => "coach",
            Role::Athlete => "athlete",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Role> {
        match s {
            "coach" => Ok(Role::Coach),
            "athlete" => Ok(Role::Athlete),
            other => Err(crate::StoreError::Decode {
                what: "role",
                detail: other.to_string(),
            }),
        }
    }
}

/// A stored user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: UserId,
    /// Email as given at sign-up (compare case-insensitively).
    pub email: String,
    /// The password hash string (PHC format from keel-app).
    pub password_hash: String,
    /// Coach or athlete.
    pub role: Role,
    /// When the account was created.
    pub created_at: Timestamp,
}

/// A stored athlete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Athlete {
    /// Id.
    pub id: AthleteId,
    /// Display name.
    pub name: String,
    /// The athlete user who logs in as this athlete, if any yet.
    pub user: Option<UserId>,
    /// The email the athlete logs in with (the user's), or will be invited at.
    pub email: Option<String>,
    /// When it was created.
    pub created_at: Timestamp,
}

/// A random secret handed to a browser or a calendar (a session id, an invite token, a
/// feed secret): 256 bits from the operating system's generator, as 64 hex digits. Only
/// its SHA-256 is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A new random secret.
    pub fn generate() -> Result<Secret> {
        let mut buf = [0u8; 32];
        getrandom::fill(&mut buf).map_err(|e| StoreError::Backend(e.to_string().into()))?;
        Ok(Secret(crate::hash::hex(&buf)))
    }

    /// A secret as received (a cookie, a URL).
    pub fn from_text(text: &str) -> Secret {
        Secret(text.to_string())
    }

    /// The text to hand out.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What is stored: SHA-256 of the text.
    pub(crate) fn digest(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// A login session, found by its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Whose.
    pub user: User,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it stops being valid.
    pub expires_at: Timestamp,
}

/// An invite that can still be accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    /// The coach who sent it.
    pub coach: UserId,
    /// The athlete it is for, when the coach created one already.
    pub athlete: Option<AthleteId>,
    /// When it stops being valid.
    pub expires_at: Timestamp,
}

/// What accepting an invite did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    /// The athlete user (new, or the one who accepted).
    pub user: UserId,
    /// Their athlete (the invite's, or a new one).
    pub athlete: AthleteId,
    /// The coach now linked to them.
    pub coach: UserId,
}

/// A coach's note to an athlete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Row id.
    pub id: i64,
    /// Whose log it belongs to.
    pub athlete: AthleteId,
    /// Who wrote it.
    pub author: UserId,
    /// The text.
    pub text: String,
    /// When.
    pub created_at: Timestamp,
}

/// Failed login attempts counted for rate limiting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FailedLogins {
    /// For this email (any case), from any address.
    pub by_email: u64,
    /// From this address, for any email.
    pub by_ip: u64,
}

/// Why an account operation was refused (besides the database failing).
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Another user (or athlete awaiting a login) has this email, whatever its case.
    #[error("the email {0} is already used")]
    EmailTaken(String),
    /// The invite is unknown, expired or already used.
    #[error("this invite link is not valid (unknown, expired or already used)")]
    InviteUnusable,
    /// The user has the wrong role for this (a coach cannot hold a training log, an
    /// athlete cannot coach).
    #[error("{0}")]
    WrongRole(&'static str),
    /// The user already has an athlete (one per athlete user).
    #[error("this user already has a training log")]
    AlreadyAnAthlete,
    /// No such user or athlete.
    #[error("no such {0}")]
    NotFound(&'static str),
    /// The database failed, or refused a value.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Shorthand for account results.
pub type AccountResult<T> = std::result::Result<T, AccountError>;

/// The accounts storage coach mode needs (see the module docs for its invariants). Times
/// that decide validity (`now`, expiries) are parameters: the caller reads the clock.
pub trait Accounts {
    /// Creates a user. Emails are trimmed, unique whatever their case.
    fn create_user(&self, email: &str, password_hash: &str, role: Role) -> AccountResult<User>;
    /// The user with this email, whatever its case.
    fn user_by_email(&self, email: &str) -> AccountResult<Option<User>>;
    /// A user by id.
    fn user(&self, id: UserId) -> AccountResult<Option<User>>;
    /// Replaces a user's password hash; false if there is no such user.
    fn set_password_hash(&self, user: UserId, password_hash: &str) -> AccountResult<bool>;

    /// Creates an athlete: for an athlete user (one each), or without a login yet (a coach
    /// creating one, `keel migrate`), then with the email they will be invited at.
    fn create_athlete(
        &self,
        name: &str,
        user: Option<UserId>,
        email: Option<&str>,
    ) -> AccountResult<AthleteId>;
    /// An athlete user's own athlete.
    fn athlete_of_user(&self, user: UserId) -> AccountResult<Option<AthleteId>>;
    /// The athlete whose login (or invitation) email this is, whatever its case.
    fn athlete_by_email(&self, email: &str) -> AccountResult<Option<AthleteId>>;
    /// An athlete's details.
    fn athlete_info(&self, athlete: AthleteId) -> AccountResult<Athlete>;
    /// Every athlete after `after` (by id), at most `limit`: for jobs over all athletes.
    fn athletes_after(
        &self,
        after: Option<AthleteId>,
        limit: usize,
    ) -> AccountResult<Vec<AthleteId>>;

    /// Links a coach to an athlete; false if they were linked already.
    fn link(&self, coach: UserId, athlete: AthleteId) -> AccountResult<bool>;
    /// Removes a link (the athlete leaves the coach, or the coach lets go); false if there
    /// was none.
    fn unlink(&self, coach: UserId, athlete: AthleteId) -> AccountResult<bool>;
    /// The athlete numbered `athlete` if `coach` is linked to it, else `None`: the way from
    /// a number in a URL to an [`AthleteId`].
    fn coached_athlete(&self, coach: UserId, athlete: i64) -> AccountResult<Option<AthleteId>>;
    /// The athletes linked to a coach, by name.
    fn athletes_of_coach(&self, coach: UserId) -> AccountResult<Vec<Athlete>>;
    /// The coaches linked to an athlete, by email.
    fn coaches_of(&self, athlete: AthleteId) -> AccountResult<Vec<User>>;

    /// Stores a new session for `user` (its secret hashed).
    fn create_session(
        &self,
        user: UserId,
        secret: &Secret,
        expires_at: Timestamp,
    ) -> AccountResult<()>;
    /// The session with this secret if it is neither expired at `now` nor revoked.
    fn session(&self, secret: &Secret, now: Timestamp) -> AccountResult<Option<Session>>;
    /// Revokes one session (logout); false if there was no live one.
    fn revoke_session(&self, secret: &Secret) -> AccountResult<bool>;
    /// Revokes every session of a user (password change, "log out everywhere"); how many.
    fn revoke_sessions_of(&self, user: UserId) -> AccountResult<u64>;

    /// Stores a one-time invite from a coach (its token hashed), optionally for an athlete
    /// the coach created already (who must be linked to the coach).
    fn create_invite(
        &self,
        coach: UserId,
        token: &Secret,
        athlete: Option<AthleteId>,
        expires_at: Timestamp,
    ) -> AccountResult<()>;
    /// The invite with this token if it can still be accepted at `now` (reads only).
    fn invite(&self, token: &Secret, now: Timestamp) -> AccountResult<Option<Invite>>;
    /// Accepts an invite as a new athlete user, in one transaction: the invite is marked
    /// used (once: a second acceptance gets [`AccountError::InviteUnusable`]), the user is
    /// created, given the invite's athlete (or a new one named `name`), and linked to the
    /// coach. Nothing is written when any step fails.
    fn accept_invite(
        &self,
        token: &Secret,
        now: Timestamp,
        email: &str,
        password_hash: &str,
        name: &str,
    ) -> AccountResult<Accepted>;
    /// Accepts an invite as an existing athlete user (linking their athlete to the coach),
    /// once, atomically.
    fn accept_invite_as(
        &self,
        token: &Secret,
        now: Timestamp,
        user: UserId,
    ) -> AccountResult<Accepted>;

    /// Adds a coach's note to an athlete's log.
    fn add_note(&self, athlete: AthleteId, author: UserId, text: &str) -> AccountResult<Note>;
    /// The newest `limit` notes on an athlete, newest first.
    fn notes(&self, athlete: AthleteId, limit: usize) -> AccountResult<Vec<Note>>;

    /// Makes `secret` the athlete's calendar feed secret, revoking any earlier one, in one
    /// transaction (create and rotate alike).
    fn rotate_feed_secret(&self, athlete: AthleteId, secret: &Secret) -> AccountResult<()>;
    /// Revokes the athlete's feed secrets; how many were live.
    fn revoke_feed_secrets(&self, athlete: AthleteId) -> AccountResult<u64>;
    /// The athlete whose live feed secret this is.
    fn athlete_by_feed_secret(&self, secret: &Secret) -> AccountResult<Option<AthleteId>>;

    /// Records a login attempt (email lowercased) from an address.
    fn record_login_attempt(
        &self,
        email: &str,
        ip: &str,
        succeeded: bool,
        at: Timestamp,
    ) -> AccountResult<()>;
    /// Failed attempts since `since` for this email and from this address.
    fn failed_logins_since(
        &self,
        email: &str,
        ip: &str,
        since: Timestamp,
    ) -> AccountResult<FailedLogins>;
    /// Deletes attempts older than `before`; how many.
    fn prune_login_attempts(&self, before: Timestamp) -> AccountResult<u64>;
}
