//! Data versions of many athletes in one query (a coach's dashboard keys each athlete's
//! cached row on it), and one fingerprint of everything a coach's dashboard shows.

use super::PgDatabase;
use crate::accounts::{AthleteId, UserId};
use crate::Result;

impl PgDatabase {
    /// The data version of each athlete in `athletes`, in that order (0 for an athlete
    /// with no row yet), in one query.
    pub fn data_versions(&self, athletes: &[AthleteId]) -> Result<Vec<u64>> {
        let ids: Vec<i64> = athletes.iter().map(|a| a.get()).collect();
        let rows = self.with_db(|db| {
            db.query(
                "SELECT athlete_id, version FROM data_version WHERE athlete_id = ANY($1)",
                &[&ids],
            )
        })?;
        let mut by_id = std::collections::HashMap::with_capacity(rows.len());
        for r in &rows {
            let a: i64 = super::conn::get(r, 0)?;
            let v: i64 = super::conn::get(r, 1)?;
            by_id.insert(a, v.max(0) as u64);
        }
        Ok(ids
            .iter()
            .map(|a| by_id.get(a).copied().unwrap_or(0))
            .collect())
    }
}

impl PgDatabase {
    /// A digest of the athletes linked to `coach` (ids, names, logins) and their data
    /// versions, computed by the server in one query returning one row: it changes
    /// whenever the coach's athletes, their names or anything in their logs changed, so a
    /// page built from them can be kept until it does.
    pub fn coach_fingerprint(&self, coach: UserId) -> Result<String> {
        let row = self.with_db(|db| {
            db.one(
                "SELECT count(*)::text || ':' || coalesce(md5(string_agg( \
                     a.id::text || ',' || coalesce(d.version, 0)::text || ',' || \
                     coalesce(a.user_id::text, '') || ',' || a.name, ';' ORDER BY a.id)), '') \
                 FROM coach_athletes l JOIN athletes a ON a.id = l.athlete_id \
                 LEFT JOIN data_version d ON d.athlete_id = a.id \
                 WHERE l.coach_id = $1",
                &[&coach.get()],
            )
        })?;
        super::conn::get(&row, 0)
    }
}
