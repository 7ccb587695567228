//! C2SP tlog-tiles: tile coordinates and paths, hash tiles, entry bundles, and
//! node hashes read back from tiles (as a client computes proofs).
//!
//! The tile at level `L`, index `N` holds the hashes of the stored nodes at
//! tree level `8·L` with indexes `N·256 .. N·256 + W`: `W` = 256 for a full
//! tile, 1–255 for a partial one (`.p/<W>`). Entry bundle `N` holds entries
//! `N·256 ..`, each prefixed by its length as a big-endian `u16`.

use std::collections::HashMap;

use crate::hash::{hash_of_hashes, Hash, HASH_SIZE};
use crate::tree::{nodes_at_level, NodeId};
use crate::TlogError;

/// Hashes (or entries) in a full tile.
pub const TILE_WIDTH: u64 = 256;
/// Tree levels one tile spans.
pub const TILE_HEIGHT: u8 = 8;
/// The longest entry an entry bundle can hold.
pub const MAX_ENTRY_LEN: usize = u16::MAX as usize;

/// What a tile holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TileKind {
    /// Merkle tree hashes, at tile level `L` (tree level `8·L`).
    Hashes(u8),
    /// Log entries (an entry bundle).
    Entries,
}

/// One tile or entry bundle: kind, index and width (256: full).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    /// Hashes at some level, or entries.
    pub kind: TileKind,
    /// The tile's index within its level.
    pub index: u64,
    /// How many hashes or entries it holds: 256 for a full tile, 1–255 for a partial one.
    pub width: u16,
}

impl TileId {
    /// Whether the tile is full (256 wide).
    pub fn is_full(&self) -> bool {
        u64::from(self.width) == TILE_WIDTH
    }

    /// The tile's path, e.g. `tile/0/x001/x234/067.p/8` or `tile/entries/000`.
    pub fn path(&self) -> String {
        let level = match self.kind {
            TileKind::Hashes(l) => l.to_string(),
            TileKind::Entries => "entries".to_string(),
        };
        let mut out = format!("tile/{level}/{}", encode_index(self.index));
        if !self.is_full() {
            out.push_str(&format!(".p/{}", self.width));
        }
        out
    }

    /// Parses a path as [`TileId::path`] writes it; only canonical paths are accepted.
    /// Errors: `Tile` saying which part is wrong.
    pub fn parse(path: &str) -> Result<TileId, TlogError> {
        let rest = path
            .strip_prefix("tile/")
            .ok_or_else(|| TlogError::Tile("a tile path starts with tile/".into()))?;
        let (level_text, rest) = rest
            .split_once('/')
            .ok_or_else(|| TlogError::Tile("a tile path has a level and an index".into()))?;
        let kind = if level_text == "entries" {
            TileKind::Entries
        } else {
            let level = parse_decimal(level_text, "level")?;
            if level > 63 {
                return Err(TlogError::Tile("the level is above 63".into()));
            }
            TileKind::Hashes(u8::try_from(level).unwrap_or(u8::MAX))
        };
        let (index_text, width) = match rest.split_once(".p/") {
            Some((index, width)) => {
                let w = parse_decimal(width, "width")?;
                if !(1..TILE_WIDTH).contains(&w) {
                    return Err(TlogError::Tile(
                        "a partial tile's width is between 1 and 255".into(),
                    ));
                }
                (index, u16::try_from(w).unwrap_or(u16::MAX))
            }
            None => (rest, TILE_WIDTH as u16),
        };
        let index = decode_index(index_text)?;
        Ok(TileId { kind, index, width })
    }

    /// The tree level of the tile's hashes (`8·L`), `None` for entry bundles and
    /// for levels above any tree of at most 2^64 leaves (`L` > 7).
    pub fn tree_level(&self) -> Option<u8> {
        match self.kind {
            TileKind::Hashes(l) if l < 8 => Some(l * TILE_HEIGHT),
            _ => None,
        }
    }

