//! Implementation reports on funded projects (officials and admins, once results are
//! published).

use civis_budget::{ImplementationStatus, ImplementationUpdate, Phase, ProcessId, ProposalId};
use civis_domain::{Timestamp, User};
use civis_store::Change;

use super::field_problems::FieldProblem;
use super::refusals::PhaseAction;
use super::{access, processes, proposals};
use crate::error::AppError;
use crate::state::AppState;

/// Longest implementation note, in characters.
pub const MAX_NOTE_CHARS: usize = 5_000;

/// Appends a report on a funded project (results or implementation phase); audited as
/// `implementation.updated`. `WrongPhase` before results; `Validation` on `proposal`
/// when the project was not funded, on `progress` over 100, on `note` when too long.
pub async fn report(
    state: &AppState,
    official: &User,
    proposal: ProposalId,
    status: ImplementationStatus,
    progress: u8,
    note: &str,
    now: Timestamp,
) -> Result<ImplementationUpdate, AppError> {
    access::require_manager(official)?;
    let (p, process) = proposals::visible(state, Some(official), proposal, now).await?;
    access::require_phase(
        &process,
        now,
        &[Phase::Results, Phase::Implementation],
        PhaseAction::ReportImplementation,
    )?;
    let funded = state
        .store()
        .results(p.process)
        .await?
        .is_some_and(|r| r.units.iter().any(|u| u.selected.contains(&proposal)));
    if !funded {
        return Err(FieldProblem::NotFunded.at("proposal").into());
    }
    if progress > 100 {
        return Err(FieldProblem::ProgressRange.at("progress").into());
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(FieldProblem::TooLong {
            max: MAX_NOTE_CHARS,
        }
        .at("note")
        .into());
    }
    if super::text::has_control(note, true) {
        return Err(FieldProblem::ControlCharacters.at("note").into());
    }
    let update = ImplementationUpdate {
        proposal,
        status,
        progress,
        note: note.trim().to_owned(),
        author: official.id,
        at: now,
    };
    state
        .store()
        .add_implementation_update(&update, Change::by(official.id, now))
        .await?;
    Ok(update)
}

/// A process's implementation reports, oldest first.
pub async fn list(
    state: &AppState,
    viewer: Option<&User>,
    process: ProcessId,
    now: Timestamp,
) -> Result<Vec<ImplementationUpdate>, AppError> {
    processes::visible(state, viewer, process, now).await?;
    Ok(state.store().list_implementation_updates(process).await?)
}
