//! What a secret-ballot simulation reports: the time of each stage, what was sent and
//! refused, and what the verifier said of the published record.

use serde::Serialize;

use super::record::Verified;
use super::report::Stage;
use super::sealed_voting::InvalidCount;

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct SecretReport {
    /// `secret`.
    pub ballots: &'static str,
    /// Residents who voted.
    pub voters: usize,
    /// Projects on the ballot.
    pub projects: usize,
    /// Trustees who had to reveal their shares (k).
    pub trustee_threshold: u32,
    /// Trustees (n).
    pub trustees: u32,
    /// The database backend (`sqlite`, `postgres`).
    pub backend: String,
    /// The database, with any password hidden.
    pub database: String,
    /// The process id.
    pub process: i64,
    /// Voters at once.
    pub concurrency: usize,
    /// The stages in order.
    pub stages: Vec<Stage>,
    /// Seconds from start to end.
    pub total_seconds: f64,
    /// Credentials the voters obtained.
    pub credentials_obtained: u64,
    /// Credentials the issuer says it issued.
    pub credentials_issued: u64,
    /// Sealed ballots accepted, with their receipts checked (re-votes included).
    pub ballots_accepted: u64,
    /// Voters whose second ballot replaced their first.
    pub revotes: u64,
    /// Invalid submissions by kind.
    pub invalid: Vec<InvalidCount>,
    /// Invalid submissions sent, in all.
    pub invalid_sent: u64,
    /// Of them, refused as expected.
    pub invalid_refused: u64,
    /// A credential request before voting opened and a ballot after the close, each of
    /// which had to be refused with 409 `wrong-phase`.
    pub out_of_phase_refused: u64,
    /// Whether the results were hidden (404) while voting was open.
    pub hidden_while_voting: bool,
    /// Tree sizes of the checkpoints fetched during voting, kept in the record.
    pub checkpoints: Vec<u64>,
    /// Where the record was written (a temporary directory, removed, without `--out`).
    pub record_dir: Option<String>,
    /// Files in the record.
    pub record_files: u64,
    /// Their bytes.
    pub record_bytes: u64,
    /// The verifier's report and the record's outcome.
    pub verified: Verified,
    /// Ballots counted in the results the server published.
    pub results_ballots: u64,
    /// The funded projects of the published results.
    pub results_funded: Vec<i64>,
    /// Production-cost sign-ins per second, measured on the sample.
    pub full_cost_sign_ins_per_second: f64,
}

impl SecretReport {
    /// Whether every check of the run held.
    pub fn ok(&self) -> bool {
        let voters = self.voters as u64;
        self.verified.holds
            && self.invalid_sent == self.invalid_refused
            && self.out_of_phase_refused == 2
            && self.hidden_while_voting
            && self.credentials_obtained == voters
            && self.credentials_issued == voters
            && self.verified.counted == voters
            && self.verified.spoiled == 0
            && self.results_ballots == voters
            && self.results_funded == self.verified.funded
    }

    /// The human-readable summary.
    pub fn text(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "PB process with secret ballots end to end: {} residents, {} projects, {} of {} trustees, process {} on {} ({})",
            self.voters,
            self.projects,
            self.trustee_threshold,
            self.trustees,
            self.process,
            self.backend,
            self.database
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
            "credentials: {} obtained, {} issued; sealed ballots: {} accepted with checked receipts ({} replaced by a second one); {} counted, {} spoiled",
            self.credentials_obtained,
            self.credentials_issued,
            self.ballots_accepted,
            self.revotes,
            self.verified.counted,
            self.verified.spoiled
        );
        let _ = writeln!(
            s,
            "invalid submissions: {} sent, {} refused",
            self.invalid_sent, self.invalid_refused
        );
        for i in &self.invalid {
            let _ = writeln!(
                s,
                "  {:<34} {:>5} sent, {:>5} refused ({})",
                i.what, i.sent, i.refused, i.expected
            );
        }
        let _ = writeln!(
            s,
            "{} out of phase refused (409); results hidden while voting: {}; checkpoints kept: {:?}",
            self.out_of_phase_refused, self.hidden_while_voting, self.checkpoints
        );
        let _ = writeln!(
            s,
            "record: {} files, {} bytes{}",
            self.record_files,
            self.record_bytes,
            self.record_dir
                .as_deref()
                .map(|d| format!(", in {d}"))
                .unwrap_or_default()
        );
        for c in &self.verified.checks {
            let _ = writeln!(
                s,
                "  {} {:<12} {}",
                if c.holds { "ok  " } else { "FAIL" },
                c.name,
                c.summary
            );
            for p in c.problems.iter().take(civis_verify::report::SHOWN_PROBLEMS) {
                let _ = writeln!(s, "       {p}");
            }
        }
        let _ = writeln!(
            s,
            "the record {}; published results: {} ballots, funded {:?}{}",
            if self.verified.holds {
                "verifies"
            } else {
                "DOES NOT VERIFY"
            },
            self.results_ballots,
            self.results_funded,
            if self.results_funded == self.verified.funded {
                ", the record's outcome"
            } else {
                ", NOT the record's outcome"
            }
        );
        s
    }
}
