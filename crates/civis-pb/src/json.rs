//! The civis JSON form of an election, for tools that prefer JSON to
//! Pabulib. Wire types live here, apart from the domain model:
//!
//! ```json
//! {
//!   "format": "civis-pb-election", "version": 1,
//!   "meta": [{"key": "budget", "value": "1000"}, {"key": "vote_type", "value": "approval"}],
//!   "project_columns": ["name"],
//!   "voter_columns": ["age"],
//!   "projects": [{"id": "p1", "cost": "250.5", "fields": {"name": "Park"}}],
//!   "voters": [{"id": "v1", "vote": ["p1"], "fields": {"age": "31"}}]
//! }
//! ```
//!
//! Amounts are strings holding exact decimals; votes name project ids;
//! `points` (aligned with `vote`) is present on every voter or on none.
//! Reading checks the same rules as the Pabulib parser.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::pabulib::ParseErrorKind as K;
use crate::{Decimal, Election, Fields, Project, VoteType, Voter};

/// The `format` value of a civis JSON election.
pub const FORMAT: &str = "civis-pb-election";
/// The current `version` of the JSON form.
pub const VERSION: u32 = 1;

/// Wire form of a whole election.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionJson {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// META entries in order.
    pub meta: Vec<MetaJson>,
    /// Optional project columns, in order.
    #[serde(default)]
    pub project_columns: Vec<String>,
    /// Optional voter columns, in order.
    #[serde(default)]
    pub voter_columns: Vec<String>,
    /// The projects.
    pub projects: Vec<ProjectJson>,
    /// The voters.
    pub voters: Vec<VoterJson>,
}

/// Wire form of one META entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaJson {
    /// The key (lower case).
    pub key: String,
    /// The value.
    pub value: String,
}

/// Wire form of a project.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectJson {
    /// The project id.
    pub id: String,
    /// The cost, an exact decimal string.
    pub cost: String,
    /// Optional columns by name (absent = empty).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// Wire form of a voter.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoterJson {
    /// The voter id.
    pub id: String,
    /// Project ids, in ballot order.
    pub vote: Vec<String>,
    /// Points aligned with `vote`, as exact decimal strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Vec<String>>,
    /// Optional columns by name (absent = empty).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// Why a JSON text is not an election.
#[derive(Debug, thiserror::Error)]
pub enum JsonError {
    /// Not JSON, or not the shape above (serde names line and column).
    #[error("{0}")]
    Syntax(#[from] serde_json::Error),
    /// Well-formed but not a valid election; `path` names the value
    /// (`voters[3].vote`).
    #[error("{path}: {kind}")]
    Invalid {
        /// Where, as `projects[2].cost`.
        path: String,
        /// The problem.
        kind: K,
    },
    /// `format` or `version` are not ours.
    #[error("not a civis election (format {format:?}, version {version}); expected {FORMAT:?} version {VERSION}")]
    WrongFormat {
        /// The `format` found.
        format: String,
        /// The `version` found.
        version: u32,
    },
}

fn invalid(path: impl Into<String>, kind: K) -> JsonError {
    JsonError::Invalid {
        path: path.into(),
        kind,
    }
}

/// Writes an election as pretty-printed civis JSON.
pub fn to_json(election: &Election) -> String {
    let wire = ElectionJson::from(election);
    serde_json::to_string_pretty(&wire).unwrap_or_default()
}

/// Reads an election from civis JSON, checking it as the Pabulib parser
/// would.
pub fn from_json(text: &str) -> Result<Election, JsonError> {
    let wire: ElectionJson = serde_json::from_str(text)?;
    Election::try_from(wire)
}

impl From<&Election> for ElectionJson {
    fn from(e: &Election) -> Self {
        let fields = |columns: &[String], f: &Fields| {
            columns
                .iter()
                .zip(f)
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect()
        };
        ElectionJson {
            format: FORMAT.to_string(),
            version: VERSION,
            meta: e
                .meta
                .iter()
                .map(|(k, v)| MetaJson {
                    key: k.clone(),
                    value: v.clone(),
                })
                .collect(),
            project_columns: e.project_columns.clone(),
            voter_columns: e.voter_columns.clone(),
            projects: e
                .projects
                .iter()
                .map(|p| ProjectJson {
                    id: p.id.clone(),
                    cost: p.cost.to_string(),
                    fields: fields(&e.project_columns, &p.fields),
                })
                .collect(),
            voters: e
                .voters
                .iter()
                .map(|v| VoterJson {
                    id: v.id.clone(),
                    vote: v
                        .vote
                        .iter()
                        .filter_map(|&i| e.projects.get(i as usize))
                        .map(|p| p.id.clone())
                        .collect(),
                    points: v
                        .points
                        .as_ref()
                        .map(|ps| ps.iter().map(Decimal::to_string).collect()),
                    fields: fields(&e.voter_columns, &v.fields),
                })
                .collect(),
        }
    }
}

/// Orders `fields` by `columns`, filling absent ones with "".
fn ordered_fields(
    mut fields: BTreeMap<String, String>,
    columns: &[String],
    path: &str,
) -> Result<Fields, JsonError> {
    let values: Vec<String> = columns
        .iter()
        .map(|c| fields.remove(c).unwrap_or_default())
        .collect();
    match fields.into_keys().next() {
        Some(extra) => Err(invalid(
            format!("{path}.fields.{extra}"),
            K::UnknownColumn(extra.clone()),
        )),
        None => Ok(values.iter().map(String::as_str).collect()),
    }
}

fn amount(text: &str, path: String) -> Result<Decimal, JsonError> {
    let d: Decimal = text.parse().map_err(|reason| {
        invalid(
            path.clone(),
            K::BadNumber {
                value: text.to_string(),
                reason,
            },
        )
    })?;
    if d.is_negative() {
        return Err(invalid(path, K::Negative(text.to_string())));
    }
    Ok(d)
}

fn check_columns(columns: &[String], reserved: &[&str], path: &str) -> Result<(), JsonError> {
    let mut seen = HashSet::new();
    for (i, c) in columns.iter().enumerate() {
        let p = format!("{path}[{i}]");
        if c.is_empty() {
            return Err(invalid(p, K::EmptyColumnName));
        }
        if reserved.contains(&c.as_str()) || !seen.insert(c.as_str()) {
            return Err(invalid(p, K::DuplicateColumn(c.clone())));
        }
    }
    Ok(())
}

impl TryFrom<ElectionJson> for Election {
    type Error = JsonError;

