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
//! Speed without losing exactness: a voter who still has money has paid the
//! full price of every selected project they approve, so their budget is
//! exactly `b0 - Σ prices`; the rule keeps a floating-point copy of each
//! budget to locate a project's price quickly, then computes the price
//! exactly (sums of budgets as integer combinations of the selected prices)
//! and settles every budget within a safety margin of the price with exact
//! rationals. When the float estimate cannot be confirmed it falls back to
//! sorting exact budgets. A project's `p / sat` can only grow between rounds,
//! so projects wait in a priority queue keyed by their last known value and
//! only those that could still win are priced again.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use num_bigint::BigInt;
use num_traits::{One, ToPrimitive, Zero};

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
    let result = run.run(&b0);
    let mut outcome = setup.zero_cost_outcome();
    result.append_to(profile, &mut outcome);
    outcome
}

/// Plain MES computed only with exact rationals (no float guidance): slow,
/// for checking the fast path in tests.
#[doc(hidden)]
pub fn mes_reference(profile: &Profile, params: &MesParams, tie: &TieOrder) -> Outcome {
    if profile.num_voters() == 0 {
        return Outcome::default();
    }
    let setup = Setup::new(profile, params.sat, tie);
    let b0 = setup.start_budget(&params.budget);
    let mut run = Runner::new(profile, params.sat, tie, &setup);
    run.exact_only = true;
    let result = run.run(&b0);
    let mut outcome = setup.zero_cost_outcome();
    result.append_to(profile, &mut outcome);
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
    let threads = if profile.num_group_approvals() >= 200_000 {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4)
    } else {
        1
    };
    mes_iterated_on(profile, params, tie, increment, threads)
}

