//! The signing key rotation schedule, as a function of `now`.
//!
//! Time is cut into slots of `rotation` length; the key of slot *k* signs
//! every token issued during slot *k*. A key is published in the JWKS from
//! `prepublish` before its slot starts (so clients that cache the JWKS
//! already know it when it starts signing) until the last token it signed has
//! expired: the end of its slot plus the longest token lifetime. Servers that
//! share a database agree on the slot of every instant, so they create (at
//! most) one key per slot between them and sign with the same one.

use civis_domain::Timestamp;

/// When keys are created, used and published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySchedule {
    /// Length of a slot: a new key every this many seconds.
    pub rotation_secs: i64,
    /// The longest lifetime of a signed token, in seconds.
    pub token_ttl_secs: i64,
    /// How long before its slot a key is published, in seconds.
    pub prepublish_secs: i64,
}

impl KeySchedule {
    /// A new key every `rotation_days` days (at least 1), for tokens living at
    /// most `token_ttl_secs`; the next key is published a tenth of a slot
    /// (at most a day) ahead.
    pub fn new(rotation_days: i64, token_ttl_secs: i64) -> Self {
        let rotation_secs = rotation_days.max(1).saturating_mul(86_400);
        KeySchedule {
            rotation_secs,
            token_ttl_secs: token_ttl_secs.max(0),
            prepublish_secs: (rotation_secs / 10).min(86_400),
        }
    }

    fn rotation_millis(&self) -> i64 {
        self.rotation_secs.saturating_mul(1000).max(1)
    }

    /// The slot `now` falls in.
    pub fn slot(&self, now: Timestamp) -> i64 {
        now.as_millis().div_euclid(self.rotation_millis())
    }

    /// When `slot` starts.
    pub fn starts(&self, slot: i64) -> Timestamp {
        Timestamp::from_millis(slot.saturating_mul(self.rotation_millis()))
    }

    /// When `slot` ends (the next one starts).
    pub fn ends(&self, slot: i64) -> Timestamp {
        self.starts(slot.saturating_add(1))
    }

    /// The slot whose key signs at `now`.
    pub fn signing_slot(&self, now: Timestamp) -> i64 {
        self.slot(now)
    }

    /// The slots that need a key at `now`: the current one, and the next once
    /// it is within `prepublish` of starting.
    pub fn slots_needed(&self, now: Timestamp) -> Vec<i64> {
        let current = self.slot(now);
        let mut out = vec![current];
        if now >= self.ends(current).minus_seconds(self.prepublish_secs) {
            out.push(current + 1);
        }
        out
    }

    /// Whether the key of `slot` is in the JWKS at `now`.
    pub fn is_published(&self, slot: i64, now: Timestamp) -> bool {
        now >= self.starts(slot).minus_seconds(self.prepublish_secs)
            && now < self.ends(slot).plus_seconds(self.token_ttl_secs)
    }