    /// The stored nodes whose hashes make up a hash tile, in order (empty for
    /// an entry bundle and for levels above 7).
    pub fn nodes(&self) -> Vec<NodeId> {
        let Some(level) = self.tree_level() else {
            return Vec::new();
        };
        let first = self.index.saturating_mul(TILE_WIDTH);
        (0..u64::from(self.width))
            .filter_map(|i| first.checked_add(i))
            .map(|i| NodeId::new(level, i))
            .collect()
    }

    /// The entry indexes an entry bundle holds (empty for a hash tile).
    pub fn entry_range(&self) -> std::ops::Range<u64> {
        match self.kind {
            TileKind::Entries => {
                let first = self.index.saturating_mul(TILE_WIDTH);
                first..first.saturating_add(u64::from(self.width))
            }
            TileKind::Hashes(_) => 0..0,
        }
    }

    /// Whether the tile exists in a tree of `size` leaves: all of its
    /// hashes (or entries) do, full or partial.
    pub fn exists_in(&self, size: u64) -> bool {
        let available = match self.kind {
            TileKind::Entries => size,
            TileKind::Hashes(_) => match self.tree_level() {
                Some(level) => nodes_at_level(size, level),
                None => 0,
            },
        };
        self.index
            .checked_mul(TILE_WIDTH)
            .and_then(|first| first.checked_add(u64::from(self.width)))
            .is_some_and(|end| end <= available)
    }
}

fn parse_decimal(text: &str, what: &str) -> Result<u64, TlogError> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if !canonical {
        return Err(TlogError::Tile(format!(
            "the {what} must be a decimal number without leading zeros"
        )));
    }
    text.parse()
        .map_err(|_| TlogError::Tile(format!("the {what} is too large")))
}

/// Writes a tile index as 3-digit path elements, all but the last prefixed by
/// `x`: 1234067 is `x001/x234/067`.
pub fn encode_index(index: u64) -> String {
    let mut groups = vec![format!("{:03}", index % 1000)];
    let mut rest = index / 1000;
    while rest > 0 {
        groups.push(format!("x{:03}", rest % 1000));
        rest /= 1000;
    }
    groups.reverse();
    groups.join("/")
}

/// Reads a tile index written by [`encode_index`]; only canonical forms are accepted.
pub fn decode_index(text: &str) -> Result<u64, TlogError> {
    let parts: Vec<&str> = text.split('/').collect();
    let mut value: u64 = 0;
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let digits = if last {
            *part
        } else {
            part.strip_prefix('x')
                .ok_or_else(|| TlogError::Tile("index elements but the last start with x".into()))?
        };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TlogError::Tile(
                "index elements have exactly three digits".into(),
            ));
        }
        let group: u64 = digits
            .parse()
            .map_err(|_| TlogError::Tile("bad index digits".into()))?;
        value = value
            .checked_mul(1000)
            .and_then(|v| v.checked_add(group))
            .ok_or_else(|| TlogError::Tile("the index is too large".into()))?;
    }
    if encode_index(value) != text {
        return Err(TlogError::Tile(
            "the index has superfluous leading zeros".into(),
        ));
    }
    Ok(value)
}

/// The tiles a tree of `size` leaves is published as: for each level with at
/// least one complete node, its full tiles and its last partial one, if any.
pub fn tiles_for_size(size: u64) -> Vec<TileId> {
    let mut out = Vec::new();
    for l in 0..8u8 {
        let count = nodes_at_level(size, l * TILE_HEIGHT);
        if count == 0 {
            break;
        }
        push_tiles(&mut out, TileKind::Hashes(l), count);
    }
    push_tiles(&mut out, TileKind::Entries, size);
    out
}

fn push_tiles(out: &mut Vec<TileId>, kind: TileKind, count: u64) {
    for index in 0..count / TILE_WIDTH {
        out.push(TileId {
            kind,
            index,
            width: TILE_WIDTH as u16,
        });
    }
    let rest = count % TILE_WIDTH;
    if rest > 0 {
        out.push(TileId {
            kind,
            index: count / TILE_WIDTH,
            width: u16::try_from(rest).unwrap_or(u16::MAX),
        });
    }
}

/// The bytes of a hash tile: its hashes concatenated.
pub fn encode_hash_tile(hashes: &[Hash]) -> Vec<u8> {
    hashes.iter().flat_map(|h| h.0).collect()
}

