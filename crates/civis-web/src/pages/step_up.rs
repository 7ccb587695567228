//! `/step-up`: a signed-in resident proves themselves with one more factor so
//! that the session reaches the level of assurance a service asked for (the
//! OpenID Connect provider sends residents here with `level` and `return_to`).
//! Without JavaScript: a code from the authenticator app; with a passkey, the
//! passkey page's ceremony. With `reauth=1` it asks for any factor of the account
//! again, whatever the session's level, unless the session authenticated within the
//! credential policy's window: removing a credential needs that
//! (`crate::auth::removal`).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use civis_domain::{AuthMethod, LevelOfAssurance};
use serde::Deserialize;

use super::auth::local_next;
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::extract::{AuthContext, SignedIn};
use crate::auth::totp;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// `templates/step_up.html`.
#[derive(Template)]
#[template(path = "step_up.html")]
pub struct StepUpPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// The level asked for (`substantial`, `high`).
    pub level: String,
    /// The level asked for, translated.
    pub level_name: String,
    /// Where to go afterwards.
    pub return_to: String,
    /// The code field, when a code can raise the level.
    pub code: Option<Field>,
    /// Whether the account's proofing allows the level at all.
    pub reachable: bool,
    /// Whether the account has a passkey to step up with.
    pub has_passkey: bool,
    /// The passkey script's URL.
    pub passkey_js: String,
    /// Whether this is a re-authentication (`reauth=1`: before removing a credential)
    /// rather than a step-up to a level.
    pub reauth: bool,
}

/// The query (and form) of the step-up page.
#[derive(Debug, Deserialize)]
pub struct StepUpQuery {
    /// The level asked for.
    #[serde(default)]
    pub level: String,
    /// Where to go afterwards.
    #[serde(default)]
    pub return_to: String,
    /// The code, in the form.
    #[serde(default)]
    pub code: String,
    /// `1`: re-authenticate (prove it is you again, whatever the session's level),
    /// before removing a credential.
    #[serde(default)]
    pub reauth: String,
}

impl StepUpQuery {
    fn is_reauth(&self) -> bool {
        self.reauth == "1"
    }
}

fn wanted(q: &StepUpQuery) -> LevelOfAssurance {
    LevelOfAssurance::parse(&q.level).unwrap_or(LevelOfAssurance::Substantial)
}

async fn view(
    state: &AppState,
    c: Chrome,
    errors: FormErrors,
    s: &SignedIn,
    level: LevelOfAssurance,
    return_to: String,
    reauth: bool,
) -> Result<StepUpPage, AppError> {
    let (_, ceiling) = s.levels();
    // A code adds a second factor: enough for substantial, never for high. Any
    // factor of the account proves it is you again.
    let code_helps = (reauth
        || level == LevelOfAssurance::Substantial && !s.auth_methods.contains(AuthMethod::Totp))
        && totp::is_enrolled(state, s.user.id).await?;
    let has_passkey = !state.store().passkeys_of(s.user.id).await?.is_empty()
        && (reauth || !s.auth_methods.contains(AuthMethod::Passkey));
    let l = c.l;
    Ok(StepUpPage {
        has_passkey,
        passkey_js: crate::assets::passkey_js_href(),
        code: code_helps.then(|| {
            Field::text("code", l.t("totp-field-code"), "", &errors)
                .autocomplete("one-time-code")
                .hint(l.t("totp-hint-code"))
        }),
        level: level.as_str().to_owned(),
        level_name: l.t(&format!("level-{}", level.as_str())),
        reachable: reauth || ceiling >= level,
        reauth,
        return_to,
        errors,
        c,
    })
}

fn to_sign_in(return_to: &str) -> Response {
    Redirect::to(&format!(
        "/sign-in?return_to={}",
        civis_oidc::request::form_encode(return_to)
    ))
    .into_response()
}

/// `GET /step-up`.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
    Query(q): Query<StepUpQuery>,
) -> Result<Response, AppError> {
    let return_to = local_next(Some(&q.return_to));
    let Some(s) = ctx.signed_in.as_ref() else {
        return Ok(to_sign_in(&return_to));
    };
    let level = wanted(&q);
    let done = if q.is_reauth() {
        state
            .config()
            .credentials
            .is_recent(s.authenticated_at, state.now())
    } else {
        s.levels().0 >= level
    };
    if done {
        return Ok(Redirect::to(&return_to).into_response());
    }
    let c = Chrome::new(lang, &uri, Some(&s.user), ctx.csrf_token.clone());
    super::render(
        &view(
            &state,
            c,
            FormErrors::new(),
            s,
            level,
            return_to,
            q.is_reauth(),
        )
        .await?,
    )
}

/// `POST /step-up`: checks the code, adds it to the session's methods, and goes on.
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
    Form(q): Form<StepUpQuery>,
) -> Result<Response, AppError> {
    let return_to = local_next(Some(&q.return_to));
    let Some(s) = ctx.signed_in.as_ref() else {
        return Ok(to_sign_in(&return_to));
    };
    let level = wanted(&q);
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    match totp::check(&state, s.user.id, &q.code).await? {
        Ok(()) => {
            state
                .store()
                .step_up_session(
                    &s.token_hash,
                    civis_domain::AuthMethods::one(AuthMethod::Totp),
                    state.now(),
                )
                .await?;
            return Ok(Redirect::to(&return_to).into_response());
        }
        Err(refusal) => errors.add("code", refusal.message(&l)),
    }
    let c = Chrome::new(lang, &uri, Some(&s.user), ctx.csrf_token.clone());
    super::render_with(
        StatusCode::UNPROCESSABLE_ENTITY,
        &view(&state, c, errors, s, level, return_to, q.is_reauth()).await?,
    )
}
