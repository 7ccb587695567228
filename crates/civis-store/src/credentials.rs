//! [`CredentialStore`]: authentication credentials: passkeys (WebAuthn), TOTP secrets, and what a resident sees of their devices.

use async_trait::async_trait;
use civis_domain::{Timestamp, TokenHash, UserId};

use crate::{Change, StoreResult};

/// An account's authenticator-app (TOTP) credential.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpCredential {
    /// The account.
    pub user_id: UserId,
    /// The shared secret as the web layer stored it (encrypted there; opaque here).
    pub secret: Vec<u8>,
    /// When the first code confirmed it; `None` while enrolment is pending.
    pub confirmed_at: Option<Timestamp>,
    /// The last time step accepted (a code of this step or an older one is refused).
    pub last_step: Option<u64>,
    /// When enrolment began.
    pub created_at: Timestamp,
}

impl std::fmt::Debug for TotpCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpCredential")
            .field("user_id", &self.user_id)
            .field("confirmed_at", &self.confirmed_at)
            .field("last_step", &self.last_step)
            .finish_non_exhaustive()
    }
}

/// A registered passkey (WebAuthn credential).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPasskey {
    /// Row id.
    pub id: i64,
    /// The account.
    pub user_id: UserId,
    /// The WebAuthn credential id (unique across accounts).
    pub credential_id: Vec<u8>,
    /// The name the resident gave it.
    pub name: String,
    /// The WebAuthn library's credential record (public key, flags, counter), as JSON.
    pub credential: String,
    /// The last signature counter accepted.
    pub counter: u32,
    /// When it was registered.
    pub created_at: Timestamp,
    /// When it was last used to sign in.
    pub last_used_at: Option<Timestamp>,
}

/// A passkey to register.
#[derive(Debug, Clone)]
pub struct NewPasskey {
    /// The account.
    pub user_id: UserId,
    /// The WebAuthn credential id.
    pub credential_id: Vec<u8>,
    /// A name for the resident's own use.
    pub name: String,
    /// The credential record, as JSON.
    pub credential: String,
    /// The signature counter at registration.
    pub counter: u32,
}

/// The server's half of a WebAuthn ceremony between its start and its finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ceremony {
    /// SHA-256 of the ceremony handle given to the browser.
    pub id_hash: [u8; 32],
    /// The account it is for (registration, step-up), `None` for a sign-in.
    pub user_id: Option<UserId>,
    /// `register` or `authenticate`.
    pub kind: String,
    /// The WebAuthn library's state, as JSON (holds the challenge).
    pub state: String,
    /// When it started.
    pub created_at: Timestamp,
    /// After this it cannot finish.
    pub expires_at: Timestamp,
}

/// What removing a passkey came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyRemoval {
    /// Removed (and recorded).
    Removed,
    /// The account has no passkey with this id.
    NotFound,
    /// It is the account's last passkey and one must be kept: nothing changed.
    LastOne,
}

/// Authentication credentials: passkeys (WebAuthn), TOTP secrets, and what a resident sees of their devices.
///
/// A supertrait of [`Store`](crate::Store); each backend implements it in its
/// `credentials/` module.
#[async_trait]
pub trait CredentialStore: Send + Sync {
    /// Stores a new, unconfirmed TOTP secret for `user` at `at`, replacing an
    /// unconfirmed one. Errors: `NotFound` if the user does not exist,
    /// `Conflict { field: "totp" }` if the account already has a confirmed one.
    async fn begin_totp(&self, user: UserId, secret: &[u8], at: Timestamp) -> StoreResult<()>;

    /// The account's TOTP credential, confirmed or pending, if any.
    async fn totp_credential(&self, user: UserId) -> StoreResult<Option<TotpCredential>>;

    /// Confirms the pending TOTP secret with the time step of its first code
    /// and records `credential.totp_enrolled` (without the secret).
    /// Errors: `NotFound` if nothing is pending (none, or already confirmed).
    async fn confirm_totp(&self, user: UserId, step: u64, change: Change) -> StoreResult<()>;

    /// Marks time step `step` used for the confirmed TOTP credential, in one
    /// atomic update: `true` if it is newer than the last one used, `false`
    /// (and nothing changes) if this step or a later one was already used or
    /// there is no confirmed credential. Concurrent callers with the same
    /// step: exactly one gets `true`.
    async fn use_totp_step(&self, user: UserId, step: u64) -> StoreResult<bool>;

