//! The published process as one JSON document: the process's texts and rules
//! (with their digest), the projects with their figures, the outcome of each
//! unit, and the ballots under anonymous numbers. No personal data.
//!
//! These are wire types (stable field names), separate from the domain types.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{anonymous_ballots, project_results, Published};
use crate::{BallotContent, ProcessRules};

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportJson {
    /// The process.
    pub process: ProcessJson,
    /// Projects on the ballot with their figures.
    pub projects: Vec<ProjectJson>,
    /// The published outcome.
    pub results: ResultsJson,
    /// Counted ballots, anonymous.
    pub ballots: Vec<BallotJson>,
}

/// The process's public description and frozen rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessJson {
    /// Its id.
    pub id: i64,
    /// Title by language.
    pub title: BTreeMap<String, String>,
    /// Description by language.
    pub description: BTreeMap<String, String>,
    /// Voting opened (RFC 3339).
    pub voting_open: String,
    /// Voting closed (RFC 3339).
    pub voting_close: String,
    /// The rules the outcome was computed with.
    pub rules: ProcessRules,
    /// SHA-256 of the rules' canonical JSON.
    pub rules_digest: String,
}

/// One project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectJson {
    /// The proposal id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// District, if any.
    pub district: Option<String>,
    /// Category, if any.
    pub category: Option<String>,
    /// Budget unit.
    pub unit: String,
    /// Official cost.
    pub cost: u64,
    /// Ballots that chose it.
    pub votes: u64,
    /// Total points (cumulative ballots only).
    pub points: Option<u64>,
    /// Funded.
    pub selected: bool,
}

/// The published outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsJson {
    /// When it was computed (RFC 3339).
    pub computed_at: String,
    /// When it was published (RFC 3339).
    pub published_at: Option<String>,
    /// Digest of the rules it was computed with.
    pub rules_digest: String,
    /// Counted ballots.
    pub ballots: u64,
    /// Each unit's outcome.
    pub units: Vec<UnitJson>,
}

/// One unit's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitJson {
    /// `citywide`, `district:<name>` or `category:<name>`.
    pub unit: String,
    /// Its budget.
    pub budget: u64,
    /// Funded project ids, in the order the rule chose them.
    pub selected: Vec<i64>,
    /// Their total cost.
    pub cost: u64,
}

/// One anonymous ballot: exactly one of the three choice fields is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotJson {
    /// Anonymous number (1, 2, …).
    pub voter: u64,
    /// Approved project ids (approval and knapsack ballots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approvals: Option<Vec<i64>>,
    /// Points by project id (cumulative ballots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<BTreeMap<String, u32>>,
    /// Project ids best first (ranked ballots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Vec<i64>>,
}

/// The document.
pub fn export_json(published: &Published<'_>) -> ExportJson {
    let p = published.process;
    let s = &p.settings;
    let projects: Vec<ProjectJson> = project_results(published)
        .into_iter()
        .map(|r| ProjectJson {
            id: r.id.0,
            title: r.title,
            district: r.district,
            category: r.category,
            unit: r.unit,
            cost: r.cost,
            votes: r.votes,
            points: r.points,
            selected: r.selected,
        })
        .collect();
    let ids: BTreeSet<_> = published.projects().iter().map(|p| p.id).collect();
    let ballots = anonymous_ballots(published.ballots, &ids)
        .into_iter()
        .map(|b| {
            let mut j = BallotJson {
                voter: b.number,
                approvals: None,
                points: None,
                ranking: None,
            };
            match b.content {
                BallotContent::Approval(v) => j.approvals = Some(v.iter().map(|i| i.0).collect()),
                BallotContent::Ranking(v) => j.ranking = Some(v.iter().map(|i| i.0).collect()),
                BallotContent::Points(v) => {
                    j.points = Some(v.iter().map(|(i, n)| (i.to_string(), *n)).collect())
                }
            }
            j
        })
        .collect();
    let r = published.results;
    ExportJson {
        process: ProcessJson {
            id: p.id.0,
            title: s.title.0.clone(),
            description: s.description.0.clone(),
            voting_open: s.schedule.voting_open.to_string(),
            voting_close: s.schedule.voting_close.to_string(),
            rules: s.rules.clone(),
            rules_digest: s.rules.digest(),
        },
        projects,
        results: ResultsJson {
            computed_at: r.computed_at.to_string(),
            published_at: p.results_published_at.map(|t| t.to_string()),
            rules_digest: r.rules_digest.clone(),
            ballots: r.ballots,
            units: r
                .units
                .iter()
                .map(|u| UnitJson {
                    unit: u.unit.clone(),
                    budget: u.budget,
                    selected: u.selected.iter().map(|i| i.0).collect(),
                    cost: u.cost,
                })
                .collect(),
        },
        ballots,
    }
}

/// The document as pretty-printed JSON text.
pub fn export_json_string(published: &Published<'_>) -> String {
    serde_json::to_string_pretty(&export_json(published)).unwrap_or_default()
}
