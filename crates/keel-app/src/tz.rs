//! Time zones resolved without scanning the time-zone database.
//!
//! jiff's `TimeZone::system()` and `TimeZone::get(name)` first index every file of the
//! zoneinfo tree (thousands of them) to look a name up: most of a short command's start-up.
//! The system's zone is named by `TZ` or by the `/etc/localtime` symlink and a profile's by
//! its IANA name, so that zone's one file is read directly; anything unusual (a POSIX rule
//! in `TZ`, no symlink, no zoneinfo tree) falls back to jiff's full lookup, so the answer
//! is always the same as jiff's.
//!
//! The programs read the system's zone with [`system`] in the one place they read the
//! clock; [`crate::clock::time_zone`] looks a profile's zone up with [`named`].

use jiff::tz::TimeZone;
use std::path::{Path, PathBuf};

/// Where zoneinfo trees live on Unix systems (`TZDIR` first when set).
const ZONEINFO: &[&str] = &[
    "/usr/share/zoneinfo",
    "/usr/share/lib/zoneinfo",
    "/etc/zoneinfo",
];

/// A plain IANA name such as `Europe/Paris`: relative, no `.` or `..` components.
fn is_iana_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
}

fn zoneinfo_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("TZDIR")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    dirs.extend(ZONEINFO.iter().map(PathBuf::from));
    dirs
}

/// The zone `name` read from its own zoneinfo file, if there is one.
fn read_named(name: &str) -> Option<TimeZone> {
    if !is_iana_name(name) {
        return None;
    }
    zoneinfo_dirs().iter().find_map(|dir| {
        let bytes = std::fs::read(dir.join(name)).ok()?;
        TimeZone::tzif(name, &bytes).ok()
    })
}

/// The zone named `name` (an IANA name, as in a profile's `[schedule].time_zone`).
pub fn named(name: &str) -> Result<TimeZone, jiff::Error> {
    match read_named(name) {
        Some(tz) => Ok(tz),
        None => TimeZone::get(name),
    }
}

/// The system's time zone: `TZ` (empty means UTC), else `/etc/localtime`.
pub fn system() -> TimeZone {
    match std::env::var("TZ") {
        Ok(v) if v.is_empty() => return TimeZone::UTC,
        Ok(v) => {
            return read_named(v.strip_prefix(':').unwrap_or(&v)).unwrap_or_else(TimeZone::system)
        }
        Err(std::env::VarError::NotPresent) => {}
        Err(std::env::VarError::NotUnicode(_)) => return TimeZone::system(),
    }
    from_localtime(Path::new("/etc/localtime")).unwrap_or_else(TimeZone::system)
}

/// A `/etc/localtime` symlink into a zoneinfo tree names its zone; the file is its data.
fn from_localtime(link: &Path) -> Option<TimeZone> {
    let target = std::fs::read_link(link).ok()?;
    let target = target.to_str()?;
    let name = &target[target.rfind("zoneinfo/")? + "zoneinfo/".len()..];
    let bytes = std::fs::read(link).ok()?;
    TimeZone::tzif(name, &bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn same(a: &TimeZone, b: &TimeZone) -> bool {
        // Offsets agree over 60 years of instants, transitions included.
        (0..720).all(|m| {
            let t = Timestamp::from_second(m * 2_629_800).expect("in range");
            a.to_offset(t) == b.to_offset(t)
        })
    }

    #[test]
    fn named_zones_match_jiffs_lookup() {
        for name in [
            "Europe/Paris",
            "America/New_York",
            "Australia/Lord_Howe",
            "UTC",
        ] {
            let (Ok(ours), Ok(theirs)) = (named(name), TimeZone::get(name)) else {
                continue; // no zoneinfo tree on this machine: both fall back alike
            };
            assert!(same(&ours, &theirs), "{name}");
            assert_eq!(ours.iana_name(), theirs.iana_name());
        }
        assert!(named("Not/A_Zone").is_err());
    }

    #[test]
    fn the_system_zone_matches_jiffs() {
        assert!(same(&system(), &TimeZone::system()));
    }

    #[test]
    fn only_plain_names_are_read_as_files() {
        assert!(is_iana_name("Europe/Paris"));
        assert!(is_iana_name("Etc/GMT+5"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "Europe/../../etc",
            "EST5EDT,M3.2.0,M11.1.0",
            "a//b",
        ] {
            assert!(!is_iana_name(bad), "{bad}");
        }
    }
}
