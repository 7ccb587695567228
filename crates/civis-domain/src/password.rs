//! The password policy and stored password hashes.

use std::fmt;

/// A password that satisfies the policy: 12–128 characters (Unicode scalar values).
///
/// Hashing (Argon2id) is done by the web layer; this type only guards the policy.
/// `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

/// Why a password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Fewer than [`Password::MIN_LEN`] characters.
    #[error("password must be at least {min} characters long (got {len})", min = Password::MIN_LEN)]
    TooShort {
        /// Characters given.
        len: usize,
    },
    /// More than [`Password::MAX_LEN`] characters.
    #[error("password must be at most {max} characters long (got {len})", max = Password::MAX_LEN)]
    TooLong {
        /// Characters given.
        len: usize,
    },
    /// On the list of common and breached passwords, or a listed one lightly
    /// disguised (see [`crate::common_passwords::is_common`]).
    #[error("password is too common: it appears in lists of leaked passwords")]
    Common,
}

impl PasswordError {
    /// The form / API field this error is about.
    pub fn field(&self) -> &'static str {
        "password"
    }
}

impl Password {
    /// Minimum length in characters.
    pub const MIN_LEN: usize = 12;
    /// Maximum length in characters.
    pub const MAX_LEN: usize = 128;

    /// Checks the policy. The password is kept exactly as typed (no trimming).
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let len = input.chars().count();
        if len < Self::MIN_LEN {
            return Err(PasswordError::TooShort { len });
        }
        if len > Self::MAX_LEN {
            return Err(PasswordError::TooLong { len });
        }
        if crate::common_passwords::is_common(input) {
            return Err(PasswordError::Common);
        }
        Ok(Password(input.to_owned()))
    }

    /// The secret, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// A stored password hash in PHC string format (e.g. `$argon2id$v=19$...`), opaque to the store.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a PHC hash string produced by the web layer or read from storage.
    pub fn new(phc: impl Into<String>) -> Self {
        PasswordHash(phc.into())
    }

    /// The PHC string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enforces_length_in_characters() {
        assert_eq!(
            Password::parse("short"),
            Err(PasswordError::TooShort { len: 5 })
        );
        assert!(Password::parse("ééééééééééé").is_err());
        assert!(Password::parse("ñandú-ártico").is_ok());
        let long: String = (0..128u32)
            .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
            .collect();
        assert!(Password::parse(&long).is_ok());
        assert_eq!(
            Password::parse(&"a".repeat(129)),
            Err(PasswordError::TooLong { len: 129 })
        );
    }

    #[test]
    fn refuses_common_passwords() {
        assert_eq!(Password::parse("qwerty123456"), Err(PasswordError::Common));
        assert_eq!(Password::parse("Password2024!"), Err(PasswordError::Common));
    }

    #[test]
    fn debug_hides_secrets() {
        let p = Password::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
        assert!(!format!("{:?}", PasswordHash::new("$argon2id$x")).contains("argon"));
    }
}
