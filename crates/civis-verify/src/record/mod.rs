//! The published record: a directory of files anyone can check (see
//! `docs/published-record.md`). [`Record::write`] writes one, [`RecordDir`]
//! reads one file at a time, so that the verifier can say which file is wrong.

mod bytes;
pub mod entry;
pub mod files;
mod log;
pub mod log_publish {
    //! Publishing a log: its tiles and signed checkpoints.
    pub use super::log::signed_checkpoint;
}
mod read;

use std::path::{Path, PathBuf};

use civis_budget::ProcessRules;
use serde::Serialize;

pub use bytes::Bytes;
pub use entry::{hpke_aad, hpke_info, BallotEntry, Cast, Credential};
pub use files::{
    CredentialIssuer, Manifest, Official, PublishedOutcome, PublishedProject, Reveal,
    RevealedShare, Trustees, FORMAT,
};
pub use log::PublishedLog;
pub use read::RecordDir;

/// `record.json`.
pub const MANIFEST: &str = "record.json";
/// `rules.json`: the frozen rules.
pub const RULES: &str = "rules.json";
/// `projects.json`: the projects on the ballot.
pub const PROJECTS: &str = "projects.json";
/// `credentials.json`: the issuer key and the count issued.
pub const CREDENTIALS: &str = "credentials.json";
/// `officials.json`: the keys that may enter paper ballots.
pub const OFFICIALS: &str = "officials.json";
/// `trustees.json`: commitments and the group public key.
pub const TRUSTEES: &str = "trustees.json";
/// `reveal.json`: revealed shares and the election secret key.
pub const REVEAL: &str = "reveal.json";
/// `outcome.json`: the published outcome.
pub const OUTCOME: &str = "outcome.json";
/// `log/checkpoint`: the ballot log's signed checkpoint at the close.
pub const CHECKPOINT: &str = "log/checkpoint";
/// `log/verifier-key`: the note verifier key of the log's checkpoints.
pub const VERIFIER_KEY: &str = "log/verifier-key";
/// `log/checkpoints/`: earlier signed checkpoints, each named by its tree size.
pub const EARLIER_CHECKPOINTS: &str = "log/checkpoints";
/// `log/`: where the tiles (`log/tile/...`) live.
pub const LOG_DIR: &str = "log";

/// Where log entry `index` of a log of `size` entries is published:
/// `entry 17 (log/tile/entries/000.p/40)`.
pub fn entry_location(index: usize, size: usize) -> String {
    let width = civis_tlog::tile::TILE_WIDTH as usize;
    let bundle = civis_tlog::TileId {
        kind: civis_tlog::TileKind::Entries,
        index: (index / width) as u64,
        width: u16::try_from(size.saturating_sub(index / width * width).min(width)).unwrap_or(256),
    };
    format!("entry {index} ({LOG_DIR}/{})", bundle.path())
}

/// Why a record could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A document could not be encoded.
    #[error("cannot encode {file}: {message}")]
    Encode {
        /// The file.
        file: String,
        /// The cause.
        message: String,
    },
    /// The log could not be published.
    #[error("cannot publish the ballot log: {0}")]
    Log(#[from] civis_tlog::TlogError),
}

/// Everything a record holds, to be written with [`Record::write`].
#[derive(Debug, Clone)]
pub struct Record {
    /// `record.json`.
    pub manifest: Manifest,
    /// `rules.json`.
    pub rules: ProcessRules,
    /// `projects.json`.
    pub projects: Vec<PublishedProject>,
    /// `credentials.json`.
    pub credentials: CredentialIssuer,
    /// `officials.json`.
    pub officials: Vec<Official>,
    /// `trustees.json`.
    pub trustees: Trustees,
    /// `reveal.json`.
    pub reveal: Reveal,
    /// `outcome.json`.
    pub outcome: PublishedOutcome,
    /// `log/`.
    pub log: PublishedLog,
}

impl Record {
    /// Writes every file of the record under `dir` (created if missing).
    pub fn write(&self, dir: &Path) -> Result<(), RecordError> {
        write_json(dir, MANIFEST, &self.manifest)?;
        write_json(dir, RULES, &self.rules)?;
        write_json(dir, PROJECTS, &self.projects)?;
        write_json(dir, CREDENTIALS, &self.credentials)?;
        write_json(dir, OFFICIALS, &self.officials)?;
        write_json(dir, TRUSTEES, &self.trustees)?;
        write_json(dir, REVEAL, &self.reveal)?;
        write_json(dir, OUTCOME, &self.outcome)?;
        self.log.write(dir)
    }
}

/// The bytes of the JSON file `file` holding `value`, as [`Record::write`]
/// writes them (pretty, with a final newline), for a server that publishes the
/// record's files one at a time.
pub fn encode_json<T: Serialize>(file: &str, value: &T) -> Result<Vec<u8>, RecordError> {
    let mut text = serde_json::to_vec_pretty(value).map_err(|e| RecordError::Encode {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    text.push(b'\n');
    Ok(text)
}

fn write_json<T: Serialize>(dir: &Path, file: &str, value: &T) -> Result<(), RecordError> {
    write_file(&dir.join(file), &encode_json(file, value)?)
}

pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), RecordError> {
    let io = |source| RecordError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, bytes).map_err(io)
}
