//! `--week N`, `--from DATE --weeks N` and `--all`: which weeks `keel plan` shows and
//! `keel export fit` exports (keel-app's one choice, [`keel_app::weeks`]).

use jiff::civil::Date;
use keel_app::weeks::Weeks;

/// Which weeks of the plan (default: the current week; the first before the season starts).
#[derive(Debug, Clone, clap::Args)]
pub struct WeekFlags {
    /// Week N of the plan (1 = the first).
    #[arg(long, value_name = "N", conflicts_with_all = ["from", "weeks", "all"],
          value_parser = clap::value_parser!(u32).range(1..=105))]
    pub week: Option<u32>,
    /// Start from the week holding DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg,
          conflicts_with = "all")]
    pub from: Option<Date>,
    /// Number of weeks from the current week, or from --from (default 1).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=105),
          conflicts_with = "all")]
    pub weeks: Option<u32>,
    /// Every week of the plan.
    #[arg(long)]
    pub all: bool,
}

impl WeekFlags {
    /// The choice the flags make.
    pub fn choice(&self) -> Weeks {
        Weeks::from_flags(self.week, self.from, self.weeks, self.all)
    }

    /// Whether any flag chose weeks (otherwise the command shows its default).
    pub fn given(&self) -> bool {
        self.week.is_some() || self.from.is_some() || self.weeks.is_some() || self.all
    }
}
