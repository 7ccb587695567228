//! `POST /oidc/token`: the authorization code and refresh token grants.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use civis_domain::Timestamp;
use civis_oidc::claims::{Authentication, IdTokenClaims, IdTokenInput};
use civis_oidc::pkce;
use civis_oidc::scope::Scope;
use civis_oidc::token::{
    authenticate, check_code, client_auth, parse_grant, ClientAuth, CodeBinding, FormParams, Grant,
};
use civis_oidc::wire::TokenResponse;
use civis_oidc::{Client, ClientId, ErrorCode, OAuthError, Scopes};
use civis_store::oidc::{CodeRedemption, NewOidcToken, OidcTokenKind, RedemptionTokens};
use civis_store::StoreError;

use super::respond::{self, oauth_error};
use crate::error::AppError;
use crate::state::AppState;

/// What a grant carries over into new tokens.
struct GrantFacts {
    grant: [u8; 32],
    user: civis_domain::UserId,
    scopes: Scopes,
    sub: String,
    auth: Authentication,
    nonce: Option<String>,
}

/// Reads a form-encoded body; anything else is `invalid_request`.
pub fn form_body(headers: &HeaderMap, body: &[u8]) -> Result<FormParams, OAuthError> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .starts_with("application/x-www-form-urlencoded")
        });
    if !is_form {
        return Err(OAuthError::invalid_request(
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    Ok(FormParams::from_pairs(url::form_urlencoded::parse(body)))
}

/// Authenticates the client of a request to the token, revocation or
/// introspection endpoint. `confidential_only`: public clients may not use it.
pub async fn authenticated_client(
    state: &AppState,
    headers: &HeaderMap,
    form: &FormParams,
) -> Result<Result<(Client, ClientAuth), (OAuthError, bool)>, AppError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let auth = match client_auth(authorization, form) {
        Ok(a) => a,
        Err(e) => return Ok(Err((e, authorization.is_some()))),
    };
    let basic = auth.is_basic();
    let unknown = || OAuthError::invalid_client("client authentication failed");
    let Ok(id) = ClientId::parse(auth.client_id()) else {
        return Ok(Err((unknown(), basic)));
    };
    let client = match super::client_cache::client(state, &id).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Ok(Err((unknown(), basic))),
        Err(e) => return Err(e.into()),
    };
    match authenticate(&client, &auth) {
        Ok(()) => Ok(Ok((client, auth))),
        Err(e) => Ok(Err((e, basic))),
    }
}

/// `POST /oidc/token`.
pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match run(&state, &headers, &body).await {
        Ok(Ok(res)) => res,
        Ok(Err((e, basic))) => oauth_error(&e, basic),
        Err(e) => oauth_error(&respond::from_app_error(e), false),
    }
}

type Outcome = Result<Result<Response, (OAuthError, bool)>, AppError>;

