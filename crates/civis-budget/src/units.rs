//! Budget units: the separate pots of money projects compete for.
//!
//! A project whose district has a budget in [`Budgets::districts`] competes in that
//! district's unit; otherwise, if its category has a budget in
//! [`Budgets::categories`], in that category's; otherwise in the citywide unit
//! (budget [`Budgets::total`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::rules::Amount;
use crate::{Budgets, Proposal, ProposalId};

/// Which budget a project competes for. Written `citywide`, `district:<name>` or
/// `category:<name>` (in JSON, URLs and [`crate::results::UnitOutcome::unit`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum UnitKey {
    /// The citywide budget.
    Citywide,
    /// A district's budget.
    District(String),
    /// A category's budget.
    Category(String),
}

/// A unit name that is not `citywide`, `district:<name>` or `category:<name>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a budget unit is `citywide`, `district:<name>` or `category:<name>` (got {0:?})")]
pub struct UnitKeyError(pub String);

impl UnitKey {
    /// The unit a proposal competes in under `budgets` (see the module documentation).
    pub fn of(budgets: &Budgets, proposal: &Proposal) -> UnitKey {
        if let Some(d) = &proposal.draft.district {
            if budgets.districts.contains_key(d) {
                return UnitKey::District(d.clone());
            }
        }
        if let Some(c) = &proposal.draft.category {
            if budgets.categories.contains_key(c) {
                return UnitKey::Category(c.clone());
            }
        }
        UnitKey::Citywide
    }

    /// The unit's budget under `budgets` (0 for a district or category without one).
    pub fn budget(&self, budgets: &Budgets) -> Amount {
        match self {
            UnitKey::Citywide => budgets.total,
            UnitKey::District(d) => budgets.districts.get(d).copied().unwrap_or(0),
            UnitKey::Category(c) => budgets.categories.get(c).copied().unwrap_or(0),
        }
    }

    /// A name for the unit in English sentences: the district or category name, or
    /// `the citywide budget`.
    pub fn label(&self) -> String {
        match self {
            UnitKey::Citywide => "the citywide budget".to_string(),
            UnitKey::District(d) => d.clone(),
            UnitKey::Category(c) => format!("the {c} category"),
        }
    }
}

impl fmt::Display for UnitKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitKey::Citywide => f.write_str("citywide"),
            UnitKey::District(d) => write!(f, "district:{d}"),
            UnitKey::Category(c) => write!(f, "category:{c}"),
        }
    }
}

impl FromStr for UnitKey {
    type Err = UnitKeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "citywide" {
            return Ok(UnitKey::Citywide);
        }
        match s.split_once(':') {
            Some(("district", d)) if !d.is_empty() => Ok(UnitKey::District(d.to_string())),
            Some(("category", c)) if !c.is_empty() => Ok(UnitKey::Category(c.to_string())),
            _ => Err(UnitKeyError(s.to_string())),
        }
    }
}

impl TryFrom<String> for UnitKey {
    type Error = UnitKeyError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<UnitKey> for String {
    fn from(k: UnitKey) -> String {
        k.to_string()
    }
}

/// One budget unit and the projects on the ballot that compete in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetUnit {
    /// Which unit.
    pub key: UnitKey,
    /// Its budget.
    pub budget: Amount,
    /// Its projects on the ballot, by increasing id (the order proposals were made).
    pub projects: Vec<ProposalId>,
}

/// The budget units of the projects on the ballot (only [`Proposal::on_ballot`] ones
/// count): every unit with at least one project, citywide first, then districts,
/// then categories, each group by name.
pub fn budget_units(budgets: &Budgets, proposals: &[Proposal]) -> Vec<BudgetUnit> {
    let mut on_ballot: Vec<&Proposal> = proposals.iter().filter(|p| p.on_ballot()).collect();
    on_ballot.sort_by_key(|p| p.id);
    on_ballot.dedup_by_key(|p| p.id);
    let mut units: Vec<BudgetUnit> = Vec::new();
    for p in on_ballot {
        let key = UnitKey::of(budgets, p);
        match units.iter_mut().find(|u| u.key == key) {
            Some(u) => u.projects.push(p.id),
            None => units.push(BudgetUnit {
                budget: key.budget(budgets),
                key,
                projects: vec![p.id],
            }),
        }
    }
    units.sort_by(|a, b| a.key.cmp(&b.key));
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{budgets, proposal};

    #[test]
    fn district_beats_category_beats_citywide() {
        let b = budgets(1000, &[("Kesklinn", 300)], &[("green", 200)]);
        let ps = vec![
            proposal(1, 100, Some("Kesklinn"), Some("green")),
            proposal(2, 100, Some("Kalamaja"), Some("green")),
            proposal(3, 100, Some("Kalamaja"), Some("sport")),
            proposal(4, 100, None, None),
            proposal(5, 100, Some("Kesklinn"), None),
        ];
        let units = budget_units(&b, &ps);
        let got: Vec<(String, Amount, Vec<i64>)> = units
            .iter()
            .map(|u| {
                (
                    u.key.to_string(),
                    u.budget,
                    u.projects.iter().map(|p| p.0).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("citywide".to_string(), 1000, vec![3, 4]),
                ("district:Kesklinn".to_string(), 300, vec![1, 5]),
                ("category:green".to_string(), 200, vec![2]),
            ]
        );
    }

    #[test]
    fn only_projects_on_the_ballot_count() {
        let b = budgets(1000, &[("Kesklinn", 300)], &[]);
        let mut hidden = proposal(1, 100, Some("Kesklinn"), None);
        hidden.hidden = Some("spam".into());
        let mut pending = proposal(2, 100, None, None);
        pending.review = crate::Review::Pending;
        let units = budget_units(&b, &[hidden, pending, proposal(3, 50, None, None)]);
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].key, UnitKey::Citywide);
        assert_eq!(units[0].projects, vec![ProposalId(3)]);
        assert!(budget_units(&b, &[]).is_empty());
    }

    #[test]
    fn keys_round_trip_as_strings() {
        for k in [
            UnitKey::Citywide,
            UnitKey::District("Põhja-Tallinn".into()),
            UnitKey::Category("green:blue".into()),
        ] {
            assert_eq!(k.to_string().parse::<UnitKey>(), Ok(k.clone()));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(serde_json::from_str::<UnitKey>(&json).unwrap(), k);
        }
        assert!("district:".parse::<UnitKey>().is_err());
        assert!("city".parse::<UnitKey>().is_err());
    }
}
