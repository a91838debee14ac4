//! iCalendar (RFC 5545) export of a plan: one VEVENT per run and per strength session.
//!
//! Written by hand rather than with a calendar crate so that the output is fully
//! deterministic: the same plan gives byte-identical files (no clock, no random ids), which
//! lets a subscribed calendar or a re-import update events instead of duplicating them.
//!
//! - UID: a hash of the athlete, the date and the session's kind and index that day. It does
//!   not depend on the content, so a changed session keeps its UID.
//! - DTSTAMP: derived from the event's content hash (never the clock).
//! - SEQUENCE: taken from the caller's record of what was exported before
//!   ([`IcsOptions::known`]): unchanged content keeps its number, changed content gets the
//!   next one. [`write_ics`] returns the records to keep for the next export.
//! - Events are all-day unless [`IcsOptions`] gives times of day; timed events carry a TZID
//!   and a VTIMEZONE built from the time zone's real transitions over the plan's dates.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use keel_core::model::{Goal, RunType, Schedule};
use keel_core::plan::{Plan, PlanDay, RunSession, Session, StrengthSession, Timing};

/// Errors of the iCalendar writer.
#[derive(Debug, thiserror::Error)]
pub enum IcsError {
    /// Writing to the output failed.
    #[error("could not write the calendar: {0}")]
    Io(#[from] std::io::Error),
    /// The profile's `schedule.time_zone` is not a known IANA time zone.
    #[error("unknown time zone `{name}` in [schedule]: {reason}")]
    TimeZone {
        /// The name as given.
        name: String,
        /// Why the time zone database rejected it.
        reason: String,
    },
    /// A date or time computation left the supported range (a plan around year 9999).
    #[error("date out of range while placing `{uid}`: {reason}")]
    Range {
        /// The event being placed.
        uid: String,
        /// The arithmetic error.
        reason: String,
    },
}

/// What was exported last time for one UID: its content hash and SEQUENCE number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SequenceRecord {
    /// The event's UID.
    pub uid: String,
    /// Hash of the event's content (summary, description, times), 16 hex digits.
    pub content_hash: String,
    /// The SEQUENCE number written for that content.
    pub sequence: u32,
}

/// How to export: times of day, time zone, which weeks, and previous sequence records.
#[derive(Debug, Clone, Default)]
pub struct IcsOptions {
    /// Local time of runs; `None` gives all-day run events.
    pub run_time: Option<Time>,
    /// Local time of strength sessions done separately from the run.
    pub strength_time: Option<Time>,
    /// Time zone of the times above; `None` writes floating local times.
    pub time_zone: Option<TimeZone>,
    /// Export from the week holding this date (from the first week when it is before the
    /// plan); `None` exports every week.
    pub from: Option<Date>,
    /// At most this many weeks.
    pub weeks: Option<u32>,
    /// Previously exported records by UID (see [`SequenceRecord`]).
    pub known: BTreeMap<String, SequenceRecord>,
}

impl IcsOptions {
    /// Options taking the times and time zone from a profile's `[schedule]`.
    ///
    /// Looks the time zone up in the system's time zone database.
    pub fn from_schedule(schedule: Option<&Schedule>) -> Result<IcsOptions, IcsError> {
        let mut opts = IcsOptions::default();
        if let Some(s) = schedule {
            opts.run_time = s.run_time;
            opts.strength_time = s.strength_time;
            if let Some(name) = &s.time_zone {
                let tz = TimeZone::get(name).map_err(|e| IcsError::TimeZone {
                    name: name.clone(),
                    reason: e.to_string(),
                })?;
                opts.time_zone = Some(tz);
            }
        }
        Ok(opts)
    }
}

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventTime {
    /// A whole day (DTSTART;VALUE=DATE, DTEND the next day).
    AllDay(Date),
    /// Local start and end times (in the options' time zone, or floating).
    Timed {
        /// Start, local.
        start: DateTime,
        /// End, local.
        end: DateTime,
    },
}

/// One calendar event, before serialisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable identifier, `<16 hex>@keel`.
    pub uid: String,
    /// The day of the session.
    pub date: Date,
    /// `run` or `strength`.
    pub kind: &'static str,
    /// Title: "Strength: lower, moderate, 40 min".
    pub summary: String,
    /// Plain text with newlines (escaped on output).
    pub description: String,
    /// When.
    pub time: EventTime,
    /// Hash of summary, description and time, 16 hex digits.
    pub content_hash: String,
    /// SEQUENCE to write.
    pub sequence: u32,
}

