//! The ballot form: the projects on the ballot grouped by budget unit, what the voter
//! chose (from a submitted form or a stored ballot), and the knapsack budget meter.
//!
//! Parsing turns the form's fields into a [`BallotContent`]; whether that ballot obeys
//! the rules is the budget service's decision, whose problems the page shows.

use std::collections::{BTreeMap, BTreeSet};

use civis_budget::{
    budget_meter, budget_units, BallotContent, BallotFormat, Process, Proposal, ProposalId,
};

use super::budget_words::{money, unit_label};
use super::form::FormErrors;
use crate::i18n::L10n;

/// What the voter chose, as the form shows it again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Approved projects (approval, knapsack).
    pub approved: BTreeSet<i64>,
    /// Points typed per project, as typed (cumulative).
    pub points: BTreeMap<i64, String>,
    /// Project chosen at each rank, 1-based (ranked).
    pub ranks: BTreeMap<u32, i64>,
}

impl Choices {
    /// The choices of a stored ballot.
    pub fn from_content(content: &BallotContent) -> Self {
        let mut c = Choices::default();
        match content {
            BallotContent::Approval(ids) => c.approved = ids.iter().map(|id| id.0).collect(),
            BallotContent::Points(points) => {
                c.points = points.iter().map(|(id, n)| (id.0, n.to_string())).collect();
            }
            BallotContent::Ranking(ids) => {
                c.ranks = (1u32..).zip(ids.iter().map(|id| id.0)).collect();
            }
        }
        c
    }

    /// Reads the submitted fields: `approve=<id>` (repeated), `points-<id>=<n>`,
    /// `rank-<n>=<id>`. Fields naming no project on the ballot are ignored.
    pub fn from_fields(fields: &[(String, String)], on_ballot: &BTreeSet<i64>) -> Self {
        let mut c = Choices::default();
        for (name, value) in fields {
            let value = value.trim();
            if name == "approve" {
                if let Some(id) = value.parse().ok().filter(|id| on_ballot.contains(id)) {
                    c.approved.insert(id);
                }
            } else if let Some(id) = name.strip_prefix("points-") {
                if let Some(id) = id.parse().ok().filter(|id| on_ballot.contains(id)) {
                    c.points.insert(id, value.to_owned());
                }
            } else if let Some(rank) = name.strip_prefix("rank-") {
                let rank = rank.parse::<u32>().ok();
                let id = value.parse().ok().filter(|id| on_ballot.contains(id));
                if let (Some(rank), Some(id)) = (rank, id) {
                    c.ranks.insert(rank, id);
                }
            }
        }
        c
    }

    /// The ballot these choices make for `format`, or the fields typed wrongly (points
    /// that are not whole numbers), with their messages.
    pub fn content(&self, l: &L10n, format: &BallotFormat) -> Result<BallotContent, FormErrors> {
        match format {
            BallotFormat::Approval { .. } | BallotFormat::Knapsack { .. } => Ok(
                BallotContent::Approval(self.approved.iter().map(|id| ProposalId(*id)).collect()),
            ),
            BallotFormat::Cumulative { .. } => {
                let mut errors = FormErrors::new();
                let mut points = Vec::new();
                for (id, text) in &self.points {
                    if text.is_empty() {
                        continue;
                    }
                    match text.parse::<u32>() {
                        Ok(0) => {}
                        Ok(n) => points.push((ProposalId(*id), n)),
                        Err(_) => errors.add(format!("points-{id}"), l.t("pb-error-points-number")),
                    }
                }
                if errors.is_empty() {
                    Ok(BallotContent::Points(points))
                } else {
                    Err(errors)
                }
            }
            BallotFormat::Ranked { .. } => Ok(BallotContent::Ranking(
                self.ranks.values().map(|id| ProposalId(*id)).collect(),
            )),
        }
    }
}

/// A project on the ballot, as the form lists it.
#[derive(Debug, Clone)]
pub struct BallotItem {
    /// The proposal id (checkbox value, field names).
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its official cost, formatted.
    pub cost: String,
    /// Its cost in whole units, for the live meter (`data-cost`).
    pub cost_units: u64,
    /// Approved on this ballot (approval, knapsack).
    pub checked: bool,
    /// Points as typed (cumulative).
    pub points: String,
    /// The error about this project's field, if any.
    pub error: Option<String>,
}

/// The knapsack meter of one budget unit.
#[derive(Debug, Clone)]
pub struct Meter {
    /// Cost of the chosen projects, formatted.
    pub used: String,
    /// The unit's limit, formatted.
    pub limit: String,
    /// What is left (never below zero), formatted.
    pub left: String,
    /// Cost of the chosen projects in whole units (`<meter value>`).
    pub used_units: u64,
    /// The limit in whole units (`<meter max>`).
    pub limit_units: u64,
    /// The choices cost more than the limit.
    pub over: bool,
}

