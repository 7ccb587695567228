//! The second step of a sign-in: a code from the authenticator app
//! (`/sign-in/code`), after the password was right. The first step's signed
//! ticket travels in a short-lived cookie (see [`crate::auth::pending`]).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use civis_domain::AuthMethod;
use serde::Deserialize;

use super::auth::{finish_sign_in, local_next};
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::extract::AuthContext;
use crate::auth::pending::{self, Pending};
use crate::auth::{cookies, totp, MaybeUser};
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// `templates/sign_in_code.html`.
#[derive(Template)]
#[template(path = "sign_in_code.html")]
pub struct SignInCodePage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// The code field.
    pub code: Field,
    /// Local path to return to.
    pub next: String,
}

/// The `?next=` of the code page.
#[derive(Debug, Deserialize)]
pub struct CodeQuery {
    /// Local path to return to.
    pub next: Option<String>,
}

/// The submitted code form.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    /// The code as typed.
    #[serde(default)]
    pub code: String,
    /// Local path to return to.
    #[serde(default)]
    pub next: String,
}

/// The `Set-Cookie` value carrying the first step's ticket to the code page.
pub fn ticket_cookie(state: &AppState, ticket: &str) -> Result<HeaderValue, AppError> {
    HeaderValue::from_str(&cookies::set(
        pending::COOKIE,
        ticket,
        pending::TTL_SECS,
        state.config().secure_cookies(),
    ))
    .map_err(|e| AppError::Internal(e.into()))
}

fn clear_ticket_cookie(state: &AppState) -> Result<HeaderValue, AppError> {
    HeaderValue::from_str(&cookies::clear(
        pending::COOKIE,
        state.config().secure_cookies(),
    ))
    .map_err(|e| AppError::Internal(e.into()))
}

async fn pending_of(state: &AppState, headers: &HeaderMap) -> Result<Option<Pending>, AppError> {
    match cookies::get(headers, pending::COOKIE) {
        Some(ticket) => pending::verify(state, &ticket).await,
        None => Ok(None),
    }
}

fn view(c: Chrome, errors: FormErrors, next: String) -> SignInCodePage {
    let l = c.l;
    SignInCodePage {
        code: Field::text("code", l.t("totp-field-code"), "", &errors)
            .autocomplete("one-time-code")
            .hint(l.t("totp-hint-code")),
        errors,
        next,
        c,
    }
}

fn back_to_sign_in(next: &str) -> Response {
    Redirect::to(&format!(
        "/sign-in?next={}",
        civis_oidc::request::form_encode(next)
    ))
    .into_response()
}

/// `GET /sign-in/code`: the code form, while the first step's ticket is valid.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    me: MaybeUser,
    Query(q): Query<CodeQuery>,
) -> Result<Response, AppError> {
    let next = local_next(q.next.as_deref());
    if pending_of(&state, &headers).await?.is_none() {
        return Ok(back_to_sign_in(&next));
    }
    let c = Chrome::new(lang, &uri, me.user.as_ref(), me.csrf_token);
    super::render(&view(c, FormErrors::new(), next))
}

/// `POST /sign-in/code`: checks the code and signs in, or shows the form again
/// with the reason next to the field.
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Extension(ctx): Extension<AuthContext>,
    device: crate::auth::device::UserAgent,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let next = local_next(Some(&form.next));
    let Some(p) = pending_of(&state, &headers).await? else {
        return Ok(back_to_sign_in(&next));
    };
    let user = state.store().user_by_id(p.user).await?;
    if !user.is_active() {
        return Ok(back_to_sign_in(&next));
    }
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    match totp::check(&state, user.id, &form.code).await? {
        Ok(()) => {
            let mut response = finish_sign_in(
                &state,
                &device,
                ctx.signed_in.as_ref(),
                &user,
                p.methods.with(AuthMethod::Totp),
                &next,
            )
            .await?;
            response
                .headers_mut()
                .append(header::SET_COOKIE, clear_ticket_cookie(&state)?);
            return Ok(response);
        }
        Err(refusal) => errors.add("code", refusal.message(&l)),
    }
    let c = Chrome::new(
        lang,
        &uri,
        ctx.signed_in.as_ref().map(|s| &s.user),
        ctx.csrf_token.clone(),
    );
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &view(c, errors, next))
}
