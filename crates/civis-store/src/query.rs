//! Inputs and small outputs of [`crate::Store`] methods.

use civis_domain::{DisplayName, PasswordHash, Role, Timestamp, TokenHash, UserId, Username};

use civis_domain::AuditAction;

/// Who makes a change and when. Stores record the matching audit event with these
/// in the same transaction as the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The acting user; `None` for the system (e.g. `civis` command line, bootstrap).
    pub actor: Option<UserId>,
    /// When the change happens.
    pub at: Timestamp,
}

impl Change {
    /// A change made by `actor` at `at`.
    pub fn by(actor: UserId, at: Timestamp) -> Self {
        Change {
            actor: Some(actor),
            at,
        }
    }

    /// A change made by the system at `at`.
    pub fn system(at: Timestamp) -> Self {
        Change { actor: None, at }
    }
}

/// A user account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Unique login name.
    pub username: Username,
    /// Name shown to others.
    pub display_name: DisplayName,
    /// Initial role.
    pub role: Role,
    /// Initial password hash; `None` leaves the account without a password.
    pub password_hash: Option<PasswordHash>,
}

/// A session to create.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Hash of the token given to the browser.
    pub token_hash: TokenHash,
    /// The signed-in user.
    pub user_id: UserId,
    /// Per-session CSRF secret.
    pub csrf_secret: String,
    /// Creation time (also the initial last-seen time).
    pub created_at: Timestamp,
    /// The session is invalid at and after this instant.
    pub expires_at: Timestamp,
    /// How the holder signed in (also sets `authenticated_at` to `created_at`).
    pub auth_methods: civis_domain::AuthMethods,
}

/// A valid session with its account and how the account was tied to the
/// register: everything a signed-in request needs, read in one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionContext {
    /// The session.
    pub session: civis_domain::Session,
    /// Its (active) account.
    pub user: civis_domain::User,
    /// The account's register proofing, `None` when it is not linked.
    pub proofing: Option<civis_domain::Proofing>,
}

/// Offset paging. `limit` is clamped to `1..=Page::MAX_LIMIT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return at most.
    pub limit: u32,
}

impl Page {
    /// Largest page a store returns.
    pub const MAX_LIMIT: u32 = 1000;

    /// A page of at most `limit` rows after skipping `offset`.
    pub fn new(offset: u64, limit: u32) -> Self {
        Page {
            offset,
            limit: limit.clamp(1, Self::MAX_LIMIT),
        }
    }

    /// The first `limit` rows.
    pub fn first(limit: u32) -> Self {
        Page::new(0, limit)
    }

    /// `limit` after clamping, as the databases want it.
    pub fn limit_i64(&self) -> i64 {
        i64::from(self.limit.clamp(1, Self::MAX_LIMIT))
    }

    /// `offset` as the databases want it (saturating).
    pub fn offset_i64(&self) -> i64 {
        i64::try_from(self.offset).unwrap_or(i64::MAX)
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::first(50)
    }
}

/// Which users to list or count. Users are listed by username, ascending.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UserFilter {
    /// Only users holding this role.
    pub role: Option<Role>,
    /// `Some(true)`: only disabled accounts; `Some(false)`: only active ones; `None`: both.
    pub disabled: Option<bool>,
}

/// Which audit events to list or count. Events are listed newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only events by this actor.
    pub actor: Option<UserId>,
    /// Only events of this action.
    pub action: Option<AuditAction>,
    /// Only events on exactly this target (e.g. `user:42`).
    pub target: Option<String>,
    /// Only events at or after this instant.
    pub from: Option<Timestamp>,
    /// Only events strictly before this instant.
    pub until: Option<Timestamp>,
}

/// Connection pool figures for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    /// Open connections (idle or in use).
    pub size: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// Configured maximum.
    pub max: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_limit_is_clamped() {
        assert_eq!(Page::new(5, 0).limit, 1);
        assert_eq!(Page::new(5, 50_000).limit, Page::MAX_LIMIT);
        assert_eq!(Page::new(u64::MAX, 10).offset_i64(), i64::MAX);
        let sneaky = Page {
            offset: 0,
            limit: 0,
        };
        assert_eq!(sneaky.limit_i64(), 1);
    }
}
