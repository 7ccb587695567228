//! Why each project was or was not funded, in the spirit of the
//! explanations equalshares.net gives.
//!
//! - Every rule: a funded project's phase and round; for a project left
//!   out, the highest cost at which the same rule would have funded it
//!   (found by re-running the rule with that one cost changed: at the
//!   reported cost it is funded, one unit more and it is not; a unit is
//!   the smallest amount the file's costs and budget are written in).
//! - Greedy: the project's position in the order, the budget left when it
//!   was reached and whether it fit; for a project left out, how many more
//!   supporters it would have needed (each extra supporter approving only it).
//! - Method of Equal Shares: a funded project's price per supporter and how
//!   many supporters paid it in full; for a project left out, what its
//!   supporters still held at the end of the MES run whose outcome was kept
//!   (the money behind it, how many still had money, the shortfall, and if
//!   it was affordable the price `ρ` it would have needed and its effective
//!   vote count `cost / ρ`).
//! - Voter-level figures: see [`voters`].
//!
//! The rule is any function from an election to an [`Outcome`], so the
//! same explanation serves every rule and completion.

pub mod voters;

use crate::official::num::ratio;
use crate::rules::{Outcome, Phase, Rational, Satisfaction, TieBreak};
use crate::{Decimal, Election, Voter};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
pub use voters::{voter_figures, VoterFigures};

/// Which family of rule is explained (decides the rule-specific figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Utilitarian greedy.
    Greedy,
    /// The Method of Equal Shares (with or without a completion).
    Mes,
    /// Sequential Phragmén.
    Phragmen,
}

/// Runs the rule being explained.
pub type RuleFn<'a> = &'a dyn Fn(&Election) -> Result<Outcome, String>;

/// Why an explanation cannot be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExplainError {
    /// META has no numeric budget.
    #[error("META has no numeric `budget`")]
    NoBudget,
    /// `--project` names no project.
    #[error("no project with id {0:?}")]
    UnknownProject(String),
    /// The rule failed.
    #[error("{0}")]
    Rule(String),
}

/// How a funded project was funded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funded {
    /// The part of the rule that chose it.
    pub phase: Phase,
    /// 1-based round within that phase.
    pub round: usize,
    /// MES: price per supporter; Phragmén: the supporters' new load.
    pub price: Option<Rational>,
    /// MES: supporters who paid the full price.
    pub full_payers: Option<usize>,
    /// MES: supporters who paid all they had left (less than the price).
    pub partial_payers: Option<usize>,
}

/// A project as greedy reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GreedyConsideration {
    /// 1-based position in greedy's order.
    pub position: usize,
    /// The budget left when greedy reached it.
    pub remaining_before: Rational,
    /// Whether its cost fit that budget.
    pub fit: bool,
}

/// What a project's supporters held at the end of the MES run kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MesSupport {
    /// Their money together.
    pub money_behind: Rational,
    /// How many of them still had money.
    pub supporters_with_money: usize,
    /// How much they lacked to buy it (0 if they could).
    pub shortfall: Rational,
    /// If they could buy it: the price per supporter it would need.
    pub price_needed: Option<Rational>,
    /// If they could buy it: `cost / price_needed`.
    pub effective_votes: Option<Rational>,
}

/// The explanation of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectExplanation {
    /// Index in the election.
    pub project: usize,
    /// `project_id`.
    pub id: String,
    /// Its cost.
    pub cost: Decimal,
    /// Voters listing it.
    pub supporters: usize,
    /// How it was funded, if it was.
    pub funded: Option<Funded>,
    /// Greedy: how greedy reached it.
    pub greedy: Option<GreedyConsideration>,
    /// MES, left out: its support at the end.
    pub mes: Option<MesSupport>,
    /// Left out: the highest cost at which the rule funds it (`None`:
    /// funded, or no positive cost would do).
    pub would_need_to_cost: Option<Decimal>,
    /// Greedy, left out: extra supporters it needed (`None`: funded, or
    /// it costs more than the whole budget).
    pub supporters_needed: Option<u64>,
}

