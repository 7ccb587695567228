//! One-time enrolment codes: activation codes printed in letters, and SMS codes.
//!
//! Randomness and time are parameters: callers pass random bytes and `now`.
//! Only a digest is stored ([`digest`]); a code is bound to its register record,
//! so a code never works for another record.

use civis_domain::Timestamp;
use sha2::{Digest, Sha256};

/// The letters of activation codes: digits and capitals without 0, 1, I and O,
/// which read alike. 32 symbols, 5 bits each.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Symbols in an activation code (60 bits).
pub const LETTER_CODE_LEN: usize = 12;

/// How long a letter's code works: 30 days.
pub const LETTER_TTL_SECS: i64 = 30 * 24 * 3600;

/// How long an SMS code works: 10 minutes.
pub const SMS_TTL_SECS: i64 = 10 * 60;

/// Failed code entries allowed per account, and per register record, in
/// [`ATTEMPT_WINDOW_SECS`]; the next is refused until the window has passed.
pub const MAX_FAILED_ATTEMPTS: u64 = 5;

/// The window failed attempts are counted over: one hour.
pub const ATTEMPT_WINDOW_SECS: i64 = 3600;

/// SMS codes sent per account in [`ATTEMPT_WINDOW_SECS`].
pub const MAX_SMS_PER_WINDOW: u64 = 3;

/// The identity documents an official may check in person.
pub const DOCUMENT_TYPES: [&str; 4] =
    ["id_card", "passport", "residence_permit", "driving_licence"];

/// How a code reached the resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// A printed letter to the register address.
    Letter,
    /// An SMS to the register's phone number.
    Sms,
}

impl Channel {
    /// The stored name: `letter`, `sms` (the same as the proofing it gives).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Letter => "letter",
            Self::Sms => "sms",
        }
    }

    /// Parses [`Channel::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Letter, Self::Sms]
            .into_iter()
            .find(|c| c.as_str() == s)
    }

    /// The proofing a code of this channel gives.
    pub const fn proofing(self) -> civis_domain::Proofing {
        match self {
            Self::Letter => civis_domain::Proofing::ActivationLetter,
            Self::Sms => civis_domain::Proofing::Sms,
        }
    }

    /// How long its codes work.
    pub const fn ttl_secs(self) -> i64 {
        match self {
            Self::Letter => LETTER_TTL_SECS,
            Self::Sms => SMS_TTL_SECS,
        }
    }
}

/// An activation code from 12 random bytes (one symbol per byte, 5 bits used):
/// e.g. `7KQM-X3PA-DW9C`.
pub fn letter_code(random: &[u8; LETTER_CODE_LEN]) -> String {
    let mut out = String::with_capacity(14);
    for (i, b) in random.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[usize::from(b & 31)]));
    }
    out
}

/// A six-digit SMS code from 4 random bytes (the bias of `u32 % 10⁶` is below 0.03 %).
pub fn sms_code(random: &[u8; 4]) -> String {
    format!("{:06}", u32::from_le_bytes(*random) % 1_000_000)
}

/// A typed code as stored: capitals, without spaces and hyphens.
pub fn normalize(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// The digest stored for `code` of register record `record_id`: SHA-256 of a
/// domain tag, the record id and the normalized code.
pub fn digest(record_id: i64, code: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"civis-enrolment-code-v1:");
    h.update(record_id.to_string().as_bytes());
    h.update(b":");
    h.update(normalize(code).as_bytes());
    h.finalize().into()
}

/// When a code issued at `now` over `channel` expires.
pub fn expires(channel: Channel, now: Timestamp) -> Timestamp {
    now.plus_seconds(channel.ttl_secs())
}

/// A phone number with all but the last three digits hidden: `+372•••••345`.
pub fn mask_phone(phone: &str) -> String {
    let n = phone.chars().count();
    phone
        .chars()
        .enumerate()
        .map(|(i, c)| if i == 0 || i + 3 >= n { c } else { '•' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_shape() {
        let code = letter_code(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 31, 32, 255]);
        assert_eq!(code, "2345-6789-AZ2Z");
        assert_eq!(sms_code(&[0, 0, 0, 0]), "000000");
        assert_eq!(sms_code(&[0x40, 0x42, 0x0f, 0]), "000000");
        assert_eq!(sms_code(&[0x3f, 0x42, 0x0f, 0]), "999999");
        assert_eq!(normalize(" 2345 6789-az2z "), "23456789AZ2Z");
        assert_eq!(digest(7, "2345-6789-az2z"), digest(7, "23456789AZ2Z"));
        assert_ne!(digest(7, "23456789AZ2Z"), digest(8, "23456789AZ2Z"));
        assert_eq!(mask_phone("+37255512345"), "+••••••••345");
    }
}
