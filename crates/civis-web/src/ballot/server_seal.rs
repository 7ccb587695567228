//! Casting a secret ballot for a resident whose browser cannot seal it (no
//! JavaScript, or no Web Crypto): the server does what `secret-ballot.js` does,
//! on the resident's behalf. It makes the credential (through the same issuer
//! and the same one-per-resident record as [`super::credential::issue`]), seals
//! the ballot to the election key, signs it with the credential's key and
//! submits it through [`super::submit::submit`], like any client. The resident
//! gets the receipt and their voting key as a file (`civis-voting-key/1`, the
//! format the browser saves), which they bring back to change their vote. The
//! server keeps nothing of the key or of which credential is whose.
//!
//! What weakens, and the vote page and `docs/threat-model.md` say so: while it
//! casts, the server sees the resident's choices and knows which credential is
//! theirs; secrecy rests on it forgetting both, as it does, rather than on
//! cryptography.

use civis_ballot::blind_rsa::{IssuerPublicKey, Signature};
use civis_ballot::hpke::HpkePublicKey;
use civis_ballot::OsRandomness;
use civis_budget::{BallotContent, ProcessId};
use civis_domain::{Timestamp, User};
use civis_tlog::ed25519;
use civis_verify::record::{hpke_info, Bytes, Credential};
use civis_verify::voter::{CredentialRequest, SealTo, VoterKey};
use serde::{Deserialize, Serialize};

use super::refusal::SecretBallotRefusal;
use super::submit::Receipt;
use crate::budget::{access, ballot_check, ballots};
use crate::error::AppError;
use crate::state::AppState;

/// The format name of a voting key file.
pub const KEY_FORMAT: &str = "civis-voting-key/1";

/// The PKCS #8 prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows.
const PKCS8_ED25519_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// How many later `seq` numbers are tried when another device cast under the
/// same key since the file was saved.
pub(crate) const SEQ_ATTEMPTS: u32 = 10;

/// One receipt a voting key file remembers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeptReceipt {
    /// The submission's number.
    pub seq: u32,
    /// Its index in the ballot log.
    pub index: u64,
    /// Its leaf hash (base64).
    pub leaf_hash: String,
}

/// A voting key file, as `secret-ballot.js` saves it: the credential, its key
/// (PKCS #8, base64) and the last submission's number. Binary values are
/// standard base64.
#[derive(Clone, Serialize, Deserialize)]
pub struct VotingKeyFile {
    /// [`KEY_FORMAT`].
    pub format: String,
    /// The process.
    pub process: i64,
    /// The issuer key's id (hex).
    pub issuer_key_id: String,
    /// The credential's Ed25519 private key, PKCS #8.
    pub key: Bytes,
    /// The token (the public key).
    pub token: Bytes,
    /// The message randomizer.
    pub randomizer: Bytes,
    /// The issuer's signature.
    pub signature: Bytes,
    /// The last submission's number under this key (0 before the first).
    pub seq: u32,
    /// What was cast with it.
    #[serde(default)]
    pub receipts: Vec<KeptReceipt>,
}

impl std::fmt::Debug for VotingKeyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VotingKeyFile")
            .field("process", &self.process)
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

fn bad_key(why: &str) -> AppError {
    AppError::SecretBallot(SecretBallotRefusal::BadVotingKey(why.to_owned()))
}

impl VotingKeyFile {
    /// Reads an uploaded file. Errors: `BadVotingKey` saying what is wrong.
    pub fn parse(bytes: &[u8]) -> Result<VotingKeyFile, AppError> {
        let file: VotingKeyFile = serde_json::from_slice(bytes)
            .map_err(|_| bad_key("it is not a voting key file saved by civis"))?;
        if file.format != KEY_FORMAT {
            return Err(bad_key("it is not a voting key file saved by civis"));
        }
        Ok(file)
    }

