//! Results: computed with the frozen rule and published by officials in the counting
//! phase; read once published (everyone who may see the process). Nothing about
//! ballots is shown before.

use civis_budget::explain::{explain_results, ExplainDepth};
use civis_budget::{
    compute_results, Completion, OutcomeRule, Phase, Process, ProcessId, ProcessResults,
};
use civis_domain::{Timestamp, User};
use civis_store::Change;

use super::refusals::PhaseAction;
use super::{access, exports, processes};
use crate::error::AppError;
use crate::state::AppState;

/// How far explanations are worked out for `rule`: fully (with "how much cheaper" and
/// "how many more supporters") where that is cheap, greedy and plain MES; in summary for
/// MES with a completion, where the full figures take minutes on large processes.
pub fn explain_depth(rule: OutcomeRule) -> ExplainDepth {
    match rule {
        OutcomeRule::Greedy
        | OutcomeRule::Mes {
            completion: Completion::None,
        } => ExplainDepth::Full,
        OutcomeRule::Mes { .. } => ExplainDepth::Summary,
    }
}

/// Computes the outcome of every budget unit with the process's frozen rule through the
/// PB engine, with every project's explanation and the exports served from then on
/// (open data and participation figures, see [`exports`]), on the blocking pool, and
/// publishes them (officials and admins, counting phase); audited as
/// `process.results_published`. `Conflict` when already published or when the engine
/// cannot compute a unit.
pub async fn publish(
    state: &AppState,
    official: &User,
    process: ProcessId,
    now: Timestamp,
) -> Result<ProcessResults, AppError> {
    access::require_manager(official)?;
    let p = processes::visible(state, Some(official), process, now).await?;
    access::require_phase(&p, now, &[Phase::Counting], PhaseAction::PublishResults)?;
    let proposals = state.store().list_proposals(process).await?;
    let ballots = state.store().list_ballots(process).await?;
    let voters = state.store().voter_profiles(process).await?;
    let residents = state.store().resident_profiles().await?;
    let (results, made) = tokio::task::spawn_blocking(move || {
        let mut results = compute_results(&p, &proposals, &ballots, now).map_err(not_computed)?;
        let depth = explain_depth(p.settings.rules.rule);
        results.explanations =
            explain_results(&p, &proposals, &ballots, depth).map_err(not_computed)?;
        // As the process will be once published (its JSON export says when).
        let mut published = p;
        published.results_published_at = Some(now);
        let made = exports::make(
            &published, &proposals, &ballots, &results, voters, residents,
        )?;
        Ok::<_, AppError>((results, made))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    state
        .store()
        .publish_results(process, &results, Some(&made), Change::by(official.id, now))
        .await
        .map_err(|e| match e {
            civis_store::StoreError::Conflict { .. } => AppError::Conflict {
                field: None,
                detail: "The results of this process are already published.".to_owned(),
            },
            e => e.into(),
        })?;
    Ok(results)
}

fn not_computed(e: civis_budget::OutcomeError) -> AppError {
    AppError::Conflict {
        field: None,
        detail: format!("The outcome of {} cannot be computed: {}", e.unit, e.reason),
    }
}

/// The process and its published results; `NotFound` before they are published (and
/// when `viewer` may not see the process).
pub async fn published(
    state: &AppState,
    viewer: Option<&User>,
    process: ProcessId,
    now: Timestamp,
) -> Result<(Process, ProcessResults), AppError> {
    let p = processes::visible(state, viewer, process, now).await?;
    if p.results_published_at.is_none() {
        return Err(AppError::NotFound);
    }
    let results = state
        .store()
        .results(process)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((p, results))
}
