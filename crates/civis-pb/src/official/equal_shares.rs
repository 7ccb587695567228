//! The Equal Shares rules as pabulib-checker 1.0.8 recomputes them
//! (`equalshares`, `equalshares/add1`, and their `-comparison` variants).
//!
//! - Ballots are approval sets; costs and the budget are rounded down to
//!   whole units first (the checker does `int(floor(...))`).
//! - `equalshares`: [MES](super::mes) with the whole budget `B`.
//! - `equalshares/add1`: start from that outcome; then, with
//!   `b = floor(B / n) * n`, repeatedly try MES with `b + n` (one more unit
//!   per voter): keep its outcome while it costs at most `B`, stop at the
//!   first that costs more. No exhaustiveness check, no utilitarian fill-up.
//!   (The checker would loop forever once every project is bought within
//!   `B`; civis stops there.)
//! - `-comparison`: compute greedy by approval count (file order among
//!   equals, skipping what does not fit); if more voters have strictly more
//!   approved projects funded under greedy than under MES, greedy is the outcome.
//! - Ties that cost and support do not break are an error, as in the checker.

use super::mes::{
    compare, equal_shares, utilitarian_completion, ApprovalProfile, MesRun, TieFallback,
    UnbrokenTie,
};
use super::num::{floor, int};
use crate::{Decimal, Election};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;

/// The options that name the four rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// Add-one completion.
    pub add1: bool,
    /// Comparison step against greedy.
    pub comparison: bool,
}

/// How the outcome came about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EqualSharesOutcome {
    /// The final MES run (at the budget add-one settled on).
    pub run: MesRun,
    /// The total budget that MES run split among voters.
    pub virtual_budget: BigRational,
    /// How many add-one increments were kept.
    pub increments: usize,
    /// The comparison step, when asked for: voters preferring MES and greedy.
    pub comparison: Option<super::mes::Comparison>,
    /// Whether the comparison step replaced MES by greedy.
    pub greedy_won: bool,
    /// The selected projects (MES order, or greedy order when greedy won).
    pub selected: Vec<usize>,
}

/// The checker's approval profile: listed projects, costs rounded down.
pub fn checker_profile(election: &Election) -> ApprovalProfile {
    ApprovalProfile::new(
        election
            .projects
            .iter()
            .map(|p| BigRational::from_integer(floor(p.cost)))
            .collect(),
        election
            .voters
            .iter()
            .map(|v| v.vote.iter().map(|&p| p as usize).collect())
            .collect(),
    )
}

/// Runs the checker's procedure; `budget` is rounded down to whole units.
pub fn checker_equal_shares(
    profile: &ApprovalProfile,
    budget: Decimal,
    variant: Variant,
    tie: &TieFallback,
) -> Result<EqualSharesOutcome, UnbrokenTie> {
    let total = floor(budget);
    let total_r = BigRational::from_integer(total.clone());
    let n = profile.voters();
    let mut virtual_budget = total_r.clone();
    let mut run = equal_shares(profile, &total_r, tie)?;
    let mut increments = 0;
    if variant.add1 && n > 0 {
        let n_big = BigInt::from(n);
        let candidates = (0..profile.costs.len())
            .filter(|&p| profile.support[p] > 0 && profile.costs[p] > int(0))
            .count();
        let mut artificial = total.div_floor(&n_big) * &n_big;
        while run.rounds.len() < candidates {
            let next = &artificial + &n_big;
            let next_r = BigRational::from_integer(next.clone());
            let next_run = equal_shares(profile, &next_r, tie)?;
            if profile.cost_of(&next_run.winners()) <= total_r {
                artificial = next;
                virtual_budget = next_r;
                run = next_run;
                increments += 1;
            } else {
                break;
            }
        }
    }
    let mut selected = run.winners();
    let mut comparison = None;
    let mut greedy_won = false;
    if variant.comparison {
        let greedy = utilitarian_completion(profile, &total_r, &[], tie);
        let c = compare(profile, &selected, &greedy);
        if c.prefer_greedy > c.prefer_mes {
            selected = greedy;
            greedy_won = true;
        }
        comparison = Some(c);
    }
    Ok(EqualSharesOutcome {
        run,
        virtual_budget,
        increments,
        comparison,
        greedy_won,
        selected,
    })
}
