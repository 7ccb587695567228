//! The `civis` command: every civis capability behind one binary.

use std::process::ExitCode;

use clap::Parser;

/// civis: open-source digital public infrastructure.
#[derive(Debug, Parser)]
#[command(name = "civis", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Participatory budgeting: tally, check, explain, stats and convert
    /// Pabulib election files.
    Pb(civis_pb_cli::PbArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Pb(args) => civis_pb_cli::run(
            args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
