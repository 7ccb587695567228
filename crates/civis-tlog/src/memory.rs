//! A log held in memory: the reference the stores are tested against, and a
//! simple way to use the crate without a database.

use crate::hash::{leaf_hash, Hash};
use crate::proof::{consistency_plan, inclusion_plan, root};
use crate::tile::{encode_bundle, encode_hash_tile, TileId, TileKind};
use crate::tree::{append, append_needs, NodeId};
use crate::TlogError;

/// Entries and every stored hash, in memory.
#[derive(Clone, Debug, Default)]
pub struct MemoryLog {
    entries: Vec<Vec<u8>>,
    levels: Vec<Vec<Hash>>,
}

impl MemoryLog {
    /// An empty log.
    pub fn new() -> MemoryLog {
        MemoryLog::default()
    }

    /// The number of entries.
    pub fn size(&self) -> u64 {
        self.entries.len() as u64
    }

    /// The stored hash of `node`, if complete.
    pub fn node(&self, node: NodeId) -> Option<Hash> {
        let i = usize::try_from(node.index).ok()?;
        self.levels.get(usize::from(node.level))?.get(i).copied()
    }

    /// Appends an entry; returns its index.
    pub fn append(&mut self, entry: &[u8]) -> Result<u64, TlogError> {
        let size = self.size();
        let siblings = append_needs(size)
            .into_iter()
            .map(|n| {
                self.node(n).ok_or(TlogError::MissingHash {
                    level: n.level,
                    index: n.index,
                })
            })
            .collect::<Result<Vec<Hash>, TlogError>>()?;
        for (node, hash) in append(size, leaf_hash(entry), &siblings)? {
            let level = usize::from(node.level);
            if self.levels.len() <= level {
                self.levels.resize_with(level + 1, Vec::new);
            }
            self.levels[level].push(hash);
        }
        self.entries.push(entry.to_vec());
        Ok(size)
    }

    /// The root hash of the first `size` entries.
    pub fn root_at(&self, size: u64) -> Result<Hash, TlogError> {
        self.check_size(size)?;
        root(size, |n| self.node(n))
    }

    /// The inclusion proof of entry `index` in the tree of `size` entries.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, TlogError> {
        self.check_size(size)?;
        inclusion_plan(index, size)?.finish(|n| self.node(n))
    }

    /// The consistency proof from `old` entries to `new` entries.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, TlogError> {
        self.check_size(new)?;
        consistency_plan(old, new)?.finish(|n| self.node(n))
    }

    /// A tile's bytes, if it exists at the current size.
    pub fn tile(&self, tile: &TileId) -> Option<Vec<u8>> {
        if !tile.exists_in(self.size()) {
            return None;
        }
        match tile.kind {
            TileKind::Hashes(_) => {
                let hashes: Option<Vec<Hash>> =
                    tile.nodes().into_iter().map(|n| self.node(n)).collect();
                Some(encode_hash_tile(&hashes?))
            }
            TileKind::Entries => {
                let range = tile.entry_range();
                let start = usize::try_from(range.start).ok()?;
                let end = usize::try_from(range.end).ok()?;
                encode_bundle(self.entries.get(start..end)?).ok()
            }
        }
    }

    fn check_size(&self, size: u64) -> Result<(), TlogError> {
        if size > self.size() {
            return Err(TlogError::Range(format!(
                "tree size {size} is above the log's size {}",
                self.size()
            )));
        }
        Ok(())
    }
}
