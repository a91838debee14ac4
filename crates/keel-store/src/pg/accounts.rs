//! [`Accounts`] on PostgreSQL: users, athletes, coach links, sessions, invites, notes,
//! calendar feed secrets and login attempts (see `migrations/postgres/0004_accounts.sql`).

use super::conn::{get, Db};
use super::{limit, now, PgDatabase};
use crate::accounts::{
    Accepted, AccountError, AccountResult, Accounts, Athlete, AthleteId, FailedLogins, Invite,
    Note, Role, Secret, Session, User, UserId,
};
use crate::StoreError;
use jiff::Timestamp;
use postgres::error::SqlState;
use postgres::{GenericClient, Row};

const USER_COLUMNS: &str = "id, email, password_hash, role, created_at";

fn user_from_row(r: &Row, o: usize) -> AccountResult<User> {
    let role: String = get(r, o + 3)?;
    Ok(User {
        id: UserId::from_db(get(r, o)?),
        email: get(r, o + 1)?,
        password_hash: get(r, o + 2)?,
        role: Role::parse(&role)?,
        created_at: get(r, o + 4)?,
    })
}

const ATHLETE_COLUMNS: &str = "a.id, a.name, a.user_id, coalesce(u.email, a.email), a.created_at";

fn athlete_from_row(r: &Row) -> AccountResult<Athlete> {
    Ok(Athlete {
        id: AthleteId::from_db(get(r, 0)?),
        name: get(r, 1)?,
        user: get::<Option<i64>>(r, 2)?.map(UserId::from_db),
        email: get(r, 3)?,
        created_at: get(r, 4)?,
    })
}

/// A trimmed, non-empty email of at most 254 characters.
fn clean_email(email: &str) -> AccountResult<&str> {
    let e = email.trim();
    if e.is_empty() || e.len() > 254 || e.chars().any(char::is_control) {
        return Err(StoreError::Invalid {
            field: "email",
            detail: "expected an email address of at most 254 characters".into(),
        }
        .into());
    }
    Ok(e)
}

/// A unique violation on an email index is [`AccountError::EmailTaken`].
fn email_taken(email: &str) -> impl FnOnce(StoreError) -> AccountError + '_ {
    move |e| {
        let unique = matches!(&e, StoreError::Backend(b)
            if b.downcast_ref::<postgres::Error>()
                .is_some_and(|pe| pe.code() == Some(&SqlState::UNIQUE_VIOLATION)));
        if unique {
            AccountError::EmailTaken(email.to_string())
        } else {
            AccountError::Store(e)
        }
    }
}

fn insert_user<C: GenericClient>(
    db: &mut Db<'_, C>,
    email: &str,
    password_hash: &str,
    role: Role,
) -> AccountResult<User> {
    let email = clean_email(email)?;
    // An athlete awaiting a login holds the email too: it is taken unless it is this
    // user's own athlete (then `create_athlete` binds them).
    let row = db
        .one(
            &format!(
                "INSERT INTO users (email, password_hash, role, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING {USER_COLUMNS}"
            ),
            &[&email, &password_hash, &role.as_str(), &now()],
        )
        .map_err(email_taken(email))?;
    db.changed += 1;
    user_from_row(&row, 0)
}

pub(crate) fn insert_athlete<C: GenericClient>(
    db: &mut Db<'_, C>,
    name: &str,
    user: Option<UserId>,
    email: Option<&str>,
) -> AccountResult<AthleteId> {
    if let Some(u) = user {
        let row = db
            .opt("SELECT role FROM users WHERE id = $1", &[&u.get()])?
            .ok_or(AccountError::NotFound("user"))?;
        let role: String = get(&row, 0)?;
        if Role::parse(&role)? != Role::Athlete {
            return Err(AccountError::WrongRole(
                "only an athlete user can hold a training log",
            ));
        }
        if db
            .opt("SELECT id FROM athletes WHERE user_id = $1", &[&u.get()])?
            .is_some()
        {
            return Err(AccountError::AlreadyAnAthlete);
        }
    }
    let email = email.map(clean_email).transpose()?;
    let name = name.trim();
    let row = db
        .one(
            "INSERT INTO athletes (name, user_id, email, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id",
            &[&name, &user.map(UserId::get), &email, &now()],
        )
        .map_err(email_taken(email.unwrap_or_default()))?;
    let id: i64 = get(&row, 0)?;
    db.exec(
        "INSERT INTO data_version (athlete_id, version) VALUES ($1, 0)",
        &[&id],
    )?;
    db.changed += 1;
    Ok(AthleteId::from_db(id))
}

