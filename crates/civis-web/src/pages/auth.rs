//! Sign-in, sign-up and sign-out pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use civis_domain::{AuthMethod, AuthMethods, DisplayName, PasswordHash, Role};
use civis_store::{Change, NewUser, StoreError};
use serde::Deserialize;

use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::messages;
use crate::api::session::{check_password, clear_session_cookie, session_cookie, PasswordChecked};
use crate::auth::device::UserAgent;
use crate::auth::extract::{AuthContext, SignedIn};
use crate::auth::rate_limit::ClientIp;
use crate::auth::{password, session, CurrentUser, MaybeUser};
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// Where to go after signing in when no `next` is given.
const AFTER_SIGN_IN: &str = "/account";

/// `templates/sign_in.html`.
#[derive(Template)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// Username field.
    pub username: Field,
    /// Password field.
    pub password: Field,
    /// Local path to return to after signing in.
    pub next: String,
    /// Whether a signed-in visitor is asked to prove themselves again.
    pub reauth: bool,
    /// The passkey script's URL.
    pub passkey_js: String,
}

/// `templates/sign_up.html`.
#[derive(Template)]
#[template(path = "sign_up.html")]
pub struct SignUpPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// Username field.
    pub username: Field,
    /// Display name field.
    pub display_name: Field,
    /// Password field.
    pub password: Field,
    /// Password confirmation field.
    pub password_confirm: Field,
}

/// The query of the sign-in page: where to go afterwards (`next`, or
/// `return_to` as the OpenID Connect provider sends it) and whether a
/// signed-in visitor must prove themselves again (`reauth=1`).
#[derive(Debug, Deserialize)]
pub struct NextQuery {
    /// Local path to return to.
    pub next: Option<String>,
    /// The same, as the OpenID Connect provider names it.
    pub return_to: Option<String>,
    /// `1`: show the form even to a signed-in visitor.
    pub reauth: Option<String>,
}

impl NextQuery {
    /// The local path to return to.
    pub fn target(&self) -> String {
        local_next(self.next.as_deref().or(self.return_to.as_deref()))
    }

    /// Whether a signed-in visitor must sign in again.
    pub fn reauth(&self) -> bool {
        self.reauth.as_deref() == Some("1")
    }
}

/// The submitted sign-in form.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    /// Login name as typed.
    #[serde(default)]
    pub username: String,
    /// Password as typed.
    #[serde(default)]
    pub password: String,
    /// Local path to return to.
    #[serde(default)]
    pub next: String,
}

/// The submitted sign-up form.
#[derive(Debug, Deserialize)]
pub struct SignUpForm {
    /// Login name as typed.
    #[serde(default)]
    pub username: String,
    /// Display name as typed.
    #[serde(default)]
    pub display_name: String,
    /// Password as typed.
    #[serde(default)]
    pub password: String,
    /// Password repeated.
    #[serde(default)]
    pub password_confirm: String,
}

/// `next` if it is a path on this site, else the account page.
pub fn local_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => AFTER_SIGN_IN.to_owned(),
    }
}

fn sign_in_view(
    c: Chrome,
    errors: FormErrors,
    username: &str,
    next: String,
    reauth: bool,
) -> SignInPage {
    let l = c.l;
    SignInPage {
        reauth,
        passkey_js: crate::assets::passkey_js_href(),
        username: Field::text("username", l.t("field-username"), username, &errors)
            .autocomplete("username"),
        password: Field::password("password", l.t("field-password"), &errors),
        errors,
        next,
        c,
    }
}

fn sign_up_view(c: Chrome, errors: FormErrors, form: &SignUpForm) -> SignUpPage {
    let l = c.l;
    SignUpPage {
        username: Field::text("username", l.t("field-username"), &form.username, &errors)
            .autocomplete("username")
            .hint(l.t("hint-username")),
        display_name: Field::text(
            "display_name",
            l.t("field-display-name"),
            &form.display_name,
            &errors,
        )
        .autocomplete("name")
        .hint(l.t("hint-display-name")),
        password: Field::password("password", l.t("field-password"), &errors)
            .autocomplete("new-password")
            .hint(l.t("hint-password")),
        password_confirm: Field::password(
            "password_confirm",
            l.t("field-password-confirm"),
            &errors,
        )
        .autocomplete("new-password"),
        errors,
        c,
    }
}

