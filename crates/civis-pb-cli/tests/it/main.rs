//! Integration tests of `civis pb` (one test binary), calling the CLI
//! in-process through [`civis_pb_cli::run`] with clap parsing real argv.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod check;
mod convert;
mod explain;
mod simulate_record;
mod stats;
mod tally;

use std::path::{Path, PathBuf};

use clap::Parser;

/// The argv parser, as the `civis` binary has it.
#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    Pb(civis_pb_cli::PbArgs),
}

/// What one run printed and returned.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `civis pb ARGS…` in-process.
pub fn civis_pb(args: &[&str]) -> Outcome {
    let argv = ["civis", "pb"].iter().chain(args);
    let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("bad argv {args:?}: {e}"));
    let Command::Pb(pb) = cli.command;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = civis_pb_cli::run(pb, &mut out, &mut err);
    Outcome {
        code,
        stdout: String::from_utf8(out).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
    }
}

/// A committed fixture of the civis-pb crate.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-pb/tests/fixtures")
        .join(name)
}

/// A fresh temporary directory for one test.
pub fn temp_dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("civis-pb-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
