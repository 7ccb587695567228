//! Administration of accounts: the list with paging, creating an account, changing a role.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use civis_domain::{DisplayName, PasswordHash, Role, User, UserId, Username};
use civis_store::{Change, NewUser, Page, StoreError, UserFilter};
use serde::Deserialize;

use super::dates::show_date;
use super::form::{Field, FormErrors};
use super::layout::{role_key, Chrome};
use super::messages;
use super::paging::Paging;
use crate::auth::extract::ManageUsers;
use crate::auth::{password, RequireRole};
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// Accounts per page.
pub const PER_PAGE: u32 = 20;

/// A role as an `<option>`.
#[derive(Debug, Clone)]
pub struct RoleOption {
    /// The stable name (`resident`, ...).
    pub value: &'static str,
    /// The translated name.
    pub label: String,
}

/// One row of the users table.
#[derive(Debug, Clone)]
pub struct UserRow {
    /// Store id, for the change-role form.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// The role's stable name.
    pub role: &'static str,
    /// Creation date.
    pub created_at: String,
    /// The error about this row's change-role form, if any.
    pub error: Option<String>,
}

impl From<&User> for UserRow {
    fn from(u: &User) -> Self {
        UserRow {
            id: u.id.0,
            username: u.username.to_string(),
            display_name: u.display_name.to_string(),
            role: u.role.as_str(),
            created_at: show_date(u.created_at),
            error: None,
        }
    }
}

/// `templates/admin_users.html`.
#[derive(Template)]
#[template(path = "admin_users.html")]
pub struct UsersPage {
    /// The page frame.
    pub c: Chrome,
    /// A confirmation of the last change, if any.
    pub notice: Option<String>,
    /// Errors of the submitted form (create or change role).
    pub errors: FormErrors,
    /// Table caption.
    pub caption: String,
    /// This page of accounts.
    pub users: Vec<UserRow>,
    /// Every role, for the selects.
    pub roles: Vec<RoleOption>,
    /// "Page 1 of 3".
    pub page_status: String,
    /// Link to the previous page.
    pub prev_href: Option<String>,
    /// Link to the next page.
    pub next_href: Option<String>,
    /// New account: username.
    pub username: Field,
    /// New account: display name.
    pub display_name: Field,
    /// New account: initial password.
    pub password: Field,
    /// New account: selected role.
    pub new_role: String,
    /// New account: error about the role.
    pub role_error: Option<String>,
}

/// `?page=` and the confirmations after a change.
#[derive(Debug, Default, Deserialize)]
pub struct UsersQuery {
    /// 1-based page number.
    pub page: Option<String>,
    /// Username of an account just created.
    pub created: Option<String>,
    /// Username of an account whose role just changed.
    pub changed: Option<String>,
}

/// The create-account form.
#[derive(Debug, Default, Deserialize)]
pub struct CreateForm {
    /// Login name.
    #[serde(default)]
    pub username: String,
    /// Name shown to others.
    #[serde(default)]
    pub display_name: String,
    /// Stable role name.
    #[serde(default)]
    pub role: String,
    /// Initial password.
    #[serde(default)]
    pub password: String,
}

/// The change-role form.
#[derive(Debug, Deserialize)]
pub struct RoleForm {
    /// Stable role name.
    #[serde(default)]
    pub role: String,
}

fn role_options(l: &L10n) -> Vec<RoleOption> {
    Role::ALL
        .into_iter()
        .map(|r| RoleOption {
            value: r.as_str(),
            label: l.t(role_key(r)),
        })
        .collect()
}

/// Everything the page shows apart from the frame: fetched fresh for each render.
async fn build_page(
    state: &AppState,
    c: Chrome,
    page: Option<&str>,
    notice: Option<String>,
    errors: FormErrors,
    create: &CreateForm,
) -> Result<UsersPage, AppError> {
    let l = c.l;
    let store = state.store();
    let total = store.count_users(UserFilter::default()).await?;
    let paging = Paging::new(page, total, PER_PAGE);
    let users = store
        .list_users(
            UserFilter::default(),
            Page::new(paging.offset(), paging.per_page),
        )
        .await?
        .iter()
        .map(|u| UserRow {
            error: errors.get(&format!("role-{}", u.id)).map(str::to_owned),
            ..UserRow::from(u)
        })
        .collect();
    Ok(UsersPage {
        notice,
        caption: l.t1("users-caption", "total", total),
        users,
        roles: role_options(&l),
        page_status: paging.status(&l),
        prev_href: paging.prev_href("/admin/users", ""),
        next_href: paging.next_href("/admin/users", ""),
        username: Field::text("username", l.t("field-username"), &create.username, &errors)
            .hint(l.t("hint-username")),
        display_name: Field::text(
            "display_name",
            l.t("field-display-name"),
            &create.display_name,
            &errors,
        )
        .hint(l.t("hint-display-name")),
        password: Field::password("password", l.t("field-password"), &errors)
            .autocomplete("new-password")
            .hint(l.t("hint-initial-password")),
        new_role: if create.role.is_empty() {
            Role::Resident.as_str().to_owned()
        } else {
            create.role.clone()
        },
        role_error: errors.get("role").map(str::to_owned),
        errors,
        c,
    })
}

