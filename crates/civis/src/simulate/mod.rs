//! `civis pb simulate`: a whole participatory budget end to end through the HTTP API of
//! a real civis server started in this process, with the time of each stage.
//!
//! The stages: the server starts on a fresh database; the official creates the
//! process; the residents are registered (in bulk through the store, see
//! [`residents`]); they sign in through the API; residents propose the projects and the
//! official accepts them; every resident votes (some change their ballot, some first
//! send an invalid one that must be refused); the clock passes the close and the
//! official publishes the results, computed by the engine with the frozen rule; the
//! results and the Pabulib, CSV and JSON exports are fetched and checked. The server's
//! clock is moved from phase to phase; nothing waits for real time.

mod exports;
mod pool;
mod process;
mod report;
mod residents;
mod server;
mod voting;

use std::sync::Arc;

use anyhow::Context as _;
use civis_domain::Role;
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::cli::SimulateArgs;
use crate::loadtest::api::{self, Session};
use report::{Report, Stopwatch};
use server::SimServer;

/// Runs `civis pb simulate`.
pub async fn run(args: SimulateArgs) -> anyhow::Result<()> {
    if args.voters == 0 || args.projects == 0 || args.concurrency == 0 {
        anyhow::bail!("--voters, --projects and --concurrency must be at least 1");
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let report = simulate(&args).await?;
    if let Some(dir) = &args.out {
        let path = dir.join("report.json");
        std::fs::write(&path, serde_json::to_string_pretty(&report)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.text());
    }
    let ok = report.invalid_ballots_refused == report.invalid_ballots_sent
        && report.out_of_phase_refused == 2
        && report.hidden_while_voting
        && report.ballots_counted == report.voters as u64
        && report.exports.pabulib_matches_results != Some(false);
    if !ok {
        anyhow::bail!("the simulation finished but a check failed (see the report)");
    }
    Ok(())
}

async fn simulate(args: &SimulateArgs) -> anyhow::Result<Report> {
    let quiet = args.json;
    let voters = usize::try_from(args.voters)?;
    let projects = usize::try_from(args.projects)?;
    let concurrency = usize::try_from(args.concurrency)?;
    let sample = usize::try_from(args.full_cost_sample)?.min(voters);
    let mut rng = StdRng::seed_from_u64(args.seed);
    let tag: Arc<str> = format!("{:06x}", rng.gen_range(0..0x100_0000u32)).into();
    let mut watch = Stopwatch::start();

    // The server, the shared hashes and the official.
    let server = SimServer::start(args.database_url.as_deref()).await?;
    let base: Arc<str> = server.base.clone().into();
    let client = api::client(args.concurrency)?;
    let hashes = residents::hashes().await?;
    let official_name = format!("sim{tag}official");
    residents::create(
        &server.store,
        &official_name,
        Role::Official,
        &hashes.full,
        server.clock.now(),
    )
    .await?;
    let official = api::sign_in(&client, &base, &official_name, residents::SIM_PASSWORD)
        .await?
        .context("the server refused the official's sign-in")?;
    watch.lap(
        "start",
        1,
        "server on 127.0.0.1:0, database schema, official registered and signed in",
        quiet,
    );

    // The process.
    let t0 = server.clock.now();
    let (costs, budget) = process::costs(&mut rng, projects);
    let id = process::create(&client, &base, &official, &process::settings(t0, budget)).await?;
    watch.lap(
        "create process",
        1,
        "POST /api/v1/processes by the official",
        quiet,
    );

    // Registration (store) and sign-in (API).
    residents::register(
        server.store.clone(),
        tag.clone(),
        hashes.clone(),
        voters,
        sample,
        concurrency.min(8),
        server.clock.now(),
    )
    .await?;
    watch.lap(
        "register",
        voters as u64,
        "residents written through the store (one transaction and audit event each)",
        quiet,
    );
    let mut sessions = residents::sign_in(
        client.clone(),
        base.clone(),
        tag.clone(),
        0..sample,
        concurrency,
    )
    .await?;
    watch.lap(
        "sign in (full cost)",
        sample as u64,
        "POST /api/v1/auth/sign-in, Argon2id m=19456 KiB t=2 p=1 (production)",
        quiet,
    );
    let full_cost_rate = watch.stages.last().map_or(0.0, |s| s.per_second);
    sessions.extend(
        residents::sign_in(
            client.clone(),
            base.clone(),
            tag.clone(),
            sample..voters,
            concurrency,
        )
        .await?,
    );
    watch.lap(
        "sign in",
        (voters - sample) as u64,
        "POST /api/v1/auth/sign-in, Argon2id m=1024 KiB t=1 p=1 (simulation profile)",
        quiet,
    );
    let sessions = Arc::new(sessions);

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
    process::accept_all(&client, &base, &official, &ids, &costs).await?;
    watch.lap(
        "review",
        projects as u64,
        "POST /api/v1/proposals/{id}/review (accepted) by the official",
        quiet,
    );

    // Voting.
    server.clock.set(process::at(t0, 4).plus_seconds(1));
    let target =
        Arc::new(crate::loadtest::target::find(&client, &base, &official, Some(id)).await?);
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
        &official,
        &format!("/api/v1/processes/{id}/results"),
    )
    .await?
        && exports::is_hidden(
            &client,
            &base,
            &official,
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
    let ballots_counted = exports::process(&client, &base, &official, id).await?["ballot_count"]
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
        &official,
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
    let exports = exports::fetch(&client, &base, &official, id, args.out.as_deref()).await?;
    watch.lap(
        "export",
        exports.files.iter().filter(|f| f.served).count() as u64,
        "GET results, Pabulib, CSV and JSON",
        quiet,
    );

    let backend = server.store.backend().to_owned();
    let database = server.database.clone();
    server.stop().await?;
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
