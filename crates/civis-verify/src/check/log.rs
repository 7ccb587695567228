//! The ballot log's integrity: the checkpoint's signature and origin, the tiles
//! the checkpoint's tree needs (no more, no fewer), every entry against its leaf
//! hash, every higher tile against the tile below, the root against the
//! checkpoint, and every earlier checkpoint against the same tiles (a log that
//! only grew has the earlier roots inside it).

use std::collections::HashMap;

use civis_tlog::hash::{hash_of_hashes, leaf_hash, Hash};
use civis_tlog::proof::root;
use civis_tlog::tile::{
    decode_bundle, decode_hash_tile, hash_from_tiles, tile_for_node, tiles_for_size, TILE_WIDTH,
};
use civis_tlog::{Checkpoint, NodeId, Note, NoteVerifier, TileId, TileKind};

use crate::record::{PublishedLog, CHECKPOINT, EARLIER_CHECKPOINTS, LOG_DIR, VERIFIER_KEY};
use crate::report::CheckResult;

/// The log's entries as the bundles hold them (best effort when the check fails).
#[derive(Debug, Clone, Default)]
pub struct LogEntries {
    /// Entry bytes by index.
    pub entries: Vec<Vec<u8>>,
}

/// Checks the published log against the origin `origin` of `record.json`.
pub fn check_log(log: &PublishedLog, origin: &str) -> (CheckResult, LogEntries) {
    let mut check = CheckResult::new("log");
    let verifier = match NoteVerifier::parse(&log.verifier_key) {
        Ok(v) => Some(v),
        Err(e) => {
            check.fail(format!("{VERIFIER_KEY}: {e}"));
            None
        }
    };
    let Some(checkpoint) = open_checkpoint(
        CHECKPOINT,
        log.checkpoint.as_bytes(),
        verifier.as_ref(),
        origin,
        &mut check,
    ) else {
        return (check, LogEntries::default());
    };
    let size = checkpoint.size;
    let mut hashes: HashMap<TileId, Vec<Hash>> = HashMap::new();
    let mut bundles: Vec<(TileId, Vec<u8>)> = Vec::new();
    let expected = tiles_for_size(size);
    for tile in &expected {
        if !log.tiles.contains_key(&tile.path()) {
            check.fail(format!(
                "{LOG_DIR}/{}: missing (the checkpoint's tree of {size} entries needs it)",
                tile.path()
            ));
        }
    }
    for (path, bytes) in &log.tiles {
        let shown = format!("{LOG_DIR}/{path}");
        let tile = match TileId::parse(path) {
            Ok(t) if expected.contains(&t) => t,
            Ok(_) => {
                check.fail(format!(
                    "{shown}: not a tile of the checkpoint's tree of {size} entries"
                ));
                continue;
            }
            Err(e) => {
                check.fail(format!("{shown}: {e}"));
                continue;
            }
        };
        match tile.kind {
            TileKind::Entries => bundles.push((tile, bytes.clone())),
            TileKind::Hashes(_) => match decode_hash_tile(&tile, bytes) {
                Ok(h) => {
                    hashes.insert(tile, h);
                }
                Err(e) => check.fail(format!("{shown}: {e}")),
            },
        }
    }
    bundles.sort_by_key(|(t, _)| t.index);
    let entries = check_entries(&bundles, size, &hashes, &mut check);
    check_upper_tiles(&hashes, &mut check);
    match root(size, |n| hash_from_tiles(n, size, &hashes)) {
        Ok(r) if r == checkpoint.root => {}
        Ok(_) => check.fail(format!(
            "{CHECKPOINT}: its root hash is not the root of the published tiles"
        )),
        Err(e) => check.fail(format!(
            "{CHECKPOINT}: cannot compute the root from the tiles: {e}"
        )),
    }
    let mut consistent = 0;
    for (name, note) in &log.earlier {
        let file = format!("{EARLIER_CHECKPOINTS}/{name}");
        let Some(old) = open_checkpoint(
            &file,
            note.as_bytes(),
            verifier.as_ref(),
            origin,
            &mut check,
        ) else {
            continue;
        };
        if old.size != *name {
            check.fail(format!("{file}: holds tree size {}, not {name}", old.size));
        } else if old.size > size {
            check.fail(format!(
                "{file}: tree size {} is above the final checkpoint's {size}",
                old.size
            ));
        } else if root(old.size, |n| hash_from_tiles(n, size, &hashes)).ok() != Some(old.root) {
            check.fail(format!(
                "{file}: not consistent with the final checkpoint: the first {} entries of the published log have another root (the log was rewritten)",
                old.size
            ));
        } else {
            consistent += 1;
        }
    }
    let verb = if check.holds() {
        "hash to"
    } else {
        "checked against"
    };
    check.summary = format!(
        "{size} entries in {} bundles and {} hash tiles {verb} the checkpoint signed by {}; {consistent} of {} earlier checkpoint(s) consistent",
        bundles.len(),
        hashes.len(),
        verifier.map(|v| v.name).unwrap_or_default(),
        log.earlier.len()
    );
    (check, LogEntries { entries })
}