/// Writes the plan as an iCalendar file and returns the sequence records to keep.
///
/// The returned records hold one entry per written event; store them and pass them back
/// as [`IcsOptions::known`] next time so changed sessions get a higher SEQUENCE.
pub fn write_ics(
    plan: &Plan,
    opts: &IcsOptions,
    mut out: impl Write,
) -> Result<Vec<SequenceRecord>, IcsError> {
    let mut events = plan_events(plan, opts)?;
    let records = apply_sequences(&mut events, &opts.known);
    let text = render_calendar(plan, &events, opts)?;
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(records)
}

/// The events of the selected weeks, with SEQUENCE 0.
pub fn plan_events(plan: &Plan, opts: &IcsOptions) -> Result<Vec<IcsEvent>, IcsError> {
    let mut events = Vec::new();
    for week in selected_weeks(plan, opts) {
        for day in &week.days {
            day_events(plan, day, opts, &mut events)?;
        }
    }
    Ok(events)
}

/// Sets each event's SEQUENCE from the records of the previous export; returns new records.
///
/// Same content hash: same number. Different: the previous number plus one. Unknown UID: 0.
pub fn apply_sequences(
    events: &mut [IcsEvent],
    known: &BTreeMap<String, SequenceRecord>,
) -> Vec<SequenceRecord> {
    events
        .iter_mut()
        .map(|ev| {
            ev.sequence = match known.get(&ev.uid) {
                Some(prev) if prev.content_hash == ev.content_hash => prev.sequence,
                Some(prev) => prev.sequence.saturating_add(1),
                None => 0,
            };
            SequenceRecord {
                uid: ev.uid.clone(),
                content_hash: ev.content_hash.clone(),
                sequence: ev.sequence,
            }
        })
        .collect()
}

fn selected_weeks<'p>(
    plan: &'p Plan,
    opts: &IcsOptions,
) -> impl Iterator<Item = &'p keel_core::plan::PlanWeek> {
    let skip = match opts.from {
        // The week holding `from`, or the first one starting after it.
        Some(from) => plan
            .weeks
            .iter()
            .position(|w| w.days.last().map_or(w.start, |d| d.date) >= from)
            .unwrap_or(plan.weeks.len()),
        None => 0,
    };
    let take = opts.weeks.map_or(usize::MAX, |n| n as usize);
    plan.weeks.iter().skip(skip).take(take)
}

/// Title of a run: "Run: intervals, 60 min" (with km when known), "Race: half-marathon".
pub fn run_summary(plan: &Plan, run: &RunSession) -> String {
    let dist = run
        .km
        .map(|km| format!("{} km, ", fmt_km(km)))
        .unwrap_or_default();
    match run.run_type {
        RunType::Race => match plan.goal {
            Goal::Race { race, .. } => format!("Race: {race}, {dist}{} min", run.minutes),
            _ => format!("Race: {dist}{} min", run.minutes),
        },
        RunType::Cross => format!("Cross-training: {} min", run.minutes),
        t => format!("Run: {t}, {dist}{} min", run.minutes),
    }
}

/// Title of a strength session: "Strength: lower, moderate, 40 min".
pub fn strength_summary(s: &StrengthSession) -> String {
    format!("Strength: {}, {}, {} min", s.focus, s.intensity, s.minutes)
}

