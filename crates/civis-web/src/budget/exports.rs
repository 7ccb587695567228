//! Open data of a published process: its Pabulib files (one per budget unit), CSV and
//! JSON, and its participation figures (small groups suppressed). Nothing before the
//! results are published: every function here is `NotFound` until then.

use civis_budget::export::csv::projects_csv;
use civis_budget::export::json::export_json_string;
use civis_budget::export::pabulib::{pabulib_file, PabulibFile, PabulibPlace};
use civis_budget::export::{ExportError, Published};
use civis_budget::participation::{participation, Participation};
use civis_budget::{check_resident, Ballot, Process, ProcessId, ProcessResults, Proposal};
use civis_domain::{Role, Timestamp, User};

use super::processes;
use crate::error::AppError;
use crate::state::AppState;

/// Everything an export reads, loaded once the results are published.
#[derive(Debug, Clone)]
pub struct PublishedProcess {
    /// The process.
    pub process: Process,
    /// Its proposals.
    pub proposals: Vec<Proposal>,
    /// Its counted ballots.
    pub ballots: Vec<Ballot>,
    /// Its published results.
    pub results: ProcessResults,
}

impl PublishedProcess {
    /// The view the `civis_budget::export` functions take.
    pub fn published(&self) -> Result<Published<'_>, AppError> {
        Published::new(&self.process, &self.proposals, &self.ballots, &self.results)
            .map_err(export_error)
    }
}

fn export_error(e: ExportError) -> AppError {
    match e {
        ExportError::NotPublished => AppError::NotFound,
        ExportError::UnknownUnit(name) => {
            AppError::field("unit", format!("This process has no budget unit {name:?}."))
        }
    }
}

/// Loads a published process (`NotFound` before publication, or when `viewer` may not
/// see it).
pub async fn load(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<PublishedProcess, AppError> {
    let process = processes::visible(state, viewer, id, now).await?;
    if process.results_published_at.is_none() {
        return Err(AppError::NotFound);
    }
    let results = state.store().results(id).await?.ok_or(AppError::NotFound)?;
    let proposals = state.store().list_proposals(id).await?;
    let ballots = state.store().list_ballots(id).await?;
    Ok(PublishedProcess {
        process,
        proposals,
        ballots,
        results,
    })
}

/// Where the exported process ran (Pabulib META): the defaults until the deployment
/// configures them.
pub fn place() -> PabulibPlace {
    PabulibPlace::default()
}

/// The Pabulib file of one budget unit. `unit` may be left out when the process has a
/// single unit; otherwise `Validation` on `unit` names the units to choose from.
pub async fn pabulib(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    unit: Option<String>,
    now: Timestamp,
) -> Result<PabulibFile, AppError> {
    let data = load(state, viewer, id, now).await?;
    tokio::task::spawn_blocking(move || {
        let published = data.published()?;
        let units: Vec<String> = published.units().into_iter().map(|u| u.name).collect();
        let name = match (unit, units.as_slice()) {
            (Some(u), _) => u,
            (None, [only]) => only.clone(),
            (None, []) => {
                return Err(AppError::NotFound);
            }
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
        if !units.contains(&name) {
            return Err(AppError::field(
                "unit",
                format!(
                    "This process has no budget unit {name:?}; choose one of: {}.",
                    units.join(", ")
                ),
            ));
        }
        pabulib_file(&published, &place(), &name).map_err(export_error)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// The projects with their figures as CSV.
pub async fn csv(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<String, AppError> {
    let data = load(state, viewer, id, now).await?;
    Ok(projects_csv(&data.published()?))
}

/// The process, projects, results and anonymous ballots as JSON.
pub async fn json(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<String, AppError> {
    let data = load(state, viewer, id, now).await?;
    tokio::task::spawn_blocking(move || Ok(export_json_string(&data.published()?)))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
}

/// Participation figures of a published process: voters (and eligible residents) in
/// total, per district and per age band on the day voting opened, groups under 10
/// suppressed. `NotFound` before publication.
pub async fn participation_of(
    state: &AppState,
    process: &Process,
) -> Result<Participation, AppError> {
    if process.results_published_at.is_none() {
        return Err(AppError::NotFound);
    }
    let voters = state.store().voter_profiles(process.id).await?;
    let residents = state.store().resident_profiles().await?;
    let rules = &process.settings.rules.eligibility;
    let open = process.settings.schedule.voting_open;
    let voters: Vec<_> = voters.into_iter().map(|(_, p)| p).collect();
    let eligible: Vec<_> = residents
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| check_resident(Role::Resident, true, p, rules, open).is_ok())
        .collect();
    Ok(participation(open, &voters, Some(&eligible)))
}
