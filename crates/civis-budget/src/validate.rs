//! Checking a ballot against the process's rules and the projects on the ballot.
//!
//! [`validate_ballot`] reports every problem at once, each as a [`BallotProblem`]
//! with a stable [`BallotProblem::code`], its parameters (so the web layer can
//! translate it) and a plain-words English [`BallotProblem::message`].

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::Amount;
use crate::units::UnitKey;
use crate::{BallotContent, BallotFormat, ProcessRules, Proposal, ProposalId};

/// The shapes a ballot can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotShape {
    /// A set of chosen projects (approval and knapsack formats).
    Approval,
    /// Points per project (cumulative format).
    Points,
    /// Projects in order (ranked format).
    Ranking,
}

impl BallotShape {
    /// The shape of a ballot's content.
    pub fn of(content: &BallotContent) -> BallotShape {
        match content {
            BallotContent::Approval(_) => BallotShape::Approval,
            BallotContent::Points(_) => BallotShape::Points,
            BallotContent::Ranking(_) => BallotShape::Ranking,
        }
    }

    /// The shape a format asks for.
    pub fn for_format(format: &BallotFormat) -> BallotShape {
        match format {
            BallotFormat::Approval { .. } | BallotFormat::Knapsack { .. } => BallotShape::Approval,
            BallotFormat::Cumulative { .. } => BallotShape::Points,
            BallotFormat::Ranked { .. } => BallotShape::Ranking,
        }
    }

    fn doing(self) -> &'static str {
        match self {
            BallotShape::Approval => "choose projects",
            BallotShape::Points => "give points to projects",
            BallotShape::Ranking => "rank projects in order",
        }
    }
}

/// One thing wrong with a ballot. Serialized with its [`code`](Self::code) in a
/// `code` field next to its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum BallotProblem {
    /// The ballot has the wrong shape for the process's format (nothing else is checked).
    WrongShape {
        /// What the format asks for.
        expected: BallotShape,
        /// What the ballot has.
        got: BallotShape,
    },
    /// A project id that is not a proposal of the process.
    UnknownProject {
        /// The id.
        project: ProposalId,
    },
    /// A proposal that is not on the ballot (not accepted, or hidden).
    NotOnBallot {
        /// The proposal.
        project: ProposalId,
        /// Its title.
        title: String,
    },
    /// A project listed more than once.
    DuplicateProject {
        /// The project.
        project: ProposalId,
        /// Its title (empty when it is not a known proposal).
        title: String,
    },
    /// Fewer projects chosen than the approval format's minimum.
    TooFewProjects {
        /// Projects chosen (on the ballot, each counted once).
        chosen: u32,
        /// The minimum.
        min: u32,
    },
    /// More projects chosen than the approval format's maximum.
    TooManyProjects {
        /// Projects chosen (on the ballot, each counted once).
        chosen: u32,
        /// The maximum.
        max: u32,
    },
    /// Knapsack: the chosen projects of a unit cost more than the unit's limit.
    OverBudget {
        /// The budget unit.
        unit: UnitKey,
        /// Total cost of the projects chosen in it.
        cost: Amount,
        /// What a ballot may spend in it.
        limit: Amount,
        /// `cost - limit`.
        excess: Amount,
    },
    /// Cumulative: more points given than the ballot has.
    TooManyPoints {
        /// Points given (to projects on the ballot, each counted once).
        used: u64,
        /// Points the ballot has.
        points: u32,
    },
    /// Cumulative: more points for one project than allowed.
    TooManyPointsForProject {
        /// The project.
        project: ProposalId,
        /// Its title.
        title: String,
        /// Points given to it.
        points: u32,
        /// Most points one project may get.
        max: u32,
    },
    /// Cumulative: a project listed with zero points.
    ZeroPoints {
        /// The project.
        project: ProposalId,
        /// Its title.
        title: String,
    },
    /// Ranked: more projects ranked than allowed.
    RankingTooLong {
        /// Entries in the ranking.
        ranked: u32,
        /// Longest ranking allowed.
        k: u32,
    },
}

