//! The in-memory form of a participatory budgeting election, as Pabulib
//! describes it: META key/values, projects and voters, each with the
//! optional columns the file had (kept in order so a file round-trips).

use crate::Decimal;

use crate::Fields;

/// How voters expressed their preferences (Pabulib META `vote_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteType {
    /// A set of approved projects.
    Approval,
    /// Projects in order of preference, most preferred first.
    Ordinal,
    /// Points distributed over projects (sum limited by `max_sum_points`).
    Cumulative,
    /// A score for each listed project.
    Scoring,
    /// Exactly one project.
    #[serde(rename = "choose-1")]
    Choose1,
}

impl VoteType {
    /// The name Pabulib uses in META.
    pub fn as_str(&self) -> &'static str {
        match self {
            VoteType::Approval => "approval",
            VoteType::Ordinal => "ordinal",
            VoteType::Cumulative => "cumulative",
            VoteType::Scoring => "scoring",
            VoteType::Choose1 => "choose-1",
        }
    }

    /// Parses a META `vote_type` value (case-insensitive).
    pub fn parse(s: &str) -> Option<VoteType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "approval" => Some(VoteType::Approval),
            "ordinal" => Some(VoteType::Ordinal),
            "cumulative" => Some(VoteType::Cumulative),
            "scoring" => Some(VoteType::Scoring),
            "choose-1" | "choose1" => Some(VoteType::Choose1),
            _ => None,
        }
    }
}

/// One project that voters could fund.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Project {
    /// `project_id`: any non-empty string, unique in the election.
    pub id: String,
    /// `cost`: never negative.
    pub cost: Decimal,
    /// The values of every other column of the PROJECTS section (`name`,
    /// `category`, `target`, `selected`, `votes`, `score`, …), aligned with
    /// [`Election::project_columns`]. A `None`/empty cell is an empty string.
    pub fields: Fields,
}

/// One voter and their ballot.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Voter {
    /// `voter_id`: unique in the election.
    pub id: String,
    /// `vote`: indices into [`Election::projects`], in ballot order
    /// (preference order for ordinal ballots). May be empty.
    pub vote: Vec<u32>,
    /// `points`, aligned with `vote`, for cumulative and scoring ballots.
    pub points: Option<Vec<Decimal>>,
    /// The values of every other column of the VOTES section (`age`, `sex`,
    /// `voting_method`, `neighborhood`, …), aligned with
    /// [`Election::voter_columns`]. Empty cells kept as empty strings.
    pub fields: Fields,
}

/// A whole election: META, projects and voters.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Election {
    /// META key/value pairs in file order (keys lower-cased), including
    /// `budget`, `vote_type`, `rule`, `num_projects`, `num_votes`, ….
    pub meta: Vec<(String, String)>,
    /// Column names of the PROJECTS section after `project_id` and `cost`,
    /// in file order (so an empty project list still round-trips).
    pub project_columns: Vec<String>,
    /// Column names of the VOTES section after `voter_id`, except `vote`
    /// and `points`, in file order.
    pub voter_columns: Vec<String>,
    /// The projects, in file order.
    pub projects: Vec<Project>,
    /// The voters, in file order.
    pub voters: Vec<Voter>,
}

impl Election {
    /// The value of a META key (lower-case), if present.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The total budget (META `budget`), if present and a number.
    pub fn budget(&self) -> Option<Decimal> {
        self.meta("budget").and_then(|b| b.parse().ok())
    }

    /// The ballot format (META `vote_type`), approval when absent.
    pub fn vote_type(&self) -> VoteType {
        self.meta("vote_type")
            .and_then(VoteType::parse)
            .unwrap_or(VoteType::Approval)
    }

    /// The official outcome rule named in META (`rule`), if any.
    pub fn rule(&self) -> Option<&str> {
        self.meta("rule")
    }

    /// The value of a project's optional column, if present and non-empty.
    pub fn project_field<'e>(&self, project: &'e Project, name: &str) -> Option<&'e str> {
        column_value(&self.project_columns, &project.fields, name)
    }

    /// The value of a voter's optional column, if present and non-empty.
    pub fn voter_field<'e>(&self, voter: &'e Voter, name: &str) -> Option<&'e str> {
        column_value(&self.voter_columns, &voter.fields, name)
    }

    /// Index of the project with this id.
    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.projects.iter().position(|p| p.id == id)
    }

    /// Indices of the projects marked selected (`selected` column = 1),
    /// or `None` when the file has no `selected` column.
    pub fn selected(&self) -> Option<Vec<usize>> {
        if !self.project_columns.iter().any(|c| c == "selected") {
            return None;
        }
        Some(
            self.projects
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    self.project_field(p, "selected")
                        .is_some_and(|v| v.trim() == "1")
                })
                .map(|(i, _)| i)
                .collect(),
        )
    }
}

/// The non-empty value of column `name` in `fields` (aligned with `columns`).
fn column_value<'e>(columns: &[String], fields: &'e Fields, name: &str) -> Option<&'e str> {
    let i = columns.iter().position(|c| c == name)?;
    fields.get(i).filter(|v| !v.is_empty())
}