async fn run(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Outcome {
    let form = match form_body(headers, body) {
        Ok(f) => f,
        Err(e) => return Ok(Err((e, false))),
    };
    if let Err(e) = form.check_not_repeated() {
        return Ok(Err((e, false)));
    }
    let (client, auth) = match authenticated_client(state, headers, &form).await? {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let basic = auth.is_basic();
    let grant = match parse_grant(&form) {
        Ok(g) => g,
        Err(e) => return Ok(Err((e, basic))),
    };
    let now = state.now();
    let result = match grant {
        Grant::AuthorizationCode {
            code,
            redirect_uri,
            code_verifier,
        } => redeem_code(state, &client, &code, &redirect_uri, &code_verifier, now).await?,
        Grant::RefreshToken {
            refresh_token,
            scope,
        } => refresh(state, &client, &refresh_token, scope, now).await?,
    };
    Ok(result.map_err(|e| (e, basic)))
}

/// Redeems a code; only when the store refuses does it read the code, to
/// name the error (and revoke a reused code's tokens).
async fn redeem_code(
    state: &AppState,
    client: &Client,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
    now: Timestamp,
) -> Result<Result<Response, OAuthError>, AppError> {
    let hash = super::digest(code);
    let cfg = &state.config().oidc;
    let access = crate::auth::token::random_token();
    let refresh = crate::auth::token::random_token();
    let redeemed = if pkce::valid_verifier(verifier) {
        let challenge = pkce::s256_challenge(verifier);
        let redemption = CodeRedemption {
            code_hash: &hash,
            client_id: &client.id,
            redirect_uri,
            code_challenge: &challenge,
            now,
        };
        let tokens = RedemptionTokens {
            access_hash: super::digest(&access),
            access_expires_at: now.plus_seconds(cfg.access_token_ttl_secs),
            refresh_hash: super::digest(&refresh),
            refresh_expires_at: now.plus_seconds(cfg.refresh_token_ttl_secs),
        };
        state.store().redeem_oidc_code(&redemption, &tokens).await?
    } else {
        None
    };
    let Some(stored) = redeemed else {
        return refusal(state, client, &hash, redirect_uri, verifier, now)
            .await
            .map(Err);
    };
    let facts = GrantFacts {
        grant: hash,
        user: stored.user_id,
        scopes: stored.scopes,
        sub: stored.sub,
        auth: Authentication {
            at: stored.auth_time,
            level: stored.acr,
            methods: stored.amr,
        },
        nonce: stored.nonce,
    };
    let key = super::keys::signing_key(state, now, client.settings.id_token_alg).await?;
    let refresh = facts
        .scopes
        .contains(Scope::OfflineAccess)
        .then_some(refresh);
    respond_with(state, client, &facts, (access, refresh), key, now)
        .await
        .map(Ok)
}

/// Why a code was not redeemed. A used code (RFC 6749 §4.1.2) revokes what
/// it gave.
async fn refusal(
    state: &AppState,
    client: &Client,
    hash: &[u8; 32],
    redirect_uri: &str,
    verifier: &str,
    now: Timestamp,
) -> Result<OAuthError, AppError> {
    let invalid = || OAuthError::invalid_grant("the code is not valid");
    let Some(stored) = state.store().oidc_code(hash).await? else {
        return Ok(invalid());
    };
    if stored.consumed_at.is_some() {
        let revoked = state.store().revoke_oidc_grant(hash, now).await?;
        tracing::warn!(client = %client.id, revoked, "authorization code reused; its tokens revoked");
        return Ok(OAuthError::invalid_grant("the code was already used"));
    }
    let binding = CodeBinding {
        client_id: stored.client_id,
        redirect_uri: stored.redirect_uri,
        code_challenge: stored.code_challenge,
        expires_at: stored.expires_at,
    };
    Ok(
        check_code(&binding, &client.id, redirect_uri, verifier, now)
            .err()
            .unwrap_or_else(invalid),
    )
}

async fn refresh(
    state: &AppState,
    client: &Client,
    refresh_token: &str,
    scope: Option<Scopes>,
    now: Timestamp,
) -> Result<Result<Response, OAuthError>, AppError> {
    let hash = super::digest(refresh_token);
    let invalid = || OAuthError::invalid_grant("the refresh token is not valid");
    let Some(stored) = state.store().oidc_token(&hash).await? else {
        return Ok(Err(invalid()));
    };
    if stored.kind != OidcTokenKind::Refresh || stored.client_id != client.id {
        return Ok(Err(invalid()));
    }
    if stored.revoked_at.is_some() {
        // A rotated refresh token used again: someone else may hold it.
        state.store().revoke_oidc_grant(&stored.grant, now).await?;
        return Ok(Err(invalid()));
    }
    if !stored.is_active(now) {
        return Ok(Err(invalid()));
    }
    let scopes = match scope {
        None => stored.scopes,
        Some(asked) if stored.scopes.contains_all(asked) && asked.contains(Scope::OpenId) => asked,
        Some(_) => {
            return Ok(Err(OAuthError::new(
                ErrorCode::InvalidScope,
                "a refresh may only narrow the granted scopes",
            )))
        }
    };
    let facts = GrantFacts {
        grant: stored.grant,
        user: stored.user_id,
        scopes,
        sub: stored.sub,
        auth: Authentication {
            at: stored.auth_time,
            level: stored.acr,
            methods: stored.amr,
        },
        nonce: None,
    };
    let key = super::keys::signing_key(state, now, client.settings.id_token_alg).await?;
    let issued = new_tokens(state, client, &facts, now);
    if !state
        .store()
        .rotate_oidc_refresh_token(&hash, now, &issued.rows)
        .await?
    {
        state.store().revoke_oidc_grant(&stored.grant, now).await?;
        return Ok(Err(invalid()));
    }
    respond_with(
        state,
        client,
        &facts,
        (issued.access, issued.refresh),
        key,
        now,
    )
    .await
    .map(Ok)
}

/// Refreshed tokens about to be stored, and their secret values for the response.
struct Issued {
    access: String,
    refresh: Option<String>,
    rows: Vec<NewOidcToken>,
}

fn new_tokens(state: &AppState, client: &Client, facts: &GrantFacts, now: Timestamp) -> Issued {
    let cfg = &state.config().oidc;
    let row = |secret: &str, kind: OidcTokenKind, ttl: i64| NewOidcToken {
        token_hash: super::digest(secret),
        kind,
        grant: facts.grant,
        client_id: client.id.clone(),
        user_id: facts.user,
        scopes: facts.scopes,
        sub: facts.sub.clone(),
        auth_time: facts.auth.at,
        acr: facts.auth.level,
        amr: facts.auth.methods,
        issued_at: now,
        expires_at: now.plus_seconds(ttl),
    };
    let access = crate::auth::token::random_token();
    let mut rows = vec![row(
        &access,
        OidcTokenKind::Access,
        cfg.access_token_ttl_secs,
    )];
    let refresh = facts.scopes.contains(Scope::OfflineAccess).then(|| {
        let r = crate::auth::token::random_token();
        rows.push(row(&r, OidcTokenKind::Refresh, cfg.refresh_token_ttl_secs));
        r
    });
    Issued {
        access,
        refresh,
        rows,
    }
}

async fn respond_with(
    state: &AppState,
    client: &Client,
    facts: &GrantFacts,
    (access, refresh): (String, Option<String>),
    key: std::sync::Arc<super::keys::LoadedKey>,
    now: Timestamp,
) -> Result<Response, AppError> {
    let cfg = &state.config().oidc;
    let issuer = super::issuer(state);
    let claims = IdTokenClaims::new(
        &IdTokenInput {
            issuer: &issuer,
            sub: &facts.sub,
            client_id: client.id.as_str(),
            nonce: facts.nonce.as_deref(),
            access_token: Some(&access),
            now,
            ttl_secs: cfg.id_token_ttl_secs,
        },
        facts.auth,
    );
    let id_token = super::keys::sign(key, &claims).await?;
    let body = TokenResponse {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: cfg.access_token_ttl_secs,
        scope: facts.scopes.to_scope_string(),
        id_token: Some(id_token),
        refresh_token: refresh,
    };
    Ok(respond::json_no_store(StatusCode::OK, &body))
}
