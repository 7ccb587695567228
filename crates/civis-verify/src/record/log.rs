//! The ballot log as published: the checkpoint at the close, its verifier key,
//! every tile and entry bundle (C2SP tlog-tiles layout under `log/`), and earlier
//! checkpoints.

use std::collections::BTreeMap;
use std::path::Path;

use civis_tlog::tile::tiles_for_size;
use civis_tlog::{Checkpoint, MemoryLog, Note, NoteSigner};

use super::{write_file, RecordError, CHECKPOINT, EARLIER_CHECKPOINTS, LOG_DIR, VERIFIER_KEY};

/// The published ballot log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishedLog {
    /// The signed checkpoint (a C2SP signed note).
    pub checkpoint: String,
    /// The note verifier key string of the checkpoint's signer.
    pub verifier_key: String,
    /// Tile and entry bundle bytes by path (`tile/0/000`, `tile/entries/000.p/7`, ...).
    pub tiles: BTreeMap<String, Vec<u8>>,
    /// Earlier signed checkpoints by tree size.
    pub earlier: BTreeMap<u64, String>,
}

/// The signed checkpoint of `log` at its current size.
pub fn signed_checkpoint(
    log: &MemoryLog,
    origin: &str,
    signer: &NoteSigner,
) -> Result<String, RecordError> {
    let checkpoint = Checkpoint {
        origin: origin.to_string(),
        size: log.size(),
        root: log.root_at(log.size())?,
        extensions: Vec::new(),
    };
    Ok(Note::sign(&checkpoint.to_text()?, &[signer])?.encode())
}

impl PublishedLog {
    /// Publishes `log` at its current size: every tile and bundle, and its
    /// checkpoint signed by `signer`; `earlier` are checkpoints signed before.
    pub fn from_memory(
        log: &MemoryLog,
        origin: &str,
        signer: &NoteSigner,
        earlier: BTreeMap<u64, String>,
    ) -> Result<PublishedLog, RecordError> {
        let mut tiles = BTreeMap::new();
        for tile in tiles_for_size(log.size()) {
            let bytes = log.tile(&tile).ok_or_else(|| {
                civis_tlog::TlogError::Tile(format!("{} is missing from the log", tile.path()))
            })?;
            tiles.insert(tile.path(), bytes);
        }
        Ok(PublishedLog {
            checkpoint: signed_checkpoint(log, origin, signer)?,
            verifier_key: signer.verifier().encode(),
            tiles,
            earlier,
        })
    }

    /// Writes the log's files under `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), RecordError> {
        write_file(&dir.join(CHECKPOINT), self.checkpoint.as_bytes())?;
        write_file(
            &dir.join(VERIFIER_KEY),
            format!("{}\n", self.verifier_key).as_bytes(),
        )?;
        for (path, bytes) in &self.tiles {
            write_file(&dir.join(LOG_DIR).join(path), bytes)?;
        }
        for (size, note) in &self.earlier {
            write_file(
                &dir.join(EARLIER_CHECKPOINTS).join(size.to_string()),
                note.as_bytes(),
            )?;
        }
        Ok(())
    }
}
