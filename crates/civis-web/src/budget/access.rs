//! Who may do what in a PB process, and in which phase: the checks every service
//! function starts with.

use civis_budget::{Phase, Process, Proposal};
use civis_domain::{Role, Timestamp, User};

use super::refusals::{PhaseAction, PhaseRefusal};
use crate::error::AppError;

/// Officials and admins (active): create and edit processes, review, moderate, enter paper
/// ballots, publish results, report on implementation. `Forbidden` otherwise.
pub fn require_manager(user: &User) -> Result<(), AppError> {
    if user.is_active() && user.role.can_manage_processes() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Active residents: submit and support proposals, vote. `Forbidden` for other roles
/// (officials, admins and auditors do not take part as residents).
pub fn require_resident(user: &User) -> Result<(), AppError> {
    if user.is_active() && user.role == Role::Resident {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `viewer` reads everything (officials, admins, auditors), hidden and upcoming
/// things included.
pub fn reads_all(viewer: Option<&User>) -> bool {
    viewer.is_some_and(|u| u.is_active() && u.role.can_read_all())
}

/// Whether `viewer` may see `process` at `now`: everyone once proposals open; before
/// that only officials, admins and auditors.
pub fn may_see_process(viewer: Option<&User>, process: &Process, now: Timestamp) -> bool {
    process.phase_at(now) != Phase::Upcoming || reads_all(viewer)
}

/// `NotFound` unless `viewer` may see `process` at `now`.
pub fn require_visible(
    viewer: Option<&User>,
    process: &Process,
    now: Timestamp,
) -> Result<(), AppError> {
    if may_see_process(viewer, process, now) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `viewer` may see `proposal`: hidden proposals only to their author and to
/// officials, admins and auditors.
pub fn may_see_proposal(viewer: Option<&User>, proposal: &Proposal) -> bool {
    proposal.hidden.is_none()
        || reads_all(viewer)
        || viewer.is_some_and(|u| u.id == proposal.author)
}

/// The phase of `process` at `now` if it is one of `allowed`; `WrongPhase` saying what
/// is refused and when it is possible otherwise.
pub fn require_phase(
    process: &Process,
    now: Timestamp,
    allowed: &[Phase],
    action: PhaseAction,
) -> Result<Phase, AppError> {
    let phase = process.phase_at(now);
    if allowed.contains(&phase) {
        return Ok(phase);
    }
    Err(AppError::WrongPhase(PhaseRefusal::NotInPhase {
        action,
        allowed: allowed.to_vec(),
        phase,
    }))
}