fn link_in<C: GenericClient>(
    db: &mut Db<'_, C>,
    coach: UserId,
    athlete: AthleteId,
) -> AccountResult<bool> {
    let row = db
        .opt("SELECT role FROM users WHERE id = $1", &[&coach.get()])?
        .ok_or(AccountError::NotFound("coach"))?;
    let role: String = get(&row, 0)?;
    if Role::parse(&role)? != Role::Coach {
        return Err(AccountError::WrongRole(
            "only a coach can be linked to athletes",
        ));
    }
    Ok(db.exec(
        "INSERT INTO coach_athletes (coach_id, athlete_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
        &[&coach.get(), &athlete.get(), &now()],
    )? > 0)
}

/// Marks the invite used by nobody yet, atomically: one UPDATE whose condition only one
/// concurrent caller can meet (the row lock makes the second re-check `used_at`).
fn claim_invite<C: GenericClient>(
    db: &mut Db<'_, C>,
    token: &Secret,
    at: Timestamp,
) -> AccountResult<(UserId, Option<AthleteId>)> {
    let row = db
        .opt(
            "UPDATE invites SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL \
             AND expires_at > $2 RETURNING coach_id, athlete_id",
            &[&token.digest(), &at],
        )?
        .ok_or(AccountError::InviteUnusable)?;
    db.changed += 1;
    Ok((
        UserId::from_db(get(&row, 0)?),
        get::<Option<i64>>(&row, 1)?.map(AthleteId::from_db),
    ))
}

fn record_use<C: GenericClient>(
    db: &mut Db<'_, C>,
    token: &Secret,
    user: UserId,
) -> AccountResult<()> {
    db.exec(
        "UPDATE invites SET used_by = $2 WHERE token_hash = $1",
        &[&token.digest(), &user.get()],
    )?;
    Ok(())
}

fn bind_athlete<C: GenericClient>(
    db: &mut Db<'_, C>,
    athlete: AthleteId,
    user: UserId,
) -> AccountResult<()> {
    let n = db.exec(
        "UPDATE athletes SET user_id = $2, email = NULL WHERE id = $1 AND user_id IS NULL",
        &[&athlete.get(), &user.get()],
    )?;
    if n == 0 {
        return Err(AccountError::InviteUnusable);
    }
    Ok(())
}

impl Accounts for PgDatabase {
    fn create_user(&self, email: &str, password_hash: &str, role: Role) -> AccountResult<User> {
        let email = clean_email(email)?;
        self.in_tx_acc(|db| {
            // The email of an athlete awaiting a login is kept for that athlete's invite.
            let waiting = db.opt(
                "SELECT 1 FROM athletes WHERE lower(email) = lower($1)",
                &[&email],
            )?;
            if waiting.is_some() {
                return Err(AccountError::EmailTaken(email.to_string()));
            }
            insert_user(db, email, password_hash, role)
        })
    }

    fn user_by_email(&self, email: &str) -> AccountResult<Option<User>> {
        let email = email.trim();
        self.with_db_acc(|db| {
            db.opt(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE lower(email) = lower($1)"),
                &[&email],
            )?
            .map(|r| user_from_row(&r, 0))
            .transpose()
        })
    }

