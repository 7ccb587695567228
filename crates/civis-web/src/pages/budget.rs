//! Participatory budgeting pages: the routes, and what they share (loading a process
//! the visitor may see, the texts of a process in the page's language).
//!
//! Reads go through the store; writes go through the budget service, which holds the
//! permission and phase rules that the JSON API shares.

use axum::routing::get;
use axum::Router;
use civis_budget::{Phase, Process, ProcessId, Proposal, ProposalId, Review};
use civis_domain::{Timestamp, User};
use civis_store::StoreError;

use super::budget_words::{money, phase_key};
use crate::error::AppError;
use crate::i18n::L10n;
use crate::state::AppState;

/// The routes of the budgeting pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/processes", get(super::budget_list::list))
        .route(
            "/processes/new",
            get(super::budget_process_form::new_page).post(super::budget_process_form::create),
        )
        .route("/processes/{id}", get(super::budget_process::show))
        .route(
            "/processes/{id}/edit",
            get(super::budget_process_form::edit_page).post(super::budget_process_form::update),
        )
        .route(
            "/processes/{id}/trustee",
            get(super::budget_trustee::show).post(super::budget_trustee::submit),
        )
        .route("/proposals/{id}", get(super::budget_process::proposal))
        .route(
            "/processes/{id}/proposals/new",
            get(super::budget_proposal_forms::new_page).post(super::budget_proposal_forms::create),
        )
        .route(
            "/proposals/{id}/edit",
            get(super::budget_proposal_forms::edit_page).post(super::budget_proposal_forms::update),
        )
        .route(
            "/proposals/{id}/support",
            axum::routing::post(super::budget_proposal_forms::support),
        )
        .route(
            "/processes/{id}/vote",
            get(super::budget_vote::show).post(super::budget_vote::submit),
        )
        .route(
            "/processes/{id}/results",
            get(super::budget_results::show).post(super::budget_official::publish),
        )
        .route(
            "/processes/{id}/results/why/{proposal}",
            get(super::budget_why::show),
        )
        .route(
            "/proposals/{id}/review",
            get(super::budget_official::review_page).post(super::budget_official::review),
        )
        .route(
            "/proposals/{id}/moderation",
            get(super::budget_official::moderation_page).post(super::budget_official::moderate),
        )
        .route(
            "/proposals/{id}/implementation",
            get(super::budget_official::implementation_page).post(super::budget_official::report),
        )
        .route(
            "/processes/{id}/paper-ballot",
            get(super::budget_paper::show).post(super::budget_paper::submit),
        )
        .route("/residents", get(super::budget_profile::list))
        .route(
            "/residents/{id}",
            get(super::budget_profile::show).post(super::budget_profile::save),
        )
}

/// Whether `user` runs processes (officials and admins).
pub fn manages(user: Option<&User>) -> bool {
    user.is_some_and(|u| u.is_active() && u.role.can_manage_processes())
}

/// Whether `user` may read everything, hidden proposals included (officials, admins,
/// auditors).
pub fn reads_all(user: Option<&User>) -> bool {
    user.is_some_and(|u| u.is_active() && u.role.can_read_all())
}

/// Parses a path id; anything but a number is a page that does not exist.
pub fn parse_id(text: &str) -> Result<i64, AppError> {
    text.parse::<i64>().map_err(|_| AppError::NotFound)
}

/// The process with this id, if `user` may see it: processes before their proposal
/// phase are visible to staff only (404 for others, as if it did not exist).
pub async fn visible_process(
    state: &AppState,
    id: &str,
    user: Option<&User>,
    now: Timestamp,
) -> Result<Process, AppError> {
    let process = state.store().process(ProcessId(parse_id(id)?)).await?;
    if process.phase_at(now) == Phase::Upcoming && !reads_all(user) {
        return Err(AppError::NotFound);
    }
    Ok(process)
}

/// The proposal with this id and its process, if `user` may see them (hidden proposals
/// are visible to staff only).
pub async fn visible_proposal(
    state: &AppState,
    id: &str,
    user: Option<&User>,
    now: Timestamp,
) -> Result<(Process, Proposal), AppError> {
    let proposal = state.store().proposal(ProposalId(parse_id(id)?)).await?;
    if proposal.hidden.is_some() && !reads_all(user) {
        return Err(AppError::NotFound);
    }
    let process = visible_process(state, &proposal.process.0.to_string(), user, now).await?;
    Ok((process, proposal))
}

/// The published results, `None` before publication (a missing record is not an error).
pub async fn published_results(
    state: &AppState,
    process: &Process,
) -> Result<Option<civis_budget::ProcessResults>, AppError> {
    if process.results_published_at.is_none() {
        return Ok(None);
    }
    match state.store().results(process.id).await {
        Ok(r) => Ok(r),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A process as a line of a list or a heading: its title and phase in words.
#[derive(Debug, Clone)]
pub struct ProcessSummary {
    /// Its id, for links.
    pub id: i64,
    /// Its title in the page's language.
    pub title: String,
    /// The phase's stable name (`voting`), for styling.
    pub phase: &'static str,
    /// The phase in words.
    pub phase_name: String,
    /// The citywide budget, formatted.
    pub total: String,
}

impl ProcessSummary {
    /// The summary of `process` at `now`, in `l`'s language.
    pub fn new(l: &L10n, process: &Process, now: Timestamp) -> Self {
        let phase = process.phase_at(now);
        ProcessSummary {
            id: process.id.0,
            title: process.settings.title.get(l.lang.code()).to_owned(),
            phase: phase.as_str(),
            phase_name: l.t(phase_key(phase)),
            total: money(l.lang, process.settings.rules.budgets.total),
        }
    }
}

/// A proposal as a row of a list.
#[derive(Debug, Clone)]
pub struct ProposalRow {
    /// Its id, for links.
    pub id: i64,
    /// Its title (as the author wrote it).
    pub title: String,
    /// The cost shown: official once accepted, else the estimate; formatted.
    pub cost: String,
    /// District, or empty.
    pub district: String,
    /// Category, or empty.
    pub category: String,
    /// The review in words ("Accepted", "Rejected: reason", ...).
    pub status: String,
    /// How many residents support it.
    pub supports: u64,
    /// Set when hidden by moderators (only staff see such rows).
    pub hidden: Option<String>,
}

impl ProposalRow {
    /// The row of `p`, in `l`'s language.
    pub fn new(l: &L10n, p: &Proposal) -> Self {
        ProposalRow {
            id: p.id.0,
            title: p.draft.title.clone(),
            cost: money(l.lang, p.cost()),
            district: p.draft.district.clone().unwrap_or_default(),
            category: p.draft.category.clone().unwrap_or_default(),
            status: review_in_words(l, &p.review),
            supports: p.supports,
            hidden: p.hidden.clone(),
        }
    }
}

/// A review in words, with the public reason of a rejection.
pub fn review_in_words(l: &L10n, review: &Review) -> String {
    match review {
        Review::Pending => l.t("pb-review-pending"),
        Review::Accepted { .. } => l.t("pb-review-accepted"),
        Review::Rejected { reason } => l.t1("pb-review-rejected", "reason", reason.as_str()),
        Review::Merged { into } => l.t1("pb-review-merged", "into", into.0.to_string()),
    }
}
