//! Processes: create and edit (officials and admins, until voting opens), read and list
//! (everyone; upcoming processes only officials, admins and auditors).

use civis_budget::{Phase, Process, ProcessId, ProcessSettings};
use civis_domain::{Timestamp, User};
use civis_store::Change;

use super::access;
use crate::error::AppError;
use crate::state::AppState;

/// A process as its page shows it: the stored process, its phase now, the digest of its
/// rules and how many voters have a ballot (the only ballot figure shown before results).
#[derive(Debug, Clone)]
pub struct ProcessOverview {
    /// The process.
    pub process: Process,
    /// Its phase at the time of reading.
    pub phase: Phase,
    /// Whether its rules are frozen (voting has opened).
    pub rules_frozen: bool,
    /// SHA-256 of its rules (see [`civis_budget::ProcessRules::digest`]).
    pub rules_digest: String,
    /// How many voters have a ballot.
    pub ballots: u64,
}

/// Creates a process (officials and admins) after checking its settings; audited as
/// `process.created`.
pub async fn create(
    state: &AppState,
    actor: &User,
    settings: &ProcessSettings,
    now: Timestamp,
) -> Result<Process, AppError> {
    access::require_manager(actor)?;
    let problems = super::settings::check(settings);
    if !problems.is_empty() {
        return Err(AppError::InvalidSettings(problems));
    }
    Ok(state
        .store()
        .create_process(settings, Change::by(actor.id, now))
        .await?)
}

/// Replaces a process's settings (officials and admins) while voting has not opened;
/// `RulesFrozen` after. Audited as `process.changed`.
pub async fn update(
    state: &AppState,
    actor: &User,
    id: ProcessId,
    settings: &ProcessSettings,
    now: Timestamp,
) -> Result<Process, AppError> {
    access::require_manager(actor)?;
    let current = state.store().process(id).await?;
    if !current.editable_at(now) {
        return Err(AppError::RulesFrozen);
    }
    let problems = super::settings::check(settings);
    if !problems.is_empty() {
        return Err(AppError::InvalidSettings(problems));
    }
    Ok(state
        .store()
        .update_process(id, settings, Change::by(actor.id, now))
        .await?)
}

/// The process with its phase, rules digest and ballot count; `NotFound` when `viewer`
/// may not see it.
pub async fn get(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<ProcessOverview, AppError> {
    let process = visible(state, viewer, id, now).await?;
    let ballots = state.store().count_ballots(id).await?;
    Ok(ProcessOverview {
        phase: process.phase_at(now),
        rules_frozen: !process.editable_at(now),
        rules_digest: process.settings.rules.digest(),
        ballots,
        process,
    })
}

/// The process if `viewer` may see it at `now`, else `NotFound`.
pub async fn visible(
    state: &AppState,
    viewer: Option<&User>,
    id: ProcessId,
    now: Timestamp,
) -> Result<Process, AppError> {
    let process = state.store().process(id).await?;
    access::require_visible(viewer, &process, now)?;
    Ok(process)
}

/// Every process `viewer` may see, newest first, with its phase at `now`.
pub async fn list(
    state: &AppState,
    viewer: Option<&User>,
    now: Timestamp,
) -> Result<Vec<(Process, Phase)>, AppError> {
    let processes = state.store().list_processes().await?;
    Ok(processes
        .into_iter()
        .filter(|p| access::may_see_process(viewer, p, now))
        .map(|p| {
            let phase = p.phase_at(now);
            (p, phase)
        })
        .collect())
}
