//! Two more completions of the Method of Equal Shares (cost satisfaction,
//! approval of the listed projects), built on the MES engine of
//! [`crate::official::mes`]: `add1u` as equalshares.net recommends it, and
//! `pabulib` as pabulib-checker 1.0.8 verifies Pabulib's Equal Shares rules.
//!
//! # `add1u` (equalshares.net: "Add1" with utilitarian completion)
//! 1. If all projects together cost at most the budget `B`, run MES once
//!    with `B` (no increments).
//! 2. Otherwise start from the whole-unit budget `floor(B / n) · n` (each of
//!    the `n` voters gets a whole number of currency units) and run MES.
//! 3. Repeat: stop if the outcome is exhaustive (no project left out fits
//!    in what remains of `B`); else run MES with one more currency unit per
//!    voter; keep that outcome if it costs at most `B`, otherwise stop with
//!    the previous one.
//! 4. Utilitarian completion: the projects left out, by decreasing number
//!    of supporters, each added if it still fits in `B`.
//!
//! MES ties go to the lower cost, then more supporters (equalshares.net's
//! recommendation), then the tie order given (equalshares.net stops with an
//! error instead); ties in the completion follow the tie order.
//! equalshares.net's compute tool breaks completion ties by its project
//! list, which JavaScript orders with integer-like ids first, in numeric
//! order, then the others in file order; no civis tie order is exactly that.
//! Checked against that tool (exact fractions, ties by cost then votes) on
//! the approval files of the Pabulib sample it finishes within 40 s: the
//! same outcome on 147 of 148, the other differing only by such a
//! completion tie.
//!
//! # `pabulib`
//! The procedure of [`crate::official::equal_shares`]: costs and budget
//! rounded down to whole currency units, MES with `B`, then (for
//! `equalshares/add1`) one more unit per voter from `floor(B / n) · n` on
//! while the outcome costs at most `B`, with no exhaustiveness check and no
//! utilitarian completion; for the `-comparison` rules, greedy by approvals
//! replaces MES if more voters strictly prefer it. Which of the four rules
//! applies is [`PabulibVariant::for_election`]: the file's META `rule`,
//! `equalshares/add1` when it names none of them. Unbreakable ties (where
//! the checker fails) follow the tie order.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::Zero;

use super::{Outcome, Phase, Profile, Rational, Selection, TieOrder};
use crate::official::equal_shares::{checker_equal_shares, Variant};
use crate::official::mes::{
    equal_shares, utilitarian_completion, ApprovalProfile, MesRun, TieFallback,
};
use crate::official::OfficialRule;
use crate::{Decimal, Election};

/// Which of Pabulib's four Equal Shares rules `pabulib` follows.
pub type PabulibVariant = Variant;

impl Variant {
    /// The variant the file's META `rule` names; `equalshares/add1` otherwise.
    pub fn for_election(election: &Election) -> Variant {
        match election.rule().and_then(OfficialRule::parse) {
            Some(OfficialRule::EqualShares) => Variant {
                add1: false,
                comparison: false,
            },
            Some(OfficialRule::EqualSharesComparison) => Variant {
                add1: false,
                comparison: true,
            },
            Some(OfficialRule::EqualSharesAdd1Comparison) => Variant {
                add1: true,
                comparison: true,
            },
            _ => Variant {
                add1: true,
                comparison: false,
            },
        }
    }
}

fn pow10(scale: u32) -> BigInt {
    num_traits::pow(BigInt::from(10), scale as usize)
}

/// One ballot a voter, as the MES engine takes them, with `cost` for each project.
fn approval_profile(profile: &Profile, cost: impl Fn(i128) -> BigRational) -> ApprovalProfile {
    let mut ballots = Vec::with_capacity(profile.num_voters() as usize);
    for g in 0..profile.num_groups() {
        let b: Vec<usize> = profile.ballot(g).iter().map(|&p| p as usize).collect();
        for _ in 0..profile.weight(g) {
            ballots.push(b.clone());
        }
    }
    ballots.resize(profile.num_voters() as usize, Vec::new());
    let costs = (0..profile.num_projects())
        .map(|p| cost(profile.cost(p)))
        .collect();
    ApprovalProfile::new(costs, ballots)
}

fn ranks(profile: &Profile, tie: &TieOrder) -> TieFallback {
    TieFallback::Rank((0..profile.num_projects()).map(|p| tie.rank(p)).collect())
}

