//! The authorization request (OpenID Connect Core §3.1.2.1, RFC 6749 §4.1.1,
//! RFC 7636 §4.3): validation in the order the standards imply.
//!
//! Until the client and its redirect URI are known to be right, an error must
//! not be sent to the redirect URI (RFC 6749 §4.1.2.1): those are
//! [`AuthorizeFailure::Page`], shown to the resident. Every later error goes
//! back to the client ([`AuthorizeFailure::Redirect`]).

use std::collections::BTreeMap;

use civis_domain::LevelOfAssurance;

use crate::client::{Client, ClientId};
use crate::error::{ErrorCode, OAuthError};
use crate::pkce;
use crate::scope::{Scope, Scopes};

/// The parameters this provider reads; a repeated one is refused.
const KNOWN: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "prompt",
    "max_age",
    "acr_values",
    "ui_locales",
    "login_hint",
    "id_token_hint",
    "response_mode",
    "request",
    "request_uri",
    "registration",
    "display",
    "claims",
];

/// Longest `state` and `nonce` accepted.
pub const MAX_STATE_LEN: usize = 2048;

/// The parameters of an authorization request, as received (query string
/// or form body), before anything is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRequest {
    params: BTreeMap<String, String>,
    repeated: Vec<String>,
}

impl RawRequest {
    /// Collects `pairs`; parameters this provider does not read are dropped,
    /// and a known parameter given twice is remembered as repeated.
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut raw = RawRequest::default();
        for (k, v) in pairs {
            let k = k.as_ref();
            if !KNOWN.contains(&k) {
                continue;
            }
            if raw.params.contains_key(k) {
                if !raw.repeated.iter().any(|r| r == k) {
                    raw.repeated.push(k.to_owned());
                }
            } else {
                raw.params.insert(k.to_owned(), v.as_ref().to_owned());
            }
        }
        raw
    }

    /// A parameter's value; empty values count as absent (RFC 6749 §3.1).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The known parameters, for rebuilding the request (sign-in return URL,
    /// consent form).
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The `client_id`, if given once: the caller looks the client up with it.
    pub fn client_id(&self) -> Result<ClientId, PageError> {
        if self.repeated.iter().any(|r| r == "client_id") {
            return Err(PageError::Repeated);
        }
        let id = self.get("client_id").ok_or(PageError::MissingClientId)?;
        ClientId::parse(id).map_err(|_| PageError::UnknownClient)
    }
}

/// An error about the request that must not go to the redirect URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageError {
    /// No `client_id`.
    MissingClientId,
    /// No client with this id.
    UnknownClient,
    /// No `redirect_uri` (OpenID Connect requires it).
    MissingRedirectUri,
    /// The `redirect_uri` is not one the client registered.
    RedirectUriMismatch,
    /// `client_id` or `redirect_uri` given twice.
    Repeated,
}

impl PageError {
    /// A stable name for message ids and tests.
    pub const fn key(self) -> &'static str {
        match self {
            Self::MissingClientId => "missing-client-id",
            Self::UnknownClient => "unknown-client",
            Self::MissingRedirectUri => "missing-redirect-uri",
            Self::RedirectUriMismatch => "redirect-uri-mismatch",
            Self::Repeated => "repeated",
        }
    }
}

/// Why an authorization request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorizeFailure {
    /// Show an error page; never redirect.
    Page(PageError),
    /// Send `error` (with `state`) to the client's redirect URI.
    Redirect(Box<RedirectError>),
}

/// An error to send to the client's (verified) redirect URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectError {
    /// The verified redirect URI.
    pub redirect_uri: String,
    /// The request's `state`, echoed back.
    pub state: Option<String>,
    /// The error.
    pub error: OAuthError,
}

/// The `prompt` parameter (OpenID Connect Core §3.1.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Prompt {
    /// `none`: no page may be shown.
    pub none: bool,
    /// `login`: the resident must authenticate again.
    pub login: bool,
    /// `consent`: ask for consent even if it was given before.
    pub consent: bool,
    /// `select_account`: a session holds one account, so this asks for nothing more.
    pub select_account: bool,
}

impl Prompt {
    /// Parses the space-separated values; `None` with other values, or an
    /// unknown value, is an error.
    pub fn parse(text: &str) -> Result<Self, OAuthError> {
        let mut p = Prompt::default();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            match word {
                "none" => p.none = true,
                "login" => p.login = true,
                "consent" => p.consent = true,
                "select_account" => p.select_account = true,
                _ => {
                    return Err(OAuthError::invalid_request(format!(
                        "prompt value {word} is not supported"
                    )))
                }
            }
        }
        if p.none && (p.login || p.consent || p.select_account) {
            return Err(OAuthError::invalid_request(
                "prompt=none cannot be combined with other values",
            ));
        }
        Ok(p)
    }
}

