//! Sign-up, sign-in, sign-out and the signed-in user (`/api/v1/auth/*`, `/api/v1/me`).

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use civis_domain::{
    AuthMethod, AuthMethods, DisplayName, Password, PasswordHash, Role, User, Username,
};
use civis_store::{Change, NewUser, PasswordSignInQuery};

use super::extract::ApiJson;
use super::wire::{Fields, SessionView, SignInRequest, SignUpRequest, UserView};
use super::wire_auth::{SecondFactorRequired, TotpSignInRequest};
use crate::auth::cookies::{self, SESSION_COOKIE};
use crate::auth::device::UserAgent;
use crate::auth::rate_limit::{self, ClientIp};
use crate::auth::{password, session, CurrentUser, MaybeUser};
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// Where a password sign-in got to.
#[derive(Debug)]
pub enum SignInOutcome {
    /// Signed in: the account, the session token for the cookie, and the session's CSRF token.
    Session {
        /// The account.
        user: User,
        /// The session token (for the cookie).
        token: String,
        /// The session's CSRF token.
        csrf: String,
    },
    /// The password was right and the account has an authenticator app: the
    /// code is next, with this ticket (see [`crate::auth::pending`]).
    SecondFactor {
        /// The account.
        user: User,
        /// The signed ticket of the first step.
        ticket: String,
    },
}

/// An account whose password was right.
#[derive(Debug)]
pub struct PasswordChecked {
    /// The account.
    pub user: User,
    /// Whether it has an authenticator app, so a code is the next step.
    pub second_factor: bool,
}

/// Checks a password sign-in: throttling, then the password (against a dummy
/// hash for unknown users, so both cases look alike). The throttle counts and the
/// account are read in one store query.
pub async fn check_password(
    state: &AppState,
    ip: &ClientIp,
    username: &str,
    password_text: &str,
) -> Result<PasswordChecked, AppError> {
    let parsed = Username::parse(username).ok();
    let username_key = rate_limit::user_key(username);
    let ip_key = rate_limit::ip_key(ip);
    let facts = state
        .store()
        .password_sign_in_facts(&PasswordSignInQuery {
            username: parsed.as_ref(),
            username_key: &username_key,
            ip_key: &ip_key,
            since: rate_limit::window_start(state),
        })
        .await?;
    rate_limit::refuse_when_throttled(state, facts.failures_by_username, facts.failures_by_ip)?;
    let (account, stored_hash) = match facts.account {
        Some(account) => {
            let hash = if account.user.is_active() {
                account.password_hash.clone()
            } else {
                None
            };
            (Some(account), hash)
        }
        None => (None, None),
    };
    let verified = match stored_hash {
        Some(hash) => password::verify(password_text.to_owned(), hash.as_str().to_owned()).await?,
        None => {
            let dummy = state.dummy_password_hash().await?.to_owned();
            let _ = password::verify(password_text.to_owned(), dummy).await?;
            false
        }
    };
    let account = match (verified, account) {
        (true, Some(account)) => account,
        _ => {
            rate_limit::record_failure(state, username, ip).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    rate_limit::clear(state, username, facts.failures_by_username).await?;
    Ok(PasswordChecked {
        user: account.user,
        second_factor: account.totp_confirmed,
    })
}

/// Signs a user in with a password: a session, or, when the account has an
/// authenticator app, a ticket for the second step.
pub async fn sign_in_user(
    state: &AppState,
    ip: &ClientIp,
    device: &UserAgent,
    username: &str,
    password_text: &str,
) -> Result<SignInOutcome, AppError> {
    let PasswordChecked {
        user,
        second_factor,
    } = check_password(state, ip, username, password_text).await?;
    let methods = AuthMethods::one(AuthMethod::Password);
    if second_factor {
        let ticket = crate::auth::pending::issue(state, user.id, methods).await?;
        return Ok(SignInOutcome::SecondFactor { user, ticket });
    }
    let (token, session) = session::start_from(state, &user, methods, device).await?;
    Ok(SignInOutcome::Session {
        user,
        token,
        csrf: session.csrf_secret,
    })
}

/// Creates a resident account from a sign-up request (all fields parsed before anything is
/// stored) and returns it.
pub async fn sign_up_user(state: &AppState, req: &SignUpRequest) -> Result<User, AppError> {
    let mut fields = Fields::default();
    let username = fields.take("username", Username::parse(&req.username));
    let password_value = fields.take("password", Password::parse(&req.password));
    let display_name = fields.take(
        "display_name",
        DisplayName::parse(req.display_name.as_deref().unwrap_or(&req.username)),
    );
    fields.finish()?;
    let (Some(username), Some(password_value), Some(display_name)) =
        (username, password_value, display_name)
    else {
        return Err(AppError::Internal(anyhow::anyhow!("parsed fields missing")));
    };
    let hash = password::hash(password_value.expose().to_owned()).await?;
    let new = NewUser {
        username,
        display_name,
        role: Role::Resident,
        password_hash: Some(PasswordHash::new(hash)),
    };
    Ok(state
        .store()
        .create_user(&new, Change::system(state.now()))
        .await?)
}

/// The `Set-Cookie` header value that installs a session token.
pub fn session_cookie(state: &AppState, token: &str) -> Result<HeaderValue, AppError> {
    let cookie = cookies::set(
        SESSION_COOKIE,
        token,
        state.config().session_ttl_secs,
        state.config().secure_cookies(),
    );
    HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.into()))
}