    /// The credential and key in the file, checked against `process` and its issuer.
    pub(crate) fn voter(
        &self,
        process: ProcessId,
        issuer: &IssuerPublicKey,
    ) -> Result<VoterKey, AppError> {
        if self.process != process.0 {
            return Err(bad_key("it is the key of another process"));
        }
        let seed: [u8; 32] = match self.key.0.strip_prefix(&PKCS8_ED25519_PREFIX[..]) {
            Some(rest) => rest
                .try_into()
                .map_err(|_| bad_key("its key is not an Ed25519 key"))?,
            None => return Err(bad_key("its key is not an Ed25519 key")),
        };
        let credential = Credential {
            token: self.token.clone(),
            randomizer: self.randomizer.clone(),
            signature: self.signature.clone(),
        };
        let token = ed25519::public_key(&seed).map_err(|_| bad_key("its key is damaged"))?;
        if credential.token.0 != token {
            return Err(bad_key("its key and token do not match"));
        }
        let valid = Signature::from_bytes(issuer, &credential.signature.0)
            .and_then(|sig| issuer.verify(&credential.signed_message(), &sig))
            .is_ok();
        if !valid {
            return Err(bad_key(
                "its credential was not issued by this process's issuer",
            ));
        }
        Ok(VoterKey { seed, credential })
    }

    fn of(process: ProcessId, issuer: &IssuerPublicKey, voter: &VoterKey) -> VotingKeyFile {
        let mut pkcs8 = PKCS8_ED25519_PREFIX.to_vec();
        pkcs8.extend_from_slice(&voter.seed);
        VotingKeyFile {
            format: KEY_FORMAT.to_owned(),
            process: process.0,
            issuer_key_id: issuer.key_id().iter().map(|b| format!("{b:02x}")).collect(),
            key: Bytes(pkcs8),
            token: voter.credential.token.clone(),
            randomizer: voter.credential.randomizer.clone(),
            signature: voter.credential.signature.clone(),
            seq: 0,
            receipts: Vec::new(),
        }
    }

