//! The verifier's report: one line per check with its counts, and every problem
//! found, each naming the file (and entry) it is about.

use std::fmt::Write as _;

/// How many problems of one check the text report lists.
pub const SHOWN_PROBLEMS: usize = 20;

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// The check's short name (`log`, `credentials`, ...).
    pub name: &'static str,
    /// What was checked, with counts.
    pub summary: String,
    /// Everything wrong; empty if the check holds.
    pub problems: Vec<String>,
}

impl CheckResult {
    /// A check named `name`, with nothing found wrong yet.
    pub fn new(name: &'static str) -> CheckResult {
        CheckResult {
            name,
            summary: String::new(),
            problems: Vec::new(),
        }
    }

    /// A check that could not run because `why`.
    pub fn skipped(name: &'static str, why: &str) -> CheckResult {
        CheckResult {
            name,
            summary: String::new(),
            problems: vec![format!("not checked: {why}")],
        }
    }

    /// Records a problem.
    pub fn fail(&mut self, problem: impl Into<String>) {
        self.problems.push(problem.into());
    }

    /// Whether the check holds.
    pub fn holds(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Every check's result, in the order they ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The checks.
    pub checks: Vec<CheckResult>,
}

impl Report {
    /// Whether every check holds.
    pub fn holds(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(CheckResult::holds)
    }

    /// The check named `name`, if it ran.
    pub fn check(&self, name: &str) -> Option<&CheckResult> {
        self.checks.iter().find(|c| c.name == name)
    }

    /// Every problem as `<check>: <problem>`.
    pub fn problems(&self) -> Vec<String> {
        self.checks
            .iter()
            .flat_map(|c| c.problems.iter().map(move |p| format!("{}: {p}", c.name)))
            .collect()
    }

    /// The plain text report: one line per check (`ok` or `FAIL`), the first
    /// [`SHOWN_PROBLEMS`] problems of a failed check under it, and a last line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for c in &self.checks {
            let status = if c.holds() { "ok  " } else { "FAIL" };
            let summary = if c.summary.is_empty() {
                format!("{} problem(s)", c.problems.len())
            } else {
                c.summary.clone()
            };
            let _ = writeln!(out, "{status} {:<12} {summary}", c.name);
            for p in c.problems.iter().take(SHOWN_PROBLEMS) {
                let _ = writeln!(out, "       - {p}");
            }
            if c.problems.len() > SHOWN_PROBLEMS {
                let _ = writeln!(
                    out,
                    "       - ... and {} more",
                    c.problems.len() - SHOWN_PROBLEMS
                );
            }
        }
        let failed = self.checks.iter().filter(|c| !c.holds()).count();
        if self.holds() {
            let _ = writeln!(out, "verified: all {} checks hold", self.checks.len());
        } else {
            let _ = writeln!(
                out,
                "NOT verified: {failed} of {} checks failed",
                self.checks.len()
            );
        }
        out
    }
}
