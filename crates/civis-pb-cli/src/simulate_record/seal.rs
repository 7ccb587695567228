//! Sealing and signing each submission into a log entry: the ballot's JSON sealed
//! with HPKE to the election key, signed by the voter's credential key (online)
//! or by the official who entered it (paper).

use civis_ballot::hpke::{seal, HpkePublicKey};
use civis_budget::ProcessId;
use civis_tlog::ed25519;
use civis_verify::record::{hpke_aad, BallotEntry, Bytes, Cast, Credential};

use super::issue::VoterCredential;
use super::plan::Submission;
use super::rng::{par_range, stream, Stream};

/// An official who enters paper ballots.
#[derive(Debug, Clone)]
pub struct OfficialKey {
    /// The key name.
    pub name: String,
    /// The Ed25519 seed.
    pub seed: [u8; 32],
}

/// What sealing needs.
pub struct Sealing<'a> {
    /// The process.
    pub process: ProcessId,
    /// The HPKE info of the process.
    pub info: &'a [u8],
    /// The election public key.
    pub key: &'a HpkePublicKey,
    /// Every voter's credential.
    pub voters: &'a [VoterCredential],
    /// The officials.
    pub officials: &'a [OfficialKey],
}

/// The log entry of every submission, in order.
pub fn seal_all(
    sealing: &Sealing<'_>,
    submissions: &[Submission],
    seed: u64,
) -> Result<Vec<BallotEntry>, String> {
    par_range(submissions.len(), |i| {
        let s = &submissions[i];
        let mut rng = stream(seed, Stream::Seal, i as u64);
        let voter = sealing
            .voters
            .get(s.voter)
            .ok_or_else(|| format!("no voter {}", s.voter))?;
        let credential = Credential {
            token: Bytes(voter.token.to_vec()),
            randomizer: Bytes(voter.randomizer.clone()),
            signature: Bytes(voter.signature.clone()),
        };
        let plaintext = serde_json::to_vec(&s.content).map_err(|e| e.to_string())?;
        let (enc, ciphertext) = seal(
            sealing.key,
            sealing.info,
            &hpke_aad(&credential),
            &plaintext,
            &mut rng,
        )
        .map_err(|e| e.to_string())?;
        let official = s.paper.and_then(|o| sealing.officials.get(o));
        let mut entry = BallotEntry {
            credential,
            seq: s.seq,
            enc: Bytes(enc),
            ciphertext: Bytes(ciphertext),
            cast: match official {
                Some(o) => Cast::Paper {
                    official: o.name.clone(),
                    official_signature: Bytes::default(),
                },
                None => Cast::Online {
                    voter_signature: Bytes::default(),
                },
            },
        };
        let body = entry.signed_body(sealing.process);
        match (&mut entry.cast, official) {
            (
                Cast::Paper {
                    official_signature, ..
                },
                Some(o),
            ) => {
                *official_signature =
                    Bytes(ed25519::sign(&o.seed, &body).map_err(|e| e.to_string())?);
            }
            (Cast::Online { voter_signature }, _) => {
                *voter_signature =
                    Bytes(ed25519::sign(&voter.seed, &body).map_err(|e| e.to_string())?);
            }
            (Cast::Paper { .. }, None) => return Err("a paper ballot without an official".into()),
        }
        Ok(entry)
    })
    .into_iter()
    .collect()
}
