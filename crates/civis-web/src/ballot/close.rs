//! The close of a secret-ballot process: after voting closed, each trustee
//! reveals their share (checked against the commitments); once `k` are in, the
//! server rebuilds the election secret key, counts and decrypts the ballot log
//! (`civis_verify::tally`: the last paper ballot else the last online one per
//! credential, spoiled ballots listed), stores the published record's files and
//! publishes the results computed with the frozen rule. The record's log tiles
//! are the ballot log's, served by `crate::tlog`.

use civis_ballot::threshold::{reconstruct_checked, verify_revealed_share, Scalar};
use civis_budget::{Phase, Process, ProcessId};
use civis_domain::{Timestamp, User};
use civis_store::{process_log, Change, StoreError};
use civis_verify::check::rules::Frozen;
use civis_verify::record::{
    encode_json, hpke_info, BallotEntry, Bytes, Cast, CredentialIssuer, Manifest, Official,
    PublishedProject, Reveal, RevealedShare, Trustees, CHECKPOINT, CREDENTIALS, FORMAT, MANIFEST,
    OFFICIALS, OUTCOME, PROJECTS, REVEAL, RULES, TRUSTEES, VERIFIER_KEY,
};

use super::refusal::SecretBallotRefusal;
use super::trustees;
use crate::error::AppError;
use crate::state::AppState;
use crate::tlog::{proofs, ServedLog};

fn refuse(why: SecretBallotRefusal) -> AppError {
    AppError::SecretBallot(why)
}

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// Stores `user`'s revealed share (a 32-byte scalar) as a trustee of `process`
/// after voting closed, if it matches the commitments; then closes the process
/// if `k` shares are in.
pub async fn submit_share(
    state: &AppState,
    user: &User,
    process: ProcessId,
    bytes: &[u8],
    now: Timestamp,
) -> Result<(), AppError> {
    let (p, board, index) = trustees::my_seat(state, user, process, now).await?;
    if p.phase_at(now) < Phase::Counting {
        return Err(refuse(SecretBallotRefusal::VotingNotClosed));
    }
    let commitments = match (&board.election_key, trustees::commitments(&board)?) {
        (Some(_), Some(c)) => c,
        _ => return Err(refuse(SecretBallotRefusal::NoElectionKey)),
    };
    let share = Scalar::from_bytes(bytes).map_err(|_| refuse(SecretBallotRefusal::BadShare))?;
    verify_revealed_share(index, &share, &commitments)
        .map_err(|_| refuse(SecretBallotRefusal::BadShare))?;
    state
        .store()
        .submit_share(process, index, bytes, Change::by(user.id, now))
        .await
        .map_err(trustees::handed_in)?;
    close_if_ready(state, user, &p, now).await
}

/// The process's title for the record: English if it has one, else any.
fn title_of(p: &Process) -> String {
    let titles = &p.settings.title.0;
    titles
        .get("en")
        .or_else(|| titles.values().next())
        .cloned()
        .unwrap_or_default()
}