/// [`mes_iterated`] computing `threads` runs at a time (for tests).
#[doc(hidden)]
pub fn mes_iterated_on(
    profile: &Profile,
    params: &MesParams,
    tie: &TieOrder,
    increment: &Rational,
    threads: usize,
) -> Outcome {
    let threads = threads.max(1);
    if profile.num_voters() == 0 {
        return Outcome::default();
    }
    let setup = Setup::new(profile, params.sat, tie);
    let mut b = setup.start_budget(&params.budget);
    let step = increment * Rational::from_integer(pow10(profile.scale()));
    // Runs for successive budgets are independent: on large profiles several
    // are computed at once, and the first stopping one decides (the outcome
    // is the same as computing them one after the other).
    let mut runners: Vec<Runner> = (0..threads)
        .map(|_| Runner::new(profile, params.sat, tie, &setup))
        .collect();
    // The previous run's result and starting budget (None: nothing yet).
    let mut previous: Option<(RunResult, Rational)> = None;
    let mut runs = 0;
    let finish = |kept: Option<(RunResult, Rational)>, runs: usize| {
        let mut outcome = setup.zero_cost_outcome();
        if let Some((result, b)) = kept {
            result.append_to(profile, &mut outcome);
            outcome.mes_budget_per_voter = Some(b / Rational::from_integer(pow10(profile.scale())));
        }
        outcome.mes_runs = runs;
        outcome
    };
    loop {
        let mut budgets = Vec::with_capacity(threads);
        for _ in 0..threads {
            let next = &b + &step;
            budgets.push(std::mem::replace(&mut b, next));
        }
        let results: Vec<RunResult> = if threads == 1 {
            vec![runners[0].run(&budgets[0])]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = runners
                    .iter_mut()
                    .zip(&budgets)
                    .map(|(r, b)| scope.spawn(move || r.run(b)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for (result, b) in results.into_iter().zip(budgets) {
            runs += 1;
            let cost = profile.total_cost(result.order.iter().copied());
            if cost > profile.budget() {
                return finish(previous, runs);
            }
            let mut chosen = vec![false; profile.num_projects()];
            result.order.iter().for_each(|&p| chosen[p] = true);
            let exhaustive = setup
                .eligible
                .iter()
                .all(|&p| chosen[p] || profile.cost(p) + cost > profile.budget());
            if exhaustive {
                return finish(Some((result, b)), runs);
            }
            previous = Some((result, b));
        }
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
        Setup {
            eligible,
            zero_cost,
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

/// The selections of one MES run: projects in order, their prices per
/// supporter as numerators over the common denominator `l` (scaled units).
struct RunResult {
    order: Vec<usize>,
    nums: Vec<BigInt>,
    l: BigInt,
}

impl RunResult {
    fn append_to(self, profile: &Profile, outcome: &mut Outcome) {
        let den = &self.l * pow10(profile.scale());
        for (round, (p, n)) in self.order.into_iter().zip(self.nums).enumerate() {
            outcome.selections.push(Selection {
                project: p,
                phase: Phase::Mes,
                round: round + 1,
                price: Some(Rational::new(n, den.clone())),
            });
        }
    }
}

/// A price per supporter `n / (k * L)` for the current common denominator `L`.
struct Price {
    n: BigInt,
    k: u64,
}

/// An f64 that orders totally (for the priority queue).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Key(f64);

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// The budget estimate of a group with no money left.
const DEAD: f64 = -1.0;

/// Relative slack when turning exact values into float bounds.
const SLACK: f64 = 1e-9;

/// Reusable working memory for MES runs.
///
/// Exact amounts are integers over one common denominator `l`, which grows
/// (by the factor a new price needs) whenever a project is selected.
struct Runner<'a> {
    profile: &'a Profile,
    sat: Satisfaction,
    tie: &'a TieOrder,
    setup: &'a Setup,
    /// Only exact arithmetic (reference path, for tests).
    exact_only: bool,
    /// The common denominator.
    l: BigInt,
    /// Starting budget per voter, over `l`.
    b0n: BigInt,
    /// Safety margin for float comparisons (far above accumulated error).
    delta: f64,
    /// Approximate remaining budget of each ballot group, or [`DEAD`] once
    /// it has no money left (an alive group's estimate is always positive).
    budget_f: Vec<f64>,
    /// Price per supporter (over `l`) of each project selected in this run.
    pnum: Vec<Option<BigInt>>,
    /// Selected projects in order.
    order: Vec<usize>,
    /// Scratch: alive supporters (approx budget, weight, group).
    scratch: Vec<(f64, u64, u32)>,
    /// Scratch: weight per selected project when summing budgets.
    count: Vec<u64>,
    counted: Vec<u32>,
}

impl<'a> Runner<'a> {
    fn new(profile: &'a Profile, sat: Satisfaction, tie: &'a TieOrder, setup: &'a Setup) -> Self {
        Runner {
            profile,
            sat,
            tie,
            setup,
            exact_only: false,
            l: BigInt::one(),
            b0n: BigInt::zero(),
            delta: 0.0,
            budget_f: vec![0.0; profile.num_groups()],
            pnum: vec![None; profile.num_projects()],
            order: Vec::new(),
            scratch: Vec::new(),
            count: vec![0; profile.num_projects()],
            counted: Vec::new(),
        }
    }

    /// One MES run from starting budget `b0` per voter (scaled units).
    fn run(&mut self, b0: &Rational) -> RunResult {
        let positive = b0 > &Rational::zero();
        self.l = b0.denom().clone();
        self.b0n = b0.numer().clone();
        let b0_f = ratio_f64(&self.b0n, &self.l);
        self.delta = b0_f * 1e-6;
        let start = if positive { b0_f } else { DEAD };
        self.budget_f.iter_mut().for_each(|b| *b = start);
        self.pnum.iter_mut().for_each(|p| *p = None);
        self.order.clear();

        // Min-queue of (lower bound on p/sat, tie rank, project).
        let mut queue: BinaryHeap<Reverse<(Key, u32, u32)>> = self
            .setup
            .eligible
            .iter()
            .map(|&p| {
                let n = self.profile.approvals(p) as f64;
                let bound = match self.sat {
                    Satisfaction::Cost => 1.0 / n,
                    Satisfaction::Cardinality => self.profile.cost(p) as f64 / n,
                };
                Reverse((Key(bound * (1.0 - SLACK)), self.tie.rank(p), p as u32))
            })
            .collect();
        let mut evaluated: Vec<(Key, u32, u32)> = Vec::new();
        loop {
            // (rank, project, price, upper bound of rho as float)
            let mut best: Option<(u32, u32, Price, f64)> = None;
            evaluated.clear();
            while let Some(Reverse((bound, _, _))) = queue.peek() {
                if let Some((.., up)) = &best {
                    if bound.0 > *up {
                        break;
                    }
                }
                let Some(Reverse((_, rank, p))) = queue.pop() else {
                    break;
                };
                let Some(price) = self.price_of(p as usize) else {
                    continue;
                };
                let rho_f = self.rho_f(p as usize, &price);
                let better = match &best {
                    None => true,
                    Some((k, q, bp, _)) => {
                        match self.cmp_rho(p as usize, &price, *q as usize, bp) {
                            std::cmp::Ordering::Less => true,
                            std::cmp::Ordering::Equal => rank < *k,
                            std::cmp::Ordering::Greater => false,
                        }
                    }
                };
                let lower = Key(rho_f * (1.0 - SLACK));
                if better {
                    if let Some((k, q, bp, _)) = best.take() {
                        let lo = self.rho_f(q as usize, &bp) * (1.0 - SLACK);
                        evaluated.push((Key(lo), k, q));
                    }
                    best = Some((rank, p, price, rho_f * (1.0 + SLACK)));
                } else {
                    evaluated.push((lower, rank, p));
                }
            }
            let Some((_, p, price, _)) = best else { break };
            for e in evaluated.drain(..) {
                queue.push(Reverse(e));
            }
            self.select(p as usize, price);
        }
        let order = std::mem::take(&mut self.order);
        let nums = order
            .iter()
            .map(|&p| self.pnum[p].clone().unwrap_or_default())
            .collect();
        RunResult {
            order,
            nums,
            l: self.l.clone(),
        }
    }

    /// `p / sat` as a float.
    fn rho_f(&self, p: usize, price: &Price) -> f64 {
        let den = &self.l * BigInt::from(price.k);
        let x = ratio_f64(&price.n, &den);
        match self.sat {
            Satisfaction::Cost => x / self.profile.cost(p) as f64,
            Satisfaction::Cardinality => x,
        }
    }

    /// Compares `p / sat` of two projects exactly.
    fn cmp_rho(&self, a: usize, pa: &Price, b: usize, pb: &Price) -> std::cmp::Ordering {
        // n_a / (k_a L s_a) vs n_b / (k_b L s_b)
        let (sa, sb) = match self.sat {
            Satisfaction::Cost => (
                BigInt::from(self.profile.cost(a)),
                BigInt::from(self.profile.cost(b)),
            ),
            Satisfaction::Cardinality => (BigInt::one(), BigInt::one()),
        };
        let left = &pa.n * BigInt::from(pb.k) * sb;
        let right = &pb.n * BigInt::from(pa.k) * sa;
        left.cmp(&right)
    }

    /// Selects project `p` at `price`: brings the price onto the common
    /// denominator, charges the supporters, records it.
    fn select(&mut self, p: usize, price: Price) {
        let k = BigInt::from(price.k);
        let r = (&price.n % &k).to_u64().unwrap_or(0);
        let g = if r == 0 { price.k } else { gcd(r, price.k) };
        let d = price.k / g;
        if d > 1 {
            let d = BigInt::from(d);
            self.l *= &d;
            self.b0n *= &d;
            for x in self.pnum.iter_mut().flatten() {
                *x *= &d;
            }
        }
        let num = price.n / BigInt::from(g);
        self.charge(p, &num);
        self.pnum[p] = Some(num);
        self.order.push(p);
    }

    /// The exact remaining budget of group `g`, over `l`.
    fn exact_budget(&self, g: usize) -> BigInt {
        if self.budget_f[g] < 0.0 {
            return BigInt::zero();
        }
        let mut b = self.b0n.clone();
        for &j in self.profile.ballot(g) {
            if let Some(p) = &self.pnum[j as usize] {
                b -= p;
            }
        }
        b
    }

    /// The exact total remaining budget of some alive groups (over `l`):
    /// their weight times `b0`, minus each selected price times how many of
    /// them paid it.
    fn exact_sum(&mut self, groups: impl Iterator<Item = u32>) -> BigInt {
        let mut weight: u64 = 0;
        for g in groups {
            let w = self.profile.weight(g as usize);
            weight += w;
            for &j in self.profile.ballot(g as usize) {
                if self.pnum[j as usize].is_some() {
                    if self.count[j as usize] == 0 {
                        self.counted.push(j);
                    }
                    self.count[j as usize] += w;
                }
            }
        }
        let mut sum = &self.b0n * BigInt::from(weight);
        for &j in &self.counted {
            if let Some(p) = &self.pnum[j as usize] {
                sum -= p * BigInt::from(self.count[j as usize]);
            }
            self.count[j as usize] = 0;
        }
        self.counted.clear();
        sum
    }

    /// The price per supporter of project `p` now, or `None` when its
    /// supporters cannot pay for it together.
    fn price_of(&mut self, p: usize) -> Option<Price> {
        let profile = self.profile;
        self.scratch.clear();
        let mut k: u64 = 0;
        let mut sum_f = 0.0f64;
        let mut min_f = f64::INFINITY;
        for &g in profile.supporters(p) {
            let b = self.budget_f[g as usize];
            if b < 0.0 {
                continue;
            }
            let w = profile.weight(g as usize);
            self.scratch.push((b, w, g));
            k += w;
            sum_f += b * w as f64;
            min_f = min_f.min(b);
        }
        if k == 0 {
            return None;
        }
        let cost_l = BigInt::from(profile.cost(p)) * &self.l;
        if self.exact_only {
            return self.price_exact(&cost_l);
        }
        let cost_f = profile.cost(p) as f64;
        let delta = self.delta;
        let k_f = k as f64;
        // Surely unaffordable.
        if sum_f + k_f * delta + cost_f * 1e-6 < cost_f {
            return None;
        }
        // Surely everyone pays the same share.
        if min_f > cost_f / k_f + delta {
            return Some(Price { n: cost_l, k });
        }
        // Estimate the price with floats.
        let p_f = if sum_f < cost_f {
            f64::INFINITY
        } else {
            estimate_price(&mut self.scratch, cost_f, k_f)
        };
        // Settle: surely poor below p_f - delta, surely rich above p_f + delta,
        // the rest compared exactly.
        let mut poor_w: u64 = 0;
        let mut near: Vec<(BigInt, u64)> = Vec::new();
        let mut min_rich_f = f64::INFINITY;
        let mut poor: Vec<u32> = Vec::new();
        for i in 0..self.scratch.len() {
            let (b, w, g) = self.scratch[i];
            if b < p_f - delta {
                poor.push(g);
                poor_w += w;
            } else if b > p_f + delta {
                min_rich_f = min_rich_f.min(b);
            } else {
                near.push((self.exact_budget(g as usize), w));
            }
        }
        let mut paid = self.exact_sum(poor.into_iter());
        near.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rest = k - poor_w;
        let mut found = None;
        for (b, w) in &near {
            let left = &cost_l - &paid;
            if left <= b * BigInt::from(rest) {
                found = Some(Price { n: left, k: rest });
                break;
            }
            paid += b * BigInt::from(*w);
            rest -= w;
        }
        let found = match found {
            Some(x) => x,
            None if rest == 0 => {
                if paid < cost_l {
                    return None;
                }
                return self.price_exact(&cost_l);
            }
            None => Price {
                n: &cost_l - &paid,
                k: rest,
            },
        };
        // Confirm the float estimate was close enough for the classification.
        let x = ratio_f64(&found.n, &(&self.l * BigInt::from(found.k)));
        let close = p_f.is_finite() && (x - p_f).abs() <= delta / 4.0;
        if close && x <= min_rich_f {
            Some(found)
        } else {
            self.price_exact(&cost_l)
        }
    }

    /// Reference computation: every alive supporter's exact budget, sorted.
    fn price_exact(&mut self, cost_l: &BigInt) -> Option<Price> {
        let mut budgets: Vec<(BigInt, u64)> = self
            .scratch
            .iter()
            .map(|&(_, w, g)| (self.exact_budget(g as usize), w))
            .collect();
        budgets.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rest: u64 = budgets.iter().map(|(_, w)| w).sum();
        let mut paid = BigInt::zero();
        for (b, w) in &budgets {
            let left = cost_l - &paid;
            if left <= b * BigInt::from(rest) {
                return Some(Price { n: left, k: rest });
            }
            paid += b * BigInt::from(*w);
            rest -= w;
        }
        None
    }

    /// Supporters of `p` pay `min(budget, price)` (price over `l`); call
    /// before recording `p`'s price.
    fn charge(&mut self, p: usize, price: &BigInt) {
        let profile = self.profile;
        let price_f = ratio_f64(price, &self.l);
        let delta = self.delta;
        for &g in profile.supporters(p) {
            let g = g as usize;
            let b = self.budget_f[g];
            if b < 0.0 {
                continue;
            }
            if !self.exact_only && b > price_f + delta {
                self.budget_f[g] = b - price_f;
            } else if !self.exact_only && b < price_f - delta {
                self.budget_f[g] = DEAD;
            } else {
                let exact = self.exact_budget(g);
                if &exact <= price {
                    self.budget_f[g] = DEAD;
                } else {
                    self.budget_f[g] = ratio_f64(&(exact - price), &self.l);
                }
            }
        }
    }
}

/// Float estimate of the price: supporters below the current share pay all
/// they have, the rest share what is left; repeat until nobody new is poor
/// (a few passes; the remainder is sorted after many).
fn estimate_price(scratch: &mut [(f64, u64, u32)], cost_f: f64, k_f: f64) -> f64 {
    let mut split = 0;
    let mut paid = 0.0;
    let mut rest = k_f;
    for _ in 0..12 {
        let share = (cost_f - paid) / rest;
        let before = split;
        for i in before..scratch.len() {
            let (b, w, _) = scratch[i];
            if b < share {
                paid += b * w as f64;
                rest -= w as f64;
                scratch.swap(i, split);
                split += 1;
            }
        }
        if split == before {
            return share;
        }
        if split == scratch.len() {
            return f64::INFINITY;
        }
    }
    let tail = &mut scratch[split..];
    tail.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    for &(b, w, _) in tail.iter() {
        let share = (cost_f - paid) / rest;
        if share <= b {
            return share;
        }
        paid += b * w as f64;
        rest -= w as f64;
    }
    f64::INFINITY
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `n / d` as a float (guidance only, never a result), for integers of any
/// size: both are shifted so the quotient keeps about 60 significant bits.
fn ratio_f64(n: &BigInt, d: &BigInt) -> f64 {
    let shift = d.bits().saturating_sub(64).min(n.bits().saturating_sub(64));
    let (n, d) = ((n >> shift), (d >> shift));
    match (n.to_f64(), d.to_f64()) {
        (Some(a), Some(b)) => a / b,
        _ => f64::NAN,
    }
}
