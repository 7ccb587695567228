//! The Method of Equal Shares for approval ballots with cost utilities, in
//! the form equalshares.net publishes and pabulib-checker 1.0.8 copies.
//!
//! The budget `B` is split equally over all `n` voters (voters with empty
//! ballots included). A project can be bought when its supporters still
//! hold at least its cost; its *price per supporter* `ρ` is the smallest
//! amount such that supporters paying `min(ρ, what they have left)` cover
//! the cost. Its *effective vote count* is `cost / ρ` (the number of
//! supporters who would pay in full). Each round buys the project with the
//! highest effective vote count; ties go to the lower cost, then to more
//! supporters, then (only where allowed) to the project earlier in the file.
//! Projects that cost nothing or have no supporter are never bought.
//! All arithmetic is exact.
//!
//! Voters who hold the same amount are kept together in classes (split as
//! projects are bought, merged when their amounts meet again); the result
//! is the same as voter-by-voter bookkeeping.

use super::num::{int, zero};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};

/// The approval profile MES runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalProfile {
    /// Cost of each project.
    pub costs: Vec<BigRational>,
    /// Each voter's approved projects (indices, no repeats).
    pub ballots: Vec<Vec<usize>>,
    /// Number of supporters of each project.
    pub support: Vec<usize>,
}

impl ApprovalProfile {
    /// Builds a profile; repeated and out-of-range projects in a ballot are dropped.
    pub fn new(costs: Vec<BigRational>, ballots: Vec<Vec<usize>>) -> ApprovalProfile {
        let m = costs.len();
        let mut support = vec![0usize; m];
        let ballots: Vec<Vec<usize>> = ballots
            .into_iter()
            .map(|mut b| {
                b.retain(|&p| p < m);
                let mut seen = vec![false; m];
                b.retain(|&p| !std::mem::replace(&mut seen[p], true));
                for &p in &b {
                    support[p] += 1;
                }
                b
            })
            .collect();
        ApprovalProfile {
            costs,
            ballots,
            support,
        }
    }

    /// Number of voters.
    pub fn voters(&self) -> usize {
        self.ballots.len()
    }

    /// Total cost of a set of projects.
    pub fn cost_of(&self, projects: &[usize]) -> BigRational {
        projects.iter().fold(zero(), |acc, &p| acc + &self.costs[p])
    }
}

/// What to do when cost and support do not break a tie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieFallback {
    /// Give up (as pabulib-checker and equalshares.net do).
    Fail,
    /// Take the project earliest in the file.
    FileOrder,
    /// Take the project with the smallest rank (indexed by project).
    Rank(Vec<u32>),
}

/// A tie MES could not break.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Equal Shares tie between projects {projects:?} (same effective vote count, cost and support)"
)]
pub struct UnbrokenTie {
    /// Project indices in the tie.
    pub projects: Vec<usize>,
}

/// One project bought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MesRound {
    /// Index of the project bought.
    pub project: usize,
    /// Price per supporter `ρ`: supporters paid `min(ρ, what they had)`.
    pub price: BigRational,
    /// Effective vote count `cost / ρ`.
    pub effective_votes: BigRational,
    /// How many supporters paid the full price.
    pub full_payers: usize,
    /// How many supporters paid all they had left (less than `ρ`).
    pub partial_payers: usize,
}

/// Whether and how a project could be bought given what voters hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affordability {
    /// Its supporters hold less than its cost (or it has none, or costs nothing).
    Unaffordable {
        /// What its supporters hold together.
        money_behind: BigRational,
    },
    /// Its supporters could buy it.
    Affordable {
        /// What its supporters hold together.
        money_behind: BigRational,
        /// Price per supporter.
        price: BigRational,
        /// Effective vote count `cost / price`.
        effective_votes: BigRational,
    },
}

/// A finished MES run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MesRun {
    /// The initial share of each voter, `B / n`.
    pub endowment: BigRational,
    /// The rounds, in order.
    pub rounds: Vec<MesRound>,
    /// What each voter holds at the end.
    pub final_budgets: Vec<BigRational>,
}

