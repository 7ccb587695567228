//! `GET|POST /oidc/authorize`: validates the request, looks at the session,
//! and issues a code, sends the resident to sign in (again) or step up,
//! shows the consent page, or answers the client with an error.
//!
//! `GET /oidc/resume` is the same request coming back from the provider's own
//! sign-in (or step-up) form: it answers the client through the "Continue"
//! page ([`super::continue_page`]) instead of a redirect, which the pages'
//! `form-action` policy would block.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use civis_domain::LevelOfAssurance;
use civis_oidc::decide::{decide, Context, Decision, Hint, Interaction, SessionFacts};
use civis_oidc::request::{
    error_redirect, form_encode, redirect_with, validate, AuthorizationRequest, AuthorizeFailure,
    PageError, RawRequest,
};
use civis_oidc::{ticket, Client};
use civis_store::oidc::OidcCode;
use civis_store::StoreError;

use super::continue_page::Outcome;
use crate::auth::extract::{AuthContext, SignedIn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::layout::Chrome;
use crate::state::AppState;

/// A `302 Found` to `location`, not to be cached.
pub fn found(location: &str) -> Response {
    let mut res = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The error page for a request whose redirect URI cannot be trusted (400).
pub fn error_page(lang: Lang, uri: &Uri, error: PageError) -> Result<Response, AppError> {
    let c = Chrome::bare(lang, uri);
    let page = crate::pages::error::ErrorPage {
        heading: c.l.t("oidc-error-title"),
        message: c.l.t(&format!("oidc-error-{}", error.key())),
        reference: None,
        action: None,
        c,
    };
    crate::pages::render_with(StatusCode::BAD_REQUEST, &page)
}

/// `GET /oidc/authorize`.
pub async fn authorize_get(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let pairs = parse_pairs(query.as_deref().unwrap_or_default().as_bytes());
    handle(&state, lang, &uri, &ctx, &pairs, Via::Service).await
}

/// `GET /oidc/resume`: the request again, after the provider's sign-in or
/// step-up form sent the resident back to it.
pub async fn resume_get(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let pairs = parse_pairs(query.as_deref().unwrap_or_default().as_bytes());
    handle(&state, lang, &uri, &ctx, &pairs, Via::OwnForm).await
}

/// How a request reached the provider, which decides how the client is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Straight from the client service: answer with a `302` to its redirect URI.
    Service,
    /// After one of the provider's own forms: answer with the "Continue" page.
    OwnForm,
}

/// `POST /oidc/authorize` (a form, OpenID Connect Core §3.1.2.1).
pub async fn authorize_post(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Extension(ctx): Extension<AuthContext>,
    body: Bytes,
) -> Result<Response, AppError> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::UnsupportedMediaType(
            "Send the authorization request as application/x-www-form-urlencoded.".into(),
        ));
    }
    let pairs = parse_pairs(&body);
    handle(&state, lang, &uri, &ctx, &pairs, Via::Service).await
}

/// The pairs of a query string or form body.
pub fn parse_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The request URL to come back to after a sign-in or step-up form
/// (`/oidc/resume`): the known parameters and, when given, a
/// re-authentication ticket.
pub fn return_to(raw: &RawRequest, ticket: Option<&str>) -> String {
    let mut query: Vec<String> = raw
        .pairs()
        .map(|(k, v)| format!("{k}={}", form_encode(v)))
        .collect();
    if let Some(t) = ticket {
        query.push(format!("{}={}", ticket::PARAM, form_encode(t)));
    }
    format!("/oidc/resume?{}", query.join("&"))
}

/// The client of a raw request, or the page explaining why there is none.
pub async fn client_of(
    state: &AppState,
    raw: &RawRequest,
) -> Result<Result<Client, PageError>, AppError> {
    let id = match raw.client_id() {
        Ok(id) => id,
        Err(e) => return Ok(Err(e)),
    };
    match super::client_cache::client(state, &id).await {
        Ok(client) => Ok(Ok(client)),
        Err(StoreError::NotFound) => Ok(Err(PageError::UnknownClient)),
        Err(e) => Err(e.into()),
    }
}

