//! What a simulation reports: the time of each stage, the total, and what was checked.

use std::time::Instant;

use serde::Serialize;

use super::exports::Exports;

/// One timed stage.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// Its name.
    pub name: &'static str,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Items handled (accounts, requests, …).
    pub items: u64,
    /// Items per second.
    pub per_second: f64,
    /// What the stage did.
    pub what: String,
}

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Residents who voted.
    pub voters: usize,
    /// Projects on the ballot.
    pub projects: usize,
    /// The database backend (`sqlite`, `postgres`).
    pub backend: String,
    /// The database, with any password hidden.
    pub database: String,
    /// The process id.
    pub process: i64,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// The stages in order.
    pub stages: Vec<Stage>,
    /// Seconds from start to end (the stages plus the server's stop).
    pub total_seconds: f64,
    /// Ballots acknowledged (re-votes included).
    pub ballots_acknowledged: u64,
    /// Residents who changed their ballot.
    pub revotes: u64,
    /// Ballots counted by the server at the close (one per resident).
    pub ballots_counted: u64,
    /// Invalid ballots sent, each of which had to be refused with 422.
    pub invalid_ballots_sent: u64,
    /// Invalid ballots refused with 422.
    pub invalid_ballots_refused: u64,
    /// Ballots sent outside the voting phase (before it and after the close), each of
    /// which had to be refused with 409.
    pub out_of_phase_refused: u64,
    /// Whether the results and exports were hidden (404) while voting was open.
    pub hidden_while_voting: bool,
    /// Production-cost (Argon2id m=19456 KiB, t=2, p=1) sign-ins per second, measured
    /// on the sample.
    pub full_cost_sign_ins_per_second: f64,
    /// The time signing every resident in at the production cost would take at that
    /// rate, in seconds.
    pub full_cost_sign_in_estimate_seconds: f64,
    /// The results and exports.
    pub exports: Exports,
}

/// Times stages one after another.
pub struct Stopwatch {
    started: Instant,
    stage: Instant,
    /// The stages so far.
    pub stages: Vec<Stage>,
}

impl Stopwatch {
    /// Starts the total and the first stage.
    pub fn start() -> Self {
        let now = Instant::now();
        Self {
            started: now,
            stage: now,
            stages: vec![],
        }
    }

    /// Ends the current stage and starts the next; `quiet` suppresses the progress line.
    pub fn lap(&mut self, name: &'static str, items: u64, what: impl Into<String>, quiet: bool) {
        let seconds = self.stage.elapsed().as_secs_f64();
        self.stage = Instant::now();
        let stage = Stage {
            name,
            seconds: round3(seconds),
            items,
            per_second: if seconds > 0.0 {
                round3(items as f64 / seconds)
            } else {
                0.0
            },
            what: what.into(),
        };
        if !quiet {
            eprintln!(
                "civis simulate: {name}: {:.2} s ({items} items, {:.1}/s)",
                stage.seconds, stage.per_second
            );
        }
        self.stages.push(stage);
    }

    /// Seconds since [`Stopwatch::start`].
    pub fn total(&self) -> f64 {
        round3(self.started.elapsed().as_secs_f64())
    }
}

/// Rounds to milliseconds.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Report {
    /// The human-readable summary.
    pub fn text(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "PB process end to end: {} residents, {} projects, process {} on {} ({})",
            self.voters, self.projects, self.process, self.backend, self.database
        );
        for st in &self.stages {
            let _ = writeln!(
                s,
                "  {:<22} {:>9.2} s  {:>8} items  {:>9.1}/s  {}",
                st.name, st.seconds, st.items, st.per_second, st.what
            );
        }
        let _ = writeln!(s, "  {:<22} {:>9.2} s", "total", self.total_seconds);
        let _ = writeln!(
            s,
            "ballots: {} acknowledged ({} changed), {} counted; {} invalid sent, {} refused (422); {} out of phase refused (409); hidden while voting: {}",
            self.ballots_acknowledged,
            self.revotes,
            self.ballots_counted,
            self.invalid_ballots_sent,
            self.invalid_ballots_refused,
            self.out_of_phase_refused,
            self.hidden_while_voting
        );
        let _ = writeln!(
            s,
            "production-cost sign-in: {:.1}/s, so {:.0} s for all {} residents",
            self.full_cost_sign_ins_per_second,
            self.full_cost_sign_in_estimate_seconds,
            self.voters
        );
        let _ = writeln!(s, "funded projects: {:?}", self.exports.funded);
        for f in &self.exports.files {
            if f.served {
                let _ = writeln!(
                    s,
                    "  {} → {} ({} bytes){}",
                    f.path,
                    f.status,
                    f.bytes,
                    f.file
                        .as_deref()
                        .map(|p| format!(", written to {p}"))
                        .unwrap_or_default()
                );
            } else {
                let _ = writeln!(s, "  {} → not served by this server", f.path);
            }
        }
        match self.exports.pabulib_matches_results {
            Some(true) => {
                let _ = writeln!(
                    s,
                    "the Pabulib export parses and selects the funded projects"
                );
            }
            Some(false) => {
                let _ = writeln!(s, "the Pabulib export DISAGREES with the published results");
            }
            None => {}
        }
        s
    }
}
