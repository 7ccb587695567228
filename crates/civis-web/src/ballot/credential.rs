//! Issuing a process's anonymous credential: a signed-in, eligible resident sends
//! a blinded message in the voting phase and gets the issuer's blind signature.
//! The server records *that* the resident got one (never the blinded message or
//! anything derived from it), so a second request is refused.

use civis_ballot::blind_rsa::BlindedMessage;
use civis_budget::{Process, ProcessId};
use civis_domain::{Timestamp, User};
use civis_store::{Change, StoreError};

use super::refusal::SecretBallotRefusal;
use crate::budget::{access, ballots, processes};
use crate::error::AppError;
use crate::state::AppState;

/// The process if `viewer` may see it and it has secret ballots; else `NotFound`.
pub async fn secret_process(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<Process, AppError> {
    let process = processes::visible(state, viewer, id, now).await?;
    if !process.settings.rules.secret_ballots {
        return Err(AppError::NotFound);
    }
    Ok(process)
}

/// The blind signature of `blinded` for `resident`, recorded as done by `by` (the
/// resident, or the official entering their paper ballot): `Forbidden` for other roles,
/// `NotFound` for a process without secret ballots, `WrongPhase` outside voting,
/// `NoElectionKey` before the trustees made the election key, `NotEligible`, or a [`SecretBallotRefusal`] (already issued, bad message).
pub async fn issue(
    state: &AppState,
    resident: &User,
    by: &User,
    process: ProcessId,
    blinded: &[u8],
    now: Timestamp,
) -> Result<Vec<u8>, AppError> {
    access::require_resident(resident)?;
    secret_process(state, Some(resident), process, now).await?;
    let ctx = ballots::voting_context(state, process, now).await?;
    super::trustees::require_election_key(state, process).await?;
    ballots::eligible(state, resident, &ctx).await?;
    if state.store().has_credential(process, resident.id).await? {
        return Err(AppError::SecretBallot(
            SecretBallotRefusal::CredentialAlreadyIssued,
        ));
    }
    let key = super::issuer::issuer(state, process).await?;
    let message = BlindedMessage::from_bytes(&key.public_key(), blinded)
        .map_err(|_| AppError::SecretBallot(SecretBallotRefusal::BadBlindedMessage))?;
    let signature = key
        .blind_sign(&message)
        .map_err(|_| AppError::SecretBallot(SecretBallotRefusal::BadBlindedMessage))?;
    // Recorded before the signature leaves the server: a race of two requests
    // gets one signature, the other the refusal.
    match state
        .store()
        .record_credential_issued(process, resident.id, Change::by(by.id, now))
        .await
    {
        Ok(()) => Ok(signature.as_bytes().to_vec()),
        Err(StoreError::Conflict { .. }) => Err(AppError::SecretBallot(
            SecretBallotRefusal::CredentialAlreadyIssued,
        )),
        Err(e) => Err(e.into()),
    }
}
