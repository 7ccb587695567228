//! The method of equal shares (pabutools `method_of_equal_shares`, additive
//! satisfaction, approval ballots), plain or with per-voter budget
//! increments (`voter_budget_increment`).
//!
//! Each voter starts with the same budget. In each round, every project whose
//! supporters still have enough money together gets a price `p`: the least
//! amount such that supporters paying `min(budget, p)` cover its cost. The
//! project minimising `p / sat` (`sat` = the satisfaction one supporter gets:
//! its cost, or 1) wins, ties by the tie order; its supporters pay. The rule
//! stops when no project is affordable.
//!
//! Speed without losing exactness: voters with equal remaining budget share a
//! budget class (one exact rational per class); a project's price is found
//! from its supporters' classes sorted by budget; a project's `p / sat` can
//! only grow between rounds, so projects wait in a priority queue keyed by
//! their last known value and only those that could still win are priced
//! again.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use num_bigint::BigInt;
use num_traits::Zero;

use super::{Outcome, Phase, Profile, Rational, Satisfaction, Selection, TieOrder};

/// The budget each voter starts MES with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MesBudget {
    /// The budget limit divided equally among all voters.
    #[default]
    Equal,
    /// This amount (currency units) per voter.
    PerVoter(Rational),
}

/// Parameters of one MES run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MesParams {
    /// The satisfaction measure.
    pub sat: Satisfaction,
    /// Each voter's starting budget.
    pub budget: MesBudget,
}

/// Plain MES (no completion).
pub fn mes(profile: &Profile, params: &MesParams, tie: &TieOrder) -> Outcome {
    if profile.num_voters() == 0 {
        return Outcome::default();
    }
    let setup = Setup::new(profile, params.sat, tie);
    let b0 = setup.start_budget(&params.budget);
    let mut run = Runner::new(profile, params.sat, tie, &setup);
    let mut outcome = setup.zero_cost_outcome();
    run.run(&b0, &mut outcome);
    outcome
}

/// MES with budget increments, as pabutools' `voter_budget_increment`: run
/// MES with the starting budget, then with `increment` (currency units)
/// more per voter, and so on; stop at the first outcome that costs more
/// than the budget limit (returning the previous outcome) or that leaves no
/// MES-eligible project that would still fit (returning it).
pub fn mes_iterated(
    profile: &Profile,
    params: &MesParams,
    tie: &TieOrder,
    increment: &Rational,
) -> Outcome {
    if profile.num_voters() == 0 {
        return Outcome::default();
    }
    let setup = Setup::new(profile, params.sat, tie);
    let mut b = setup.start_budget(&params.budget);
    let step = increment * Rational::from_integer(pow10(profile.scale()));
    let mut run = Runner::new(profile, params.sat, tie, &setup);
    let mut previous = setup.zero_cost_outcome();
    let mut runs = 0;
    loop {
        runs += 1;
        let mut outcome = setup.zero_cost_outcome();
        run.run(&b, &mut outcome);
        outcome.mes_runs = runs;
        outcome.mes_budget_per_voter = Some(&b / Rational::from_integer(pow10(profile.scale())));
        let cost = outcome.cost(profile);
        if cost > profile.budget() {
            previous.mes_runs = runs;
            return previous;
        }
        let exhaustive = setup
            .eligible
            .iter()
            .all(|&p| outcome.contains(p) || profile.cost(p) + cost > profile.budget());
        if exhaustive {
            return outcome;
        }
        previous = outcome;
        b += &step;
    }
}

fn pow10(scale: u32) -> BigInt {
    num_traits::pow(BigInt::from(10), scale as usize)
}

/// What does not change between runs with different starting budgets.
struct Setup {
    /// Projects MES may select in rounds: someone approves them and they cost
    /// something (ascending index).
    eligible: Vec<usize>,
    /// Free approved projects selected up front (cardinality only), in tie order.
    zero_cost: Vec<usize>,
    costs: Vec<Rational>,
    n_voters: u64,
    budget: i128,
    scale: u32,
}

impl Setup {
    fn new(profile: &Profile, sat: Satisfaction, tie: &TieOrder) -> Setup {
        let mut eligible = Vec::new();
        let mut zero_cost = Vec::new();
        for p in 0..profile.num_projects() {
            if profile.approvals(p) == 0 {
                continue;
            }
            if profile.cost(p) > 0 {
                eligible.push(p);
            } else if sat == Satisfaction::Cardinality {
                zero_cost.push(p);
            }
        }
        zero_cost.sort_by_key(|&p| tie.rank(p));
        let costs = (0..profile.num_projects())
            .map(|p| Rational::from_integer(BigInt::from(profile.cost(p))))
            .collect();
        Setup {
            eligible,
            zero_cost,
            costs,
            n_voters: profile.num_voters(),
            budget: profile.budget(),
            scale: profile.scale(),
        }
    }

    /// Starting budget per voter in scaled units.
    fn start_budget(&self, budget: &MesBudget) -> Rational {
        match budget {
            MesBudget::Equal => {
                Rational::new(BigInt::from(self.budget), BigInt::from(self.n_voters))
            }
            MesBudget::PerVoter(b) => b * Rational::from_integer(pow10(self.scale)),
        }
    }

    fn zero_cost_outcome(&self) -> Outcome {
        Outcome {
            selections: self
                .zero_cost
                .iter()
                .enumerate()
                .map(|(i, &p)| Selection {
                    project: p,
                    phase: Phase::ZeroCost,
                    round: i + 1,
                    price: None,
                })
                .collect(),
            ..Outcome::default()
        }
    }
}

const UNSET: u32 = u32::MAX;

