//! The trustees of a secret-ballot process: an official names them (officials)
//! and the threshold `k` while the rules can change; each trustee submits their
//! personal HPKE public key, then their dealing (made offline with `civis
//! trustee deal`). The server checks each dealing and, once all `n` dealt,
//! stores the election public key (`group_public_key` of the commitments).
//! Voting cannot start before (see [`require_election_key`]).

use civis_ballot::hpke::HpkePublicKey;
use civis_ballot::threshold::{group_public_key, Commitments, Dealing};
use civis_budget::{Phase, Process, ProcessId};
use civis_domain::{Role, Timestamp, User, UserId, Username};
use civis_store::{Change, StoreError, TrusteeBoard};

use super::refusal::SecretBallotRefusal;
use crate::budget::access;
use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// The most trustees a process may have.
pub const MAX_TRUSTEES: usize = 64;

fn refuse(why: SecretBallotRefusal) -> AppError {
    AppError::SecretBallot(why)
}

/// The process if `viewer` may see it and it has secret ballots; else `NotFound`.
pub async fn secret_process(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<Process, AppError> {
    super::credential::secret_process(state, viewer, id, now).await
}

/// Names the trustees (by username, each an active official) and the threshold
/// of `process` (officials and admins, while its rules can change). Field errors
/// name `trustees` or `threshold`.
pub async fn set(
    state: &AppState,
    actor: &User,
    process: ProcessId,
    threshold: u32,
    usernames: &[String],
    now: Timestamp,
) -> Result<(), AppError> {
    access::require_manager(actor)?;
    let p = secret_process(state, Some(actor), process, now).await?;
    if !p.editable_at(now) {
        return Err(AppError::RulesFrozen);
    }
    let mut errors = Vec::new();
    let mut ids: Vec<UserId> = Vec::new();
    for name in usernames.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let user = match Username::parse(name) {
            Ok(u) => match state.store().user_by_username(&u).await {
                Ok(user) => Some(user),
                Err(StoreError::NotFound) => None,
                Err(e) => return Err(e.into()),
            },
            Err(_) => None,
        };
        match user {
            Some(u) if u.is_active() && u.role == Role::Official => {
                if ids.contains(&u.id) {
                    errors.push(FieldError::new(
                        "trustees",
                        format!("{name} is named twice."),
                    ));
                } else {
                    ids.push(u.id);
                }
            }
            _ => errors.push(FieldError::new(
                "trustees",
                format!("{name} is not an active official's username."),
            )),
        }
    }
    if errors.is_empty() && (ids.is_empty() || ids.len() > MAX_TRUSTEES) {
        errors.push(FieldError::new(
            "trustees",
            format!("Name between 1 and {MAX_TRUSTEES} trustees."),
        ));
    }
    if threshold == 0 || (!ids.is_empty() && threshold as usize > ids.len()) {
        errors.push(FieldError::new(
            "threshold",
            "The threshold must be at least 1 and at most the number of trustees.",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    match state
        .store()
        .set_trustees(process, threshold, &ids, Change::by(actor.id, now))
        .await
    {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict { field: "trustees" }) => {
            Err(refuse(SecretBallotRefusal::TrusteesLocked))
        }
        Err(e) => Err(e.into()),
    }
}

/// The trustees of `process` (anyone who may see it); `None` before they are named.
pub async fn board(
    state: &AppState,
    viewer: Option<&User>,
    process: ProcessId,
    now: Timestamp,
) -> Result<(Process, Option<TrusteeBoard>), AppError> {
    let p = secret_process(state, viewer, process, now).await?;
    Ok((p, state.store().trustee_board(process).await?))
}

/// `user`'s index among the trustees of `process`, with the board; `Forbidden`
/// for anyone who is not one of them.
pub(crate) async fn my_seat(
    state: &AppState,
    user: &User,
    process: ProcessId,
    now: Timestamp,
) -> Result<(Process, TrusteeBoard, u32), AppError> {
    if !user.is_active() {
        return Err(AppError::Forbidden);
    }
    let (p, board) = board(state, Some(user), process, now).await?;
    let board = board.ok_or(AppError::Forbidden)?;
    let index = board
        .trustees
        .iter()
        .find(|t| t.user == user.id)
        .map(|t| t.index)
        .ok_or(AppError::Forbidden)?;
    Ok((p, board, index))
}

pub(crate) fn handed_in(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict { field } => refuse(SecretBallotRefusal::AlreadyHandedIn(field)),
        e => e.into(),
    }
}

/// Stores `user`'s personal public key (SEC1 P-256 point) as a trustee of
/// `process`, before voting closes.
pub async fn submit_key(
    state: &AppState,
    user: &User,
    process: ProcessId,
    key: &[u8],
    now: Timestamp,
) -> Result<(), AppError> {
    let (p, _, index) = my_seat(state, user, process, now).await?;
    if p.phase_at(now) > Phase::Voting {
        return Err(refuse(SecretBallotRefusal::AlreadyHandedIn("public_key")));
    }
    HpkePublicKey::from_bytes(key).map_err(|_| refuse(SecretBallotRefusal::BadTrusteeKey))?;
    state
        .store()
        .submit_trustee_key(process, index, key, Change::by(user.id, now))
        .await
        .map_err(handed_in)
}

/// Checks `bytes` as trustee `index`'s dealing for `board`: it parses, has the
/// board's `k` and `n`, and its dealer is `index`.
pub fn check_dealing(board: &TrusteeBoard, index: u32, bytes: &[u8]) -> Result<Dealing, AppError> {
    let dealing = Dealing::from_bytes(bytes)
        .map_err(|e| refuse(SecretBallotRefusal::BadDealing(e.to_string())))?;
    if dealing.threshold() != board.threshold as usize {
        return Err(refuse(SecretBallotRefusal::BadDealing(format!(
            "it is for a threshold of {}, the process's is {}",
            dealing.threshold(),
            board.threshold
        ))));
    }
    if dealing.trustees() != board.trustees.len() {
        return Err(refuse(SecretBallotRefusal::BadDealing(format!(
            "it is for {} trustees, the process has {}",
            dealing.trustees(),
            board.trustees.len()
        ))));
    }
    if dealing.dealer() != index {
        return Err(refuse(SecretBallotRefusal::WrongDealer));
    }
    Ok(dealing)
}

/// Stores `user`'s dealing as a trustee of `process` once every trustee's key is
/// in, then makes the election key if every trustee has dealt.
pub async fn submit_dealing(
    state: &AppState,
    user: &User,
    process: ProcessId,
    bytes: &[u8],
    now: Timestamp,
) -> Result<(), AppError> {
    let (_, board, index) = my_seat(state, user, process, now).await?;
    if board.trustees.iter().any(|t| t.public_key.is_none()) {
        return Err(refuse(SecretBallotRefusal::TrusteeKeysMissing));
    }
    check_dealing(&board, index, bytes)?;
    state
        .store()
        .submit_dealing(process, index, bytes, Change::by(user.id, now))
        .await
        .map_err(handed_in)?;
    make_election_key(state, user, process, now).await
}

/// Every trustee's commitments, trustee `i` at index `i - 1`, if all dealt.
pub fn commitments(board: &TrusteeBoard) -> Result<Option<Vec<Commitments>>, AppError> {
    let mut out = Vec::with_capacity(board.trustees.len());
    for t in &board.trustees {
        let Some(bytes) = &t.dealing else {
            return Ok(None);
        };
        let dealing = Dealing::from_bytes(bytes)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("stored dealing: {e}")))?;
        out.push(dealing.commitments().clone());
    }
    Ok(Some(out))
}

async fn make_election_key(
    state: &AppState,
    user: &User,
    process: ProcessId,
    now: Timestamp,
) -> Result<(), AppError> {
    let Some(board) = state.store().trustee_board(process).await? else {
        return Ok(());
    };
    if board.election_key.is_some() {
        return Ok(());
    }
    let Some(commitments) = commitments(&board)? else {
        return Ok(());
    };
    let key = group_public_key(&commitments)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("election key: {e}")))?;
    state
        .store()
        .set_election_key(process, &key.to_bytes(), Change::by(user.id, now))
        .await?;
    Ok(())
}

/// The election public key of `process`, once the trustees made it.
pub async fn election_key(
    state: &AppState,
    process: ProcessId,
) -> Result<Option<Vec<u8>>, AppError> {
    Ok(state
        .store()
        .trustee_board(process)
        .await?
        .and_then(|b| b.election_key))
}

/// `NoElectionKey` unless the trustees made the election key of `process`.
pub async fn require_election_key(
    state: &AppState,
    process: ProcessId,
) -> Result<Vec<u8>, AppError> {
    election_key(state, process)
        .await?
        .ok_or_else(|| refuse(SecretBallotRefusal::NoElectionKey))
}
