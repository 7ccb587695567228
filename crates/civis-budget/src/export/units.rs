//! The budget unit a project competes in, by name (see [`crate::units`]).

use crate::rules::Amount;
use crate::units::UnitKey;
use crate::{ProcessRules, Proposal};

/// The name of a proposal's unit: `citywide`, `district:<name>` or `category:<name>`.
pub(crate) fn unit_of(rules: &ProcessRules, proposal: &Proposal) -> String {
    UnitKey::of(&rules.budgets, proposal).to_string()
}

/// The budget of a unit named by [`unit_of`] (0 for a name the rules do not know).
pub(crate) fn budget_of(rules: &ProcessRules, unit: &str) -> Amount {
    unit.parse::<UnitKey>()
        .map_or(0, |k| k.budget(&rules.budgets))
}
