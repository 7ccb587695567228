//! `civis pb simulate`: a whole participatory budget end to end through the HTTP API of
//! a real civis server started in this process, with the time of each stage.
//!
//! With secret ballots (`--ballots secret`, the default, [`secret`]) the trustees make
//! the election key, voters obtain credentials and cast sealed ballots, the trustees'
//! shares close and count the process, and its published record is fetched and checked
//! by `civis-verify`'s library. With open ballots (`--ballots open`, [`open`]) voters
//! cast ballots tied to their accounts and the official publishes the results and the
//! open-data exports. The server's clock is moved from phase to phase; nothing waits
//! for real time.

mod exports;
mod open;
mod pool;
mod process;
mod record;
mod report;
mod residents;
mod sealed;
mod sealed_voting;
mod secret;
mod secret_report;
mod server;
mod setup;
mod trustees;
mod voting;

use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;

use crate::cli::{BallotMode, SimulateArgs};

/// Runs `civis pb simulate`.
pub async fn run(args: SimulateArgs) -> anyhow::Result<()> {
    if args.voters == 0 || args.projects == 0 || args.concurrency == 0 {
        anyhow::bail!("--voters, --projects and --concurrency must be at least 1");
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    match args.ballots {
        BallotMode::Open => {
            let report = open::simulate(&args).await?;
            finish(&args, &report, report.text(), open::ok(&report))
        }
        BallotMode::Secret => {
            // The record goes to --out, else to a temporary directory removed at the end.
            let temporary;
            let dir = match &args.out {
                Some(dir) => dir.as_path(),
                None => {
                    temporary = tempfile::Builder::new()
                        .prefix("civis-simulate-record-")
                        .tempdir()
                        .context("cannot create a temporary directory")?;
                    temporary.path()
                }
            };
            record::check_empty(dir)?;
            let report = secret::simulate(&args, dir).await?;
            finish(&args, &report, report.text(), report.ok())
        }
    }
}

/// Writes `report.json` into `--out`, prints the report (text or JSON) and fails unless
/// every check held.
fn finish<R: Serialize>(
    args: &SimulateArgs,
    report: &R,
    text: String,
    ok: bool,
) -> anyhow::Result<()> {
    if let Some(dir) = &args.out {
        write_json(&dir.join("report.json"), report)?;
    }
    if args.json {
        println!("{}", serde_json::to_string(report)?);
    } else {
        print!("{text}");
    }
    if !ok {
        anyhow::bail!("the simulation finished but a check failed (see the report)");
    }
    Ok(())
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> anyhow::Result<()> {
    std::fs::write(path, serde_json::to_string_pretty(value)?)
        .with_context(|| format!("cannot write {}", path.display()))
}
