//! Checks a ballot against a process's frozen rules and ballot, listing every problem in
//! plain words (one entry per problem, named by the ballot key the voter sent).

use std::collections::{BTreeMap, BTreeSet};

use civis_budget::{BallotContent, BallotFormat, ProcessRules, ProposalId};

use super::cache::BallotContext;
use crate::error::FieldError;

/// The budget unit a project competes in: its district's when that district has a
/// budget, else its category's when that has one, else `citywide`.
pub fn unit_of(rules: &ProcessRules, district: Option<&str>, category: Option<&str>) -> String {
    if let Some(d) = district.filter(|d| rules.budgets.districts.contains_key(*d)) {
        return format!("district:{d}");
    }
    if let Some(c) = category.filter(|c| rules.budgets.categories.contains_key(*c)) {
        return format!("category:{c}");
    }
    "citywide".to_owned()
}

/// The budget of a unit named by [`unit_of`].
pub fn unit_budget(rules: &ProcessRules, unit: &str) -> u64 {
    if let Some(d) = unit.strip_prefix("district:") {
        return rules.budgets.districts.get(d).copied().unwrap_or(0);
    }
    if let Some(c) = unit.strip_prefix("category:") {
        return rules.budgets.categories.get(c).copied().unwrap_or(0);
    }
    rules.budgets.total
}

/// The ballot key (`approvals`, `points`, `ranking`) a format expects.
pub fn key_of(format: &BallotFormat) -> &'static str {
    match format {
        BallotFormat::Approval { .. } | BallotFormat::Knapsack { .. } => "approvals",
        BallotFormat::Cumulative { .. } => "points",
        BallotFormat::Ranked { .. } => "ranking",
    }
}

/// The ballot key of a content.
fn key_of_content(content: &BallotContent) -> &'static str {
    match content {
        BallotContent::Approval(_) => "approvals",
        BallotContent::Points(_) => "points",
        BallotContent::Ranking(_) => "ranking",
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Every problem of `content` under `ctx`'s rules; empty when the ballot is valid.
pub fn problems(ctx: &BallotContext, content: &BallotContent) -> Vec<FieldError> {
    let format = &ctx.rules.ballot;
    let key = key_of(format);
    let mut out = vec![];
    let mut problem = |message: String| out.push(FieldError::new(key, message));
    if key_of_content(content) != key {
        problem(format!(
            "This process uses {} ballots: send your choice as `{key}`, not `{}`.",
            format_name(format),
            key_of_content(content)
        ));
        return out;
    }
    let ids: Vec<ProposalId> = match content {
        BallotContent::Approval(ids) | BallotContent::Ranking(ids) => ids.clone(),
        BallotContent::Points(points) => points.iter().map(|(id, _)| *id).collect(),
    };
    let mut seen = BTreeSet::new();
    for id in &ids {
        if !seen.insert(*id) {
            problem(format!("Project {id} is chosen more than once."));
        } else if ctx.project(*id).is_none() {
            problem(format!("Project {id} is not on this ballot."));
        }
    }
    let count = u64::try_from(seen.len()).unwrap_or(u64::MAX);
    match (format, content) {
        (BallotFormat::Approval { min, max }, _) => {
            if count < u64::from(*min) {
                problem(format!(
                    "Choose at least {}; you chose {count}.",
                    plural(u64::from(*min), "project", "projects")
                ));
            }
            if count > u64::from(*max) {
                problem(format!(
                    "Choose at most {}; you chose {count}.",
                    plural(u64::from(*max), "project", "projects")
                ));
            }
        }
        (BallotFormat::Knapsack { limit }, _) => {
            if count == 0 {
                problem("Choose at least 1 project.".to_owned());
            }
            let mut spent: BTreeMap<&str, u64> = BTreeMap::new();
            for p in seen.iter().filter_map(|id| ctx.project(*id)) {
                let total = spent.entry(p.unit.as_str()).or_default();
                *total = total.saturating_add(p.cost);
            }
            for (unit, total) in spent {
                let cap = limit.unwrap_or_else(|| unit_budget(&ctx.rules, unit));
                if total > cap {
                    problem(format!(
                        "The projects you chose in {} cost {total} in total, more than the {cap} available.",
                        unit_words(unit)
                    ));
                }
            }
        }
        (
            BallotFormat::Cumulative {
                points,
                max_per_project,
            },
            BallotContent::Points(given),
        ) => {
            let mut sum: u64 = 0;
            for (id, n) in given {
                if *n == 0 {
                    problem(format!("Give project {id} at least 1 point, or leave it out."));
                }
                if let Some(cap) = max_per_project {
                    if n > cap {
                        problem(format!(
                            "Project {id} has {n} points; at most {} per project.",
                            plural(u64::from(*cap), "point is allowed", "points are allowed")
                        ));
                    }
                }
                sum = sum.saturating_add(u64::from(*n));
            }
            if count == 0 {
                problem("Give points to at least 1 project.".to_owned());
            }
            if sum > u64::from(*points) {
                problem(format!(
                    "You gave {sum} points in total; you have {}.",
                    plural(u64::from(*points), "point", "points")
                ));
            }
        }
        (BallotFormat::Ranked { k }, _) => {
            if count == 0 {
                problem("Rank at least 1 project.".to_owned());
            }
            if u64::try_from(ids.len()).unwrap_or(u64::MAX) > u64::from(*k) {
                problem(format!(
                    "Rank at most {}; you ranked {}.",
                    plural(u64::from(*k), "project", "projects"),
                    ids.len()
                ));
            }
        }
        (BallotFormat::Cumulative { .. }, _) => {}
    }
    out
}

fn format_name(format: &BallotFormat) -> &'static str {
    match format {
        BallotFormat::Approval { .. } => "approval",
        BallotFormat::Knapsack { .. } => "knapsack",
        BallotFormat::Cumulative { .. } => "cumulative (points)",
        BallotFormat::Ranked { .. } => "ranked",
    }
}