fn fmt_km(km: f64) -> String {
    let r = (km * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn session_title(plan: &Plan, s: &Session) -> String {
    match s {
        Session::Run(r) => run_summary(plan, r),
        Session::Strength(st) => strength_summary(st),
    }
}

fn day_events(
    plan: &Plan,
    day: &PlanDay,
    opts: &IcsOptions,
    out: &mut Vec<IcsEvent>,
) -> Result<(), IcsError> {
    let sessions: Vec<&Session> = day
        .sessions
        .iter()
        .filter(|s| !matches!(s, Session::Run(r) if r.run_type == RunType::Rest))
        .collect();
    let mut runs = 0usize;
    let mut lifts = 0usize;
    // End of the previous timed session, so that "after the run" follows it.
    let mut prev_end: Option<DateTime> = None;
    for (pos, session) in sessions.iter().enumerate() {
        let (kind, index) = match session {
            Session::Run(_) => {
                runs += 1;
                ("run", runs - 1)
            }
            Session::Strength(_) => {
                lifts += 1;
                ("strength", lifts - 1)
            }
        };
        let uid = uid_for(&plan.athlete.name, day.date, kind, index);
        let time = place(day, session, &sessions[..pos], opts, prev_end).map_err(|reason| {
            IcsError::Range {
                uid: uid.clone(),
                reason,
            }
        })?;
        if let EventTime::Timed { end, .. } = time {
            prev_end = Some(end);
        }
        let summary = session_title(plan, session);
        let description = describe(plan, &sessions, pos);
        let content_hash = hex(content_hash(&summary, &description, &time));
        out.push(IcsEvent {
            uid,
            date: day.date,
            kind,
            summary,
            description,
            time,
            content_hash,
            sequence: 0,
        });
    }
    Ok(())
}

fn minutes_of(s: &Session) -> i64 {
    match s {
        Session::Run(r) => i64::from(r.minutes),
        Session::Strength(st) => i64::from(st.minutes),
    }
}

/// Chooses the event's time: runs at `run_time`; strength right after the previous timed
/// session when `after_run`, else at `strength_time` (or, lacking one, 6 h after the run).
fn place(
    day: &PlanDay,
    session: &Session,
    before: &[&Session],
    opts: &IcsOptions,
    prev_end: Option<DateTime>,
) -> Result<EventTime, String> {
    let at = |t: Time| day.date.to_datetime(t);
    let start = match session {
        Session::Run(_) => match (opts.run_time, prev_end) {
            (Some(_), Some(end)) => Some(end),
            (Some(t), None) => Some(at(t)),
            (None, _) => None,
        },
        Session::Strength(st) => {
            let had_run = before.iter().any(|s| matches!(s, Session::Run(_)));
            match (st.timing, prev_end, opts.strength_time, opts.run_time) {
                (Timing::AfterRun, Some(end), _, _) => Some(end),
                (_, _, Some(t), _) => Some(at(t)),
                (Timing::Separate, Some(end), None, _) => {
                    Some(end.checked_add(6.hours()).map_err(|e| e.to_string())?)
                }
                (_, None, None, Some(t)) if !had_run => Some(at(t)),
                _ => None,
            }
        }
    };
    match start {
        None => Ok(EventTime::AllDay(day.date)),
        Some(start) => {
            let end = start
                .checked_add(minutes_of(session).minutes())
                .map_err(|e| e.to_string())?;
            Ok(EventTime::Timed { start, end })
        }
    }
}

/// The event's description: what to do, the day's order, exercises and reasons.
fn describe(plan: &Plan, sessions: &[&Session], pos: usize) -> String {
    let mut d = String::new();
    let me = sessions[pos];
    match me {
        Session::Run(r) => {
            let _ = writeln!(d, "{}", run_summary(plan, r));
            if r.run_type.is_hard() {
                let _ = writeln!(
                    d,
                    "A hard run: the day's key session. Strength never takes from it."
                );
            }
        }
        Session::Strength(st) => describe_strength(&mut d, st),
    }
    if sessions.len() > 1 {
        let _ = writeln!(d, "\nThe day, in order:");
        for (i, s) in sessions.iter().enumerate() {
            let timing = match s {
                Session::Strength(st) if st.timing == Timing::AfterRun && i > 0 => {
                    " (right after the run)"
                }
                Session::Strength(st) if st.timing == Timing::Separate && i > 0 => {
                    " (separately, at least 6 h after the run)"
                }
                _ => "",
            };
            let mark = if i == pos { "  <- this event" } else { "" };
            let _ = writeln!(d, "{}. {}{timing}{mark}", i + 1, session_title(plan, s));
        }
    }
    d.trim_end().to_string()
}

fn describe_strength(d: &mut String, st: &StrengthSession) {
    let _ = writeln!(d, "{}", strength_summary(st));
    let _ = writeln!(
        d,
        "{}",
        match st.timing {
            Timing::AfterRun => "Timing: right after the day's run.",
            Timing::Separate => "Timing: separate from any run (at least 6 h apart).",
        }
    );
    if !st.warm_up.is_empty() {
        let _ = writeln!(d, "\nWarm-up: {}.", st.warm_up.join(", "));
    }
    if !st.exercises.is_empty() {
        let _ = writeln!(d, "\nExercises:");
        for (i, ex) in st.exercises.iter().enumerate() {
            let load = ex
                .load
                .as_deref()
                .map(|l| format!(", load: {l}"))
                .unwrap_or_default();
            let _ = writeln!(
                d,
                "{}. {}: {}{}, tempo {}{load}",
                i + 1,
                ex.name,
                ex.dose,
                crate::markdown::reserve_summary(ex),
                ex.tempo
            );
            if let Some(cue) = ex.cue() {
                let _ = writeln!(d, "   {cue}");
            }
        }
    }
    if !st.why.is_empty() {
        let _ = writeln!(d, "\nWhy:");
        for w in &st.why {
            let _ = writeln!(d, "- [{}] {}", w.rule, w.text);
        }
    }
}

/// A stable UID: FNV-1a of athlete, date, kind and index, as `<16 hex>@keel`.
pub fn uid_for(athlete: &str, date: Date, kind: &str, index: usize) -> String {
    let mut h = Fnv::new();
    h.str("keel-uid/1");
    h.str(athlete);
    h.str(&date.to_string());
    h.str(kind);
    h.str(&index.to_string());
    format!("{}@keel", hex(h.finish()))
}

fn content_hash(summary: &str, description: &str, time: &EventTime) -> u64 {
    let mut h = Fnv::new();
    h.str(summary);
    h.str(description);
    h.str(&format!("{time:?}"));
    h.finish()
}

fn hex(v: u64) -> String {
    format!("{v:016x}")
}

/// 64-bit FNV-1a: tiny, and stable across Rust versions (unlike `DefaultHasher`), which
/// matters because UIDs must not change when keel is rebuilt.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn str(&mut self, s: &str) {
        for b in s.bytes().chain(std::iter::once(0)) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// DTSTAMP from the content hash: midnight UTC of the event's date plus up to a day of
/// seconds chosen by the hash. Deterministic, and it changes when the content does.
fn dtstamp(ev: &IcsEvent) -> String {
    let secs = u64::from_str_radix(&ev.content_hash, 16).unwrap_or(0) % 86_400;
    let base = ev
        .date
        .to_zoned(TimeZone::UTC)
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let ts = base.checked_add((secs as i64).seconds()).unwrap_or(base);
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn render_calendar(
    plan: &Plan,
    events: &[IcsEvent],
    opts: &IcsOptions,
) -> Result<String, IcsError> {
    let mut c = Content::default();
    c.line("BEGIN:VCALENDAR");
    c.line("VERSION:2.0");
    c.line(&format!(
        "PRODID:-//keel//keel {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    c.line("CALSCALE:GREGORIAN");
    c.line("METHOD:PUBLISH");
    c.line(&format!(
        "X-WR-CALNAME:{}",
        escape(&format!("keel: {}", plan.athlete.name))
    ));
    let tzid = opts.time_zone.as_ref().and_then(|tz| tz.iana_name());
    let any_timed = events
        .iter()
        .any(|e| matches!(e.time, EventTime::Timed { .. }));
    if let (Some(tz), Some(name), true) = (&opts.time_zone, tzid, any_timed) {
        c.line(&format!("X-WR-TIMEZONE:{name}"));
        vtimezone(&mut c, tz, name, events);
    }
    for ev in events {
        c.line("BEGIN:VEVENT");
        c.line(&format!("UID:{}", ev.uid));
        c.line(&format!("DTSTAMP:{}", dtstamp(ev)));
        c.line(&format!("SEQUENCE:{}", ev.sequence));
        match ev.time {
            EventTime::AllDay(date) => {
                let next = date.tomorrow().map_err(|e| IcsError::Range {
                    uid: ev.uid.clone(),
                    reason: e.to_string(),
                })?;
                c.line(&format!("DTSTART;VALUE=DATE:{}", ics_date(date)));
                c.line(&format!("DTEND;VALUE=DATE:{}", ics_date(next)));
                c.line("TRANSP:TRANSPARENT");
            }
            EventTime::Timed { start, end } => {
                let param = tzid.map(|n| format!(";TZID={n}")).unwrap_or_default();
                c.line(&format!("DTSTART{param}:{}", ics_datetime(start)));
                c.line(&format!("DTEND{param}:{}", ics_datetime(end)));
                c.line("TRANSP:OPAQUE");
            }
        }
        c.line(&format!("SUMMARY:{}", escape(&ev.summary)));
        c.line(&format!("DESCRIPTION:{}", escape(&ev.description)));
        c.line(&format!(
            "CATEGORIES:{}",
            if ev.kind == "run" { "Run" } else { "Strength" }
        ));
        c.line("END:VEVENT");
    }
    c.line("END:VCALENDAR");
    Ok(c.0)
}

/// A VTIMEZONE with one observance per real transition between a year before the first
/// event and the last one (explicit DTSTARTs, no RRULE: exact for the dates we use).
fn vtimezone(c: &mut Content, tz: &TimeZone, name: &str, events: &[IcsEvent]) {
    let (Some(first), Some(last)) = (
        events.iter().map(|e| e.date).min(),
        events.iter().map(|e| e.date).max(),
    ) else {
        return;
    };
    let ts = |d: Date| {
        d.to_zoned(TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH)
    };
    let from = ts(first.saturating_sub(1.year()));
    let to = ts(last.saturating_add(2.days()));
    c.line("BEGIN:VTIMEZONE");
    c.line(&format!("TZID:{name}"));
    // The observance in force at `from`, then each transition up to `to`.
    let before = tz.preceding(from).next();
    let mut prev_offset = before
        .as_ref()
        .and_then(|t| tz.preceding(t.timestamp()).next().map(|p| p.offset()))
        .unwrap_or_else(|| tz.to_offset(from));
    let mut obs: Vec<(Timestamp, jiff::tz::Offset, String, bool)> = Vec::new();
    match &before {
        Some(t) => obs.push((
            t.timestamp(),
            t.offset(),
            t.abbreviation().to_string(),
            t.dst().is_dst(),
        )),
        None => {
            let info = tz.to_offset_info(from);
            obs.push((
                Timestamp::UNIX_EPOCH,
                info.offset(),
                info.abbreviation().to_string(),
                info.dst().is_dst(),
            ));
        }
    }
    for t in tz.following(from).take_while(|t| t.timestamp() <= to) {
        obs.push((
            t.timestamp(),
            t.offset(),
            t.abbreviation().to_string(),
            t.dst().is_dst(),
        ));
    }
    for (at, offset, abbr, dst) in obs {
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        // The onset is written in the local time of the offset in force before it.
        let local = prev_offset.to_datetime(at);
        c.line(&format!("BEGIN:{kind}"));
        c.line(&format!("DTSTART:{}", ics_datetime(local)));
        c.line(&format!("TZOFFSETFROM:{}", ics_offset(prev_offset)));
        c.line(&format!("TZOFFSETTO:{}", ics_offset(offset)));
        if !abbr.is_empty() {
            c.line(&format!("TZNAME:{}", escape(&abbr)));
        }
        c.line(&format!("END:{kind}"));
        prev_offset = offset;
    }
    c.line("END:VTIMEZONE");
}

fn ics_offset(o: jiff::tz::Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m, s) = (a / 3600, (a % 3600) / 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn ics_datetime(dt: DateTime) -> String {
    format!(
        "{}T{:02}{:02}{:02}",
        ics_date(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
/// Other control characters are not allowed in TEXT and are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line to at most 75 octets per physical line (RFC 5545 3.1), never
/// splitting a UTF-8 character; each line ends with CRLF.
pub fn fold(line: &str) -> String {
    const MAX: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > MAX {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[derive(Default)]
struct Content(String);

impl Content {
    fn line(&mut self, l: &str) {
        self.0.push_str(&fold(l));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_specials() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape("x\r\ny\rz"), "x\\ny\\nz");
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn fold_is_utf8_safe_and_short() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        for phys in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(phys.len() <= 75, "{} octets: {phys:?}", phys.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn short_line_untouched() {
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
        let over = "X".repeat(76);
        assert_eq!(fold(&over), format!("{}\r\n X\r\n", "X".repeat(75)));
    }

    #[test]
    fn offsets() {
        assert_eq!(ics_offset(jiff::tz::offset(2)), "+0200");
        assert_eq!(
            ics_offset(jiff::tz::Offset::from_seconds(-(3 * 3600 + 1800)).unwrap()),
            "-0330"
        );
    }
}