impl BallotProblem {
    /// The stable code of the problem (`wrong_shape`, `unknown_project`,
    /// `not_on_ballot`, `duplicate_project`, `too_few_projects`,
    /// `too_many_projects`, `over_budget`, `too_many_points`,
    /// `too_many_points_for_project`, `zero_points`, `ranking_too_long`).
    pub fn code(&self) -> &'static str {
        match self {
            BallotProblem::WrongShape { .. } => "wrong_shape",
            BallotProblem::UnknownProject { .. } => "unknown_project",
            BallotProblem::NotOnBallot { .. } => "not_on_ballot",
            BallotProblem::DuplicateProject { .. } => "duplicate_project",
            BallotProblem::TooFewProjects { .. } => "too_few_projects",
            BallotProblem::TooManyProjects { .. } => "too_many_projects",
            BallotProblem::OverBudget { .. } => "over_budget",
            BallotProblem::TooManyPoints { .. } => "too_many_points",
            BallotProblem::TooManyPointsForProject { .. } => "too_many_points_for_project",
            BallotProblem::ZeroPoints { .. } => "zero_points",
            BallotProblem::RankingTooLong { .. } => "ranking_too_long",
        }
    }

    /// The project the problem is about, if it is about one (to show the message
    /// next to it).
    pub fn project(&self) -> Option<ProposalId> {
        match self {
            BallotProblem::UnknownProject { project }
            | BallotProblem::NotOnBallot { project, .. }
            | BallotProblem::DuplicateProject { project, .. }
            | BallotProblem::TooManyPointsForProject { project, .. }
            | BallotProblem::ZeroPoints { project, .. } => Some(*project),
            _ => None,
        }
    }

    /// The problem in plain English words, naming projects and amounts.
    pub fn message(&self) -> String {
        match self {
            BallotProblem::WrongShape { expected, got } => format!(
                "This ballot tries to {}, but in this process you {}.",
                got.doing(),
                expected.doing()
            ),
            BallotProblem::UnknownProject { project } => {
                format!("There is no project number {project} in this process: remove it.")
            }
            BallotProblem::NotOnBallot { project, title } => format!(
                "“{title}” (project {project}) is not on the ballot: remove it."
            ),
            BallotProblem::DuplicateProject { project, title } => {
                format!("You listed {} more than once: list it only once.", name(*project, title))
            }
            BallotProblem::TooFewProjects { chosen, min } => format!(
                "You chose {}, but you must choose at least {min}: choose {} more.",
                projects(u64::from(*chosen)),
                min.saturating_sub(*chosen)
            ),
            BallotProblem::TooManyProjects { chosen, max } => format!(
                "You chose {}, but you may choose at most {max}: remove {}.",
                projects(u64::from(*chosen)),
                projects(u64::from(chosen.saturating_sub(*max)))
            ),
            BallotProblem::OverBudget {
                unit,
                cost,
                limit,
                excess,
            } => format!(
                "You chose projects costing {} in {}, but its budget is {}: remove {} worth of projects.",
                format_amount(*cost),
                unit.label(),
                format_amount(*limit),
                format_amount(*excess)
            ),
            BallotProblem::TooManyPoints { used, points } => format!(
                "You gave {}, but you have only {}: take away {}.",
                points_text(*used),
                points_text(u64::from(*points)),
                points_text(used.saturating_sub(u64::from(*points)))
            ),
            BallotProblem::TooManyPointsForProject {
                project,
                title,
                points,
                max,
            } => format!(
                "You gave {} {}, but one project may get at most {}: take away {}.",
                name(*project, title),
                points_text(u64::from(*points)),
                points_text(u64::from(*max)),
                points_text(u64::from(points.saturating_sub(*max)))
            ),
            BallotProblem::ZeroPoints { project, title } => format!(
                "You gave {} no points: give it at least 1 point or leave it out.",
                name(*project, title)
            ),
            BallotProblem::RankingTooLong { ranked, k } => format!(
                "You ranked {}, but you may rank at most {k}: remove {}.",
                projects(u64::from(*ranked)),
                projects(u64::from(ranked.saturating_sub(*k)))
            ),
        }
    }
}

