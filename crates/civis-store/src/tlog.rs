//! [`TlogStore`]: append-only transparency logs (C2SP tlog-tiles, RFC 6962
//! Merkle trees), kept in the database.
//!
//! A log is named (`audit` is the global log of administrative audit events).
//! Each backend keeps, per log, its size (`tlog_heads`, one row, locked by
//! every append so that servers sharing a database agree on one order), its
//! entries (`tlog_entries`) and the hash of every complete subtree
//! (`tlog_hashes`, see `civis_tlog::tree`). Entries and hashes are
//! append-only, also in the database (triggers refuse `UPDATE` and `DELETE`).
//!
//! Appending to the audit log happens inside the store, in the transaction
//! that records the audit event ([`crate::audit_log`] builds the entry).

use async_trait::async_trait;
use civis_domain::{AuditEventId, Timestamp};
use civis_tlog::{Hash, NodeId};

use crate::StoreResult;

/// The name of the global log of administrative audit events.
pub const AUDIT_LOG: &str = "audit";

/// Transparency logs. A supertrait of [`Store`](crate::Store); each backend
/// implements it in its `tlog` module.
#[async_trait]
pub trait TlogStore: Send + Sync {
    /// The number of entries in `log` (0 for a log with none yet).
    async fn tlog_size(&self, log: &str) -> StoreResult<u64>;

    /// The stored hashes of those of `nodes` that are complete, in any order
    /// (a node not yet complete is left out).
    async fn tlog_hashes(&self, log: &str, nodes: &[NodeId]) -> StoreResult<Vec<(NodeId, Hash)>>;

    /// The entries with indexes in `[from, until)` that exist, in order.
    async fn tlog_entries(&self, log: &str, from: u64, until: u64) -> StoreResult<Vec<Vec<u8>>>;

    /// The signer key (a note signer key string) of `log`; if there is none
    /// yet, stores `candidate` (at `now`) and returns it. Servers racing on one
    /// database all get the one stored first.
    async fn tlog_signing_key(
        &self,
        log: &str,
        candidate: &str,
        now: Timestamp,
    ) -> StoreResult<String>;

    /// The audit log index of the audit event `event`, `None` if it has none.
    async fn audit_log_index(&self, event: AuditEventId) -> StoreResult<Option<u64>>;
}

/// `nodes` grouped into runs of consecutive indexes on one level, as
/// `(level, first index, last index)`: what backends query `tlog_hashes` with.
pub fn node_runs(nodes: &[NodeId]) -> Vec<(u8, u64, u64)> {
    let mut sorted = nodes.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut runs: Vec<(u8, u64, u64)> = Vec::new();
    for n in sorted {
        match runs.last_mut() {
            Some((level, _, last)) if *level == n.level && last.checked_add(1) == Some(n.index) => {
                *last = n.index;
            }
            _ => runs.push((n.level, n.index, n.index)),
        }
    }
    runs
}

/// The hashes of `nodes`, in their order, from `found` (what a backend read of
/// them); an internal error when one is missing.
pub fn hashes_in_order(nodes: &[NodeId], found: &[(NodeId, Hash)]) -> StoreResult<Vec<Hash>> {
    nodes
        .iter()
        .map(|n| {
            found
                .iter()
                .find(|(id, _)| id == n)
                .map(|(_, h)| *h)
                .ok_or_else(|| crate::StoreError::internal("a log hash an append needs is missing"))
        })
        .collect()
}

/// A stored index or size as the `BIGINT` the databases keep.
pub fn to_db(value: u64) -> StoreResult<i64> {
    i64::try_from(value).map_err(|_| crate::StoreError::internal("log index beyond BIGINT"))
}

/// A `BIGINT` read from the database as an index or size.
pub fn from_db(value: i64) -> StoreResult<u64> {
    u64::try_from(value).map_err(|_| crate::StoreError::internal("negative log index stored"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_nodes_per_level() {
        let nodes = [
            NodeId::new(0, 5),
            NodeId::new(0, 3),
            NodeId::new(0, 4),
            NodeId::new(1, 5),
            NodeId::new(0, 9),
            NodeId::new(0, 4),
        ];
        assert_eq!(node_runs(&nodes), vec![(0, 3, 5), (0, 9, 9), (1, 5, 5)]);
    }
}
