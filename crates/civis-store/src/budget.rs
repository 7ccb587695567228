//! [`BudgetStore`]: persistent state of participatory budgeting processes.

use async_trait::async_trait;
use civis_budget::export::published::{DocumentKind, ExportDocument, PublishedExports};
use civis_budget::participation::Participation;
use civis_budget::{
    Ballot, ImplementationUpdate, NewBallot, Process, ProcessId, ProcessResults, ProcessSettings,
    Proposal, ProposalDraft, ProposalId, ResidentProfile, Review,
};
use civis_domain::{Timestamp, UserId};

use crate::{Change, StoreResult};

/// PB processes, proposals, supports, ballots, results and implementation reports,
/// plus the resident profile (district, birth date) that eligibility needs.
///
/// A supertrait of [`crate::Store`], so `Arc<dyn Store>` offers these methods too.
/// The store enforces what must hold under concurrency (one ballot per voter per
/// process, one support per resident per proposal); the callers check phases and
/// permissions before calling. Methods taking a [`Change`] record their audit event
/// in the same transaction.
#[async_trait]
pub trait BudgetStore: Send + Sync {
    // ---- processes ---------------------------------------------------------

    /// Creates a process and records `process.created`.
    async fn create_process(
        &self,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process>;

    /// Replaces a process's settings and records `process.changed` (before and after).
    /// Errors: `NotFound`.
    async fn update_process(
        &self,
        id: ProcessId,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process>;

    /// The process with this id. Errors: `NotFound`.
    async fn process(&self, id: ProcessId) -> StoreResult<Process>;

    /// Every process, newest first.
    async fn list_processes(&self) -> StoreResult<Vec<Process>>;

    // ---- proposals ---------------------------------------------------------

    /// Stores a resident's proposal (review pending). Errors: `NotFound` if the
    /// process or author does not exist.
    async fn create_proposal(
        &self,
        process: ProcessId,
        author: UserId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal>;

    /// Replaces a proposal's text. Errors: `NotFound`.
    async fn update_proposal(
        &self,
        id: ProposalId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal>;

    /// The proposal with this id. Errors: `NotFound`.
    async fn proposal(&self, id: ProposalId) -> StoreResult<Proposal>;

    /// A process's proposals in submission order, hidden ones included.
    async fn list_proposals(&self, process: ProcessId) -> StoreResult<Vec<Proposal>>;

    /// Records `user`'s support of a proposal; supporting twice changes nothing.
    /// Returns whether a support was added. Errors: `NotFound`.
    async fn support_proposal(
        &self,
        id: ProposalId,
        user: UserId,
        at: Timestamp,
    ) -> StoreResult<bool>;

    /// Whether `user` supports the proposal.
    async fn supports(&self, id: ProposalId, user: UserId) -> StoreResult<bool>;

    /// Sets the officials' review and records `proposal.reviewed`. Errors: `NotFound`.
    async fn review_proposal(
        &self,
        id: ProposalId,
        review: &Review,
        change: Change,
    ) -> StoreResult<Proposal>;

    /// Hides (with a reason) or shows again (`None`) a proposal and records
    /// `proposal.moderated`. Errors: `NotFound`.
    async fn moderate_proposal(
        &self,
        id: ProposalId,
        hidden: Option<&str>,
        change: Change,
    ) -> StoreResult<Proposal>;

    // ---- ballots -----------------------------------------------------------

    /// Casts a ballot, atomically replacing the voter's earlier one in the process
    /// (whatever its channel) and returning the stored ballot with its revision.
    /// Durable when it returns. A paper ballot records `ballot.paper_entered` (actor:
    /// `change`); online ballots record no audit event (pass `None`).
    /// Errors: `NotFound` if the process or voter does not exist.
    async fn cast_ballot(&self, ballot: &NewBallot, change: Option<Change>) -> StoreResult<Ballot>;

    /// The voter's counted ballot in the process, if any.
    async fn ballot(&self, process: ProcessId, voter: UserId) -> StoreResult<Option<Ballot>>;

    /// Every counted ballot of the process (one per voter), by voter id.
    async fn list_ballots(&self, process: ProcessId) -> StoreResult<Vec<Ballot>>;

    /// How many voters have a ballot in the process.
    async fn count_ballots(&self, process: ProcessId) -> StoreResult<u64>;

    // ---- results and implementation ----------------------------------------

    /// Stores the computed results, with `exports` (what the process serves from then
    /// on, made once; `None` leaves them to [`Self::store_published_exports`]), marks
    /// the process's results published at `change.at`, and records
    /// `results.published`, all in one transaction. Publishing twice fails with
    /// `Conflict { field: "results" }`. Errors: `NotFound`.
    async fn publish_results(
        &self,
        process: ProcessId,
        results: &ProcessResults,
        exports: Option<&PublishedExports>,
        change: Change,
    ) -> StoreResult<()>;

    /// The published results, if any.
    async fn results(&self, process: ProcessId) -> StoreResult<Option<ProcessResults>>;

    /// Stores the exports of a process whose results were published without them (by
    /// an older version), in one transaction; returns `false` and changes nothing when
    /// they are stored already. Errors: `NotFound` if the results are not published.
    async fn store_published_exports(
        &self,
        process: ProcessId,
        exports: &PublishedExports,
    ) -> StoreResult<bool>;

    /// The stored participation figures of a published process; `None` when its
    /// exports are not stored (or it is not published).
    async fn published_participation(
        &self,
        process: ProcessId,
    ) -> StoreResult<Option<Participation>>;

    /// The kinds of the stored documents of a published process, Pabulib files by unit
    /// name first, then CSV, then JSON; empty when its exports are not stored.
    async fn published_document_kinds(&self, process: ProcessId) -> StoreResult<Vec<DocumentKind>>;

    /// One stored document of a published process, if stored.
    async fn published_document(
        &self,
        process: ProcessId,
        kind: &DocumentKind,
    ) -> StoreResult<Option<ExportDocument>>;

    /// Appends an implementation report on a funded project and records
    /// `implementation.updated`. Errors: `NotFound`.
    async fn add_implementation_update(
        &self,
        update: &ImplementationUpdate,
        change: Change,
    ) -> StoreResult<()>;

    /// A process's implementation reports, oldest first.
    async fn list_implementation_updates(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<ImplementationUpdate>>;

    // ---- resident profiles -------------------------------------------------

    /// A resident's district and birth date (empty if never set). Errors: `NotFound`.
    async fn resident_profile(&self, user: UserId) -> StoreResult<ResidentProfile>;

    /// The profile of every voter with a counted ballot in the process, by voter id
    /// (empty when never set): the voters' side of participation figures, in one query.
    async fn voter_profiles(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<(UserId, ResidentProfile)>>;

    /// The profile of every active resident (role `resident`, not disabled), by
    /// user id (empty when never set): the eligible side of participation figures.
    async fn resident_profiles(&self) -> StoreResult<Vec<(UserId, ResidentProfile)>>;

    /// Sets a resident's district and birth date and records `resident.profile_changed`.
    /// Errors: `NotFound`.
    async fn set_resident_profile(
        &self,
        user: UserId,
        profile: &ResidentProfile,
        change: Change,
    ) -> StoreResult<()>;
}

/// Implements [`BudgetStore`] for a backend type by delegating every method to
/// an inherent method of the same signature named `<method>_impl` (e.g.
/// `create_process_impl`), so that the trait's signatures are written once here
/// rather than in each backend. The backend crate needs `async-trait`.
#[macro_export]
macro_rules! delegate_budget_store {
    ($backend:ty) => {
        #[::async_trait::async_trait]
        impl $crate::BudgetStore for $backend {
            async fn create_process(
                &self,
                settings: &::civis_budget::ProcessSettings,
                change: $crate::Change,
            ) -> $crate::StoreResult<::civis_budget::Process> {
                self.create_process_impl(settings, change).await
            }

            async fn update_process(
                &self,
                id: ::civis_budget::ProcessId,
                settings: &::civis_budget::ProcessSettings,
                change: $crate::Change,
            ) -> $crate::StoreResult<::civis_budget::Process> {
                self.update_process_impl(id, settings, change).await
            }

            async fn process(
                &self,
                id: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<::civis_budget::Process> {
                self.process_impl(id).await
            }

            async fn list_processes(&self) -> $crate::StoreResult<Vec<::civis_budget::Process>> {
                self.list_processes_impl().await
            }

            async fn create_proposal(
                &self,
                process: ::civis_budget::ProcessId,
                author: ::civis_domain::UserId,
                draft: &::civis_budget::ProposalDraft,
                at: ::civis_domain::Timestamp,
            ) -> $crate::StoreResult<::civis_budget::Proposal> {
                self.create_proposal_impl(process, author, draft, at).await
            }

            async fn update_proposal(
                &self,
                id: ::civis_budget::ProposalId,
                draft: &::civis_budget::ProposalDraft,
                at: ::civis_domain::Timestamp,
            ) -> $crate::StoreResult<::civis_budget::Proposal> {
                self.update_proposal_impl(id, draft, at).await
            }

            async fn proposal(
                &self,
                id: ::civis_budget::ProposalId,
            ) -> $crate::StoreResult<::civis_budget::Proposal> {
                self.proposal_impl(id).await
            }

            async fn list_proposals(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<Vec<::civis_budget::Proposal>> {
                self.list_proposals_impl(process).await
            }

            async fn support_proposal(
                &self,
                id: ::civis_budget::ProposalId,
                user: ::civis_domain::UserId,
                at: ::civis_domain::Timestamp,
            ) -> $crate::StoreResult<bool> {
                self.support_proposal_impl(id, user, at).await
            }

            async fn supports(
                &self,
                id: ::civis_budget::ProposalId,
                user: ::civis_domain::UserId,
            ) -> $crate::StoreResult<bool> {
                self.supports_impl(id, user).await
            }

            async fn review_proposal(
                &self,
                id: ::civis_budget::ProposalId,
                review: &::civis_budget::Review,
                change: $crate::Change,
            ) -> $crate::StoreResult<::civis_budget::Proposal> {
                self.review_proposal_impl(id, review, change).await
            }

            async fn moderate_proposal(
                &self,
                id: ::civis_budget::ProposalId,
                hidden: Option<&str>,
                change: $crate::Change,
            ) -> $crate::StoreResult<::civis_budget::Proposal> {
                self.moderate_proposal_impl(id, hidden, change).await
            }

            async fn cast_ballot(
                &self,
                ballot: &::civis_budget::NewBallot,
                change: Option<$crate::Change>,
            ) -> $crate::StoreResult<::civis_budget::Ballot> {
                self.cast_ballot_impl(ballot, change).await
            }

            async fn ballot(
                &self,
                process: ::civis_budget::ProcessId,
                voter: ::civis_domain::UserId,
            ) -> $crate::StoreResult<Option<::civis_budget::Ballot>> {
                self.ballot_impl(process, voter).await
            }

            async fn list_ballots(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<Vec<::civis_budget::Ballot>> {
                self.list_ballots_impl(process).await
            }

            async fn count_ballots(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<u64> {
                self.count_ballots_impl(process).await
            }

            async fn publish_results(
                &self,
                process: ::civis_budget::ProcessId,
                results: &::civis_budget::ProcessResults,
                exports: Option<&::civis_budget::export::published::PublishedExports>,
                change: $crate::Change,
            ) -> $crate::StoreResult<()> {
                self.publish_results_impl(process, results, exports, change)
                    .await
            }

            async fn results(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<Option<::civis_budget::ProcessResults>> {
                self.results_impl(process).await
            }

            async fn store_published_exports(
                &self,
                process: ::civis_budget::ProcessId,
                exports: &::civis_budget::export::published::PublishedExports,
            ) -> $crate::StoreResult<bool> {
                self.store_published_exports_impl(process, exports).await
            }

            async fn published_participation(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<Option<::civis_budget::participation::Participation>> {
                self.published_participation_impl(process).await
            }

            async fn published_document_kinds(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<Vec<::civis_budget::export::published::DocumentKind>> {
                self.published_document_kinds_impl(process).await
            }

            async fn published_document(
                &self,
                process: ::civis_budget::ProcessId,
                kind: &::civis_budget::export::published::DocumentKind,
            ) -> $crate::StoreResult<Option<::civis_budget::export::published::ExportDocument>>
            {
                self.published_document_impl(process, kind).await
            }

            async fn add_implementation_update(
                &self,
                update: &::civis_budget::ImplementationUpdate,
                change: $crate::Change,
            ) -> $crate::StoreResult<()> {
                self.add_implementation_update_impl(update, change).await
            }

            async fn list_implementation_updates(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<Vec<::civis_budget::ImplementationUpdate>> {
                self.list_implementation_updates_impl(process).await
            }

            async fn resident_profile(
                &self,
                user: ::civis_domain::UserId,
            ) -> $crate::StoreResult<::civis_budget::ResidentProfile> {
                self.resident_profile_impl(user).await
            }

            async fn voter_profiles(
                &self,
                process: ::civis_budget::ProcessId,
            ) -> $crate::StoreResult<Vec<(::civis_domain::UserId, ::civis_budget::ResidentProfile)>>
            {
                self.voter_profiles_impl(process).await
            }

            async fn resident_profiles(
                &self,
            ) -> $crate::StoreResult<Vec<(::civis_domain::UserId, ::civis_budget::ResidentProfile)>>
            {
                self.resident_profiles_impl().await
            }

            async fn set_resident_profile(
                &self,
                user: ::civis_domain::UserId,
                profile: &::civis_budget::ResidentProfile,
                change: $crate::Change,
            ) -> $crate::StoreResult<()> {
                self.set_resident_profile_impl(user, profile, change).await
            }
        }
    };
}
