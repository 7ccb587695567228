//! `civis pb stats`: summary figures of an election.
//!
//! Text output, one `key: value` line each, in this order (stable):
//! `file`, `vote type`, `rule`, `voters`, `projects`, `budget`,
//! `total cost`, `scarcity` (total cost / budget, 4 decimals), `ballot
//! length` (`min M, mean X.XX, median Y, max N`). Unknown values print `-`.
//!
//! `--json` prints one object: `{"file", "vote_type", "rule", "voters",
//! "projects", "budget", "total_cost", "scarcity", "ballot_length": {"min",
//! "mean", "median", "max"}}`; amounts are exact decimal strings, unknown
//! values are `null`.

use std::io::Write;

use civis_pb::stats::Stats;

use crate::StatsArgs;

/// Wire form of the statistics (`--json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct StatsJson {
    /// The file as given.
    pub file: String,
    /// Ballot format.
    pub vote_type: String,
    /// META `rule`.
    pub rule: Option<String>,
    /// Number of voters.
    pub voters: usize,
    /// Number of projects.
    pub projects: usize,
    /// META `budget`, exact.
    pub budget: Option<String>,
    /// Sum of project costs, exact.
    pub total_cost: Option<String>,
    /// Total cost / budget.
    pub scarcity: Option<f64>,
    /// Ballot length figures.
    pub ballot_length: Option<BallotLengthJson>,
}

/// Wire form of ballot-length figures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BallotLengthJson {
    /// Shortest ballot.
    pub min: usize,
    /// Mean length.
    pub mean: f64,
    /// Median length.
    pub median: f64,
    /// Longest ballot.
    pub max: usize,
}

impl StatsJson {
    /// The wire form of `stats` for `file`.
    pub fn new(file: String, s: &Stats) -> Self {
        StatsJson {
            file,
            vote_type: s.vote_type.as_str().to_string(),
            rule: s.rule.clone(),
            voters: s.voters,
            projects: s.projects,
            budget: s.budget.map(|d| d.to_string()),
            total_cost: s.total_cost.map(|d| d.to_string()),
            scarcity: s.scarcity,
            ballot_length: s.ballot_length.map(|b| BallotLengthJson {
                min: b.min,
                mean: b.mean,
                median: b.median,
                max: b.max,
            }),
        }
    }
}

/// Prints the statistics of an election file; returns the exit code.
pub fn run(args: StatsArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let election = match crate::input::load(&args.file) {
        Ok(e) => e,
        Err(e) => return crate::fail(err, e),
    };
    let stats = Stats::of(&election);
    let wire = StatsJson::new(args.file.display().to_string(), &stats);
    let written = if args.json {
        match serde_json::to_string_pretty(&wire) {
            Ok(s) => writeln!(out, "{s}"),
            Err(e) => return crate::fail(err, e),
        }
    } else {
        write_text(out, &wire)
    };
    match written {
        Ok(()) => 0,
        Err(e) => crate::fail(err, format!("cannot write output: {e}")),
    }
}

fn write_text(out: &mut dyn Write, s: &StatsJson) -> std::io::Result<()> {
    let dash = || "-".to_string();
    writeln!(out, "file: {}", s.file)?;
    writeln!(out, "vote type: {}", s.vote_type)?;
    writeln!(out, "rule: {}", s.rule.clone().unwrap_or_else(dash))?;
    writeln!(out, "voters: {}", s.voters)?;
    writeln!(out, "projects: {}", s.projects)?;
    writeln!(out, "budget: {}", s.budget.clone().unwrap_or_else(dash))?;
    writeln!(
        out,
        "total cost: {}",
        s.total_cost.clone().unwrap_or_else(dash)
    )?;
    writeln!(
        out,
        "scarcity: {}",
        s.scarcity.map_or_else(dash, |x| format!("{x:.4}"))
    )?;
    let lengths = s.ballot_length.as_ref().map_or_else(dash, |b| {
        format!(
            "min {}, mean {:.2}, median {}, max {}",
            b.min, b.mean, b.median, b.max
        )
    });
    writeln!(out, "ballot length: {lengths}")
}
