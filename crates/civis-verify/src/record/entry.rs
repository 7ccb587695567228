//! The ballot log's entries: one sealed ballot submission each, as one line of JSON.
//!
//! A voter's credential is an Ed25519 key pair the voter made; the issuer's blind
//! RSA signature covers its public key (the *token*), so the issuer never sees
//! which token it signed. An online submission is signed with the credential's
//! secret key, so nobody who reads the log can submit under someone else's
//! credential; a paper submission is signed by the official who entered it.

use civis_budget::ProcessId;
use serde::{Deserialize, Serialize};

use super::Bytes;

/// The credential a submission is cast under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    /// The token: the voter's Ed25519 public key (32 bytes), which identifies the
    /// credential in the count.
    pub token: Bytes,
    /// The RFC 9474 message randomizer (32 bytes): the issuer signed
    /// `randomizer || token`.
    pub randomizer: Bytes,
    /// The issuer's RSABSSA-SHA384-PSS-Randomized signature of `randomizer || token`.
    pub signature: Bytes,
}

impl Credential {
    /// The message the issuer's signature covers: `randomizer || token`.
    pub fn signed_message(&self) -> Vec<u8> {
        let mut m = self.randomizer.0.clone();
        m.extend_from_slice(&self.token.0);
        m
    }
}

/// How a submission reached the log, with what makes it checkable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "channel", rename_all = "snake_case", deny_unknown_fields)]
pub enum Cast {
    /// Cast online by the credential's holder.
    Online {
        /// Ed25519 signature of [`BallotEntry::signed_body`] by the token's key.
        voter_signature: Bytes,
    },
    /// A paper ballot entered by an official (the assisted channel).
    Paper {
        /// The official's key name, as listed in `officials.json`.
        official: String,
        /// Ed25519 signature of [`BallotEntry::signed_body`] by the official's key.
        official_signature: Bytes,
    },
}

/// One log entry: a sealed ballot submitted under a credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotEntry {
    /// The credential.
    pub credential: Credential,
    /// The submission's number under this credential: 1 for the first, and
    /// strictly increasing in log order.
    pub seq: u32,
    /// The HPKE encapsulated key (65 bytes, an uncompressed P-256 point).
    pub enc: Bytes,
    /// The HPKE ciphertext of the ballot content's JSON (AES-128-GCM, tag included).
    pub ciphertext: Bytes,
    /// The channel and its signature.
    pub cast: Cast,
}

/// What every log entry of process `process` is domain-separated with.
const ENTRY_CONTEXT: &[u8] = b"civis ballot entry/1\n";

fn push_field(out: &mut Vec<u8>, field: &[u8]) {
    out.extend_from_slice(&(field.len() as u64).to_be_bytes());
    out.extend_from_slice(field);
}

impl BallotEntry {
    /// The bytes the voter (online) or the official (paper) signs: a context
    /// string, the process id, then every field but the signature itself, each
    /// length-prefixed (u64, big-endian).
    pub fn signed_body(&self, process: ProcessId) -> Vec<u8> {
        let mut out = ENTRY_CONTEXT.to_vec();
        out.extend_from_slice(&process.0.to_be_bytes());
        push_field(&mut out, &self.credential.token.0);
        push_field(&mut out, &self.credential.randomizer.0);
        push_field(&mut out, &self.credential.signature.0);
        out.extend_from_slice(&self.seq.to_be_bytes());
        push_field(&mut out, &self.enc.0);
        push_field(&mut out, &self.ciphertext.0);
        match &self.cast {
            Cast::Online { .. } => push_field(&mut out, b"online"),
            Cast::Paper { official, .. } => {
                push_field(&mut out, b"paper");
                push_field(&mut out, official.as_bytes());
            }
        }
        out
    }

    /// The entry's bytes in the log: compact JSON.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Parses an entry's bytes. Errors: what is malformed, in plain words.
    pub fn parse(bytes: &[u8]) -> Result<BallotEntry, String> {
        serde_json::from_slice(bytes).map_err(|e| format!("not a ballot entry: {e}"))
    }

    /// Whether it came through the paper channel.
    pub fn is_paper(&self) -> bool {
        matches!(self.cast, Cast::Paper { .. })
    }
}

/// The HPKE `info` of every ballot of a process: binds the ciphertext to the process
/// and to its frozen rules.
pub fn hpke_info(process: ProcessId, rules_digest: &str) -> Vec<u8> {
    format!(
        "civis ballot/1\nprocess {}\nrules {rules_digest}\n",
        process.0
    )
    .into_bytes()
}

/// The HPKE associated data of a ballot: its credential's token, so a ciphertext
/// copied under another credential does not open.
pub fn hpke_aad(credential: &Credential) -> Vec<u8> {
    credential.token.0.clone()
}
