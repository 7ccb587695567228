//! `civis pb`: participatory budgeting files on the command line.
//!
//! Subcommands read a Pabulib (`.pb`) or civis JSON election file and print
//! human-readable text, or one JSON object with `--json`. Exit codes: 0
//! success, 1 a check found differences, 2 the command could not run (bad
//! arguments, unreadable or malformed file: the message names the file,
//! line and problem, and nothing is written to stdout).
//!
//! The CLI is a library so tests and the `civis` binary call [`run`]
//! in-process.

use std::io::Write;
use std::path::PathBuf;

pub mod check;
pub mod convert;
pub mod explain;
pub mod input;
pub mod outcome_rule;
mod progress;
pub mod simulate_record;
pub mod stats;
pub mod tally;

/// `civis pb`: participatory budgeting (Pabulib files).
#[derive(Debug, Clone, clap::Args)]
pub struct PbArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: PbCommand,
}

/// The `civis pb` subcommands.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum PbCommand {
    /// Compute the outcome of an election under an outcome rule.
    Tally(TallyArgs),
    /// Recompute the official outcome (META `rule`) and compare it with the
    /// file's `selected` column. Exit 0 agree, 1 disagree (differences
    /// listed), 2 cannot say (unknown rule, no `selected` column, bad file).
    Check(CheckArgs),
    /// Explain why projects were or were not funded under a rule.
    Explain(ExplainArgs),
    /// Show summary statistics: voters, projects, budget, total cost,
    /// funding scarcity, ballot lengths, vote type, rule.
    Stats(StatsArgs),
    /// Convert an election file to Pabulib or civis JSON.
    Convert(ConvertArgs),
    /// Simulate a whole process with secret, verifiable ballots (blind-signed
    /// credentials, a k-of-n election key, sealed ballots with re-votes and paper
    /// ballots, the ballot log, the close and the tally) and write its published
    /// record, which `civis-verify DIR` checks.
    SimulateRecord(simulate_record::SimulateRecordArgs),
}

/// Outcome rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RuleArg {
    /// Greedy: fund projects by decreasing support, skipping those that do
    /// not fit the remaining budget.
    Greedy,
    /// The Method of Equal Shares.
    Mes,
    /// Sequential Phragmén.
    Phragmen,
}

/// Satisfaction functions (how much a voter values a funded project).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SatArg {
    /// Satisfaction = cost of the approved funded projects.
    Cost,
    /// Satisfaction = number of approved funded projects.
    Cardinality,
}

/// How to spend budget left over by a rule (Method of Equal Shares).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionArg {
    /// No completion.
    None,
    /// Method of Equal Shares with every voter's budget raised by one unit
    /// at a time until the outcome is exhaustive or would overspend, then
    /// utilitarian greedy on what is left (pabutools'
    /// `completion_by_rule_combination` of the two) (`add1`).
    Add1,
    /// `add1` followed by utilitarian greedy completion (`add1u`).
    Add1u,
    /// The completion Pabulib files describe for their rule (`pabulib`).
    Pabulib,
}

/// How ties between equally supported projects are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TieBreakArg {
    /// By project id (lexicographic).
    Lexico,
    /// Lower cost first, then more votes, then project id.
    CostVotes,
    /// In the order the projects appear in the file.
    File,
}

/// Arguments of `civis pb tally`.
#[derive(Debug, Clone, clap::Args)]
pub struct TallyArgs {
    /// The election file (Pabulib `.pb`, or civis `.json`; `-` reads stdin).
    pub file: PathBuf,
    /// The outcome rule.
    #[arg(long, value_enum)]
    pub rule: RuleArg,
    /// The satisfaction function.
    #[arg(long, value_enum, default_value = "cost")]
    pub sat: SatArg,
    /// How to spend leftover budget.
    #[arg(long, value_enum, default_value = "none")]
    pub completion: CompletionArg,
    /// How to break ties.
    #[arg(long = "tie-break", value_enum, default_value = "lexico")]
    pub tie_break: TieBreakArg,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `civis pb check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The election file (Pabulib `.pb`, or civis `.json`; `-` reads stdin).
    pub file: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `civis pb explain`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExplainArgs {
    /// The election file (Pabulib `.pb`, or civis `.json`; `-` reads stdin).
    pub file: PathBuf,
    /// The outcome rule.
    #[arg(long, value_enum)]
    pub rule: RuleArg,
    /// The satisfaction function.
    #[arg(long, value_enum, default_value = "cost")]
    pub sat: SatArg,
    /// How to spend leftover budget.
    #[arg(long, value_enum, default_value = "none")]
    pub completion: CompletionArg,
    /// How to break ties.
    #[arg(long = "tie-break", value_enum, default_value = "lexico")]
    pub tie_break: TieBreakArg,
    /// Explain only this project (its `project_id`).
    #[arg(long)]
    pub project: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `civis pb stats`.
#[derive(Debug, Clone, clap::Args)]
pub struct StatsArgs {
    /// The election file (Pabulib `.pb`, or civis `.json`; `-` reads stdin).
    pub file: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Output formats of `civis pb convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Canonical Pabulib text.
    Pb,
    /// civis JSON (see the `civis_pb::json` module).
    Json,
}

/// Arguments of `civis pb convert`.
#[derive(Debug, Clone, clap::Args)]
pub struct ConvertArgs {
    /// The election file (Pabulib `.pb`, or civis `.json`; `-` reads stdin).
    pub file: PathBuf,
    /// The output format.
    #[arg(long, value_enum)]
    pub to: FormatArg,
    /// Write to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs a `civis pb` subcommand, writing results to `out` and messages to
/// `err`; returns the process exit code.
pub fn run(args: PbArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match args.command {
        PbCommand::Tally(a) => tally::run(a, out, err),
        PbCommand::Check(a) => check::run(a, out, err),
        PbCommand::Explain(a) => explain::run(a, out, err),
        PbCommand::Stats(a) => stats::run(a, out, err),
        PbCommand::Convert(a) => convert::run(a, out, err),
        PbCommand::SimulateRecord(a) => simulate_record::run(a, out, err),
    }
}

/// Exit code: the command could not run.
pub const EXIT_CANNOT: i32 = 2;

/// Writes `message` to `err` (ignoring a closed stream) and returns
/// [`EXIT_CANNOT`].
pub fn fail(err: &mut dyn Write, message: impl std::fmt::Display) -> i32 {
    let _ = writeln!(err, "civis pb: {message}");
    EXIT_CANNOT
}
