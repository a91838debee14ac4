//! The rule book as data: every rule id with its severity, statement and sources.
//!
//! Ids are stable and user-visible: every `why` and every violation names one of them.

use serde::Serialize;

/// How a rule binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The planner never breaks it; `check` reports an error.
    Hard,
    /// The planner prefers it; `check` reports a warning.
    Soft,
    /// Changes a plan in reaction to data (load, check-ins, logs).
    Adapt,
    /// Guidance shown with the plan (fuel, recovery).
    Guidance,
}

impl Severity {
    /// The lowercase id shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hard => "hard",
            Severity::Soft => "soft",
            Severity::Adapt => "adapt",
            Severity::Guidance => "guidance",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule of the rule book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// How it binds.
    pub severity: Severity,
    /// The section of the rule book it belongs to.
    pub group: &'static str,
    /// A short title.
    pub title: &'static str,
    /// The rule with its numbers, in keel's words.
    pub statement: &'static str,
    /// Where it comes from: seed article numbers and research notes.
    pub source: &'static str,
}

macro_rules! rule {
    ($id:literal, $sev:ident, $group:literal, $title:literal, $statement:literal, $source:literal) => {
        RuleInfo {
            id: $id,
            severity: Severity::$sev,
            group: $group,
            title: $title,
            statement: $statement,
            source: $source,
        }
    };
}

