//! `civis loadtest passkey`: passkey sign-ins per second. Before the clock starts,
//! each resident registers a passkey held by a software authenticator
//! (`civis_identity::soft_authenticator`: P-256, ES256, user verification); each
//! timed sign-in is a whole WebAuthn ceremony over HTTP, as a browser runs it:
//! `POST /api/v1/auth/passkey/challenge`, a fresh assertion over the challenge, then
//! `POST /api/v1/auth/passkey`, which must answer `200` with a new session.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use civis_identity::soft_authenticator::{SoftAuthenticator, Tamper};
use reqwest::Method;
use serde::Serialize;
use serde_json::{json, Value};
use tokio::sync::Mutex;

use super::api::{self, Session};
use super::drive::{self, Limit};
use super::identity;
use super::latency::{micros_since, Latency};
use crate::cli::PasskeyLoadArgs;

/// The figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct PasskeyReport {
    /// Servers the sign-ins were spread over.
    pub servers: usize,
    /// Residents, each with one passkey.
    pub residents: usize,
    /// Sign-ins in flight at once.
    pub concurrency: usize,
    /// Sign-ins sent.
    pub sign_ins: u64,
    /// Sign-ins answered 200 with a session.
    pub ok: u64,
    /// Sign-ins that failed.
    pub errors: u64,
    /// Wall time of the sign-ins, in seconds.
    pub duration_s: f64,
    /// Successful sign-ins per second.
    pub sign_ins_per_second: f64,
    /// Latency of a whole ceremony (challenge, assertion, finish).
    pub latency: Latency,
}

impl PasskeyReport {
    /// The human-readable summary.
    pub fn text(&self) -> String {
        format!(
            "{n} passkey sign-ins by {r} residents, concurrency {c}, {servers} server(s)\n  \
             signed in {ok}, errors {errors}, in {d:.2} s\n  \
             throughput {sps:.1} sign-ins/s\n  latency {lat}\n",
            n = self.sign_ins,
            r = self.residents,
            c = self.concurrency,
            servers = self.servers,
            ok = self.ok,
            errors = self.errors,
            d = self.duration_s,
            sps = self.sign_ins_per_second,
            lat = self.latency.text(),
        )
    }
}

