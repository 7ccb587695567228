//! "Why was my project (not) funded?": per-project explanations of a process's
//! outcome from the engine's explain module, as serializable data for the API and
//! pages; in sentences with stable codes and in plain English words in
//! [`crate::explain_parts`].
//!
//! A funded project says how: in which round of the Method of Equal Shares and at
//! what price per supporter, or at which place in greedy's order. A project left
//! out says why: under greedy, how much budget was left when its turn came; under
//! the Method of Equal Shares, what its supporters still held at the end and its
//! effective support; under both, the highest cost at which the same rule would
//! have funded it (so how much cheaper it would have had to be) and, under greedy,
//! how many more supporters it needed.
//!
//! The "how much cheaper" and "how many more supporters" figures re-run the rule
//! many times per project left out (a bisection over its cost, and over extra
//! supporters for greedy): [`ExplainDepth::Full`] is cheap for greedy and plain
//! MES but slow for MES with a completion on large processes (minutes with
//! `add1u`; `examples/explain_cost.rs` measures it). [`ExplainDepth::Summary`]
//! runs the rule once per unit and leaves those figures out. Compute explanations
//! once, when results are published, and store them with the results
//! ([`crate::ProcessResults::explanations`]).

use civis_pb::explain::{explain, ExplainError, Explanation, RuleKind};
use civis_pb::official::greedy::GreedyDecision;
use civis_pb::official::num::int;
use civis_pb::rules::{Phase as EnginePhase, Rational, Satisfaction};
use civis_pb::Election;
use serde::{Deserialize, Serialize};

use crate::outcome::{engine_tie_break, run_rule, score_greedy, unit_election, uses_score_greedy};
use crate::rules::Amount;
use crate::units::{budget_units, BudgetUnit, UnitKey};
use crate::validate::format_amount;
use crate::{Ballot, OutcomeError, OutcomeRule, Process, ProcessRules, Proposal, ProposalId};

/// An exact amount (money, or a number of votes) and its value rounded to two
/// decimals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exact {
    /// The exact value: an integer, or a fraction `n/d` in lowest terms.
    pub exact: String,
    /// Rounded to two decimals (half away from zero), with a `.` decimal point and
    /// no trailing `.00`: `333.33`, `250`.
    pub rounded: String,
}

impl Exact {
    /// Zero.
    pub fn zero() -> Exact {
        Exact {
            exact: "0".to_string(),
            rounded: "0".to_string(),
        }
    }

    fn of(r: &Rational) -> Exact {
        let negative = *r < int(0);
        let abs = if negative { -r.clone() } else { r.clone() };
        let cents = (abs * int(100)).round().to_integer();
        let digits = format!("{cents:0>3}");
        let (whole, frac) = digits.split_at(digits.len() - 2);
        let sign = if negative { "-" } else { "" };
        let rounded = if frac == "00" {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
        };
        Exact {
            exact: r.to_string(),
            rounded,
        }
    }

    /// The rounded value with thousands separated by commas: `47,615.38`.
    pub fn grouped(&self) -> String {
        let (sign, rest) = match self.rounded.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", self.rounded.as_str()),
        };
        let (whole, frac) = match rest.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (rest, None),
        };
        let whole = whole
            .parse::<Amount>()
            .map(format_amount)
            .unwrap_or_else(|_| whole.to_string());
        match frac {
            Some(f) => format!("{sign}{whole}.{f}"),
            None => format!("{sign}{whole}"),
        }
    }
}

/// How much to work out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExplainDepth {
    /// Everything but the figures that need re-running the rule
    /// (`would_be_funded_at_cost`, `cheaper_by` and `more_supporters_needed` are
    /// `None`): one rule run per unit.
    Summary,
    /// Everything (see the module documentation for the cost).
    Full,
}

/// Which part of the rule funded a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// A round of the Method of Equal Shares.
    EqualShares,
    /// A step of greedy (the greedy rule itself).
    Greedy,
    /// The completion after the Method of Equal Shares (greedy on what was left).
    Completion,
    /// Free projects funded before everything else.
    Free,
}

