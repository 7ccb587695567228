//! Voting (`/api/v1/processes/{id}/ballot`, `/paper-ballots/{user_id}`): residents cast and
//! replace their own ballot; officials enter paper ballots. The work is done by
//! [`crate::budget::ballots`]; `PUT …/ballot` is the hot path of a vote.

use axum::extract::State;
use axum::Json;
use civis_budget::ProcessId;
use civis_domain::UserId;

use super::extract::{ApiJson, ApiPath};
use super::wire_budget::{BallotReceipt, BallotRequest, BallotView};
use crate::auth::CurrentUser;
use crate::budget::{access, ballots};
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// Cast or replace your ballot (eligible residents, voting phase). The body is one of
/// `{"approvals": [ids]}`, `{"points": {"id": n}}` or `{"ranking": [ids]}`, as the
/// process's ballot format asks. Only the last ballot counts.
#[utoipa::path(put, path = "/api/v1/processes/{id}/ballot", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = BallotRequest,
    responses(
        (status = 200, description = "Cast; durable when this response is sent", body = BallotReceipt),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a resident, not eligible (the reason is given), or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the voting phase", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The ballot breaks the rules: one entry per problem, in plain words", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cast_ballot(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<BallotRequest>,
) -> Result<Json<BallotReceipt>, AppError> {
    access::require_resident(&current.user)?;
    let content = req.parse()?;
    let ballot =
        ballots::cast_online(&state, &current.user, ProcessId(id), content, state.now()).await?;
    Ok(Json(BallotReceipt::from(&ballot)))
}

/// Your counted ballot in the process.
#[utoipa::path(get, path = "/api/v1/processes/{id}/ballot", tag = "budget",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "Your ballot", body = BallotView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No ballot of yours (or no such process)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn own_ballot(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BallotView>, AppError> {
    let ballot = ballots::own(&state, &current.user, ProcessId(id), state.now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(BallotView::from(&ballot)))
}

/// Enter a paper ballot for a resident (officials and admins, voting phase): it replaces
/// any ballot of that resident, online or paper, and is audited as
/// `ballot.paper_entered`. A process with secret ballots refuses it: use
/// `POST /api/v1/processes/{id}/sealed-paper-ballots/{user_id}` there.
#[utoipa::path(put, path = "/api/v1/processes/{id}/paper-ballots/{user_id}", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("id" = i64, Path, description = "Process id"),
        ("user_id" = i64, Path, description = "The resident's account id"),
    ),
    request_body = BallotRequest,
    responses(
        (status = 200, description = "Entered", body = BallotReceipt),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, the resident is not eligible, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process or user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in the voting phase", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The ballot breaks the rules", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn enter_paper_ballot(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
    ApiJson(req): ApiJson<BallotRequest>,
) -> Result<Json<BallotReceipt>, AppError> {
    access::require_manager(&current.user)?;
    let content = req.parse()?;
    let ballot = ballots::cast_paper(
        &state,
        &current.user,
        ProcessId(id),
        UserId(user_id),
        content,
        state.now(),
    )
    .await?;
    Ok(Json(BallotReceipt::from(&ballot)))
}
