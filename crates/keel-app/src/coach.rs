//! Coach mode's jobs over the server's athletes: replanning every athlete after a night's
//! imports, and moving a runner's log between a SQLite file and an athlete of the server.
//!
//! Replanning does for each athlete what `keel today` does for one runner: the plan in
//! force today (in the athlete's time zone) from the stored profile, adapted to the log,
//! and the adjustments in force recorded. Athletes are read in batches
//! ([`PgDatabase::windows`]: a few queries per batch, not per athlete), planned on every
//! worker thread through the same [`Store`] trait (a [`WindowStore`] per athlete), and the
//! changed adjustments of a batch are written in one transaction (a few statements, see
//! [`PgDatabase::sync_adjustments_many`]) on a thread of their own while the next batch is
//! read and planned. At most three batches are in memory at once (one read ahead, one
//! planned, one's adjustments written), whatever the number of athletes. An athlete that
//! cannot be planned is counted and listed with the reason; the others go on.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;

use jiff::tz::TimeZone;
use jiff::ToSpan;
use keel_store::{
    AdjustmentsInForce, AthleteId, LogDump, MigrateTarget, PgDatabase, Restored, SqliteStore,
    Store, Window, WindowStore,
};

use crate::adapt::{HISTORY_DAYS, HORIZON_DAYS};
use crate::clock::Clock;
use crate::plan::{changes_in_force, ProfileInForce};
use crate::AppError;

/// What replanning one athlete found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replanned {
    /// Today is in the plan: its adjustments in force (how many) were recorded.
    InPlan(usize),
    /// Today is outside the plan (before the season or after it): nothing recorded.
    OutsidePlan,
    /// No profile stored yet.
    NoProfile,
}

/// Replans one athlete through any store, as `keel today` does for the stored profile
/// (the same profile, time zone, plan and adjustments; the profile parsed once).
pub fn replan_one(store: &mut impl Store, clock: &Clock) -> Result<Replanned, AppError> {
    let Some(stored) = store.latest_profile()? else {
        return Ok(Replanned::NoProfile);
    };
    let profile = keel_profile::parse_profile(&stored.source, &stored.toml)
        .map_err(AppError::StoredProfile)?;
    let tz = crate::clock::time_zone(Some(&profile), clock.system_tz())?;
    let today = clock.local(tz.clone()).today;
    let stored_on = stored.set_at.to_zoned(tz.clone()).date();
    let in_force = ProfileInForce {
        profile,
        name: stored.source,
        anchor: crate::plan::anchor(Some(stored_on), today),
        stored: true,
    };
    let Some(changes) = changes_in_force(&*store, &in_force, today, &tz)? else {
        return Ok(Replanned::OutsidePlan);
    };
    crate::adapt::record(store, today, &changes)?;
    Ok(Replanned::InPlan(changes.len()))
}

/// How [`replan_all`] runs.
#[derive(Debug, Clone, Copy)]
pub struct ReplanOptions {
    /// Athletes read and planned together.
    pub batch: usize,
    /// Planning threads.
    pub workers: usize,
}