/// The WebAuthn origin of a server: its base URL, with a loopback address named
/// `localhost` (a relying party needs a domain; the server does the same).
pub fn origin(base: &str) -> anyhow::Result<String> {
    let mut url = reqwest::Url::parse(base).with_context(|| format!("bad URL {base}"))?;
    if matches!(url.host_str(), Some("127.0.0.1" | "[::1]")) {
        url.set_host(Some("localhost"))
            .context("cannot name the loopback address localhost")?;
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// `POST` a JSON body (with the session when given); the status and the answer.
async fn post(
    client: &reqwest::Client,
    url: &str,
    session: Option<&Session>,
    body: &Value,
) -> anyhow::Result<(reqwest::StatusCode, Value)> {
    match session {
        Some(s) => api::request(client, Method::POST, url, s, Some(body)).await,
        None => {
            let res = client
                .post(url)
                .json(body)
                .send()
                .await
                .with_context(|| format!("POST {url}"))?;
            let status = res.status();
            let text = res.text().await.unwrap_or_default();
            Ok((
                status,
                serde_json::from_str(&text).unwrap_or(Value::String(text)),
            ))
        }
    }
}

/// Registers a new passkey held by `key` for the resident of `session`.
async fn register(
    client: &reqwest::Client,
    base: &str,
    session: &Session,
    key: &mut SoftAuthenticator,
) -> anyhow::Result<()> {
    let url = format!("{base}/api/v1/me/passkeys/registration");
    let (status, started) = post(client, &url, Some(session), &json!({})).await?;
    if !status.is_success() {
        anyhow::bail!("POST {url} answered {status}: {started}");
    }
    let credential = key
        .register(&started["options"], &origin(base)?, &Tamper::default())
        .context("the software authenticator refused the registration options")?;
    let url = format!("{base}/api/v1/me/passkeys");
    let body =
        json!({"ceremony": started["ceremony"], "name": "load test key", "credential": credential});
    let (status, answer) = post(client, &url, Some(session), &body).await?;
    if status != reqwest::StatusCode::CREATED {
        anyhow::bail!("POST {url} answered {status}: {answer}");
    }
    Ok(())
}

/// One whole passkey sign-in; `Ok` only with a `200` that opens a session.
async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    key: &mut SoftAuthenticator,
) -> anyhow::Result<()> {
    let url = format!("{base}/api/v1/auth/passkey/challenge");
    let (status, started) = post(client, &url, None, &json!({})).await?;
    if !status.is_success() {
        anyhow::bail!("POST {url} answered {status}: {started}");
    }
    let credential = key
        .assert(&started["options"], &origin(base)?, &Tamper::default())
        .context("the software authenticator refused the sign-in options")?;
    let url = format!("{base}/api/v1/auth/passkey");
    let body = json!({"ceremony": started["ceremony"], "credential": credential});
    let (status, answer) = post(client, &url, None, &body).await?;
    if status != reqwest::StatusCode::OK || answer["csrf_token"].as_str().is_none() {
        anyhow::bail!("POST {url} answered {status}: {answer}");
    }
    Ok(())
}

/// Runs `civis loadtest passkey`.
pub async fn command(args: PasskeyLoadArgs) -> anyhow::Result<()> {
    let limit = Limit::from_args(args.sign_ins, args.common.duration)?;
    let prepared = identity::prepare(&args.common).await?;
    let residents = prepared.sessions.len();
    eprintln!("civis loadtest: registering a passkey for each of {residents} residents…");
    let started = Instant::now();
    let mut keys = Vec::with_capacity(residents);
    for (i, session) in prepared.sessions.iter().enumerate() {
        let base = &prepared.urls[i % prepared.urls.len()];
        let mut key = SoftAuthenticator::new().context("cannot make a software authenticator")?;
        register(&prepared.client, base, session, &mut key).await?;
        keys.push(Mutex::new(key));
    }
    eprintln!(
        "civis loadtest: {residents} passkeys registered in {:.1} s; signing in…",
        started.elapsed().as_secs_f64()
    );
    let keys = Arc::new(keys);
    let urls = Arc::new(prepared.urls.clone());
    let http = prepared.client.clone();
    let out = drive::drive(prepared.concurrency, limit, move |i| {
        let (http, keys, urls) = (http.clone(), keys.clone(), urls.clone());
        async move {
            let r = i % keys.len();
            let base = &urls[r % urls.len()];
            // One ceremony at a time per authenticator: its signature counter must
            // reach the server in order.
            let mut key = keys[r].lock().await;
            let sent = Instant::now();
            match sign_in(&http, base, &mut key).await {
                Ok(()) => Ok(micros_since(sent)),
                Err(e) => Err(format!("resident {r}: {e:#}")),
            }
        }
    })
    .await?;
    let ok = out.ok.len();
    let report = PasskeyReport {
        servers: prepared.urls.len(),
        residents,
        concurrency: prepared.concurrency,
        sign_ins: ok as u64 + out.errors,
        ok: ok as u64,
        errors: out.errors,
        duration_s: (out.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        sign_ins_per_second: drive::rate(ok, out.elapsed),
        latency: Latency::of(out.ok),
    };
    if args.common.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.text());
    }
    identity::fail_on_errors(out.errors, &out.samples)
}

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn loopback_origins_are_named_localhost() {
        assert_eq!(
            origin("http://127.0.0.1:8080/").unwrap(),
            "http://localhost:8080"
        );
        assert_eq!(
            origin("https://civis.example.org").unwrap(),
            "https://civis.example.org"
        );
    }
}