fn unit_words(unit: &str) -> String {
    if let Some(d) = unit.strip_prefix("district:") {
        format!("district {d}")
    } else if let Some(c) = unit.strip_prefix("category:") {
        format!("category {c}")
    } else {
        "the citywide budget".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::cache::BallotProject;
    use civis_budget::{
        Budgets, Eligibility, OutcomeRule, ProcessId, Schedule, TieBreak,
    };
    use civis_domain::Timestamp;

    fn ctx(ballot: BallotFormat) -> BallotContext {
        let t = Timestamp::EPOCH;
        let rules = ProcessRules {
            budgets: Budgets {
                total: 100,
                districts: [("north".to_owned(), 50)].into(),
                categories: Default::default(),
            },
            eligibility: Eligibility::default(),
            ballot,
            rule: OutcomeRule::Greedy,
            tie_break: TieBreak::Lexico,
        };
        let p = |id, cost, unit: &str| BallotProject {
            id: ProposalId(id),
            cost,
            unit: unit.to_owned(),
        };
        BallotContext {
            process: ProcessId(1),
            schedule: Schedule {
                proposals_open: t,
                support_open: t,
                review_open: t,
                voting_open: t,
                voting_close: t,
                implementation_open: t,
            },
            rules,
            projects: vec![
                p(1, 60, "citywide"),
                p(2, 50, "citywide"),
                p(3, 30, "district:north"),
                p(4, 30, "district:north"),
            ],
        }
    }

    fn ids(v: &[i64]) -> BallotContent {
        BallotContent::Approval(v.iter().map(|i| ProposalId(*i)).collect())
    }

    #[test]
    fn approval_counts_and_unknown_projects() {
        let c = ctx(BallotFormat::Approval { min: 1, max: 2 });
        assert!(problems(&c, &ids(&[1, 3])).is_empty());
        let p = problems(&c, &ids(&[1, 1, 9, 2]));
        let text: Vec<&str> = p.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(p.len(), 3, "{text:?}");
        assert!(text[0].contains("more than once"));
        assert!(text[1].contains("not on this ballot"));
        assert!(text[2].contains("at most 2 projects"));
        assert!(p.iter().all(|e| e.field == "approvals"));
        assert!(problems(&c, &ids(&[]))[0].message.contains("at least 1 project"));
    }

    #[test]
    fn knapsack_limits_each_unit_by_its_budget() {
        let c = ctx(BallotFormat::Knapsack { limit: None });
        assert!(problems(&c, &ids(&[2, 3])).is_empty());
        let p = problems(&c, &ids(&[1, 2, 3, 4]));
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].message.contains("district north cost 60"), "{p:?}");
        assert!(p[1].message.contains("citywide budget cost 110"), "{p:?}");
    }

    #[test]
    fn cumulative_and_ranked() {
        let c = ctx(BallotFormat::Cumulative {
            points: 5,
            max_per_project: Some(3),
        });
        let pts = |v: &[(i64, u32)]| {
            BallotContent::Points(v.iter().map(|(i, n)| (ProposalId(*i), *n)).collect())
        };
        assert!(problems(&c, &pts(&[(1, 3), (2, 2)])).is_empty());
        let p = problems(&c, &pts(&[(1, 4), (2, 2)]));
        assert_eq!(p.len(), 2, "{p:?}");
        let wrong = problems(&c, &ids(&[1]));
        assert!(wrong[0].message.contains("send your choice as `points`"));
        let r = ctx(BallotFormat::Ranked { k: 2 });
        let rank = |v: &[i64]| BallotContent::Ranking(v.iter().map(|i| ProposalId(*i)).collect());
        assert!(problems(&r, &rank(&[2, 1])).is_empty());
        assert!(problems(&r, &rank(&[2, 1, 3]))[0].message.contains("at most 2"));
    }
}
