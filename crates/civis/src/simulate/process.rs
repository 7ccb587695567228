//! The process and its projects, through the HTTP API: the official creates the
//! process, residents propose projects, the official accepts them.

use std::sync::Arc;

use anyhow::Context as _;
use civis_domain::Timestamp;
use rand::Rng;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::pool;
use crate::loadtest::api::{self, Session};

/// Seconds between the phases of the simulated process.
pub const PHASE_SECS: i64 = 3600;

/// When each phase of the simulated process starts, as offsets in phases from `t0`:
/// proposals 1, support 2, review 3, voting 4, close 5, implementation 6.
pub fn at(t0: Timestamp, phases: i64) -> Timestamp {
    t0.plus_seconds(phases * PHASE_SECS)
}

/// Sends a request and checks its status; returns the JSON body.
pub async fn expect(
    client: &reqwest::Client,
    method: Method,
    url: &str,
    session: &Session,
    body: Option<&Value>,
    want: StatusCode,
) -> anyhow::Result<Value> {
    let (status, answer) = api::request(client, method.clone(), url, session, body).await?;
    if status != want {
        anyhow::bail!("{method} {url} answered {status} (expected {want}): {answer}");
    }
    Ok(answer)
}

/// The settings of the simulated process: a knapsack ballot over one citywide budget,
/// greedy outcome, phases [`PHASE_SECS`] apart from `t0`.
pub fn settings(t0: Timestamp, budget: u64) -> Value {
    let t = |n| at(t0, n).to_string();
    json!({
        "title": {"en": "Simulated city budget", "es": "Presupuesto simulado", "et": "Simuleeritud eelarve"},
        "description": {
            "en": "A simulated participatory budget.",
            "es": "Un presupuesto participativo simulado.",
            "et": "Simuleeritud kaasav eelarve."
        },
        "schedule": {
            "proposals_open": t(1), "support_open": t(2), "review_open": t(3),
            "voting_open": t(4), "voting_close": t(5), "implementation_open": t(6)
        },
        "rules": {
            "budgets": {"total": budget, "districts": {}, "categories": {}},
            "eligibility": {},
            "ballot": {"type": "knapsack"},
            "rule": {"rule": "greedy"},
            "tie_break": "lexico"
        }
    })
}

/// Random project costs (10,000–500,000) and a budget of about 40% of their sum.
pub fn costs(rng: &mut impl Rng, projects: usize) -> (Vec<u64>, u64) {
    let costs: Vec<u64> = (0..projects)
        .map(|_| rng.gen_range(10..=500) * 1000)
        .collect();
    let budget = (costs.iter().sum::<u64>() * 2 / 5).max(1000);
    (costs, budget)
}

/// Creates the process as the official; returns its id.
pub async fn create(
    client: &reqwest::Client,
    base: &str,
    official: &Session,
    settings: &Value,
) -> anyhow::Result<i64> {
    let p = expect(
        client,
        Method::POST,
        &format!("{base}/api/v1/processes"),
        official,
        Some(settings),
        StatusCode::CREATED,
    )
    .await?;
    p["id"].as_i64().context("the created process has no id")
}

/// Each author proposes one project (the clock must be in the proposals phase); returns
/// the proposal ids in order.
pub async fn propose(
    client: reqwest::Client,
    base: Arc<str>,
    process: i64,
    authors: Arc<Vec<Session>>,
    costs: Arc<Vec<u64>>,
    concurrency: usize,
) -> anyhow::Result<Vec<i64>> {
    pool::run_all(costs.len(), concurrency, move |i| {
        let (client, base, authors, costs) =
            (client.clone(), base.clone(), authors.clone(), costs.clone());
        async move {
            let body = json!({
                "title": format!("Project {}", i + 1),
                "description": format!("Simulated proposal number {}.", i + 1),
                "estimated_cost": costs[i],
            });
            let v = expect(
                &client,
                Method::POST,
                &format!("{base}/api/v1/processes/{process}/proposals"),
                &authors[i % authors.len()],
                Some(&body),
                StatusCode::CREATED,
            )
            .await?;
            v["id"].as_i64().context("the created proposal has no id")
        }
    })
    .await
}

/// The official accepts every proposal at its estimated cost (the clock must be in the
/// review phase).
pub async fn accept_all(
    client: &reqwest::Client,
    base: &str,
    official: &Session,
    ids: &[i64],
    costs: &[u64],
) -> anyhow::Result<()> {
    for (id, cost) in ids.iter().zip(costs) {
        expect(
            client,
            Method::POST,
            &format!("{base}/api/v1/proposals/{id}/review"),
            official,
            Some(&json!({"status": "accepted", "official_cost": cost})),
            StatusCode::OK,
        )
        .await?;
    }
    Ok(())
}