impl MesRun {
    /// Bought projects, in order.
    pub fn winners(&self) -> Vec<usize> {
        self.rounds.iter().map(|r| r.project).collect()
    }
}

/// Voters holding the same amount: `numerator / denominator` each, with
/// the state's common denominator.
struct Class {
    voters: Vec<usize>,
    numerator: BigInt,
    /// Supporters of each project in this class.
    counts: Vec<u32>,
}

impl Class {
    fn new(voters: Vec<usize>, numerator: BigInt, profile: &ApprovalProfile) -> Class {
        let mut counts = vec![0u32; profile.costs.len()];
        for &v in &voters {
            for &p in &profile.ballots[v] {
                counts[p] += 1;
            }
        }
        Class {
            voters,
            numerator,
            counts,
        }
    }
}

/// A project's price worked out in common-denominator units.
enum Evaluated {
    Unaffordable {
        money: BigInt,
    },
    Affordable {
        money: BigInt,
        /// The price is `excess / (payers * denominator)`.
        excess: BigInt,
        payers: u64,
        effective_votes: BigRational,
    },
}

/// The state of a MES run, advanced round by round.
///
/// Amounts are integers over one common denominator (grown as prices need
/// it, shrunk by common factors), so sums and comparisons need no fraction
/// arithmetic.
pub struct MesState<'a> {
    profile: &'a ApprovalProfile,
    denominator: BigInt,
    /// `cost * denominator` of each project.
    scaled_costs: Vec<BigInt>,
    classes: Vec<Class>,
    /// Candidates still in play, file order, with their last effective vote count.
    remaining: Vec<(usize, BigRational)>,
}

