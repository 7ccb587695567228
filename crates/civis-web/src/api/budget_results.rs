//! Results, implementation reports and resident profiles: officials publish results
//! (counting phase) and report on funded projects; everyone reads published results.
//! The work is done by [`crate::budget::results`], [`crate::budget::implementation`] and
//! [`crate::budget::residents`].

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use civis_budget::{ProcessId, ProposalId};
use civis_domain::UserId;

use super::extract::{ApiJson, ApiPath};
use super::wire_budget::{
    ImplementationRequest, ImplementationView, ResidentProfileWire, ResultsView,
};
use crate::auth::{CurrentUser, MaybeUser};
use crate::budget::{access, implementation, residents, results};
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// Compute the outcome with the frozen rule and publish it (officials and admins,
/// counting phase). Audited as `results.published`.
#[utoipa::path(post, path = "/api/v1/processes/{id}/results", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 201, description = "Published", body = ResultsView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the counting phase, or already published", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn publish_results(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<(StatusCode, Json<ResultsView>), AppError> {
    let process = ProcessId(id);
    let r = results::publish(&state, &current.user, process, state.now()).await?;
    let p = state.store().process(process).await?;
    let proposals = state.store().list_proposals(process).await?;
    let figures = crate::budget::exports::participation_of(&state, &p).await?;
    Ok((
        StatusCode::CREATED,
        Json(ResultsView::new(process, &r, &proposals, &figures)),
    ))
}

/// The published results: funded projects and each budget unit's outcome.
#[utoipa::path(get, path = "/api/v1/processes/{id}/results", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The results", body = ResultsView),
        (status = 404, description = "Not published (or no such process)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_results(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ResultsView>, AppError> {
    let process = ProcessId(id);
    let (p, r) = results::published(&state, who.user.as_ref(), process, state.now()).await?;
    let proposals = state.store().list_proposals(process).await?;
    let figures = crate::budget::exports::participation_of(&state, &p).await?;
    Ok(Json(ResultsView::new(process, &r, &proposals, &figures)))
}

/// Report on a funded project's implementation (officials and admins, once results are
/// published). Audited as `implementation.updated`.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/implementation", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Proposal (project) id")),
    request_body = ImplementationRequest,
    responses(
        (status = 201, description = "Reported", body = ImplementationView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Results not published yet", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or the project was not funded", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn report_implementation(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ImplementationRequest>,
) -> Result<(StatusCode, Json<ImplementationView>), AppError> {
    access::require_manager(&current.user)?;
    let (status, progress) = req.parse()?;
    let update = implementation::report(
        &state,
        &current.user,
        ProposalId(id),
        status,
        progress,
        &req.note,
        state.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(ImplementationView::from(&update))))
}

/// A process's implementation reports, oldest first.
#[utoipa::path(get, path = "/api/v1/processes/{id}/implementation", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The reports", body = [ImplementationView]),
        (status = 404, description = "No such process (or not yet public)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_implementation(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<ImplementationView>>, AppError> {
    let list = implementation::list(&state, who.user.as_ref(), ProcessId(id), state.now()).await?;
    Ok(Json(list.iter().map(ImplementationView::from).collect()))
}

/// Set a resident's district and birth date (officials and admins), which eligibility
/// and participation figures use. Once any process names districts (district budgets
/// or eligibility), the district must be one of them (or the one already recorded); the
/// birth date must be a real date, not in the future. Audited as
/// `resident.profile_changed`.
#[utoipa::path(put, path = "/api/v1/users/{id}/resident-profile", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Account id")),
    request_body = ResidentProfileWire,
    responses(
        (status = 200, description = "The profile", body = ResidentProfileWire),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: a district no process names, a birth date that is not a date or is in the future", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn set_resident_profile(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ResidentProfileWire>,
) -> Result<Json<ResidentProfileWire>, AppError> {
    let profile = req.parse();
    let saved =
        residents::set_profile(&state, &current.user, UserId(id), &profile, state.now()).await?;
    Ok(Json(ResidentProfileWire::from(&saved)))
}

/// A resident's district and birth date: your own, or anyone's for officials, admins and
/// auditors.
#[utoipa::path(get, path = "/api/v1/users/{id}/resident-profile", tag = "budget",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The profile", body = ResidentProfileWire),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user (or not yours to see)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_resident_profile(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ResidentProfileWire>, AppError> {
    let profile = residents::profile(&state, &current.user, UserId(id)).await?;
    Ok(Json(ResidentProfileWire::from(&profile)))
}
