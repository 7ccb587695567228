//! A process's computed outcome.

use civis_domain::Timestamp;
use serde::{Deserialize, Serialize};

use crate::explain::ProjectExplanation;
use crate::rules::Amount;
use crate::ProposalId;

/// The outcome of one budget unit (the citywide budget, a district's or a category's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOutcome {
    /// `citywide`, `district:<name>` or `category:<name>`.
    pub unit: String,
    /// The unit's budget.
    pub budget: Amount,
    /// Funded projects, in the order the rule chose them.
    pub selected: Vec<ProposalId>,
    /// Total cost of the funded projects.
    pub cost: Amount,
    /// Ballots counted in the unit (those choosing at least one of its projects).
    #[serde(default)]
    pub voters: u64,
    /// Every project of the unit on the ballot, by increasing id, with its figures.
    #[serde(default)]
    pub projects: Vec<ProjectTally>,
}

/// One project's figures in its unit's outcome (for results pages and charts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectTally {
    /// The project.
    pub project: ProposalId,
    /// Its cost on the ballot.
    pub cost: Amount,
    /// Ballots choosing it (approving, giving it points, or ranking it).
    pub votes: u64,
    /// Cumulative ballots: its points; ranked ballots: its Borda score (a ballot
    /// ranking `n` projects of the unit gives `n, n-1, …, 1`); otherwise `None`.
    #[serde(default)]
    pub score: Option<u64>,
    /// Whether it is funded.
    pub selected: bool,
}

/// The outcome of a process, computed with its frozen rules after the close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessResults {
    /// When it was computed.
    #[serde(with = "crate::timestamp_serde")]
    pub computed_at: Timestamp,
    /// Digest of the rules it was computed with.
    pub rules_digest: String,
    /// Counted ballots.
    pub ballots: u64,
    /// One outcome per budget unit.
    pub units: Vec<UnitOutcome>,
    /// Why each project was or was not funded (empty until computed with
    /// [`crate::explain_results`], which [`crate::compute_results`] does not do).
    #[serde(default)]
    pub explanations: Vec<ProjectExplanation>,
}
