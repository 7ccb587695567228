//! The budget meter: how much of each unit's budget a (possibly unfinished) ballot
//! spends, for rendering the knapsack meter on the server (without JavaScript) or
//! live.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::rules::Amount;
use crate::units::{budget_units, UnitKey};
use crate::{BallotContent, BallotFormat, ProcessRules, Proposal, ProposalId};

/// One unit's line on the meter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitMeter {
    /// The budget unit.
    pub unit: UnitKey,
    /// Its budget.
    pub budget: Amount,
    /// What one ballot may spend in it (the knapsack `limit` if set, else the budget).
    pub limit: Amount,
    /// Total cost of the chosen projects of the unit.
    pub used: Amount,
    /// `limit - used`, or 0 when over.
    pub remaining: Amount,
    /// `used - limit`, or 0 when within the limit.
    pub over: Amount,
    /// `used` as a whole percentage of `limit`, at most 100 (100 when over; 0 for a
    /// zero limit with nothing chosen).
    pub percent: u32,
    /// The chosen projects of the unit, in ballot order.
    pub chosen: Vec<ProposalId>,
    /// The unit's projects not chosen that still fit in `remaining`.
    pub affordable: Vec<ProposalId>,
}

impl UnitMeter {
    /// Whether the chosen projects cost more than the limit.
    pub fn is_over(&self) -> bool {
        self.over > 0
    }
}

/// The meter of a ballot: one line per budget unit with projects on the ballot
/// (in the order of [`budget_units`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetMeter {
    /// One line per unit.
    pub units: Vec<UnitMeter>,
}

impl BudgetMeter {
    /// Whether any unit is over its limit.
    pub fn is_over(&self) -> bool {
        self.units.iter().any(UnitMeter::is_over)
    }

    /// The line of a unit.
    pub fn unit(&self, key: &UnitKey) -> Option<&UnitMeter> {
        self.units.iter().find(|u| &u.unit == key)
    }
}

/// The projects a ballot lists, in ballot order (points ballots: those with at
/// least one point).
pub fn chosen_projects(content: &BallotContent) -> Vec<ProposalId> {
    match content {
        BallotContent::Approval(ids) | BallotContent::Ranking(ids) => ids.clone(),
        BallotContent::Points(points) => points
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(id, _)| *id)
            .collect(),
    }
}