/// The projects of one budget unit, as one `<fieldset>`.
#[derive(Debug, Clone)]
pub struct UnitGroup {
    /// A short id for element ids (`u0`, `u1`, …).
    pub key: String,
    /// "Citywide budget", "District: North", …
    pub label: String,
    /// The unit's budget, formatted.
    pub budget: String,
    /// Its projects, by id.
    pub items: Vec<BallotItem>,
    /// The meter (knapsack ballots only).
    pub meter: Option<Meter>,
}

/// One rank of a ranked ballot: a `<select>` of every project.
#[derive(Debug, Clone)]
pub struct RankSlot {
    /// 1-based rank.
    pub rank: u32,
    /// The project chosen at this rank, if any.
    pub chosen: Option<i64>,
}

/// The projects on the ballot, by id.
pub fn projects_on_ballot(proposals: &[Proposal]) -> Vec<&Proposal> {
    let mut on: Vec<&Proposal> = proposals.iter().filter(|p| p.on_ballot()).collect();
    on.sort_by_key(|p| p.id);
    on
}

/// Groups the projects on the ballot by budget unit, with what the voter chose and,
/// for knapsack ballots, each unit's meter (`civis_budget::budget_meter`).
pub fn unit_groups(
    l: &L10n,
    process: &Process,
    proposals: &[Proposal],
    choices: &Choices,
    errors: &FormErrors,
) -> Vec<UnitGroup> {
    let rules = &process.settings.rules;
    let chosen: Vec<ProposalId> = choices.approved.iter().map(|id| ProposalId(*id)).collect();
    let meter = budget_meter(rules, proposals, &chosen);
    let knapsack = matches!(rules.ballot, BallotFormat::Knapsack { .. });
    budget_units(&rules.budgets, proposals)
        .into_iter()
        .enumerate()
        .map(|(i, unit)| {
            let items = unit
                .projects
                .iter()
                .filter_map(|id| proposals.iter().find(|p| p.id == *id))
                .map(|p| BallotItem {
                    id: p.id.0,
                    title: p.draft.title.clone(),
                    cost: money(l.lang, p.cost()),
                    cost_units: p.cost(),
                    checked: choices.approved.contains(&p.id.0),
                    points: choices.points.get(&p.id.0).cloned().unwrap_or_default(),
                    error: errors.get(&format!("points-{}", p.id.0)).map(str::to_owned),
                })
                .collect();
            let meter = meter.unit(&unit.key).filter(|_| knapsack).map(|m| Meter {
                used: money(l.lang, m.used),
                limit: money(l.lang, m.limit),
                left: money(l.lang, m.remaining),
                used_units: m.used,
                limit_units: m.limit,
                over: m.is_over(),
            });
            UnitGroup {
                key: format!("u{i}"),
                label: unit_label(l, &unit.key),
                budget: money(l.lang, unit.budget),
                items,
                meter,
            }
        })
        .collect()
}

/// The rank selects of a ranked ballot of length `k` (no more than there are projects).
pub fn rank_slots(k: u32, project_count: usize, choices: &Choices) -> Vec<RankSlot> {
    let n = u32::try_from(project_count).unwrap_or(u32::MAX).min(k);
    (1..=n)
        .map(|rank| RankSlot {
            rank,
            chosen: choices.ranks.get(&rank).copied(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn reads_checkboxes_points_and_ranks_of_projects_on_the_ballot_only() {
        let on: BTreeSet<i64> = [1, 2, 3].into();
        let c = Choices::from_fields(
            &fields(&[
                ("approve", "1"),
                ("approve", "3"),
                ("approve", "99"),
                ("points-2", " 5 "),
                ("points-99", "1"),
                ("rank-1", "3"),
                ("rank-2", ""),
                ("rank-3", "1"),
            ]),
            &on,
        );
        assert_eq!(c.approved, [1, 3].into());
        assert_eq!(c.points.get(&2).map(String::as_str), Some("5"));
        assert_eq!(c.points.len(), 1);
        let l = L10n::new(Lang::En);
        let ranked = c.content(&l, &BallotFormat::Ranked { k: 3 }).unwrap();
        assert_eq!(
            ranked,
            BallotContent::Ranking(vec![ProposalId(3), ProposalId(1)])
        );
    }

    #[test]
    fn points_that_are_not_whole_numbers_are_field_errors() {
        let on: BTreeSet<i64> = [1, 2].into();
        let c = Choices::from_fields(&fields(&[("points-1", "2.5"), ("points-2", "0")]), &on);
        let l = L10n::new(Lang::En);
        let format = BallotFormat::Cumulative {
            points: 10,
            max_per_project: None,
        };
        let errors = c.content(&l, &format).unwrap_err();
        assert!(errors.get("points-1").is_some());
        let ok = Choices::from_fields(&fields(&[("points-1", "3"), ("points-2", "0")]), &on);
        assert_eq!(
            ok.content(&l, &format).unwrap(),
            BallotContent::Points(vec![(ProposalId(1), 3)])
        );
    }
}
