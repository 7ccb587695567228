//! [`Ballots`]: an election reduced to what a tally reads, so that a large
//! file can be tallied without holding every voter's id, points and
//! optional columns.

use crate::ballot_groups::BallotGroups;
use crate::Election;

/// An election's META and projects, and its voters' ballots as sets
/// (project indices, ascending, no repeats) with identical ones merged:
/// the distinct non-empty ballots in order of first appearance, each with
/// its number of voters; without the voters' ids, points or optional
/// columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballots {
    election: Election,
    voters: usize,
    groups: BallotGroups,
}

impl Ballots {
    /// Ballots of `voters` voters (empty ballots included) merged into
    /// `groups`; `election` keeps its META and projects only.
    pub(crate) fn new(mut election: Election, voters: usize, groups: BallotGroups) -> Self {
        election.voters = Vec::new();
        Ballots {
            election,
            voters,
            groups,
        }
    }

    /// The ballots of a whole election (its voters' votes).
    pub fn from_election(mut election: Election) -> Self {
        let mut groups = BallotGroups::default();
        let mut ballot = Vec::new();
        for v in &election.voters {
            ballot.clear();
            ballot.extend_from_slice(&v.vote);
            ballot.sort_unstable();
            ballot.dedup();
            if !ballot.is_empty() {
                groups.add(&ballot, 1);
            }
        }
        let voters = election.voters.len();
        election.voters = Vec::new();
        Ballots {
            election,
            voters,
            groups,
        }
    }

    /// META, projects and columns (its `voters` is empty).
    pub fn election(&self) -> &Election {
        &self.election
    }

    /// Number of voters (ballots), including empty ones.
    pub fn len(&self) -> usize {
        self.voters
    }

    /// Whether there are no voters.
    pub fn is_empty(&self) -> bool {
        self.voters == 0
    }

    /// Number of distinct non-empty ballots.
    pub fn num_distinct(&self) -> usize {
        self.groups.len()
    }

    /// The distinct non-empty ballots in order of first appearance: each
    /// the ascending indices of the projects it lists in
    /// [`Election::projects`], with its number of voters.
    pub fn iter(&self) -> impl Iterator<Item = (&[u32], u64)> {
        self.groups.iter()
    }

    /// The merged ballots.
    pub(crate) fn into_groups(self) -> BallotGroups {
        self.groups
    }
}