/// Turns MES rounds (prices in `unit`s) and completion picks into an [`Outcome`].
fn outcome(
    run: Option<&MesRun>,
    completion: &[usize],
    unit: &BigRational,
    per_voter: Option<Rational>,
    runs: usize,
) -> Outcome {
    let mut selections: Vec<Selection> = run
        .map(|r| {
            r.rounds
                .iter()
                .enumerate()
                .map(|(i, round)| Selection {
                    project: round.project,
                    phase: Phase::Mes,
                    round: i + 1,
                    price: Some(&round.price * unit),
                })
                .collect()
        })
        .unwrap_or_default();
    selections.extend(completion.iter().enumerate().map(|(i, &p)| Selection {
        project: p,
        phase: Phase::Greedy,
        round: i + 1,
        price: None,
    }));
    Outcome {
        selections,
        mes_budget_per_voter: per_voter,
        mes_runs: runs,
    }
}

/// `add1u`: see the module documentation.
pub fn mes_add1u(profile: &Profile, tie: &TieOrder) -> Outcome {
    let n = profile.num_voters();
    if n == 0 {
        return Outcome::default();
    }
    let ap = approval_profile(profile, |c| BigRational::from_integer(BigInt::from(c)));
    let fallback = ranks(profile, tie);
    let limit = BigRational::from_integer(BigInt::from(profile.budget()));
    let unit = pow10(profile.scale());
    let n_big = BigInt::from(n);
    let all: Vec<usize> = (0..profile.num_projects()).collect();
    let everything_fits = ap.cost_of(&all) <= limit;
    let mut budget = if everything_fits {
        limit.clone()
    } else {
        let per_voter_units = BigInt::from(profile.budget()).div_floor(&(&n_big * &unit));
        BigRational::from_integer(per_voter_units * &n_big * &unit)
    };
    let step = BigRational::from_integer(&n_big * &unit);
    let mut runs = 1;
    // Ties are always broken (Rank never fails).
    let Ok(mut run) = equal_shares(&ap, &budget, &fallback) else {
        return Outcome::default();
    };
    // Projects MES can buy; once all are bought, more money changes nothing.
    let candidates = (0..profile.num_projects())
        .filter(|&p| ap.support[p] > 0 && !ap.costs[p].is_zero())
        .count();
    while !everything_fits && run.rounds.len() < candidates {
        let winners = run.winners();
        let spent = ap.cost_of(&winners);
        let exhaustive = (0..profile.num_projects())
            .all(|p| winners.contains(&p) || &spent + &ap.costs[p] > limit);
        if exhaustive {
            break;
        }
        let next = &budget + &step;
        runs += 1;
        let Ok(next_run) = equal_shares(&ap, &next, &fallback) else {
            break;
        };
        if ap.cost_of(&next_run.winners()) > limit {
            break;
        }
        budget = next;
        run = next_run;
    }
    let mes_winners = run.winners();
    let completed = utilitarian_completion(&ap, &limit, &mes_winners, &fallback);
    let unit_r = BigRational::new(BigInt::from(1), unit.clone());
    let per_voter = &budget / BigRational::from_integer(n_big) * &unit_r;
    outcome(
        Some(&run),
        &completed[mes_winners.len()..],
        &unit_r,
        Some(per_voter),
        runs,
    )
}

/// `pabulib`: see the module documentation.
pub fn mes_pabulib(profile: &Profile, tie: &TieOrder, variant: PabulibVariant) -> Outcome {
    let n = profile.num_voters();
    if n == 0 {
        return Outcome::default();
    }
    let unit = pow10(profile.scale());
    let ap = approval_profile(profile, |c| {
        BigRational::from_integer(BigInt::from(c).div_floor(&unit))
    });
    let budget = Decimal::new(profile.budget(), profile.scale());
    let Ok(o) = checker_equal_shares(&ap, budget, variant, &ranks(profile, tie)) else {
        return Outcome::default();
    };
    let one = BigRational::from_integer(BigInt::from(1));
    let per_voter = &o.virtual_budget / BigRational::from_integer(BigInt::from(n));
    let runs = o.increments + 1;
    if o.greedy_won {
        outcome(None, &o.selected, &one, Some(per_voter), runs)
    } else {
        outcome(Some(&o.run), &[], &one, Some(per_voter), runs)
    }
}
