//! Completions of MES that spend what plain MES leaves unspent.

use num_traits::One;

use super::greedy::greedy_complete;
use super::{
    mes_iterated, MesBudget, MesParams, Outcome, Profile, Rational, Satisfaction, TieOrder,
};

/// `add1`: MES with per-voter budget increments of 1 currency unit, then
/// utilitarian greedy on what is left, both with satisfaction `sat`. This is
/// pabutools' `completion_by_rule_combination(inst, prof,
/// [method_of_equal_shares, greedy_utilitarian_welfare],
/// [{sat_class, voter_budget_increment: 1}, {sat_class}])`.
pub fn mes_add1_greedy(profile: &Profile, sat: Satisfaction, tie: &TieOrder) -> Outcome {
    let params = MesParams {
        sat,
        budget: MesBudget::Equal,
    };
    let mut outcome = mes_iterated(profile, &params, tie, &Rational::one());
    // pabutools returns the MES outcome when it is already exhaustive; greedy
    // would add nothing to an exhaustive outcome, so completing is the same.
    greedy_complete(profile, sat, tie, &mut outcome);
    outcome
}
