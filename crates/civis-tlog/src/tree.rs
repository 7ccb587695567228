//! The complete subtrees a log stores, and what appending a leaf adds.
//!
//! A log of `n` leaves stores the hash of every *complete* subtree: the node
//! at `level` `l` and `index` `i` is the Merkle tree hash of the leaves
//! `[i·2^l, (i+1)·2^l)`, stored once all of them exist. Level 0 holds the leaf
//! hashes. Stored hashes never change, so any tree head and proof of any
//! earlier size can be computed from them.

use crate::hash::{node_hash, Hash};
use crate::TlogError;

/// A complete subtree: `2^level` leaves starting at leaf `index · 2^level`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    /// The height above the leaves (0: a leaf).
    pub level: u8,
    /// The position among the nodes of this level.
    pub index: u64,
}

impl NodeId {
    /// The node at `level`, `index`.
    pub fn new(level: u8, index: u64) -> NodeId {
        NodeId { level, index }
    }

    /// The first leaf this node covers.
    pub fn first_leaf(&self) -> u64 {
        self.index << self.level
    }
}

/// The maximal complete subtrees covering leaves `[lo, hi)`, left to right,
/// when `lo` is a multiple of the largest power of two not above `hi - lo`
/// (true of every range a proof or a tree head needs). Largest first.
pub fn range_nodes(lo: u64, hi: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut start = lo;
    let len = hi.saturating_sub(lo);
    for level in (0..64u8).rev() {
        if len >> level & 1 == 1 {
            out.push(NodeId::new(level, start >> level));
            start += 1u64 << level;
        }
    }
    out
}

/// Combines the hashes of [`range_nodes`] (same order) into the Merkle tree
/// hash of the range: right to left, each node hashed with what is to its right.
pub fn fold_range(hashes: &[Hash]) -> Option<Hash> {
    let mut iter = hashes.iter().rev();
    let mut acc = *iter.next()?;
    for h in iter {
        acc = node_hash(h, &acc);
    }
    Some(acc)
}

/// The nodes whose hashes appending leaf number `size` (the tree growing from
/// `size` to `size + 1` leaves) needs besides the new leaf: the left siblings
/// completed by it, lowest first.
pub fn append_needs(size: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut level = 0u8;
    while level < 64 && (size >> level) & 1 == 1 {
        out.push(NodeId::new(level, (size >> level) - 1));
        level += 1;
    }
    out
}

/// The nodes that become complete when leaf number `size` with hash `leaf` is
/// appended, with their hashes, lowest first: the leaf itself, then each parent
/// it completes. `siblings` are the hashes of [`append_needs`]`(size)`, in order.
pub fn append(size: u64, leaf: Hash, siblings: &[Hash]) -> Result<Vec<(NodeId, Hash)>, TlogError> {
    let needs = append_needs(size);
    if siblings.len() != needs.len() {
        return Err(TlogError::Range(format!(
            "appending at size {size} needs {} sibling hashes, got {}",
            needs.len(),
            siblings.len()
        )));
    }
    let mut out = Vec::with_capacity(needs.len() + 1);
    out.push((NodeId::new(0, size), leaf));
    let mut acc = leaf;
    for (i, (node, sibling)) in needs.iter().zip(siblings).enumerate() {
        acc = node_hash(sibling, &acc);
        let level = u8::try_from(i + 1).unwrap_or(u8::MAX);
        out.push((NodeId::new(level, node.index >> 1), acc));
    }
    Ok(out)
}

/// The complete subtrees that any later append to a tree of `size` leaves may
/// need, lowest first: for each bit set in `size` at level `l`, the last node
/// of that level. [`append_needs`] of `size` and of every later size are among
/// them and the nodes those appends make.
pub fn frontier(size: u64) -> Vec<NodeId> {
    (0u8..64)
        .filter(|&level| (size >> level) & 1 == 1)
        .map(|level| NodeId::new(level, (size >> level) - 1))
        .collect()
}

