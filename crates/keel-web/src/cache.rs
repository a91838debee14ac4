//! Small caches of derived results and rendered pages, keyed by the store's data version.
//!
//! Every key starts with the data version read before the data it was computed from (and
//! "today" where the result depends on it), so an entry is never served after a write;
//! stale entries simply stop being asked for and fall out as newer ones arrive. Each cache
//! holds a handful of entries, so memory stays flat however long the server runs.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use keel_app::plan::Planned;

use crate::load::LoadData;
use crate::pages::LogData;
use crate::views::WeekView;

/// The most recent `cap` results, most recently used first.
pub struct Memo<K, V> {
    cap: usize,
    entries: Mutex<VecDeque<(K, Arc<V>)>>,
}

impl<K: PartialEq, V> Memo<K, V> {
    /// An empty cache of at most `cap` entries.
    pub fn new(cap: usize) -> Self {
        Memo {
            cap: cap.max(1),
            entries: Mutex::new(VecDeque::with_capacity(cap)),
        }
    }

    /// The entry for `key`, if cached.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        let mut e = self.entries.lock().ok()?;
        let i = e.iter().position(|(k, _)| k == key)?;
        let hit = e.remove(i)?;
        let v = hit.1.clone();
        e.push_front(hit);
        Some(v)
    }

    /// Keeps `value` for `key`, dropping the least recently used entry when full.
    pub fn put(&self, key: K, value: Arc<V>) {
        if let Ok(mut e) = self.entries.lock() {
            e.retain(|(k, _)| *k != key);
            e.push_front((key, value));
            e.truncate(self.cap);
        }
    }
}

/// A rendered response body with its status and type.
pub struct Page {
    /// HTTP status.
    pub status: StatusCode,
    /// Headers besides the security ones the middleware adds.
    pub headers: Vec<(header::HeaderName, &'static str)>,
    /// The body.
    pub body: Bytes,
}

impl Page {
    /// A 200 page of this content type.
    pub fn ok(content_type: &'static str, body: impl Into<Bytes>) -> Page {
        Page {
            status: StatusCode::OK,
            headers: vec![(header::CONTENT_TYPE, content_type)],
            body: body.into(),
        }
    }

    /// The response (the body is shared, not copied).
    pub fn response(&self) -> Response {
        let mut r = (self.status, self.body.clone()).into_response();
        for (k, v) in &self.headers {
            r.headers_mut()
                .insert(k.clone(), axum::http::HeaderValue::from_static(v));
        }
        r
    }
}

/// Whose log, at which data version: what every cached result is keyed by. The single
/// runner's file is athlete 0; coach mode's athletes have their ids (never 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DataKey {
    /// The athlete (0: the single runner).
    pub athlete: i64,
    /// The store's data version for that athlete.
    pub version: u64,
}

impl DataKey {
    /// The single runner's file at `version`.
    pub fn local(version: u64) -> DataKey {
        DataKey {
            athlete: 0,
            version,
        }
    }
}

/// (data key, today, date adapted for).
pub type PlanKey = (DataKey, Date, Date);
/// (data key, last day, weeks).
pub type LoadKey = (DataKey, Date, u32);
/// (data key, today, route with its parameters).
pub type PageKey = (DataKey, Date, String);

/// Every cache of the server.
pub struct Caches {
    /// The runner's time zone (the profile in force's, else the system's).
    pub(crate) tz: Memo<DataKey, TimeZone>,
    /// The plan in force and its adaptation, per date.
    pub(crate) planned: Memo<PlanKey, Planned>,
    /// Load series, e1RM history and check-ins for the load page and `/api/load`.
    pub(crate) load: Memo<LoadKey, LoadData>,
    /// The log page's tables (its forms carry per-browser tokens, so the page itself is
    /// rendered each time).
    pub(crate) log: Memo<(DataKey, Date), LogData>,
    /// Whole responses of pages and APIs that are the same for every browser.
    pub(crate) pages: Memo<PageKey, Page>,
    /// Coach mode: the dashboard's rows, per athlete.
    pub(crate) dashboard: crate::dashboard::RowCache,
    /// Coach mode: rendered dashboards, plain and gzipped.
    pub(crate) dashboards: Memo<crate::dashboard::TableKey, crate::dashboard::Rendered>,
    /// The week page's views (its forms carry per-browser tokens, so the page itself is
    /// rendered each time).
    pub(crate) weeks: Memo<PageKey, WeekView>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            tz: Memo::new(2),
            planned: Memo::new(8),
            load: Memo::new(8),
            log: Memo::new(2),
            pages: Memo::new(32),
            dashboard: Default::default(),
            dashboards: Memo::new(64),
            weeks: Memo::new(8),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_recent_entries() {
        let m: Memo<u32, u32> = Memo::new(2);
        m.put(1, Arc::new(10));
        m.put(2, Arc::new(20));
        assert_eq!(m.get(&1).as_deref(), Some(&10)); // 1 is now the most recent
        m.put(3, Arc::new(30));
        assert!(m.get(&2).is_none(), "the least recently used entry goes");
        assert_eq!(m.get(&1).as_deref(), Some(&10));
        assert_eq!(m.get(&3).as_deref(), Some(&30));
        m.put(3, Arc::new(31));
        assert_eq!(
            m.get(&3).as_deref(),
            Some(&31),
            "a new value replaces the old"
        );
    }
}
