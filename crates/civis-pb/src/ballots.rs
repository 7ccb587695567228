//! [`Ballots`]: an election reduced to what a tally reads, so that a large
//! file can be tallied without holding every voter's id, points and
//! optional columns.

use crate::Election;

/// An election's META and projects, and every voter's ballot in file order
/// as a set (project indices, ascending, no repeats), without the voters'
/// ids, points or optional columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballots {
    election: Election,
    offsets: Vec<usize>,
    projects: Vec<u32>,
}

impl Ballots {
    /// Ballots from flattened parts: ballot `i` is
    /// `projects[offsets[i]..offsets[i + 1]]` (`offsets` starts at 0 and
    /// never decreases; each ballot ascending without repeats);
    /// `election` keeps its META and projects only.
    pub(crate) fn new(mut election: Election, offsets: Vec<usize>, projects: Vec<u32>) -> Self {
        election.voters = Vec::new();
        Ballots {
            election,
            offsets,
            projects,
        }
    }

    /// The ballots of a whole election (its voters' votes).
    pub fn from_election(mut election: Election) -> Self {
        let mut offsets = Vec::with_capacity(election.voters.len() + 1);
        offsets.push(0);
        let mut projects = Vec::new();
        let mut ballot = Vec::new();
        for v in &election.voters {
            ballot.clear();
            ballot.extend_from_slice(&v.vote);
            ballot.sort_unstable();
            ballot.dedup();
            projects.extend_from_slice(&ballot);
            offsets.push(projects.len());
        }
        election.voters = Vec::new();
        Ballots {
            election,
            offsets,
            projects,
        }
    }

    /// META, projects and columns (its `voters` is empty).
    pub fn election(&self) -> &Election {
        &self.election
    }

    /// Number of voters (ballots), including empty ones.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there are no voters.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ballots in file order: each the ascending indices of the
    /// projects it lists in [`Election::projects`].
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        self.offsets
            .windows(2)
            .map(|w| self.projects.get(w[0]..w[1]).unwrap_or(&[]))
    }

    /// Where each ballot starts in [`Ballots::flat_projects`], and where the
    /// last one ends.
    pub(crate) fn offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// All ballots' project indices, one ballot after the other.
    pub(crate) fn flat_projects(&self) -> &[u32] {
        &self.projects
    }
}