impl Default for ReplanOptions {
    fn default() -> Self {
        ReplanOptions {
            batch: 500,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The failures [`ReplanSummary`] lists with their reason (the rest are counted).
pub const MAX_FAILURES: usize = 20;

/// What [`replan_all`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplanSummary {
    /// Athletes replanned.
    pub athletes: u64,
    /// Athletes with today in their plan.
    pub in_plan: u64,
    /// Of those, athletes with at least one adjustment in force.
    pub adjusted: u64,
    /// Athletes whose recorded adjustments changed (written; during the run, as of the
    /// batches written so far: a batch is written while the next is planned).
    pub changed: u64,
    /// Athletes with today outside their plan.
    pub outside: u64,
    /// Athletes without a profile.
    pub no_profile: u64,
    /// Athletes that could not be planned (their stored profile no longer validates, ...);
    /// the others are planned and recorded all the same.
    pub failed: u64,
    /// The first [`MAX_FAILURES`] failures: athlete and reason.
    pub failures: Vec<(AthleteId, String)>,
}

/// The dates every athlete's day lies in: today in any time zone is within a day of
/// today in UTC (or the fixed day itself).
fn window_for(clock: &Clock) -> Window {
    let utc_today = clock.local(TimeZone::UTC).today;
    let to = utc_today.saturating_add(1.day());
    Window {
        from: utc_today.saturating_sub((HISTORY_DAYS + 2).days()),
        to,
        adjustments_to: to.saturating_add((HORIZON_DAYS + 1).days()),
    }
}

type Batch = Result<Vec<keel_store::AthleteWindow>, keel_store::StoreError>;

/// Replans every athlete of the server (see the module docs); `progress` is called after
/// each batch with the running summary.
pub fn replan_all(
    db: &PgDatabase,
    clock: &Clock,
    options: ReplanOptions,
    mut progress: impl FnMut(&ReplanSummary),
) -> Result<ReplanSummary, AppError> {
    let window = window_for(clock);
    let batch = options.batch.max(1);
    let workers = options.workers.max(1);
    let mut summary = ReplanSummary::default();
    std::thread::scope(|scope| -> Result<(), AppError> {
        // One batch read ahead while the previous one is planned and written.
        let (tx, rx) = mpsc::sync_channel::<Batch>(1);
        scope.spawn(move || {
            let mut after: Option<AthleteId> = None;
            loop {
                let ids = match keel_store::Accounts::athletes_after(db, after, batch) {
                    Ok(ids) => ids,
                    Err(e) => {
                        let e = match e {
                            keel_store::AccountError::Store(s) => s,
                            other => keel_store::StoreError::Backend(other.to_string().into()),
                        };
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                let Some(&last) = ids.last() else { return };
                after = Some(last);
                let read = db.windows(&ids, window);
                let failed = read.is_err();
                if tx.send(read).is_err() || failed {
                    return;
                }
            }
        });
        // The adjustments of one batch written while the next is planned.
        let (to_write, writes) = mpsc::sync_channel::<Vec<AdjustmentsInForce>>(1);
        let (written_tx, written) = mpsc::channel::<Result<usize, keel_store::StoreError>>();
        scope.spawn(move || {
            for pending in writes {
                let out = db.sync_adjustments_many(&pending);
                let failed = out.is_err();
                if written_tx.send(out).is_err() || failed {
                    return;
                }
            }
        });
        for read in rx {
            let stores: Vec<WindowStore> = read?.into_iter().map(WindowStore::new).collect();
            let results = plan_batch(stores, clock, workers);
            let mut pending: Vec<AdjustmentsInForce> = Vec::new();
            for (athlete, outcome, sync) in results {
                summary.athletes += 1;
                match outcome {
                    Ok(Replanned::InPlan(n)) => {
                        summary.in_plan += 1;
                        summary.adjusted += u64::from(n > 0);
                    }
                    Ok(Replanned::OutsidePlan) => summary.outside += 1,
                    Ok(Replanned::NoProfile) => summary.no_profile += 1,
                    Err(e) => {
                        summary.failed += 1;
                        if summary.failures.len() < MAX_FAILURES {
                            summary.failures.push((athlete, e.to_string()));
                        }
                    }
                }
                pending.extend(sync);
            }
            while let Ok(n) = written.try_recv() {
                summary.changed += n? as u64;
            }
            if to_write.send(pending).is_err() {
                break; // the writer stopped on an error, received below
            }
            progress(&summary);
        }
        drop(to_write);
        for n in written {
            summary.changed += n? as u64;
        }
        Ok(())
    })?;
    Ok(summary)
}

/// One athlete's outcome and the adjustments to record for it.
type Planned1 = (
    AthleteId,
    Result<Replanned, AppError>,
    Option<AdjustmentsInForce>,
);

/// A planning failure that is a bug in keel, not in the athlete's data.
fn unexpected() -> AppError {
    AppError::Store(keel_store::StoreError::Backend(
        "planning this athlete failed unexpectedly".into(),
    ))
}

/// Plans a batch on `workers` threads, each taking every `workers`-th athlete.
fn plan_batch(stores: Vec<WindowStore>, clock: &Clock, workers: usize) -> Vec<Planned1> {
    let mut lanes: Vec<Vec<WindowStore>> = (0..workers).map(|_| Vec::new()).collect();
    for (i, s) in stores.into_iter().enumerate() {
        lanes[i % workers].push(s);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = lanes
            .into_iter()
            .map(|lane| {
                let ids: Vec<AthleteId> = lane.iter().map(WindowStore::athlete).collect();
                let handle = scope.spawn(move || {
                    lane.into_iter()
                        .map(|mut s| {
                            // A bug that panics on one athlete's data fails that athlete only.
                            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                                replan_one(&mut s, clock)
                            }))
                            .unwrap_or_else(|_| Err(unexpected()));
                            (s.athlete(), outcome, s.take_pending())
                        })
                        .collect::<Vec<_>>()
                });
                (ids, handle)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(ids, h)| {
                // A planning thread that panicked (a bug) fails its athletes, never the job.
                h.join().unwrap_or_else(|_| {
                    ids.into_iter()
                        .map(|a| (a, Err(unexpected()), None))
                        .collect()
                })
            })
            .collect()
    })
}

/// The name of an athlete created for a log: its stored profile's `[athlete].name`, else
/// `fallback`.
pub fn athlete_name(dump: &LogDump, fallback: &str) -> String {
    dump.profiles
        .last()
        .and_then(|p| keel_profile::parse_profile(&p.source, &p.toml).ok())
        .map(|p| p.athlete.name)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

/// Copies a runner's whole SQLite log into an athlete of the server (found by `email`, or
/// created), in one transaction; refused when that athlete already holds a log unless
/// `replace`. Returns what was copied.
pub fn migrate_to_server(
    local: &SqliteStore,
    db: &PgDatabase,
    email: Option<&str>,
    replace: bool,
) -> Result<(Restored, LogDump), AppError> {
    let dump = local.dump()?;
    let name = athlete_name(&dump, email.unwrap_or("Runner"));
    let target = match email {
        Some(email) => MigrateTarget::Email { email, name: &name },
        None => MigrateTarget::New { name: &name },
    };
    let restored = db.restore(target, &dump, replace)?;
    Ok((restored, dump))
}

/// Copies an athlete's whole log from the server into `local`, a SQLite log that must be
/// empty, in one transaction.
pub fn migrate_from_server(
    db: &PgDatabase,
    athlete: AthleteId,
    local: &mut SqliteStore,
) -> Result<LogDump, AppError> {
    let dump = db.dump(athlete)?;
    local.restore(&dump)?;
    Ok(dump)
}
