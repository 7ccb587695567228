//! Utilitarian greedy (pabutools `greedy_utilitarian_welfare` with an
//! additive satisfaction): projects in decreasing order of satisfaction per
//! unit of cost, each one taken if it still fits; ties by the tie order.

use std::cmp::Ordering;

use num_bigint::BigInt;

use super::{Outcome, Phase, Profile, Satisfaction, Selection, TieOrder};

/// Total satisfaction per unit of cost, as pabutools computes it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Density {
    /// `num / den` with `den > 0` (0 when nobody is satisfied).
    Finite(u64, i128),
    /// Someone is satisfied by a project that costs nothing.
    Infinite,
}

impl Density {
    fn of(profile: &Profile, sat: Satisfaction, p: usize) -> Density {
        let n = profile.approvals(p);
        let cost = profile.cost(p);
        match sat {
            // total satisfaction n * cost, divided by cost; a free project
            // gives no cost satisfaction at all.
            Satisfaction::Cost if n > 0 && cost > 0 => Density::Finite(n, 1),
            Satisfaction::Cost => Density::Finite(0, 1),
            Satisfaction::Cardinality if n == 0 => Density::Finite(0, 1),
            Satisfaction::Cardinality if cost == 0 => Density::Infinite,
            Satisfaction::Cardinality => Density::Finite(n, cost),
        }
    }
}

impl Ord for Density {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Density::Infinite, Density::Infinite) => Ordering::Equal,
            (Density::Infinite, _) => Ordering::Greater,
            (_, Density::Infinite) => Ordering::Less,
            (Density::Finite(a, b), Density::Finite(c, d)) => {
                (BigInt::from(*a) * BigInt::from(*d)).cmp(&(BigInt::from(*c) * BigInt::from(*b)))
            }
        }
    }
}

impl PartialOrd for Density {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Utilitarian greedy from scratch.
pub fn greedy(profile: &Profile, sat: Satisfaction, tie: &TieOrder) -> Outcome {
    let mut outcome = Outcome::default();
    greedy_complete(profile, sat, tie, &mut outcome);
    outcome
}

/// Utilitarian greedy starting from the projects already in `outcome`
/// (as pabutools' `initial_budget_allocation`): appends what it selects.
pub fn greedy_complete(
    profile: &Profile,
    sat: Satisfaction,
    tie: &TieOrder,
    outcome: &mut Outcome,
) {
    let mut chosen = vec![false; profile.num_projects()];
    for s in &outcome.selections {
        chosen[s.project] = true;
    }
    let mut order: Vec<(Density, usize)> = (0..profile.num_projects())
        .filter(|&p| !chosen[p])
        .map(|p| (Density::of(profile, sat, p), p))
        .collect();
    order.sort_by(|(da, a), (db, b)| db.cmp(da).then(tie.rank(*a).cmp(&tie.rank(*b))));
    let mut remaining = profile.budget() - outcome.cost(profile);
    let mut round = 0;
    for (_, p) in order {
        if profile.cost(p) <= remaining {
            remaining -= profile.cost(p);
            round += 1;
            outcome.selections.push(Selection {
                project: p,
                phase: Phase::Greedy,
                round,
                price: None,
            });
        }
    }
}
