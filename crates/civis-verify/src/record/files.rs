//! The documents of a published record, one type per JSON file (see
//! `docs/published-record.md` for what each proves).

use civis_budget::rules::Amount;
use civis_budget::{ProcessId, ProcessResults, ProposalId};
use serde::{Deserialize, Serialize};

use super::Bytes;

/// The value of [`Manifest::format`] this crate reads and writes.
pub const FORMAT: &str = "civis-published-record/1";

/// `record.json`: what the record is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The process.
    pub process: ProcessId,
    /// The process's title (English), for people reading the report.
    pub title: String,
    /// The frozen rules' digest as `civis-budget` computes it
    /// ([`civis_budget::ProcessRules::digest`]).
    pub rules_digest: String,
    /// The ballot log's origin (the first line of its checkpoints).
    pub log_origin: String,
}

/// One project on the ballot (`projects.json` is a list of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedProject {
    /// Its id, as ballots name it.
    pub id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its cost on the ballot.
    pub cost: Amount,
    /// Its district, if any (decides its budget unit).
    #[serde(default)]
    pub district: Option<String>,
    /// Its category, if any (decides its budget unit).
    #[serde(default)]
    pub category: Option<String>,
}

/// `credentials.json`: the credential issuer's key and how many credentials it issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialIssuer {
    /// The issuer's RSA public key (DER SubjectPublicKeyInfo).
    pub public_key: Bytes,
    /// The key's id (lowercase hex), as `civis-ballot` computes it.
    pub key_id: String,
    /// How many credentials were issued (one per eligible resident who asked).
    pub issued: u64,
}

/// One official entitled to enter paper ballots (`officials.json` is a list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    /// The official's Ed25519 key as a C2SP note verifier key string
    /// (`name+id+base64`); the name is what paper entries name.
    pub key: String,
}

/// `trustees.json`: the threshold, every trustee's Feldman commitments and the
/// election (group) public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trustees {
    /// Shares needed to decrypt (k).
    pub threshold: u32,
    /// Trustees (n), numbered 1..=n.
    pub trustees: u32,
    /// Trustee `i`'s commitments (k SEC1 P-256 points) at index `i - 1`.
    pub commitments: Vec<Vec<Bytes>>,
    /// The election public key: the sum of every trustee's first commitment
    /// (SEC1 P-256 point); ballots are sealed to it.
    pub group_public_key: Bytes,
}

/// One trustee's revealed share of the election secret key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevealedShare {
    /// The trustee's number (1..=n).
    pub trustee: u32,
    /// The share (a P-256 scalar, 32 bytes big-endian).
    pub share: Bytes,
}

/// `reveal.json`: the shares revealed after the close and the key they give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    /// At least k revealed shares.
    pub shares: Vec<RevealedShare>,
    /// The reconstructed election secret key (a P-256 scalar, 32 bytes big-endian).
    pub election_secret_key: Bytes,
}

/// `outcome.json`: the published outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedOutcome {
    /// Credentials whose last ballot counts (distinct credentials in the log).
    pub counted: u64,
    /// Counted ballots that did not decrypt or were invalid under the frozen rules,
    /// by log entry index; not part of the results.
    pub spoiled: Vec<u64>,
    /// The outcome as `civis-budget` computes it from the valid counted ballots.
    pub results: ProcessResults,
}
