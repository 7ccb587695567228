//! The process under load: found through the API, with its rules and ballot projects.

use std::collections::BTreeMap;

use anyhow::Context as _;
use serde::Deserialize;
use serde_json::Value;

use super::api::{self, Session};

/// The ballot format, as the API describes it (`{"type": "approval", "min": 1, …}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Format {
    /// Approve between `min` and `max` projects.
    Approval {
        /// Fewest projects.
        #[serde(default)]
        min: u32,
        /// Most projects.
        max: u32,
    },
    /// Approve projects within a spending limit per budget unit.
    Knapsack {
        /// The limit; the unit's budget when absent.
        #[serde(default)]
        limit: Option<u64>,
    },
    /// Distribute points.
    Cumulative {
        /// Points to distribute (at most).
        points: u32,
        /// Most points for one project.
        #[serde(default)]
        max_per_project: Option<u32>,
    },
    /// Rank up to `k` projects.
    Ranked {
        /// Longest ranking.
        k: u32,
    },
}

/// The budgets that decide each project's unit.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Budgets {
    /// Citywide budget.
    #[serde(default)]
    pub total: u64,
    /// Budgets by district.
    #[serde(default)]
    pub districts: BTreeMap<String, u64>,
    /// Budgets by category.
    #[serde(default)]
    pub categories: BTreeMap<String, u64>,
}

/// Who may vote.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Eligibility {
    /// Required district.
    #[serde(default)]
    pub district: Option<String>,
    /// Minimum age.
    #[serde(default)]
    pub min_age: Option<u32>,
}

/// The rules the load tool needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Rules {
    /// Budgets.
    #[serde(default)]
    pub budgets: Budgets,
    /// Eligibility.
    #[serde(default)]
    pub eligibility: Eligibility,
    /// Ballot format.
    pub ballot: Format,
}

/// A project on the ballot.
#[derive(Debug, Clone, Deserialize)]
pub struct Project {
    /// Its id.
    pub id: i64,
    /// Its cost.
    #[serde(default)]
    pub cost: u64,
    /// Its district.
    #[serde(default)]
    pub district: Option<String>,
    /// Its category.
    #[serde(default)]
    pub category: Option<String>,
}

/// The process under load.
#[derive(Debug, Clone)]
pub struct Target {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its rules.
    pub rules: Rules,
    /// The projects on its ballot.
    pub projects: Vec<Project>,
}

impl Rules {
    /// The budget unit of a project and its spending limit for a knapsack ballot.
    pub fn unit_of(&self, project: &Project) -> (String, u64) {
        let limit = |budget: u64| match &self.ballot {
            Format::Knapsack { limit: Some(l) } => *l,
            _ => budget,
        };
        if let Some(d) = &project.district {
            if let Some(b) = self.budgets.districts.get(d) {
                return (format!("district:{d}"), limit(*b));
            }
        }
        if let Some(c) = &project.category {
            if let Some(b) = self.budgets.categories.get(c) {
                return (format!("category:{c}"), limit(*b));
            }
        }
        ("citywide".to_owned(), limit(self.budgets.total))
    }
}

/// Finds the process (the given one, or the first in its voting phase) and reads its
/// rules and projects.
pub async fn find(
    client: &reqwest::Client,
    base: &str,
    session: &Session,
    wanted: Option<i64>,
) -> anyhow::Result<Target> {
    let list = api::get_ok(client, &format!("{base}/api/v1/processes"), session).await?;
    let items = list
        .as_array()
        .or_else(|| list["items"].as_array())
        .context("GET /api/v1/processes did not answer a list")?;
    let chosen = match wanted {
        Some(id) => items
            .iter()
            .find(|p| p["id"].as_i64() == Some(id))
            .with_context(|| format!("there is no process {id}"))?,
        None => items
            .iter()
            .find(|p| p["phase"] == "voting")
            .context("no process is in its voting phase (start `civis demo`, or pass --process)")?,
    };
    let id = chosen["id"].as_i64().context("process without an id")?;
    if chosen["phase"] != "voting" {
        anyhow::bail!(
            "process {id} is in its {} phase, not voting",
            chosen["phase"]
        );
    }
    let detail = api::get_ok(client, &format!("{base}/api/v1/processes/{id}"), session).await?;
    let rules =
        rules_of(&detail).with_context(|| format!("cannot read the rules of process {id}"))?;
    let projects_json = api::get_ok(
        client,
        &format!("{base}/api/v1/processes/{id}/projects"),
        session,
    )
    .await?;
    let projects_json = projects_json
        .as_array()
        .cloned()
        .or_else(|| projects_json["items"].as_array().cloned())
        .context("GET …/projects did not answer a list")?;
    let projects = projects_json
        .into_iter()
        .map(serde_json::from_value)
        .collect::<Result<Vec<Project>, _>>()
        .context("cannot read the ballot projects")?;
    if projects.is_empty() {
        anyhow::bail!("process {id} has no projects on its ballot");
    }
    let title = match &chosen["title"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Target {
        id,
        title,
        rules,
        projects,
    })
}

/// The rules in a process's JSON: under `rules` or `settings.rules`.
fn rules_of(detail: &Value) -> anyhow::Result<Rules> {
    let rules = [&detail["rules"], &detail["settings"]["rules"]]
        .into_iter()
        .find(|v| v.is_object())
        .context("no `rules` object")?;
    Ok(serde_json::from_value(rules.clone())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_read_at_either_place_and_units_follow_the_budgets() {
        let detail = serde_json::json!({"settings": {"rules": {
            "budgets": {"total": 100, "districts": {"north": 40}, "categories": {"green": 30}},
            "eligibility": {"district": null, "min_age": 16},
            "ballot": {"type": "knapsack", "limit": null},
            "rule": {"rule": "greedy"}, "tie_break": "lexico"}}});
        let rules = rules_of(&detail).unwrap();
        assert_eq!(rules.ballot, Format::Knapsack { limit: None });
        let p = |district: Option<&str>, category: Option<&str>| Project {
            id: 1,
            cost: 1,
            district: district.map(str::to_owned),
            category: category.map(str::to_owned),
        };
        assert_eq!(
            rules.unit_of(&p(Some("north"), Some("green"))),
            ("district:north".into(), 40)
        );
        assert_eq!(
            rules.unit_of(&p(Some("south"), Some("green"))),
            ("category:green".into(), 30)
        );
        assert_eq!(rules.unit_of(&p(None, None)), ("citywide".into(), 100));
        let top = serde_json::json!({"rules": {"ballot": {"type": "ranked", "k": 3}}});
        assert_eq!(rules_of(&top).unwrap().ballot, Format::Ranked { k: 3 });
    }
}
