//! Participatory budgeting processes (`/api/v1/processes`): list and read (everyone;
//! upcoming ones only officials, admins and auditors), create and edit (officials and
//! admins; edits until voting opens). The work is done by [`crate::budget::processes`].

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use civis_budget::ProcessId;

use super::extract::{ApiJson, ApiPath};
use super::wire_budget::{ProcessSettingsWire, ProcessSummary, ProcessView};
use crate::auth::{CurrentUser, MaybeUser};
use crate::budget::processes;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::state::AppState;

/// List processes, newest first, with their id, title (in the request's language) and
/// phase.
#[utoipa::path(get, path = "/api/v1/processes", tag = "budget",
    responses(
        (status = 200, description = "The processes you may see", body = [ProcessSummary]),
    ))]
pub async fn list_processes(
    State(state): State<AppState>,
    who: MaybeUser,
    lang: Lang,
) -> Result<Json<Vec<ProcessSummary>>, AppError> {
    let now = state.now();
    let list = processes::list(&state, who.user.as_ref(), now).await?;
    Ok(Json(
        list.iter()
            .map(|(p, phase)| ProcessSummary::new(p, *phase, lang))
            .collect(),
    ))
}

/// Create a process (officials and admins). Audited as `process.created`.
#[utoipa::path(post, path = "/api/v1/processes", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = ProcessSettingsWire,
    responses(
        (status = 201, description = "Created", body = ProcessView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid settings, one entry per field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_process(
    State(state): State<AppState>,
    current: CurrentUser,
    lang: Lang,
    ApiJson(req): ApiJson<ProcessSettingsWire>,
) -> Result<(StatusCode, Json<ProcessView>), AppError> {
    crate::budget::access::require_manager(&current.user)?;
    let settings = req.parse()?;
    let now = state.now();
    let process = processes::create(&state, &current.user, &settings, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(ProcessView::of_process(&process, now, lang)),
    ))
}

/// Read a process: settings, phase, rules digest, ballot count.
#[utoipa::path(get, path = "/api/v1/processes/{id}", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The process", body = ProcessView),
        (status = 404, description = "No such process (or not yet public)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_process(
    State(state): State<AppState>,
    who: MaybeUser,
    lang: Lang,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ProcessView>, AppError> {
    let overview = processes::get(&state, who.user.as_ref(), ProcessId(id), state.now()).await?;
    Ok(Json(ProcessView::new(&overview, lang)))
}

/// Replace a process's settings (officials and admins) until voting opens. Audited as
/// `process.changed`.
#[utoipa::path(put, path = "/api/v1/processes/{id}", tag = "budget",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, description = "Process id")),
    request_body = ProcessSettingsWire,
    responses(
        (status = 200, description = "The changed process", body = ProcessView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official or admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Voting has opened: the rules are frozen", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid settings, one entry per field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_process(
    State(state): State<AppState>,
    current: CurrentUser,
    lang: Lang,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ProcessSettingsWire>,
) -> Result<Json<ProcessView>, AppError> {
    crate::budget::access::require_manager(&current.user)?;
    let settings = req.parse()?;
    let now = state.now();
    let process = processes::update(&state, &current.user, ProcessId(id), &settings, now).await?;
    let overview = processes::get(&state, Some(&current.user), process.id, now).await?;
    Ok(Json(ProcessView::new(&overview, lang)))
}