impl fmt::Display for BallotProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// A ballot with at least one problem: all of them, in ballot order first, then
/// those about the whole ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub struct InvalidBallot {
    /// Every problem found (never empty).
    pub problems: Vec<BallotProblem>,
}

impl fmt::Display for InvalidBallot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self.problems.iter().map(BallotProblem::message).collect();
        f.write_str(&messages.join(" "))
    }
}

/// `“Title” (project 7)`, or `project 7` without a title.
fn name(project: ProposalId, title: &str) -> String {
    if title.is_empty() {
        format!("project {project}")
    } else {
        format!("“{title}” (project {project})")
    }
}

fn projects(n: u64) -> String {
    if n == 1 {
        "1 project".to_string()
    } else {
        format!("{n} projects")
    }
}

fn points_text(n: u64) -> String {
    if n == 1 {
        "1 point".to_string()
    } else {
        format!("{n} points")
    }
}

/// An amount with thousands separated by commas: `1,250,000`.
pub fn format_amount(amount: Amount) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Checks a ballot against the rules and the proposals of the process (only those
/// [`Proposal::on_ballot`] may be chosen). Returns every problem found.
///
/// Checks: the shape for the format; each listed project exists, is on the ballot
/// and is listed once; approval: the number of projects within `min..=max`;
/// knapsack: per budget unit, the chosen projects' cost within the unit's limit
/// (the format's `limit`, else the unit's budget); cumulative: each project given
/// at least 1 and at most `max_per_project` points, all together at most
/// `points`; ranked: at most `k` entries.
pub fn validate_ballot(
    rules: &ProcessRules,
    proposals: &[Proposal],
    content: &BallotContent,
) -> Result<(), InvalidBallot> {
    let expected = BallotShape::for_format(&rules.ballot);
    let got = BallotShape::of(content);
    if expected != got {
        return Err(InvalidBallot {
            problems: vec![BallotProblem::WrongShape { expected, got }],
        });
    }
    let listed: Vec<(ProposalId, u32)> = match content {
        BallotContent::Approval(ids) | BallotContent::Ranking(ids) => {
            ids.iter().map(|&id| (id, 1)).collect()
        }
        BallotContent::Points(points) => points.clone(),
    };
    let mut problems = Vec::new();
    let chosen = check_projects(proposals, &listed, &mut problems);
    let mut totals = Vec::new();
    match &rules.ballot {
        BallotFormat::Approval { min, max } => {
            let n = u32::try_from(chosen.len()).unwrap_or(u32::MAX);
            if n < *min {
                totals.push(BallotProblem::TooFewProjects {
                    chosen: n,
                    min: *min,
                });
            }
            if n > *max {
                totals.push(BallotProblem::TooManyProjects {
                    chosen: n,
                    max: *max,
                });
            }
        }
        BallotFormat::Knapsack { limit } => {
            let mut per_unit: BTreeMap<UnitKey, Amount> = BTreeMap::new();
            for (p, _) in &chosen {
                let cost = per_unit.entry(UnitKey::of(&rules.budgets, p)).or_default();
                *cost = cost.saturating_add(p.cost());
            }
            for (unit, cost) in per_unit {
                let limit = limit.unwrap_or_else(|| unit.budget(&rules.budgets));
                if cost > limit {
                    totals.push(BallotProblem::OverBudget {
                        unit,
                        cost,
                        limit,
                        excess: cost - limit,
                    });
                }
            }
        }
        BallotFormat::Cumulative {
            points,
            max_per_project,
        } => {
            for (p, n) in &chosen {
                if *n == 0 {
                    problems.push(BallotProblem::ZeroPoints {
                        project: p.id,
                        title: p.draft.title.clone(),
                    });
                }
                if let Some(max) = max_per_project.filter(|max| n > max) {
                    problems.push(BallotProblem::TooManyPointsForProject {
                        project: p.id,
                        title: p.draft.title.clone(),
                        points: *n,
                        max,
                    });
                }
            }
            let used: u64 = chosen.iter().map(|(_, n)| u64::from(*n)).sum();
            if used > u64::from(*points) {
                totals.push(BallotProblem::TooManyPoints {
                    used,
                    points: *points,
                });
            }
        }
        BallotFormat::Ranked { k } => {
            let ranked = u32::try_from(listed.len()).unwrap_or(u32::MAX);
            if ranked > *k {
                totals.push(BallotProblem::RankingTooLong { ranked, k: *k });
            }
        }
    }
    // Problems about projects in ballot order, then those about the whole ballot.
    problems.sort_by_key(|p| {
        p.project()
            .and_then(|id| listed.iter().position(|(l, _)| *l == id))
            .unwrap_or(usize::MAX)
    });
    problems.append(&mut totals);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InvalidBallot { problems })
    }
}

