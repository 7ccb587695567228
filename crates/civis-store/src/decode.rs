//! Turning stored column values back into domain types, shared by all backends.
//!
//! Stored values were valid when written; a value that no longer parses is
//! reported as [`StoreError::Internal`] naming the column, never as a panic.

use civis_domain::{
    AuditAction, AuditEvent, AuditEventId, DisplayName, Role, Session, Timestamp, TokenHash, User,
    UserId, Username,
};

use crate::{StoreError, StoreResult};

/// `users.proofing`: how the account was tied to the register, `None` when it is not.
pub fn proofing(stored: Option<String>) -> StoreResult<Option<civis_domain::Proofing>> {
    stored
        .map(|p| {
            civis_domain::Proofing::parse(&p)
                .ok_or_else(|| StoreError::internal("stored users.proofing is not valid"))
        })
        .transpose()
}

/// The columns of a `users` row.
#[derive(Debug)]
pub struct UserRow {
    /// `id`
    pub id: i64,
    /// `username`
    pub username: String,
    /// `display_name`
    pub display_name: String,
    /// `role`
    pub role: String,
    /// `created_at` (ms)
    pub created_at: i64,
    /// `disabled_at` (ms)
    pub disabled_at: Option<i64>,
}

impl UserRow {
    /// Parses the row into a [`User`].
    pub fn into_user(self) -> StoreResult<User> {
        Ok(User {
            id: UserId(self.id),
            username: Username::parse(&self.username).map_err(|e| corrupt("users.username", e))?,
            display_name: DisplayName::parse(&self.display_name)
                .map_err(|e| corrupt("users.display_name", e))?,
            role: Role::parse(&self.role).map_err(|e| corrupt("users.role", e))?,
            created_at: Timestamp::from_millis(self.created_at),
            disabled_at: self.disabled_at.map(Timestamp::from_millis),
        })
    }
}

/// The columns of a `sessions` row.
#[derive(Debug)]
pub struct SessionRow {
    /// `token_hash`
    pub token_hash: Vec<u8>,
    /// `user_id`
    pub user_id: i64,
    /// `csrf_secret`
    pub csrf_secret: String,
    /// `created_at` (ms)
    pub created_at: i64,
    /// `last_seen_at` (ms)
    pub last_seen_at: i64,
    /// `expires_at` (ms)
    pub expires_at: i64,
    /// `auth_methods` (space-separated `amr` values)
    pub auth_methods: String,
    /// `authenticated_at` (ms)
    pub authenticated_at: i64,
}

impl SessionRow {
    /// Parses the row into a [`Session`].
    pub fn into_session(self) -> StoreResult<Session> {
        Ok(Session {
            token_hash: TokenHash::from_slice(&self.token_hash).ok_or_else(|| {
                StoreError::internal("stored sessions.token_hash is not 32 bytes long")
            })?,
            user_id: UserId(self.user_id),
            csrf_secret: self.csrf_secret,
            created_at: Timestamp::from_millis(self.created_at),
            last_seen_at: Timestamp::from_millis(self.last_seen_at),
            expires_at: Timestamp::from_millis(self.expires_at),
            auth_methods: civis_domain::AuthMethods::parse_amr_string(&self.auth_methods)
                .ok_or_else(|| StoreError::internal("stored sessions.auth_methods is not valid"))?,
            authenticated_at: Timestamp::from_millis(self.authenticated_at),
        })
    }
}

/// The columns of an `audit_events` row (JSON columns as text).
#[derive(Debug)]
pub struct AuditRow {
    /// `id`
    pub id: i64,
    /// `at` (ms)
    pub at: i64,
    /// `actor_id`
    pub actor_id: Option<i64>,
    /// `action`
    pub action: String,
    /// `target`
    pub target: Option<String>,
    /// `before_json`
    pub before_json: Option<String>,
    /// `after_json`
    pub after_json: Option<String>,
}

impl AuditRow {
    /// Parses the row into an [`AuditEvent`].
    pub fn into_event(self) -> StoreResult<AuditEvent> {
        Ok(AuditEvent {
            id: AuditEventId(self.id),
            at: Timestamp::from_millis(self.at),
            actor: self.actor_id.map(UserId),
            action: AuditAction::parse(&self.action)
                .map_err(|e| corrupt("audit_events.action", e))?,
            target: self.target,
            before: json_column("audit_events.before_json", self.before_json)?,
            after: json_column("audit_events.after_json", self.after_json)?,
        })
    }
}

/// Serialises an optional JSON value for a text column.
pub fn json_text(value: &Option<serde_json::Value>) -> Option<String> {
    value.as_ref().map(serde_json::Value::to_string)
}

fn json_column(column: &str, text: Option<String>) -> StoreResult<Option<serde_json::Value>> {
    text.map(|t| serde_json::from_str(&t).map_err(|e| corrupt(column, e)))
        .transpose()
}

fn corrupt(column: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::internal(format!("stored {column} is invalid: {err}"))
}

/// Converts a row count from the database into `u64` (negative counts are corrupt).
pub fn count(n: i64) -> StoreResult<u64> {
    u64::try_from(n).map_err(|_| StoreError::internal("database returned a negative count"))
}
