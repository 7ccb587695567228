//! Transparency logs for civis, with no IO.
//!
//! * [`hash`]: the RFC 6962 / RFC 9162 Merkle tree hashes (SHA-256, leaf
//!   prefix `0x00`, node prefix `0x01`);
//! * [`tree`]: the complete subtrees a log stores ([`NodeId`]), what an append
//!   adds, and the tree head of any size;
//! * [`proof`]: inclusion and consistency proofs, generated from stored hashes
//!   (planned as a list of [`NodeId`]s so that async storage can fetch them in
//!   one go) and verified;
//! * [`tile`]: C2SP tlog-tiles coordinates, paths (`tile/<L>/<N>[.p/<W>]`,
//!   `tile/entries/<N>[.p/<W>]`), entry bundles, and hashes read back from tiles;
//! * [`checkpoint`]: the C2SP tlog-checkpoint note text;
//! * [`note`]: C2SP signed notes with Ed25519 keys (key ids, verifier and
//!   signer key strings), signed and verified with OpenSSL ([`ed25519`]).
//!
//! Parsing never panics; every refusal is a [`TlogError`] that says what is wrong.

pub mod checkpoint;
pub mod ed25519;
pub mod error;
pub mod hash;
pub mod memory;
pub mod note;
pub mod proof;
pub mod tile;
pub mod tree;

pub use checkpoint::Checkpoint;
pub use error::TlogError;
pub use hash::Hash;
pub use memory::MemoryLog;
pub use note::{Note, NoteSigner, NoteVerifier};
pub use proof::HashPlan;
pub use tile::{TileId, TileKind};
pub use tree::NodeId;
