//! The residents who vote: created through the admin API (or reused), given the profile
//! eligibility needs, and signed in, all before the timed part.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Context as _;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::api::{self, Session};
use super::target::Eligibility;

/// The password of every load-test resident.
pub const VOTER_PASSWORD: &str = "civis-loadtest-password";

/// What preparing the voters needs.
pub struct Setup {
    /// The HTTP client.
    pub client: reqwest::Client,
    /// Base URLs; voter `i` signs in on `urls[i % len]`.
    pub urls: Vec<String>,
    /// The admin session (on `urls[0]`).
    pub admin: Session,
    /// Username prefix.
    pub prefix: String,
    /// Who may vote.
    pub eligibility: Eligibility,
}

/// The username of voter `i` (0-based).
pub fn username(prefix: &str, i: usize) -> String {
    format!("{prefix}{:05}", i + 1)
}

/// Creates (or reuses) and signs in `count` voters with `concurrency` requests at once.
/// Returns their sessions, in voter order.
pub async fn prepare(
    setup: Arc<Setup>,
    count: usize,
    concurrency: usize,
) -> anyhow::Result<Vec<Session>> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = vec![];
    for _ in 0..concurrency.clamp(1, count.max(1)) {
        let setup = setup.clone();
        let next = next.clone();
        workers.push(tokio::spawn(async move {
            let mut done = vec![];
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    return Ok::<_, anyhow::Error>(done);
                }
                let session = prepare_one(&setup, i).await?;
                done.push((i, session));
            }
        }));
    }
    let mut sessions: Vec<Option<Session>> = vec![None; count];
    for w in workers {
        for (i, s) in w.await.context("a setup worker stopped")?? {
            if let Some(slot) = sessions.get_mut(i) {
                *slot = Some(s);
            }
        }
    }
    sessions
        .into_iter()
        .map(|s| s.context("a voter was not prepared"))
        .collect()
}

async fn prepare_one(setup: &Setup, i: usize) -> anyhow::Result<Session> {
    let name = username(&setup.prefix, i);
    let admin_base = &setup.urls[0];
    let client = &setup.client;
    let (status, body) = api::request(
        client,
        Method::GET,
        &format!("{admin_base}/api/v1/users/{name}"),
        &setup.admin,
        None,
    )
    .await?;
    let user = match status {
        StatusCode::OK => body,
        StatusCode::NOT_FOUND => {
            let req = json!({
                "username": name,
                "password": VOTER_PASSWORD,
                "role": "resident",
                "display_name": format!("Load voter {}", i + 1),
            });
            let (status, body) = api::request(
                client,
                Method::POST,
                &format!("{admin_base}/api/v1/users"),
                &setup.admin,
                Some(&req),
            )
            .await?;
            if status != StatusCode::CREATED {
                anyhow::bail!("creating resident {name} failed: {status} {body}");
            }
            body
        }
        other => anyhow::bail!("reading resident {name} failed: {other} {body}"),
    };
    if setup.eligibility.district.is_some() || setup.eligibility.min_age.is_some() {
        let id = user["id"].as_i64().context("user without an id")?;
        let profile = json!({
            "district": setup.eligibility.district,
            "birth_date": "1970-01-01",
        });
        let (status, body) = api::request(
            client,
            Method::PUT,
            &format!("{admin_base}/api/v1/users/{id}/resident-profile"),
            &setup.admin,
            Some(&profile),
        )
        .await?;
        if !status.is_success() {
            anyhow::bail!("setting the profile of {name} failed: {status} {body}");
        }
    }
    let base = &setup.urls[i % setup.urls.len()];
    api::sign_in(client, base, &name, VOTER_PASSWORD)
        .await?
        .with_context(|| {
            format!("{name} exists but does not accept the load-test password; use another --voter-prefix")
        })
}
