//! Client services of the OpenID Connect provider (admins only): list,
//! register, read, change, new secret. Every change is audited.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use civis_oidc::ClientId;

use super::extract::{ApiJson, ApiPath};
use super::wire_oidc::{ClientList, ClientRequest, ClientView, ClientWithSecret};
use crate::auth::extract::ManageUsers;
use crate::auth::RequireRole;
use crate::error::{AppError, Problem};
use crate::oidc::clients;
use crate::state::AppState;

fn parse_id(id: &str) -> Result<ClientId, AppError> {
    ClientId::parse(id).map_err(|_| AppError::NotFound)
}

/// List the registered client services.
#[utoipa::path(get, path = "/api/v1/oidc/clients", tag = "oidc",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Every client", body = ClientList),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_clients(
    State(state): State<AppState>,
    _admin: RequireRole<ManageUsers>,
) -> Result<Json<ClientList>, AppError> {
    let items = state.store().list_oidc_clients().await?;
    Ok(Json(ClientList {
        items: items.iter().map(ClientView::from).collect(),
    }))
}

/// Register a client service. A confidential client's secret is in the answer, once.
#[utoipa::path(post, path = "/api/v1/oidc/clients", tag = "oidc",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = ClientRequest,
    responses(
        (status = 201, description = "Registered", body = ClientWithSecret),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Client id taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_client(
    State(state): State<AppState>,
    admin: RequireRole<ManageUsers>,
    ApiJson(req): ApiJson<ClientRequest>,
) -> Result<(StatusCode, Json<ClientWithSecret>), AppError> {
    let (client, secret) =
        clients::register(&state, &admin.user, &req.client_id, &req.draft()).await?;
    Ok((
        StatusCode::CREATED,
        Json(ClientWithSecret {
            client: ClientView::from(&client),
            client_secret: secret,
        }),
    ))
}

/// Read one client service.
#[utoipa::path(get, path = "/api/v1/oidc/clients/{client_id}", tag = "oidc",
    security(("session_cookie" = [])),
    params(("client_id" = String, Path, description = "The client id")),
    responses(
        (status = 200, description = "The client", body = ClientView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_client(
    State(state): State<AppState>,
    _admin: RequireRole<ManageUsers>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ClientView>, AppError> {
    let client = state.store().oidc_client(&parse_id(&id)?).await?;
    Ok(Json(ClientView::from(&client)))
}

/// Change a client service's registration (the client id stays).
#[utoipa::path(put, path = "/api/v1/oidc/clients/{client_id}", tag = "oidc",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("client_id" = String, Path, description = "The client id")),
    request_body = ClientRequest,
    responses(
        (status = 200, description = "Changed; a secret if one was just issued", body = ClientWithSecret),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_client(
    State(state): State<AppState>,
    admin: RequireRole<ManageUsers>,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<ClientRequest>,
) -> Result<Json<ClientWithSecret>, AppError> {
    let id = parse_id(&id)?;
    let (client, secret) = clients::update(&state, &admin.user, &id, &req.draft()).await?;
    Ok(Json(ClientWithSecret {
        client: ClientView::from(&client),
        client_secret: secret,
    }))
}

/// Replace a confidential client's secret; the old one stops working at once.
#[utoipa::path(post, path = "/api/v1/oidc/clients/{client_id}/secret", tag = "oidc",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("client_id" = String, Path, description = "The client id")),
    responses(
        (status = 200, description = "The new secret, shown once", body = ClientWithSecret),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A public client has no secret", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reset_client_secret(
    State(state): State<AppState>,
    admin: RequireRole<ManageUsers>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ClientWithSecret>, AppError> {
    let id = parse_id(&id)?;
    let secret = clients::reset_secret(&state, &admin.user, &id).await?;
    let client = state.store().oidc_client(&id).await?;
    Ok(Json(ClientWithSecret {
        client: ClientView::from(&client),
        client_secret: Some(secret),
    }))
}