/// Every rule of the rule book, in the book's order.
pub static RULES: &[RuleInfo] = &[
    // Placement (hard)
    rule!("run-priority", Hard, "placement", "Key runs come first",
        "Intervals, tempo, hills, long runs and races are fixed in the week; strength is fitted around them and never moves them.",
        "001, 003"),
    rule!("rest-day", Hard, "placement", "One true rest day",
        "Every week keeps at least one day with no run, no strength and no cross-training (walking is fine). Strength never goes on a rest day. A running week without a rest day is flagged.",
        "003, 004"),
    rule!("hard-run-24h", Hard, "placement", "24 h before a hard run",
        "Nothing heavy and no lower-body or full-body strength in the 24 h before a hard run, i.e. not on the day before a hard-run day. Light upper-body or core work is fine that day.",
        "003, 004"),
    rule!("run-then-lift", Hard, "placement", "Run first, then lift",
        "When a day holds a run and strength, the strength comes after the run or at least 6 h away from it; strength never comes before a hard run on the same day.",
        "002, 004"),
    rule!("same-muscle-48h", Hard, "placement", "48 h for the same muscles",
        "Two sessions loading the same muscle groups need 48 h between them, so never on consecutive days or twice a day. Mobility and light core work are exempt.",
        "002"),
    rule!("race-72h", Hard, "placement", "Fresh legs for the race",
        "No lower-body or full-body strength in the 72 h (three days) before a race.",
        "002"),
    // Placement strategy (soft)
    rule!("stack-hard-days", Soft, "strategy", "Stack hard days",
        "Hard days hard, easy days easy: lift after the quality runs (intervals, tempo, hills) so easy and rest days stay easy. The long-run day is a last resort.",
        "002, 004"),
    rule!("easy-day-support", Soft, "strategy", "Lift on easy days",
        "Lift after easy runs, on lighter days or after shorter sessions so the hard sessions stay protected; an easy day before a hard day takes only upper-body or core work.",
        "001"),
    rule!("prefer-short-days", Soft, "strategy", "Prefer shorter run days",
        "Among the allowed days, put strength on the day with the shorter run.",
        "001"),
    rule!("spread-sessions", Soft, "strategy", "Spread the sessions",
        "Spread strength sessions across the week instead of bunching them on consecutive days. Mobility and light sessions are recovery work and do not count.",
        "002"),
    rule!("back-to-back-hard", Soft, "strategy", "An easy day between hard runs",
        "Two hard runs on consecutive days (intervals then a long run, tempo then hills) leave no easy day to absorb either. keel plans around the runner's runs but warns, and suggests an easy or rest day between them.",
        "004 (hard days hard, easy days easy); keel's rule"),
    // Dose (soft)
    rule!("frequency-by-phase", Soft, "dose", "Sessions per week by phase",
        "Off-season 3 sessions a week; base 2 (3 under 48 km / 30 mi a week or when correcting a weakness); build 2 at maintenance, moderate loads; peak 1 (or bodyweight maintenance); taper 1 light; race week 0-1 upper/core/mobility early in the week; recovery 0-1 mobility; no race (fitness) 2, 1 is acceptable.",
        "000, 001, 002, 003, 004"),
    rule!("high-mileage-cap", Soft, "dose", "High-mileage cap",
        "From 80 km (50 mi) a week: at most 2 sessions of 35-45 min, rotating the focus (lower, upper, core) instead of full-body sessions.",
        "002"),
    rule!("session-length", Soft, "dose", "Session length",
        "Sessions last 30-60 min by default and 35-45 min at high mileage; short 10-20 min sessions are a valid choice for a busy week, since regular short sessions beat one huge one.",
        "002, 004"),
    rule!("reps-by-phase", Soft, "dose", "Sets and reps by phase",
        "Base: 2-3 sets of 10-15 reps with progressive overload on compound lifts. Build: 2-3 sets of 8-10 at moderate load. Peak and taper: 1-2 sets of 8-10, light or bodyweight. Off-season: 3-4 sets of 6-12, progressing.",
        "002"),
    rule!("reps-in-reserve", Soft, "dose", "Reps in reserve",
        "Stop each set with 1-2 reps still in the tank; no routine training to failure.",
        "002"),
    rule!("controlled-tempo", Soft, "dose", "Controlled tempo",
        "Lower for 3-4 s, pause briefly, lift with control (tempo 3-1-1), through the full range of motion, breathing out on the effort.",
        "002"),
    rule!("warm-up", Soft, "dose", "Warm up",
        "Every strength session starts with a dynamic warm-up.",
        "002"),
    rule!("movement-screen", Soft, "dose", "Movement screen",
        "Whoever cannot do a bodyweight squat, lunge and hip hinge with good form through the full range gets bodyweight competency and mobility work only, with no external load, until the screen is passed.",
        "002"),
    rule!("upper-on-recovery", Soft, "dose", "Upper body on recovery days",
        "Upper-body and core sessions may go on recovery days because they leave the legs alone.",
        "002"),
    rule!("strength-volume-by-phase", Soft, "dose", "Strength volume falls as running gets specific",
        "Weekly working sets: build is maintenance, at most the base volume and typically about two thirds of it; peak at most half of base; taper a third or less; strength volume never peaks in the biggest running weeks. Loads may hold or rise slightly in build while sets fall.",
        "002"),
    rule!("beginner-start", Soft, "dose", "A beginner's start",
        "A beginner starts with 2 sessions a week of 2 sets per exercise for the first 3 weeks, then builds toward the phase's dose: not dramatically, not overnight.",
        "000, 001"),
    // Exercise selection (soft)
    rule!("exercise-selection", Soft, "exercise-selection", "Exercise selection",
        "In base, build and fitness weeks the leg sessions together cover a hinge, a single-leg exercise (the backbone: step-ups to knee height count), calf and soleus work (straight and bent knee over the weeks), lateral hip work and anti-extension or anti-rotation core; in peak and taper weeks each leg session keeps single-leg and calf work. Only equipment the athlete has; a runner who passed the movement screen gets loaded main lifts where the equipment allows, not competency drills. Every exercise has an easier and a harder variant, and simplifying means stepping down that chain.",
        "000, 002, 003"),
    rule!("exercise-rotation", Soft, "exercise-selection", "Rotate the variants",
        "Variants rotate every block of 3-4 weeks (the weeks between deloads) within the same movement patterns, and a week's two sessions differ, so a 12-16 week season uses well over a dozen distinct exercises without losing the patterns.",
        "002"),
    rule!("plyometrics", Soft, "exercise-selection", "Plyometrics",
        "Low-volume plyometrics (pogo hops, skips, low box or drop jumps, bounding, lateral hops) from the build phase for runners who passed the movement screen and are not beginners: 20-60 foot contacts a session, before the lifts, never the day before a hard run, none in the taper or race week.",
        "002"),
    rule!("exercise-dose", Soft, "exercise-selection", "Each exercise in its own unit",
        "Reps for strength lifts (with reps in reserve); seconds for holds (planks 20-45 s, Copenhagen planks 15-30 s); 1-5 slow reps a side for get-ups; metres for carries; foot contacts for plyometrics; slow reps with no reps-in-reserve target for mobility.",
        "002; keel's rule"),
    rule!("core-not-legs", Soft, "exercise-selection", "Core and upper sessions spare the legs",
        "A session's focus is true of every exercise in it: a core or upper-body session, and any session the day before a hard run, holds no exercise that loads the legs. Copenhagen planks, tibialis raises, full Turkish get-ups, carries and lunging patterns are leg work; a half get-up is not.",
        "003, 004"),
    rule!("legs-first", Soft, "exercise-selection", "Legs first",
        "In a week with leg work, the legs and hips get at least as many sets as the upper body: runners lift for their legs, hips and trunk first, and upper-body work is kept short.",
        "002, 003; keel's rule"),
    // Periodisation (soft)
    rule!("phase-by-date", Soft, "periodisation", "Phases from the race date",
        "Counting back from the race: race week, taper (2 weeks for a half-marathon or longer, 1 for shorter races), peak (2-3 weeks), build (about a third of the block) and base for the rest. Without a race: fitness throughout, or off-season when asked.",
        "002; taper length: research.md"),
    rule!("deload-week", Soft, "periodisation", "Deload weeks",
        "Every 3-4 weeks (every 4th by default, every 3rd from age 40) a deload week cuts strength volume by 20-30% (25% by default, as fewer sets), lowers loads and adds a rep in reserve; running minutes drop by the same share when the running weeks come from a template. Never more than 4 loading weeks in a row (3 from age 40) before the taper begins; the taper counts as unloading.",
        "003, 000"),
    rule!("taper-volume", Soft, "periodisation", "Taper",
        "In the taper running volume drops 40-60% while intensity stays; strength is a single light session.",
        "research.md (Bosquet 2007)"),
    rule!("derived-runs", Soft, "periodisation", "Runs keel derives keep their shape",
        "Runs keel derives from the usual week (deload, taper, race and recovery weeks) keep at least 20 minutes (15 for race-week shake-outs), or their usual length when that is shorter, and the long run stays the week's longest; the longer runs give a little more so the week still falls by the share the phase asks for.",
        "keel's rule"),
    rule!("race-recovery", Soft, "periodisation", "Recover after a race",
        "After a race, no hard running until the legs have recovered: the rest of race week is rest after a marathon or ultra and short recovery runs (30 min at most) after shorter races; a race late in a week (Thursday to Sunday) makes the next week a recovery week of easy running at about 70% of the usual minutes with mobility instead of strength, and the day after any race holds no strength.",
        "phase vocabulary (recovery after a race); keel's rule"),
    // Adaptation (adapt)
    rule!("run-load-increase", Adapt, "adaptation", "Running load rises: strength gives way",
        "When a week's running load rises above the mean of the 3 weeks before: over 10% one set fewer per exercise; over 20% also simplify exercises one step; over 30%, or a long run 20% longer than the longest before, one session fewer (never below 1). Running is never cut by this rule.",
        "001"),
    rule!("overtraining-signals", Adapt, "adaptation", "Overtraining signals",
        "Persistent fatigue, falling performance, frequent illness, poor sleep, mood changes, soreness lasting over two days or lost motivation in check-ins: scale back with an extra rest day, lower intensity, or swap a hard session for easy cross-training or mobility.",
        "003"),
    rule!("soreness-vs-running", Adapt, "adaptation", "Soreness against key runs",
        "Some soreness is normal, soreness that would spoil a key run is not: high leg soreness the day before a key run moves or lightens the next lower-body session; a strength session rated RPE 9+ the day before a hard run suggests an easy run or rest instead.",
        "001, 004"),
    rule!("sleep", Adapt, "adaptation", "Sleep",
        "Aim for 7-9 h a night; several short nights in a row count as an overtraining signal.",
        "003"),
    rule!("progression", Adapt, "adaptation", "Double progression",
        "Keep a load until every set reaches the top of the rep range with reps in reserve, then add 5-10% (rounded to 2.5 kg plates, 5 lb or the next kettlebell) and return to the bottom of the range (8-10). Reps, sets, slower tempo or shorter rest also count as progress. Gradual, over months.",
        "002"),
    rule!("periodic-reset", Adapt, "adaptation", "Periodic reset",
        "Return to lighter loads and higher reps now and then (deload weeks, the start of a new block) for technique and recovery.",
        "002"),
    rule!("age-recovery", Adapt, "adaptation", "Recovery with age",
        "From age 40, or when check-ins show slow recovery, recovery weighs more: a deload every 3rd week and 2 sessions a week rather than 3.",
        "000"),
    rule!("readiness-holds-load", Adapt, "adaptation", "No heavier loads while readiness is down",
        "While readiness says caution or back off, no load goes up: the last load is held, and double progression resumes once readiness is back to ready.",
        "003 (scale back on overtraining signals); keel's rule"),
    rule!("runner-choice", Adapt, "adaptation", "Your changes stand",
        "What you change yourself stands: a swapped exercise stays swapped from its date on, a moved session stays on its new day once the hard rules allow it there (the week's other sessions shift around it), and a skipped session is not made up by doubling another. Adaptation works on top of your changes and never moves a session you moved.",
        "keel's rule"),
    // Recovery and fuel (guidance)
    rule!("protein", Guidance, "fuel", "Protein",
        "1.6-2.2 g of protein per kg of body mass a day, shown in grams for the athlete.",
        "003; research.md"),
    rule!("carbohydrate", Guidance, "fuel", "Carbohydrate",
        "Scale carbohydrate with the day's training time and intensity: rest and light days 3-5 g/kg; about an hour of moderate training 5-7 g/kg; 90 min to 4 h of moderate to hard training 6-10 g/kg; more than 4 h 8-12 g/kg. A 60 min long run is a moderate day.",
        "003; research.md (ACSM/Burke 2011)"),
    rule!("refuel", Guidance, "fuel", "Refuel",
        "Eat carbohydrate and protein within an hour after hard sessions and drink enough, above all on long-run and strength days.",
        "003"),
    rule!("true-rest", Guidance, "fuel", "True rest",
        "Cross-training is not rest: a rest day holds no workout at all.",
        "004"),
    rule!("active-recovery", Guidance, "fuel", "Active recovery",
        "On days that are not rest days, easy runs, mobility, yoga or light stretching help recovery.",
        "003"),
];

