//! Proposals: residents submit and edit them (proposals phase) and support them (support
//! phase); officials review them (support and review phases) and moderate them.

use civis_budget::{Phase, Process, ProcessId, Proposal, ProposalDraft, ProposalId, Review};
use civis_domain::{Timestamp, User};
use civis_store::Change;

use super::field_problems::FieldProblem;
use super::refusals::{PhaseAction, PhaseRefusal};
use super::{access, eligibility, processes, text};
use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// Longest proposal title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest proposal description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;
/// Longest district, category or location, in characters.
pub const MAX_SHORT_CHARS: usize = 200;
/// Longest review or moderation reason, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;

/// Every problem of a draft, named by its field; empty when it is fine.
pub fn draft_problems(draft: &ProposalDraft) -> Vec<FieldError> {
    let mut out = vec![];
    let mut text = |field: &str, value: &str, max: usize, multiline: bool| {
        if value.trim().is_empty() {
            out.push(FieldProblem::MissingText.at(field));
        } else if value.chars().count() > max {
            out.push(FieldProblem::TooLong { max }.at(field));
        } else if text::has_control(value, multiline) {
            out.push(FieldProblem::ControlCharacters.at(field));
        }
    };
    text("title", &draft.title, MAX_TITLE_CHARS, false);
    text(
        "description",
        &draft.description,
        MAX_DESCRIPTION_CHARS,
        true,
    );
    for (field, value) in [
        ("district", &draft.district),
        ("category", &draft.category),
        ("location", &draft.location),
    ] {
        if let Some(v) = value {
            text(field, v, MAX_SHORT_CHARS, false);
        }
    }
    if draft.estimated_cost == 0 {
        out.push(FieldProblem::CostNotPositive.at("estimated_cost"));
    }
    out
}

/// Submits a resident's proposal in the proposals phase (eligible residents only).
pub async fn submit(
    state: &AppState,
    author: &User,
    process: ProcessId,
    draft: &ProposalDraft,
    now: Timestamp,
) -> Result<Proposal, AppError> {
    access::require_resident(author)?;
    let p = processes::visible(state, Some(author), process, now).await?;
    access::require_phase(&p, now, &[Phase::Proposals], PhaseAction::SubmitProposal)?;
    eligibility::require_eligible(
        state,
        &p.settings.rules.eligibility,
        &p.settings.schedule,
        author,
    )
    .await?;
    let problems = draft_problems(draft);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    Ok(state
        .store()
        .create_proposal(process, author.id, draft, now)
        .await?)
}

/// Replaces the text of the author's own proposal, in the proposals phase.
pub async fn edit(
    state: &AppState,
    author: &User,
    id: ProposalId,
    draft: &ProposalDraft,
    now: Timestamp,
) -> Result<Proposal, AppError> {
    access::require_resident(author)?;
    let (proposal, process) = visible(state, Some(author), id, now).await?;
    if proposal.author != author.id {
        return Err(AppError::Forbidden);
    }
    access::require_phase(
        &process,
        now,
        &[Phase::Proposals],
        PhaseAction::EditProposal,
    )?;
    let problems = draft_problems(draft);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    Ok(state.store().update_proposal(id, draft, now).await?)
}

/// The proposal and its process, if `viewer` may see both at `now`; else `NotFound`.
pub async fn visible(
    state: &AppState,
    viewer: Option<&User>,
    id: ProposalId,
    now: Timestamp,
) -> Result<(Proposal, Process), AppError> {
    let proposal = state.store().proposal(id).await?;
    let process = processes::visible(state, viewer, proposal.process, now).await?;
    if !access::may_see_proposal(viewer, &proposal) {
        return Err(AppError::NotFound);
    }
    Ok((proposal, process))
}

/// The process and its proposals `viewer` may see, in submission order (hidden ones
/// only for their authors and for officials, admins and auditors).
pub async fn list(
    state: &AppState,
    viewer: Option<&User>,
    process: ProcessId,
    now: Timestamp,
) -> Result<(Process, Vec<Proposal>), AppError> {
    let p = processes::visible(state, viewer, process, now).await?;
    let all = state.store().list_proposals(process).await?;
    Ok((
        p,
        all.into_iter()
            .filter(|p| access::may_see_proposal(viewer, p))
            .collect(),
    ))
}

/// The process and the projects on its ballot (accepted, not hidden), in submission
/// order.
pub async fn projects(
    state: &AppState,
    viewer: Option<&User>,
    process: ProcessId,
    now: Timestamp,
) -> Result<(Process, Vec<Proposal>), AppError> {
    let p = processes::visible(state, viewer, process, now).await?;
    let all = state.store().list_proposals(process).await?;
    Ok((p, all.into_iter().filter(Proposal::on_ballot).collect()))
}

