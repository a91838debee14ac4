//! The coach's dashboard: one row per athlete linked to the coach (keel-app's
//! [`keel_app::dashboard::row`]), sortable and filterable with plain links (no script).
//!
//! Speed: the page is kept per coach, sort and filter (plain and gzipped, shared, never
//! copied), with a fingerprint of the coach's athletes and their data versions that
//! PostgreSQL computes in one query (one row back). While nothing was written since it
//! was last checked (this process's writes and other processes' announcements move
//! [`crate::fresh`]'s generation) and that check is younger than [`TTL`], the kept page is
//! served without asking the database; otherwise the fingerprint query decides whether it
//! is still right. When it is not, the athletes and their versions come in two
//! queries, each row is cached per athlete (keyed by its data version and the hour), and
//! the rows that changed are recomputed on both cores. The row cache holds at most
//! [`ROW_CACHE`] rows (cleared when full); the page cache a few dozen pages.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use keel_app::dashboard::Row;
use keel_store::{Accounts, AthleteId, PgDatabase, Role};
use serde::Deserialize;

use crate::backend::LogStore;
use crate::error::AppError;
use crate::fresh::TTL;
use crate::scope::Viewer;
use crate::state::AppState;

/// Rows kept in memory at most.
pub const ROW_CACHE: usize = 50_000;

/// A cached row: (data version, hour, row).
type Cached = (u64, i64, Arc<Row>);

/// Rows computed by one worker: (index among the athletes, row).
type Computed = Result<Vec<(usize, Arc<Row>)>, AppError>;

/// Cached rows by athlete.
#[derive(Default)]
pub struct RowCache {
    rows: Mutex<HashMap<i64, Cached>>,
}

impl RowCache {
    fn get(&self, athlete: i64, version: u64, hour: i64) -> Option<Arc<Row>> {
        let rows = self.rows.lock().ok()?;
        match rows.get(&athlete) {
            Some((v, h, row)) if *v == version && *h == hour => Some(row.clone()),
            _ => None,
        }
    }

