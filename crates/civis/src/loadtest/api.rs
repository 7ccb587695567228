//! A thin client of the civis JSON API: sign-in sessions and JSON requests.

use std::time::Duration;

use anyhow::Context as _;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// A signed-in session: the session cookie and the CSRF token that goes with it.
#[derive(Debug, Clone)]
pub struct Session {
    /// `civis_session=…`, ready for a `Cookie` header.
    pub cookie: String,
    /// The value for `X-CSRF-Token`.
    pub csrf: String,
}

/// One HTTP connection pool shared by every worker. Redirects are answers to check, not
/// to follow.
pub fn client(concurrency: u32) -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(usize::try_from(concurrency).unwrap_or(64).max(1))
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()
        .context("cannot build the HTTP client")
}

/// The base URL without a trailing slash.
pub fn base(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

/// Signs in; returns `Ok(None)` when the server refuses the credentials.
pub async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    username: &str,
    password: &str,
) -> anyhow::Result<Option<Session>> {
    let res = client
        .post(format!("{base}/api/v1/auth/sign-in"))
        .json(&serde_json::json!({"username": username, "password": password}))
        .send()
        .await
        .with_context(|| format!("cannot reach {base}"))?;
    if res.status() == StatusCode::UNAUTHORIZED || res.status() == StatusCode::UNPROCESSABLE_ENTITY
    {
        return Ok(None);
    }
    let status = res.status();
    let cookie = res
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civis_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned);
    let body = res.text().await.unwrap_or_default();
    if !status.is_success() {
        anyhow::bail!("signing in as {username} failed: {status} {body}");
    }
    let body: Value = serde_json::from_str(&body).context("sign-in answer is not JSON")?;
    let csrf = body["csrf_token"]
        .as_str()
        .context("sign-in answer has no csrf_token")?
        .to_owned();
    let cookie = cookie.context("sign-in answer sets no civis_session cookie")?;
    Ok(Some(Session { cookie, csrf }))
}

/// A JSON request with the session; returns the status and the body (JSON, or the text
/// as a JSON string when it is not JSON).
pub async fn request(
    client: &reqwest::Client,
    method: Method,
    url: &str,
    session: &Session,
    body: Option<&Value>,
) -> anyhow::Result<(StatusCode, Value)> {
    let mut req = client
        .request(method.clone(), url)
        .header(reqwest::header::COOKIE, &session.cookie);
    if method != Method::GET {
        req = req.header("x-csrf-token", &session.csrf);
    }
    if let Some(body) = body {
        req = req.json(body);
    }
    let res = req
        .send()
        .await
        .with_context(|| format!("{method} {url}"))?;
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Ok((status, value))
}

/// A GET that must succeed with JSON.
pub async fn get_ok(
    client: &reqwest::Client,
    url: &str,
    session: &Session,
) -> anyhow::Result<Value> {
    let (status, body) = request(client, Method::GET, url, session, None).await?;
    if !status.is_success() {
        anyhow::bail!("GET {url} answered {status}: {body}");
    }
    Ok(body)
}
