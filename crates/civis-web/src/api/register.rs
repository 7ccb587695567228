//! The resident register API: imports (officials with `register.import`),
//! searches (officials with `register.read`, each with a purpose and audited),
//! and officials' permissions (admins).

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::Json;
use civis_identity::Purpose;
use civis_store::register::RecordLookup;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use super::wire_register::{
    GrantList, GrantOutcome, GrantRequest, GrantView, ImportList, ImportRequest, ImportView,
    RecordView, SearchRequest,
};
use crate::auth::extract::{CurrentUser, ManageUsers};
use crate::auth::RequireRole;
use crate::error::{AppError, FieldError, Problem};
use crate::register::{self, grants, imports, records};
use crate::state::AppState;

/// Largest register file accepted, in bytes (the API's JSON and the page's upload).
pub const REGISTER_UPLOAD_LIMIT_BYTES: usize = 16 * 1024 * 1024;

/// The register routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import_register, list_imports))
        .layer(DefaultBodyLimit::max(REGISTER_UPLOAD_LIMIT_BYTES))
        .routes(routes!(search_register))
        .routes(routes!(list_grants, grant_permission))
        .routes(routes!(revoke_permission))
}

/// Import a register file (all or nothing).
#[utoipa::path(post, path = "/api/v1/register/imports", tag = "register",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = ImportRequest,
    responses(
        (status = 201, description = "Imported", body = ImportView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No register.import permission, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file's problems, each with `line`, `field` and `code`; nothing was imported", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import_register(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<ImportRequest>,
) -> Result<(StatusCode, Json<ImportView>), AppError> {
    let done = imports::import(&state, &user.user, &req.effective_date, &req.csv).await?;
    Ok((StatusCode::CREATED, Json(ImportView::from(&done))))
}

/// List imports, newest first.
#[utoipa::path(get, path = "/api/v1/register/imports", tag = "register",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The latest 100 imports", body = ImportList),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No register.import permission", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_imports(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<ImportList>, AppError> {
    register::require(
        &state,
        &user.user,
        civis_identity::Permission::RegisterImport,
    )
    .await?;
    let items = state
        .store()
        .list_register_imports(civis_store::Page::new(0, 100))
        .await?;
    Ok(Json(ImportList {
        items: items.iter().map(ImportView::from).collect(),
    }))
}

/// Find a record by personal code, saying why; the read is audited, found or not.
#[utoipa::path(post, path = "/api/v1/register/search", tag = "register",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = SearchRequest,
    responses(
        (status = 200, description = "The record with its versions", body = RecordView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No register.read permission, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No record with this code", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid personal code or purpose", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search_register(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<SearchRequest>,
) -> Result<Json<RecordView>, AppError> {
    register::require(&state, &user.user, civis_identity::Permission::RegisterRead).await?;
    let mut errors = Vec::new();
    let code = records::parse_code(&req.personal_code)
        .map_err(|p| {
            errors.push(FieldError::new("personal_code", p.to_string()).with_code(p.key()))
        })
        .ok();
    let purpose = Purpose::parse(&req.purpose, &req.purpose_text)
        .map_err(|p| {
            let field = if p == civis_identity::PurposeProblem::MissingText
                || p == civis_identity::PurposeProblem::BadText
            {
                "purpose_text"
            } else {
                "purpose"
            };
            errors.push(FieldError::new(field, p.to_string()).with_code(p.key()))
        })
        .ok();
    let (Some(code), Some(purpose)) = (code, purpose) else {
        return Err(AppError::Validation(errors));
    };
    let record = records::read(&state, &user.user, &RecordLookup::Code(code), &purpose)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(RecordView::from(&record)))
}

/// List officials' register permissions (admins).
#[utoipa::path(get, path = "/api/v1/register/grants", tag = "register",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Every grant", body = GrantList),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_grants(
    State(state): State<AppState>,
    _admin: RequireRole<ManageUsers>,
) -> Result<Json<GrantList>, AppError> {
    let grants = state.store().list_register_grants().await?;
    let mut items = Vec::with_capacity(grants.len());
    for g in &grants {
        let user = state.store().user_by_id(g.user_id).await?;
        items.push(GrantView::new(g, user.username.to_string()));
    }
    Ok(Json(GrantList { items }))
}

/// Grant an official a register permission (admins; audited).
#[utoipa::path(post, path = "/api/v1/register/grants", tag = "register",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = GrantRequest,
    responses(
        (status = 200, description = "Granted (`changed` false if already held)", body = GrantOutcome),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown account or permission, or not an official", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn grant_permission(
    State(state): State<AppState>,
    admin: RequireRole<ManageUsers>,
    ApiJson(req): ApiJson<GrantRequest>,
) -> Result<Json<GrantOutcome>, AppError> {
    let changed = grants::set(&state, &admin.user, &req.username, &req.permission, true).await?;
    Ok(Json(GrantOutcome { changed }))
}

/// Revoke an official's register permission (admins; audited).
#[utoipa::path(delete, path = "/api/v1/register/grants/{username}/{permission}", tag = "register",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("username" = String, Path, description = "The official"),
        ("permission" = String, Path, description = "`register.read`, `register.import` or `enrolment.in_person`"),
    ),
    responses(
        (status = 200, description = "Revoked (`changed` false if not held)", body = GrantOutcome),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown account or permission", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke_permission(
    State(state): State<AppState>,
    admin: RequireRole<ManageUsers>,
    ApiPath((username, permission)): ApiPath<(String, String)>,
) -> Result<Json<GrantOutcome>, AppError> {
    let changed = grants::set(&state, &admin.user, &username, &permission, false).await?;
    Ok(Json(GrantOutcome { changed }))
}