/// A valid authorization request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationRequest {
    /// The client.
    pub client_id: ClientId,
    /// The redirect URI, registered by the client.
    pub redirect_uri: String,
    /// The scopes requested that this provider knows (all allowed for the client).
    pub scopes: Scopes,
    /// Echoed back to the client.
    pub state: Option<String>,
    /// Put into the ID token.
    pub nonce: Option<String>,
    /// The PKCE `S256` challenge.
    pub code_challenge: String,
    /// What the client allows or demands to be shown.
    pub prompt: Prompt,
    /// The longest time since the resident last authenticated, in seconds.
    pub max_age: Option<i64>,
    /// The level the session must have: the client's minimum, raised to the
    /// lowest level the client listed in `acr_values`.
    pub required_level: LevelOfAssurance,
    /// `ui_locales`, for the pages shown.
    pub ui_locales: Option<String>,
    /// `id_token_hint`, checked by the caller (it needs the signing keys).
    pub id_token_hint: Option<String>,
}

/// Validates `raw` for `client` (looked up with [`RawRequest::client_id`]).
pub fn validate(
    raw: &RawRequest,
    client: &Client,
) -> Result<AuthorizationRequest, AuthorizeFailure> {
    if raw
        .repeated
        .iter()
        .any(|r| r == "redirect_uri" || r == "client_id")
    {
        return Err(AuthorizeFailure::Page(PageError::Repeated));
    }
    let redirect_uri = raw
        .get("redirect_uri")
        .ok_or(AuthorizeFailure::Page(PageError::MissingRedirectUri))?;
    if !client.has_redirect_uri(redirect_uri) {
        return Err(AuthorizeFailure::Page(PageError::RedirectUriMismatch));
    }
    let state = raw.get("state").map(str::to_owned);
    let fail = |error: OAuthError| {
        AuthorizeFailure::Redirect(Box::new(RedirectError {
            redirect_uri: redirect_uri.to_owned(),
            state: state.clone(),
            error,
        }))
    };
    if let Some(name) = raw.repeated.first() {
        return Err(fail(OAuthError::invalid_request(format!(
            "{name} is given more than once"
        ))));
    }
    if raw.get("request").is_some() {
        return Err(fail(OAuthError::new(
            ErrorCode::RequestNotSupported,
            "request objects are not supported",
        )));
    }
    if raw.get("request_uri").is_some() {
        return Err(fail(OAuthError::new(
            ErrorCode::RequestUriNotSupported,
            "request_uri is not supported",
        )));
    }
    if raw.get("registration").is_some() {
        return Err(fail(OAuthError::new(
            ErrorCode::RegistrationNotSupported,
            "the registration parameter is not supported",
        )));
    }
    match raw.get("response_type") {
        None => {
            return Err(fail(OAuthError::invalid_request(
                "response_type is missing",
            )))
        }
        Some("code") => {}
        Some(_) => {
            return Err(fail(OAuthError::new(
                ErrorCode::UnsupportedResponseType,
                "only response_type=code is supported",
            )))
        }
    }
    if let Some(mode) = raw.get("response_mode") {
        if mode != "query" {
            return Err(fail(OAuthError::invalid_request(
                "only response_mode=query is supported",
            )));
        }
    }
    let (scopes, _unknown) = Scopes::parse_request(raw.get("scope").unwrap_or_default());
    if !scopes.contains(Scope::OpenId) {
        return Err(fail(OAuthError::new(
            ErrorCode::InvalidScope,
            "the openid scope is required",
        )));
    }
    let not_allowed = scopes.minus(client.settings.allowed_scopes);
    if !not_allowed.is_empty() {
        return Err(fail(OAuthError::new(
            ErrorCode::InvalidScope,
            format!(
                "scope not allowed for this client: {}",
                not_allowed.to_scope_string()
            ),
        )));
    }
    match raw.get("code_challenge_method") {
        Some(pkce::S256) => {}
        None => {
            return Err(fail(OAuthError::invalid_request(
                "PKCE is required: code_challenge_method must be S256",
            )))
        }
        Some(_) => {
            return Err(fail(OAuthError::invalid_request(
                "code_challenge_method must be S256",
            )))
        }
    }
    let code_challenge = match raw.get("code_challenge") {
        None => {
            return Err(fail(OAuthError::invalid_request(
                "code_challenge is missing",
            )))
        }
        Some(c) if !pkce::valid_challenge(c) => {
            return Err(fail(OAuthError::invalid_request(
                "code_challenge must be 43 base64url characters",
            )))
        }
        Some(c) => c.to_owned(),
    };
    let prompt = Prompt::parse(raw.get("prompt").unwrap_or_default()).map_err(fail)?;
    let max_age = match raw.get("max_age") {
        None => None,
        Some(text) => Some(
            text.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| {
                    fail(OAuthError::invalid_request(
                        "max_age must be a non-negative integer",
                    ))
                })?,
        ),
    };
    let nonce = raw.get("nonce").map(str::to_owned);
    if state.as_ref().is_some_and(|s| s.len() > MAX_STATE_LEN)
        || nonce.as_ref().is_some_and(|s| s.len() > MAX_STATE_LEN)
    {
        return Err(fail(OAuthError::invalid_request(
            "state and nonce must be at most 2048 characters",
        )));
    }
    let requested = raw
        .get("acr_values")
        .unwrap_or_default()
        .split(' ')
        .filter_map(LevelOfAssurance::from_acr)
        .min();
    let required_level = requested.map_or(client.settings.min_level, |r| {
        r.max(client.settings.min_level)
    });
    Ok(AuthorizationRequest {
        client_id: client.id.clone(),
        redirect_uri: redirect_uri.to_owned(),
        scopes,
        state,
        nonce,
        code_challenge,
        prompt,
        max_age,
        required_level,
        ui_locales: raw.get("ui_locales").map(str::to_owned),
        id_token_hint: raw.get("id_token_hint").map(str::to_owned),
    })
}