/// Why one project was or was not funded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectExplanation {
    /// The project.
    pub project: ProposalId,
    /// Its budget unit.
    pub unit: UnitKey,
    /// Its cost.
    pub cost: Amount,
    /// Ballots choosing it in its unit.
    pub supporters: u64,
    /// Whether it is funded.
    pub funded: bool,
    /// Funded: which part of the rule funded it.
    pub stage: Option<Stage>,
    /// Funded: the 1-based round (step) within that stage.
    pub round: Option<u64>,
    /// Funded by Equal Shares: what each supporter was asked to pay (a supporter
    /// with less money left paid all they had).
    pub price_per_supporter: Option<Exact>,
    /// Funded by Equal Shares: supporters who paid the full price.
    pub full_payers: Option<u64>,
    /// Funded by Equal Shares: supporters who paid all they had left.
    pub partial_payers: Option<u64>,
    /// Greedy: its 1-based place in greedy's order.
    pub greedy_position: Option<u64>,
    /// Greedy: the budget left when greedy reached it.
    pub budget_left_when_reached: Option<Exact>,
    /// Equal Shares, left out: the money its supporters still held at the end.
    pub money_behind: Option<Exact>,
    /// Equal Shares, left out: how many of its supporters still had money.
    pub supporters_with_money: Option<u64>,
    /// Equal Shares, left out: how much its supporters lacked to pay for it.
    pub shortfall: Option<Exact>,
    /// Equal Shares, left out but affordable: the price per supporter it needed.
    pub price_needed: Option<Exact>,
    /// Equal Shares, left out but affordable: its effective support, `cost / price`
    /// (the number of supporters paying equally it amounts to).
    pub effective_votes: Option<Exact>,
    /// Left out: the highest cost at which the rule would have funded it (`None`
    /// when no cost would do, or with [`ExplainDepth::Summary`]).
    pub would_be_funded_at_cost: Option<Amount>,
    /// Left out: `cost - would_be_funded_at_cost`, how much cheaper it had to be.
    pub cheaper_by: Option<Amount>,
    /// Greedy, left out: how many more supporters (each choosing only it) it needed
    /// (`None` when no number would do, or with [`ExplainDepth::Summary`]).
    pub more_supporters_needed: Option<u64>,
    /// How much was worked out.
    pub depth: ExplainDepth,
}

fn to_amount(d: civis_pb::Decimal) -> Option<Amount> {
    d.units_at_scale(0).and_then(|u| Amount::try_from(u).ok())
}

/// Explains the projects of one unit (`only`: just that project).
fn explain_unit(
    rules: &ProcessRules,
    unit: &BudgetUnit,
    proposals: &[Proposal],
    ballots: &[Ballot],
    only: Option<ProposalId>,
    depth: ExplainDepth,
) -> Result<Vec<ProjectExplanation>, OutcomeError> {
    let error = |reason: String| OutcomeError {
        unit: unit.key.to_string(),
        reason,
    };
    let election = unit_election(rules, unit, proposals, ballots);
    let kind = match rules.rule {
        OutcomeRule::Greedy => RuleKind::Greedy,
        OutcomeRule::Mes { .. } => RuleKind::Mes,
    };
    // Summary: the engine's counterfactual runs (any election other than this
    // one) are answered with "nothing funded", which ends each search at once.
    let run = |e: &Election| match depth {
        ExplainDepth::Summary if *e != election => Ok(civis_pb::rules::Outcome::default()),
        _ => run_rule(rules, e),
    };
    let only_id = only.map(|p| p.to_string());
    let explained: Explanation = explain(
        &election,
        kind,
        Satisfaction::Cost,
        engine_tie_break(rules.tie_break),
        &run,
        only_id.as_deref(),
    )
    .map_err(|e: ExplainError| error(e.to_string()))?;
    // Greedy on points or rankings: its own walk (the engine's explain walks by votes).
    let score_walk = if uses_score_greedy(rules, election.vote_type()) {
        let (walk, by_tie) = score_greedy(&election, rules.tie_break).map_err(error)?;
        Some(
            walk.steps
                .into_iter()
                .map(|s| {
                    (
                        by_tie.get(s.project).copied().unwrap_or(usize::MAX),
                        s.position,
                        s.remaining_before,
                        matches!(s.decision, GreedyDecision::Funded),
                    )
                })
                .collect::<Vec<_>>(),
        )
    } else {
        None
    };
    let mut out = Vec::with_capacity(explained.projects.len());
    for p in explained.projects {
        let Some(project) = unit.projects.get(p.project).copied() else {
            continue;
        };
        let cost = to_amount(p.cost).unwrap_or(0);
        let (greedy_position, budget_left_when_reached) = match &score_walk {
            Some(walk) => walk
                .iter()
                .find(|w| w.0 == p.project)
                .map(|w| (Some(w.1 as u64), Some(Exact::of(&w.2))))
                .unwrap_or((None, None)),
            None => p
                .greedy
                .as_ref()
                .map(|g| {
                    (
                        Some(g.position as u64),
                        Some(Exact::of(&g.remaining_before)),
                    )
                })
                .unwrap_or((None, None)),
        };
        let funded = p.funded.as_ref();
        let stage = funded.map(|f| match (&f.phase, rules.rule) {
            (EnginePhase::ZeroCost, _) => Stage::Free,
            (EnginePhase::Mes, _) => Stage::EqualShares,
            (_, OutcomeRule::Greedy) => Stage::Greedy,
            (_, OutcomeRule::Mes { .. }) => Stage::Completion,
        });
        let mes = p.mes.as_ref();
        let full = depth == ExplainDepth::Full;
        let would = p.would_need_to_cost.and_then(to_amount).filter(|_| full);
        out.push(ProjectExplanation {
            project,
            unit: unit.key.clone(),
            cost,
            supporters: p.supporters as u64,
            funded: funded.is_some(),
            stage,
            round: funded.map(|f| f.round as u64),
            price_per_supporter: funded
                .filter(|f| f.phase == EnginePhase::Mes)
                .and_then(|f| f.price.as_ref())
                .map(Exact::of),
            full_payers: funded.and_then(|f| f.full_payers).map(|n| n as u64),
            partial_payers: funded.and_then(|f| f.partial_payers).map(|n| n as u64),
            greedy_position,
            budget_left_when_reached,
            money_behind: mes.map(|m| Exact::of(&m.money_behind)),
            supporters_with_money: mes.map(|m| m.supporters_with_money as u64),
            shortfall: mes.map(|m| Exact::of(&m.shortfall)),
            price_needed: mes.and_then(|m| m.price_needed.as_ref()).map(Exact::of),
            effective_votes: mes.and_then(|m| m.effective_votes.as_ref()).map(Exact::of),
            would_be_funded_at_cost: would,
            cheaper_by: would.map(|w| cost.saturating_sub(w)),
            more_supporters_needed: p.supporters_needed.filter(|_| full),
            depth,
        });
    }
    Ok(out)
}

