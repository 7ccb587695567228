//! Voting: residents cast and replace their ballot online; officials enter a paper ballot
//! for a resident (the assisted channel, audited). Either replaces the other; only the
//! last one counts.
//!
//! The online path is the hot path: the frozen rules and the projects on the ballot come
//! from the per-process [`BallotContextCache`](super::BallotContextCache), so a ballot
//! costs the session lookup (middleware), possibly the resident's profile (only when the
//! rules restrict eligibility), and one upsert.

use std::sync::Arc;

use civis_budget::meter::chosen_projects;
use civis_budget::{
    budget_meter, Ballot, BallotChannel, BallotContent, BudgetMeter, NewBallot, ProcessId,
};
use civis_domain::{Role, Timestamp, User, UserId};
use civis_store::Change;

use super::cache::{frozen_ballot_context, BallotContext};
use super::refusals::{Ineligible, PhaseRefusal};
use super::{access, ballot_check, eligibility};
use crate::error::AppError;
use crate::state::AppState;

/// The context to cast a ballot in at `now`: `WrongPhase` before voting opens and from
/// its close; `NotFound` for a process that does not exist.
pub async fn voting_context(
    state: &AppState,
    process: ProcessId,
    now: Timestamp,
) -> Result<Arc<BallotContext>, AppError> {
    let Some(ctx) = frozen_ballot_context(state, process, now).await? else {
        return Err(AppError::WrongPhase(PhaseRefusal::VotingNotOpen));
    };
    if !ctx.voting_open_at(now) {
        return Err(AppError::WrongPhase(PhaseRefusal::VotingClosed));
    }
    Ok(ctx)
}

/// A process with secret ballots takes no ballot tied to an account: its ballots
/// go to the ballot log under credentials (`crate::ballot`, where its paper
/// ballots are too).
fn refuse_if_secret(ctx: &BallotContext) -> Result<(), AppError> {
    if ctx.rules.secret_ballots {
        return Err(AppError::SecretBallot(
            crate::ballot::refusal::SecretBallotRefusal::SecretOnly,
        ));
    }
    Ok(())
}

/// Checks `voter` may vote and `content` follows the rules: `Forbidden` for other roles,
/// `NotEligible`, or `InvalidBallot` listing every problem.
async fn check(
    state: &AppState,
    ctx: &BallotContext,
    voter: &User,
    content: &BallotContent,
) -> Result<(), AppError> {
    access::require_resident(voter)?;
    eligibility::require_eligible(state, &ctx.rules.eligibility, &ctx.schedule, voter).await?;
    ballot_check::check(ctx, content).map_err(AppError::InvalidBallot)
}

/// Casts `voter`'s online ballot (replacing any earlier ballot, online or paper) in the
/// voting phase. No audit event.
pub async fn cast_online(
    state: &AppState,
    voter: &User,
    process: ProcessId,
    content: BallotContent,
    now: Timestamp,
) -> Result<Ballot, AppError> {
    access::require_resident(voter)?;
    let ctx = voting_context(state, process, now).await?;
    refuse_if_secret(&ctx)?;
    check(state, &ctx, voter, &content).await?;
    let ballot = NewBallot {
        process,
        voter: voter.id,
        content,
        channel: BallotChannel::Online,
        cast_at: now,
    };
    Ok(state.store().cast_ballot(&ballot, None).await?)
}

/// Enters a paper ballot for resident `voter` (officials and admins) in the voting phase,
/// replacing any earlier ballot of that resident; audited as `ballot.paper_entered`.
/// `NotFound` if there is no such user; the resident must be eligible.
pub async fn cast_paper(
    state: &AppState,
    official: &User,
    process: ProcessId,
    voter: UserId,
    content: BallotContent,
    now: Timestamp,
) -> Result<Ballot, AppError> {
    access::require_manager(official)?;
    let ctx = voting_context(state, process, now).await?;
    refuse_if_secret(&ctx)?;
    let resident = state.store().user_by_id(voter).await?;
    if !resident.is_active() || resident.role != Role::Resident {
        return Err(AppError::NotEligible(Ineligible::PaperNotResident));
    }
    check(state, &ctx, &resident, &content).await?;
    let ballot = NewBallot {
        process,
        voter,
        content,
        channel: BallotChannel::Paper {
            official: official.id,
        },
        cast_at: now,
    };
    Ok(state
        .store()
        .cast_ballot(&ballot, Some(Change::by(official.id, now)))
        .await?)
}

/// `voter`'s own counted ballot in the process, if any (`NotFound` when the process is
/// not visible).
pub async fn own(
    state: &AppState,
    voter: &User,
    process: ProcessId,
    now: Timestamp,
) -> Result<Option<Ballot>, AppError> {
    super::processes::visible(state, Some(voter), process, now).await?;
    Ok(state.store().ballot(process, voter.id).await?)
}

/// Whether `user` may vote in the process whose context is `ctx` (for pages: show the
/// ballot or the reason). `Ok(())` when eligible; `NotEligible` with the reason
/// otherwise. Does not look at the phase.
pub async fn eligible(state: &AppState, user: &User, ctx: &BallotContext) -> Result<(), AppError> {
    eligibility::require_eligible(state, &ctx.rules.eligibility, &ctx.schedule, user).await
}

/// The budget meter of a (possibly unfinished) ballot in the voting phase: how much of
/// each unit's budget the chosen projects use (projects not on the ballot and repeats are
/// ignored). `WrongPhase` outside voting.
pub async fn meter(
    state: &AppState,
    process: ProcessId,
    content: &BallotContent,
    now: Timestamp,
) -> Result<BudgetMeter, AppError> {
    let ctx = voting_context(state, process, now).await?;
    Ok(budget_meter(
        &ctx.rules,
        &ctx.proposals,
        &chosen_projects(content),
    ))
}