    fn put(&self, athlete: i64, version: u64, hour: i64, row: Arc<Row>) {
        if let Ok(mut rows) = self.rows.lock() {
            if rows.len() >= ROW_CACHE && !rows.contains_key(&athlete) {
                rows.clear();
            }
            rows.insert(athlete, (version, hour, row));
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DashQuery {
    sort: Option<String>,
    filter: Option<String>,
    noted: Option<String>,
}

/// One rendered row.
struct RowView {
    id: i64,
    name: String,
    readiness: String,
    back_off: bool,
    signals: String,
    adjustments: Vec<String>,
    week: String,
    month: String,
    load_change: String,
    acwr: String,
    last_checkin: String,
    last_import: String,
    next_race: String,
    problem: String,
}

/// The page: the same for every browser of the coach (no form tokens in it: inviting and
/// notes have their own pages), so it is rendered once per (coach, query, athletes' data
/// versions, hour), gzipped once, and kept.
#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    nav: &'static str,
    account: bool,
    table: String,
    total: usize,
    sort: String,
    filter: String,
    notice: Option<String>,
}

/// The table inside the page.
#[derive(Template)]
#[template(path = "dashboard_table.html")]
struct DashboardTable {
    rows: Vec<RowView>,
    filter: String,
}

/// (coach, sort, filter, notice, hour).
pub type TableKey = (i64, String, String, bool, i64);

/// A rendered dashboard, plain and gzipped, with the fingerprint of the athletes and data
/// versions it was built from, and the generation ([`crate::fresh`]) and time it was last
/// found right at.
pub struct Rendered {
    plain: Bytes,
    gzip: Option<Bytes>,
    fingerprint: String,
    checked: Mutex<(u64, Instant)>,
}

impl Rendered {
    /// Right without asking the database: nothing was written since it was last checked,
    /// less than [`TTL`] ago.
    fn fresh_at(&self, generation: u64) -> bool {
        self.checked
            .lock()
            .is_ok_and(|c| c.0 == generation && c.1.elapsed() < TTL)
    }

    /// Found right at `generation` (read before the check's query).
    fn checked_at(&self, generation: u64) {
        if let Ok(mut c) = self.checked.lock() {
            *c = (generation, Instant::now());
        }
    }
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(body).ok()?;
    e.finish().ok().map(Bytes::from)
}

/// The sort keys offered, with their labels.
const SORTS: &[&str] = &[
    "name",
    "readiness",
    "adjustments",
    "week",
    "compliance",
    "load",
    "acwr",
    "checkin",
    "race",
];

fn pct(done: u32, planned: u32) -> Option<f64> {
    (planned > 0).then(|| f64::from(done) / f64::from(planned))
}

/// Missing values last whatever the order.
fn opt<T: PartialOrd>(x: Option<T>, y: Option<T>, descending: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (x, y) {
        (Some(x), Some(y)) => {
            let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
            if descending {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn rank(r: &Row) -> u8 {
    if r.back_off {
        0
    } else if r.readiness.starts_with("caution") {
        1
    } else {
        2
    }
}

/// Orders two rows by `key` (the ones to look at first), then by name.
fn compare(key: &str, (an, ra): (&str, &Row), (bn, rb): (&str, &Row)) -> std::cmp::Ordering {
    let by = match key {
        "readiness" => rank(ra).cmp(&rank(rb)),
        "adjustments" => rb.adjustments.len().cmp(&ra.adjustments.len()),
        // Lowest completion first.
        "week" => opt(
            pct(ra.week_done, ra.week_planned),
            pct(rb.week_done, rb.week_planned),
            false,
        ),
        "compliance" => opt(
            pct(ra.month_done, ra.month_planned),
            pct(rb.month_done, rb.month_planned),
            false,
        ),
        // Biggest rises and highest ratios first.
        "load" => opt(ra.run_load_change, rb.run_load_change, true),
        "acwr" => opt(ra.acwr, rb.acwr, true),
        // Longest without a check-in first.
        "checkin" => opt(ra.last_checkin, rb.last_checkin, false),
        "race" => opt(
            ra.next_race.as_ref().map(|r| r.0),
            rb.next_race.as_ref().map(|r| r.0),
            false,
        ),
        _ => std::cmp::Ordering::Equal,
    };
    by.then_with(|| an.to_lowercase().cmp(&bn.to_lowercase()))
}

fn keep(filter: &str, r: &Row) -> bool {
    match filter {
        "backoff" => r.back_off,
        "signals" => !r.signals.is_empty(),
        "adjusted" => !r.adjustments.is_empty(),
        // No check-in for 3 days (or none at all).
        "stale" => r.days_since_checkin().is_none_or(|d| d >= 3),
        _ => true,
    }
}

fn short(d: Date) -> String {
    crate::views::short_date(d)
}

fn view(id: i64, name: &str, r: &Row) -> RowView {
    let ratio = |done: u32, planned: u32| {
        if planned == 0 {
            "–".to_string()
        } else {
            format!("{done}/{planned}")
        }
    };
    RowView {
        id,
        name: name.to_string(),
        readiness: if r.readiness.is_empty() {
            "–".into()
        } else {
            r.readiness.clone()
        },
        back_off: r.back_off,
        signals: r.signals.join(", "),
        adjustments: r
            .adjustments
            .iter()
            .map(|(d, rule, text)| format!("{} [{rule}] {text}", short(*d)))
            .collect(),
        week: ratio(r.week_done, r.week_planned),
        month: match pct(r.month_done, r.month_planned) {
            Some(p) if r.month_skipped > 0 => format!(
                "{}/{} ({:.0}%), {} skipped",
                r.month_done,
                r.month_planned,
                p * 100.0,
                r.month_skipped
            ),
            Some(p) => format!("{}/{} ({:.0}%)", r.month_done, r.month_planned, p * 100.0),
            None => "–".into(),
        },
        load_change: r
            .run_load_change
            .map(|c| format!("{c:+.0}%"))
            .unwrap_or_else(|| "–".into()),
        acwr: r
            .acwr
            .map(|a| format!("{a:.2}"))
            .unwrap_or_else(|| "–".into()),
        last_checkin: match (r.last_checkin, r.days_since_checkin()) {
            (Some(d), Some(n)) => format!("{} ({n} d ago)", short(d)),
            _ => "none in 60 days".into(),
        },
        last_import: r.last_import.map(short).unwrap_or_else(|| "–".into()),
        next_race: r
            .next_race
            .as_ref()
            .map(|(d, race)| format!("{race} {}", short(*d)))
            .unwrap_or_else(|| "–".into()),
        problem: r.problem.clone().unwrap_or_default(),
    }
}

/// Rows for `athletes` (with their data versions), from the cache or computed on both
/// cores.
fn rows_of(
    state: &AppState,
    db: &PgDatabase,
    athletes: &[(AthleteId, u64)],
    hour: i64,
) -> Result<Vec<Arc<Row>>, AppError> {
    let cache = &state.caches().dashboard;
    let mut out: Vec<Option<Arc<Row>>> = athletes
        .iter()
        .map(|(a, v)| cache.get(a.get(), *v, hour))
        .collect();
    let missing: Vec<usize> = (0..athletes.len()).filter(|&i| out[i].is_none()).collect();
    if !missing.is_empty() {
        let clock = state.clock();
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
        let chunk = missing.len().div_ceil(workers);
        let computed: Vec<Computed> = std::thread::scope(|s| {
            let handles: Vec<_> = missing
                .chunks(chunk.max(1))
                .map(|part| {
                    let clock = &clock;
                    s.spawn(move || {
                        part.iter()
                            .map(|&i| {
                                let (a, v) = athletes[i];
                                let store = LogStore::Pg(db.athlete(a)?);
                                let row = Arc::new(keel_app::dashboard::row(&store, clock)?);
                                cache.put(a.get(), v, hour, row.clone());
                                Ok((i, row))
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(AppError::internal("dashboard", "worker panicked")))
                })
                .collect()
        });
        for part in computed {
            for (i, row) in part? {
                out[i] = Some(row);
            }
        }
    }
    Ok(out.into_iter().flatten().collect())
}

pub async fn dashboard(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DashQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if viewer.user.role != Role::Coach {
        return Err(AppError::Forbidden(
            "The dashboard is for coaches: your own pages are under Week, Season, Log and Load."
                .into(),
        ));
    }
    let sort = q
        .sort
        .as_deref()
        .filter(|s| SORTS.contains(s))
        .unwrap_or("name")
        .to_string();
    let filter = q
        .filter
        .as_deref()
        .filter(|f| ["backoff", "signals", "adjusted", "stale"].contains(f))
        .unwrap_or("")
        .to_string();
    let coach = viewer.user.id;
    let hour = state
        .clock()
        .system_local()
        .now
        .as_second()
        .div_euclid(3600);
    let st = state.clone();
    let (sort2, filter2) = (sort.clone(), filter.clone());
    let noted = q.noted.is_some();
    let key: TableKey = (coach.get(), sort, filter, noted, hour);
    // Read before anything the page is built from (see crate::fresh).
    let generation = state.fresh().generation();
    let kept = state.caches().dashboards.get(&key);
    let page = match kept {
        Some(page) if page.fresh_at(generation) => page,
        _ => {
            state
                .accounts(move |primary| {
                    // The dashboard reads a replica when one was given (`--read-database`):
                    // a page computed from a replica that lags is replaced once the replica's
                    // fingerprint moves on.
                    let db = st.dashboard_db().unwrap_or(primary);
                    // One small query decides whether the kept page is still right.
                    let fingerprint = db.coach_fingerprint(coach)?;
                    if let Some(hit) = kept.filter(|k| k.fingerprint == fingerprint) {
                        hit.checked_at(generation);
                        return Ok(hit);
                    }
                    let athletes = db.athletes_of_coach(coach)?;
                    let ids: Vec<AthleteId> = athletes.iter().map(|a| a.id).collect();
                    let versions = db.data_versions(&ids)?;
                    let keyed: Vec<(AthleteId, u64)> = ids.into_iter().zip(versions).collect();
                    let rows = rows_of(&st, db, &keyed, hour)?;
                    let total = rows.len();
                    let mut named: Vec<(String, Arc<Row>, i64)> = athletes
                        .into_iter()
                        .zip(rows)
                        .filter(|(_, r)| keep(&filter2, r))
                        .map(|(a, r)| (a.name, r, a.id.get()))
                        .collect();
                    named.sort_by(|a, b| compare(&sort2, (&a.0, &a.1), (&b.0, &b.1)));
                    let rows = named.iter().map(|(n, r, id)| view(*id, n, r)).collect();
                    let table = DashboardTable {
                        rows,
                        filter: filter2.clone(),
                    }
                    .render()?;
                    let html = DashboardPage {
                        nav: "coach",
                        account: true,
                        table,
                        total,
                        sort: sort2,
                        filter: filter2,
                        notice: noted.then(|| {
                            "Note saved: the athlete sees it on their Account page.".into()
                        }),
                    }
                    .render()?;
                    let page = Arc::new(Rendered {
                        gzip: gzip(html.as_bytes()),
                        plain: Bytes::from(html),
                        fingerprint,
                        checked: Mutex::new((generation, Instant::now())),
                    });
                    st.caches().dashboards.put(key, page.clone());
                    Ok(page)
                })
                .await?
        }
    };
    let wants_gzip = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| {
            v.split(',')
                .any(|e| e.trim().split(';').next() == Some("gzip"))
        });
    let mut resp = match (&page.gzip, wants_gzip) {
        (Some(z), true) => {
            let mut r = (StatusCode::OK, z.clone()).into_response();
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            r
        }
        _ => (StatusCode::OK, page.plain.clone()).into_response(),
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(resp)
}
