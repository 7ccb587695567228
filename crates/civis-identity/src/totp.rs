//! Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), HMAC-SHA-1,
//! as authenticator apps implement them: 6 digits, 30-second steps.
//!
//! Time is a parameter; a verified code also tells which time step it was,
//! so that the caller can store it and refuse the same step again (a code
//! seen once, e.g. over a shoulder, cannot be replayed).

use civis_domain::Timestamp;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per time step.
pub const STEP_SECS: i64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;
/// How many steps before or after now a code is still accepted (clock drift).
pub const SKEW_STEPS: u64 = 1;
/// Bytes of a new secret (160 bits, RFC 4226's recommendation).
pub const SECRET_LEN: usize = 20;

/// A shared TOTP secret. Its `Debug` form hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

impl TotpSecret {
    /// A secret from random bytes (the caller draws them).
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for encrypted storage.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The RFC 4648 base32 form (no padding) that people type into apps.
    pub fn to_base32(&self) -> String {
        base32(&self.0)
    }

    /// The base32 form grouped by four characters, easier to read aloud and type.
    pub fn to_grouped_base32(&self) -> String {
        let plain = self.to_base32();
        let chars: Vec<char> = plain.chars().collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The `otpauth://` URI an authenticator app reads from the QR code.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let issuer_enc = uri_encode(issuer);
        format!(
            "otpauth://totp/{issuer_enc}:{}?secret={}&issuer={issuer_enc}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
            uri_encode(account),
            self.to_base32(),
        )
    }
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    /// Not six digits.
    #[error("a code is six digits")]
    Malformed,
    /// Six digits, but not the code of any accepted time step.
    #[error("the code is wrong or has expired")]
    Wrong,
    /// The code of a time step that was already used.
    #[error("this code was already used; wait for the next one")]
    Replayed,
}

/// The time step `now` falls in (Unix seconds / 30).
pub fn time_step(now: Timestamp) -> u64 {
    u64::try_from(now.as_millis().div_euclid(1000).div_euclid(STEP_SECS)).unwrap_or(0)
}

/// The HOTP value (RFC 4226 §5.3) of `counter` with `digits` digits.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return 0;
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bin = (u32::from(digest[offset]) & 0x7f) << 24
        | u32::from(digest[offset + 1]) << 16
        | u32::from(digest[offset + 2]) << 8
        | u32::from(digest[offset + 3]);
    bin % 10u32.pow(digits)
}

/// The code for time step `step`, zero-padded to [`DIGITS`].
pub fn code_at(secret: &TotpSecret, step: u64) -> String {
    format!(
        "{:0width$}",
        hotp(&secret.0, step, DIGITS),
        width = DIGITS as usize
    )
}

/// Checks `input` (spaces ignored) at `now`; `last_used` is the last step
/// accepted for this secret. Returns the step it matched, which the caller
/// must store as the new `last_used` (atomically, refusing an older one).
pub fn verify(
    secret: &TotpSecret,
    input: &str,
    now: Timestamp,
    last_used: Option<u64>,
) -> Result<u64, TotpError> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != DIGITS as usize || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(TotpError::Malformed);
    }
    let current = time_step(now);
    let mut replayed = false;
    for step in current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS {
        if constant_time_eq(code_at(secret, step).as_bytes(), digits.as_bytes()) {
            if last_used.is_some_and(|last| step <= last) {
                replayed = true;
                continue;
            }
            return Ok(step);
        }
    }
    Err(if replayed {
        TotpError::Replayed
    } else {
        TotpError::Wrong
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Decodes RFC 4648 base32 (case, spaces and padding ignored); `None` if invalid.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let c = c.to_ascii_uppercase();
        let value = BASE32.iter().position(|&b| char::from(b) == c)?;
        buffer = (buffer << 5) | u32::try_from(value).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

fn uri_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_secs(secs: i64) -> Timestamp {
        Timestamp::from_millis(secs * 1000)
    }

    /// RFC 6238 Appendix B, the SHA-1 rows (8 digits, the 20-byte ASCII key).
    #[test]
    fn rfc6238_sha1_vectors() {
        let key = b"12345678901234567890";
        for (secs, want) in [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(hotp(key, time_step(at_secs(secs)), 8), want, "T={secs}");
        }
    }

    /// RFC 4226 Appendix D, the first counters (6 digits).
    #[test]
    fn rfc4226_vectors() {
        let key = b"12345678901234567890";
        let want = [755_224, 287_082, 359_152, 969_429, 338_314];
        for (counter, want) in want.into_iter().enumerate() {
            assert_eq!(hotp(key, counter as u64, 6), want);
        }
    }

    #[test]
    fn verify_accepts_drift_and_refuses_replay() {
        let secret = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        let now = at_secs(1_111_111_111);
        let step = time_step(now);
        let code = code_at(&secret, step);
        assert_eq!(verify(&secret, &code, now, None), Ok(step));
        assert_eq!(
            verify(&secret, &code, now, Some(step)),
            Err(TotpError::Replayed)
        );
        let previous = code_at(&secret, step - 1);
        assert_eq!(verify(&secret, &previous, now, None), Ok(step - 1));
        assert_eq!(
            verify(&secret, &previous, now, Some(step - 1)),
            Err(TotpError::Replayed)
        );
        let old = code_at(&secret, step - 2);
        assert_eq!(verify(&secret, &old, now, None), Err(TotpError::Wrong));
        assert_eq!(
            verify(&secret, "12345", now, None),
            Err(TotpError::Malformed)
        );
        assert_eq!(
            verify(&secret, "12a456", now, None),
            Err(TotpError::Malformed)
        );
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(verify(&secret, &spaced, now, None), Ok(step));
    }

    #[test]
    fn base32_round_trips_and_uri_names_the_account() {
        // RFC 4648 §10.
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI======"), Some(b"foobar".to_vec()));
        assert_eq!(base32_decode("mzxw 6ytb oi"), Some(b"foobar".to_vec()));
        assert_eq!(base32_decode("MZ1"), None);
        let secret = TotpSecret::from_bytes(vec![0xAB; SECRET_LEN]);
        assert_eq!(
            base32_decode(&secret.to_grouped_base32()),
            Some(vec![0xAB; SECRET_LEN])
        );
        let uri = secret.otpauth_uri("civis Tallinn", "ann");
        assert!(
            uri.starts_with("otpauth://totp/civis%20Tallinn:ann?secret="),
            "{uri}"
        );
        assert!(!format!("{secret:?}").contains("AB"));
    }
}