/// Explains every project on the ballot of `process`, unit by unit (in the order of
/// [`budget_units`], projects by increasing id), from the same inputs as
/// [`crate::compute_results`].
pub fn explain_results(
    process: &Process,
    proposals: &[Proposal],
    ballots: &[Ballot],
    depth: ExplainDepth,
) -> Result<Vec<ProjectExplanation>, OutcomeError> {
    let (proposals, ballots) = crate::outcome::of_process(process, proposals, ballots);
    let rules = &process.settings.rules;
    let mut out = Vec::new();
    for unit in budget_units(&rules.budgets, &proposals) {
        out.extend(explain_unit(
            rules, &unit, &proposals, &ballots, None, depth,
        )?);
    }
    Ok(out)
}

/// Explains one project (`None` when it is not on the ballot of `process`).
pub fn explain_project(
    process: &Process,
    proposals: &[Proposal],
    ballots: &[Ballot],
    project: ProposalId,
    depth: ExplainDepth,
) -> Result<Option<ProjectExplanation>, OutcomeError> {
    let (proposals, ballots) = crate::outcome::of_process(process, proposals, ballots);
    let rules = &process.settings.rules;
    let Some(unit) = budget_units(&rules.budgets, &proposals)
        .into_iter()
        .find(|u| u.projects.contains(&project))
    else {
        return Ok(None);
    };
    Ok(
        explain_unit(rules, &unit, &proposals, &ballots, Some(project), depth)?
            .into_iter()
            .next(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> Rational {
        int(n) / int(d)
    }

    #[test]
    fn exact_amounts_keep_the_fraction_and_round_to_cents() {
        let e = Exact::of(&r(1000, 3));
        assert_eq!((e.exact.as_str(), e.rounded.as_str()), ("1000/3", "333.33"));
        assert_eq!(Exact::of(&r(5, 2)).rounded, "2.5");
        assert_eq!(Exact::of(&r(5, 2)).exact, "5/2");
        assert_eq!(Exact::of(&r(1, 200)).rounded, "0.01");
        assert_eq!(Exact::of(&r(2, 3)).rounded, "0.67");
        assert_eq!(Exact::of(&r(0, 1)).rounded, "0");
        assert_eq!(Exact::of(&r(250_000, 1)).rounded, "250000");
        assert_eq!(Exact::of(&r(-7, 4)).rounded, "-1.75");
        assert_eq!(Exact::of(&r(4_761_538, 100)).grouped(), "47,615.38");
        assert_eq!(Exact::of(&r(-1_000_000, 1)).grouped(), "-1,000,000");
    }
}