    fn user(&self, id: UserId) -> AccountResult<Option<User>> {
        self.with_db_acc(|db| {
            db.opt(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"),
                &[&id.get()],
            )?
            .map(|r| user_from_row(&r, 0))
            .transpose()
        })
    }

    fn set_password_hash(&self, user: UserId, password_hash: &str) -> AccountResult<bool> {
        self.with_db_acc(|db| {
            Ok(db.exec(
                "UPDATE users SET password_hash = $2 WHERE id = $1",
                &[&user.get(), &password_hash],
            )? > 0)
        })
    }

    fn create_athlete(
        &self,
        name: &str,
        user: Option<UserId>,
        email: Option<&str>,
    ) -> AccountResult<AthleteId> {
        self.in_tx_acc(|db| {
            if let Some(e) = email {
                let e = clean_email(e)?;
                if db
                    .opt("SELECT 1 FROM users WHERE lower(email) = lower($1)", &[&e])?
                    .is_some()
                {
                    return Err(AccountError::EmailTaken(e.to_string()));
                }
            }
            insert_athlete(db, name, user, email)
        })
    }

    fn athlete_of_user(&self, user: UserId) -> AccountResult<Option<AthleteId>> {
        self.with_db_acc(|db| {
            db.opt("SELECT id FROM athletes WHERE user_id = $1", &[&user.get()])?
                .map(|r| Ok(AthleteId::from_db(get(&r, 0)?)))
                .transpose()
        })
    }

    fn athlete_by_email(&self, email: &str) -> AccountResult<Option<AthleteId>> {
        let email = email.trim();
        self.with_db_acc(|db| {
            db.opt(
                "SELECT a.id FROM athletes a LEFT JOIN users u ON u.id = a.user_id \
                 WHERE lower(u.email) = lower($1) OR lower(a.email) = lower($1) \
                 ORDER BY a.id LIMIT 1",
                &[&email],
            )?
            .map(|r| Ok(AthleteId::from_db(get(&r, 0)?)))
            .transpose()
        })
    }

    fn athlete_info(&self, athlete: AthleteId) -> AccountResult<Athlete> {
        self.with_db_acc(|db| {
            let row = db
                .opt(
                    &format!(
                        "SELECT {ATHLETE_COLUMNS} FROM athletes a \
                         LEFT JOIN users u ON u.id = a.user_id WHERE a.id = $1"
                    ),
                    &[&athlete.get()],
                )?
                .ok_or(AccountError::NotFound("athlete"))?;
            athlete_from_row(&row)
        })
    }

    fn athletes_after(&self, after: Option<AthleteId>, n: usize) -> AccountResult<Vec<AthleteId>> {
        let after = after.map_or(i64::MIN, AthleteId::get);
        self.with_db_acc(|db| {
            db.query(
                "SELECT id FROM athletes WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &limit(n)],
            )?
            .iter()
            .map(|r| Ok(AthleteId::from_db(get(r, 0)?)))
            .collect()
        })
    }

    fn link(&self, coach: UserId, athlete: AthleteId) -> AccountResult<bool> {
        self.in_tx_acc(|db| link_in(db, coach, athlete))
    }

    fn unlink(&self, coach: UserId, athlete: AthleteId) -> AccountResult<bool> {
        self.with_db_acc(|db| {
            Ok(db.exec(
                "DELETE FROM coach_athletes WHERE coach_id = $1 AND athlete_id = $2",
                &[&coach.get(), &athlete.get()],
            )? > 0)
        })
    }

    fn coached_athlete(&self, coach: UserId, athlete: i64) -> AccountResult<Option<AthleteId>> {
        self.with_db_acc(|db| {
            db.opt(
                "SELECT athlete_id FROM coach_athletes WHERE coach_id = $1 AND athlete_id = $2",
                &[&coach.get(), &athlete],
            )?
            .map(|r| Ok(AthleteId::from_db(get(&r, 0)?)))
            .transpose()
        })
    }

