//! The account's sign-in methods (`/account/security`): the authenticator app
//! (set up with a QR code and the secret as text, confirmed by a first code,
//! removed), and, in their own modules, passkeys and sessions.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::account::When;
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::{totp, CurrentUser};
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// `templates/security.html`.
#[derive(Template)]
#[template(path = "security.html")]
pub struct SecurityPage {
    /// The page frame.
    pub c: Chrome,
    /// Whether an authenticator app is set up.
    pub totp_enrolled: bool,
    /// Whether the account has a password.
    pub has_password: bool,
    /// A notice after a change (already translated).
    pub notice: Option<String>,
    /// Why this account must add or use a passkey, when its role needs one and this
    /// session was not signed in with one (already translated).
    pub passkey_policy: Option<String>,
    /// The account's passkeys.
    pub passkeys: Vec<PasskeyRow>,
    /// The passkey script's URL.
    pub passkey_js: String,
    /// The account's sessions.
    pub sessions: Vec<SessionRow>,
}

/// One session as the page lists it.
#[derive(Debug, Clone)]
pub struct SessionRow {
    /// Its public id.
    pub id: String,
    /// The user agent, or a translated "unknown".
    pub device: String,
    /// When it started.
    pub created_at: When,
    /// When it was last used.
    pub last_seen_at: When,
    /// How its holder proved themselves, translated.
    pub methods: String,
    /// Whether it is this session.
    pub current: bool,
}

/// One passkey as the page lists it.
#[derive(Debug, Clone)]
pub struct PasskeyRow {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// When it was registered.
    pub created_at: When,
    /// When it was last used.
    pub last_used_at: Option<When>,
}

/// `templates/totp_enrol.html`.
#[derive(Template)]
#[template(path = "totp_enrol.html")]
pub struct TotpEnrolPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// The QR code, as a `data:` URL.
    pub qr: String,
    /// The secret in groups of four, for typing.
    pub secret_text: String,
    /// The confirmation code field.
    pub code: Field,
}

/// The submitted confirmation form.
#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    /// The first code from the app.
    #[serde(default)]
    pub code: String,
}

/// The changes the page confirms after a redirect (`?done=`).
const DONE: [&str; 7] = [
    "reauth",
    "password-changed",
    "totp-enrolled",
    "totp-removed",
    "passkey-registered",
    "passkey-removed",
    "session-revoked",
];

/// The name authenticator apps show for this site.
fn issuer(state: &AppState) -> String {
    let url = state.config().public_url.trim_end_matches('/');
    let host = url.split("://").nth(1).unwrap_or(url);
    format!("civis ({host})")
}

/// `GET /account/security`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let notice = uri.query().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "done")
            .filter(|(_, v)| DONE.contains(&v.as_ref()))
            .map(|(_, v)| c.l.t(&format!("security-done-{v}")))
    });
    let passkey_policy = me.suspended_role.map(|role| {
        c.l.t1(
            "security-passkey-required",
            "role",
            c.l.t(super::layout::role_key(role)),
        )
    });
    let passkeys = state
        .store()
        .passkeys_of(me.user.id)
        .await?
        .into_iter()
        .map(|p| PasskeyRow {
            id: p.id,
            name: p.name,
            created_at: When::from(p.created_at),
            last_used_at: p.last_used_at.map(When::from),
        })
        .collect();
    let sessions = crate::auth::devices::list(&state, me.user.id, &me.token_hash)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            id: s.id,
            device: s.user_agent.unwrap_or_else(|| c.l.t("device-unknown")),
            created_at: When::from(s.created_at),
            last_seen_at: When::from(s.last_seen_at),
            methods: s
                .methods
                .iter()
                .map(|m| c.l.t(&format!("method-{}", m.amr())))
                .collect::<Vec<_>>()
                .join(", "),
            current: s.current,
        })
        .collect();
    let page = SecurityPage {
        sessions,
        passkeys,
        passkey_js: crate::assets::passkey_js_href(),
        totp_enrolled: totp::is_enrolled(&state, me.user.id).await?,
        has_password: crate::auth::password_change::has_password(&state, &me).await?,
        notice,
        passkey_policy,
        c,
    };
    super::render(&page)
}