/// The meter for the projects `chosen` so far. Projects not on the ballot and
/// repeats are ignored, so any partial choice can be shown. The limit per unit is
/// the knapsack format's `limit` when set, else the unit's budget (whatever the
/// format).
pub fn budget_meter(
    rules: &ProcessRules,
    proposals: &[Proposal],
    chosen: &[ProposalId],
) -> BudgetMeter {
    let fixed_limit = match rules.ballot {
        BallotFormat::Knapsack { limit } => limit,
        _ => None,
    };
    let mut seen = HashSet::new();
    let chosen: Vec<ProposalId> = chosen
        .iter()
        .copied()
        .filter(|id| seen.insert(*id))
        .collect();
    let cost_of = |id: &ProposalId| {
        proposals
            .iter()
            .find(|p| p.id == *id)
            .map(Proposal::cost)
            .unwrap_or(0)
    };
    let units = budget_units(&rules.budgets, proposals)
        .into_iter()
        .map(|unit| {
            let limit = fixed_limit.unwrap_or(unit.budget);
            let mine: Vec<ProposalId> = chosen
                .iter()
                .copied()
                .filter(|id| unit.projects.contains(id))
                .collect();
            let used = mine.iter().map(cost_of).fold(0, Amount::saturating_add);
            let remaining = limit.saturating_sub(used);
            let percent = match (used, limit) {
                (0, _) => 0,
                (_, 0) => 100,
                _ => u32::try_from((u128::from(used) * 100 / u128::from(limit)).min(100))
                    .unwrap_or(100),
            };
            let affordable = unit
                .projects
                .iter()
                .copied()
                .filter(|id| !mine.contains(id) && cost_of(id) <= remaining)
                .collect();
            UnitMeter {
                unit: unit.key,
                budget: unit.budget,
                limit,
                used,
                remaining,
                over: used.saturating_sub(limit),
                percent,
                chosen: mine,
                affordable,
            }
        })
        .collect();
    BudgetMeter { units }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{budgets, proposal};
    use crate::{Eligibility, OutcomeRule, TieBreak};

    fn rules(ballot: BallotFormat) -> ProcessRules {
        ProcessRules {
            budgets: budgets(1000, &[("Kesklinn", 500)], &[]),
            eligibility: Eligibility::default(),
            ballot,
            rule: OutcomeRule::Greedy,
            tie_break: TieBreak::Lexico,
            secret_ballots: false,
        }
    }

    fn ps() -> Vec<Proposal> {
        let mut hidden = proposal(9, 1, None, None);
        hidden.hidden = Some("spam".into());
        vec![
            proposal(1, 400, None, None),
            proposal(2, 700, None, None),
            proposal(3, 300, Some("Kesklinn"), None),
            proposal(4, 300, Some("Kesklinn"), None),
            proposal(5, 100, None, None),
            hidden,
        ]
    }

    fn ids(v: &[i64]) -> Vec<ProposalId> {
        v.iter().map(|&i| ProposalId(i)).collect()
    }

    #[test]
    fn empty_ballot_shows_every_unit_untouched() {
        let m = budget_meter(&rules(BallotFormat::Knapsack { limit: None }), &ps(), &[]);
        assert_eq!(m.units.len(), 2);
        let city = &m.units[0];
        assert_eq!(city.unit, UnitKey::Citywide);
        assert_eq!(
            (
                city.budget,
                city.limit,
                city.used,
                city.remaining,
                city.over,
                city.percent
            ),
            (1000, 1000, 0, 1000, 0, 0)
        );
        assert_eq!(city.affordable, ids(&[1, 2, 5]));
        assert!(!m.is_over());
    }

    #[test]
    fn partial_and_over_ballots_per_unit() {
        let r = rules(BallotFormat::Knapsack { limit: None });
        // 99 unknown, 9 hidden, 1 repeated: ignored.
        let m = budget_meter(&r, &ps(), &ids(&[1, 3, 99, 9, 4, 1]));
        let city = m.unit(&UnitKey::Citywide).unwrap();
        assert_eq!(
            (city.used, city.remaining, city.over, city.percent),
            (400, 600, 0, 40)
        );
        assert_eq!(city.chosen, ids(&[1]));
        assert_eq!(city.affordable, ids(&[5]));
        let kesklinn = m.unit(&UnitKey::District("Kesklinn".into())).unwrap();
        assert_eq!(
            (
                kesklinn.used,
                kesklinn.remaining,
                kesklinn.over,
                kesklinn.percent
            ),
            (600, 0, 100, 100)
        );
        assert!(kesklinn.is_over());
        assert!(kesklinn.affordable.is_empty());
        assert!(m.is_over());
    }

    #[test]
    fn knapsack_limit_replaces_unit_budgets() {
        let r = rules(BallotFormat::Knapsack { limit: Some(350) });
        let m = budget_meter(&r, &ps(), &ids(&[3]));
        let kesklinn = &m.units[1];
        assert_eq!(
            (kesklinn.budget, kesklinn.limit, kesklinn.remaining),
            (500, 350, 50)
        );
        assert_eq!(m.units[0].limit, 350);
        // Other formats use the budgets.
        let approval = rules(BallotFormat::Approval { min: 0, max: 5 });
        assert_eq!(budget_meter(&approval, &ps(), &[]).units[0].limit, 1000);
    }

    #[test]
    fn chosen_projects_of_each_shape() {
        assert_eq!(
            chosen_projects(&BallotContent::Approval(ids(&[2, 1]))),
            ids(&[2, 1])
        );
        assert_eq!(
            chosen_projects(&BallotContent::Ranking(ids(&[3]))),
            ids(&[3])
        );
        assert_eq!(
            chosen_projects(&BallotContent::Points(vec![
                (ProposalId(1), 0),
                (ProposalId(2), 3)
            ])),
            ids(&[2])
        );
    }
}
