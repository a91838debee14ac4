//! Data versions of many athletes in one query (a coach's dashboard keys each athlete's
//! cached row on it).

use super::PgDatabase;
use crate::accounts::AthleteId;
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