/// Counts the ballots and publishes the record and results of `p` once `k`
/// valid shares are in and nothing was published yet.
pub async fn close_if_ready(
    state: &AppState,
    actor: &User,
    p: &Process,
    now: Timestamp,
) -> Result<(), AppError> {
    let process = p.id;
    if state
        .store()
        .ballot_record_file(process, MANIFEST)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let Some(board) = state.store().trustee_board(process).await? else {
        return Ok(());
    };
    let mut shares = Vec::new();
    for t in &board.trustees {
        if let Some(s) = &t.share {
            shares.push((
                t.index,
                Scalar::from_bytes(s).map_err(|e| internal("stored share", e))?,
            ));
        }
    }
    if shares.len() < board.threshold as usize {
        return Ok(());
    }
    let Some(commitments) = trustees::commitments(&board)? else {
        return Ok(());
    };
    let Some(group) = board.election_key.clone() else {
        return Ok(());
    };
    let secret =
        reconstruct_checked(&shares, &commitments).map_err(|e| internal("reconstruction", e))?;

    let log = ServedLog::process(state, process);
    let size = proofs::size(state, &log).await?;
    let raw = state
        .store()
        .tlog_entries(&process_log(process), 0, size)
        .await?;
    let entries = raw
        .iter()
        .map(|e| BallotEntry::parse(e))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| internal("stored ballot entry", e))?;
    // The officials who entered paper ballots, whose keys the record lists.
    let mut paper_keys: Vec<String> = entries
        .iter()
        .filter_map(|e| match &e.cast {
            Cast::Paper { official, .. } => Some(official.clone()),
            Cast::Online { .. } => None,
        })
        .collect();
    paper_keys.sort();
    paper_keys.dedup();
    let proposals = state.store().list_proposals(process).await?;
    let projects: Vec<PublishedProject> = proposals
        .iter()
        .filter(|pr| pr.on_ballot())
        .map(|pr| PublishedProject {
            id: pr.id,
            title: pr.draft.title.clone(),
            cost: pr.cost(),
            district: pr.draft.district.clone(),
            category: pr.draft.category.clone(),
        })
        .collect();
    let rules = p.settings.rules.clone();
    let frozen = Frozen {
        manifest: Manifest {
            format: FORMAT.to_string(),
            process,
            title: title_of(p),
            rules_digest: rules.digest(),
            log_origin: log.origin.clone(),
        },
        rules,
        projects,
    };
    let info = hpke_info(process, &frozen.manifest.rules_digest);
    let secret_bytes = secret.to_scalar_bytes().to_vec();
    let (frozen, tally) = {
        let secret_bytes = secret_bytes.clone();
        tokio::task::spawn_blocking(move || {
            let tally = civis_verify::tally::tally(&frozen, &entries, &secret_bytes, &info, now);
            (frozen, tally)
        })
        .await
        .map_err(|e| internal("tally", e))?
    };
    let tally = tally.map_err(|e| AppError::Conflict {
        field: None,
        detail: format!("The ballots cannot be counted: {e}"),
    })?;

    let checkpoint = proofs::signed_checkpoint_at(state, &log, size).await?;
    let verifier_key = crate::tlog::signer(state, &log).await?.verifier().encode();
    let issuer = super::issuer::issuer(state, process).await?.public_key();
    let credentials = CredentialIssuer {
        public_key: Bytes(issuer.to_spki_der()),
        key_id: issuer.key_id().iter().map(|b| format!("{b:02x}")).collect(),
        issued: state.store().credentials_issued(process).await?,
    };
    let trustees_file = Trustees {
        threshold: board.threshold,
        trustees: board.trustees.len() as u32,
        commitments: commitments
            .iter()
            .map(|c| c.points().iter().map(|pt| Bytes(pt.to_vec())).collect())
            .collect(),
        group_public_key: Bytes(group),
    };
    let reveal = Reveal {
        shares: shares
            .iter()
            .map(|(j, s)| RevealedShare {
                trustee: *j,
                share: Bytes(s.to_bytes().to_vec()),
            })
            .collect(),
        election_secret_key: Bytes(secret_bytes),
    };
    let mut officials: Vec<Official> = Vec::new();
    for name in &paper_keys {
        if let Some(key) = super::paper::official_key_named(state, process, name).await? {
            officials.push(Official {
                key: key.verifier().encode(),
            });
        }
    }
    let enc = |e| internal("record", e);
    let files = vec![
        (
            MANIFEST.to_owned(),
            encode_json(MANIFEST, &frozen.manifest).map_err(enc)?,
        ),
        (
            RULES.to_owned(),
            encode_json(RULES, &frozen.rules).map_err(enc)?,
        ),
        (
            PROJECTS.to_owned(),
            encode_json(PROJECTS, &frozen.projects).map_err(enc)?,
        ),
        (
            CREDENTIALS.to_owned(),
            encode_json(CREDENTIALS, &credentials).map_err(enc)?,
        ),
        (
            OFFICIALS.to_owned(),
            encode_json(OFFICIALS, &officials).map_err(enc)?,
        ),
        (
            TRUSTEES.to_owned(),
            encode_json(TRUSTEES, &trustees_file).map_err(enc)?,
        ),
        (
            REVEAL.to_owned(),
            encode_json(REVEAL, &reveal).map_err(enc)?,
        ),
        (
            OUTCOME.to_owned(),
            encode_json(OUTCOME, &tally.outcome).map_err(enc)?,
        ),
        (CHECKPOINT.to_owned(), checkpoint.into_bytes()),
        (
            VERIFIER_KEY.to_owned(),
            format!("{verifier_key}\n").into_bytes(),
        ),
    ];
    let change = Change::by(actor.id, now);
    match state
        .store()
        .store_ballot_record(process, &files, change)
        .await
    {
        Ok(()) => {}
        // Another server closed it first with the same shares.
        Err(StoreError::Conflict { .. }) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    match state
        .store()
        .publish_results(process, &tally.outcome.results, None, change)
        .await
    {
        Ok(()) | Err(StoreError::Conflict { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
