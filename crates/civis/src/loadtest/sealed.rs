//! `civis loadtest sealed-ballots`: sealed ballots through the whole path (the
//! credential check, the entry's signature, the seq check, the append to the
//! ballot log and its durable commit, the receipt) against a running server.
//!
//! Before the clock starts: a new process with secret ballots is set up through
//! the API ([`super::sealed_process`]), the residents are created and signed in,
//! each obtains a credential, and every submission is sealed and signed
//! ([`super::sealed_voters`]). The timed part sends them without cookies to
//! `POST /api/v1/processes/{id}/sealed-ballots`, `--concurrency` at once; a
//! voter's submissions (seq 1, 2, … under one credential) go in order from one
//! worker, so re-votes are never refused as out of order.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use reqwest::StatusCode;

use super::sealed_process::{self, ProcessSetup};
use super::{api, report, sealed_voters, voters, Tally, SETUP_CONCURRENCY};
use crate::cli::SealedBallotsLoadArgs;

/// Runs the command.
pub async fn command(args: SealedBallotsLoadArgs) -> anyhow::Result<()> {
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
    let voter_count = usize::try_from(args.voters)?;
    let concurrency = usize::try_from(args.concurrency)?;
    let started = Instant::now();
    let setup = ProcessSetup {
        client: &client,
        base: &urls[0],
        admin: &admin,
        official: (&args.official_user, voters::VOTER_PASSWORD),
        phase_seconds: args.phase_seconds,
    };
    let official = sealed_process::official(&setup).await?;
    let prepare = Arc::new(voters::Setup {
        client: client.clone(),
        urls: urls.clone(),
        admin: admin.clone(),
        prefix: args.voter_prefix.clone(),
        eligibility: super::target::Eligibility::default(),
    });
    let author = voters::prepare(prepare.clone(), 1, 1).await?;
    let author = author.first().context("no resident to propose projects")?;
    let process = sealed_process::create(&setup, &official, author).await?;
    eprintln!(
        "civis loadtest: process {} is voting ({} projects, its one trustee {}); preparing {voter_count} residents…",
        process.id,
        process.projects.len(),
        args.official_user
    );
    let sessions =
        Arc::new(voters::prepare(prepare, voter_count, concurrency.min(SETUP_CONCURRENCY)).await?);
    let urls = Arc::new(urls);
    let keys = Arc::new(sealed_voters::keys(&client, &urls[0], process.id).await?);
    let voter_keys = sealed_voters::credentials(
        &client,
        &urls,
        process.id,
        &keys,
        &sessions,
        concurrency.min(SETUP_CONCURRENCY),
    )
    .await?;
    let runs = args.runs.max(1);
    let per_run = args.ballots_per_voter;
    let entries = sealed_voters::seal_all(
        process.id,
        &keys,
        &voter_keys,
        &process.projects,
        1,
        per_run * runs,
        args.seed,
    )?;
    eprintln!(
        "civis loadtest: {voter_count} credentials and {} sealed ballots ready in {:.1} s; sending them with {concurrency} at once…",
        voter_count * usize::try_from(per_run * runs)?,
        started.elapsed().as_secs_f64(),
    );

    let entries = Arc::new(entries);
    let mut reports = vec![];
    let mut samples = vec![];
    for run in 0..runs {
        let first = usize::try_from(run * per_run)?;
        let (report, mut errs) = timed_run(
            &client,
            &urls,
            process.id,
            &entries,
            first..first + usize::try_from(per_run)?,
            concurrency,
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

/// One timed run: every voter sends their submissions `range` (indexes into
/// their sealed entries), in order; worker `w` serves voters `w, w + c, …`.
async fn timed_run(
    client: &reqwest::Client,
    urls: &Arc<Vec<String>>,
    process: i64,
    entries: &Arc<Vec<Vec<Vec<u8>>>>,
    range: std::ops::Range<usize>,
    concurrency: usize,
) -> anyhow::Result<(report::Report, Vec<String>)> {
    let voters = entries.len();
    let workers_n = concurrency.min(voters).max(1);
    let clock = Instant::now();
    let mut workers = vec![];
    for w in 0..workers_n {
        let (client, urls, entries, range) =
            (client.clone(), urls.clone(), entries.clone(), range.clone());
        workers.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            for k in range {
                for v in (w..entries.len()).step_by(workers_n) {
                    let Some(body) = entries[v].get(k) else {
                        continue;
                    };
                    let url = format!(
                        "{}/api/v1/processes/{process}/sealed-ballots",
                        urls[v % urls.len()]
                    );
                    let sent = Instant::now();
                    let res = client
                        .post(&url)
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .body(body.clone())
                        .send()
                        .await;
                    let outcome = match res {
                        Ok(r) => {
                            let status = r.status();
                            let text = r.text().await.unwrap_or_default();
                            Ok((status, text))
                        }
                        Err(e) => Err(e),
                    };
                    let took = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
                    match outcome {
                        Ok((StatusCode::CREATED, _)) => tally.latencies_us.push(took),
                        Ok((status, text)) => {
                            tally.errors += 1;
                            if tally.samples.len() < 3 {
                                tally.samples.push(format!("{status} {text}"));
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
            }
            tally
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
        process,
        voters,
        workers_n,
        urls.len(),
    );
    Ok((report, all.samples))
}