    /// The file's bytes (pretty JSON, as the browser saves it).
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// What a server-sealed cast gives the resident.
#[derive(Debug)]
pub struct ServerCast {
    /// The submission's number under the credential.
    pub seq: u32,
    /// The receipt.
    pub receipt: Receipt,
    /// The voting key to keep, with this submission remembered.
    pub key_file: VotingKeyFile,
}

/// What sealing a ballot for a resident needs, once the checks passed.
pub(crate) struct Sealing {
    /// The election public key.
    pub election: HpkePublicKey,
    /// The credential issuer's public key.
    pub issuer: IssuerPublicKey,
    /// The process's HPKE `info`.
    pub info: Vec<u8>,
    /// The ballot content's JSON.
    pub plaintext: Vec<u8>,
}

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// Checks that `resident` may cast `content` in `process` now (`viewer` is who
/// asks: the resident, or the official entering their paper ballot) and gathers
/// what sealing needs. Refusals: `NotFound` without secret ballots, `WrongPhase`,
/// `NotEligible`, `InvalidBallot`, `NoElectionKey`.
pub(crate) async fn prepare(
    state: &AppState,
    viewer: &User,
    resident: &User,
    process: ProcessId,
    content: &BallotContent,
    now: Timestamp,
) -> Result<Sealing, AppError> {
    let found = super::credential::secret_process(state, Some(viewer), process, now).await?;
    let ctx = ballots::voting_context(state, process, now).await?;
    ballots::eligible(state, resident, &ctx).await?;
    ballot_check::check(&ctx, content).map_err(AppError::InvalidBallot)?;
    let election = super::trustees::require_election_key(state, process).await?;
    Ok(Sealing {
        election: HpkePublicKey::from_bytes(&election).map_err(|e| internal("election key", e))?,
        issuer: super::issuer::issuer(state, process).await?.public_key(),
        info: hpke_info(process, &found.settings.rules.digest()),
        plaintext: serde_json::to_vec(content).map_err(|e| internal("ballot content", e))?,
    })
}

/// The credential to cast under, with its key file: the one in `kept`, or else a
/// new one issued to `resident` now (recorded as done by `by`). `VotingKeyNeeded`
/// when they already have one but gave no key; `BadVotingKey` for a key file that
/// is not theirs to use here.
pub(crate) async fn credential_for(
    state: &AppState,
    resident: &User,
    by: &User,
    process: ProcessId,
    issuer: &IssuerPublicKey,
    kept: Option<VotingKeyFile>,
    now: Timestamp,
) -> Result<(VoterKey, VotingKeyFile), AppError> {
    if let Some(file) = kept {
        return Ok((file.voter(process, issuer)?, file));
    }
    if state.store().has_credential(process, resident.id).await? {
        return Err(AppError::SecretBallot(SecretBallotRefusal::VotingKeyNeeded));
    }
    let request = CredentialRequest::new(issuer, &mut OsRandomness)
        .map_err(|e| internal("credential request", e))?;
    let blind_signature =
        super::credential::issue(state, resident, by, process, request.blinded_message(), now)
            .await?;
    let voter = request
        .finalize(issuer, &blind_signature)
        .map_err(|e| internal("credential", e))?;
    let file = VotingKeyFile::of(process, issuer, &voter);
    Ok((voter, file))
}

/// Seals and casts `content` for `resident`, under the credential in `kept` or,
/// without one, under a new credential issued to them now. Refusals:
/// `Forbidden` for other roles, `WrongPhase`, `NoElectionKey`, `NotEligible`,
/// `InvalidBallot` (before anything is issued or cast), `VotingKeyNeeded` when
/// they already have a credential and gave no key, `BadVotingKey`.
pub async fn cast(
    state: &AppState,
    resident: &User,
    process: ProcessId,
    content: &BallotContent,
    kept: Option<VotingKeyFile>,
    now: Timestamp,
) -> Result<ServerCast, AppError> {
    access::require_resident(resident)?;
    let sealing = prepare(state, resident, resident, process, content, now).await?;
    let (voter, mut key_file) = credential_for(
        state,
        resident,
        resident,
        process,
        &sealing.issuer,
        kept,
        now,
    )
    .await?;
    let to = SealTo {
        process,
        info: &sealing.info,
        election: &sealing.election,
    };
    for attempt in 1..=SEQ_ATTEMPTS {
        let seq = key_file.seq.saturating_add(attempt);
        let entry = voter
            .entry(to, seq, &sealing.plaintext, &mut OsRandomness)
            .map_err(|e| internal("sealing", e))?;
        match super::submit::submit(state, process, &entry.encode(), now).await {
            Ok(receipt) => {
                key_file.seq = seq;
                key_file.receipts.push(KeptReceipt {
                    seq,
                    index: receipt.index,
                    leaf_hash: receipt.leaf_hash.to_base64(),
                });
                return Ok(ServerCast {
                    seq,
                    receipt,
                    key_file,
                });
            }
            Err(AppError::SecretBallot(SecretBallotRefusal::OutOfOrder)) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(AppError::SecretBallot(SecretBallotRefusal::OutOfOrder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_reads_back_and_is_checked() {
        let issuer_key = civis_ballot::blind_rsa::IssuerSecretKey::generate(2048).unwrap();
        let issuer = issuer_key.public_key();
        let request = CredentialRequest::new(&issuer, &mut OsRandomness).unwrap();
        let blinded =
            civis_ballot::blind_rsa::BlindedMessage::from_bytes(&issuer, request.blinded_message())
                .unwrap();
        let sig = issuer_key.blind_sign(&blinded).unwrap();
        let voter = request.finalize(&issuer, sig.as_bytes()).unwrap();
        let file = VotingKeyFile::of(ProcessId(4), &issuer, &voter);
        let back = VotingKeyFile::parse(&file.encode()).unwrap();
        let again = back.voter(ProcessId(4), &issuer).unwrap();
        assert_eq!(again.seed, voter.seed);
        assert_eq!(again.credential, voter.credential);
        let shown = format!("{back:?}");
        assert!(
            !shown.contains("key:") && !shown.contains("token"),
            "{shown}"
        );

        let other = back.voter(ProcessId(5), &issuer).unwrap_err();
        assert!(format!("{other:?}").contains("another process"));
        let mut forged = back.clone();
        forged.token = Bytes(vec![7u8; 32]);
        assert!(
            format!("{:?}", forged.voter(ProcessId(4), &issuer).unwrap_err())
                .contains("do not match")
        );
        assert!(VotingKeyFile::parse(b"{\"format\":\"x\"}").is_err());
    }
}
