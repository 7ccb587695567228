//! `/admin/register/grants`: admins grant officials register permissions and
//! revoke them (each change audited).

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use civis_identity::Permission;

use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::oidc_clients::Choice;
use crate::auth::extract::ManageUsers;
use crate::auth::RequireRole;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::register::grants;
use crate::state::AppState;

/// One grant as listed.
#[derive(Debug, Clone)]
pub struct GrantLine {
    /// The official's username.
    pub username: String,
    /// The permission's name.
    pub permission: &'static str,
    /// The permission, translated.
    pub label: String,
    /// When (UTC).
    pub granted_at: String,
}

/// `templates/register_grants.html`.
#[derive(Template)]
#[template(path = "register_grants.html")]
pub struct GrantsPage {
    /// The frame.
    pub c: Chrome,
    /// Errors of the grant form.
    pub errors: FormErrors,
    /// A confirmation.
    pub notice: Option<String>,
    /// Every grant.
    pub grants: Vec<GrantLine>,
    /// The username field.
    pub username: Field,
    /// The permission choices.
    pub permissions: Vec<Choice>,
    /// The permission error.
    pub permission_error: Option<String>,
}

fn permission_key(p: Permission) -> String {
    format!(
        "register-permission-{}",
        p.as_str().replace(['.', '_'], "-")
    )
}

async fn build(
    state: &AppState,
    c: Chrome,
    errors: FormErrors,
    notice: Option<String>,
    username: &str,
    permission: &str,
) -> Result<GrantsPage, AppError> {
    let l: L10n = c.l;
    let mut lines = Vec::new();
    for g in state.store().list_register_grants().await? {
        let user = state.store().user_by_id(g.user_id).await?;
        lines.push(GrantLine {
            username: user.username.to_string(),
            permission: g.permission.as_str(),
            label: l.t(&permission_key(g.permission)),
            granted_at: g.granted_at.to_string(),
        });
    }
    Ok(GrantsPage {
        username: Field::text(
            "username",
            l.t("register-grants-field-username"),
            username,
            &errors,
        ),
        permissions: Permission::ALL
            .into_iter()
            .map(|p| Choice {
                value: p.as_str(),
                label: l.t(&permission_key(p)),
                on: p.as_str() == permission,
            })
            .collect(),
        permission_error: errors.get("permission").map(str::to_owned),
        errors,
        notice,
        grants: lines,
        c,
    })
}

/// `GET /admin/register/grants`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    let page = build(&state, c, FormErrors::new(), None, "", "").await?;
    super::render(&page)
}

/// `POST /admin/register/grants` (`username`, `permission`, `action` = `grant` or
/// `revoke`): changes a grant and shows the list again.
pub async fn change(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
    body: Bytes,
) -> Result<Response, AppError> {
    let (mut username, mut permission, mut action) = (String::new(), String::new(), String::new());
    for (k, v) in url::form_urlencoded::parse(&body) {
        match k.as_ref() {
            "username" => username = v.into_owned(),
            "permission" => permission = v.into_owned(),
            "action" => action = v.into_owned(),
            _ => {}
        }
    }
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    let l = c.l;
    let grant = action != "revoke";
    match grants::set(&state, &admin.user, &username, &permission, grant).await {
        Ok(_) => {
            let key = if grant {
                "register-grants-granted"
            } else {
                "register-grants-revoked"
            };
            let notice = Some(l.t1(key, "username", username.trim().to_owned()));
            let page = build(&state, c, FormErrors::new(), notice, "", "").await?;
            super::render(&page)
        }
        Err(AppError::Validation(fields)) => {
            let mut errors = FormErrors::new();
            for f in fields {
                let key = format!("register-grants-{}", f.code.as_deref().unwrap_or("invalid"));
                errors.add(f.field, l.t(&key));
            }
            let page = build(&state, c, errors, None, &username, &permission).await?;
            super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}
