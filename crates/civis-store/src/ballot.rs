//! [`BallotStore`]: what the server keeps for processes with secret ballots.
//!
//! * the process's credential issuer key (RFC 9474 RSA, PKCS#8 DER): private,
//!   made once and shared by every server on the database;
//! * *that* a resident obtained the process's credential, never which one (the
//!   issuer signs a blinded message it cannot link to the token);
//! * per credential token, the last submission number (`seq`) appended to the
//!   process's ballot log, so that the next one must be exactly one more. The
//!   token is public in the log anyway and linked to no account.
//!
//! Each process's ballot log is a transparency log (see [`crate::TlogStore`])
//! named [`process_log`].

use async_trait::async_trait;
use civis_budget::ProcessId;
use civis_domain::{Timestamp, UserId};

use crate::{Change, StoreResult};

/// The name of the ballot log of `process` in the transparency log tables.
pub fn process_log(process: ProcessId) -> String {
    format!("process/{}", process.0)
}

/// Secret ballots. A supertrait of [`Store`](crate::Store); each backend
/// implements it in its `ballot` module.
#[async_trait]
pub trait BallotStore: Send + Sync {
    /// The issuer secret key (PKCS#8 DER) of `process`; if there is none yet,
    /// stores `candidate` (at `now`) and returns it. Servers racing on one
    /// database all get the one stored first.
    async fn ballot_issuer_key(
        &self,
        process: ProcessId,
        candidate: &[u8],
        now: Timestamp,
    ) -> StoreResult<Vec<u8>>;

    /// Records that `resident` obtained the credential of `process`, with the
    /// audit event `ballot.credential_issued` (actor: the resident), in one
    /// transaction. Errors: `Conflict { field: "credential" }` if they already had one.
    async fn record_credential_issued(
        &self,
        process: ProcessId,
        resident: UserId,
        change: Change,
    ) -> StoreResult<()>;

    /// How many credentials of `process` were issued.
    async fn credentials_issued(&self, process: ProcessId) -> StoreResult<u64>;

    /// Whether `resident` obtained the credential of `process`.
    async fn has_credential(&self, process: ProcessId, resident: UserId) -> StoreResult<bool>;

    /// Appends `entry`, submission `seq` under credential `token`, to the
    /// ballot log of `process` and returns its index, in one transaction:
    /// durable when this returns. Errors: `Conflict { field: "seq" }` unless
    /// `seq` is one more than the token's last (1 for its first).
    async fn append_ballot_entry(
        &self,
        process: ProcessId,
        token: &[u8],
        seq: u32,
        entry: &[u8],
    ) -> StoreResult<u64>;
}