/// The explanation of an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The rule family.
    pub kind: RuleKind,
    /// META budget.
    pub budget: Decimal,
    /// Total cost of the funded projects.
    pub spent: Rational,
    /// MES: each voter's starting budget in the run kept.
    pub mes_budget_per_voter: Option<Rational>,
    /// Funded projects, in the order chosen.
    pub funded: Vec<usize>,
    /// The projects explained (all, or the one asked for), in file order.
    pub projects: Vec<ProjectExplanation>,
    /// Voter-level figures.
    pub voters: VoterFigures,
}

/// Explains the outcome of `run` on `election`; `sat` and `tie` are the
/// rule's (greedy's order depends on them); `only` limits the per-project
/// part to one `project_id`.
pub fn explain(
    election: &Election,
    kind: RuleKind,
    sat: Satisfaction,
    tie: TieBreak,
    run: RuleFn<'_>,
    only: Option<&str>,
) -> Result<Explanation, ExplainError> {
    let budget = election.budget().ok_or(ExplainError::NoBudget)?;
    let wanted: Vec<usize> = match only {
        Some(id) => vec![election
            .project_index(id)
            .ok_or_else(|| ExplainError::UnknownProject(id.to_string()))?],
        None => (0..election.projects.len()).collect(),
    };
    let outcome = run(election).map_err(ExplainError::Rule)?;
    let ballots = approval_ballots(election);
    let supporters = supporter_lists(election, &ballots);
    let funded = outcome.projects();
    let spent: Rational = funded
        .iter()
        .map(|&p| ratio(election.projects[p].cost))
        .sum();
    let mes_start = match kind {
        RuleKind::Mes => Some(match &outcome.mes_budget_per_voter {
            Some(b) => b.clone(),
            None if election.voters.is_empty() => Rational::zero(),
            None => ratio(budget) / Rational::from_integer(BigInt::from(election.voters.len())),
        }),
        _ => None,
    };
    let replay = mes_start
        .as_ref()
        .map(|start| replay_mes(&outcome, &supporters, election.voters.len(), start));
    let greedy_walk =
        (kind == RuleKind::Greedy).then(|| greedy_walk(election, &supporters, sat, tie, budget));
    let mut projects = Vec::with_capacity(wanted.len());
    for p in wanted {
        let selection = outcome.selections.iter().find(|s| s.project == p);
        let cost = election.projects[p].cost;
        let funded_how = selection.map(|s| {
            let (full, partial) = match &replay {
                Some(r) if s.phase == Phase::Mes => {
                    let (f, q) = r.payers.get(&p).copied().unwrap_or((0, 0));
                    (Some(f), Some(q))
                }
                _ => (None, None),
            };
            Funded {
                phase: s.phase.clone(),
                round: s.round,
                price: s.price.clone(),
                full_payers: full,
                partial_payers: partial,
            }
        });
        let is_funded = funded_how.is_some();
        let mes = match (&replay, is_funded) {
            (Some(r), false) => Some(mes_support(&r.budgets, &supporters[p], &ratio(cost))),
            _ => None,
        };
        let greedy = greedy_walk
            .as_ref()
            .and_then(|w| w.iter().find(|g| g.0 == p))
            .map(|g| g.1.clone());
        let (would_need_to_cost, supporters_needed) = if is_funded {
            (None, None)
        } else {
            let needed = if kind == RuleKind::Greedy {
                supporters_needed(election, p, budget, sat, run)?
            } else {
                None
            };
            (would_need_to_cost(election, p, run)?, needed)
        };
        projects.push(ProjectExplanation {
            project: p,
            id: election.projects[p].id.clone(),
            cost,
            supporters: supporters[p].len(),
            funded: funded_how,
            greedy,
            mes,
            would_need_to_cost,
            supporters_needed,
        });
    }
    Ok(Explanation {
        kind,
        budget,
        spent,
        mes_budget_per_voter: mes_start,
        voters: voter_figures(election, &funded),
        funded,
        projects,
    })
}

/// Each voter's listed projects, repeats and unknown indices dropped.
fn approval_ballots(election: &Election) -> Vec<Vec<usize>> {
    let m = election.projects.len();
    election
        .voters
        .iter()
        .map(|v| {
            let mut seen = vec![false; m];
            v.vote
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| p < m && !std::mem::replace(&mut seen[p], true))
                .collect()
        })
        .collect()
}

fn supporter_lists(election: &Election, ballots: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut s = vec![Vec::new(); election.projects.len()];
    for (v, b) in ballots.iter().enumerate() {
        for &p in b {
            s[p].push(v);
        }
    }
    s
}

