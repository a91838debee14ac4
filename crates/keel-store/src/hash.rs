//! Content hashes for de-duplication: SHA-256 of a file's bytes, as `sha256:<hex>`.
//!
//! SHA-256 from the `sha2` crate, which uses the CPU's SHA instructions where it has them
//! (about ten times the speed of portable code: hashing is on every imported byte).
//! keel-web also builds its CSRF tokens' HMAC-SHA256 (RFC 2104) on [`sha256`].
//!
//! The one SHA-256 of the workspace lives in the store because the store owns the key: the
//! `sha256:<hex>` strings sit in its `imported_files` and `activities` tables and
//! [`Store::file_by_hash`](crate::Store::file_by_hash) looks them up. The store still takes
//! the hash from its caller (it never reads files; the caller hashes the bytes exactly as
//! read, before any gunzip), and callers that hold bytes (the CLI, the web upload) already
//! depend on the store. keel-import needs no hash (its decoders de-duplicate nothing by
//! content), so neither crate depends on the other.

use sha2::{Digest, Sha256};

/// SHA-256 digest of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// The content hash stored with imported files and activities: `sha256:` and 64 hex digits.
pub fn content_hash(data: &[u8]) -> String {
    let mut s = String::with_capacity(71);
    s.push_str("sha256:");
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in sha256(data) {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
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
    fn padding_boundaries_differ() {
        // 55, 56 and 64 bytes cross the one/two padding block boundary.
        let hashes: Vec<String> = [55, 56, 63, 64, 65]
            .iter()
            .map(|&n| content_hash(&vec![7u8; n]))
            .collect();
        for (i, a) in hashes.iter().enumerate() {
            for b in &hashes[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
