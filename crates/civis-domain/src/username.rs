//! Login names.

use std::fmt;

/// A login name: 3–32 characters, each a lowercase ASCII letter, a digit, `.`, `_` or `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Username(String);

/// Why a username was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    /// Fewer than [`Username::MIN_LEN`] characters.
    #[error("username must be at least {min} characters long (got {len})", min = Username::MIN_LEN)]
    TooShort {
        /// Characters given.
        len: usize,
    },
    /// More than [`Username::MAX_LEN`] characters.
    #[error("username must be at most {max} characters long (got {len})", max = Username::MAX_LEN)]
    TooLong {
        /// Characters given.
        len: usize,
    },
    /// A character outside the allowed set.
    #[error("username may contain only lowercase letters a-z, digits 0-9, '.', '_' and '-' (found {found:?} at position {position})")]
    InvalidCharacter {
        /// The refused character.
        found: char,
        /// Its 1-based position.
        position: usize,
    },
}

impl UsernameError {
    /// The form / API field this error is about.
    pub fn field(&self) -> &'static str {
        "username"
    }
}

impl Username {
    /// Minimum length in characters.
    pub const MIN_LEN: usize = 3;
    /// Maximum length in characters.
    pub const MAX_LEN: usize = 32;

    /// Parses a username exactly as given (no trimming, no case folding).
    pub fn parse(input: &str) -> Result<Self, UsernameError> {
        if let Some((i, c)) = input
            .chars()
            .enumerate()
            .find(|(_, c)| !matches!(c, 'a'..='z' | '0'..='9' | '.' | '_' | '-'))
        {
            return Err(UsernameError::InvalidCharacter {
                found: c,
                position: i + 1,
            });
        }
        let len = input.len();
        if len < Self::MIN_LEN {
            return Err(UsernameError::TooShort { len });
        }
        if len > Self::MAX_LEN {
            return Err(UsernameError::TooLong { len });
        }
        Ok(Username(input.to_owned()))
    }

    /// The username as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_allowed_names() {
        for ok in ["abc", "jane.doe", "a_b-c.9", &"x".repeat(32)] {
            assert_eq!(Username::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn refuses_bad_names_with_reasons() {
        assert_eq!(
            Username::parse("ab"),
            Err(UsernameError::TooShort { len: 2 })
        );
        assert_eq!(
            Username::parse(&"x".repeat(33)),
            Err(UsernameError::TooLong { len: 33 })
        );
        assert_eq!(
            Username::parse("Jane"),
            Err(UsernameError::InvalidCharacter {
                found: 'J',
                position: 1
            })
        );
        assert_eq!(
            Username::parse("ja né"),
            Err(UsernameError::InvalidCharacter {
                found: ' ',
                position: 3
            })
        );
        let msg = Username::parse("ab").unwrap_err().to_string();
        assert!(msg.contains("username") && msg.contains('3'), "{msg}");
    }
}