struct Replay {
    budgets: Vec<Rational>,
    /// Per MES-bought project: (full payers, partial payers).
    payers: std::collections::HashMap<usize, (usize, usize)>,
}

/// Replays the MES rounds of `outcome`: every supporter pays the price or
/// all they have left.
fn replay_mes(outcome: &Outcome, supporters: &[Vec<usize>], n: usize, start: &Rational) -> Replay {
    let mut budgets = vec![start.clone(); n];
    let mut payers = std::collections::HashMap::new();
    for s in outcome.selections.iter().filter(|s| s.phase == Phase::Mes) {
        let Some(price) = &s.price else { continue };
        let (mut full, mut partial) = (0, 0);
        for &v in &supporters[s.project] {
            if budgets[v] >= *price {
                budgets[v] -= price;
                full += 1;
            } else {
                if budgets[v].is_positive() {
                    partial += 1;
                }
                budgets[v] = Rational::zero();
            }
        }
        payers.insert(s.project, (full, partial));
    }
    Replay { budgets, payers }
}

/// A project's support given what voters hold.
fn mes_support(budgets: &[Rational], supporters: &[usize], cost: &Rational) -> MesSupport {
    let mut held: Vec<&Rational> = supporters.iter().map(|&v| &budgets[v]).collect();
    let money_behind: Rational = held.iter().copied().sum();
    let supporters_with_money = held.iter().filter(|b| b.is_positive()).count();
    let shortfall = if &money_behind >= cost {
        Rational::zero()
    } else {
        cost - &money_behind
    };
    let (mut price_needed, mut effective_votes) = (None, None);
    if !held.is_empty() && cost.is_positive() && &money_behind >= cost {
        held.sort();
        let mut paid = Rational::zero();
        let mut left = held.len();
        for b in held {
            let price = (cost - &paid) / Rational::from_integer(BigInt::from(left));
            if price > *b {
                paid += b;
                left -= 1;
            } else {
                effective_votes = Some(cost / &price);
                price_needed = Some(price);
                break;
            }
        }
    }
    MesSupport {
        money_behind,
        supporters_with_money,
        shortfall,
        price_needed,
        effective_votes,
    }
}

/// Greedy's order (satisfaction per unit of cost, decreasing; ties by the
/// tie-breaking) and the budget left at each project.
fn greedy_walk(
    election: &Election,
    supporters: &[Vec<usize>],
    sat: Satisfaction,
    tie: TieBreak,
    budget: Decimal,
) -> Vec<(usize, GreedyConsideration)> {
    let m = election.projects.len();
    let costs: Vec<Rational> = election.projects.iter().map(|p| ratio(p.cost)).collect();
    // Density as (numerator, denominator), None = infinite.
    let density = |p: usize| -> Option<Rational> {
        let n = Rational::from_integer(BigInt::from(supporters[p].len()));
        match sat {
            Satisfaction::Cost if !costs[p].is_zero() => Some(n),
            Satisfaction::Cost => Some(Rational::zero()),
            Satisfaction::Cardinality if n.is_zero() => Some(Rational::zero()),
            Satisfaction::Cardinality if costs[p].is_zero() => None,
            Satisfaction::Cardinality => Some(n / &costs[p]),
        }
    };
    let rank = tie_rank(election, supporters, tie);
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (density(a), density(b));
        let by_density = match (&da, &db) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => y.cmp(x),
        };
        by_density.then(rank[a].cmp(&rank[b]))
    });
    let mut remaining = ratio(budget);
    order
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let fit = costs[p] <= remaining;
            let before = remaining.clone();
            if fit {
                remaining -= &costs[p];
            }
            (
                p,
                GreedyConsideration {
                    position: i + 1,
                    remaining_before: before,
                    fit,
                },
            )
        })
        .collect()
}

