//! Outcome rules for participatory budgeting, in exact arithmetic.
//!
//! Every rule reproduces the semantics of pabutools 1.2.3 exactly (same
//! selections, same tie-breaking), but works on a compact [`Profile`]: voters
//! with identical ballots are merged into weighted groups, amounts are
//! integers at a common decimal scale, and prices are exact rationals.
//!
//! Ballots of every vote type count as approval of the listed projects.

pub mod completion;
pub mod completion_equalshares;
pub mod greedy;
pub mod mes;
pub mod outcome;
pub mod phragmen;
pub mod profile;
pub mod tie_break;

pub use completion::mes_add1_greedy;
pub use greedy::greedy;
pub use mes::{mes, mes_iterated, mes_iterated_on, mes_reference, MesBudget, MesParams};
pub use outcome::{Outcome, Phase, Selection};
pub use phragmen::phragmen;
pub use profile::{Profile, ProfileBuilder, ProfileError};
pub use tie_break::{TieBreak, TieOrder};

/// An exact rational number (prices, budgets per voter, loads).
pub type Rational = num_rational::BigRational;

/// How a voter's satisfaction with a set of projects is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Satisfaction {
    /// Total cost of the approved selected projects (pabutools `Cost_Sat`).
    Cost,
    /// Number of approved selected projects (pabutools `Cardinality_Sat`).
    Cardinality,
}

impl Satisfaction {
    /// The command-line name: `cost` or `cardinality`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Satisfaction::Cost => "cost",
            Satisfaction::Cardinality => "cardinality",
        }
    }

    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Satisfaction> {
        match s {
            "cost" => Some(Satisfaction::Cost),
            "cardinality" => Some(Satisfaction::Cardinality),
            _ => None,
        }
    }
}