    /// Removes the account's TOTP credential and, if it was confirmed, records
    /// `credential.totp_removed`. Returns whether there was one.
    async fn remove_totp(&self, user: UserId, change: Change) -> StoreResult<bool>;

    // ---- passkeys ---------------------------------------------------------------

    /// Registers a passkey and records `credential.passkey_registered` (with
    /// its name). Errors: `NotFound` if the user does not exist,
    /// `Conflict { field: "credential_id" }` if the credential is registered already.
    async fn add_passkey(&self, new: &NewPasskey, change: Change) -> StoreResult<StoredPasskey>;

    /// The account's passkeys, oldest first.
    async fn passkeys_of(&self, user: UserId) -> StoreResult<Vec<StoredPasskey>>;

    /// The passkey with this credential id, if any (of an enabled account or not).
    async fn passkey_by_credential_id(
        &self,
        credential_id: &[u8],
    ) -> StoreResult<Option<StoredPasskey>>;

    /// Records a sign-in with passkey `id` whose assertion carried `counter`,
    /// storing the updated `credential` record, in one atomic update that
    /// refuses a counter that did not grow (a cloned authenticator, or a
    /// replay): `false` and nothing changes. A counter of 0 on a passkey whose
    /// stored counter is 0 (authenticators without counters) is accepted.
    async fn use_passkey(
        &self,
        id: i64,
        counter: u32,
        credential: &str,
        at: Timestamp,
    ) -> StoreResult<bool>;

    /// Removes the passkey `id` of `user` and records
    /// `credential.passkey_removed`, unless `keep_one` and it is the account's
    /// last passkey. The count and the removal are one transaction, so two
    /// removals at once cannot take an account's last two passkeys. Another
    /// account's passkey counts as not existing.
    async fn remove_passkey(
        &self,
        user: UserId,
        id: i64,
        keep_one: bool,
        change: Change,
    ) -> StoreResult<PasskeyRemoval>;

    // ---- WebAuthn ceremonies ------------------------------------------------------

    /// Stores the state of a ceremony that has started.
    /// Errors: `Conflict { field: "id" }` on a handle collision.
    async fn save_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()>;

    /// Takes (reads and deletes, atomically) the ceremony with this handle
    /// hash if it has not expired at `now`: a ceremony finishes at most once,
    /// even when several servers receive the same response.
    async fn take_ceremony(
        &self,
        id_hash: &[u8; 32],
        now: Timestamp,
    ) -> StoreResult<Option<Ceremony>>;

    /// Deletes ceremonies expired at `now`. Returns how many.
    async fn purge_ceremonies(&self, now: Timestamp) -> StoreResult<u64>;

    // ---- devices ---------------------------------------------------------------------

    /// Records the user agent (browser or program) a session was started
    /// from. Errors: `NotFound` if there is no such session.
    async fn record_session_device(&self, hash: &TokenHash, user_agent: &str) -> StoreResult<()>;

    /// The user agents recorded for `user`'s sessions, by session.
    async fn session_devices(&self, user: UserId) -> StoreResult<Vec<(TokenHash, String)>>;

    /// Ends one session of `user` and records `session.revoked`. Returns
    /// whether it existed (another account's session counts as not existing).
    async fn revoke_session(
        &self,
        user: UserId,
        hash: &TokenHash,
        change: Change,
    ) -> StoreResult<bool>;
}

/// The audit events of credential changes, built once for every backend.
pub mod audit {
    use civis_domain::audit::user_target;
    use civis_domain::{AuditAction, NewAuditEvent, UserId};

    use crate::Change;

    /// An event about `user`'s credentials.
    pub fn event(
        change: Change,
        action: AuditAction,
        user: UserId,
        after: Option<serde_json::Value>,
    ) -> NewAuditEvent {
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action,
            target: Some(user_target(user)),
            before: None,
            after,
        }
    }
}

/// Stored `last_step` (`-1`: none) as a step.
pub fn decode_step(stored: i64) -> Option<u64> {
    u64::try_from(stored).ok()
}

/// A step as stored (steps fit in `i64` for the next few billion years).
pub fn encode_step(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}
