//! Open data of a published process: its Pabulib files (one per budget unit), CSV and
//! JSON, and its participation figures (small groups suppressed). Nothing before the
//! results are published: every function here is `NotFound` until then.
//!
//! They are made once, when the results are published ([`make`], called by
//! `results::publish`), and stored with the results; requests read them from the
//! store. A process published before they were stored has them made and stored at its
//! first request.

use civis_budget::export::pabulib::PabulibPlace;
use civis_budget::export::published::{DocumentKind, ExportDocument, PublishedExports};
use civis_budget::export::Published;
use civis_budget::participation::Participation;
use civis_budget::{Ballot, Process, ProcessId, ProcessResults, Proposal, ResidentProfile};
use civis_domain::{Timestamp, User, UserId};

use super::processes;
use crate::error::AppError;
use crate::state::AppState;

/// Where the exported process ran (Pabulib META): the defaults until the deployment
/// configures them.
pub fn place() -> PabulibPlace {
    PabulibPlace::default()
}

/// Makes the exports of `process` (whose results are published, or about to be: its
/// `results_published_at` set) from its proposals, ballots and results, the voters'
/// profiles and those of the active residents. CPU-bound: call it on the blocking pool.
pub fn make(
    process: &Process,
    proposals: &[Proposal],
    ballots: &[Ballot],
    results: &ProcessResults,
    voters: Vec<(UserId, ResidentProfile)>,
    residents: Vec<(UserId, ResidentProfile)>,
) -> Result<PublishedExports, AppError> {
    let published =
        Published::new(process, proposals, ballots, results).map_err(|_| AppError::NotFound)?;
    let voters: Vec<ResidentProfile> = voters.into_iter().map(|(_, p)| p).collect();
    let residents: Vec<ResidentProfile> = residents.into_iter().map(|(_, p)| p).collect();
    Ok(PublishedExports::make(
        &published,
        &place(),
        &voters,
        &residents,
    ))
}

/// The published process `id` if `viewer` may see it; `NotFound` before publication.
async fn published_process(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<Process, AppError> {
    let process = processes::visible(state, viewer, id, now).await?;
    if process.results_published_at.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(process)
}

/// Makes and stores the exports of a published process that has none stored (published
/// before they were stored at publication), and returns them.
async fn make_and_store(state: &AppState, process: &Process) -> Result<PublishedExports, AppError> {
    let id = process.id;
    let store = state.store();
    let results = store.results(id).await?.ok_or(AppError::NotFound)?;
    let proposals = store.list_proposals(id).await?;
    let ballots = store.list_ballots(id).await?;
    let voters = store.voter_profiles(id).await?;
    let residents = store.resident_profiles().await?;
    let process = process.clone();
    let exports = tokio::task::spawn_blocking(move || {
        make(&process, &proposals, &ballots, &results, voters, residents)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    // `false`: another request stored them first, from the same data.
    store.store_published_exports(id, &exports).await?;
    tracing::info!(process = %id, "stored the exports of a process published without them");
    Ok(exports)
}

/// A stored document of a published process, made and stored first if the process has
/// none; `NotFound` when the process has no such document.
async fn document(
    state: &AppState,
    process: &Process,
    kind: &DocumentKind,
) -> Result<ExportDocument, AppError> {
    if let Some(doc) = state.store().published_document(process.id, kind).await? {
        return Ok(doc);
    }
    if state
        .store()
        .published_participation(process.id)
        .await?
        .is_some()
    {
        return Err(AppError::NotFound);
    }
    make_and_store(state, process)
        .await?
        .take(kind)
        .ok_or(AppError::NotFound)
}

/// The Pabulib file of one budget unit. `unit` may be left out when the process has a
/// single unit; otherwise `Validation` on `unit` names the units to choose from.
pub async fn pabulib(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    unit: Option<String>,
    now: Timestamp,
) -> Result<ExportDocument, AppError> {
    let process = published_process(state, viewer, id, now).await?;
    let mut kinds = state.store().published_document_kinds(id).await?;
    if kinds.is_empty() {
        kinds = make_and_store(state, &process)
            .await?
            .documents
            .into_iter()
            .map(|d| d.kind)
            .collect();
    }
    let units: Vec<&str> = kinds
        .iter()
        .filter_map(|k| match k {
            DocumentKind::Pabulib { unit } => Some(unit.as_str()),
            DocumentKind::Csv | DocumentKind::Json => None,
        })
        .collect();
    let name = match (unit, units.as_slice()) {
        (Some(u), _) => u,
        (None, [only]) => (*only).to_owned(),
        (None, []) => return Err(AppError::NotFound),
        (None, _) => {
            return Err(AppError::field(
                "unit",
                format!(
                    "This process has several budget units; choose one with ?unit=: {}.",
                    units.join(", ")
                ),
            ))
        }
    };
    if !units.contains(&name.as_str()) {
        return Err(AppError::field(
            "unit",
            format!(
                "This process has no budget unit {name:?}; choose one of: {}.",
                units.join(", ")
            ),
        ));
    }
    document(state, &process, &DocumentKind::Pabulib { unit: name }).await
}

/// The projects with their figures as CSV.
pub async fn csv(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<ExportDocument, AppError> {
    let process = published_process(state, viewer, id, now).await?;
    document(state, &process, &DocumentKind::Csv).await
}

/// The process, projects, results and anonymous ballots as JSON.
pub async fn json(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<ExportDocument, AppError> {
    let process = published_process(state, viewer, id, now).await?;
    document(state, &process, &DocumentKind::Json).await
}

/// Participation figures of a published process: voters (and eligible residents) in
/// total, per district and per age band on the day voting opened, groups under 10
/// suppressed, as they were when the results were published. `NotFound` before
/// publication.
pub async fn participation_of(
    state: &AppState,
    process: &Process,
) -> Result<Participation, AppError> {
    if process.results_published_at.is_none() {
        return Err(AppError::NotFound);
    }
    match state.store().published_participation(process.id).await? {
        Some(figures) => Ok(figures),
        None => Ok(make_and_store(state, process).await?.participation),
    }
}
