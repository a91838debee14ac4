//! Coach mode's freshness: what lets a warm request skip the database.
//!
//! - A *generation* this process bumps after every write it makes and whenever another
//!   process announces one (PostgreSQL LISTEN/NOTIFY, [`keel_store::Changes`], on a thread
//!   of its own). A kept dashboard remembers the generation it was last checked at and is
//!   served without a query while the generation has not moved and the check is younger
//!   than [`TTL`]; otherwise one query checks it again.
//! - Sessions kept [`TTL`] at most, keyed by the SHA-256 of the cookie's secret, at most
//!   [`SESSIONS`] of them (cleared when full). All are dropped at once when this process
//!   logs out, writes to the accounts, or hears of a revocation, a user or a link change
//!   from another.
//!
//! Invariant: the generation is read before the data a result is built from, and bumped
//! after a write commits, so a result built from old data is never kept under a newer
//! generation. [`TTL`] bounds what a lost announcement can cost: a change another
//! server made shows here within that time even if its notification never came.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use keel_store::accounts::User;
use keel_store::{Change, PgDatabase};
use sha2::{Digest, Sha256};

/// How long a kept session or a checked page is trusted without asking the database.
pub const TTL: Duration = Duration::from_secs(5);

/// Sessions kept at most.
pub const SESSIONS: usize = 10_000;

/// How long the listener waits between checks that the server still runs.
const POLL: Duration = Duration::from_millis(500);

/// A kept session: who, until when, and when it was read.
struct KeptSession {
    user: User,
    expires_at: Timestamp,
    read_at: Instant,
}

/// See the module docs.
#[derive(Default)]
pub struct Freshness {
    generation: AtomicU64,
    sessions: Mutex<HashMap<[u8; 32], KeptSession>>,
}

/// The key a session is kept under: the SHA-256 of its secret.
pub fn session_key(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

impl Freshness {
    /// The current generation (read it before reading the data).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// A log or a link changed: kept pages must be checked again.
    pub fn data_changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The accounts changed (a logout, a revocation, a password, a link): kept sessions go,
    /// and kept pages are checked again.
    pub fn accounts_changed(&self) {
        if let Ok(mut s) = self.sessions.lock() {
            s.clear();
        }
        self.data_changed();
    }

    /// The user of a kept session, if it was read less than [`TTL`] ago and is still
    /// valid at `now`.
    pub fn session(&self, key: &[u8; 32], now: Timestamp) -> Option<User> {
        let s = self.sessions.lock().ok()?;
        let kept = s.get(key)?;
        (kept.read_at.elapsed() < TTL && kept.expires_at > now).then(|| kept.user.clone())
    }

    /// Keeps a session just read, unless the accounts changed since `generation` (read
    /// before the session was).
    pub fn keep_session(&self, key: [u8; 32], user: User, expires_at: Timestamp, generation: u64) {
        let Ok(mut s) = self.sessions.lock() else {
            return;
        };
        if self.generation() != generation {
            return;
        }
        if s.len() >= SESSIONS && !s.contains_key(&key) {
            s.clear();
        }
        s.insert(
            key,
            KeptSession {
                user,
                expires_at,
                read_at: Instant::now(),
            },
        );
    }

    /// Listens for changes other processes announce, on a thread of its own, until the
    /// last strong reference to `this` goes (within [`POLL`]). A lost connection counts as
    /// a change of everything, and is opened again.
    pub fn listen(this: &Arc<Freshness>, db: PgDatabase) {
        let weak = Arc::downgrade(this);
        let spawned = std::thread::Builder::new()
            .name("keel-changes".into())
            .spawn(move || listen_loop(&weak, &db));
        if let Err(e) = spawned {
            eprintln!(
                "keel serve: cannot listen for changes ({e}); pages are checked every {} s",
                TTL.as_secs()
            );
        }
    }
}

fn listen_loop(weak: &Weak<Freshness>, db: &PgDatabase) {
    let mut reported = false;
    while weak.strong_count() > 0 {
        let mut changes = match db.listen() {
            Ok(c) => c,
            Err(e) => {
                if !reported {
                    eprintln!("keel serve: cannot listen for changes ({e}); retrying");
                    reported = true;
                }
                std::thread::sleep(POLL);
                continue;
            }
        };
        // Anything may have changed while nobody listened.
        match weak.upgrade() {
            Some(f) => f.accounts_changed(),
            None => return,
        }
        reported = false;
        loop {
            let got = changes.wait(POLL);
            let Some(f) = weak.upgrade() else { return };
            match got {
                Ok(list) => {
                    if list.contains(&Change::Accounts) {
                        f.accounts_changed();
                    } else if !list.is_empty() {
                        f.data_changed();
                    }
                }
                Err(_) => {
                    f.accounts_changed();
                    break;
                }
            }
        }
    }
}