/// The nodes that become complete when `leaves` are appended, in order, to a
/// tree of `size` leaves, with their hashes, in the order [`append`] makes
/// them. `frontier` holds the hashes of [`frontier`]`(size)`, in order.
pub fn append_many(
    size: u64,
    frontier_hashes: &[Hash],
    leaves: &[Hash],
) -> Result<Vec<(NodeId, Hash)>, TlogError> {
    let nodes = frontier(size);
    if nodes.len() != frontier_hashes.len() {
        return Err(TlogError::Range(format!(
            "appending at size {size} needs {} frontier hashes, got {}",
            nodes.len(),
            frontier_hashes.len()
        )));
    }
    let mut known: std::collections::HashMap<NodeId, Hash> = nodes
        .into_iter()
        .zip(frontier_hashes.iter().copied())
        .collect();
    let mut out = Vec::new();
    for (at, leaf) in (size..).zip(leaves) {
        let siblings = append_needs(at)
            .iter()
            .map(|n| {
                known.get(n).copied().ok_or_else(|| {
                    TlogError::Range(format!("appending at size {at}: node {n:?} unknown"))
                })
            })
            .collect::<Result<Vec<Hash>, TlogError>>()?;
        for (node, hash) in append(at, *leaf, &siblings)? {
            known.insert(node, hash);
            out.push((node, hash));
        }
    }
    Ok(out)
}

/// How many complete nodes level `level` has in a tree of `size` leaves.
pub fn nodes_at_level(size: u64, level: u8) -> u64 {
    if level >= 64 {
        0
    } else {
        size >> level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_decompose_by_bits() {
        assert_eq!(range_nodes(0, 0), vec![]);
        assert_eq!(range_nodes(0, 1), vec![NodeId::new(0, 0)]);
        assert_eq!(
            range_nodes(0, 7),
            vec![NodeId::new(2, 0), NodeId::new(1, 2), NodeId::new(0, 6)]
        );
        assert_eq!(
            range_nodes(8, 13),
            vec![NodeId::new(2, 2), NodeId::new(0, 12)]
        );
    }

    #[test]
    fn append_needs_left_siblings() {
        assert_eq!(append_needs(0), vec![]);
        assert_eq!(append_needs(1), vec![NodeId::new(0, 0)]);
        assert_eq!(append_needs(2), vec![]);
        assert_eq!(
            append_needs(7),
            vec![NodeId::new(0, 6), NodeId::new(1, 2), NodeId::new(2, 0)]
        );
        let made = append(7, Hash([7; 32]), &[Hash([6; 32]); 3]).unwrap_or_default();
        let ids: Vec<NodeId> = made.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            ids,
            vec![
                NodeId::new(0, 7),
                NodeId::new(1, 3),
                NodeId::new(2, 1),
                NodeId::new(3, 0)
            ]
        );
        assert!(append(7, Hash([7; 32]), &[]).is_err());
    }

    #[test]
    fn appending_many_makes_what_appending_one_by_one_makes() {
        let leaves: Vec<Hash> = (0u8..40).map(|i| Hash([i; 32])).collect();
        let mut all: Vec<(NodeId, Hash)> = Vec::new();
        let mut made_at: Vec<usize> = vec![0];
        for (size, leaf) in (0u64..).zip(&leaves) {
            let siblings: Vec<Hash> = append_needs(size)
                .iter()
                .map(|n| {
                    all.iter()
                        .find(|(m, _)| m == n)
                        .map(|(_, h)| *h)
                        .unwrap_or(Hash([0; 32]))
                })
                .collect();
            all.extend(append(size, *leaf, &siblings).unwrap_or_default());
            made_at.push(all.len());
        }
        for size in 0..30usize {
            let front: Vec<Hash> = frontier(size as u64)
                .iter()
                .map(|n| {
                    all.iter()
                        .find(|(m, _)| m == n)
                        .map(|(_, h)| *h)
                        .unwrap_or(Hash([0; 32]))
                })
                .collect();
            for k in 0..10 {
                let got =
                    append_many(size as u64, &front, &leaves[size..size + k]).unwrap_or_default();
                assert_eq!(
                    got,
                    all[made_at[size]..made_at[size + k]],
                    "size {size}, {k} leaves"
                );
            }
        }
        assert_eq!(frontier(6), vec![NodeId::new(1, 2), NodeId::new(2, 0)]);
        assert!(append_many(6, &[], &leaves[..1]).is_err());
    }
}
