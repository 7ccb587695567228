//! What a rule returns: the selected projects in the order they were chosen.

use super::{Profile, Rational};

/// Which part of a rule chose a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Free projects that MES selects before its first round (cardinality
    /// satisfaction only: a cost-0 project someone approves).
    ZeroCost,
    /// A round of the method of equal shares.
    Mes,
    /// A step of utilitarian greedy (alone or as a completion).
    Greedy,
    /// A round of sequential Phragmén.
    Phragmen,
}

impl Phase {
    /// A short lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Phase::ZeroCost => "zero-cost",
            Phase::Mes => "mes",
            Phase::Greedy => "greedy",
            Phase::Phragmen => "phragmen",
        }
    }
}

/// One selected project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Index of the project in the profile (= in the election).
    pub project: usize,
    /// The phase that selected it.
    pub phase: Phase,
    /// The 1-based round within that phase.
    pub round: usize,
    /// MES: what each supporter was asked to pay (in currency units; a
    /// supporter with less money left paid all they had). Phragmén: the
    /// supporters' new load (in currency units).
    pub price: Option<Rational>,
}

/// The outcome of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Selected projects in selection order.
    pub selections: Vec<Selection>,
    /// For MES with budget increments: the per-voter budget (currency
    /// units) of the run whose outcome was kept.
    pub mes_budget_per_voter: Option<Rational>,
    /// For MES with budget increments: how many MES runs were computed.
    pub mes_runs: usize,
}

impl Outcome {
    /// The selected project indices in selection order.
    pub fn projects(&self) -> Vec<usize> {
        self.selections.iter().map(|s| s.project).collect()
    }

    /// Whether project `p` is selected.
    pub fn contains(&self, p: usize) -> bool {
        self.selections.iter().any(|s| s.project == p)
    }

    /// Total cost in scaled units.
    pub fn cost(&self, profile: &Profile) -> i128 {
        profile.total_cost(self.selections.iter().map(|s| s.project))
    }

    /// The selected project ids sorted as strings (as Pabulib tools list them).
    pub fn sorted_ids<'a>(&self, profile: &'a Profile) -> Vec<&'a str> {
        let mut ids: Vec<&str> = self
            .selections
            .iter()
            .map(|s| profile.id(s.project))
            .collect();
        ids.sort_unstable();
        ids
    }
}
