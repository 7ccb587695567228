//! Tie-breaking between projects that a rule rates equally.

use super::Profile;

/// Which project wins a tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TieBreak {
    /// Smaller project id, compared as a string (pabutools' default
    /// `lexico_tie_breaking`).
    #[default]
    Lexico,
    /// Lower cost, then more approvals (as equalshares.net), then smaller
    /// project id as a string.
    CostVotes,
    /// Earlier in the file.
    File,
}

impl TieBreak {
    /// The command-line name: `lexico`, `cost-votes` or `file`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TieBreak::Lexico => "lexico",
            TieBreak::CostVotes => "cost-votes",
            TieBreak::File => "file",
        }
    }

    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<TieBreak> {
        match s {
            "lexico" => Some(TieBreak::Lexico),
            "cost-votes" => Some(TieBreak::CostVotes),
            "file" => Some(TieBreak::File),
            _ => None,
        }
    }

    /// The total order this tie-breaking induces on a profile's projects.
    pub fn order(&self, profile: &Profile) -> TieOrder {
        let mut idx: Vec<usize> = (0..profile.num_projects()).collect();
        match self {
            TieBreak::Lexico => {
                idx.sort_by(|&a, &b| profile.id(a).cmp(profile.id(b)).then(a.cmp(&b)))
            }
            TieBreak::CostVotes => idx.sort_by(|&a, &b| {
                profile
                    .cost(a)
                    .cmp(&profile.cost(b))
                    .then(profile.approvals(b).cmp(&profile.approvals(a)))
                    .then(profile.id(a).cmp(profile.id(b)))
                    .then(a.cmp(&b))
            }),
            TieBreak::File => {}
        }
        let mut rank = vec![0u32; idx.len()];
        for (r, &p) in idx.iter().enumerate() {
            rank[p] = r as u32;
        }
        TieOrder { rank }
    }
}

/// A strict preference order over projects: a smaller rank wins ties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieOrder {
    rank: Vec<u32>,
}

impl TieOrder {
    /// The rank of project `p` (0 = wins every tie).
    pub fn rank(&self, p: usize) -> u32 {
        self.rank[p]
    }
}