impl<'a> MesState<'a> {
    /// Every voter holds `budget / n`.
    pub fn new(profile: &'a ApprovalProfile, budget: &BigRational) -> MesState<'a> {
        let n = profile.voters();
        let endowment = if n == 0 { zero() } else { budget / int(n) };
        let denominator = profile
            .costs
            .iter()
            .fold(endowment.denom().clone(), |d, c| d.lcm(c.denom()));
        let scale = |r: &BigRational| r.numer() * (&denominator / r.denom());
        let scaled_costs = profile.costs.iter().map(scale).collect();
        let classes = if n == 0 {
            vec![]
        } else {
            vec![Class::new((0..n).collect(), scale(&endowment), profile)]
        };
        let remaining = (0..profile.costs.len())
            .filter(|&p| !profile.costs[p].is_zero() && profile.support[p] > 0)
            .map(|p| (p, int(profile.support[p])))
            .collect();
        MesState {
            profile,
            denominator,
            scaled_costs,
            classes,
            remaining,
        }
    }

    fn real(&self, scaled: &BigInt) -> BigRational {
        BigRational::new(scaled.clone(), self.denominator.clone())
    }

    fn evaluate_scaled(&self, p: usize) -> Evaluated {
        let cost = &self.scaled_costs[p];
        let mut holding: Vec<(&BigInt, u32)> = self
            .classes
            .iter()
            .filter(|c| c.counts[p] > 0)
            .map(|c| (&c.numerator, c.counts[p]))
            .collect();
        let money: BigInt = holding.iter().map(|(b, k)| *b * *k).sum();
        if cost.is_zero() || holding.is_empty() || money < *cost {
            return Evaluated::Unaffordable { money };
        }
        holding.sort_by(|a, b| a.0.cmp(b.0));
        let mut paid = BigInt::zero();
        let mut payers: u64 = holding.iter().map(|(_, k)| u64::from(*k)).sum();
        for (b, k) in holding {
            let excess = cost - &paid;
            // max payment = excess / payers; does this class hold less?
            if excess > b * payers {
                paid += b * k;
                payers -= u64::from(k);
            } else {
                let effective_votes = BigRational::new(cost * payers, excess.clone());
                return Evaluated::Affordable {
                    money,
                    excess,
                    payers,
                    effective_votes,
                };
            }
        }
        // Unreachable when money >= cost: the last class always pays.
        Evaluated::Unaffordable { money }
    }

    /// Whether project `p` could be bought now.
    pub fn evaluate(&self, p: usize) -> Affordability {
        match self.evaluate_scaled(p) {
            Evaluated::Unaffordable { money } => Affordability::Unaffordable {
                money_behind: self.real(&money),
            },
            Evaluated::Affordable {
                money,
                excess,
                payers,
                effective_votes,
            } => Affordability::Affordable {
                money_behind: self.real(&money),
                price: BigRational::new(excess, &self.denominator * payers),
                effective_votes,
            },
        }
    }

    /// What each voter holds now.
    pub fn budgets(&self) -> Vec<BigRational> {
        let mut out = vec![zero(); self.profile.voters()];
        for c in &self.classes {
            let b = self.real(&c.numerator);
            for &v in &c.voters {
                out[v] = b.clone();
            }
        }
        out
    }

    /// Buys the next project, or `Ok(None)` when none can be bought.
    pub fn step(&mut self, tie: &TieFallback) -> Result<Option<MesRound>, UnbrokenTie> {
        let mut order: Vec<usize> = (0..self.remaining.len()).collect();
        order.sort_by(|&a, &b| self.remaining[b].1.cmp(&self.remaining[a].1));
        let mut best: Vec<(usize, BigInt, u64)> = vec![];
        let mut best_eff = zero();
        let mut drop = vec![false; self.remaining.len()];
        for i in order {
            if self.remaining[i].1 < best_eff {
                break;
            }
            let p = self.remaining[i].0;
            match self.evaluate_scaled(p) {
                Evaluated::Unaffordable { .. } => drop[i] = true,
                Evaluated::Affordable {
                    excess,
                    payers,
                    effective_votes,
                    ..
                } => {
                    self.remaining[i].1 = effective_votes.clone();
                    if effective_votes > best_eff {
                        best_eff = effective_votes;
                        best = vec![(p, excess, payers)];
                    } else if effective_votes == best_eff {
                        best.push((p, excess, payers));
                    }
                }
            }
        }
        let mut k = 0;
        self.remaining.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        if best.is_empty() {
            return Ok(None);
        }
        let (winner, excess, payers) = self.break_tie(best, tie)?;
        self.remaining.retain(|(p, _)| *p != winner);
        Ok(Some(self.buy(winner, excess, payers, best_eff)))
    }

    fn break_tie(
        &self,
        mut best: Vec<(usize, BigInt, u64)>,
        tie: &TieFallback,
    ) -> Result<(usize, BigInt, u64), UnbrokenTie> {
        let costs = &self.profile.costs;
        if let Some(min) = best.iter().map(|b| &costs[b.0]).min().cloned() {
            best.retain(|b| costs[b.0] == min);
        }
        if let Some(max) = best.iter().map(|b| self.profile.support[b.0]).max() {
            best.retain(|b| self.profile.support[b.0] == max);
        }
        match tie {
            TieFallback::Rank(rank) => best.sort_by_key(|b| (rank.get(b.0).copied(), b.0)),
            _ => best.sort_by_key(|b| b.0),
        }
        if best.len() > 1 && *tie == TieFallback::Fail {
            return Err(UnbrokenTie {
                projects: best.into_iter().map(|b| b.0).collect(),
            });
        }
        best.into_iter()
            .next()
            .ok_or(UnbrokenTie { projects: vec![] })
    }

    /// Multiplies the common denominator by `g`.
    fn rescale(&mut self, g: &BigInt) {
        if g.is_one() {
            return;
        }
        self.denominator *= g;
        self.scaled_costs.iter_mut().for_each(|c| *c *= g);
        self.classes.iter_mut().for_each(|c| c.numerator *= g);
    }

    /// Divides every amount and the denominator by their common factor.
    fn shrink(&mut self) {
        let mut g = self.denominator.clone();
        for x in self
            .scaled_costs
            .iter()
            .chain(self.classes.iter().map(|c| &c.numerator))
        {
            if g.is_one() {
                return;
            }
            g = g.gcd(x);
        }
        if g.is_one() || g.is_zero() {
            return;
        }
        self.denominator /= &g;
        self.scaled_costs.iter_mut().for_each(|c| *c /= &g);
        self.classes.iter_mut().for_each(|c| c.numerator /= &g);
    }

    /// Voters holding the same amount behave alike from now on: one class each.
    fn merge_equal_budgets(&mut self) {
        let mut classes = std::mem::take(&mut self.classes);
        classes.sort_by(|a, b| a.numerator.cmp(&b.numerator));
        let mut merged: Vec<Class> = Vec::with_capacity(classes.len());
        for c in classes {
            match merged.last_mut() {
                Some(last) if last.numerator == c.numerator => {
                    last.voters.extend(c.voters);
                    for (a, b) in last.counts.iter_mut().zip(c.counts) {
                        *a += b;
                    }
                }
                _ => merged.push(c),
            }
        }
        self.classes = merged;
    }

    fn buy(
        &mut self,
        w: usize,
        excess: BigInt,
        payers: u64,
        effective_votes: BigRational,
    ) -> MesRound {
        let price = BigRational::new(excess.clone(), &self.denominator * payers);
        // Make the price a whole number of units: it is excess / payers now.
        let payers_big = BigInt::from(payers);
        let g = &payers_big / excess.gcd(&payers_big);
        self.rescale(&g);
        let unit_price = excess * &g / &payers_big;
        let mut full_payers = 0;
        let mut partial_payers = 0;
        let mut new_classes = Vec::new();
        let profile = self.profile;
        let mut approves = vec![false; profile.voters()];
        for (v, b) in profile.ballots.iter().enumerate() {
            approves[v] = b.contains(&w);
        }
        for class in &mut self.classes {
            let k = class.counts[w] as usize;
            if k == 0 {
                continue;
            }
            let paid_down = if class.numerator >= unit_price {
                full_payers += k;
                &class.numerator - &unit_price
            } else {
                if class.numerator > BigInt::zero() {
                    partial_payers += k;
                }
                BigInt::zero()
            };
            if k == class.voters.len() {
                class.numerator = paid_down;
            } else {
                let (payers, others): (Vec<usize>, Vec<usize>) =
                    class.voters.iter().partition(|&&v| approves[v]);
                let paying = Class::new(payers, paid_down, profile);
                for (a, b) in class.counts.iter_mut().zip(&paying.counts) {
                    *a -= b;
                }
                class.voters = others;
                new_classes.push(paying);
            }
        }
        self.classes.extend(new_classes);
        self.merge_equal_budgets();
        self.shrink();
        MesRound {
            project: w,
            price,
            effective_votes,
            full_payers,
            partial_payers,
        }
    }
}

/// Runs MES to the end with total budget `budget`.
pub fn equal_shares(
    profile: &ApprovalProfile,
    budget: &BigRational,
    tie: &TieFallback,
) -> Result<MesRun, UnbrokenTie> {
    let mut state = MesState::new(profile, budget);
    let n = profile.voters();
    let endowment = if n == 0 { zero() } else { budget / int(n) };
    let mut rounds = Vec::new();
    while let Some(r) = state.step(tie)? {
        rounds.push(r);
    }
    Ok(MesRun {
        endowment,
        rounds,
        final_budgets: state.budgets(),
    })
}

/// Projects by decreasing support (ties by `tie`'s rank, else file
/// order), added while they fit the budget left after `already`
/// (utilitarian completion; from an empty start it is plain greedy by
/// approvals).
pub fn utilitarian_completion(
    profile: &ApprovalProfile,
    budget: &BigRational,
    already: &[usize],
    tie: &TieFallback,
) -> Vec<usize> {
    let mut winners = already.to_vec();
    let mut spent = profile.cost_of(already);
    let mut order: Vec<usize> = (0..profile.costs.len()).collect();
    if let TieFallback::Rank(rank) = tie {
        order.sort_by_key(|&p| (rank.get(p).copied(), p));
    }
    order.sort_by(|&a, &b| profile.support[b].cmp(&profile.support[a]));
    for p in order {
        if winners.contains(&p) {
            continue;
        }
        let next = &spent + &profile.costs[p];
        if next > *budget {
            continue;
        }
        spent = next;
        winners.push(p);
    }
    winners
}

/// Who prefers which outcome, voter by voter, by number of approved projects funded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// Voters with more approved projects in the MES outcome.
    pub prefer_mes: usize,
    /// Voters with more approved projects in the greedy outcome.
    pub prefer_greedy: usize,
}

