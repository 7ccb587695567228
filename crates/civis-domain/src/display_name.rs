//! Names shown to other people.

use std::fmt;

/// A human-readable name: 1–64 characters after trimming, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DisplayName(String);

/// Why a display name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameError {
    /// Empty or only whitespace.
    #[error("display name must not be empty")]
    Empty,
    /// More than [`DisplayName::MAX_LEN`] characters.
    #[error("display name must be at most {max} characters long (got {len})", max = DisplayName::MAX_LEN)]
    TooLong {
        /// Characters given (after trimming).
        len: usize,
    },
    /// A control character such as a newline or tab.
    #[error("display name must not contain control characters (found U+{code:04X} at position {position})")]
    ControlCharacter {
        /// The code point found.
        code: u32,
        /// Its 1-based position (after trimming).
        position: usize,
    },
}

impl DisplayNameError {
    /// The form / API field this error is about.
    pub fn field(&self) -> &'static str {
        "display_name"
    }
}

impl DisplayName {
    /// Maximum length in characters.
    pub const MAX_LEN: usize = 64;

    /// Parses a display name, trimming surrounding whitespace.
    pub fn parse(input: &str) -> Result<Self, DisplayNameError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(DisplayNameError::Empty);
        }
        if let Some((i, c)) = trimmed.chars().enumerate().find(|(_, c)| c.is_control()) {
            return Err(DisplayNameError::ControlCharacter {
                code: u32::from(c),
                position: i + 1,
            });
        }
        let len = trimmed.chars().count();
        if len > Self::MAX_LEN {
            return Err(DisplayNameError::TooLong { len });
        }
        Ok(DisplayName(trimmed.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_unicode() {
        assert_eq!(
            DisplayName::parse("  Zoë Ñúñez ").unwrap().as_str(),
            "Zoë Ñúñez"
        );
        assert!(DisplayName::parse(&"é".repeat(64)).is_ok());
    }

    #[test]
    fn refuses_bad_names() {
        assert_eq!(DisplayName::parse(" \t "), Err(DisplayNameError::Empty));
        assert_eq!(
            DisplayName::parse(&"é".repeat(65)),
            Err(DisplayNameError::TooLong { len: 65 })
        );
        assert_eq!(
            DisplayName::parse("a\nb"),
            Err(DisplayNameError::ControlCharacter {
                code: 10,
                position: 2
            })
        );
        assert!(DisplayName::parse("")
            .unwrap_err()
            .to_string()
            .contains("display name"));
    }
}
