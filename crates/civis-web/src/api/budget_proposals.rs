//! Proposals (`/api/v1/processes/{id}/proposals`, `/api/v1/proposals/{id}`): residents
//! submit, edit and support them; officials review and moderate them; everyone reads them
//! and the projects on the ballot. The work is done by [`crate::budget::proposals`].

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use civis_budget::{ProcessId, ProposalId};

use super::extract::{ApiJson, ApiPath};
use super::wire_budget::{
    ModerationRequest, ProjectView, ProposalRequest, ProposalView, ReviewRequest, SupportView,
};
use crate::auth::{CurrentUser, MaybeUser};
use crate::budget::{access, proposals};
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// List a process's proposals in submission order (hidden ones only for their authors and
/// for officials, admins and auditors).
#[utoipa::path(get, path = "/api/v1/processes/{id}/proposals", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The proposals", body = [ProposalView]),
        (status = 404, description = "No such process (or not yet public)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_proposals(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<ProposalView>>, AppError> {
    let now = state.now();
    let viewer = who.user.as_ref();
    let (process, list) = proposals::list(&state, viewer, ProcessId(id), now).await?;
    let budgets = &process.settings.rules.budgets;
    Ok(Json(
        list.iter()
            .map(|p| ProposalView::new(p, budgets, viewer.map(|u| u.id)))
            .collect(),
    ))
}

/// Submit a proposal (eligible residents, proposals phase).
#[utoipa::path(post, path = "/api/v1/processes/{id}/proposals", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = ProposalRequest,
    responses(
        (status = 201, description = "Submitted", body = ProposalView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a resident, not eligible, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the proposals phase", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit_proposal(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ProposalRequest>,
) -> Result<(StatusCode, Json<ProposalView>), AppError> {
    access::require_resident(&current.user)?;
    let draft = req.parse()?;
    let now = state.now();
    let p = proposals::submit(&state, &current.user, ProcessId(id), &draft, now).await?;
    let process = state.store().process(p.process).await?;
    Ok((
        StatusCode::CREATED,
        Json(ProposalView::new(
            &p,
            &process.settings.rules.budgets,
            Some(current.user.id),
        )),
    ))
}

/// Read a proposal.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "budget",
    params(("id" = i64, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "The proposal", body = ProposalView),
        (status = 404, description = "No such proposal (or hidden)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_proposal(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ProposalView>, AppError> {
    let viewer = who.user.as_ref();
    let (p, process) = proposals::visible(&state, viewer, ProposalId(id), state.now()).await?;
    Ok(Json(ProposalView::new(
        &p,
        &process.settings.rules.budgets,
        viewer.map(|u| u.id),
    )))
}

/// Edit your own proposal (proposals phase).
#[utoipa::path(put, path = "/api/v1/proposals/{id}", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Proposal id")),
    request_body = ProposalRequest,
    responses(
        (status = 200, description = "The edited proposal", body = ProposalView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your proposal, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the proposals phase", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn edit_proposal(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ProposalRequest>,
) -> Result<Json<ProposalView>, AppError> {
    access::require_resident(&current.user)?;
    let draft = req.parse()?;
    let now = state.now();
    let p = proposals::edit(&state, &current.user, ProposalId(id), &draft, now).await?;
    let process = state.store().process(p.process).await?;
    Ok(Json(ProposalView::new(
        &p,
        &process.settings.rules.budgets,
        Some(current.user.id),
    )))
}

/// Support a proposal (eligible residents, support phase); supporting twice changes
/// nothing.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/support", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Proposal id")),
    responses(
        (status = 200, description = "Supported", body = SupportView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a resident, not eligible, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the support phase", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn support_proposal(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SupportView>, AppError> {
    let (p, added) = proposals::support(&state, &current.user, ProposalId(id), state.now()).await?;
    Ok(Json(SupportView {
        proposal_id: p.id.0,
        added,
        supports: p.supports,
    }))
}

/// Review a proposal (officials and admins, support or review phase): accept with an
/// official cost, reject with a public reason, or merge into another proposal. Audited
/// as `proposal.reviewed`.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/review", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Proposal id")),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "The reviewed proposal", body = ProposalView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the support or review phase", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn review_proposal(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<ProposalView>, AppError> {
    access::require_manager(&current.user)?;
    let review = req.parse()?;
    let now = state.now();
    let p = proposals::review(&state, &current.user, ProposalId(id), &review, now).await?;
    let process = state.store().process(p.process).await?;
    Ok(Json(ProposalView::new(
        &p,
        &process.settings.rules.budgets,
        Some(current.user.id),
    )))
}

/// Hide a proposal with a reason, or show it again (officials and admins). Audited as
/// `proposal.moderated`. Projects on the ballot cannot change once voting has opened.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/moderation", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Proposal id")),
    request_body = ModerationRequest,
    responses(
        (status = 200, description = "The moderated proposal", body = ProposalView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A project on the ballot, and voting has opened", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn moderate_proposal(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ModerationRequest>,
) -> Result<Json<ProposalView>, AppError> {
    access::require_manager(&current.user)?;
    let reason = if req.hidden {
        Some(req.reason.as_deref().unwrap_or_default().trim())
    } else {
        None
    };
    let now = state.now();
    let p = proposals::moderate(&state, &current.user, ProposalId(id), reason, now).await?;
    let process = state.store().process(p.process).await?;
    Ok(Json(ProposalView::new(
        &p,
        &process.settings.rules.budgets,
        Some(current.user.id),
    )))
}

/// The projects on the ballot (accepted, not hidden), with their official cost and unit.
#[utoipa::path(get, path = "/api/v1/processes/{id}/projects", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The projects on the ballot", body = [ProjectView]),
        (status = 404, description = "No such process (or not yet public)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_projects(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<ProjectView>>, AppError> {
    let now = state.now();
    let viewer = who.user.as_ref();
    let (process, list) = proposals::projects(&state, viewer, ProcessId(id), now).await?;
    let budgets = &process.settings.rules.budgets;
    Ok(Json(
        list.iter().map(|p| ProjectView::new(p, budgets)).collect(),
    ))
}
