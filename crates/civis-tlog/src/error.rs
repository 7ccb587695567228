//! The one error type of the crate.

use thiserror::Error;

/// Why a tree operation, a proof, a tile path, a checkpoint or a note was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TlogError {
    /// A leaf index or tree size outside what the operation accepts.
    #[error("{0}")]
    Range(String),
    /// A hash the computation needs was not supplied.
    #[error("missing hash of node at level {level}, index {index}")]
    MissingHash {
        /// The node's level.
        level: u8,
        /// The node's index within its level.
        index: u64,
    },
    /// A proof that does not prove what it claims.
    #[error("proof does not verify: {0}")]
    Proof(String),
    /// A tile or entry bundle path, or tile contents, that are malformed.
    #[error("malformed tile: {0}")]
    Tile(String),
    /// An entry bundle that is malformed, or an entry too long for one.
    #[error("malformed entry bundle: {0}")]
    Bundle(String),
    /// A checkpoint whose text is malformed.
    #[error("malformed checkpoint: {0}")]
    Checkpoint(String),
    /// A signed note that is malformed.
    #[error("malformed note: {0}")]
    Note(String),
    /// A verifier or signer key string that is malformed.
    #[error("malformed key: {0}")]
    Key(String),
    /// A note with no valid signature by a known key, or a bad signature by one.
    #[error("note not verified: {0}")]
    Unverified(String),
    /// The cryptographic library failed (not a property of the input).
    #[error("cryptography failed: {0}")]
    Crypto(String),
}
