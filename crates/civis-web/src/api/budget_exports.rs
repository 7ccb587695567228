//! Open data of a published process (`/api/v1/processes/{id}/pabulib`, `export.csv`,
//! `export.json`): `404` until the results are published, so no export shows counts
//! earlier. The documents are made once, when the results are published, and served
//! from the store ([`crate::budget::exports`]).

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use civis_budget::ProcessId;
use serde::Deserialize;
use utoipa::IntoParams;

use super::extract::{ApiPath, ApiQuery};
use crate::auth::MaybeUser;
use crate::budget::exports;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// Which budget unit to export.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// `citywide`, `district:<name>` or `category:<name>`; needed when the process has
    /// several budget units.
    pub unit: Option<String>,
}

fn file(content_type: &'static str, file_name: &str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// The Pabulib file (`.pb`) of a published process's budget unit: projects with
/// `selected` filled in and the anonymous ballots.
#[utoipa::path(get, path = "/api/v1/processes/{id}/pabulib", tag = "budget",
    params(("id" = i64, Path, description = "Process id"), UnitQuery),
    responses(
        (status = 200, description = "The Pabulib file", body = String, content_type = "text/plain"),
        (status = 404, description = "Not published (or no such process)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Several budget units and no (or an unknown) `unit`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn pabulib(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<UnitQuery>,
) -> Result<Response, AppError> {
    let f = exports::pabulib(
        &state,
        who.user.as_ref(),
        ProcessId(id),
        q.unit,
        state.now(),
    )
    .await?;
    Ok(file("text/plain; charset=utf-8", &f.file_name, f.text))
}

/// The projects of a published process with their cost, votes and whether funded, as
/// CSV.
#[utoipa::path(get, path = "/api/v1/processes/{id}/export.csv", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The CSV file", body = String, content_type = "text/csv"),
        (status = 404, description = "Not published (or no such process)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_csv(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let f = exports::csv(&state, who.user.as_ref(), ProcessId(id), state.now()).await?;
    Ok(file("text/csv; charset=utf-8", &f.file_name, f.text))
}

/// A published process as JSON: the process, projects with figures, results and the
/// anonymous ballots.
#[utoipa::path(get, path = "/api/v1/processes/{id}/export.json", tag = "budget",
    params(("id" = i64, Path, description = "Process id")),
    responses(
        (status = 200, description = "The JSON document", body = Object, content_type = "application/json"),
        (status = 404, description = "Not published (or no such process)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_json(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let f = exports::json(&state, who.user.as_ref(), ProcessId(id), state.now()).await?;
    Ok(file("application/json", &f.file_name, f.text))
}
