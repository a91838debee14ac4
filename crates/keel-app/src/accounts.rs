//! Coach mode's account policy: passwords hashed with argon2id, logins rate-limited,
//! sessions and invites given their lifetimes. Storage is keel-store's [`Accounts`].
//!
//! Invariants:
//! - a password is never stored or logged: only its argon2id PHC string (random salt,
//!   the `argon2` crate's default cost, OWASP's recommended minimum: 19 MiB, 2 passes);
//! - a login that fails says only "wrong email or password" whether the email exists or
//!   not, and costs one argon2 verification either way (no timing oracle on emails);
//! - more than [`MAX_FAILED_PER_EMAIL`] failures for an email, or [`MAX_FAILED_PER_IP`]
//!   from one address, within [`LOGIN_WINDOW_MINUTES`] refuse further attempts (even with
//!   the right password) until the window moves on; every attempt is recorded.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use jiff::{SignedDuration, Timestamp};
use keel_store::accounts::{AccountError, User};
use keel_store::{Accounts, Role, Secret};

/// Shortest accepted password (NIST SP 800-63B's minimum for chosen passwords).
pub const MIN_PASSWORD: usize = 10;
/// Longest accepted password, bytes (argon2 takes any length; this bounds the work a
/// request can ask for).
pub const MAX_PASSWORD: usize = 1024;
/// How long a login session lasts.
pub const SESSION_DAYS: i64 = 14;
/// How long an invite link stays valid.
pub const INVITE_DAYS: i64 = 7;
/// The rate-limit window.
pub const LOGIN_WINDOW_MINUTES: i64 = 15;
/// Failed logins for one email within the window before attempts are refused.
pub const MAX_FAILED_PER_EMAIL: u64 = 5;
/// Failed logins from one address within the window before attempts are refused.
pub const MAX_FAILED_PER_IP: u64 = 50;

/// Why an account operation failed.
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    /// The password does not meet the policy.
    #[error("the password must be {MIN_PASSWORD} to {MAX_PASSWORD} bytes long")]
    WeakPassword,
    /// The email is not an address.
    #[error("`{0}` is not an email address")]
    BadEmail(String),
    /// Wrong email or password (which of the two is not said).
    #[error("wrong email or password")]
    WrongCredentials,
    /// Too many failed attempts recently.
    #[error("too many failed logins: wait {LOGIN_WINDOW_MINUTES} minutes and try again")]
    RateLimited,
    /// Hashing failed (the operating system's random generator, or memory).
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// The accounts storage refused or failed.
    #[error(transparent)]
    Account(#[from] AccountError),
}

/// Hashes a password with argon2id and a fresh random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, AccountsError> {
    check_password(password)?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AccountsError::Hash(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AccountsError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AccountsError::Hash(e.to_string()))
}

/// Whether `password` matches a stored PHC string (constant-time in the argon2 crate).
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(h) => Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok(),
        Err(_) => false,
    }
}

/// The password policy: length only (NIST SP 800-63B: no composition rules).
pub fn check_password(password: &str) -> Result<(), AccountsError> {
    if password.chars().count() < MIN_PASSWORD || password.len() > MAX_PASSWORD {
        return Err(AccountsError::WeakPassword);
    }
    Ok(())
}

/// A plausible email address, trimmed: one `@` with text on both sides, no spaces.
pub fn check_email(email: &str) -> Result<String, AccountsError> {
    let e = email.trim();
    let ok = e.len() <= 254
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
        && matches!(e.split_once('@'), Some((a, b)) if !a.is_empty() && b.contains('.') && !b.contains('@'));
    if ok {
        Ok(e.to_string())
    } else {
        Err(AccountsError::BadEmail(
            crate::text::line(email).to_string(),
        ))
    }
}

/// Creates a coach account (`keel coach add-coach`).
pub fn add_coach(db: &impl Accounts, email: &str, password: &str) -> Result<User, AccountsError> {
    let email = check_email(email)?;
    let hash = hash_password(password)?;
    Ok(db.create_user(&email, &hash, Role::Coach)?)
}

/// A PHC string for a password nobody has, verified against when the email is unknown so
/// that a failed login costs the same either way.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"keel-dummy-salt!")
            .unwrap_or_else(|_| unreachable!("16 bytes are a valid salt"));
        Argon2::default()
            .hash_password(b"not a password anyone has", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Checks a login at `now` from address `ip`, rate-limited and recorded (see the module
/// docs). Returns the user on success.
pub fn login(
    db: &impl Accounts,
    email: &str,
    password: &str,
    ip: &str,
    now: Timestamp,
) -> Result<User, AccountsError> {
    let email = email.trim();
    let since = now - SignedDuration::from_mins(LOGIN_WINDOW_MINUTES);
    let failed = db.failed_logins_since(email, ip, since)?;
    if failed.by_email >= MAX_FAILED_PER_EMAIL || failed.by_ip >= MAX_FAILED_PER_IP {
        db.record_login_attempt(email, ip, false, now)?;
        return Err(AccountsError::RateLimited);
    }
    let user = if password.len() > MAX_PASSWORD {
        None
    } else {
        let user = db.user_by_email(email)?;
        let phc = user
            .as_ref()
            .map_or(dummy_hash(), |u| u.password_hash.as_str());
        let ok = verify_password(password, phc);
        user.filter(|_| ok)
    };
    db.record_login_attempt(email, ip, user.is_some(), now)?;
    user.ok_or(AccountsError::WrongCredentials)
}

/// Opens a session for `user` at `now`: the secret to put in the cookie, stored hashed.
pub fn open_session(
    db: &impl Accounts,
    user: &User,
    now: Timestamp,
) -> Result<(Secret, Timestamp), AccountsError> {
    let secret = Secret::generate().map_err(AccountError::from)?;
    let expires = now + SignedDuration::from_hours(24 * SESSION_DAYS);
    db.create_session(user.id, &secret, expires)?;
    Ok((secret, expires))
}

/// Creates a one-time invite from `coach` at `now`: the token for the link.
pub fn invite(
    db: &impl Accounts,
    coach: &User,
    now: Timestamp,
) -> Result<(Secret, Timestamp), AccountsError> {
    if coach.role != Role::Coach {
        return Err(AccountError::WrongRole("only a coach can invite athletes").into());
    }
    let token = Secret::generate().map_err(AccountError::from)?;
    let expires = now + SignedDuration::from_hours(24 * INVITE_DAYS);
    db.create_invite(coach.id, &token, None, expires)?;
    Ok((token, expires))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse batterz", &a));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn policy_refuses_short_and_huge_passwords_and_non_emails() {
        assert!(matches!(
            hash_password("short"),
            Err(AccountsError::WeakPassword)
        ));
        assert!(check_password(&"x".repeat(MAX_PASSWORD + 1)).is_err());
        assert!(check_password("ten chars!").is_ok());
        assert_eq!(check_email("  a@b.org ").unwrap(), "a@b.org");
        for bad in ["", "a", "a@b", "@b.org", "a b@c.org", "a@b@c.org"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_dummy_hash_is_a_valid_argon2id_string() {
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(!verify_password("", dummy_hash()));
    }
}