/// The listed projects that are on the ballot, each once with its first value, in
/// ballot order; problems about single projects go to `problems`.
fn check_projects<'p>(
    proposals: &'p [Proposal],
    listed: &[(ProposalId, u32)],
    problems: &mut Vec<BallotProblem>,
) -> Vec<(&'p Proposal, u32)> {
    let mut seen = HashSet::new();
    let mut reported_twice = HashSet::new();
    let mut chosen = Vec::new();
    for &(id, value) in listed {
        let proposal = proposals.iter().find(|p| p.id == id);
        if !seen.insert(id) {
            if reported_twice.insert(id) {
                problems.push(BallotProblem::DuplicateProject {
                    project: id,
                    title: proposal.map(|p| p.draft.title.clone()).unwrap_or_default(),
                });
            }
            continue;
        }
        match proposal {
            None => problems.push(BallotProblem::UnknownProject { project: id }),
            Some(p) if !p.on_ballot() => problems.push(BallotProblem::NotOnBallot {
                project: id,
                title: p.draft.title.clone(),
            }),
            Some(p) => chosen.push((p, value)),
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{budgets, proposal};
    use crate::{Completion, Eligibility, OutcomeRule, Review, TieBreak};

    fn rules(ballot: BallotFormat) -> ProcessRules {
        ProcessRules {
            budgets: budgets(1_000_000, &[("Kesklinn", 1_000_000)], &[("green", 300)]),
            eligibility: Eligibility::default(),
            ballot,
            rule: OutcomeRule::Mes {
                completion: Completion::Add1,
            },
            tie_break: TieBreak::Lexico,
            secret_ballots: false,
        }
    }

    fn proposals() -> Vec<Proposal> {
        let mut pending = proposal(4, 10, None, None);
        pending.review = Review::Pending;
        let mut hidden = proposal(5, 10, None, None);
        hidden.hidden = Some("off topic".into());
        vec![
            proposal(1, 750_000, Some("Kesklinn"), None),
            proposal(2, 500_000, Some("Kesklinn"), Some("green")),
            proposal(3, 200, None, Some("green")),
            pending,
            hidden,
            proposal(6, 600_000, None, None),
            proposal(7, 500_000, None, None),
            proposal(8, 200, Some("Kalamaja"), Some("green")),
        ]
    }

    fn problems(r: &ProcessRules, content: BallotContent) -> Vec<BallotProblem> {
        match validate_ballot(r, &proposals(), &content) {
            Ok(()) => Vec::new(),
            Err(e) => {
                assert!(!e.problems.is_empty());
                e.problems
            }
        }
    }

    fn ids(v: &[i64]) -> Vec<ProposalId> {
        v.iter().map(|&i| ProposalId(i)).collect()
    }

    fn codes(ps: &[BallotProblem]) -> Vec<&'static str> {
        ps.iter().map(BallotProblem::code).collect()
    }

    #[test]
    fn a_good_ballot_of_each_format_passes() {
        let approval = rules(BallotFormat::Approval { min: 1, max: 3 });
        assert_eq!(
            problems(&approval, BallotContent::Approval(ids(&[1, 3]))),
            []
        );
        let knapsack = rules(BallotFormat::Knapsack { limit: None });
        assert_eq!(
            problems(&knapsack, BallotContent::Approval(ids(&[1, 3, 6]))),
            []
        );
        let cumulative = rules(BallotFormat::Cumulative {
            points: 10,
            max_per_project: Some(5),
        });
        assert_eq!(
            problems(
                &cumulative,
                BallotContent::Points(vec![(ProposalId(1), 5), (ProposalId(7), 5)])
            ),
            []
        );
        let ranked = rules(BallotFormat::Ranked { k: 2 });
        assert_eq!(problems(&ranked, BallotContent::Ranking(ids(&[7, 1]))), []);
        assert_eq!(problems(&ranked, BallotContent::Ranking(vec![])), []);
    }

    #[test]
    fn wrong_shape_is_the_only_problem() {
        let r = rules(BallotFormat::Ranked { k: 1 });
        let p = problems(&r, BallotContent::Approval(ids(&[99, 99, 1, 3])));
        assert_eq!(
            p,
            [BallotProblem::WrongShape {
                expected: BallotShape::Ranking,
                got: BallotShape::Approval
            }]
        );
        assert_eq!(
            p[0].message(),
            "This ballot tries to choose projects, but in this process you rank projects in order."
        );
        let r = rules(BallotFormat::Knapsack { limit: None });
        assert_eq!(
            codes(&problems(&r, BallotContent::Points(vec![]))),
            ["wrong_shape"]
        );
    }

    #[test]
    fn unknown_hidden_pending_and_duplicate_projects_are_each_reported() {
        let r = rules(BallotFormat::Approval { min: 0, max: 10 });
        let p = problems(&r, BallotContent::Approval(ids(&[99, 4, 5, 1, 1, 1, 99])));
        // Grouped by project, in ballot order.
        assert_eq!(
            codes(&p),
            [
                "unknown_project",
                "duplicate_project",
                "not_on_ballot",
                "not_on_ballot",
                "duplicate_project"
            ]
        );
        assert_eq!(
            p[0].message(),
            "There is no project number 99 in this process: remove it."
        );
        assert_eq!(
            p[1].message(),
            "You listed project 99 more than once: list it only once."
        );
        assert_eq!(
            p[2].message(),
            "“Project 4” (project 4) is not on the ballot: remove it."
        );
        assert_eq!(p[3].project(), Some(ProposalId(5)));
        assert_eq!(
            p[4].message(),
            "You listed “Project 1” (project 1) more than once: list it only once."
        );
    }

    #[test]
    fn approval_count_must_be_within_min_and_max() {
        let r = rules(BallotFormat::Approval { min: 2, max: 3 });
        let few = problems(&r, BallotContent::Approval(ids(&[1, 1])));
        assert_eq!(codes(&few), ["duplicate_project", "too_few_projects"]);
        assert_eq!(few[1], BallotProblem::TooFewProjects { chosen: 1, min: 2 });
        assert_eq!(
            few[1].message(),
            "You chose 1 project, but you must choose at least 2: choose 1 more."
        );
        let many = problems(&r, BallotContent::Approval(ids(&[1, 2, 3, 6, 7])));
        assert_eq!(many, [BallotProblem::TooManyProjects { chosen: 5, max: 3 }]);
        assert_eq!(
            many[0].message(),
            "You chose 5 projects, but you may choose at most 3: remove 2 projects."
        );
        // Projects not on the ballot do not count towards the minimum.
        assert_eq!(
            codes(&problems(&r, BallotContent::Approval(ids(&[1, 4])))),
            ["not_on_ballot", "too_few_projects"]
        );
    }

    #[test]
    fn knapsack_limit_is_checked_per_unit() {
        let r = rules(BallotFormat::Knapsack { limit: None });
        // Kesklinn: 750,000 + 500,000 > 1,000,000; green: 200 + 200 > 300 (project 8's
        // district has no budget, so it is in the green category); citywide fits.
        let p = problems(&r, BallotContent::Approval(ids(&[1, 2, 3, 8, 6])));
        assert_eq!(
            p,
            [
                BallotProblem::OverBudget {
                    unit: UnitKey::District("Kesklinn".into()),
                    cost: 1_250_000,
                    limit: 1_000_000,
                    excess: 250_000
                },
                BallotProblem::OverBudget {
                    unit: UnitKey::Category("green".into()),
                    cost: 400,
                    limit: 300,
                    excess: 100
                },
            ]
        );
        assert_eq!(
            p[0].message(),
            "You chose projects costing 1,250,000 in Kesklinn, but its budget is 1,000,000: remove 250,000 worth of projects."
        );
        assert_eq!(
            p[1].message(),
            "You chose projects costing 400 in the green category, but its budget is 300: remove 100 worth of projects."
        );
        let citywide = problems(&r, BallotContent::Approval(ids(&[6, 7])));
        assert_eq!(codes(&citywide), ["over_budget"]);
        assert!(citywide[0].message().contains("in the citywide budget"));
        // A limit set in the rules applies in every unit instead of its budget.
        let limited = rules(BallotFormat::Knapsack {
            limit: Some(700_000),
        });
        assert_eq!(
            problems(&limited, BallotContent::Approval(ids(&[1, 6]))),
            [BallotProblem::OverBudget {
                unit: UnitKey::District("Kesklinn".into()),
                cost: 750_000,
                limit: 700_000,
                excess: 50_000
            }]
        );
    }

    #[test]
    fn cumulative_points_are_checked() {
        let r = rules(BallotFormat::Cumulative {
            points: 10,
            max_per_project: Some(6),
        });
        let p = problems(
            &r,
            BallotContent::Points(vec![
                (ProposalId(1), 7),
                (ProposalId(2), 0),
                (ProposalId(3), 5),
                (ProposalId(3), 1),
            ]),
        );
        assert_eq!(
            p,
            [
                BallotProblem::TooManyPointsForProject {
                    project: ProposalId(1),
                    title: "Project 1".into(),
                    points: 7,
                    max: 6
                },
                BallotProblem::ZeroPoints {
                    project: ProposalId(2),
                    title: "Project 2".into()
                },
                BallotProblem::DuplicateProject {
                    project: ProposalId(3),
                    title: "Project 3".into()
                },
                BallotProblem::TooManyPoints {
                    used: 12,
                    points: 10
                },
            ]
        );
        assert_eq!(
            p[0].message(),
            "You gave “Project 1” (project 1) 7 points, but one project may get at most 6 points: take away 1 point."
        );
        assert_eq!(
            p[1].message(),
            "You gave “Project 2” (project 2) no points: give it at least 1 point or leave it out."
        );
        assert_eq!(
            p[3].message(),
            "You gave 12 points, but you have only 10 points: take away 2 points."
        );
        let no_max = rules(BallotFormat::Cumulative {
            points: 10,
            max_per_project: None,
        });
        assert_eq!(
            problems(&no_max, BallotContent::Points(vec![(ProposalId(1), 10)])),
            []
        );
    }

    #[test]
    fn ranking_may_not_be_longer_than_k() {
        let r = rules(BallotFormat::Ranked { k: 2 });
        let p = problems(&r, BallotContent::Ranking(ids(&[1, 2, 3])));
        assert_eq!(p, [BallotProblem::RankingTooLong { ranked: 3, k: 2 }]);
        assert_eq!(
            p[0].message(),
            "You ranked 3 projects, but you may rank at most 2: remove 1 project."
        );
    }

    #[test]
    fn problems_serialize_with_their_code() {
        let p = BallotProblem::OverBudget {
            unit: UnitKey::District("Kesklinn".into()),
            cost: 5,
            limit: 4,
            excess: 1,
        };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "over_budget", "unit": "district:Kesklinn", "cost": 5, "limit": 4, "excess": 1})
        );
        assert_eq!(json["code"], p.code());
        let err = InvalidBallot {
            problems: vec![p.clone(), BallotProblem::RankingTooLong { ranked: 2, k: 1 }],
        };
        assert!(err.to_string().starts_with("You chose projects costing 5"));
    }

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(format_amount(0), "0");
        assert_eq!(format_amount(999), "999");
        assert_eq!(format_amount(1000), "1,000");
        assert_eq!(format_amount(1_250_000), "1,250,000");
        assert_eq!(format_amount(u64::MAX), "18,446,744,073,709,551,615");
    }
}
