//! Descriptive statistics of an election: size, money, ballot lengths.

use crate::{Decimal, Election, VoteType};

/// Summary figures of an election, as `civis pb stats` shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Number of voters (ballots).
    pub voters: usize,
    /// Number of projects.
    pub projects: usize,
    /// META `budget`, when present and a number.
    pub budget: Option<Decimal>,
    /// Sum of all project costs (`None` if it overflows).
    pub total_cost: Option<Decimal>,
    /// Funding scarcity: total cost / budget (`None` without a positive budget).
    pub scarcity: Option<f64>,
    /// Ballot length (number of projects named), when there are voters.
    pub ballot_length: Option<BallotLength>,
    /// META `vote_type` (approval when absent).
    pub vote_type: VoteType,
    /// META `rule`, when present.
    pub rule: Option<String>,
}

/// Minimum, mean, median and maximum number of projects per ballot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BallotLength {
    /// Shortest ballot.
    pub min: usize,
    /// Average ballot length.
    pub mean: f64,
    /// Median ballot length (mean of the two middle ones for an even count).
    pub median: f64,
    /// Longest ballot.
    pub max: usize,
}

impl Stats {
    /// Computes the statistics of `election`.
    pub fn of(election: &Election) -> Stats {
        let budget = election.budget();
        let total_cost = election
            .projects
            .iter()
            .try_fold(Decimal::from_int(0), |acc, p| acc.checked_add(&p.cost));
        let scarcity = match (total_cost, budget) {
            (Some(t), Some(b)) if b.to_f64() > 0.0 => Some(t.to_f64() / b.to_f64()),
            _ => None,
        };
        Stats {
            voters: election.voters.len(),
            projects: election.projects.len(),
            budget,
            total_cost,
            scarcity,
            ballot_length: BallotLength::of(election.voters.iter().map(|v| v.vote.len())),
            vote_type: election.vote_type(),
            rule: election.rule().map(str::to_string),
        }
    }
}

impl BallotLength {
    /// Statistics of these lengths, `None` when there are none.
    pub fn of(lengths: impl Iterator<Item = usize>) -> Option<BallotLength> {
        let mut v: Vec<usize> = lengths.collect();
        if v.is_empty() {
            return None;
        }
        v.sort_unstable();
        let n = v.len();
        let sum: usize = v.iter().sum();
        let median = if n % 2 == 1 {
            v[n / 2] as f64
        } else {
            (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
        };
        Some(BallotLength {
            min: v[0],
            mean: sum as f64 / n as f64,
            median,
            max: v[n - 1],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_even_and_odd_counts() {
        let b = BallotLength::of([3, 1, 2].into_iter()).unwrap();
        assert_eq!((b.min, b.median, b.max), (1, 2.0, 3));
        let b = BallotLength::of([4, 1, 2, 3].into_iter()).unwrap();
        assert_eq!((b.median, b.mean), (2.5, 2.5));
        assert_eq!(BallotLength::of(std::iter::empty()), None);
    }
}