/// `GET /admin/users`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
    Query(q): Query<UsersQuery>,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    let notice = notice(&state, &c.l, &q).await?;
    let page = build_page(
        &state,
        c,
        q.page.as_deref(),
        notice,
        FormErrors::new(),
        &CreateForm::default(),
    )
    .await?;
    super::render(&page)
}

/// The confirmation named by `?created=` or `?changed=`, for an account that exists.
async fn notice(state: &AppState, l: &L10n, q: &UsersQuery) -> Result<Option<String>, AppError> {
    let (key, name) = match (&q.created, &q.changed) {
        (Some(name), _) => ("users-created-notice", name),
        (None, Some(name)) => ("users-role-changed-notice", name),
        (None, None) => return Ok(None),
    };
    let Ok(username) = Username::parse(name) else {
        return Ok(None);
    };
    let user = match state.store().user_by_username(&username).await {
        Ok(user) => user,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(Some(l.t2(
        key,
        ("name", user.username.to_string()),
        ("role", l.t(role_key(user.role))),
    )))
}

/// `POST /admin/users`: creates an account, or shows the page again with the errors.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
    Form(form): Form<CreateForm>,
) -> Result<Response, AppError> {
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    let username = messages::parse_username(&l, &form.username)
        .map_err(|e| errors.add("username", e))
        .ok();
    let display_name = DisplayName::parse(&form.display_name)
        .map_err(|e| errors.add("display_name", messages::display_name_error(&l, &e)))
        .ok();
    let role = Role::parse(&form.role)
        .map_err(|_| errors.add("role", l.t("error-role-invalid")))
        .ok();
    let password_value = messages::parse_password(&l, &form.password)
        .map_err(|e| errors.add("password", e))
        .ok();
    if let (true, Some(username), Some(display_name), Some(role), Some(password_value)) = (
        errors.is_empty(),
        username,
        display_name,
        role,
        password_value,
    ) {
        let hash = password::hash(password_value.expose().to_owned()).await?;
        let new = NewUser {
            username,
            display_name,
            role,
            password_hash: Some(PasswordHash::new(hash)),
        };
        match state
            .store()
            .create_user(&new, Change::by(admin.user.id, state.now()))
            .await
        {
            Ok(user) => {
                let to = format!("/admin/users?created={}", user.username);
                return Ok(Redirect::to(&to).into_response());
            }
            Err(StoreError::Conflict { .. }) => {
                errors.add("username", l.t("error-username-taken"));
            }
            Err(other) => return Err(other.into()),
        }
    }
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    let kept = CreateForm {
        username: form.username.trim().to_owned(),
        ..form
    };
    let page = build_page(&state, c, None, None, errors, &kept).await?;
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// `POST /admin/users/{id}/role`: changes an account's role (never the admin's own).
pub async fn change_role(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
    Path(id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let l = L10n::new(lang);
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let target = state.store().user_by_id(UserId(id)).await?;
    let field = format!("role-{id}");
    let mut errors = FormErrors::new();
    match Role::parse(&form.role) {
        Err(_) => errors.add(field, l.t("error-role-invalid")),
        Ok(_) if target.id == admin.user.id => errors.add(field, l.t("error-role-own")),
        Ok(role) => {
            let updated = state
                .store()
                .set_user_role(target.id, role, Change::by(admin.user.id, state.now()))
                .await?;
            let to = format!("/admin/users?changed={}", updated.username);
            return Ok(Redirect::to(&to).into_response());
        }
    }
    // The form was on the users page; show that page again, with the error.
    let list_uri: Uri = "/admin/users".parse().unwrap_or(uri);
    let c = Chrome::new(lang, &list_uri, Some(&admin.user), admin.csrf_token.clone());
    let page = build_page(&state, c, None, None, errors, &CreateForm::default()).await?;
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
