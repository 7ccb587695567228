//! RFC 6962 Merkle tree hashing: SHA-256 with a `0x00` prefix for leaves and
//! `0x01` for interior nodes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::TlogError;

/// The size of a hash in bytes.
pub const HASH_SIZE: usize = 32;

/// A SHA-256 Merkle tree hash.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash(pub [u8; HASH_SIZE]);

impl Hash {
    /// The hash as bytes.
    pub fn as_bytes(&self) -> &[u8; HASH_SIZE] {
        &self.0
    }

    /// The hash from exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Hash, TlogError> {
        <[u8; HASH_SIZE]>::try_from(bytes)
            .map(Hash)
            .map_err(|_| TlogError::Range(format!("a hash is 32 bytes, not {}", bytes.len())))
    }

    /// Lower-case hexadecimal.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The hash from 64 hexadecimal digits.
    pub fn from_hex(text: &str) -> Result<Hash, TlogError> {
        let bytes = text.as_bytes();
        if bytes.len() != 2 * HASH_SIZE {
            return Err(TlogError::Range(format!(
                "a hexadecimal hash has 64 digits, not {}",
                bytes.len()
            )));
        }
        let mut out = [0u8; HASH_SIZE];
        for (i, pair) in bytes.chunks_exact(2).enumerate() {
            let hi = hex_digit(pair[0])?;
            let lo = hex_digit(pair[1])?;
            out[i] = hi << 4 | lo;
        }
        Ok(Hash(out))
    }

    /// Standard base64 with padding (as in checkpoints).
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// The hash from standard base64 with padding.
    pub fn from_base64(text: &str) -> Result<Hash, TlogError> {
        let bytes = STANDARD
            .decode(text)
            .map_err(|_| TlogError::Range("a hash must be standard base64".into()))?;
        Hash::from_slice(&bytes)
    }
}

fn hex_digit(c: u8) -> Result<u8, TlogError> {
    match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err(TlogError::Range("not a hexadecimal digit".into())),
    }
}

impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl std::fmt::Display for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The hash of a leaf: `SHA-256(0x00 || entry)`.
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(entry);
    Hash(h.finalize().into())
}

/// The hash of an interior node: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left.0);
    h.update(right.0);
    Hash(h.finalize().into())
}

/// The root of the empty tree: `SHA-256()` of nothing.
pub fn empty_root() -> Hash {
    Hash(Sha256::digest([]).into())
}

/// The Merkle tree hash of `hashes` taken as the leaves' hashes of a complete
/// subtree or of the left edge of one (RFC 6962 `MTH` over already-hashed
/// leaves): splits at the largest power of two below the length.
pub fn hash_of_hashes(hashes: &[Hash]) -> Hash {
    match hashes.len() {
        0 => empty_root(),
        1 => hashes[0],
        n => {
            let k = largest_power_of_two_below(n as u64) as usize;
            node_hash(&hash_of_hashes(&hashes[..k]), &hash_of_hashes(&hashes[k..]))
        }
    }
}

/// The largest power of two strictly smaller than `n` (`n` ≥ 2).
pub(crate) fn largest_power_of_two_below(n: u64) -> u64 {
    if n < 2 {
        return 0;
    }
    1u64 << (63 - (n - 1).leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers() {
        assert_eq!(largest_power_of_two_below(2), 1);
        assert_eq!(largest_power_of_two_below(3), 2);
        assert_eq!(largest_power_of_two_below(4), 2);
        assert_eq!(largest_power_of_two_below(5), 4);
        assert_eq!(largest_power_of_two_below(u64::MAX), 1 << 63);
    }

    #[test]
    fn hex_round_trip_and_refusals() {
        let h = leaf_hash(b"x");
        assert_eq!(Hash::from_hex(&h.to_hex()), Ok(h));
        assert!(Hash::from_hex("00").is_err());
        assert!(Hash::from_hex(&"zz".repeat(32)).is_err());
        assert_eq!(Hash::from_base64(&h.to_base64()), Ok(h));
        assert!(Hash::from_base64("AAAA").is_err());
    }
}
