//! The `civis` command: every civis capability behind one binary.

mod admin;
mod cli;
mod config;
mod demo;
mod demo_clinic;
mod demo_pb;
mod demo_register;
mod loadtest;
mod logging;
mod serve;
mod simulate;
mod trustee;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => run_async(cli.log_format, |log| serve::run(args, log)),
        Command::Migrate(args) => run_async(cli.log_format, |_| serve::migrate(args)),
        Command::Demo(args) => run_async(cli.log_format, |log| demo::run(args, log)),
        Command::Admin(args) => run_async(cli.log_format, |_| admin::run(args)),
        Command::Loadtest(args) => run_async(None, |_| loadtest::run(args.command)),
        Command::Trustee(args) => trustee::run(args),
        Command::Pb(cli::PbArgs {
            command: cli::PbCommand::Simulate(args),
        }) => run_async(None, |_| simulate::run(args)),
        Command::Pb(cli::PbArgs {
            command: cli::PbCommand::Files(command),
        }) => {
            let code = civis_pb_cli::run(
                civis_pb_cli::PbArgs { command },
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}

/// Runs an async command on a multi-threaded tokio runtime and turns its error into a
/// message on stderr and exit code 1.
fn run_async<F, Fut>(log_format: Option<config::LogFormat>, command: F) -> ExitCode
where
    F: FnOnce(Option<config::LogFormat>) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("civis: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(command(log_format)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("civis: {e:#}");
            ExitCode::FAILURE
        }
    }
}