    fn try_from(w: ElectionJson) -> Result<Self, Self::Error> {
        if w.format != FORMAT || w.version != VERSION {
            return Err(JsonError::WrongFormat {
                format: w.format,
                version: w.version,
            });
        }
        let mut meta: Vec<(String, String)> = Vec::with_capacity(w.meta.len());
        let mut vote_type = VoteType::Approval;
        for (i, m) in w.meta.into_iter().enumerate() {
            let path = format!("meta[{i}]");
            if m.key.is_empty() {
                return Err(invalid(path, K::EmptyMetaKey));
            }
            if meta.iter().any(|(k, _)| *k == m.key) {
                return Err(invalid(path, K::DuplicateMeta(m.key)));
            }
            match m.key.as_str() {
                "budget" => {
                    amount(&m.value, format!("{path}.value"))?;
                }
                "vote_type" => {
                    vote_type = VoteType::parse(&m.value).ok_or_else(|| {
                        invalid(format!("{path}.value"), K::UnknownVoteType(m.value.clone()))
                    })?;
                }
                _ => {}
            }
            meta.push((m.key, m.value));
        }
        if !meta.iter().any(|(k, _)| k == "budget") {
            return Err(invalid("meta", K::MissingMeta("budget")));
        }
        check_columns(
            &w.project_columns,
            &["project_id", "cost"],
            "project_columns",
        )?;
        check_columns(
            &w.voter_columns,
            &["voter_id", "vote", "points"],
            "voter_columns",
        )?;
        let mut ids: HashMap<String, u32> = HashMap::with_capacity(w.projects.len());
        let mut projects = Vec::with_capacity(w.projects.len());
        for (i, p) in w.projects.into_iter().enumerate() {
            let path = format!("projects[{i}]");
            if p.id.is_empty() {
                return Err(invalid(format!("{path}.id"), K::EmptyId));
            }
            if p.id.contains(',') || p.id.trim() != p.id {
                return Err(invalid(format!("{path}.id"), K::UnusableProjectId(p.id)));
            }
            if ids.contains_key(&p.id) {
                return Err(invalid(format!("{path}.id"), K::DuplicateProject(p.id)));
            }
            let cost = amount(&p.cost, format!("{path}.cost"))?;
            let fields = ordered_fields(p.fields, &w.project_columns, &path)?;
            ids.insert(p.id.clone(), u32::try_from(i).unwrap_or(u32::MAX));
            projects.push(Project {
                id: p.id,
                cost,
                fields,
            });
        }
        let with_points = w.voters.first().is_some_and(|v| v.points.is_some());
        if !with_points
            && matches!(vote_type, VoteType::Cumulative | VoteType::Scoring)
            && !w.voters.is_empty()
        {
            return Err(invalid("voters[0].points", K::MissingValue));
        }
        let mut voter_ids: HashSet<String> = HashSet::with_capacity(w.voters.len());
        let mut voters = Vec::with_capacity(w.voters.len());
        for (i, v) in w.voters.into_iter().enumerate() {
            let path = format!("voters[{i}]");
            if v.id.is_empty() {
                return Err(invalid(format!("{path}.id"), K::EmptyId));
            }
            if !voter_ids.insert(v.id.clone()) {
                return Err(invalid(format!("{path}.id"), K::DuplicateVoter(v.id)));
            }
            let mut vote = Vec::with_capacity(v.vote.len());
            for (j, pid) in v.vote.iter().enumerate() {
                let Some(&p) = ids.get(pid) else {
                    return Err(invalid(
                        format!("{path}.vote[{j}]"),
                        K::UnknownProject(pid.clone()),
                    ));
                };
                if vote.contains(&p) {
                    return Err(invalid(
                        format!("{path}.vote[{j}]"),
                        K::RepeatedInVote(pid.clone()),
                    ));
                }
                vote.push(p);
            }
            let points = match (v.points, with_points) {
                (None, false) => None,
                (Some(ps), true) => {
                    if ps.len() != vote.len() {
                        return Err(invalid(
                            format!("{path}.points"),
                            K::PointsMisaligned {
                                votes: vote.len(),
                                points: ps.len(),
                            },
                        ));
                    }
                    let mut out = Vec::with_capacity(ps.len());
                    for (j, s) in ps.iter().enumerate() {
                        let d: Decimal = s.parse().map_err(|reason| {
                            invalid(
                                format!("{path}.points[{j}]"),
                                K::BadNumber {
                                    value: s.clone(),
                                    reason,
                                },
                            )
                        })?;
                        out.push(d);
                    }
                    Some(out)
                }
                _ => return Err(invalid(format!("{path}.points"), K::PointsOnSomeVoters)),
            };
            let fields = ordered_fields(v.fields, &w.voter_columns, &path)?;
            voters.push(Voter {
                id: v.id,
                vote,
                points,
                fields,
            });
        }
        Ok(Election {
            meta,
            project_columns: w.project_columns,
            voter_columns: w.voter_columns,
            projects,
            voters,
        })
    }
}
