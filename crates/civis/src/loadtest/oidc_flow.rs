//! One complete authorization code flow as a confidential relying party runs it for a
//! signed-in resident: `GET /oidc/authorize` (PKCE S256, state, nonce) with the session
//! cookie, `POST /oidc/token` (HTTP Basic client authentication, the code verifier),
//! `GET /oidc/userinfo` with the access token; every answer is checked.

use std::time::Instant;

use reqwest::StatusCode;
use serde_json::Value;

use super::api::Session;
use super::latency::micros_since;
use super::oidc_provider::Provider;
use super::oidc_setup::SCOPE;

/// The relying party's registration.
#[derive(Debug, Clone)]
pub struct Client {
    /// The client id.
    pub id: String,
    /// The client secret.
    pub secret: String,
    /// The redirect URI.
    pub redirect_uri: String,
}

/// The per-request secrets of one authorization request.
#[derive(Debug, Clone)]
pub struct FlowRequest {
    /// The PKCE verifier (43 base64url characters).
    pub verifier: String,
    /// `state`.
    pub state: String,
    /// `nonce`.
    pub nonce: String,
}

impl FlowRequest {
    /// Fresh random values.
    pub fn new() -> Self {
        let r = || civis_oidc::b64::encode(&rand::random::<[u8; 32]>());
        FlowRequest {
            verifier: r(),
            state: r(),
            nonce: r(),
        }
    }
}

/// Microseconds each step took, and the whole flow.
#[derive(Debug, Clone, Copy)]
pub struct Timings {
    /// `GET /oidc/authorize`.
    pub authorize: u64,
    /// `POST /oidc/token`.
    pub token: u64,
    /// `GET /oidc/userinfo`.
    pub userinfo: u64,
    /// The whole flow.
    pub flow: u64,
}

/// The authorization request URL.
pub fn authorize_url(base: &str, client: &Client, req: &FlowRequest) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", &client.id)
        .append_pair("redirect_uri", &client.redirect_uri)
        .append_pair("scope", SCOPE)
        .append_pair("state", &req.state)
        .append_pair("nonce", &req.nonce)
        .append_pair(
            "code_challenge",
            &civis_oidc::pkce::s256_challenge(&req.verifier),
        )
        .append_pair("code_challenge_method", "S256")
        .finish();
    format!("{base}/oidc/authorize?{query}")
}

/// The code of an authorization response (a 302 to the redirect URI carrying our
/// `state` and the server's `iss`).
pub fn code_of(
    res: &reqwest::Response,
    client: &Client,
    provider: &Provider,
    req: &FlowRequest,
) -> Result<String, String> {
    if res.status() != StatusCode::FOUND {
        return Err(format!("authorize answered {}, not 302", res.status()));
    }
    let location = res
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or("authorize: a redirect without Location")?;
    code_in(location, client, provider, req)
}

/// The code in `location`, the client's redirect URI with the authorization
/// response, after checking `state` and `iss`.
pub fn code_in(
    location: &str,
    client: &Client,
    provider: &Provider,
    req: &FlowRequest,
) -> Result<String, String> {
    let Some(query) = location
        .strip_prefix(client.redirect_uri.as_str())
        .and_then(|rest| rest.strip_prefix('?'))
    else {
        return Err(format!("authorize redirected to {location}"));
    };
    let (mut code, mut state, mut iss, mut error) = (None, None, None, None);
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "code" => code = Some(v.into_owned()),
            "state" => state = Some(v.into_owned()),
            "iss" => iss = Some(v.into_owned()),
            "error" => error = Some(v.into_owned()),
            _ => {}
        }
    }
    if let Some(e) = error {
        return Err(format!("authorize answered error={e}"));
    }
    if state.as_deref() != Some(req.state.as_str()) {
        return Err("authorize: state does not match".into());
    }
    if iss.as_deref() != Some(provider.issuer.as_str()) {
        return Err(format!("authorize: iss {iss:?} is not {}", provider.issuer));
    }
    code.filter(|c| !c.is_empty())
        .ok_or_else(|| "authorize: no code".into())
}

async fn json_of(res: reqwest::Response, step: &str) -> Result<Value, String> {
    let status = res.status();
    let text = res
        .text()
        .await
        .map_err(|e| format!("{step}: reading the answer: {e}"))?;
    if status != StatusCode::OK {
        return Err(format!("{step} answered {status}: {text}"));
    }
    serde_json::from_str(&text).map_err(|_| format!("{step} did not answer JSON"))
}

/// Runs one flow for `resident`; returns how long each step took.
pub async fn run(
    http: &reqwest::Client,
    provider: &Provider,
    client: &Client,
    resident: &Session,
) -> Result<Timings, String> {
    let req = FlowRequest::new();
    let start = Instant::now();
    let res = http
        .get(authorize_url(&provider.base, client, &req))
        .header(reqwest::header::COOKIE, &resident.cookie)
        .send()
        .await
        .map_err(|e| format!("authorize: {e}"))?;
    let code = code_of(&res, client, provider, &req)?;
    drop(res);
    let authorize = micros_since(start);

    let sent = Instant::now();
    let res = http
        .post(format!("{}/oidc/token", provider.base))
        .basic_auth(&client.id, Some(&client.secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", client.redirect_uri.as_str()),
            ("code_verifier", req.verifier.as_str()),
        ])
        .send()
        .await
        .map_err(|e| format!("token: {e}"))?;
    let tokens = json_of(res, "token").await?;
    let token = micros_since(sent);
    if !tokens["token_type"]
        .as_str()
        .is_some_and(|t| t.eq_ignore_ascii_case("bearer"))
    {
        return Err(format!("token: token_type {}", tokens["token_type"]));
    }
    let access = tokens["access_token"]
        .as_str()
        .filter(|t| !t.is_empty())
        .ok_or("token: no access_token")?;
    let id_token = tokens["id_token"].as_str().ok_or("token: no id_token")?;
    let now_secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let claims = provider.verify_id_token(id_token, &client.id, &req.nonce, now_secs)?;
    if let Some(h) = &claims.at_hash {
        if *h != civis_oidc::claims::at_hash(access) {
            return Err("ID token at_hash does not match the access token".into());
        }
    }

    let sent = Instant::now();
    let res = http
        .get(format!("{}/oidc/userinfo", provider.base))
        .bearer_auth(access)
        .send()
        .await
        .map_err(|e| format!("userinfo: {e}"))?;
    let info = json_of(res, "userinfo").await?;
    let userinfo = micros_since(sent);
    if info["sub"] != claims.sub.as_str() {
        return Err("userinfo sub is not the ID token's sub".into());
    }
    Ok(Timings {
        authorize,
        token,
        userinfo,
        flow: micros_since(start),
    })
}
