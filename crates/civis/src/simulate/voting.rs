//! The voting stage: every resident casts a valid random ballot through the API; some
//! change it afterwards (only the last one counts) and some first send an invalid
//! ballot, which the server must refuse with 422.

use std::sync::Arc;

use anyhow::Context as _;
use rand::rngs::StdRng;
use rand::SeedableRng as _;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::pool;
use crate::loadtest::api::{self, Session};
use crate::loadtest::ballots;
use crate::loadtest::target::Target;

/// Every this many voters one first sends an invalid ballot.
pub const INVALID_EVERY: usize = 50;
/// Every this many voters one changes their ballot after casting it.
pub const REVOTE_EVERY: usize = 10;

/// What the voting stage counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Ballots acknowledged (200), re-votes included.
    pub acknowledged: u64,
    /// Residents who changed their ballot (acknowledged with revision 2).
    pub revotes: u64,
    /// Invalid ballots sent.
    pub invalid_sent: u64,
    /// Invalid ballots refused with 422.
    pub invalid_refused: u64,
}

/// Whether voter `i` first sends an invalid ballot.
pub fn sends_invalid(i: usize) -> bool {
    i % INVALID_EVERY == INVALID_EVERY / 2
}

/// Whether voter `i` changes their ballot.
pub fn revotes(i: usize) -> bool {
    i % REVOTE_EVERY == REVOTE_EVERY / 2
}

/// One of four invalid ballots for a knapsack process: an unknown project, every
/// project at once (over the budget), one project twice, or a ranking instead of
/// approvals.
fn invalid_ballot(i: usize, target: &Target) -> Value {
    let first = target.projects.first().map_or(0, |p| p.id);
    match (i / INVALID_EVERY) % 4 {
        0 => json!({"approvals": [i64::MAX]}),
        1 => json!({"approvals": target.projects.iter().map(|p| p.id).collect::<Vec<_>>()}),
        2 => json!({"approvals": [first, first]}),
        _ => json!({"ranking": [first]}),
    }
}

/// Runs the voting stage with `concurrency` requests in flight.
pub async fn vote(
    client: reqwest::Client,
    base: Arc<str>,
    target: Arc<Target>,
    sessions: Arc<Vec<Session>>,
    seed: u64,
    concurrency: usize,
) -> anyhow::Result<Counts> {
    let count = sessions.len();
    let per_voter = pool::run_all(count, concurrency, move |i| {
        let (client, base, target, sessions) = (
            client.clone(),
            base.clone(),
            target.clone(),
            sessions.clone(),
        );
        async move {
            let url = format!("{base}/api/v1/processes/{}/ballot", target.id);
            let session = &sessions[i];
            let mut rng = StdRng::seed_from_u64(seed ^ (i as u64).wrapping_mul(0x9E37_79B9));
            let mut c = Counts::default();
            if sends_invalid(i) {
                let body = invalid_ballot(i, &target);
                let (status, answer) =
                    api::request(&client, Method::PUT, &url, session, Some(&body)).await?;
                c.invalid_sent += 1;
                if status != StatusCode::UNPROCESSABLE_ENTITY {
                    anyhow::bail!(
                        "the invalid ballot {body} was answered {status} instead of 422: {answer}"
                    );
                }
                c.invalid_refused += 1;
            }
            let rounds = if revotes(i) { 2 } else { 1 };
            for round in 1..=rounds {
                let body = ballots::random_ballot(&mut rng, &target.rules, &target.projects)
                    .context("no valid ballot exists for the simulated rules")?;
                let answer = super::process::expect(
                    &client,
                    Method::PUT,
                    &url,
                    session,
                    Some(&body),
                    StatusCode::OK,
                )
                .await?;
                c.acknowledged += 1;
                if round == 2 {
                    if answer["revision"].as_u64() != Some(2) {
                        anyhow::bail!("a changed ballot was acknowledged as {answer}");
                    }
                    c.revotes += 1;
                }
            }
            Ok(c)
        }
    })
    .await?;
    Ok(per_voter
        .into_iter()
        .fold(Counts::default(), |a, c| Counts {
            acknowledged: a.acknowledged + c.acknowledged,
            revotes: a.revotes + c.revotes,
            invalid_sent: a.invalid_sent + c.invalid_sent,
            invalid_refused: a.invalid_refused + c.invalid_refused,
        }))
}