/// `redirect_uri` with `params` added to its query (RFC 6749 §4.1.2: the
/// query component of a redirect URI is kept).
pub fn redirect_with(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(mut url) => {
            {
                let mut q = url.query_pairs_mut();
                for (k, v) in params {
                    q.append_pair(k, v);
                }
            }
            url.to_string()
        }
        // Registered URIs are checked to parse; fall back to plain appending.
        Err(_) => {
            let sep = if redirect_uri.contains('?') { '&' } else { '?' };
            let query: Vec<String> = params
                .iter()
                .map(|(k, v)| format!("{k}={}", form_encode(v)))
                .collect();
            format!("{redirect_uri}{sep}{}", query.join("&"))
        }
    }
}

/// `application/x-www-form-urlencoded` encoding of one value.
pub fn form_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The error redirect for `e`: `error`, `error_description`, `state`, `iss`.
pub fn error_redirect(e: &RedirectError, issuer: &str) -> String {
    let mut params = vec![
        ("error", e.error.code.as_str()),
        ("error_description", e.error.description.as_str()),
    ];
    if let Some(s) = &e.state {
        params.push(("state", s));
    }
    params.push(("iss", issuer));
    redirect_with(&e.redirect_uri, &params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{ClientKind, ClientSettings, SubjectType};
    use civis_domain::Timestamp;

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn client(min: LevelOfAssurance) -> Client {
        Client {
            id: ClientId::parse("library").unwrap(),
            settings: ClientSettings {
                name: "Library".into(),
                redirect_uris: vec!["https://lib.example/cb?x=1".into()],
                allowed_scopes: Scopes::one(Scope::OpenId).with(Scope::Profile),
                min_level: min,
                subject_type: SubjectType::Pairwise,
                kind: ClientKind::Confidential,
                sector_identifier: None,
                id_token_alg: crate::jws::Alg::Rs256,
            },
            secret_hash: None,
            created_at: Timestamp::EPOCH,
            updated_at: Timestamp::EPOCH,
        }
    }

    fn good() -> Vec<(&'static str, &'static str)> {
        vec![
            ("response_type", "code"),
            ("client_id", "library"),
            ("redirect_uri", "https://lib.example/cb?x=1"),
            ("scope", "openid profile"),
            ("state", "s1"),
            ("nonce", "n1"),
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ]
    }

    fn with(changes: &[(&'static str, Option<&'static str>)]) -> RawRequest {
        let mut pairs = good();
        for (k, v) in changes {
            pairs.retain(|(pk, _)| pk != k);
            if let Some(v) = v {
                pairs.push((k, v));
            }
        }
        RawRequest::from_pairs(pairs)
    }

    fn code_of(raw: &RawRequest) -> ErrorCode {
        match validate(raw, &client(LevelOfAssurance::Low)) {
            Err(AuthorizeFailure::Redirect(e)) => {
                assert_eq!(e.state.as_deref(), Some("s1"));
                e.error.code
            }
            other => panic!("expected a redirect error, got {other:?}"),
        }
    }

    #[test]
    fn a_good_request_validates() {
        let raw = RawRequest::from_pairs(good());
        assert_eq!(raw.client_id().unwrap().as_str(), "library");
        let r = validate(&raw, &client(LevelOfAssurance::Low)).unwrap();
        assert_eq!(r.scopes.to_scope_string(), "openid profile");
        assert_eq!(r.nonce.as_deref(), Some("n1"));
        assert_eq!(r.required_level, LevelOfAssurance::Low);
        assert_eq!(r.prompt, Prompt::default());
    }

    #[test]
    fn client_and_redirect_errors_are_never_redirected() {
        let c = client(LevelOfAssurance::Low);
        let raw = with(&[("redirect_uri", Some("https://evil.example/cb"))]);
        assert_eq!(
            validate(&raw, &c),
            Err(AuthorizeFailure::Page(PageError::RedirectUriMismatch))
        );
        let raw = with(&[("redirect_uri", Some("https://lib.example/cb"))]);
        assert_eq!(
            validate(&raw, &c),
            Err(AuthorizeFailure::Page(PageError::RedirectUriMismatch))
        );
        let raw = with(&[("redirect_uri", None)]);
        assert_eq!(
            validate(&raw, &c),
            Err(AuthorizeFailure::Page(PageError::MissingRedirectUri))
        );
        assert_eq!(
            with(&[("client_id", None)]).client_id(),
            Err(PageError::MissingClientId)
        );
        let mut pairs = good();
        pairs.push(("redirect_uri", "https://evil.example/cb"));
        assert_eq!(
            validate(&RawRequest::from_pairs(pairs), &c),
            Err(AuthorizeFailure::Page(PageError::Repeated))
        );
    }

    #[test]
    fn later_errors_go_to_the_client_with_the_standard_code() {
        use ErrorCode::*;
        type Change = (&'static str, Option<&'static str>);
        let cases: &[(&[Change], ErrorCode)] = &[
            (&[("response_type", None)], InvalidRequest),
            (&[("response_type", Some("token"))], UnsupportedResponseType),
            (
                &[("response_type", Some("code id_token"))],
                UnsupportedResponseType,
            ),
            (&[("scope", Some("profile"))], InvalidScope),
            (&[("scope", Some("openid address"))], InvalidScope),
            (&[("code_challenge", None)], InvalidRequest),
            (&[("code_challenge", Some("short"))], InvalidRequest),
            (&[("code_challenge_method", None)], InvalidRequest),
            (&[("code_challenge_method", Some("plain"))], InvalidRequest),
            (&[("prompt", Some("none login"))], InvalidRequest),
            (&[("prompt", Some("bogus"))], InvalidRequest),
            (&[("max_age", Some("-1"))], InvalidRequest),
            (&[("max_age", Some("soon"))], InvalidRequest),
            (&[("request", Some("eyJ"))], RequestNotSupported),
            (
                &[("request_uri", Some("https://x"))],
                RequestUriNotSupported,
            ),
            (&[("registration", Some("{}"))], RegistrationNotSupported),
            (&[("response_mode", Some("fragment"))], InvalidRequest),
        ];
        for (changes, want) in cases {
            let raw = with(changes);
            assert_eq!(code_of(&raw), *want, "{changes:?}");
        }
        let mut pairs = good();
        pairs.push(("nonce", "again"));
        assert_eq!(code_of(&RawRequest::from_pairs(pairs)), InvalidRequest);
    }

    #[test]
    fn unknown_scopes_are_ignored() {
        let raw = with(&[("scope", Some("openid email"))]);
        let r = validate(&raw, &client(LevelOfAssurance::Low)).unwrap();
        assert_eq!(r.scopes, Scopes::one(Scope::OpenId));
    }

    #[test]
    fn acr_values_raise_the_required_level() {
        let c = client(LevelOfAssurance::Low);
        let r = validate(
            &with(&[(
                "acr_values",
                Some("http://eidas.europa.eu/LoA/high substantial"),
            )]),
            &c,
        )
        .unwrap();
        assert_eq!(r.required_level, LevelOfAssurance::Substantial);
        let r = validate(&with(&[("acr_values", Some("urn:unknown"))]), &c).unwrap();
        assert_eq!(r.required_level, LevelOfAssurance::Low);
        let strict = client(LevelOfAssurance::Substantial);
        let r = validate(&with(&[("acr_values", Some("low"))]), &strict).unwrap();
        assert_eq!(r.required_level, LevelOfAssurance::Substantial);
    }

    #[test]
    fn error_redirect_keeps_the_registered_query() {
        let e = RedirectError {
            redirect_uri: "https://lib.example/cb?x=1".into(),
            state: Some("a b".into()),
            error: OAuthError::invalid_request("bad"),
        };
        assert_eq!(
            error_redirect(&e, "https://id.example"),
            "https://lib.example/cb?x=1&error=invalid_request&error_description=bad&state=a+b&iss=https%3A%2F%2Fid.example"
        );
    }
}