/// The hashes of a hash tile `tile`. Errors: `Tile` if the length is not `width` hashes.
pub fn decode_hash_tile(tile: &TileId, bytes: &[u8]) -> Result<Vec<Hash>, TlogError> {
    if bytes.len() != usize::from(tile.width) * HASH_SIZE {
        return Err(TlogError::Tile(format!(
            "{} has {} bytes, not {} hashes",
            tile.path(),
            bytes.len(),
            tile.width
        )));
    }
    bytes
        .chunks_exact(HASH_SIZE)
        .map(Hash::from_slice)
        .collect()
}

/// An entry bundle: each entry prefixed by its length (big-endian `u16`).
/// Errors: `Bundle` if an entry is longer than 65,535 bytes.
pub fn encode_bundle<E: AsRef<[u8]>>(entries: &[E]) -> Result<Vec<u8>, TlogError> {
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let entry = entry.as_ref();
        let len = u16::try_from(entry.len()).map_err(|_| {
            TlogError::Bundle(format!(
                "entry {i} has {} bytes, more than 65535",
                entry.len()
            ))
        })?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(entry);
    }
    Ok(out)
}

/// The entries of an entry bundle. Errors: `Bundle` on a truncated length or entry.
pub fn decode_bundle(bytes: &[u8]) -> Result<Vec<Vec<u8>>, TlogError> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let [hi, lo, tail @ ..] = rest else {
            return Err(TlogError::Bundle(format!(
                "entry {} has a truncated length",
                out.len()
            )));
        };
        let len = usize::from(u16::from_be_bytes([*hi, *lo]));
        if tail.len() < len {
            return Err(TlogError::Bundle(format!(
                "entry {} is truncated: {len} bytes announced, {} left",
                out.len(),
                tail.len()
            )));
        }
        out.push(tail[..len].to_vec());
        rest = &tail[len..];
    }
    Ok(out)
}

/// Where node `node`'s hash can be computed from in a tree of `size` leaves:
/// the tile (full, or partial as published for `size`) and the positions of
/// the hashes in it that it is the Merkle tree hash of. `None` if the node is
/// not complete at `size`.
pub fn tile_for_node(node: NodeId, size: u64) -> Option<(TileId, std::ops::Range<usize>)> {
    if node.level >= 64 || node.index >= nodes_at_level(size, node.level) {
        return None;
    }
    let tile_level = node.level / TILE_HEIGHT;
    let base = tile_level * TILE_HEIGHT;
    let height = node.level - base;
    let first = node.index << height;
    let index = first / TILE_WIDTH;
    let offset = usize::try_from(first % TILE_WIDTH).ok()?;
    let available = nodes_at_level(size, base).saturating_sub(index * TILE_WIDTH);
    let width = u16::try_from(available.min(TILE_WIDTH)).ok()?;
    let tile = TileId {
        kind: TileKind::Hashes(tile_level),
        index,
        width,
    };
    Some((tile, offset..offset + (1usize << height)))
}

/// Node `node`'s hash in a tree of `size` leaves, from decoded tiles (as
/// [`tile_for_node`] names them). `None` if the tile is not in `tiles`.
pub fn hash_from_tiles(
    node: NodeId,
    size: u64,
    tiles: &HashMap<TileId, Vec<Hash>>,
) -> Option<Hash> {
    let (tile, range) = tile_for_node(node, size)?;
    let hashes = tiles.get(&tile)?.get(range)?;
    Some(hash_of_hashes(hashes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_encoding() {
        assert_eq!(encode_index(0), "000");
        assert_eq!(encode_index(1234067), "x001/x234/067");
        assert_eq!(encode_index(1000), "x001/000");
        assert_eq!(decode_index("x001/x234/067"), Ok(1234067));
        assert!(decode_index("x000/001").is_err());
        assert!(decode_index("1").is_err());
        assert!(decode_index("001/002").is_err());
        assert!(decode_index("x001/x234/0677").is_err());
        assert!(decode_index("x018/x446/x744/x073/x709/x551/615").is_ok());
        assert!(decode_index("x018/x446/x744/x073/x709/x551/616").is_err());
    }
}
