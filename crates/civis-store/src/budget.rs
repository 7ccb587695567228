//! [`BudgetStore`]: persistent state of participatory budgeting processes.

use async_trait::async_trait;
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

    /// Stores the computed results, marks the process's results published at
    /// `change.at`, and records `results.published`. Publishing twice fails with
    /// `Conflict { field: "results" }`. Errors: `NotFound`.
    async fn publish_results(
        &self,
        process: ProcessId,
        results: &ProcessResults,
        change: Change,
    ) -> StoreResult<()>;

    /// The published results, if any.
    async fn results(&self, process: ProcessId) -> StoreResult<Option<ProcessResults>>;

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
