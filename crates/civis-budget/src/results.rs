//! A process's computed outcome.

use civis_domain::Timestamp;
use serde::{Deserialize, Serialize};

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
}
