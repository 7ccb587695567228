//! Sealed submissions: a log entry in the published record's format
//! (`civis_verify::record::BallotEntry`), sent without a session. The server
//! checks the credential under the process's issuer key, the entry's signature
//! by the token's key, `seq`, the phase and the size, appends it to the
//! process's ballot log (through the process's appender, which commits the
//! submissions that arrive together in one transaction: durable before the
//! answer) and answers a receipt.

use civis_ballot::blind_rsa::Signature;
use civis_budget::ProcessId;
use civis_domain::{NewAuditEvent, Timestamp};
use civis_store::NewBallotEntry;
use civis_tlog::ed25519;
use civis_tlog::hash::leaf_hash;
use civis_tlog::{Hash, Note};
use civis_verify::record::{BallotEntry, Cast};

use super::refusal::SecretBallotRefusal;
use crate::budget::ballots;
use crate::error::AppError;
use crate::state::AppState;
use crate::tlog::ServedLog;

/// The largest entry accepted, in bytes of JSON (a ballot's ciphertext is a few
/// hundred bytes; the log's limit is 65535).
pub const MAX_ENTRY_BYTES: usize = 16 * 1024;

/// The first line of a promise of inclusion.
pub const PROMISE_CONTEXT: &str = "civis ballot log promise/1";

/// What a voter keeps: where their entry is, and the log's signed word for it.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The entry's index in the ballot log.
    pub index: u64,
    /// The entry's leaf hash, `SHA-256(0x00 || entry)`.
    pub leaf_hash: Hash,
    /// A signed note by the log key: [`PROMISE_CONTEXT`], origin, index, leaf
    /// hash (base64) and time, one per line.
    pub promise: String,
    /// A signed checkpoint that includes the entry.
    pub checkpoint: String,
    /// The checkpoint's tree size.
    pub size: u64,
    /// The inclusion proof of the entry in that checkpoint's tree.
    pub proof: Vec<Hash>,
}

fn refuse(why: SecretBallotRefusal) -> AppError {
    AppError::SecretBallot(why)
}

fn malformed(why: impl Into<String>) -> AppError {
    refuse(SecretBallotRefusal::Malformed(why.into()))
}

/// The promise text: what the log's key signs for a new entry.
pub fn promise_text(origin: &str, index: u64, leaf: &Hash, at: Timestamp) -> String {
    format!(
        "{PROMISE_CONTEXT}\n{origin}\n{index}\n{}\n{at}\n",
        leaf.to_base64()
    )
}

/// Checks an online entry's shape (sizes) before any signature.
fn check_shape(entry: &BallotEntry, modulus_len: usize) -> Result<[u8; 32], AppError> {
    let token: [u8; 32] = entry
        .credential
        .token
        .0
        .as_slice()
        .try_into()
        .map_err(|_| malformed("credential.token must be 32 bytes"))?;
    if entry.credential.randomizer.0.len() != 32 {
        return Err(malformed("credential.randomizer must be 32 bytes"));
    }
    if entry.credential.signature.0.len() != modulus_len {
        return Err(refuse(SecretBallotRefusal::BadCredential));
    }
    if entry.seq == 0 {
        return Err(refuse(SecretBallotRefusal::OutOfOrder));
    }
    if entry.enc.0.len() != 65 {
        return Err(malformed("enc must be 65 bytes"));
    }
    if entry.ciphertext.0.len() < 16 {
        return Err(malformed("ciphertext is shorter than its tag"));
    }
    Ok(token)
}

/// Checks that `process` has secret ballots and is voting: from the cached
/// ballot context once voting is open (no read of the store); otherwise the
/// refusal a full read gives (`NotFound` before `WrongPhase`).
async fn open_secret_process(
    state: &AppState,
    process: ProcessId,
    now: Timestamp,
) -> Result<(), AppError> {
    match ballots::voting_context(state, process, now).await {
        Ok(ctx) if ctx.rules.secret_ballots => Ok(()),
        Ok(_) => Err(AppError::NotFound),
        Err(e) => {
            super::credential::secret_process(state, None, process, now).await?;
            Err(e)
        }
    }
}

/// Checks and appends a sealed submission (`body`, the entry's JSON) to the
/// ballot log of `process`; answers the receipt.
pub async fn submit(
    state: &AppState,
    process: ProcessId,
    body: &[u8],
    now: Timestamp,
) -> Result<Receipt, AppError> {
    if body.len() > MAX_ENTRY_BYTES {
        return Err(refuse(SecretBallotRefusal::TooLarge));
    }
    open_secret_process(state, process, now).await?;
    let entry = BallotEntry::parse(body).map_err(malformed)?;
    let Cast::Online { voter_signature } = &entry.cast else {
        return Err(malformed(
            "only online entries may be submitted (paper ballots are entered by officials)",
        ));
    };
    let issuer = super::issuer::issuer(state, process).await?.public_key();
    let token = check_shape(&entry, issuer.modulus_len())?;
    let signature = Signature::from_bytes(&issuer, &entry.credential.signature.0)
        .map_err(|_| refuse(SecretBallotRefusal::BadCredential))?;
    issuer
        .verify(&entry.credential.signed_message(), &signature)
        .map_err(|_| refuse(SecretBallotRefusal::BadCredential))?;
    if !ed25519::verify(&token, &entry.signed_body(process), &voter_signature.0) {
        return Err(refuse(SecretBallotRefusal::BadSignature));
    }
    append(state, process, &token, &entry, None, now).await
}

/// Appends `entry` (checked by the caller: its credential and its signature) under
/// `token` to the ballot log of `process` through the process's appender
/// ([`super::appender`]), durable before the receipt is made, with `audit`
/// recorded in the same transaction (a paper ballot's event);
/// `OutOfOrder` when its `seq` is not the credential's next.
pub async fn append(
    state: &AppState,
    process: ProcessId,
    token: &[u8; 32],
    entry: &BallotEntry,
    audit: Option<NewAuditEvent>,
    now: Timestamp,
) -> Result<Receipt, AppError> {
    // Stored as the format writes it (the signature covers the fields, not the bytes).
    let bytes = entry.encode();
    let leaf = leaf_hash(&bytes);
    let submission = NewBallotEntry {
        token: token.to_vec(),
        seq: entry.seq,
        entry: bytes,
        audit,
    };
    let appended = super::appender::append(state, process, submission).await?;
    let log = ServedLog::process(state, process);
    let signer = crate::tlog::signer(state, &log).await?;
    let index = appended.index;
    let promise = Note::sign(&promise_text(&log.origin, index, &leaf, now), &[&*signer])
        .map_err(|e| AppError::Internal(anyhow::anyhow!("promise signature: {e}")))?
        .encode();
    Ok(Receipt {
        index,
        leaf_hash: leaf,
        promise,
        checkpoint: appended.checkpoint.to_string(),
        size: appended.size,
        proof: appended.proof,
    })
}