/// Compares two outcomes by voters' satisfaction (approved projects funded).
pub fn compare(profile: &ApprovalProfile, mes: &[usize], greedy: &[usize]) -> Comparison {
    let m = profile.costs.len();
    let mut in_mes = vec![false; m];
    let mut in_greedy = vec![false; m];
    mes.iter().for_each(|&p| in_mes[p] = true);
    greedy.iter().for_each(|&p| in_greedy[p] = true);
    let mut c = Comparison {
        prefer_mes: 0,
        prefer_greedy: 0,
    };
    for b in &profile.ballots {
        let a = b.iter().filter(|&&p| in_mes[p]).count();
        let g = b.iter().filter(|&&p| in_greedy[p]).count();
        if a > g {
            c.prefer_mes += 1;
        } else if g > a {
            c.prefer_greedy += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(costs: &[i64], ballots: &[&[usize]]) -> ApprovalProfile {
        ApprovalProfile::new(
            costs.iter().map(|&c| int(c)).collect(),
            ballots.iter().map(|b| b.to_vec()).collect(),
        )
    }

    #[test]
    fn splits_costs_equally_and_runs_out() {
        // 4 voters, budget 40 (10 each). p0 (cost 20) by all: 5 each.
        // p1 (cost 12) by voters 0,1: 6 each (they hold 5): unaffordable after p0.
        // p2 (cost 10) by voters 2,3: 5 each from their 5.
        let pr = profile(&[20, 12, 10], &[&[0, 1], &[0, 1], &[0, 2], &[0, 2]]);
        let run = equal_shares(&pr, &int(40), &TieFallback::Fail).unwrap();
        assert_eq!(run.winners(), vec![0, 2]);
        assert_eq!(run.rounds[0].price, int(5));
        assert_eq!(run.rounds[0].effective_votes, int(4));
        assert_eq!(run.rounds[1].price, int(5));
        assert_eq!(run.final_budgets, vec![int(5), int(5), int(0), int(0)]);
    }

    #[test]
    fn partial_payers_lower_effective_votes() {
        // 3 voters, budget 30 (10 each); everyone approves p1 and p2, only
        // voter 0 approves p0.
        let pr = profile(&[8, 24, 21], &[&[0, 1, 2], &[1, 2], &[1, 2]]);
        let run = equal_shares(&pr, &int(30), &TieFallback::Fail).unwrap();
        // Round 1: p0 eff = 8/8 = 1; p1 eff = 24/8 = 3; p2 = 21/7 = 3 -> tie on eff,
        // lower cost p2 wins (7 each).
        assert_eq!(run.rounds[0].project, 2);
        assert_eq!(run.rounds[0].price, int(7));
        // Then p1: holdings 3,3,3 = 9 < 24: out. p0: voter 0 holds 3 < 8: out.
        assert_eq!(run.winners(), vec![2]);
    }

    #[test]
    fn unbreakable_tie_fails_or_goes_to_file_order() {
        let pr = profile(&[10, 10], &[&[0], &[1]]);
        let err = equal_shares(&pr, &int(20), &TieFallback::Fail).unwrap_err();
        assert_eq!(err.projects, vec![0, 1]);
        let run = equal_shares(&pr, &int(20), &TieFallback::FileOrder).unwrap();
        assert_eq!(run.winners(), vec![0, 1]);
    }

    #[test]
    fn utilitarian_completion_by_support() {
        let pr = profile(&[10, 5, 6], &[&[0, 2], &[0, 1], &[0, 2]]);
        assert_eq!(
            utilitarian_completion(&pr, &int(16), &[], &TieFallback::FileOrder),
            vec![0, 2]
        );
        assert_eq!(
            utilitarian_completion(&pr, &int(16), &[1], &TieFallback::FileOrder),
            vec![1, 0]
        );
    }
}
