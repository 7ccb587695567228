//! A process with secret ballots for `civis loadtest sealed-ballots`, set up through
//! the API in real time: an official (created by the admin when missing) creates it
//! with its phases a few seconds apart, is its one trustee (k = 1: key and dealing
//! made as `civis trustee keygen` and `deal` make them), a resident proposes
//! projects that the official accepts, and voting opens.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use civis_ballot::OsRandomness;
use civis_verify::record::Bytes;
use civis_verify::trustee::{self, TrusteeList};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::api::{self, Session};

/// Projects on the ballot (each costs 100 of a budget of 1,000).
pub const PROJECTS: usize = 4;

/// The process, once voting is open.
#[derive(Debug, Clone)]
pub struct SecretProcess {
    /// Its id.
    pub id: i64,
    /// The accepted projects' ids.
    pub projects: Vec<i64>,
}

/// What setting the process up needs.
pub struct ProcessSetup<'a> {
    /// The HTTP client.
    pub client: &'a reqwest::Client,
    /// The server the official uses.
    pub base: &'a str,
    /// The admin session (creates the official if missing).
    pub admin: &'a Session,
    /// The official's username and password.
    pub official: (&'a str, &'a str),
    /// Seconds between the phases.
    pub phase_seconds: u64,
}

fn now_ms() -> anyhow::Result<u64> {
    Ok(u64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .context("the clock is before 1970")?
            .as_millis(),
    )?)
}

/// RFC 3339 of `ms` milliseconds since the epoch, in UTC.
fn rfc3339(ms: u64) -> String {
    civis_domain::Timestamp::from_millis(i64::try_from(ms).unwrap_or(i64::MAX)).to_string()
}

async fn until(at_ms: u64) -> anyhow::Result<()> {
    let now = now_ms()?;
    if at_ms > now {
        tokio::time::sleep(Duration::from_millis(at_ms - now + 100)).await;
    }
    Ok(())
}

async fn call(
    setup: &ProcessSetup<'_>,
    session: &Session,
    method: Method,
    path: &str,
    body: Value,
    want: StatusCode,
) -> anyhow::Result<Value> {
    let url = format!("{}{path}", setup.base);
    let (status, answer) =
        api::request(setup.client, method.clone(), &url, session, Some(&body)).await?;
    if status != want {
        anyhow::bail!("{method} {path} answered {status}: {answer}");
    }
    Ok(answer)
}

/// Signs the official in, creating the account through the admin API when missing.
pub async fn official(setup: &ProcessSetup<'_>) -> anyhow::Result<Session> {
    let (name, password) = setup.official;
    let (status, body) = api::request(
        setup.client,
        Method::GET,
        &format!("{}/api/v1/users/{name}", setup.base),
        setup.admin,
        None,
    )
    .await?;
    match status {
        StatusCode::OK => {}
        StatusCode::NOT_FOUND => {
            let req = json!({
                "username": name, "password": password, "role": "official",
                "display_name": "Load-test official",
            });
            call(
                setup,
                setup.admin,
                Method::POST,
                "/api/v1/users",
                req,
                StatusCode::CREATED,
            )
            .await?;
        }
        other => anyhow::bail!("reading the official {name} failed: {other} {body}"),
    }
    api::sign_in(setup.client, setup.base, name, password)
        .await?
        .with_context(|| format!("the official {name} does not accept the given password"))
}

/// Creates the process and makes its election key with the official as its one
/// trustee; `author` (a signed-in resident) proposes [`PROJECTS`] projects, the
/// official accepts them. Returns when voting is open.
pub async fn create(
    setup: &ProcessSetup<'_>,
    official: &Session,
    author: &Session,
) -> anyhow::Result<SecretProcess> {
    let gap = setup.phase_seconds.max(1) * 1000;
    let t0 = now_ms()?;
    let at = |n: u64| rfc3339(t0 + n * gap);
    let day = 86_400_000;
    let body = json!({
        "title": {"en": "Sealed ballots load test", "es": "Prueba de carga", "et": "Koormustest"},
        "description": {"en": "Made by civis loadtest sealed-ballots.", "es": "Prueba.", "et": "Test."},
        "schedule": {
            "proposals_open": at(1), "support_open": at(2), "review_open": at(3),
            "voting_open": at(4), "voting_close": rfc3339(t0 + 4 * gap + day),
            "implementation_open": rfc3339(t0 + 4 * gap + 2 * day),
        },
        "rules": {
            "budgets": {"total": 1000, "districts": {}, "categories": {}},
            "eligibility": {},
            "ballot": {"type": "approval", "min": 1, "max": PROJECTS},
            "rule": {"rule": "greedy"},
            "tie_break": "lexico",
            "secret_ballots": true,
        },
    });
    let created = call(
        setup,
        official,
        Method::POST,
        "/api/v1/processes",
        body,
        StatusCode::CREATED,
    )
    .await?;
    let id = created["id"]
        .as_i64()
        .context("the new process has no id")?;
    ceremony(setup, official, id).await?;

    until(t0 + gap).await?;
    let mut proposals = vec![];
    for i in 0..PROJECTS {
        let p = call(
            setup,
            author,
            Method::POST,
            &format!("/api/v1/processes/{id}/proposals"),
            json!({"title": format!("Project {}", i + 1), "description": "For everyone.", "estimated_cost": 100}),
            StatusCode::CREATED,
        )
        .await?;
        proposals.push(p["id"].as_i64().context("a proposal without an id")?);
    }
    until(t0 + 3 * gap).await?;
    for pid in &proposals {
        call(
            setup,
            official,
            Method::POST,
            &format!("/api/v1/proposals/{pid}/review"),
            json!({"status": "accepted", "official_cost": 100}),
            StatusCode::OK,
        )
        .await?;
    }
    until(t0 + 4 * gap).await?;
    Ok(SecretProcess {
        id,
        projects: proposals,
    })
}

/// The official names themself the one trustee (k = 1), makes a key and a
/// dealing and hands both in; the process then has its election key.
async fn ceremony(setup: &ProcessSetup<'_>, official: &Session, id: i64) -> anyhow::Result<()> {
    let (name, _) = setup.official;
    call(
        setup,
        official,
        Method::PUT,
        &format!("/api/v1/processes/{id}/trustees"),
        json!({"threshold": 1, "trustees": [name]}),
        StatusCode::OK,
    )
    .await?;
    let key = trustee::keygen(&mut OsRandomness).map_err(anyhow::Error::msg)?;
    let list = call(
        setup,
        official,
        Method::POST,
        &format!("/api/v1/processes/{id}/trustee/public-key"),
        json!({"public_key": key.public_key}),
        StatusCode::OK,
    )
    .await?;
    let list: TrusteeList =
        serde_json::from_value(list).context("the trustees' list does not parse")?;
    let dealing = trustee::deal(&key, &list, &mut OsRandomness).map_err(anyhow::Error::msg)?;
    let dealt = call(
        setup,
        official,
        Method::POST,
        &format!("/api/v1/processes/{id}/trustee/dealing"),
        json!({"dealing": Bytes(dealing)}),
        StatusCode::OK,
    )
    .await?;
    if dealt["election_public_key"].is_null() {
        anyhow::bail!("the process has no election key after the dealing: {dealt}");
    }
    Ok(())
}
