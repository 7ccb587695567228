//! Tree heads, inclusion proofs and consistency proofs (RFC 9162 §2.1).
//!
//! Generating one is planned first: a [`HashPlan`] lists the stored nodes
//! ([`NodeId`]) it needs, the caller fetches their hashes (from a database, in
//! one query), and [`HashPlan::finish`] combines them. Verifying needs nothing
//! stored.

use std::collections::HashMap;

use crate::hash::{empty_root, largest_power_of_two_below, node_hash, Hash};
use crate::tree::{fold_range, range_nodes, NodeId};
use crate::TlogError;

/// The stored nodes a tree head or proof needs, grouped by the hash each group makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashPlan {
    groups: Vec<Vec<NodeId>>,
}

impl HashPlan {
    /// Every node whose hash must be supplied (without repeats).
    pub fn nodes(&self) -> Vec<NodeId> {
        let mut all: Vec<NodeId> = self.groups.iter().flatten().copied().collect();
        all.sort();
        all.dedup();
        all
    }

    /// The hashes the plan makes, in order, reading node hashes through `lookup`.
    /// Errors: `MissingHash` naming the first node `lookup` does not know.
    pub fn finish(&self, lookup: impl Fn(NodeId) -> Option<Hash>) -> Result<Vec<Hash>, TlogError> {
        self.groups
            .iter()
            .map(|group| {
                let hashes = group
                    .iter()
                    .map(|n| {
                        lookup(*n).ok_or(TlogError::MissingHash {
                            level: n.level,
                            index: n.index,
                        })
                    })
                    .collect::<Result<Vec<Hash>, TlogError>>()?;
                Ok(fold_range(&hashes).unwrap_or_else(empty_root))
            })
            .collect()
    }

    /// Like [`HashPlan::finish`], from a map of node hashes.
    pub fn finish_from(&self, hashes: &HashMap<NodeId, Hash>) -> Result<Vec<Hash>, TlogError> {
        self.finish(|n| hashes.get(&n).copied())
    }
}

fn plan(ranges: Vec<(u64, u64)>) -> HashPlan {
    HashPlan {
        groups: ranges
            .into_iter()
            .map(|(lo, hi)| range_nodes(lo, hi))
            .collect(),
    }
}

/// The plan for the root hash of the tree of `size` leaves (one hash; the
/// empty tree's root, `SHA-256("")`, needs no node).
pub fn root_plan(size: u64) -> HashPlan {
    plan(vec![(0, size)])
}

/// The plan for the inclusion proof of leaf `index` in the tree of `size`
/// leaves (RFC 9162 §2.1.3.1), lowest sibling first.
/// Errors: `Range` unless `index < size`.
pub fn inclusion_plan(index: u64, size: u64) -> Result<HashPlan, TlogError> {
    if index >= size {
        return Err(TlogError::Range(format!(
            "leaf index {index} is not below tree size {size}"
        )));
    }
    let mut top_down = Vec::new();
    let (mut lo, mut hi) = (0u64, size);
    while hi - lo > 1 {
        let k = largest_power_of_two_below(hi - lo);
        if index - lo < k {
            top_down.push((lo + k, hi));
            hi = lo + k;
        } else {
            top_down.push((lo, lo + k));
            lo += k;
        }
    }
    top_down.reverse();
    Ok(plan(top_down))
}

/// The plan for the consistency proof from the tree of `old` leaves to the
/// tree of `new` leaves (RFC 9162 §2.1.4.1). Empty when `old` is 0 or equals `new`.
/// Errors: `Range` if `old > new`.
pub fn consistency_plan(old: u64, new: u64) -> Result<HashPlan, TlogError> {
    if old > new {
        return Err(TlogError::Range(format!(
            "old tree size {old} is above new tree size {new}"
        )));
    }
    if old == 0 || old == new {
        return Ok(plan(Vec::new()));
    }
    // SUBPROOF(m, D[lo:hi], b) unrolled: each step adds one range after the
    // inner SUBPROOF's, so the steps come out in reverse, after the base case's.
    let mut steps = Vec::new();
    let (mut m, mut lo, mut hi, mut complete) = (old, 0u64, new, true);
    let base = loop {
        let n = hi - lo;
        if m == n {
            break (!complete).then_some((lo, hi));
        }
        let k = largest_power_of_two_below(n);
        if m <= k {
            steps.push((lo + k, hi));
            hi = lo + k;
        } else {
            steps.push((lo, lo + k));
            m -= k;
            lo += k;
            complete = false;
        }
    };
    let mut ranges: Vec<(u64, u64)> = base.into_iter().collect();
    ranges.extend(steps.into_iter().rev());
    Ok(plan(ranges))
}

/// The root hash of `size` leaves from the hashes of [`root_plan`]`(size)`.
pub fn root(size: u64, lookup: impl Fn(NodeId) -> Option<Hash>) -> Result<Hash, TlogError> {
    let hashes = root_plan(size).finish(lookup)?;
    Ok(hashes.first().copied().unwrap_or_else(empty_root))
}

/// Checks that `proof` shows leaf `index` with hash `leaf` is in the tree of
/// `size` leaves with root `root` (RFC 9162 §2.1.3.2).
/// Errors: `Proof` saying which check failed.
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), TlogError> {
    let computed = root_from_inclusion(index, size, leaf, proof)?;
    if &computed != root {
        return Err(TlogError::Proof(
            "the computed root differs from the root".into(),
        ));
    }
    Ok(())
}

/// The root that `proof` leads to from leaf `index` with hash `leaf` in a
/// tree of `size` leaves. Errors: `Proof` if the proof has the wrong length.
pub fn root_from_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
) -> Result<Hash, TlogError> {
    if index >= size {
        return Err(TlogError::Proof(format!(
            "leaf index {index} is not below tree size {size}"
        )));
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return Err(TlogError::Proof("the proof is too long".into()));
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(TlogError::Proof("the proof is too short".into()));
    }
    Ok(r)
}

/// Checks that `proof` shows the tree of `old` leaves with root `old_root` is
/// a prefix of the tree of `new` leaves with root `new_root` (RFC 9162
/// §2.1.4.2; an empty old tree is a prefix of every tree, with an empty proof).
/// Errors: `Proof` saying which check failed.
pub fn verify_consistency(
    old: u64,
    new: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), TlogError> {
    if old > new {
        return Err(TlogError::Proof(format!(
            "old tree size {old} is above new tree size {new}"
        )));
    }
    if old == new {
        if !proof.is_empty() {
            return Err(TlogError::Proof("equal sizes need an empty proof".into()));
        }
        if old_root != new_root {
            return Err(TlogError::Proof("equal sizes with different roots".into()));
        }
        return Ok(());
    }
    if old == 0 {
        if !proof.is_empty() {
            return Err(TlogError::Proof(
                "an empty old tree needs an empty proof".into(),
            ));
        }
        return Ok(());
    }
    if proof.is_empty() {
        return Err(TlogError::Proof("the proof is empty".into()));
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut f, mut s) = (old - 1, new - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let mut fr = path[0];
    let mut sr = path[0];
    for c in &path[1..] {
        if s == 0 {
            return Err(TlogError::Proof("the proof is too long".into()));
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(TlogError::Proof("the proof is too short".into()));
    }
    if &fr != old_root {
        return Err(TlogError::Proof("the old root does not match".into()));
    }
    if &sr != new_root {
        return Err(TlogError::Proof("the new root does not match".into()));
    }
    Ok(())
}