    /// The oldest slot whose key is still published at `now`.
    pub fn oldest_published(&self, now: Timestamp) -> i64 {
        self.slot(now.minus_seconds(self.token_ttl_secs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_millis(secs * 1000)
    }

    #[test]
    fn one_key_per_slot_and_the_next_published_ahead() {
        let s = KeySchedule::new(30, 3_600);
        assert_eq!(s.rotation_secs, 30 * DAY);
        assert_eq!(s.prepublish_secs, DAY);
        assert_eq!(s.slot(at(0)), 0);
        assert_eq!(s.slot(at(30 * DAY - 1)), 0);
        assert_eq!(s.slot(at(30 * DAY)), 1);
        assert_eq!(s.slots_needed(at(10 * DAY)), vec![0]);
        assert_eq!(s.slots_needed(at(29 * DAY)), vec![0, 1]);
        assert!(s.is_published(1, at(29 * DAY)));
        assert!(!s.is_published(1, at(29 * DAY - 1)));
    }

    #[test]
    fn old_keys_stay_until_their_last_token_expires() {
        let s = KeySchedule::new(30, 3_600);
        // The last token of slot 0 is signed just before 30 days and lives an hour.
        let last_exp = 30 * DAY - 1 + 3_600;
        assert!(s.is_published(0, at(last_exp - 1)));
        assert!(s.is_published(0, at(30 * DAY + 3_599)));
        assert!(!s.is_published(0, at(30 * DAY + 3_600)));
        assert_eq!(s.oldest_published(at(30 * DAY + 3_599)), 0);
        assert_eq!(s.oldest_published(at(30 * DAY + 3_600)), 1);
        // Before the epoch too (the schedule is total).
        assert_eq!(s.slot(at(-1)), -1);
    }

    #[test]
    fn short_rotation() {
        let s = KeySchedule::new(0, 60);
        assert_eq!(s.rotation_secs, DAY);
        assert_eq!(s.prepublish_secs, DAY / 10);
    }
}

/// The RFC 7638 thumbprint of an RSA public key (its base64url `n` and `e`):
/// base64url of the SHA-256 of `{"e":…,"kty":"RSA","n":…}`. Used as the `kid`.
pub fn rsa_thumbprint(n: &str, e: &str) -> String {
    use sha2::{Digest, Sha256};
    let canonical = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
    crate::b64::encode(&Sha256::digest(canonical.as_bytes()))
}

/// The RFC 7638 thumbprint of a P-256 public key (its base64url `x` and `y`):
/// base64url of the SHA-256 of `{"crv":"P-256","kty":"EC","x":…,"y":…}`.
pub fn ec_thumbprint(x: &str, y: &str) -> String {
    use sha2::{Digest, Sha256};
    let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
    crate::b64::encode(&Sha256::digest(canonical.as_bytes()))
}

/// An ECDSA signature in DER (as OpenSSL makes it) as JWS wants it for ES256
/// (RFC 7518 §3.4): `r || s`, each 32 bytes big-endian. `None` if `der` is not
/// a DER `SEQUENCE` of two `INTEGER`s of at most 32 significant bytes.
pub fn ecdsa_der_to_jws(der: &[u8]) -> Option<[u8; 64]> {
    fn integer(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
        let (&tag, rest) = bytes.split_first()?;
        let (&len, rest) = rest.split_first()?;
        let len = usize::from(len);
        if tag != 0x02 || len == 0 || len > 33 || rest.len() < len {
            return None;
        }
        let (value, rest) = rest.split_at(len);
        let value = match value {
            [0, tail @ ..] if len == 33 => tail,
            v => v,
        };
        (value.len() <= 32).then_some((value, rest))
    }
    let (&tag, rest) = der.split_first()?;
    let (&len, body) = rest.split_first()?;
    if tag != 0x30 || usize::from(len) != body.len() {
        return None;
    }
    let (r, rest) = integer(body)?;
    let (s, rest) = integer(rest)?;
    if !rest.is_empty() {
        return None;
    }
    let mut out = [0u8; 64];
    out[32 - r.len()..32].copy_from_slice(r);
    out[64 - s.len()..].copy_from_slice(s);
    Some(out)
}

#[cfg(test)]
mod ecdsa_tests {
    #[test]
    fn der_signatures_become_fixed_width() {
        // r with a leading zero byte (high bit set), s short (31 bytes).
        let mut der = vec![0x30, 0x44, 0x02, 0x21, 0x00];
        der.extend([0x80; 32]);
        der.extend([0x02, 0x1f]);
        der.extend([0x11; 31]);
        let jws = super::ecdsa_der_to_jws(&der).unwrap();
        assert_eq!(&jws[..32], &[0x80; 32]);
        assert_eq!(jws[32], 0);
        assert_eq!(&jws[33..], &[0x11; 31]);
    }

    #[test]
    fn malformed_der_is_refused() {
        assert_eq!(super::ecdsa_der_to_jws(&[]), None);
        assert_eq!(super::ecdsa_der_to_jws(&[0x30, 0x02, 0x02, 0x00]), None);
        let mut long = vec![0x30, 0x26, 0x02, 0x22];
        long.extend([0x01; 34]);
        assert_eq!(super::ecdsa_der_to_jws(&long), None);
    }
}

#[cfg(test)]
mod thumbprint_tests {
    /// RFC 7638 §3.1.
    #[test]
    fn rfc7638_example() {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        assert_eq!(
            super::rsa_thumbprint(n, "AQAB"),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }
}
