//! Accounts: list and read (officials, admins, auditors; residents only themselves),
//! create and change role (admins). Every change is audited by the store in the same
//! transaction.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use civis_domain::{DisplayName, Password, PasswordHash, Role, Username};
use civis_store::{Change, NewUser, Page, UserFilter};

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::wire::{ChangeRoleRequest, CreateUserRequest, Fields, UserList, UserQuery, UserView};
use crate::auth::extract::{ManageUsers, ReadAll};
use crate::auth::{password, CurrentUser, RequireRole};
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// List accounts, by username.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    security(("session_cookie" = [])),
    params(UserQuery),
    responses(
        (status = 200, description = "One page of users", body = UserList),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Residents may not list users", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_users(
    State(state): State<AppState>,
    _who: RequireRole<ReadAll>,
    ApiQuery(q): ApiQuery<UserQuery>,
) -> Result<Json<UserList>, AppError> {
    let mut fields = Fields::default();
    let role = match q.role.as_deref() {
        Some(r) => fields.take("role", Role::parse(r)),
        None => None,
    };
    fields.finish()?;
    let filter = UserFilter {
        role,
        disabled: None,
    };
    let page = Page::new(q.offset.unwrap_or(0), q.limit.unwrap_or(50));
    let users = state.store().list_users(filter, page).await?;
    let total = state.store().count_users(filter).await?;
    Ok(Json(UserList {
        items: users.iter().map(UserView::from).collect(),
        total,
        offset: page.offset,
        limit: page.limit,
    }))
}

/// Read one account. Residents may read only their own; others' accounts are `404`.
#[utoipa::path(get, path = "/api/v1/users/{username}", tag = "users",
    security(("session_cookie" = [])),
    params(("username" = String, Path, description = "Login name")),
    responses(
        (status = 200, description = "The user", body = UserView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user (or not yours to see)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_user(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiPath(username): ApiPath<String>,
) -> Result<Json<UserView>, AppError> {
    let name = Username::parse(&username).map_err(|_| AppError::NotFound)?;
    if name != current.user.username && !current.user.role.can_read_all() {
        return Err(AppError::NotFound);
    }
    let user = state.store().user_by_username(&name).await?;
    if !civis_domain::permissions::may_read_user(&current.user, user.id) {
        return Err(AppError::NotFound);
    }
    Ok(Json(UserView::from(&user)))
}

/// Create an account with any role (admins). Recorded as `user.created`.
#[utoipa::path(post, path = "/api/v1/users", tag = "users",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Created", body = UserView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Username taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_user(
    State(state): State<AppState>,
    admin: RequireRole<ManageUsers>,
    ApiJson(req): ApiJson<CreateUserRequest>,
) -> Result<(StatusCode, Json<UserView>), AppError> {
    let user = create_user_as(&state, &admin.user, &req).await?;
    Ok((StatusCode::CREATED, Json(UserView::from(&user))))
}

/// Creates an account on behalf of `actor` (parsing every field before storing anything).
pub async fn create_user_as(
    state: &AppState,
    actor: &civis_domain::User,
    req: &CreateUserRequest,
) -> Result<civis_domain::User, AppError> {
    let mut fields = Fields::default();
    let username = fields.take("username", Username::parse(&req.username));
    let password_value = fields.take("password", Password::parse(&req.password));
    let display_name = fields.take(
        "display_name",
        DisplayName::parse(req.display_name.as_deref().unwrap_or(&req.username)),
    );
    let role = fields.take("role", Role::parse(&req.role));
    fields.finish()?;
    let (Some(username), Some(password_value), Some(display_name), Some(role)) =
        (username, password_value, display_name, role)
    else {
        return Err(AppError::Internal(anyhow::anyhow!("parsed fields missing")));
    };
    let hash = password::hash(password_value.expose().to_owned()).await?;
    let new = NewUser {
        username,
        display_name,
        role,
        password_hash: Some(PasswordHash::new(hash)),
    };
    Ok(state
        .store()
        .create_user(&new, Change::by(actor.id, state.now()))
        .await?)
}

/// Change an account's role (admins). Recorded as `user.role_changed`. Admins cannot
/// change their own role, so that an installation always keeps an admin.
#[utoipa::path(put, path = "/api/v1/users/{username}/role", tag = "users",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("username" = String, Path, description = "Login name")),
    request_body = ChangeRoleRequest,
    responses(
        (status = 200, description = "The updated user", body = UserView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or missing X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Admins cannot change their own role", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown role", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_role(
    State(state): State<AppState>,
    admin: RequireRole<ManageUsers>,
    ApiPath(username): ApiPath<String>,
    ApiJson(req): ApiJson<ChangeRoleRequest>,
) -> Result<Json<UserView>, AppError> {
    let role = Role::parse(&req.role).map_err(|e| AppError::field("role", e.to_string()))?;
    let name = Username::parse(&username).map_err(|_| AppError::NotFound)?;
    let target = state.store().user_by_username(&name).await?;
    if target.id == admin.user.id {
        return Err(AppError::Conflict {
            field: Some("role".to_owned()),
            detail: "Admins cannot change their own role.".to_owned(),
        });
    }
    let updated = state
        .store()
        .set_user_role(target.id, role, Change::by(admin.user.id, state.now()))
        .await?;
    Ok(Json(UserView::from(&updated)))
}