/// The `Set-Cookie` header value that removes the session cookie.
pub fn clear_session_cookie(state: &AppState) -> Result<HeaderValue, AppError> {
    HeaderValue::from_str(&cookies::clear(
        SESSION_COOKIE,
        state.config().secure_cookies(),
    ))
    .map_err(|e| AppError::Internal(e.into()))
}

fn with_cookie(status: StatusCode, body: impl IntoResponse, cookie: HeaderValue) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

/// Create a resident account and sign in.
#[utoipa::path(post, path = "/api/v1/auth/sign-up", tag = "auth",
    request_body = SignUpRequest,
    responses(
        (status = 201, description = "Account created; the session cookie is set", body = SessionView),
        (status = 409, description = "Username taken, or already signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_up(
    State(state): State<AppState>,
    who: MaybeUser,
    ApiJson(req): ApiJson<SignUpRequest>,
) -> Result<Response, AppError> {
    if who.user.is_some() {
        return Err(AppError::Conflict {
            field: None,
            detail: "You are already signed in; sign out to create another account.".to_owned(),
        });
    }
    let user = sign_up_user(&state, &req).await?;
    let (token, session) = session::start(
        &state,
        &user,
        civis_domain::AuthMethods::one(civis_domain::AuthMethod::Password),
    )
    .await?;
    let body = Json(SessionView {
        user: UserView::from(&user),
        csrf_token: session.csrf_secret,
    });
    Ok(with_cookie(
        StatusCode::CREATED,
        body,
        session_cookie(&state, &token)?,
    ))
}

/// Sign in with username and password. When the account has an authenticator
/// app, the answer is `202` with a ticket: send it with a code to
/// `POST /api/v1/auth/sign-in/totp` within five minutes.
#[utoipa::path(post, path = "/api/v1/auth/sign-in", tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = SessionView),
        (status = 202, description = "Password right; a code from the authenticator app is next", body = SecondFactorRequired),
        (status = 401, description = "Unknown user or wrong password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    ip: ClientIp,
    device: UserAgent,
    ApiJson(req): ApiJson<SignInRequest>,
) -> Result<Response, AppError> {
    match sign_in_user(&state, &ip, &device, &req.username, &req.password).await? {
        SignInOutcome::Session { user, token, csrf } => {
            let body = Json(SessionView {
                user: UserView::from(&user),
                csrf_token: csrf,
            });
            Ok(with_cookie(
                StatusCode::OK,
                body,
                session_cookie(&state, &token)?,
            ))
        }
        SignInOutcome::SecondFactor { ticket, .. } => Ok((
            StatusCode::ACCEPTED,
            Json(SecondFactorRequired {
                second_factor: "totp".to_owned(),
                ticket,
                expires_in: crate::auth::pending::TTL_SECS,
            }),
        )
            .into_response()),
    }
}

/// The second step of a sign-in: the ticket from `POST /api/v1/auth/sign-in`
/// and a code from the authenticator app. A code is accepted once; wrong codes
/// are throttled per account.
#[utoipa::path(post, path = "/api/v1/auth/sign-in/totp", tag = "auth",
    request_body = TotpSignInRequest,
    responses(
        (status = 200, description = "Signed in with password and code; the session cookie is set", body = SessionView),
        (status = 401, description = "The ticket is wrong or expired: sign in again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The code is wrong, malformed or already used", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_in_totp(
    State(state): State<AppState>,
    device: UserAgent,
    ApiJson(req): ApiJson<TotpSignInRequest>,
) -> Result<Response, AppError> {
    let Some(pending) = crate::auth::pending::verify(&state, &req.ticket).await? else {
        return Err(AppError::InvalidCredentials);
    };
    let user = state.store().user_by_id(pending.user).await?;
    if !user.is_active() {
        return Err(AppError::InvalidCredentials);
    }
    if let Err(refusal) = crate::auth::totp::check(&state, user.id, &req.code).await? {
        return Err(refusal.into_api_error(&state));
    }
    let (token, session) = session::start_from(
        &state,
        &user,
        pending.methods.with(AuthMethod::Totp),
        &device,
    )
    .await?;
    Ok(with_cookie(
        StatusCode::OK,
        Json(SessionView {
            user: UserView::from(&user),
            csrf_token: session.csrf_secret,
        }),
        session_cookie(&state, &token)?,
    ))
}

/// End the current session.
#[utoipa::path(post, path = "/api/v1/auth/sign-out", tag = "auth",
    security(("session_cookie" = [], "csrf_header" = [])),
    responses(
        (status = 204, description = "Signed out; the session cookie is removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_out(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    session::end(&state, &current.token_hash).await?;
    Ok(with_cookie(
        StatusCode::NO_CONTENT,
        (),
        clear_session_cookie(&state)?,
    ))
}

/// The signed-in user and the session's CSRF token.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = SessionView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(current: CurrentUser) -> Json<SessionView> {
    Json(SessionView {
        user: UserView::from(&current.user),
        csrf_token: current.csrf_token,
    })
}
