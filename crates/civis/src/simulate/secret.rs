//! `civis pb simulate --ballots secret`: a process with secret, verifiable ballots end
//! to end through the real server, and its published record checked.
//!
//! The stages: the server starts and the official creates the process with
//! `secret_ballots`; `n` officials are named trustees and make the election key
//! (keys and dealings as `civis trustee` makes them); the residents are registered and
//! sign in; residents propose the projects and the official accepts them; in the
//! voting phase every resident obtains a credential (a blind signature, with the
//! session) and casts a sealed ballot without a session, checking the receipt; some
//! cast a second one, some send a submission the server must refuse; the ballot log's
//! checkpoint is fetched during voting; the clock passes the close and `k` trustees
//! reveal their shares, the last of which counts the ballots and publishes the record;
//! the record is fetched into the output directory with the checkpoints and checked
//! by `civis-verify`'s library. The command fails unless every check holds.

use std::sync::Arc;

use anyhow::Context as _;
use civis_ballot::OsRandomness;
use civis_verify::voter::CredentialRequest;
use rand::rngs::StdRng;
use rand::SeedableRng as _;
use reqwest::StatusCode;

use super::exports;
use super::process;
use super::record;
use super::report::Stopwatch;
use super::sealed::{slug, SecretProcess};
use super::sealed_voting;
use super::secret_report::SecretReport;
use super::setup;
use super::trustees;
use crate::cli::SimulateArgs;
use crate::loadtest::api::{self, Session};

