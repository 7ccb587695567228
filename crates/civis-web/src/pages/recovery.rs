//! Account recovery pages: `/admin/recovery` for officials holding
//! `enrolment.in_person` (issue a code after checking a document; the code is
//! shown once on a printable page) and `/recover` for residents (username and
//! code, optionally a new password; then `/account/security`).

use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use civis_domain::{AuthMethod, AuthMethods};
use civis_identity::codes::DOCUMENT_TYPES;
use civis_identity::Permission;
use serde::Deserialize;

use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::oidc_clients::Choice;
use crate::api::session::session_cookie;
use crate::auth::device::UserAgent;
use crate::auth::extract::AuthContext;
use crate::auth::rate_limit::ClientIp;
use crate::auth::{session, CurrentUser, MaybeUser};
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::register;
use crate::register::enrolment::Refusal;
use crate::register::recovery::{self, RecoverRefusal};
use crate::state::AppState;

/// Where a recovered resident lands: to set a password, passkey or app.
pub const AFTER_RECOVERY: &str = "/account/security";

/// `templates/recovery_issue.html`: the official's form.
#[derive(Template)]
#[template(path = "recovery_issue.html")]
pub struct IssuePage {
    /// The frame.
    pub c: Chrome,
    /// Errors.
    pub errors: FormErrors,
    /// Username field.
    pub username: Field,
    /// Document types.
    pub documents: Vec<Choice>,
}

/// `templates/recovery_issued.html`: the printable code.
#[derive(Template)]
#[template(path = "recovery_issued.html")]
pub struct IssuedPage {
    /// The frame.
    pub c: Chrome,
    /// The resident's username.
    pub username: String,
    /// The code.
    pub code: String,
    /// When it stops working (RFC 3339, UTC).
    pub expires_at: String,
}

/// `templates/recover.html`: the resident's form.
#[derive(Template)]
#[template(path = "recover.html")]
pub struct RecoverPage {
    /// The frame.
    pub c: Chrome,
    /// Errors.
    pub errors: FormErrors,
    /// Username field.
    pub username: Field,
    /// Code field.
    pub code: Field,
    /// New password field (optional).
    pub new_password: Field,
}

/// The official's form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct IssueForm {
    /// The resident's username.
    #[serde(default)]
    pub username: String,
    /// The document checked.
    #[serde(default)]
    pub document_type: String,
    /// `yes` when ticked.
    #[serde(default)]
    pub confirmed: Option<String>,
}

/// The resident's form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct RecoverForm {
    /// Username as typed.
    #[serde(default)]
    pub username: String,
    /// Code as typed.
    #[serde(default)]
    pub code: String,
    /// A new password, or empty.
    #[serde(default)]
    pub new_password: String,
}

fn issue_page(c: Chrome, errors: FormErrors, form: &IssueForm) -> IssuePage {
    let l: L10n = c.l;
    IssuePage {
        username: Field::text(
            "username",
            l.t("enrolment-field-username"),
            form.username.trim(),
            &errors,
        ),
        documents: DOCUMENT_TYPES
            .into_iter()
            .map(|d| Choice {
                value: d,
                label: l.t(&format!("enrolment-document-{}", d.replace('_', "-"))),
                on: d == form.document_type,
            })
            .collect(),
        errors,
        c,
    }
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /admin/recovery`.
pub async fn issue_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
) -> Result<Response, AppError> {
    register::require(&state, &me.user, Permission::EnrolmentInPerson).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    super::render(&issue_page(c, FormErrors::new(), &IssueForm::default()))
}

/// `POST /admin/recovery` (`username`, `document_type`, `confirmed`): issues a
/// code and shows it once, ready to print.
pub async fn issue(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Form(form): Form<IssueForm>,
) -> Result<Response, AppError> {
    register::require(&state, &me.user, Permission::EnrolmentInPerson).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    match recovery::issue(
        &state,
        &me.user,
        &form.username,
        form.document_type.trim(),
        form.confirmed.as_deref() == Some("yes"),
    )
    .await
    {
        Ok(issued) => Ok(no_store(super::render(&IssuedPage {
            c,
            username: issued.resident.username.to_string(),
            code: issued.code,
            expires_at: issued.expires_at.to_string(),
        })?)),
        Err(Refusal::Other(e)) => Err(e),
        Err(r) => {
            let mut errors = FormErrors::new();
            errors.add(r.field(), c.l.t(&r.key()));
            super::render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &issue_page(c, errors, &form),
            )
        }
    }
}

fn recover_page(c: Chrome, errors: FormErrors, username: &str) -> RecoverPage {
    let l: L10n = c.l;
    RecoverPage {
        username: Field::text("username", l.t("field-username"), username, &errors)
            .autocomplete("username"),
        code: Field::text("code", l.t("recover-field-code"), "", &errors)
            .autocomplete("one-time-code")
            .hint(l.t("recover-hint-code")),
        new_password: Field::password("new_password", l.t("recover-field-password"), &errors)
            .autocomplete("new-password")
            .hint(l.t("recover-hint-password")),
        errors,
        c,
    }
}

/// `GET /recover`.
pub async fn recover_form(lang: Lang, uri: Uri, me: MaybeUser) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, me.user.as_ref(), me.csrf_token);
    super::render(&recover_page(c, FormErrors::new(), ""))
}

/// `POST /recover` (`username`, `code`, `new_password`): starts a session
/// authenticated with the recovery code and goes on to `/account/security`.
pub async fn recover(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
    ip: ClientIp,
    device: UserAgent,
    Form(form): Form<RecoverForm>,
) -> Result<Response, AppError> {
    let new_password = Some(form.new_password.as_str());
    match recovery::recover(&state, &ip, &form.username, &form.code, new_password).await {
        Ok(user) => {
            if let Some(current) = &ctx.signed_in {
                session::end(&state, &current.token_hash).await?;
            }
            let (token, _) = session::start_from(
                &state,
                &user,
                AuthMethods::one(AuthMethod::RecoveryCode),
                &device,
            )
            .await?;
            let mut res = Redirect::to(AFTER_RECOVERY).into_response();
            res.headers_mut()
                .append(header::SET_COOKIE, session_cookie(&state, &token)?);
            Ok(res)
        }
        Err(RecoverRefusal::Other(e)) => Err(e),
        Err(r) => {
            let status = if matches!(r, RecoverRefusal::TooManyAttempts) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let user = ctx.signed_in.as_ref().map(|s| &s.user);
            let c = Chrome::new(lang, &uri, user, ctx.csrf_token.clone());
            let mut errors = FormErrors::new();
            errors.add(r.field(), c.l.t(r.key()));
            super::render_with(status, &recover_page(c, errors, form.username.trim()))
        }
    }
}