async fn enrol_view(
    state: &AppState,
    c: Chrome,
    errors: FormErrors,
    me: &CurrentUser,
) -> Result<Option<TotpEnrolPage>, AppError> {
    let secret = match totp::pending_secret(state, me.user.id).await? {
        Some(s) => s,
        None => return Ok(None),
    };
    let uri = secret.otpauth_uri(&issuer(state), me.user.username.as_str());
    let l = c.l;
    Ok(Some(TotpEnrolPage {
        qr: totp::qr_data_url(&uri)?,
        secret_text: secret.to_grouped_base32(),
        code: Field::text("code", l.t("totp-field-code"), "", &errors)
            .autocomplete("one-time-code")
            .hint(l.t("totp-hint-confirm")),
        errors,
        c,
    }))
}

/// `GET /account/totp`: starts (or continues) setting up an authenticator app.
/// An account that has one already goes back to the security page.
pub async fn enrol_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
) -> Result<Response, AppError> {
    if totp::is_enrolled(&state, me.user.id).await? {
        return Ok(Redirect::to("/account/security").into_response());
    }
    if totp::pending_secret(&state, me.user.id).await?.is_none() {
        totp::begin(&state, me.user.id).await?;
    }
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    match enrol_view(&state, c, FormErrors::new(), &me).await? {
        Some(page) => super::render(&page),
        None => Ok(Redirect::to("/account/security").into_response()),
    }
}

/// `POST /account/totp`: confirms the app with its first code.
pub async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    match totp::confirm(&state, me.user.id, &form.code).await? {
        Ok(()) => return Ok(Redirect::to("/account/security?done=totp-enrolled").into_response()),
        Err(totp::CodeRefusal::NotEnrolled) => {
            return Ok(Redirect::to("/account/security").into_response())
        }
        Err(refusal) => errors.add("code", refusal.message(&l)),
    }
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    match enrol_view(&state, c, errors, &me).await? {
        Some(page) => super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page),
        None => Ok(Redirect::to("/account/security").into_response()),
    }
}

/// Sends a session that did not authenticate recently through `/step-up?reauth=1`,
/// which brings it back to the sign-in methods page to try again.
fn to_reauth() -> Response {
    Redirect::to("/step-up?reauth=1&return_to=%2Faccount%2Fsecurity%3Fdone%3Dreauth")
        .into_response()
}

/// `POST /account/totp/remove`: removes the authenticator app (audited); a session
/// that did not authenticate recently is sent to re-authenticate first.
pub async fn remove(State(state): State<AppState>, me: CurrentUser) -> Result<Response, AppError> {
    match crate::auth::removal::remove_totp(&state, &me).await {
        Ok(()) | Err(AppError::NotFound) => {
            Ok(Redirect::to("/account/security?done=totp-removed").into_response())
        }
        Err(AppError::ReauthRequired) => Ok(to_reauth()),
        Err(e) => Err(e),
    }
}

/// `POST /account/passkeys/{id}/remove`: removes one of the account's passkeys
/// (audited); a session that did not authenticate recently is sent to re-authenticate
/// first, and the last passkey of a role that needs one stays.
pub async fn remove_passkey(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    match crate::auth::removal::remove_passkey(&state, &me, id).await {
        Ok(()) => Ok(Redirect::to("/account/security?done=passkey-removed").into_response()),
        Err(AppError::ReauthRequired) => Ok(to_reauth()),
        Err(e) => Err(e),
    }
}

/// `POST /account/sessions/{id}/revoke`: ends one of the account's sessions
/// (audited); ending this one signs out.
pub async fn revoke_session(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    match crate::auth::devices::revoke(&state, me.user.id, &me.token_hash, &id).await? {
        None => Err(AppError::NotFound),
        Some(true) => Ok(Redirect::to("/").into_response()),
        Some(false) => Ok(Redirect::to("/account/security?done=session-revoked").into_response()),
    }
}
