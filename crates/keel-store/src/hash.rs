//! Content hashes for de-duplication: SHA-256 of a file's bytes, as `sha256:<hex>`.
//!
//! SHA-256 comes from the `sha2` crate. The `sha256:<hex>` strings sit in the store's
//! `imported_files` and `activities` tables and
//! [`Store::file_by_hash`](crate::Store::file_by_hash) looks them up, so the format lives
//! here with the store. The store still takes the hash from its caller (it never reads
//! files): callers hash the bytes exactly as read, before any gunzip, once per file, while
//! they read them ([`ContentHasher`], [`HashingReader`]).

use std::io::{self, Read};

use sha2::{Digest, Sha256};

/// SHA-256 digest of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// The content hash stored with imported files and activities: `sha256:` and 64 hex digits.
pub fn content_hash(data: &[u8]) -> String {
    let mut h = ContentHasher::new();
    h.update(data);
    h.finish()
}

/// A content hash computed piece by piece, for bytes that stream past.
#[derive(Debug, Clone, Default)]
pub struct ContentHasher {
    sha: Sha256,
    len: u64,
}

impl ContentHasher {
    /// An empty hasher.
    pub fn new() -> ContentHasher {
        ContentHasher::default()
    }

    /// Adds bytes.
    pub fn update(&mut self, data: &[u8]) {
        self.sha.update(data);
        self.len += data.len() as u64;
    }

    /// Bytes hashed so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether nothing was hashed yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `sha256:<hex>` string of everything added.
    pub fn finish(self) -> String {
        let digest = self.sha.finalize();
        format!("sha256:{}", hex(&digest))
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex digits of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}

/// A reader that hashes (and counts) every byte read through it.
#[derive(Debug)]
pub struct HashingReader<R> {
    inner: R,
    hasher: ContentHasher,
}

impl<R: Read> HashingReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: ContentHasher::new(),
        }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.hasher.len()
    }

    /// Reads what is left, up to `limit` bytes in all (so an endless source cannot hold
    /// the caller), then returns the hash of everything read and the byte count.
    pub fn finish(mut self, limit: u64) -> io::Result<(String, u64)> {
        let rest = limit.saturating_sub(self.bytes_read());
        io::copy(&mut (&mut self).take(rest), &mut io::sink())?;
        let n = self.hasher.len();
        Ok((self.hasher.finish(), n))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_180_vectors() {
        assert_eq!(
            content_hash(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            content_hash(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            content_hash(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        let million_a = vec![b'a'; 1_000_000];
        assert_eq!(
            content_hash(&million_a),
            "sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn streaming_equals_one_shot_at_every_split() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = content_hash(&data);
        for cut in [0, 1, 55, 56, 63, 64, 65, 299, 300] {
            let mut h = ContentHasher::new();
            h.update(&data[..cut]);
            h.update(&data[cut..]);
            assert_eq!(h.finish(), whole, "split at {cut}");
        }
    }

    #[test]
    fn hashing_reader_hashes_what_passes_and_the_rest_on_finish() {
        let data = vec![42u8; 10_000];
        let mut r = HashingReader::new(&data[..]);
        let mut head = [0u8; 100];
        r.read_exact(&mut head).expect("read");
        assert_eq!(r.bytes_read(), 100);
        let (hash, n) = r.finish(u64::MAX).expect("finish");
        assert_eq!((hash, n), (content_hash(&data), 10_000));
        // An endless source stops at the limit.
        let r = HashingReader::new(std::io::repeat(1));
        let (_, n) = r.finish(1234).expect("finish");
        assert_eq!(n, 1234);
    }
}
