//! Results derived from the log, kept between runs with the data version they were
//! computed at: one file per name beside the database (`keel.db.kept-NAME`), not a table.
//!
//! A cache, so not the log: writing one never changes the data version, never waits for
//! the database's write lock and never syncs the disk. In the database, a kept result cost
//! every first run after a write a transaction and, at close, a checkpoint with three
//! disk syncs (about 3 ms of a 6 ms `keel plan --format json`); a file is written in a
//! fraction of a millisecond and read back in less.
//!
//! Invariants: a file is replaced whole (written under a temporary name, then renamed to
//! its own), so a reader sees an old result, a new one or none, never a mix; a file that is
//! missing, torn, too large or not in this format reads as nothing kept, and anything that
//! fails while keeping keeps nothing. Names are the callers' constants (`[a-z0-9-]+`);
//! any other name keeps nothing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What a kept file starts with.
const MAGIC: &[u8; 8] = b"KEELKPT1";

/// Kept results are read up to this size (the largest, a season's plan as JSON, is about
/// 400 KB); a larger file reads as nothing kept.
const MAX_BYTES: u64 = 64 << 20;

/// The file a result is kept in, beside the database at `db`; `None` for a name that is
/// not a caller's constant.
fn path_of(db: &Path, name: &str) -> Option<PathBuf> {
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then(|| {
        let mut p = db.as_os_str().to_owned();
        p.push(".kept-");
        p.push(name);
        PathBuf::from(p)
    })
}

/// The result kept under `name` for the database at `db`, with its data version.
pub(super) fn get(db: &Path, name: &str) -> Option<(u64, Vec<u8>)> {
    let file = std::fs::File::open(path_of(db, name)?).ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).ok()?;
    let (version, len) = {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (version, rest) = rest.split_first_chunk::<8>()?;
        let (len, _) = rest.split_first_chunk::<8>()?;
        (u64::from_le_bytes(*version), u64::from_le_bytes(*len))
    };
    let at = MAGIC.len() + 16;
    if len != (bytes.len() - at) as u64 {
        return None;
    }
    bytes.drain(..at);
    Some((version, bytes))
}

/// Keeps `body` under `name` at data `version`, replacing what was kept; best effort.
pub(super) fn put(db: &Path, name: &str, version: u64, body: &[u8]) {
    let Some(path) = path_of(db, name) else {
        return;
    };
    let mut tmp = path.clone().into_os_string();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let wrote = std::fs::File::create(&tmp).and_then(|mut f| {
        let mut head = [0u8; 24];
        head[..8].copy_from_slice(MAGIC);
        head[8..16].copy_from_slice(&version.to_le_bytes());
        head[16..].copy_from_slice(&(body.len() as u64).to_le_bytes());
        f.write_all(&head)?;
        f.write_all(body)
    });
    // The old file is removed before the rename: renaming over an existing file makes
    // ext4 start writing the new one to disk at once (its `auto_da_alloc` guard for
    // programs that do not sync), which cost more than the rest of keeping it. Meanwhile a
    // reader finds nothing kept and computes the result itself.
    let _ = std::fs::remove_file(&path);
    if wrote.and_then(|()| std::fs::rename(&tmp, &path)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_callers_names_have_a_file() {
        let db = Path::new("/data/keel.db");
        assert_eq!(
            path_of(db, "plan-json"),
            Some(PathBuf::from("/data/keel.db.kept-plan-json"))
        );
        for bad in ["", "../x", "a/b", "Plan", "a.b", "x\0"] {
            assert_eq!(path_of(db, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_torn_or_foreign_file_reads_as_nothing_kept() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("keel.db");
        put(&db, "x", 9, b"hello");
        assert_eq!(get(&db, "x"), Some((9, b"hello".to_vec())));
        let file = path_of(&db, "x").unwrap();
        let whole = std::fs::read(&file).unwrap();
        for cut in 0..whole.len() {
            std::fs::write(&file, &whole[..cut]).unwrap();
            assert_eq!(get(&db, "x"), None, "cut at {cut}");
        }
        let mut longer = whole.clone();
        longer.push(b'!');
        std::fs::write(&file, &longer).unwrap();
        assert_eq!(get(&db, "x"), None, "a byte more than its length says");
        let mut foreign = whole;
        foreign[0] = b'X';
        std::fs::write(&file, &foreign).unwrap();
        assert_eq!(get(&db, "x"), None, "not this format");
    }

    #[test]
    fn a_place_that_cannot_be_written_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("keel.db");
        // A directory where the file would go: the rename fails, and no temporary file
        // is left behind.
        std::fs::create_dir(path_of(&db, "x").unwrap()).unwrap();
        put(&db, "x", 1, b"body");
        assert_eq!(get(&db, "x"), None);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the directory: {left:?}");
    }
}
