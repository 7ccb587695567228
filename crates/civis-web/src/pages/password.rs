//! `/account/password`: change the account's password (or set one, for an
//! account without), with the current password and the new one twice; each
//! error next to its field. The account's other sessions end.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::messages;
use crate::auth::password_change::{self, Refusal};
use crate::auth::rate_limit::ClientIp;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// `templates/password.html`.
#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// The current password, asked only when the account has one.
    pub current_password: Option<Field>,
    /// The new password.
    pub new_password: Field,
    /// The new password again.
    pub new_password_confirm: Field,
}

/// The submitted form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    /// The current password (absent when the account has none).
    #[serde(default)]
    pub current_password: String,
    /// The new password.
    #[serde(default)]
    pub new_password: String,
    /// The new password again.
    #[serde(default)]
    pub new_password_confirm: String,
}

fn page(c: Chrome, errors: FormErrors, has_password: bool) -> PasswordPage {
    let l = c.l;
    PasswordPage {
        current_password: has_password.then(|| {
            Field::password("current_password", l.t("field-password-current"), &errors)
                .autocomplete("current-password")
        }),
        new_password: Field::password("new_password", l.t("field-password-new"), &errors)
            .autocomplete("new-password")
            .hint(l.t("hint-password")),
        new_password_confirm: Field::password(
            "new_password_confirm",
            l.t("field-password-confirm"),
            &errors,
        )
        .autocomplete("new-password"),
        errors,
        c,
    }
}

/// Where a session that must re-authenticate goes (and comes back from).
const REAUTH: &str = "/step-up?reauth=1&return_to=%2Faccount%2Fpassword";

/// `GET /account/password`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
) -> Result<Response, AppError> {
    let has_password = password_change::has_password(&state, &me).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    super::render(&page(c, FormErrors::new(), has_password))
}

/// `POST /account/password`: on success, back to the sign-in methods page.
pub async fn change(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    ip: ClientIp,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    let new = messages::parse_password(&l, &form.new_password)
        .map_err(|e| errors.add("new_password", e))
        .ok();
    if new.is_some() && form.new_password != form.new_password_confirm {
        errors.add("new_password_confirm", l.t("error-password-mismatch"));
    }
    if let (true, Some(new)) = (errors.is_empty(), new) {
        match password_change::change(&state, &me, &ip, &form.current_password, &new).await {
            Ok(_) => {
                return Ok(Redirect::to("/account/security?done=password-changed").into_response())
            }
            Err(Refusal::WrongCurrent) => {
                errors.add("current_password", l.t("error-password-current-wrong"));
            }
            Err(Refusal::Other(AppError::ReauthRequired)) => {
                return Ok(Redirect::to(REAUTH).into_response())
            }
            Err(Refusal::Other(AppError::TooManyRequests { retry_after_secs })) => {
                let minutes = retry_after_secs.div_ceil(60).max(1);
                errors.add(
                    "current_password",
                    l.t1("sign-in-throttled", "minutes", minutes),
                );
                status = StatusCode::TOO_MANY_REQUESTS;
            }
            Err(Refusal::Other(e)) => return Err(e),
        }
    }
    let has_password = password_change::has_password(&state, &me).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    super::render_with(status, &page(c, errors, has_password))
}
