//! User accounts.

use crate::{DisplayName, Role, Timestamp, UserId, Username};

/// A stored user account (without its password hash, which is fetched separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Store-assigned identifier.
    pub id: UserId,
    /// Unique login name.
    pub username: Username,
    /// Name shown to others.
    pub display_name: DisplayName,
    /// The account's role.
    pub role: Role,
    /// When the account was created.
    pub created_at: Timestamp,
    /// When the account was disabled, if it is.
    pub disabled_at: Option<Timestamp>,
}

impl User {
    /// Whether the account may sign in and act.
    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}
