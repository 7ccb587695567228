//! One-time recovery codes that an official issues to a resident who lost
//! their sign-in methods, after checking an identity document.
//!
//! Randomness and time are parameters. A code has the shape of an activation
//! code (`codes::letter_code`, 60 bits); only a digest bound to the account is
//! stored ([`digest`]), so a code never works for another account.

use civis_domain::Timestamp;
use sha2::{Digest, Sha256};

use crate::codes;

/// How long a recovery code works unless configured otherwise: 24 hours.
pub const DEFAULT_TTL_SECS: i64 = 24 * 3600;

/// Failed recovery attempts allowed per account, and per client address, in
/// [`ATTEMPT_WINDOW_SECS`]; the next is refused until the window has passed.
pub const MAX_FAILED_ATTEMPTS: u64 = 5;

/// The window failed attempts are counted over: one hour.
pub const ATTEMPT_WINDOW_SECS: i64 = 3600;

/// A recovery code from 12 random bytes, e.g. `7KQM-X3PA-DW9C`.
pub fn code(random: &[u8; codes::LETTER_CODE_LEN]) -> String {
    codes::letter_code(random)
}

/// The digest stored for `code` of account `user_id`: SHA-256 of a domain tag,
/// the account id and the normalized code (see `codes::normalize`).
pub fn digest(user_id: i64, code: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"civis-recovery-code-v1:");
    h.update(user_id.to_string().as_bytes());
    h.update(b":");
    h.update(codes::normalize(code).as_bytes());
    h.finalize().into()
}

/// When a code issued at `now` with a lifetime of `ttl_secs` expires.
pub fn expires(now: Timestamp, ttl_secs: i64) -> Timestamp {
    now.plus_seconds(ttl_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_bind_the_account_and_ignore_typing() {
        let c = code(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 31, 32, 255]);
        assert_eq!(c, "2345-6789-AZ2Z");
        assert_eq!(digest(7, &c), digest(7, " 23456789az2z "));
        assert_ne!(digest(7, &c), digest(8, &c));
        assert_ne!(digest(7, &c), codes::digest(7, &c));
        assert_eq!(
            expires(Timestamp::from_millis(0), DEFAULT_TTL_SECS),
            Timestamp::from_millis(86_400_000)
        );
    }
}