    fn athletes_of_coach(&self, coach: UserId) -> AccountResult<Vec<Athlete>> {
        self.with_db_acc(|db| {
            db.query(
                &format!(
                    "SELECT {ATHLETE_COLUMNS} FROM coach_athletes l \
                     JOIN athletes a ON a.id = l.athlete_id \
                     LEFT JOIN users u ON u.id = a.user_id \
                     WHERE l.coach_id = $1 ORDER BY a.name, a.id"
                ),
                &[&coach.get()],
            )?
            .iter()
            .map(athlete_from_row)
            .collect()
        })
    }

    fn coaches_of(&self, athlete: AthleteId) -> AccountResult<Vec<User>> {
        self.with_db_acc(|db| {
            db.query(
                "SELECT u.id, u.email, u.password_hash, u.role, u.created_at \
                 FROM coach_athletes l JOIN users u ON u.id = l.coach_id \
                 WHERE l.athlete_id = $1 ORDER BY lower(u.email)",
                &[&athlete.get()],
            )?
            .iter()
            .map(|r| user_from_row(r, 0))
            .collect()
        })
    }

    fn create_session(
        &self,
        user: UserId,
        secret: &Secret,
        expires_at: Timestamp,
    ) -> AccountResult<()> {
        self.with_db_acc(|db| {
            db.exec(
                "INSERT INTO sessions (id_hash, user_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)",
                &[&secret.digest(), &user.get(), &now(), &expires_at],
            )?;
            Ok(())
        })
    }

    fn session(&self, secret: &Secret, at: Timestamp) -> AccountResult<Option<Session>> {
        self.with_db_acc(|db| {
            db.opt(
                "SELECT u.id, u.email, u.password_hash, u.role, u.created_at, \
                 s.created_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2",
                &[&secret.digest(), &at],
            )?
            .map(|r| {
                Ok(Session {
                    user: user_from_row(&r, 0)?,
                    created_at: get(&r, 5)?,
                    expires_at: get(&r, 6)?,
                })
            })
            .transpose()
        })
    }

    fn revoke_session(&self, secret: &Secret) -> AccountResult<bool> {
        self.with_db_acc(|db| {
            Ok(db.exec(
                "UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL",
                &[&secret.digest(), &now()],
            )? > 0)
        })
    }

    fn revoke_sessions_of(&self, user: UserId) -> AccountResult<u64> {
        self.with_db_acc(|db| {
            Ok(db.exec(
                "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                &[&user.get(), &now()],
            )?)
        })
    }