async fn handle(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    ctx: &AuthContext,
    pairs: &[(String, String)],
    via: Via,
) -> Result<Response, AppError> {
    let raw = RawRequest::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let client = match client_of(state, &raw).await? {
        Ok(c) => c,
        Err(e) => return error_page(lang, uri, e),
    };
    let req = match validate(&raw, &client) {
        Ok(r) => r,
        Err(AuthorizeFailure::Page(e)) => return error_page(lang, uri, e),
        Err(AuthorizeFailure::Redirect(e)) => {
            let to = error_redirect(&e, &super::issuer(state));
            return to_client(lang, ctx, &client, via, &to, Outcome::Error);
        }
    };
    let sent_ticket = pairs
        .iter()
        .find(|(k, _)| k == ticket::PARAM)
        .map(|(_, v)| v.as_str());
    let signed_in = ctx.signed_in.as_ref();
    let (decision, level) = decide_for(state, &req, &client, signed_in, sent_ticket).await?;
    let request = Pending {
        raw: &raw,
        req: &req,
        client: &client,
        sent_ticket,
        via,
    };
    act(state, lang, uri, ctx, &request, decision, level).await
}

/// A validated request on its way through the provider.
pub struct Pending<'a> {
    /// The parameters as received.
    pub raw: &'a RawRequest,
    /// The validated request.
    pub req: &'a AuthorizationRequest,
    /// Its client.
    pub client: &'a Client,
    /// The re-authentication ticket it came back with, if any.
    pub sent_ticket: Option<&'a str>,
    /// How it reached the provider.
    pub via: Via,
}

/// Sends the resident to the client's redirect URI `location`: a `302` when
/// the request came from the client, the "Continue" page after a form.
pub fn to_client(
    lang: Lang,
    ctx: &AuthContext,
    client: &Client,
    via: Via,
    location: &str,
    outcome: Outcome,
) -> Result<Response, AppError> {
    match via {
        Via::Service => Ok(found(location)),
        Via::OwnForm => {
            super::continue_page::render(lang, ctx, &client.settings.name, location, outcome)
        }
    }
}

/// Carries out `decision` for the pending request.
pub async fn act(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    ctx: &AuthContext,
    p: &Pending<'_>,
    decision: Decision,
    level: Option<LevelOfAssurance>,
) -> Result<Response, AppError> {
    let signed_in = ctx.signed_in.as_ref();
    match (decision, signed_in, level) {
        (Decision::Issue, Some(s), Some(level)) => {
            let to = issue_code(state, p.req, p.client, s, level).await?;
            to_client(lang, ctx, p.client, p.via, &to, Outcome::Code)
        }
        (Decision::Fail(error), _, _) => {
            let e = civis_oidc::request::RedirectError {
                redirect_uri: p.req.redirect_uri.clone(),
                state: p.req.state.clone(),
                error,
            };
            let to = error_redirect(&e, &super::issuer(state));
            to_client(lang, ctx, p.client, p.via, &to, Outcome::Error)
        }
        (Decision::Interact(Interaction::SignIn), _, _) => Ok(found(&format!(
            "/sign-in?return_to={}",
            form_encode(&return_to(p.raw, None))
        ))),
        (Decision::Interact(Interaction::ReAuthenticate), _, _) => {
            let secret = super::ticket_secret(state).await?;
            let t = ticket::issue(&secret, state.now(), p.req);
            Ok(found(&format!(
                "/sign-in?return_to={}&reauth=1",
                form_encode(&return_to(p.raw, Some(&t)))
            )))
        }
        (Decision::Interact(Interaction::StepUp(level)), _, _) => Ok(found(&format!(
            "/step-up?level={}&return_to={}",
            level.as_str(),
            form_encode(&return_to(p.raw, p.sent_ticket))
        ))),
        (Decision::Interact(Interaction::Consent), Some(s), _) => {
            super::consent::page(state, lang, uri, ctx, s, p).await
        }
        _ => Err(AppError::Internal(anyhow::anyhow!(
            "an OpenID Connect decision that needs a session came without one"
        ))),
    }
}

