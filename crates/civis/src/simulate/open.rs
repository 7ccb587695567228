//! `civis pb simulate --ballots open`: a process whose ballots are tied to accounts,
//! end to end through the real server.
//!
//! The stages: the server starts on a fresh database; the official creates the
//! process; the residents are registered (in bulk through the store, see
//! [`super::residents`]); they sign in through the API; residents propose the projects
//! and the official accepts them; every resident votes (some change their ballot, some
//! first send an invalid one that must be refused); the clock passes the close and the
//! official publishes the results, computed by the engine with the frozen rule; the
//! results and the Pabulib, CSV and JSON exports are fetched and checked.

use std::sync::Arc;

use anyhow::Context as _;
use rand::rngs::StdRng;
use rand::SeedableRng as _;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::report::{self, Report, Stopwatch};
use super::{exports, process, setup, voting};
use crate::cli::SimulateArgs;
use crate::loadtest::api::{self, Session};

/// Whether every check of the run held.
pub fn ok(report: &Report) -> bool {
    report.invalid_ballots_refused == report.invalid_ballots_sent
        && report.out_of_phase_refused == 2
        && report.hidden_while_voting
        && report.ballots_counted == report.voters as u64
        && report.exports.pabulib_matches_results != Some(false)
}

/// Runs the simulation.
pub async fn simulate(args: &SimulateArgs) -> anyhow::Result<Report> {
    let quiet = args.json;
    let voters = usize::try_from(args.voters)?;
    let projects = usize::try_from(args.projects)?;
    let concurrency = usize::try_from(args.concurrency)?;
    let mut rng = StdRng::seed_from_u64(args.seed);
    let mut watch = Stopwatch::start();

    // The server, the shared hashes and the official.
    let world = setup::start(args, &mut rng, &mut watch).await?;
    let (server, client, base, official) = (
        &world.server,
        world.client.clone(),
        world.base.clone(),
        &world.official,
    );

    // The process.
    let t0 = server.clock.now();
    let (costs, budget) = process::costs(&mut rng, projects);
    let id = process::create(&client, &base, official, &process::settings(t0, budget)).await?;
    watch.lap(
        "create process",
        1,
        "POST /api/v1/processes by the official",
        quiet,
    );

    // Registration (store) and sign-in (API).
    let residents = setup::residents(args, &world, &mut watch).await?;
    let full_cost_rate = residents.full_cost_rate;
    let sessions = residents.sessions;

    // Proposals, and a ballot out of phase.
    server.clock.set(process::at(t0, 1).plus_seconds(1));
    let ballot_url = format!("{base}/api/v1/processes/{id}/ballot");
    let mut out_of_phase_refused = 0;
    out_of_phase_refused += refused_409(&client, &ballot_url, &sessions[0]).await?;
    let authors = Arc::new(sessions[..projects.min(voters)].to_vec());
    let costs = Arc::new(costs);
    let ids = process::propose(
        client.clone(),
        base.clone(),
        id,
        authors,
        costs.clone(),
        concurrency,
    )
    .await?;
    watch.lap(
        "proposals",
        projects as u64,
        "POST /api/v1/processes/{id}/proposals by residents",
        quiet,
    );

    // Review.
    server.clock.set(process::at(t0, 3).plus_seconds(1));
    process::accept_all(&client, &base, official, &ids, &costs).await?;
    watch.lap(
        "review",
        projects as u64,
        "POST /api/v1/proposals/{id}/review (accepted) by the official",
        quiet,
    );

    // Voting.
    server.clock.set(process::at(t0, 4).plus_seconds(1));
    let target = Arc::new(crate::loadtest::target::find(&client, &base, official, Some(id)).await?);
    let counts = voting::vote(
        client.clone(),
        base.clone(),
        target,
        sessions.clone(),
        args.seed,
        concurrency,
    )
    .await?;
    let hidden_while_voting = exports::is_hidden(
        &client,
        &base,
        official,
        &format!("/api/v1/processes/{id}/results"),
    )
    .await?
        && exports::is_hidden(
            &client,
            &base,
            official,
            &format!("/api/v1/processes/{id}/pabulib"),
        )
        .await?;
    watch.lap(
        "vote",
        counts.acknowledged + counts.invalid_sent,
        format!(
            "PUT /api/v1/processes/{{id}}/ballot: {} ballots, {} changed, {} invalid refused",
            counts.acknowledged, counts.revotes, counts.invalid_refused
        ),
        quiet,
    );

    // Close and tally.
    server.clock.set(process::at(t0, 5).plus_seconds(1));
    out_of_phase_refused += refused_409(&client, &ballot_url, &sessions[0]).await?;
    let ballots_counted = exports::process(&client, &base, official, id).await?["ballot_count"]
        .as_u64()
        .context("the process has no ballot_count")?;
    // Computing the outcome of a large process can take longer than the API client's
    // usual timeout.
    let patient = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(3600))
        .build()
        .context("cannot build the HTTP client")?;
    process::expect(
        &patient,
        Method::POST,
        &format!("{base}/api/v1/processes/{id}/results"),
        official,
        None,
        StatusCode::CREATED,
    )
    .await?;
    watch.lap(
        "close and tally",
        ballots_counted,
        "clock past the close; POST /api/v1/processes/{id}/results (engine, frozen rule)",
        quiet,
    );

    // Results and exports.
    let exports = exports::fetch(&client, &base, official, id, args.out.as_deref()).await?;
    watch.lap(
        "export",
        exports.files.iter().filter(|f| f.served).count() as u64,
        "GET results, Pabulib, CSV and JSON",
        quiet,
    );

    let backend = world.server.store.backend().to_owned();
    let database = world.server.database.clone();
    world.server.stop().await?;
    let total_seconds = watch.total();
    Ok(Report {
        voters,
        projects,
        backend,
        database,
        process: id,
        concurrency,
        stages: watch.stages,
        total_seconds,
        ballots_acknowledged: counts.acknowledged,
        revotes: counts.revotes,
        ballots_counted,
        invalid_ballots_sent: counts.invalid_sent,
        invalid_ballots_refused: counts.invalid_refused,
        out_of_phase_refused,
        hidden_while_voting,
        full_cost_sign_ins_per_second: full_cost_rate,
        full_cost_sign_in_estimate_seconds: if full_cost_rate > 0.0 {
            report::round3(voters as f64 / full_cost_rate)
        } else {
            0.0
        },
        exports,
    })
}

/// Sends a ballot outside the voting phase; 1 when it is refused with 409.
async fn refused_409(
    client: &reqwest::Client,
    url: &str,
    session: &Session,
) -> anyhow::Result<u64> {
    let body = json!({"approvals": [1]});
    let (status, _) = api::request(client, Method::PUT, url, session, Some(&body)).await?;
    Ok(u64::from(status == StatusCode::CONFLICT))
}
