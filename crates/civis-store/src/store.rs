//! The [`Store`] trait: every persistent operation of the platform.

use async_trait::async_trait;
use civis_domain::{
    AuditEvent, AuthMethods, DisplayName, NewAuditEvent, PasswordHash, Proofing, Role, Session,
    Timestamp, TokenHash, User, UserId, Username,
};

use crate::{
    AuditFilter, Change, NewSession, NewUser, Page, PasswordSignInFacts, PasswordSignInQuery,
    PoolStats, SessionContext, StoreResult, UserFilter,
};

/// Persistent platform state. Object-safe: use it as `Arc<dyn Store>`.
///
/// Methods that change an account take a [`Change`] and append the matching
/// audit event (`before`/`after` holding the changed fields, never secrets) in
/// the same transaction. A change that changes nothing records nothing.
/// A [`Change`] whose `actor` names no account fails with `NotFound` and writes nothing.
#[async_trait]
pub trait Store:
    crate::BudgetStore
    + crate::RegisterStore
    + crate::RecoveryStore
    + crate::CredentialStore
    + crate::OidcStore
    + crate::TlogStore
    + crate::BallotStore
    + crate::TrusteeStore
    + Send
    + Sync
{
    /// The backend name, e.g. `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// Checks that the database answers (for readiness probes).
    async fn ping(&self) -> StoreResult<()>;

    /// Connection pool figures (for metrics).
    fn pool_stats(&self) -> PoolStats;

    /// Closes the pool, waiting for connections in use to be returned.
    async fn close(&self);

    // ---- users -------------------------------------------------------------

    /// Creates an account and records `user.created`.
    /// Errors: `Conflict { field: "username" }` if the username is taken.
    async fn create_user(&self, new: &NewUser, change: Change) -> StoreResult<User>;

    /// The account with this id. Errors: `NotFound`.
    async fn user_by_id(&self, id: UserId) -> StoreResult<User>;

    /// The account with this username. Errors: `NotFound`.
    async fn user_by_username(&self, username: &Username) -> StoreResult<User>;

    /// Accounts matching `filter`, ordered by username, one page of them.
    async fn list_users(&self, filter: UserFilter, page: Page) -> StoreResult<Vec<User>>;

    /// How many accounts match `filter`.
    async fn count_users(&self, filter: UserFilter) -> StoreResult<u64>;

    /// Changes an account's role and records `user.role_changed`. Errors: `NotFound`.
    async fn set_user_role(&self, id: UserId, role: Role, change: Change) -> StoreResult<User>;

    /// Changes an account's display name and records `user.profile_changed`. Errors: `NotFound`.
    async fn set_display_name(
        &self,
        id: UserId,
        name: &DisplayName,
        change: Change,
    ) -> StoreResult<User>;

    /// Disables an account at `change.at`, deletes all its sessions and records
    /// `user.disabled`. Disabling a disabled account changes nothing. Errors: `NotFound`.
    async fn disable_user(&self, id: UserId, change: Change) -> StoreResult<User>;

    /// Enables a disabled account and records `user.enabled`. Errors: `NotFound`.
    async fn enable_user(&self, id: UserId, change: Change) -> StoreResult<User>;

    // ---- passwords ---------------------------------------------------------

    /// The account's password hash, `None` if it has none. Errors: `NotFound`.
    async fn password_hash(&self, id: UserId) -> StoreResult<Option<PasswordHash>>;

    /// Everything a password sign-in reads before it checks the password, in one
    /// query: the recent failures under the username's and the client's throttle
    /// keys (as [`Store::count_failed_sign_ins`] counts them) and the account with
    /// that username, with its password hash (see [`Store::password_hash`]) and
    /// whether it has a confirmed authenticator app. An unknown username is not an
    /// error: `account` is `None`.
    async fn password_sign_in_facts(
        &self,
        query: &PasswordSignInQuery<'_>,
    ) -> StoreResult<PasswordSignInFacts>;

    /// Sets the account's password hash and records `user.password_changed`
    /// (without the hash). Errors: `NotFound`.
    async fn set_password_hash(
        &self,
        id: UserId,
        hash: &PasswordHash,
        change: Change,
    ) -> StoreResult<()>;

    // ---- sessions ----------------------------------------------------------

    /// Stores a new session. Errors: `NotFound` if the user does not exist,
    /// `Conflict { field: "token_hash" }` if the hash is already stored.
    async fn create_session(&self, new: &NewSession) -> StoreResult<Session>;

    /// The session with this token hash if it is valid at `now`: not expired
    /// (`now < expires_at`) and its account not disabled. Does not touch it.
    async fn session_by_token_hash(
        &self,
        hash: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Option<Session>>;

    /// [`Store::session_by_token_hash`] together with the session's account and
    /// the account's [`Store::account_proofing`], in one query.
    async fn session_context(
        &self,
        hash: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Option<SessionContext>>;

    /// Records use of a session at `now` (last seen) and moves its expiry to
    /// `expires_at` (sliding expiry; pass the current expiry to keep it).
    /// Returns whether a session was updated.
    async fn touch_session(
        &self,
        hash: &TokenHash,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<bool>;

    /// The sessions of `user` that are valid at `now` (see
    /// [`Store::session_by_token_hash`]), most recently used first.
    async fn list_user_sessions(&self, user: UserId, now: Timestamp) -> StoreResult<Vec<Session>>;

    /// Adds `methods` to a session's authentication methods and sets its
    /// `authenticated_at` to `at` (step-up: the holder proved themselves again,
    /// or with a stronger factor). Returns whether a session was updated.
    async fn step_up_session(
        &self,
        hash: &TokenHash,
        methods: AuthMethods,
        at: Timestamp,
    ) -> StoreResult<bool>;

    /// Deletes one session (sign out). Returns whether it existed.
    async fn delete_session(&self, hash: &TokenHash) -> StoreResult<bool>;

    /// Deletes every session of a user. Returns how many were deleted.
    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<u64>;

    /// Deletes sessions expired at `now`. Returns how many were deleted.
    async fn purge_expired_sessions(&self, now: Timestamp) -> StoreResult<u64>;

    // ---- identity proofing --------------------------------------------------

    /// How the account was tied to a register record, `None` if it is not
    /// (or not any more). Errors: `NotFound`.
    async fn account_proofing(&self, id: UserId) -> StoreResult<Option<Proofing>>;

    // ---- sign-in throttling ------------------------------------------------

    /// Records a failed sign-in attempt for `key` (e.g. `user:alice` or `ip:192.0.2.1`).
    async fn record_failed_sign_in(&self, key: &str, at: Timestamp) -> StoreResult<()>;

    /// Failed attempts recorded for `key` at or after `since`.
    async fn count_failed_sign_ins(&self, key: &str, since: Timestamp) -> StoreResult<u64>;

    /// Forgets all failed attempts for `key` (after a successful sign-in).
    async fn clear_failed_sign_ins(&self, key: &str) -> StoreResult<u64>;

    /// Forgets failed attempts recorded before `before`, for every key.
    async fn purge_failed_sign_ins(&self, before: Timestamp) -> StoreResult<u64>;

    // ---- audit log (append-only: there is no update or delete) -------------

    /// Appends an event and returns it with its id.
    /// Errors: `NotFound` if `actor` names no account.
    async fn append_audit(&self, event: &NewAuditEvent) -> StoreResult<AuditEvent>;

    /// Events matching `filter`, newest first (by time, then id), one page of them.
    async fn list_audit(&self, filter: &AuditFilter, page: Page) -> StoreResult<Vec<AuditEvent>>;

    /// How many events match `filter`.
    async fn count_audit(&self, filter: &AuditFilter) -> StoreResult<u64>;
}