/// The rule with this id, if there is one.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Whether `id` names a rule of the book.
pub fn exists(id: &str) -> bool {
    find(id).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id of rules.md, copied from the book's tables.
    const BOOK_IDS: &[&str] = &[
        "run-priority",
        "rest-day",
        "hard-run-24h",
        "run-then-lift",
        "same-muscle-48h",
        "race-72h",
        "stack-hard-days",
        "easy-day-support",
        "prefer-short-days",
        "spread-sessions",
        "frequency-by-phase",
        "high-mileage-cap",
        "session-length",
        "reps-by-phase",
        "reps-in-reserve",
        "controlled-tempo",
        "warm-up",
        "movement-screen",
        "upper-on-recovery",
        "strength-volume-by-phase",
        "beginner-start",
        "exercise-selection",
        "exercise-rotation",
        "plyometrics",
        "exercise-dose",
        "core-not-legs",
        "phase-by-date",
        "deload-week",
        "taper-volume",
        "run-load-increase",
        "overtraining-signals",
        "soreness-vs-running",
        "sleep",
        "progression",
        "periodic-reset",
        "age-recovery",
        "protein",
        "carbohydrate",
        "refuel",
        "true-rest",
        "active-recovery",
    ];

    /// keel's own rules, for what the book leaves open.
    const KEEL_IDS: &[&str] = &[
        "back-to-back-hard",
        "legs-first",
        "derived-runs",
        "race-recovery",
        "readiness-holds-load",
        "runner-choice",
    ];

    #[test]
    fn every_book_id_is_registered() {
        for id in BOOK_IDS.iter().chain(KEEL_IDS) {
            assert!(find(id).is_some(), "missing rule {id}");
        }
        assert_eq!(RULES.len(), BOOK_IDS.len() + KEEL_IDS.len());
    }

    /// The rule book itself: every id in the first column of its tables is registered.
    #[test]
    fn every_id_of_the_rule_book_file_is_registered() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/rules.md");
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{} is missing",
                path.display()
            );
            eprintln!("skipped: {} not found", path.display());
            return;
        };
        let ids: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        assert!(ids.len() >= 40, "{ids:?}");
        for id in ids {
            assert!(find(id).is_some(), "rules.md names `{id}`, keel does not");
            assert!(BOOK_IDS.contains(&id), "{id} missing from BOOK_IDS");
        }
    }

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate {}", r.id);
            assert!(r
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(!r.statement.is_empty() && !r.source.is_empty() && !r.title.is_empty());
        }
    }

    #[test]
    fn placement_rules_are_hard() {
        for id in [
            "run-priority",
            "rest-day",
            "hard-run-24h",
            "run-then-lift",
            "same-muscle-48h",
            "race-72h",
        ] {
            assert_eq!(find(id).map(|r| r.severity), Some(Severity::Hard));
        }
        assert_eq!(
            find("spread-sessions").map(|r| r.severity),
            Some(Severity::Soft)
        );
        assert_eq!(
            find("protein").map(|r| r.severity),
            Some(Severity::Guidance)
        );
        assert!(find("nonsense").is_none());
    }
}
