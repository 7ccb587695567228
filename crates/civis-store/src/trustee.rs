//! [`TrusteeStore`]: the trustees of a process with secret ballots and what they
//! hand in, and the published ballot record made at the close.
//!
//! An official names `n` trustees (officials) and the threshold `k`; each trustee
//! then submits, in order, their personal HPKE public key, their dealing (Feldman
//! commitments and shares sealed to the other trustees' keys) and, after the
//! close, their share. The server never holds a trustee's personal secret key.
//! Once every trustee dealt, the election public key is stored; once `k` shares
//! are in, the ballots are counted and the record's files are stored.

use async_trait::async_trait;
use civis_budget::ProcessId;
use civis_domain::{AuditAction, NewAuditEvent, UserId};

use crate::{Change, StoreResult};

/// One trustee of a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrusteeRow {
    /// Their index, from 1 (the x-coordinate of their share).
    pub index: u32,
    /// Their account.
    pub user: UserId,
    /// Their personal HPKE public key (SEC1 P-256 point), once submitted.
    pub public_key: Option<Vec<u8>>,
    /// Their dealing (`civis_ballot::threshold::Dealing::to_bytes`), once submitted.
    pub dealing: Option<Vec<u8>>,
    /// Their revealed share (32-byte scalar), once revealed after the close.
    pub share: Option<Vec<u8>>,
}

/// The trustees of a process, their threshold and the election key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrusteeBoard {
    /// `k`: how many shares decrypt.
    pub threshold: u32,
    /// The trustees in index order (`n` of them).
    pub trustees: Vec<TrusteeRow>,
    /// The election public key (SEC1 P-256 point), once every trustee dealt.
    pub election_key: Option<Vec<u8>>,
}

/// Trustees and the published record. A supertrait of [`Store`](crate::Store);
/// each backend implements it in its `trustee` module. Every write records its
/// audit event (target `process:<id>`) in the same transaction.
#[async_trait]
pub trait TrusteeStore: Send + Sync {
    /// Names the trustees of `process` (index `i` is `trustees[i - 1]`) and the
    /// threshold, replacing earlier ones; `ballot.trustees_set`. Errors:
    /// `Conflict { field: "trustees" }` once a trustee submitted a key.
    async fn set_trustees(
        &self,
        process: ProcessId,
        threshold: u32,
        trustees: &[UserId],
        change: Change,
    ) -> StoreResult<()>;

    /// The trustees of `process`, if named.
    async fn trustee_board(&self, process: ProcessId) -> StoreResult<Option<TrusteeBoard>>;

    /// Stores trustee `index`'s public key; `ballot.trustee_key_submitted`.
    /// Errors: `Conflict { field: "public_key" }` if they already submitted one.
    async fn submit_trustee_key(
        &self,
        process: ProcessId,
        index: u32,
        public_key: &[u8],
        change: Change,
    ) -> StoreResult<()>;

    /// Stores trustee `index`'s dealing; `ballot.dealing_submitted`. Errors:
    /// `Conflict { field: "dealing" }` if they already dealt.
    async fn submit_dealing(
        &self,
        process: ProcessId,
        index: u32,
        dealing: &[u8],
        change: Change,
    ) -> StoreResult<()>;

    /// Stores the election public key unless one is stored; `true` (and
    /// `ballot.election_key_made`) if this call stored it.
    async fn set_election_key(
        &self,
        process: ProcessId,
        key: &[u8],
        change: Change,
    ) -> StoreResult<bool>;

    /// Stores trustee `index`'s revealed share; `ballot.share_revealed`. Errors:
    /// `Conflict { field: "share" }` if they already revealed it.
    async fn submit_share(
        &self,
        process: ProcessId,
        index: u32,
        share: &[u8],
        change: Change,
    ) -> StoreResult<()>;

    /// Stores the files of the published record of `process` (name relative to
    /// the record's directory, content); `ballot.record_published`. Errors:
    /// `Conflict { field: "record" }` if it is already stored.
    async fn store_ballot_record(
        &self,
        process: ProcessId,
        files: &[(String, Vec<u8>)],
        change: Change,
    ) -> StoreResult<()>;

    /// One stored file of the published record of `process`, if any.
    async fn ballot_record_file(
        &self,
        process: ProcessId,
        name: &str,
    ) -> StoreResult<Option<Vec<u8>>>;
}

/// The audit event of a trustee step on `process`, with `after` (never secrets).
pub fn trustee_event(
    action: AuditAction,
    process: ProcessId,
    change: Change,
    after: Option<serde_json::Value>,
) -> NewAuditEvent {
    NewAuditEvent {
        at: change.at,
        actor: change.actor,
        action,
        target: Some(format!("process:{}", process.0)),
        before: None,
        after,
    }
}

/// Lower-case hex of `bytes` (for audit events).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
