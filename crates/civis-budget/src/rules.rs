//! The rules of a process: budgets, who may vote, the ballot and the outcome rule.
//! They may change until voting opens and are frozen from then on; their
//! [`ProcessRules::digest`] is shown publicly so anyone can check they did not change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// Money in whole units of the process's currency.
pub type Amount = u64;

/// The money to distribute.
///
/// A proposal whose district has a budget here competes only within that district's
/// budget; otherwise, if its category has a budget, within that category's; otherwise
/// within the citywide `total`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budgets {
    /// The citywide budget.
    pub total: Amount,
    /// Budgets of districts, by district name.
    #[serde(default)]
    pub districts: BTreeMap<String, Amount>,
    /// Budgets of categories, by category name.
    #[serde(default)]
    pub categories: BTreeMap<String, Amount>,
}

/// Who may vote (and submit or support proposals).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Only residents of this district; `None`: every resident of the city.
    #[serde(default)]
    pub district: Option<String>,
    /// Minimum age in whole years on the day voting opens; `None`: no minimum.
    #[serde(default)]
    pub min_age: Option<u32>,
}

/// What a ballot looks like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BallotFormat {
    /// Approve between `min` and `max` projects.
    Approval {
        /// Fewest projects a ballot approves.
        min: u32,
        /// Most projects a ballot approves.
        max: u32,
    },
    /// Approve projects whose total cost stays within `limit` (the budget of the
    /// project's unit when `None`).
    Knapsack {
        /// Spending limit of one ballot, in whole currency units.
        #[serde(default)]
        limit: Option<Amount>,
    },
    /// Distribute `points` among projects, at most `max_per_project` each.
    Cumulative {
        /// Points each voter distributes (at most).
        points: u32,
        /// Most points for one project; `None`: no limit below `points`.
        #[serde(default)]
        max_per_project: Option<u32>,
    },
    /// Rank up to `k` projects, best first.
    Ranked {
        /// Longest ranking.
        k: u32,
    },
}

/// How MES completes an outcome that leaves budget unspent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// Plain MES.
    None,
    /// Raise voters' budgets by one unit at a time, then utilitarian greedy (pabutools).
    Add1,
    /// equalshares.net's recommended procedure.
    Add1u,
}

/// The rule that turns ballots into funded projects (computed by `civis-pb`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum OutcomeRule {
    /// Utilitarian greedy by votes (or points), as most cities do.
    Greedy,
    /// The Method of Equal Shares with cost satisfaction.
    Mes {
        /// How unspent budget is used.
        completion: Completion,
    },
}

/// How ties between projects are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// Smaller project id (as a string) first, as pabutools.
    Lexico,
    /// Lower cost first, then more votes, as equalshares.net.
    CostVotes,
    /// Earlier proposal first.
    File,
}

/// Everything that decides who may vote, how, and who wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessRules {
    /// The money to distribute.
    pub budgets: Budgets,
    /// Who may take part.
    pub eligibility: Eligibility,
    /// What a ballot looks like.
    pub ballot: BallotFormat,
    /// How the outcome is computed.
    pub rule: OutcomeRule,
    /// How ties are broken.
    pub tie_break: TieBreak,
    /// Whether ballots are secret: cast under an anonymous credential, sealed to
    /// the election key and appended to the process's ballot log, instead of
    /// stored with the resident's account. Frozen with the rest of the rules
    /// when voting opens. Left out of the JSON (and so of the digest) when
    /// `false`, so the digests of rules written before it existed still hold.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret_ballots: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl ProcessRules {
    /// SHA-256 (lowercase hex) of the rules' canonical JSON (serde field order, maps
    /// sorted by key): the public fingerprint of the frozen rules.
    pub fn digest(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let hash = Sha256::digest(&json);
        hash.iter().map(|b| format!("{b:02x}")).collect()
    }
}
