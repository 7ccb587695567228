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

use civis_budget::{Process, ProcessId, ProcessRules, Proposal, ProposalId, Schedule};
use civis_domain::Timestamp;

use crate::error::AppError;
use crate::state::AppState;

/// A project on the ballot, as ballot checks need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotProject {
    /// The proposal.
    pub id: ProposalId,
    /// Its official cost.
    pub cost: u64,
    /// Its budget unit: `citywide`, `district:<name>` or `category:<name>`.
    pub unit: String,
}

/// A process's frozen schedule and rules and the projects on its ballot.
#[derive(Debug, Clone)]
pub struct BallotContext {
    /// The process.
    pub process: ProcessId,
    /// Its schedule.
    pub schedule: Schedule,
    /// Its rules.
    pub rules: ProcessRules,
    /// The projects on the ballot (accepted, not hidden), by id.
    pub projects: Vec<BallotProject>,
}

impl BallotContext {
    /// Builds the context of `process` from its proposals.
    pub fn new(process: &Process, proposals: &[Proposal]) -> Self {
        let rules = process.settings.rules.clone();
        let mut projects: Vec<BallotProject> = proposals
            .iter()
            .filter(|p| p.process == process.id && p.on_ballot())
            .map(|p| BallotProject {
                id: p.id,
                cost: p.cost(),
                unit: super::ballot_check::unit_of(
                    &rules,
                    p.draft.district.as_deref(),
                    p.draft.category.as_deref(),
                ),
            })
            .collect();
        projects.sort_by_key(|p| p.id);
        Self {
            process: process.id,
            schedule: process.settings.schedule,
            rules,
            projects,
        }
    }

    /// The project with this id, if it is on the ballot.
    pub fn project(&self, id: ProposalId) -> Option<&BallotProject> {
        self.projects
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .and_then(|i| self.projects.get(i))
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
    let ctx = Arc::new(BallotContext::new(&process, &proposals));
    cache.keep(ctx.clone());
    Ok(Some(ctx))
}
