//! [`BudgetStore`] for PostgreSQL: the trait delegates to one module per group of tables.
//!
//! Documents are `JSONB` columns written from and read back as serde JSON text (see
//! `civis_store::budget_codec`); audit events come from `civis_store::budget_audit`
//! and are written in the same transaction as the change, which locks the row it
//! reads first with `FOR NO KEY UPDATE` (so ballots and supports referencing that
//! row are not held up).

mod ballots;
mod processes;
mod proposals;
mod residents;
mod results;

use async_trait::async_trait;
use civis_budget::{
    Ballot, ImplementationUpdate, NewBallot, Process, ProcessId, ProcessResults, ProcessSettings,
    Proposal, ProposalDraft, ProposalId, ResidentProfile, Review,
};
use civis_domain::{Timestamp, UserId};
use civis_store::{BudgetStore, Change, StoreResult};

use crate::PostgresStore;

#[async_trait]
impl BudgetStore for PostgresStore {
    async fn create_process(
        &self,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process> {
        self.create_process_impl(settings, change).await
    }

    async fn update_process(
        &self,
        id: ProcessId,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process> {
        self.update_process_impl(id, settings, change).await
    }

    async fn process(&self, id: ProcessId) -> StoreResult<Process> {
        self.process_impl(id).await
    }

    async fn list_processes(&self) -> StoreResult<Vec<Process>> {
        self.list_processes_impl().await
    }

    async fn create_proposal(
        &self,
        process: ProcessId,
        author: UserId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal> {
        self.create_proposal_impl(process, author, draft, at).await
    }

    async fn update_proposal(
        &self,
        id: ProposalId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal> {
        self.update_proposal_impl(id, draft, at).await
    }

    async fn proposal(&self, id: ProposalId) -> StoreResult<Proposal> {
        self.proposal_impl(id).await
    }

    async fn list_proposals(&self, process: ProcessId) -> StoreResult<Vec<Proposal>> {
        self.list_proposals_impl(process).await
    }

    async fn support_proposal(
        &self,
        id: ProposalId,
        user: UserId,
        at: Timestamp,
    ) -> StoreResult<bool> {
        self.support_proposal_impl(id, user, at).await
    }

    async fn supports(&self, id: ProposalId, user: UserId) -> StoreResult<bool> {
        self.supports_impl(id, user).await
    }

    async fn review_proposal(
        &self,
        id: ProposalId,
        review: &Review,
        change: Change,
    ) -> StoreResult<Proposal> {
        self.review_proposal_impl(id, review, change).await
    }

    async fn moderate_proposal(
        &self,
        id: ProposalId,
        hidden: Option<&str>,
        change: Change,
    ) -> StoreResult<Proposal> {
        self.moderate_proposal_impl(id, hidden, change).await
    }

    async fn cast_ballot(&self, ballot: &NewBallot, change: Option<Change>) -> StoreResult<Ballot> {
        self.cast_ballot_impl(ballot, change).await
    }

    async fn ballot(&self, process: ProcessId, voter: UserId) -> StoreResult<Option<Ballot>> {
        self.ballot_impl(process, voter).await
    }

    async fn list_ballots(&self, process: ProcessId) -> StoreResult<Vec<Ballot>> {
        self.list_ballots_impl(process).await
    }

    async fn count_ballots(&self, process: ProcessId) -> StoreResult<u64> {
        self.count_ballots_impl(process).await
    }

    async fn publish_results(
        &self,
        process: ProcessId,
        results: &ProcessResults,
        change: Change,
    ) -> StoreResult<()> {
        self.publish_results_impl(process, results, change).await
    }

    async fn results(&self, process: ProcessId) -> StoreResult<Option<ProcessResults>> {
        self.results_impl(process).await
    }

    async fn add_implementation_update(
        &self,
        update: &ImplementationUpdate,
        change: Change,
    ) -> StoreResult<()> {
        self.add_implementation_update_impl(update, change).await
    }

    async fn list_implementation_updates(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<ImplementationUpdate>> {
        self.list_implementation_updates_impl(process).await
    }

    async fn resident_profile(&self, user: UserId) -> StoreResult<ResidentProfile> {
        self.resident_profile_impl(user).await
    }

    async fn voter_profiles(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<(UserId, ResidentProfile)>> {
        self.voter_profiles_impl(process).await
    }

    async fn resident_profiles(&self) -> StoreResult<Vec<(UserId, ResidentProfile)>> {
        self.resident_profiles_impl().await
    }

    async fn set_resident_profile(
        &self,
        user: UserId,
        profile: &ResidentProfile,
        change: Change,
    ) -> StoreResult<()> {
        self.set_resident_profile_impl(user, profile, change).await
    }
}