/// The rank of each project under a tie-breaking (0 wins every tie).
fn tie_rank(election: &Election, supporters: &[Vec<usize>], tie: TieBreak) -> Vec<usize> {
    let m = election.projects.len();
    let ps = &election.projects;
    let mut idx: Vec<usize> = (0..m).collect();
    match tie {
        TieBreak::Lexico => idx.sort_by(|&a, &b| ps[a].id.cmp(&ps[b].id).then(a.cmp(&b))),
        TieBreak::CostVotes => idx.sort_by(|&a, &b| {
            ps[a]
                .cost
                .cmp(&ps[b].cost)
                .then(supporters[b].len().cmp(&supporters[a].len()))
                .then(ps[a].id.cmp(&ps[b].id))
                .then(a.cmp(&b))
        }),
        TieBreak::File => {}
    }
    let mut rank = vec![0; m];
    for (r, &p) in idx.iter().enumerate() {
        rank[p] = r;
    }
    rank
}

/// The unit amounts are written in: `10^-scale` with the largest scale
/// among the costs and the budget.
fn unit_scale(election: &Election) -> u32 {
    election
        .projects
        .iter()
        .map(|p| p.cost.scale())
        .chain(election.budget().map(|b| b.scale()))
        .max()
        .unwrap_or(0)
}

fn funded_at_cost(
    election: &Election,
    p: usize,
    cost: Decimal,
    run: RuleFn<'_>,
) -> Result<bool, ExplainError> {
    let mut e = election.clone();
    e.projects[p].cost = cost;
    Ok(run(&e).map_err(ExplainError::Rule)?.contains(p))
}

/// The highest cost (whole units) at most the project's cost at which the
/// rule funds it, by bisection between 1 unit (funded) and its cost (not):
/// at the result it is funded and one unit more it is not.
pub fn would_need_to_cost(
    election: &Election,
    p: usize,
    run: RuleFn<'_>,
) -> Result<Option<Decimal>, ExplainError> {
    let scale = unit_scale(election);
    let Some(cost_units) = election.projects[p].cost.units_at_scale(scale) else {
        return Ok(None);
    };
    if cost_units <= 1 || !funded_at_cost(election, p, Decimal::new(1, scale), run)? {
        return Ok(None);
    }
    let (mut lo, mut hi) = (1i128, cost_units);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if funded_at_cost(election, p, Decimal::new(mid, scale), run)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(Some(Decimal::new(lo, scale)))
}

fn funded_with_extra(
    election: &Election,
    p: usize,
    k: u64,
    run: RuleFn<'_>,
) -> Result<bool, ExplainError> {
    let mut e = election.clone();
    let points = e.voters.iter().any(|v| v.points.is_some());
    for i in 0..k {
        e.voters.push(Voter {
            id: format!("explain-extra-{i}"),
            vote: vec![p as u32],
            points: points.then(|| vec![Decimal::from_int(1)]),
            fields: Default::default(),
        });
    }
    Ok(run(&e).map_err(ExplainError::Rule)?.contains(p))
}

/// Greedy: the fewest extra supporters with which the rule funds the
/// project, or `None` if it costs more than the budget.
pub fn supporters_needed(
    election: &Election,
    p: usize,
    budget: Decimal,
    sat: Satisfaction,
    run: RuleFn<'_>,
) -> Result<Option<u64>, ExplainError> {
    if election.projects[p].cost > budget {
        return Ok(None);
    }
    // With `cap` extra supporters it is strictly first in greedy's order
    // (free projects aside, which cost nothing), so it is funded.
    let ballots = approval_ballots(election);
    let support = supporter_lists(election, &ballots);
    let n_p = support[p].len() as u64;
    let cost_p = ratio(election.projects[p].cost);
    let cap: u64 = match sat {
        Satisfaction::Cost => support.iter().map(|s| s.len() as u64).max().unwrap_or(0) + 1,
        Satisfaction::Cardinality => {
            let max_density = (0..election.projects.len())
                .filter(|&q| election.projects[q].cost.units() > 0)
                .map(|q| {
                    Rational::from_integer(BigInt::from(support[q].len()))
                        / ratio(election.projects[q].cost)
                })
                .max()
                .unwrap_or_else(Rational::zero);
            let bound = (max_density * cost_p).floor().to_integer();
            u64::try_from(bound).unwrap_or(u64::MAX - 1) + 1
        }
    }
    .saturating_sub(n_p)
    .max(1);
    let mut hi: u64 = 1;
    while !funded_with_extra(election, p, hi, run)? {
        if hi >= cap {
            return Ok(None);
        }
        hi = (hi * 2).min(cap);
    }
    let mut lo = hi / 2; // not funded with lo (0 is the real outcome)
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if funded_with_extra(election, p, mid, run)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(Some(hi))
}