/// Reusable working memory for MES runs.
struct Runner<'a> {
    profile: &'a Profile,
    sat: Satisfaction,
    tie: &'a TieOrder,
    setup: &'a Setup,
    /// Budget of each class; class 0 is "no money left".
    class_value: Vec<Rational>,
    /// Class of each ballot group.
    group_class: Vec<u32>,
    /// Scratch: weight per class while pricing a project.
    acc: Vec<u64>,
    /// Scratch: new class per old class while charging supporters.
    remap: Vec<u32>,
    touched: Vec<u32>,
}

impl<'a> Runner<'a> {
    fn new(profile: &'a Profile, sat: Satisfaction, tie: &'a TieOrder, setup: &'a Setup) -> Self {
        Runner {
            profile,
            sat,
            tie,
            setup,
            class_value: Vec::new(),
            group_class: vec![0; profile.num_groups()],
            acc: Vec::new(),
            remap: Vec::new(),
            touched: Vec::new(),
        }
    }

    fn new_class(&mut self, value: Rational) -> u32 {
        self.class_value.push(value);
        self.acc.push(0);
        self.remap.push(UNSET);
        (self.class_value.len() - 1) as u32
    }

    /// One MES run from starting budget `b0` (scaled units); appends the
    /// rounds' selections to `outcome`.
    fn run(&mut self, b0: &Rational, outcome: &mut Outcome) {
        self.class_value.clear();
        self.acc.clear();
        self.remap.clear();
        self.new_class(Rational::zero());
        let start = if b0.is_zero() || b0 < &Rational::zero() {
            0
        } else {
            self.new_class(b0.clone())
        };
        self.group_class.iter_mut().for_each(|c| *c = start);

        // Min-queue of (lower bound on p/sat, tie rank, project).
        let mut queue: BinaryHeap<Reverse<(Rational, u32, u32)>> = self
            .setup
            .eligible
            .iter()
            .map(|&p| {
                let n = Rational::from_integer(BigInt::from(self.profile.approvals(p)));
                let bound = match self.sat {
                    Satisfaction::Cost => n.recip(),
                    Satisfaction::Cardinality => &self.setup.costs[p] / n,
                };
                Reverse((bound, self.tie.rank(p), p as u32))
            })
            .collect();
        let scale = Rational::from_integer(pow10(self.profile.scale()));
        let mut evaluated: Vec<(Rational, u32, u32)> = Vec::new();
        let mut round = 0;
        loop {
            // (rho, rank, project, price)
            let mut best: Option<(Rational, u32, u32, Rational)> = None;
            evaluated.clear();
            while let Some(Reverse((bound, _, _))) = queue.peek() {
                if let Some((rho, ..)) = &best {
                    if bound > rho {
                        break;
                    }
                }
                let Some(Reverse((_, rank, p))) = queue.pop() else {
                    break;
                };
                let Some(price) = self.price(p as usize) else {
                    continue;
                };
                let rho = match self.sat {
                    Satisfaction::Cost => &price / &self.setup.costs[p as usize],
                    Satisfaction::Cardinality => price.clone(),
                };
                let better = match &best {
                    None => true,
                    Some((r, k, ..)) => (&rho, rank) < (r, *k),
                };
                if better {
                    if let Some((r, k, q, _)) = best.take() {
                        evaluated.push((r, k, q));
                    }
                    best = Some((rho, rank, p, price));
                } else {
                    evaluated.push((rho, rank, p));
                }
            }
            let Some((_, _, p, price)) = best else { break };
            for e in evaluated.drain(..) {
                queue.push(Reverse(e));
            }
            self.charge(p as usize, &price);
            round += 1;
            outcome.selections.push(Selection {
                project: p as usize,
                phase: Phase::Mes,
                round,
                price: Some(&price / &scale),
            });
        }
    }

    /// The price per supporter of project `p` now, or `None` when its
    /// supporters cannot pay for it together.
    fn price(&mut self, p: usize) -> Option<Rational> {
        self.touched.clear();
        let mut k: u64 = 0;
        for &g in self.profile.supporters(p) {
            let c = self.group_class[g as usize] as usize;
            if c == 0 {
                continue;
            }
            if self.acc[c] == 0 {
                self.touched.push(c as u32);
            }
            let w = self.profile.weight(g as usize);
            self.acc[c] += w;
            k += w;
        }
        let values = &self.class_value;
        self.touched
            .sort_unstable_by(|&a, &b| values[a as usize].cmp(&values[b as usize]));
        let mut remaining = self.setup.costs[p].clone();
        let mut found = None;
        for &c in &self.touched {
            let w = self.acc[c as usize];
            let v = &self.class_value[c as usize];
            let kr = Rational::from_integer(BigInt::from(k));
            if remaining <= v * &kr {
                found = Some(remaining / kr);
                break;
            }
            remaining -= v * Rational::from_integer(BigInt::from(w));
            k -= w;
        }
        for &c in &self.touched {
            self.acc[c as usize] = 0;
        }
        found
    }

    /// Supporters of `p` pay `min(budget, price)`.
    fn charge(&mut self, p: usize, price: &Rational) {
        self.touched.clear();
        let profile = self.profile;
        for &g in profile.supporters(p) {
            let c = self.group_class[g as usize];
            if c == 0 {
                continue;
            }
            let mut nc = self.remap[c as usize];
            if nc == UNSET {
                let v = &self.class_value[c as usize];
                nc = if v <= price {
                    0
                } else {
                    let left = v - price;
                    self.new_class(left)
                };
                self.remap[c as usize] = nc;
                self.touched.push(c);
            }
            self.group_class[g as usize] = nc;
        }
        for &c in &self.touched {
            self.remap[c as usize] = UNSET;
        }
    }
}