/// `GET /sign-in`: the form (signed-in visitors go on to where they wanted,
/// unless `reauth=1` asks them to prove themselves again).
pub async fn sign_in_page(
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let next = q.target();
    if me.user.is_some() && !q.reauth() {
        return Ok(Redirect::to(&next).into_response());
    }
    let username = if q.reauth() {
        me.user
            .as_ref()
            .map(|u| u.username.to_string())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let c = Chrome::new(lang, &uri, me.user.as_ref(), me.csrf_token);
    super::render(&sign_in_view(
        c,
        FormErrors::new(),
        &username,
        next,
        q.reauth(),
    ))
}

/// `POST /sign-in`: checks the password and starts a session (or steps up the
/// current one, on a re-authentication), sends on to the code page when the
/// account has an authenticator app, or shows the form again.
pub async fn sign_in(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
    ip: ClientIp,
    device: UserAgent,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let l = L10n::new(lang);
    let next = local_next(Some(&form.next));
    let mut errors = FormErrors::new();
    if form.username.trim().is_empty() {
        errors.add("username", l.t("error-username-missing"));
    }
    if form.password.is_empty() {
        errors.add("password", l.t("error-password-missing"));
    }
    if errors.is_empty() {
        match check_password(&state, &ip, form.username.trim(), &form.password).await {
            Ok(PasswordChecked {
                user,
                second_factor,
            }) => {
                if second_factor {
                    let ticket = crate::auth::pending::issue(
                        &state,
                        user.id,
                        AuthMethods::one(AuthMethod::Password),
                    )
                    .await?;
                    let mut response = Redirect::to(&format!(
                        "/sign-in/code?next={}",
                        civis_oidc::request::form_encode(&next)
                    ))
                    .into_response();
                    response.headers_mut().append(
                        header::SET_COOKIE,
                        super::auth_code::ticket_cookie(&state, &ticket)?,
                    );
                    return Ok(response);
                }
                return finish_sign_in(
                    &state,
                    &device,
                    ctx.signed_in.as_ref(),
                    &user,
                    AuthMethods::one(AuthMethod::Password),
                    &next,
                )
                .await;
            }
            Err(AppError::InvalidCredentials) => {
                errors.add("username", l.t("sign-in-failed"));
            }
            Err(AppError::TooManyRequests { retry_after_secs }) => {
                let minutes = retry_after_secs.div_ceil(60).max(1);
                errors.add("username", l.t1("sign-in-throttled", "minutes", minutes));
            }
            Err(other) => return Err(other),
        }
    }
    let user = ctx.signed_in.as_ref().map(|s| &s.user);
    let reauth = user.is_some();
    let c = Chrome::new(lang, &uri, user, ctx.csrf_token.clone());
    super::render_with(
        StatusCode::UNPROCESSABLE_ENTITY,
        &sign_in_view(c, errors, form.username.trim(), next, reauth),
    )
}

/// Ends a sign-in that proved `methods` for `user` and redirects to `next`:
/// when the browser already has a session of the same account, that session
/// is stepped up (a re-authentication); otherwise a new session starts (and
/// another account's session, if any, ends).
pub async fn finish_sign_in(
    state: &AppState,
    device: &UserAgent,
    current: Option<&SignedIn>,
    user: &civis_domain::User,
    methods: AuthMethods,
    next: &str,
) -> Result<Response, AppError> {
    let mut response = Redirect::to(next).into_response();
    if let Some(current) = current {
        if current.user.id == user.id
            && state
                .store()
                .step_up_session(&current.token_hash, methods, state.now())
                .await?
        {
            return Ok(response);
        }
        session::end(state, &current.token_hash).await?;
    }
    let (token, _session) = session::start_from(state, user, methods, device).await?;
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(state, &token)?);
    Ok(response)
}

/// `GET /sign-up`: the form.
pub async fn sign_up_page(lang: Lang, uri: Uri, me: MaybeUser) -> Result<Response, AppError> {
    if me.user.is_some() {
        return Ok(Redirect::to(AFTER_SIGN_IN).into_response());
    }
    let c = Chrome::new(lang, &uri, None, me.csrf_token);
    let empty = SignUpForm {
        username: String::new(),
        display_name: String::new(),
        password: String::new(),
        password_confirm: String::new(),
    };
    super::render(&sign_up_view(c, FormErrors::new(), &empty))
}

/// `POST /sign-up`: creates a resident account and signs in, or shows the form again.
/// Nothing is stored unless every field is valid.
pub async fn sign_up(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Form(form): Form<SignUpForm>,
) -> Result<Response, AppError> {
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    let username = messages::parse_username(&l, &form.username)
        .map_err(|e| errors.add("username", e))
        .ok();
    let display_name = DisplayName::parse(&form.display_name)
        .map_err(|e| errors.add("display_name", messages::display_name_error(&l, &e)))
        .ok();
    let password_value = messages::parse_password(&l, &form.password)
        .map_err(|e| errors.add("password", e))
        .ok();
    if password_value.is_some() && form.password != form.password_confirm {
        errors.add("password_confirm", l.t("error-password-mismatch"));
    }
    if let (true, Some(username), Some(display_name), Some(password_value)) =
        (errors.is_empty(), username, display_name, password_value)
    {
        let hash = password::hash(password_value.expose().to_owned()).await?;
        let new = NewUser {
            username,
            display_name,
            role: Role::Resident,
            password_hash: Some(PasswordHash::new(hash)),
        };
        match state
            .store()
            .create_user(&new, Change::system(state.now()))
            .await
        {
            Ok(user) => {
                let (token, _session) = session::start(
                    &state,
                    &user,
                    civis_domain::AuthMethods::one(civis_domain::AuthMethod::Password),
                )
                .await?;
                let mut response = Redirect::to(AFTER_SIGN_IN).into_response();
                response
                    .headers_mut()
                    .append(header::SET_COOKIE, session_cookie(&state, &token)?);
                return Ok(response);
            }
            Err(StoreError::Conflict { .. }) => {
                errors.add("username", l.t("error-username-taken"));
            }
            Err(other) => return Err(other.into()),
        }
    }
    let c = Chrome::new(lang, &uri, None, me.csrf_token);
    let kept = SignUpForm {
        username: form.username.trim().to_owned(),
        ..form
    };
    super::render_with(
        StatusCode::UNPROCESSABLE_ENTITY,
        &sign_up_view(c, errors, &kept),
    )
}

/// `POST /sign-out`: ends this session and goes home.
pub async fn sign_out(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
) -> Result<Response, AppError> {
    let mut response = Redirect::to("/").into_response();
    if let Some(me) = me {
        session::end(&state, &me.token_hash).await?;
        response
            .headers_mut()
            .append(header::SET_COOKIE, clear_session_cookie(&state)?);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::local_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(local_next(Some("/audit?page=2")), "/audit?page=2");
        assert_eq!(local_next(Some("//evil.example")), "/account");
        assert_eq!(local_next(Some("https://evil.example")), "/account");
        assert_eq!(local_next(Some("/\\evil.example")), "/account");
        assert_eq!(local_next(None), "/account");
    }
}
