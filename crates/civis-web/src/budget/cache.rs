//! What a ballot is checked against, and a per-process cache of it for the voting hot
//! path.
//!
//! Once voting opens nothing in a [`BallotContext`] can change: settings are frozen
//! (updates are refused with `RulesFrozen`), reviews are possible only before voting,
//! and projects on the ballot cannot be hidden or shown again (see
//! [`super::proposals::moderate`]). So a context built at or after `voting_open` is
//! valid for every server sharing the database, for the rest of the process's life.
//! Contexts built earlier are used once and not kept.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use civis_budget::{Process, ProcessId, ProcessRules, Proposal, Schedule};
use civis_domain::Timestamp;

use crate::error::AppError;
use crate::state::AppState;

/// A process's frozen schedule and rules and its proposals (the projects on the ballot
/// and the others, so that a ballot naming one of those is told why it cannot).
#[derive(Debug, Clone)]
pub struct BallotContext {
    /// The process.
    pub process: ProcessId,
    /// Its schedule.
    pub schedule: Schedule,
    /// Its rules.
    pub rules: ProcessRules,
    /// Its proposals, in submission order.
    pub proposals: Vec<Proposal>,
}

impl BallotContext {
    /// Builds the context of `process` from its proposals.
    pub fn new(process: &Process, proposals: Vec<Proposal>) -> Self {
        Self {
            process: process.id,
            schedule: process.settings.schedule,
            rules: process.settings.rules.clone(),
            proposals,
        }
    }

    /// Whether ballots are accepted at `now`.
    pub fn voting_open_at(&self, now: Timestamp) -> bool {
        self.schedule.voting_open <= now && now < self.schedule.voting_close
    }
}

/// Ballot contexts of processes whose voting has opened, by process id.
#[derive(Debug, Default)]
pub struct BallotContextCache {
    frozen: RwLock<HashMap<ProcessId, Arc<BallotContext>>>,
}

impl BallotContextCache {
    /// The cached context of `id`, if any.
    fn get(&self, id: ProcessId) -> Option<Arc<BallotContext>> {
        self.frozen.read().ok()?.get(&id).cloned()
    }

    /// Keeps `ctx` (only call for a process whose voting has opened).
    fn keep(&self, ctx: Arc<BallotContext>) {
        if let Ok(mut map) = self.frozen.write() {
            map.insert(ctx.process, ctx);
        }
    }
}

/// The ballot context of process `id` once its voting has opened (at `now`): from the
/// cache when it was built before, else from the store (one process read and one
/// proposal list) and kept. `Ok(None)` when voting has not opened yet (nothing more is
/// read then); `NotFound` if there is no such process.
pub async fn frozen_ballot_context(
    state: &AppState,
    id: ProcessId,
    now: Timestamp,
) -> Result<Option<Arc<BallotContext>>, AppError> {
    let cache = state.ballot_contexts();
    if let Some(ctx) = cache.get(id) {
        return Ok(Some(ctx));
    }
    let process = state.store().process(id).await?;
    if process.editable_at(now) {
        return Ok(None);
    }
    let proposals = state.store().list_proposals(id).await?;
    let ctx = Arc::new(BallotContext::new(&process, proposals));
    cache.keep(ctx.clone());
    Ok(Some(ctx))
}
