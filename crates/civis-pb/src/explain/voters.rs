//! Voter-level figures of an outcome.
//!
//! A voter's *cardinality satisfaction* is the number of funded projects
//! on their ballot; their *cost satisfaction* is the total cost of those
//! projects; their *cost-satisfaction share* is that total divided by the
//! total cost of every project on their ballot (voters with empty or free
//! ballots are left out of that average). Ballots of any type count as
//! approval of the listed projects.

use crate::rules::Rational;
use crate::Election;
use num_bigint::BigInt;
use num_traits::Zero;

/// Figures over all voters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoterFigures {
    /// Number of voters.
    pub voters: usize,
    /// Mean number of funded projects per ballot.
    pub average_cardinality_satisfaction: Rational,
    /// Mean total cost of funded projects per ballot.
    pub average_cost_satisfaction: Rational,
    /// Mean share of a ballot's total cost that is funded (non-empty, non-free ballots).
    pub average_cost_satisfaction_share: Rational,
    /// Share of voters with at least one funded project on their ballot.
    pub share_with_funded_project: Rational,
    /// Gini coefficient of cost satisfaction over voters (0 = equal; 0 when nobody is satisfied).
    pub gini_cost_satisfaction: Rational,
}

fn ratio_of(num: BigInt, den: usize) -> Rational {
    if den == 0 {
        Rational::zero()
    } else {
        Rational::new(num, BigInt::from(den))
    }
}

/// The figures of `funded` (project indices) in `election`.
pub fn voter_figures(election: &Election, funded: &[usize]) -> VoterFigures {
    let m = election.projects.len();
    let mut is_funded = vec![false; m];
    funded.iter().for_each(|&p| is_funded[p] = true);
    let costs: Vec<Rational> = election
        .projects
        .iter()
        .map(|p| crate::official::num::ratio(p.cost))
        .collect();
    let n = election.voters.len();
    let mut card_total = BigInt::zero();
    let mut cost_sats: Vec<Rational> = Vec::with_capacity(n);
    let mut share_total = Rational::zero();
    let mut share_count = 0usize;
    let mut with_funded = 0usize;
    for v in &election.voters {
        let mut seen = vec![false; m];
        let mut card = 0u64;
        let mut sat = Rational::zero();
        let mut asked = Rational::zero();
        for &p in &v.vote {
            let p = p as usize;
            if p >= m || std::mem::replace(&mut seen[p], true) {
                continue;
            }
            asked += &costs[p];
            if is_funded[p] {
                card += 1;
                sat += &costs[p];
            }
        }
        card_total += card;
        if card > 0 {
            with_funded += 1;
        }
        if !asked.is_zero() {
            share_total += &sat / &asked;
            share_count += 1;
        }
        cost_sats.push(sat);
    }
    let total_sat: Rational = cost_sats.iter().sum();
    let average_cost_satisfaction = if n == 0 {
        Rational::zero()
    } else {
        &total_sat / Rational::from_integer(BigInt::from(n))
    };
    // Gini = sum_i (2i - n - 1) x_(i) / (n * sum x), x sorted ascending, i from 1.
    cost_sats.sort();
    let gini = if total_sat.is_zero() {
        Rational::zero()
    } else {
        let weighted: Rational = cost_sats
            .iter()
            .enumerate()
            .map(|(i, x)| {
                x * Rational::from_integer(BigInt::from(2 * (i as i64 + 1) - n as i64 - 1))
            })
            .sum();
        weighted / (&total_sat * Rational::from_integer(BigInt::from(n)))
    };
    VoterFigures {
        voters: n,
        average_cardinality_satisfaction: ratio_of(card_total, n),
        average_cost_satisfaction,
        average_cost_satisfaction_share: if share_count == 0 {
            Rational::zero()
        } else {
            share_total / Rational::from_integer(BigInt::from(share_count))
        },
        share_with_funded_project: ratio_of(BigInt::from(with_funded), n),
        gini_cost_satisfaction: gini,
    }
}
