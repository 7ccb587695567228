//! `civis pb` without the rest of the `civis` binary (no server to build): the
//! benchmark scripts use it to simulate records in a release build quickly.
//!
//! `cargo run --release -p civis-pb-cli --example civis-pb -- simulate-record --voters 1000 --projects 20 --out DIR`

use clap::Parser;

/// `civis pb`.
#[derive(Parser)]
#[command(name = "civis-pb")]
struct Cli {
    #[command(subcommand)]
    command: civis_pb_cli::PbCommand,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let code = civis_pb_cli::run(
        civis_pb_cli::PbArgs {
            command: cli.command,
        },
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
