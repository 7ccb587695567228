//! [`BudgetStore`] for postgres: not implemented yet; every method fails.

use async_trait::async_trait;
use civis_budget::{
    Ballot, ImplementationUpdate, NewBallot, Process, ProcessId, ProcessResults, ProcessSettings,
    Proposal, ProposalDraft, ProposalId, ResidentProfile, Review,
};
use civis_domain::{Timestamp, UserId};
use civis_store::{BudgetStore, Change, StoreError, StoreResult};

use crate::PostgresStore;

fn not_yet() -> StoreError {
    StoreError::internal("participatory budgeting storage is not implemented yet")
}

#[async_trait]
#[allow(unused_variables)]
impl BudgetStore for PostgresStore {
    async fn create_process(
        &self,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process> {
        Err(not_yet())
    }

    async fn update_process(
        &self,
        id: ProcessId,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process> {
        Err(not_yet())
    }

    async fn process(&self, id: ProcessId) -> StoreResult<Process> {
        Err(not_yet())
    }

    async fn list_processes(&self) -> StoreResult<Vec<Process>> {
        Err(not_yet())
    }

    async fn create_proposal(
        &self,
        process: ProcessId,
        author: UserId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal> {
        Err(not_yet())
    }

    async fn update_proposal(
        &self,
        id: ProposalId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal> {
        Err(not_yet())
    }

    async fn proposal(&self, id: ProposalId) -> StoreResult<Proposal> {
        Err(not_yet())
    }

    async fn list_proposals(&self, process: ProcessId) -> StoreResult<Vec<Proposal>> {
        Err(not_yet())
    }

    async fn support_proposal(
        &self,
        id: ProposalId,
        user: UserId,
        at: Timestamp,
    ) -> StoreResult<bool> {
        Err(not_yet())
    }

    async fn supports(&self, id: ProposalId, user: UserId) -> StoreResult<bool> {
        Err(not_yet())
    }

    async fn review_proposal(
        &self,
        id: ProposalId,
        review: &Review,
        change: Change,
    ) -> StoreResult<Proposal> {
        Err(not_yet())
    }

    async fn moderate_proposal(
        &self,
        id: ProposalId,
        hidden: Option<&str>,
        change: Change,
    ) -> StoreResult<Proposal> {
        Err(not_yet())
    }

    async fn cast_ballot(&self, ballot: &NewBallot, change: Option<Change>) -> StoreResult<Ballot> {
        Err(not_yet())
    }

    async fn ballot(&self, process: ProcessId, voter: UserId) -> StoreResult<Option<Ballot>> {
        Err(not_yet())
    }

    async fn list_ballots(&self, process: ProcessId) -> StoreResult<Vec<Ballot>> {
        Err(not_yet())
    }

    async fn count_ballots(&self, process: ProcessId) -> StoreResult<u64> {
        Err(not_yet())
    }

    async fn publish_results(
        &self,
        process: ProcessId,
        results: &ProcessResults,
        change: Change,
    ) -> StoreResult<()> {
        Err(not_yet())
    }

    async fn results(&self, process: ProcessId) -> StoreResult<Option<ProcessResults>> {
        Err(not_yet())
    }

    async fn add_implementation_update(
        &self,
        update: &ImplementationUpdate,
        change: Change,
    ) -> StoreResult<()> {
        Err(not_yet())
    }

    async fn list_implementation_updates(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<ImplementationUpdate>> {
        Err(not_yet())
    }

    async fn resident_profile(&self, user: UserId) -> StoreResult<ResidentProfile> {
        Err(not_yet())
    }

    async fn set_resident_profile(
        &self,
        user: UserId,
        profile: &ResidentProfile,
        change: Change,
    ) -> StoreResult<()> {
        Err(not_yet())
    }
}
