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
//! named [`process_log`]. Submissions are appended in batches
//! ([`BallotStore::append_ballot_entries`]): one transaction, so one durable
//! commit, for as many submissions as a server has waiting.

use std::collections::HashMap;

use async_trait::async_trait;
use civis_budget::ProcessId;
use civis_domain::{NewAuditEvent, Timestamp, UserId};

use crate::{Change, StoreError, StoreResult};

/// A sealed submission to append: `entry` (the log entry's bytes), submission
/// `seq` under the credential `token`, and the audit event to record with it
/// (a paper ballot's), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBallotEntry {
    /// The credential's token.
    pub token: Vec<u8>,
    /// The submission's number under the token (1 for its first).
    pub seq: u32,
    /// The log entry.
    pub entry: Vec<u8>,
    /// Recorded in the same transaction when, and only when, the entry is appended.
    pub audit: Option<NewAuditEvent>,
}

/// What [`BallotStore::append_ballot_entries`] did with a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendedBallots {
    /// Per submission, in the batch's order: its index in the log, or `None`
    /// when its `seq` was not the token's next (it was not appended).
    pub indexes: Vec<Option<u64>>,
    /// The log's size after the batch.
    pub size: u64,
}

/// What a batch appends: see [`plan_batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchPlan {
    /// Per submission, its index in the log, or `None` if it is left out.
    pub indexes: Vec<Option<u64>>,
    /// Each token's new last `seq`, for the tokens that got one, in the order
    /// of their first appended submission.
    pub updates: Vec<(Vec<u8>, u32)>,
}

/// Which submissions of `batch` a log of `size` entries takes, given the
/// stored last `seq` of its tokens (`last`; a token not in it has none): each
/// in turn if its `seq` is one more than its token's last, counting the
/// batch's earlier submissions.
pub fn plan_batch(size: u64, last: &HashMap<Vec<u8>, u32>, batch: &[NewBallotEntry]) -> BatchPlan {
    let mut now: HashMap<&[u8], u32> = HashMap::new();
    let mut order: Vec<&[u8]> = Vec::new();
    let mut next = size;
    let indexes = batch
        .iter()
        .map(|e| {
            let token = e.token.as_slice();
            let before = now
                .get(token)
                .copied()
                .unwrap_or_else(|| last.get(token).copied().unwrap_or(0));
            if before.checked_add(1) != Some(e.seq) {
                return None;
            }
            if now.insert(token, e.seq).is_none() {
                order.push(token);
            }
            next += 1;
            Some(next - 1)
        })
        .collect();
    let updates = order
        .into_iter()
        .filter_map(|t| now.get(t).map(|seq| (t.to_vec(), *seq)))
        .collect();
    BatchPlan { indexes, updates }
}

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

    /// Appends the submissions of `batch` whose `seq` is one more than their
    /// token's last (1 for its first; earlier submissions of the batch count),
    /// in order, to the ballot log of `process`, and records each token's new
    /// last `seq` and the audit events of the appended ones (after the entries),
    /// in one transaction: durable when this returns. The others
    /// are left out ([`plan_batch`]). A batch with none to append writes nothing.
    async fn append_ballot_entries(
        &self,
        process: ProcessId,
        batch: &[NewBallotEntry],
    ) -> StoreResult<AppendedBallots>;

    /// Appends one submission ([`Self::append_ballot_entries`]) and returns its
    /// index. Errors: `Conflict { field: "seq" }` unless `seq` is one more than
    /// the token's last (1 for its first).
    async fn append_ballot_entry(
        &self,
        process: ProcessId,
        token: &[u8],
        seq: u32,
        entry: &[u8],
    ) -> StoreResult<u64> {
        let one = NewBallotEntry {
            token: token.to_vec(),
            seq,
            entry: entry.to_vec(),
            audit: None,
        };
        let done = self.append_ballot_entries(process, &[one]).await?;
        done.indexes
            .first()
            .copied()
            .flatten()
            .ok_or(StoreError::Conflict { field: "seq" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(token: u8, seq: u32) -> NewBallotEntry {
        NewBallotEntry {
            token: vec![token; 32],
            seq,
            entry: vec![token, seq as u8],
            audit: None,
        }
    }

    #[test]
    fn a_batch_takes_each_tokens_next_seq_in_order() {
        let last: HashMap<Vec<u8>, u32> = [(vec![1; 32], 2)].into();
        let batch = [
            sub(1, 3),
            sub(2, 1),
            sub(1, 3),
            sub(2, 3),
            sub(1, 4),
            sub(3, 2),
            sub(2, 2),
        ];
        let plan = plan_batch(10, &last, &batch);
        assert_eq!(
            plan.indexes,
            [Some(10), Some(11), None, None, Some(12), None, Some(13)]
        );
        assert_eq!(plan.updates, [(vec![1; 32], 4), (vec![2; 32], 2)]);
        let plan = plan_batch(0, &HashMap::new(), &[sub(1, 2)]);
        assert_eq!((plan.indexes, plan.updates), (vec![None], vec![]));
    }
}
