//! The load tools, each against a running server (or several sharing one database)
//! through its HTTP API, reporting throughput and latency percentiles:
//!
//! * `civis loadtest ballots` (here): residents cast valid random ballots;
//! * `civis loadtest sealed-ballots` ([`sealed`]): sealed ballots in a new process
//!   with secret ballots, sent without cookies through the whole path;
//! * `civis loadtest oidc` ([`oidc`]): complete OpenID Connect authorization code flows;
//! * `civis loadtest sign-in` ([`sign_in`]): password sign-ins, against raw Argon2id
//!   hashing at the server's cost on the same machine;
//! * `civis loadtest passkey` ([`passkey`]): passkey sign-ins, whole WebAuthn
//!   ceremonies by a software authenticator.
//!
//! Everything that is not the measured request (finding the process, creating and
//! signing in the residents, registering the client service, consent) happens before
//! the clock starts.

pub(crate) mod api;
pub(crate) mod ballots;
mod consent_form;
mod drive;
mod identity;
mod latency;
mod oidc;
mod oidc_flow;
mod oidc_provider;
mod oidc_setup;
mod passkey;
mod report;
mod sealed;
mod sealed_process;
mod sealed_voters;
mod sign_in;
pub(crate) mod target;
mod voters;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use rand::rngs::StdRng;
use rand::SeedableRng as _;
use reqwest::{Method, StatusCode};

use crate::cli::{BallotsLoadArgs, LoadtestCommand};

/// Runs a load command.
pub async fn run(command: LoadtestCommand) -> anyhow::Result<()> {
    match command {
        LoadtestCommand::Ballots(args) => ballots_command(args).await,
        LoadtestCommand::SealedBallots(args) => sealed::command(args).await,
        LoadtestCommand::Oidc(args) => oidc::command(args).await,
        LoadtestCommand::SignIn(args) => sign_in::command(args).await,
        LoadtestCommand::Passkey(args) => passkey::command(args).await,
    }
}

/// Most requests at once while creating and signing in the voters.
const SETUP_CONCURRENCY: usize = 8;

/// What one worker measured.
#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
    samples: Vec<String>,
}

async fn ballots_command(args: BallotsLoadArgs) -> anyhow::Result<()> {
    if args.voters == 0 || args.concurrency == 0 || args.ballots_per_voter == 0 {
        anyhow::bail!("--voters, --concurrency and --ballots-per-voter must be at least 1");
    }
    let urls: Vec<String> = args.urls.iter().map(|u| api::base(u)).collect();
    let client = api::client(args.concurrency)?;
    let admin = api::sign_in(&client, &urls[0], &args.admin_user, &args.admin_password)
        .await?
        .with_context(|| {
            format!(
                "{} refused the admin account {:?} (pass --admin-user and --admin-password)",
                urls[0], args.admin_user
            )
        })?;
    let target = target::find(&client, &urls[0], &admin, args.process).await?;
    let voters = usize::try_from(args.voters)?;
    let concurrency = usize::try_from(args.concurrency)?;
    eprintln!(
        "civis loadtest: process {} \"{}\" ({} projects); preparing {voters} residents…",
        target.id,
        target.title,
        target.projects.len()
    );
    let started = Instant::now();
    let setup = Arc::new(voters::Setup {
        client: client.clone(),
        urls: urls.clone(),
        admin,
        prefix: args.voter_prefix.clone(),
        eligibility: target.rules.eligibility.clone(),
    });
    // Setup is bound by the server's password hashing (CPU and ~19 MiB per hash):
    // a few requests at once keep every core busy without piling up memory.
    let setup_concurrency = concurrency.min(SETUP_CONCURRENCY);
    let sessions = Arc::new(voters::prepare(setup, voters, setup_concurrency).await?);
    eprintln!(
        "civis loadtest: {voters} residents signed in in {:.1} s; casting {} ballots with {concurrency} at once…",
        started.elapsed().as_secs_f64(),
        voters * usize::try_from(args.ballots_per_voter)? * usize::try_from(args.runs.max(1))?
    );

    let runs = usize::try_from(args.runs.max(1))?;
    let mut reports = vec![];
    let mut samples = vec![];
    let target = Arc::new(target);
    let urls = Arc::new(urls);
    for run in 0..runs {
        let (report, mut errs) = timed_run(
            &args,
            &client,
            &target,
            &urls,
            &sessions,
            args.seed.wrapping_add((run as u64) << 32),
        )
        .await?;
        if runs > 1 {
            eprint!(
                "civis loadtest: run {} of {runs}: {}",
                run + 1,
                report.text()
            );
        }
        reports.push(report);
        samples.append(&mut errs);
    }
    report::print_median(reports, samples, args.json)
}

/// One timed run: every voter casts `--ballots-per-voter` ballots, `--concurrency` at
/// once. Returns the figures and a few error samples.
async fn timed_run(
    args: &BallotsLoadArgs,
    client: &reqwest::Client,
    target: &Arc<target::Target>,
    urls: &Arc<Vec<String>>,
    sessions: &Arc<Vec<api::Session>>,
    seed: u64,
) -> anyhow::Result<(report::Report, Vec<String>)> {
    let voters = sessions.len();
    let concurrency = usize::try_from(args.concurrency)?;
    let total = voters * usize::try_from(args.ballots_per_voter)?;
    let next = Arc::new(AtomicUsize::new(0));
    let clock = Instant::now();
    let mut workers = vec![];
    for w in 0..concurrency.min(total) {
        let (client, target, urls, sessions, next) = (
            client.clone(),
            target.clone(),
            urls.clone(),
            sessions.clone(),
            next.clone(),
        );
        let mut rng = StdRng::seed_from_u64(seed.wrapping_add(w as u64));
        workers.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return tally;
                }
                let voter = i % voters;
                let Some(body) = ballots::random_ballot(&mut rng, &target.rules, &target.projects)
                else {
                    tally.errors += 1;
                    tally
                        .samples
                        .push("no valid ballot exists for these rules".to_owned());
                    continue;
                };
                let url = format!(
                    "{}/api/v1/processes/{}/ballot",
                    urls[voter % urls.len()],
                    target.id
                );
                let sent = Instant::now();
                let res =
                    api::request(&client, Method::PUT, &url, &sessions[voter], Some(&body)).await;
                let took = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
                match res {
                    Ok((StatusCode::OK, _)) => tally.latencies_us.push(took),
                    Ok((status, body)) => {
                        tally.errors += 1;
                        if tally.samples.len() < 3 {
                            tally.samples.push(format!("{status} {body}"));
                        }
                    }
                    Err(e) => {
                        tally.errors += 1;
                        if tally.samples.len() < 3 {
                            tally.samples.push(format!("{e:#}"));
                        }
                    }
                }
            }
        }));
    }
    let mut all = Tally::default();
    for w in workers {
        let t = w.await.context("a load worker stopped")?;
        all.latencies_us.extend(t.latencies_us);
        all.errors += t.errors;
        all.samples.extend(t.samples);
    }
    let elapsed = clock.elapsed();
    let report = report::build(
        all.latencies_us,
        all.errors,
        elapsed,
        target.id,
        voters,
        concurrency,
        urls.len(),
    );
    Ok((report, all.samples))
}
