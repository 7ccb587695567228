//! Discovery (`/.well-known/openid-configuration`) and the JWKS (`/oidc/jwks`).

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use civis_domain::LevelOfAssurance;
use civis_oidc::scope::Scope;
use civis_oidc::wire::ProviderMetadata;

use super::respond;
use crate::state::AppState;

/// The provider metadata for the issuer `issuer`.
pub fn metadata(issuer: &str) -> ProviderMetadata {
    let at = |path: &str| format!("{issuer}{path}");
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let client_auth = strings(&["client_secret_basic", "client_secret_post", "none"]);
    let secret_auth = strings(&["client_secret_basic", "client_secret_post"]);
    ProviderMetadata {
        issuer: issuer.to_owned(),
        authorization_endpoint: at("/oidc/authorize"),
        token_endpoint: at("/oidc/token"),
        userinfo_endpoint: at("/oidc/userinfo"),
        jwks_uri: at("/oidc/jwks"),
        revocation_endpoint: at("/oidc/revoke"),
        introspection_endpoint: at("/oidc/introspect"),
        scopes_supported: Scope::ALL.iter().map(|s| s.as_str().to_owned()).collect(),
        response_types_supported: strings(&["code"]),
        response_modes_supported: strings(&["query"]),
        grant_types_supported: strings(&["authorization_code", "refresh_token"]),
        acr_values_supported: LevelOfAssurance::ALL
            .iter()
            .map(|l| l.acr().to_owned())
            .collect(),
        subject_types_supported: strings(&["pairwise", "public"]),
        id_token_signing_alg_values_supported: strings(&["RS256", "ES256"]),
        token_endpoint_auth_methods_supported: client_auth,
        revocation_endpoint_auth_methods_supported: secret_auth.clone(),
        introspection_endpoint_auth_methods_supported: secret_auth,
        code_challenge_methods_supported: strings(&["S256"]),
        claims_supported: civis_oidc::claims::supported()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        claim_types_supported: strings(&["normal"]),
        claims_parameter_supported: false,
        request_parameter_supported: false,
        request_uri_parameter_supported: false,
        authorization_response_iss_parameter_supported: true,
        ui_locales_supported: strings(&["en", "es", "et"]),
        display_values_supported: strings(&["page"]),
    }
}

fn cached_json(body: &impl serde::Serialize, max_age: u32) -> Response {
    let mut res = respond::json_no_store(StatusCode::OK, body);
    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={max_age}")) {
        res.headers_mut().insert(header::CACHE_CONTROL, v);
    }
    res.headers_mut().remove(header::PRAGMA);
    res
}

/// `GET /.well-known/openid-configuration`.
pub async fn configuration(State(state): State<AppState>) -> Response {
    cached_json(&metadata(&super::issuer(&state)), 3600)
}

/// `GET /oidc/jwks`: cached for five minutes; a key is published a tenth of a
/// rotation (at most a day) before it signs, so cached copies know it in time.
pub async fn jwks(State(state): State<AppState>) -> Response {
    match super::keys::jwks(&state, state.now()).await {
        Ok(set) => cached_json(&set, 300),
        Err(e) => {
            let err = respond::from_app_error(e);
            respond::oauth_error(&err, false).into_response()
        }
    }
}