/// Gathers the context (session level, consent, hint, ticket) and decides;
/// also returns the session's level, when there is a session.
pub async fn decide_for(
    state: &AppState,
    req: &AuthorizationRequest,
    client: &Client,
    signed_in: Option<&SignedIn>,
    sent_ticket: Option<&str>,
) -> Result<(Decision, Option<LevelOfAssurance>), AppError> {
    let now = state.now();
    let (session, consented) = match signed_in {
        None => (None, civis_oidc::Scopes::NONE),
        Some(s) => {
            let (level, ceiling) = s.levels();
            let consented = state.store().oidc_consent(s.user.id, &client.id).await?;
            (
                Some(SessionFacts {
                    user: s.user.id,
                    authenticated_at: s.authenticated_at,
                    level,
                    ceiling,
                }),
                consented,
            )
        }
    };
    let reauth_asked_at = match sent_ticket {
        Some(t) => ticket::verify(&super::ticket_secret(state).await?, t, req),
        None => None,
    };
    let hint = match &req.id_token_hint {
        None => Hint::Absent,
        Some(token) => check_hint(state, client, signed_in, token).await?,
    };
    let decision = decide(
        req,
        &Context {
            session,
            consented,
            reauth_asked_at,
            hint,
            now,
        },
    );
    Ok((decision, session.map(|s| s.level)))
}

/// Whether `token` is an ID token this provider issued to `client`, and for
/// the signed-in resident.
async fn check_hint(
    state: &AppState,
    client: &Client,
    signed_in: Option<&SignedIn>,
    token: &str,
) -> Result<Hint, AppError> {
    let Some(payload) = super::keys::verify(state, token).await? else {
        return Ok(Hint::Invalid);
    };
    let Ok(claims) = serde_json::from_slice::<civis_oidc::claims::IdTokenClaims>(&payload) else {
        return Ok(Hint::Invalid);
    };
    if claims.iss != super::issuer(state) || claims.aud != client.id.as_str() {
        return Ok(Hint::Invalid);
    }
    let Some(s) = signed_in else {
        return Ok(Hint::Matches);
    };
    let secret = super::pairwise_secret(state).await?;
    Ok(if client.subject(&secret, s.user.id) == claims.sub {
        Hint::Matches
    } else {
        Hint::Differs
    })
}

/// Stores a code for the signed-in resident; returns the redirect URI that
/// carries it to the client.
pub async fn issue_code(
    state: &AppState,
    req: &AuthorizationRequest,
    client: &Client,
    s: &SignedIn,
    level: LevelOfAssurance,
) -> Result<String, AppError> {
    let now = state.now();
    let secret = super::pairwise_secret(state).await?;
    let code = crate::auth::token::random_token();
    let stored = OidcCode {
        code_hash: super::digest(&code),
        client_id: client.id.clone(),
        user_id: s.user.id,
        redirect_uri: req.redirect_uri.clone(),
        code_challenge: req.code_challenge.clone(),
        nonce: req.nonce.clone(),
        scopes: req.scopes,
        sub: client.subject(&secret, s.user.id),
        auth_time: s.authenticated_at,
        acr: level,
        amr: s.auth_methods,
        created_at: now,
        expires_at: now.plus_seconds(state.config().oidc.code_ttl_secs),
        consumed_at: None,
    };
    state.store().create_oidc_code(&stored).await?;
    let issuer = super::issuer(state);
    let mut params = vec![("code", code.as_str())];
    if let Some(st) = &req.state {
        params.push(("state", st));
    }
    params.push(("iss", &issuer));
    Ok(redirect_with(&req.redirect_uri, &params))
}