/// Runs the simulation, writing the record into `dir`.
pub async fn simulate(args: &SimulateArgs, dir: &std::path::Path) -> anyhow::Result<SecretReport> {
    let quiet = args.json;
    let voters = usize::try_from(args.voters)?;
    let projects = usize::try_from(args.projects)?;
    let concurrency = usize::try_from(args.concurrency)?;
    let mut rng = StdRng::seed_from_u64(args.seed);
    let mut watch = Stopwatch::start();
    let world = setup::start(args, &mut rng, &mut watch).await?;
    let (client, base) = (world.client.clone(), world.base.clone());
    let clock = world.server.clock.clone();

    // The process, with secret ballots.
    let t0 = clock.now();
    let (costs, budget) = process::costs(&mut rng, projects);
    let mut settings = process::settings(t0, budget);
    settings["rules"]["secret_ballots"] = serde_json::Value::Bool(true);
    let id = process::create(&client, &base, &world.official, &settings).await?;
    watch.lap(
        "create process",
        1,
        "POST /api/v1/processes by the official, rules with secret_ballots",
        quiet,
    );

    // The trustees and the election key.
    let count = args.trustees;
    let board = trustees::ceremony(&world, id, count).await?;
    watch.lap(
        "trustees",
        u64::from(count.n),
        format!(
            "PUT …/trustees ({} of {} officials); each POST …/trustee/public-key, then …/trustee/dealing (civis trustee keygen, deal)",
            count.k, count.n
        ),
        quiet,
    );

    // Residents.
    let residents = setup::residents(args, &world, &mut watch).await?;
    let sessions = residents.sessions.clone();

    // Proposals, and a credential asked for before voting.
    clock.set(process::at(t0, 1).plus_seconds(1));
    let mut out_of_phase_refused =
        u64::from(credential_refused_early(&client, &base, id, &sessions[0]).await?);
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
        "POST /api/v1/processes/{id}/proposals by residents; a credential asked for before voting (the first GET …/secret-ballot makes the issuer key)",
        quiet,
    );
    clock.set(process::at(t0, 3).plus_seconds(1));
    process::accept_all(&client, &base, &world.official, &ids, &costs).await?;
    watch.lap(
        "review",
        projects as u64,
        "POST /api/v1/proposals/{id}/review (accepted) by the official",
        quiet,
    );

    // Voting.
    clock.set(process::at(t0, 4).plus_seconds(1));
    let (secret, _) = SecretProcess::fetch(&client, &base, id).await?;
    let secret = Arc::new(secret);
    let target =
        Arc::new(crate::loadtest::target::find(&client, &base, &world.official, Some(id)).await?);
    let voted = sealed_voting::vote(
        client.clone(),
        secret.clone(),
        target.clone(),
        sessions.clone(),
        args.seed,
        concurrency,
    )
    .await?;
    let counts = &voted.counts;
    let hidden_while_voting = exports::is_hidden(
        &client,
        &base,
        &world.official,
        &format!("/api/v1/processes/{id}/results"),
    )
    .await?;
    let (_, credentials_issued) = SecretProcess::fetch(&client, &base, id).await?;
    let invalid_sent: u64 = counts.invalid_sent.iter().sum();
    let invalid_refused: u64 = counts.invalid_refused.iter().sum();
    watch.lap(
        "vote",
        counts.credentials + counts.accepted + invalid_sent,
        format!(
            "POST …/credential, then POST …/sealed-ballots without a session: {} credentials, {} ballots ({} replaced), {} invalid refused; {} checkpoints kept",
            counts.credentials,
            counts.accepted,
            counts.revotes,
            invalid_refused,
            voted.checkpoints.len()
        ),
        quiet,
    );

    // The close: a late ballot, then k shares.
    clock.set(process::at(t0, 5).plus_seconds(1));
    if let Some(first) = &voted.first_voter {
        out_of_phase_refused +=
            u64::from(sealed_voting::refused_after_close(&client, &secret, &target, first).await?);
    }
    // Counting a large process can take longer than the API client's usual timeout.
    let patient = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(3600))
        .build()
        .context("cannot build the HTTP client")?;
    trustees::reveal(&world, &patient, id, &board, count.k).await?;
    watch.lap(
        "close and count",
        counts.accepted,
        format!(
            "clock past the close; {} trustees POST …/trustee/share (civis trustee share); the last counts and publishes",
            count.k
        ),
        quiet,
    );

    // The record.
    let (record_files, record_bytes) = record::fetch(&base, id, dir, &voted.checkpoints).await?;
    watch.lap(
        "fetch record",
        record_files,
        "GET /log/processes/{id}/record/… (civis_verify::fetch), checkpoints kept during voting added",
        quiet,
    );
    let verified = record::verify(dir).await?;
    watch.lap(
        "verify record",
        counts.accepted,
        "civis_verify::verify_record: log, signatures, credentials, count, trustees, ballots, outcome",
        quiet,
    );

    // The published results.
    let results = api::get_ok(
        &client,
        &format!("{base}/api/v1/processes/{id}/results"),
        &world.official,
    )
    .await?;
    let results_ballots = results["ballots"].as_u64().unwrap_or_default();
    let mut results_funded: Vec<i64> = results["funded"]
        .as_array()
        .context("the results have no `funded` list")?
        .iter()
        .filter_map(|p| p["id"].as_i64())
        .collect();
    results_funded.sort_unstable();
    let path = dir.join("results.json");
    std::fs::write(&path, serde_json::to_string_pretty(&results)?)
        .with_context(|| format!("cannot write {}", path.display()))?;

    let backend = world.server.store.backend().to_owned();
    let database = world.server.database.clone();
    world.server.stop().await?;
    let total_seconds = watch.total();
    Ok(SecretReport {
        ballots: "secret",
        voters,
        projects,
        trustee_threshold: count.k,
        trustees: count.n,
        backend,
        database,
        process: id,
        concurrency,
        stages: watch.stages,
        total_seconds,
        credentials_obtained: counts.credentials,
        credentials_issued,
        ballots_accepted: counts.accepted,
        revotes: counts.revotes,
        invalid: counts.invalid(),
        invalid_sent,
        invalid_refused,
        out_of_phase_refused,
        hidden_while_voting,
        checkpoints: voted.checkpoints.keys().copied().collect(),
        record_dir: args.out.as_ref().map(|d| d.display().to_string()),
        record_files,
        record_bytes,
        verified,
        results_ballots,
        results_funded,
        full_cost_sign_ins_per_second: residents.full_cost_rate,
    })
}

/// Asks for a credential as `session` before voting opened; whether it was refused
/// with 409 `wrong-phase`.
async fn credential_refused_early(
    client: &reqwest::Client,
    base: &str,
    id: i64,
    session: &Session,
) -> anyhow::Result<bool> {
    let (process, _) = SecretProcess::fetch(client, base, id).await?;
    let request =
        CredentialRequest::new(&process.issuer, &mut OsRandomness).map_err(anyhow::Error::msg)?;
    let (status, answer) = process
        .request_credential(client, session, &request)
        .await?;
    Ok(status == StatusCode::CONFLICT && slug(&answer) == "wrong-phase")
}
