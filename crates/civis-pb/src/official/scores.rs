//! The votes or score that orders projects for the greedy rules, as
//! pabulib-checker reads it.
//!
//! The checker orders by the PROJECTS `score` column when the file has one,
//! otherwise by the `votes` column; the counts are taken from the file, not
//! recounted from the ballots (a separate check compares the two). When a
//! file has neither column (the checker then fails), civis counts the
//! ballots instead: points for cumulative and scoring ballots, points or
//! Borda-like positions (`n, n-1, …, 1`) for ordinal ballots, one per
//! listed project otherwise.

use crate::{Decimal, Election, VoteType};

/// Where the ordering figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreSource {
    /// The PROJECTS `score` column.
    ScoreColumn,
    /// The PROJECTS `votes` column.
    VotesColumn,
    /// Counted from the VOTES section (the file has neither column).
    CountedBallots,
}

impl ScoreSource {
    /// A short name for reports: `score`, `votes` or `counted`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ScoreSource::ScoreColumn => "score",
            ScoreSource::VotesColumn => "votes",
            ScoreSource::CountedBallots => "counted",
        }
    }
}

/// A project's votes/score that is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("project {project}: {column} {value:?} is not a number")]
pub struct ScoreError {
    /// The project id.
    pub project: String,
    /// The column read.
    pub column: &'static str,
    /// The cell.
    pub value: String,
}

/// One figure a project, aligned with [`Election::projects`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectScores {
    /// Where they came from.
    pub source: ScoreSource,
    /// The figure of each project (an empty cell counts 0).
    pub values: Vec<Decimal>,
}

impl ProjectScores {
    /// Reads the figures the checker orders by.
    pub fn of(election: &Election) -> Result<ProjectScores, ScoreError> {
        let has = |c: &str| election.project_columns.iter().any(|k| k == c);
        let (source, column) = if has("score") {
            (ScoreSource::ScoreColumn, "score")
        } else if has("votes") {
            (ScoreSource::VotesColumn, "votes")
        } else {
            return Ok(ProjectScores {
                source: ScoreSource::CountedBallots,
                values: counted(election),
            });
        };
        let values = election
            .projects
            .iter()
            .map(|p| match election.project_field(p, column) {
                None => Ok(Decimal::from_int(0)),
                Some(v) => v.parse::<Decimal>().map_err(|_| ScoreError {
                    project: p.id.clone(),
                    column,
                    value: v.to_string(),
                }),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ProjectScores { source, values })
    }

    /// Project indices by decreasing figure, file order among equals.
    pub fn order(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.values.len()).collect();
        idx.sort_by(|&a, &b| self.values[b].cmp(&self.values[a]));
        idx
    }
}

/// Counts the ballots: see the module documentation.
fn counted(election: &Election) -> Vec<Decimal> {
    // Sum at a common scale so no precision is lost.
    let scale = election
        .voters
        .iter()
        .filter_map(|v| v.points.as_ref())
        .flatten()
        .map(|p| p.scale())
        .max()
        .unwrap_or(0);
    let mut units = vec![0i128; election.projects.len()];
    let use_points = matches!(
        election.vote_type(),
        VoteType::Cumulative | VoteType::Scoring | VoteType::Ordinal
    );
    for voter in &election.voters {
        let n = voter.vote.len();
        for (pos, &p) in voter.vote.iter().enumerate() {
            let add = match (&voter.points, use_points) {
                (Some(points), true) => points
                    .get(pos)
                    .and_then(|d| d.units_at_scale(scale))
                    .unwrap_or(0),
                (None, true) if election.vote_type() == VoteType::Ordinal => {
                    (n - pos) as i128 * 10i128.pow(scale)
                }
                _ => 10i128.pow(scale),
            };
            if let Some(u) = units.get_mut(p as usize) {
                *u = u.saturating_add(add);
            }
        }
    }
    units.into_iter().map(|u| Decimal::new(u, scale)).collect()
}