    fn create_invite(
        &self,
        coach: UserId,
        token: &Secret,
        athlete: Option<AthleteId>,
        expires_at: Timestamp,
    ) -> AccountResult<()> {
        self.in_tx_acc(|db| {
            let row = db
                .opt("SELECT role FROM users WHERE id = $1", &[&coach.get()])?
                .ok_or(AccountError::NotFound("coach"))?;
            let role: String = get(&row, 0)?;
            if Role::parse(&role)? != Role::Coach {
                return Err(AccountError::WrongRole("only a coach can invite athletes"));
            }
            if let Some(a) = athlete {
                let linked = db.opt(
                    "SELECT 1 FROM coach_athletes WHERE coach_id = $1 AND athlete_id = $2",
                    &[&coach.get(), &a.get()],
                )?;
                if linked.is_none() {
                    return Err(AccountError::NotFound("athlete"));
                }
            }
            db.exec(
                "INSERT INTO invites (token_hash, coach_id, athlete_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    &token.digest(),
                    &coach.get(),
                    &athlete.map(AthleteId::get),
                    &now(),
                    &expires_at,
                ],
            )?;
            Ok(())
        })
    }

    fn invite(&self, token: &Secret, at: Timestamp) -> AccountResult<Option<Invite>> {
        self.with_db_acc(|db| {
            db.opt(
                "SELECT coach_id, athlete_id, expires_at FROM invites \
                 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                &[&token.digest(), &at],
            )?
            .map(|r| {
                Ok(Invite {
                    coach: UserId::from_db(get(&r, 0)?),
                    athlete: get::<Option<i64>>(&r, 1)?.map(AthleteId::from_db),
                    expires_at: get(&r, 2)?,
                })
            })
            .transpose()
        })
    }

    fn accept_invite(
        &self,
        token: &Secret,
        at: Timestamp,
        email: &str,
        password_hash: &str,
        name: &str,
    ) -> AccountResult<Accepted> {
        self.in_tx_acc(|db| {
            let (coach, athlete) = claim_invite(db, token, at)?;
            let email = clean_email(email)?;
            // The invited athlete's own email is free for them; any other holder takes it.
            let holder = db.opt(
                "SELECT id FROM athletes WHERE lower(email) = lower($1)",
                &[&email],
            )?;
            if let Some(r) = holder {
                let holder = AthleteId::from_db(get(&r, 0)?);
                if Some(holder) != athlete {
                    return Err(AccountError::EmailTaken(email.to_string()));
                }
                db.exec(
                    "UPDATE athletes SET email = NULL WHERE id = $1",
                    &[&holder.get()],
                )?;
            }
            let user = insert_user(db, email, password_hash, Role::Athlete)?;
            let athlete = match athlete {
                Some(a) => {
                    bind_athlete(db, a, user.id)?;
                    a
                }
                None => insert_athlete(db, name, Some(user.id), None)?,
            };
            link_in(db, coach, athlete)?;
            record_use(db, token, user.id)?;
            Ok(Accepted {
                user: user.id,
                athlete,
                coach,
            })
        })
    }

    fn accept_invite_as(
        &self,
        token: &Secret,
        at: Timestamp,
        user: UserId,
    ) -> AccountResult<Accepted> {
        self.in_tx_acc(|db| {
            let (coach, invited) = claim_invite(db, token, at)?;
            let own = db
                .opt("SELECT id FROM athletes WHERE user_id = $1", &[&user.get()])?
                .map(|r| get::<i64>(&r, 0).map(AthleteId::from_db))
                .transpose()?;
            let athlete = match (own, invited) {
                (Some(a), _) => a,
                (None, Some(a)) => {
                    bind_athlete(db, a, user)?;
                    a
                }
                (None, None) => {
                    let row = db
                        .opt("SELECT email FROM users WHERE id = $1", &[&user.get()])?
                        .ok_or(AccountError::NotFound("user"))?;
                    let email: String = get(&row, 0)?;
                    insert_athlete(db, &email, Some(user), None)?
                }
            };
            link_in(db, coach, athlete)?;
            record_use(db, token, user)?;
            Ok(Accepted {
                user,
                athlete,
                coach,
            })
        })
    }

    fn add_note(&self, athlete: AthleteId, author: UserId, text: &str) -> AccountResult<Note> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::Invalid {
                field: "note",
                detail: "must not be empty".into(),
            }
            .into());
        }
        self.with_db_acc(|db| {
            let row = db.one(
                "INSERT INTO coach_notes (athlete_id, author_id, text, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id, created_at",
                &[&athlete.get(), &author.get(), &text, &now()],
            )?;
            Ok(Note {
                id: get(&row, 0)?,
                athlete,
                author,
                text: text.to_string(),
                created_at: get(&row, 1)?,
            })
        })
    }

    fn notes(&self, athlete: AthleteId, n: usize) -> AccountResult<Vec<Note>> {
        self.with_db_acc(|db| {
            db.query(
                "SELECT id, author_id, text, created_at FROM coach_notes WHERE athlete_id = $1 \
                 ORDER BY created_at DESC, id DESC LIMIT $2",
                &[&athlete.get(), &limit(n)],
            )?
            .iter()
            .map(|r| {
                Ok(Note {
                    id: get(r, 0)?,
                    athlete,
                    author: UserId::from_db(get(r, 1)?),
                    text: get(r, 2)?,
                    created_at: get(r, 3)?,
                })
            })
            .collect()
        })
    }

    fn rotate_feed_secret(&self, athlete: AthleteId, secret: &Secret) -> AccountResult<()> {
        self.in_tx_acc(|db| {
            let at = now();
            db.exec(
                "UPDATE calendar_feeds SET revoked_at = $2 WHERE athlete_id = $1 \
                 AND revoked_at IS NULL",
                &[&athlete.get(), &at],
            )?;
            db.exec(
                "INSERT INTO calendar_feeds (secret_hash, athlete_id, created_at) \
                 VALUES ($1, $2, $3)",
                &[&secret.digest(), &athlete.get(), &at],
            )?;
            Ok(())
        })
    }

    fn revoke_feed_secrets(&self, athlete: AthleteId) -> AccountResult<u64> {
        self.with_db_acc(|db| {
            Ok(db.exec(
                "UPDATE calendar_feeds SET revoked_at = $2 WHERE athlete_id = $1 \
                 AND revoked_at IS NULL",
                &[&athlete.get(), &now()],
            )?)
        })
    }

    fn athlete_by_feed_secret(&self, secret: &Secret) -> AccountResult<Option<AthleteId>> {
        self.with_db_acc(|db| {
            db.opt(
                "SELECT athlete_id FROM calendar_feeds WHERE secret_hash = $1 \
                 AND revoked_at IS NULL",
                &[&secret.digest()],
            )?
            .map(|r| Ok(AthleteId::from_db(get(&r, 0)?)))
            .transpose()
        })
    }

    fn record_login_attempt(
        &self,
        email: &str,
        ip: &str,
        succeeded: bool,
        at: Timestamp,
    ) -> AccountResult<()> {
        let email = email.trim().to_lowercase();
        self.with_db_acc(|db| {
            db.exec(
                "INSERT INTO login_attempts (email, ip, at, succeeded) VALUES ($1, $2, $3, $4)",
                &[&email, &ip, &at, &succeeded],
            )?;
            Ok(())
        })
    }

    fn failed_logins_since(
        &self,
        email: &str,
        ip: &str,
        since: Timestamp,
    ) -> AccountResult<FailedLogins> {
        let email = email.trim().to_lowercase();
        self.with_db_acc(|db| {
            let row = db.one(
                "SELECT (SELECT count(*) FROM login_attempts WHERE email = $1 AND at >= $3 \
                 AND NOT succeeded), (SELECT count(*) FROM login_attempts WHERE ip = $2 \
                 AND at >= $3 AND NOT succeeded)",
                &[&email, &ip, &since],
            )?;
            let (e, i): (i64, i64) = (get(&row, 0)?, get(&row, 1)?);
            Ok(FailedLogins {
                by_email: e.max(0) as u64,
                by_ip: i.max(0) as u64,
            })
        })
    }

    fn prune_login_attempts(&self, before: Timestamp) -> AccountResult<u64> {
        self.with_db_acc(|db| Ok(db.exec("DELETE FROM login_attempts WHERE at < $1", &[&before])?))
    }
}

impl PgDatabase {
    fn with_db_acc<T>(
        &self,
        f: impl FnOnce(&mut Db<'_, postgres::Client>) -> AccountResult<T>,
    ) -> AccountResult<T> {
        let mut c = self.conn()?;
        let super::conn::PgConn { client, stmts } = &mut *c;
        f(&mut Db::new(client, stmts))
    }

    fn in_tx_acc<T>(
        &self,
        f: impl FnOnce(&mut Db<'_, postgres::Transaction<'_>>) -> AccountResult<T>,
    ) -> AccountResult<T> {
        let mut c = self.conn()?;
        let super::conn::PgConn { client, stmts } = &mut *c;
        let mut tx = client.transaction().map_err(StoreError::from)?;
        let out = f(&mut Db::new(&mut tx, stmts))?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}