/// Records an eligible resident's support of a visible proposal in the support phase.
/// Returns the proposal (with its new support count) and whether this support is new.
pub async fn support(
    state: &AppState,
    user: &User,
    id: ProposalId,
    now: Timestamp,
) -> Result<(Proposal, bool), AppError> {
    access::require_resident(user)?;
    let (proposal, process) = visible(state, Some(user), id, now).await?;
    if proposal.hidden.is_some() {
        return Err(AppError::NotFound);
    }
    access::require_phase(
        &process,
        now,
        &[Phase::Support],
        PhaseAction::SupportProposal,
    )?;
    eligibility::require_eligible(
        state,
        &process.settings.rules.eligibility,
        &process.settings.schedule,
        user,
    )
    .await?;
    let added = state.store().support_proposal(id, user.id, now).await?;
    let proposal = state.store().proposal(id).await?;
    Ok((proposal, added))
}

/// Whether `user` supports the proposal.
pub async fn supports(state: &AppState, user: &User, id: ProposalId) -> Result<bool, AppError> {
    Ok(state.store().supports(id, user.id).await?)
}

/// Sets the officials' review of a proposal (support or review phase): accepted with an
/// official cost, rejected with a public reason, or merged into another proposal of the
/// same process. Audited as `proposal.reviewed`.
pub async fn review(
    state: &AppState,
    official: &User,
    id: ProposalId,
    review: &Review,
    now: Timestamp,
) -> Result<Proposal, AppError> {
    access::require_manager(official)?;
    let (proposal, process) = visible(state, Some(official), id, now).await?;
    access::require_phase(
        &process,
        now,
        &[Phase::Support, Phase::Review],
        PhaseAction::ReviewProposal,
    )?;
    match review {
        Review::Pending => return Err(FieldProblem::ChooseReview.at("status").into()),
        Review::Accepted { official_cost } => {
            if *official_cost == 0 {
                return Err(FieldProblem::CostNotPositive.at("official_cost").into());
            }
        }
        Review::Rejected { reason } => {
            check_reason(reason, FieldProblem::RejectionReasonMissing)?;
        }
        Review::Merged { into } => {
            if *into == id {
                return Err(FieldProblem::MergeIntoItself.at("into").into());
            }
            match state.store().proposal(*into).await {
                Ok(target) if target.process == proposal.process => {
                    if matches!(target.review, Review::Merged { .. }) {
                        return Err(FieldProblem::MergeIntoMerged { into: into.0 }
                            .at("into")
                            .into());
                    }
                }
                Ok(_) | Err(civis_store::StoreError::NotFound) => {
                    return Err(FieldProblem::MergeIntoUnknown { into: into.0 }
                        .at("into")
                        .into())
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(state
        .store()
        .review_proposal(id, review, Change::by(official.id, now))
        .await?)
}

/// Checks a public reason (of a rejection or of hiding): filled in, not too long, no
/// control characters. `empty` is the problem when it is blank.
fn check_reason(reason: &str, empty: FieldProblem) -> Result<(), AppError> {
    let problem = if reason.trim().is_empty() {
        empty
    } else if reason.chars().count() > MAX_REASON_CHARS {
        FieldProblem::TooLong {
            max: MAX_REASON_CHARS,
        }
    } else if text::has_control(reason, true) {
        FieldProblem::ControlCharacters
    } else {
        return Ok(());
    };
    Err(problem.at("reason").into())
}

/// Hides a proposal (with a reason, `Some`) or shows it again (`None`); audited as
/// `proposal.moderated`. Once voting has opened the projects on the ballot are frozen:
/// an accepted proposal can then be neither hidden nor shown again (`WrongPhase`).
pub async fn moderate(
    state: &AppState,
    official: &User,
    id: ProposalId,
    hidden: Option<&str>,
    now: Timestamp,
) -> Result<Proposal, AppError> {
    access::require_manager(official)?;
    let (proposal, process) = visible(state, Some(official), id, now).await?;
    if let Some(reason) = hidden {
        check_reason(reason, FieldProblem::HidingReasonMissing)?;
    }
    if matches!(proposal.review, Review::Accepted { .. }) && !process.editable_at(now) {
        return Err(AppError::WrongPhase(PhaseRefusal::BallotFrozen));
    }
    Ok(state
        .store()
        .moderate_proposal(id, hidden, Change::by(official.id, now))
        .await?)
}