fn open_checkpoint(
    file: &str,
    bytes: &[u8],
    verifier: Option<&NoteVerifier>,
    origin: &str,
    check: &mut CheckResult,
) -> Option<Checkpoint> {
    let note = match Note::parse(bytes) {
        Ok(n) => n,
        Err(e) => {
            check.fail(format!("{file}: {e}"));
            return None;
        }
    };
    if let Some(v) = verifier {
        if let Err(e) = note.verify(std::slice::from_ref(v)) {
            check.fail(format!("{file}: {e}"));
        }
    }
    match Checkpoint::parse(&note.text) {
        Ok(c) => {
            if c.origin != origin {
                check.fail(format!(
                    "{file}: origin {:?} is not the record's log origin {origin:?}",
                    c.origin
                ));
            }
            Some(c)
        }
        Err(e) => {
            check.fail(format!("{file}: {e}"));
            None
        }
    }
}

fn check_entries(
    bundles: &[(TileId, Vec<u8>)],
    size: u64,
    hashes: &HashMap<TileId, Vec<Hash>>,
    check: &mut CheckResult,
) -> Vec<Vec<u8>> {
    let mut entries = Vec::new();
    for (tile, bytes) in bundles {
        let shown = format!("{LOG_DIR}/{}", tile.path());
        let decoded = match decode_bundle(bytes) {
            Ok(d) => d,
            Err(e) => {
                check.fail(format!("{shown}: {e}"));
                continue;
            }
        };
        if decoded.len() != usize::from(tile.width) {
            check.fail(format!(
                "{shown}: holds {} entries, its name says {}",
                decoded.len(),
                tile.width
            ));
        }
        let first = tile.index * TILE_WIDTH;
        for (offset, entry) in decoded.into_iter().enumerate() {
            let index = first + offset as u64;
            let stored = tile_for_node(NodeId::new(0, index), size).and_then(|(t, range)| {
                let h = hashes.get(&t)?.get(range.start).copied()?;
                Some((t, h))
            });
            match stored {
                Some((_, h)) if h == leaf_hash(&entry) => {}
                Some((t, _)) => check.fail(format!(
                    "entry {index} ({shown}): its hash is not the leaf hash in {LOG_DIR}/{}",
                    t.path()
                )),
                None => check.fail(format!(
                    "entry {index} ({shown}): no leaf hash for it in the level-0 tiles"
                )),
            }
            if usize::try_from(index).ok() == Some(entries.len()) {
                entries.push(entry);
            }
        }
    }
    if entries.len() as u64 != size {
        check.fail(format!(
            "the entry bundles hold {} entries in order, the checkpoint says {size}",
            entries.len()
        ));
    }
    entries
}

fn check_upper_tiles(hashes: &HashMap<TileId, Vec<Hash>>, check: &mut CheckResult) {
    let mut tiles: Vec<&TileId> = hashes.keys().collect();
    tiles.sort();
    for tile in tiles {
        let TileKind::Hashes(level) = tile.kind else {
            continue;
        };
        if level == 0 {
            continue;
        }
        for (pos, hash) in hashes.get(tile).into_iter().flatten().enumerate() {
            let below = TileId {
                kind: TileKind::Hashes(level - 1),
                index: tile.index * TILE_WIDTH + pos as u64,
                width: TILE_WIDTH as u16,
            };
            match hashes.get(&below) {
                Some(h) if hash_of_hashes(h) == *hash => {}
                Some(_) => check.fail(format!(
                    "{LOG_DIR}/{}: hash {pos} is not the hash of {LOG_DIR}/{}",
                    tile.path(),
                    below.path()
                )),
                None => check.fail(format!(
                    "{LOG_DIR}/{}: hash {pos} has no full tile {LOG_DIR}/{} below it",
                    tile.path(),
                    below.path()
                )),
            }
        }
    }
}
