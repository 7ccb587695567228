//! Identical ballots merged: the distinct ballots in order of first
//! appearance, each with its number of voters.

use std::hash::BuildHasher as _;

use foldhash::fast::RandomState;

/// Distinct non-empty ballots (ascending project indices, no repeats) in
/// order of first appearance, each with its weight (number of voters).
#[derive(Clone)]
pub(crate) struct BallotGroups {
    /// Group indices by their ballot's hash under `seed`, drawn per table
    /// so that crafted ballots cannot force collisions.
    table: hashbrown::HashTable<u32>,
    seed: Seed,
    weights: Vec<u64>,
    /// Group `g`'s ballot is `projects[offsets[g]..offsets[g + 1]]`.
    offsets: Vec<usize>,
    projects: Vec<u32>,
}

impl Default for BallotGroups {
    fn default() -> Self {
        BallotGroups {
            table: hashbrown::HashTable::new(),
            seed: Seed::new(),
            weights: Vec::new(),
            offsets: vec![0],
            projects: Vec::new(),
        }
    }
}

impl BallotGroups {
    /// No groups yet, with room for `groups` groups without growing.
    pub(crate) fn with_capacity(groups: usize) -> Self {
        let mut offsets = Vec::with_capacity(groups.saturating_add(1));
        offsets.push(0);
        BallotGroups {
            table: hashbrown::HashTable::with_capacity(groups),
            seed: Seed::new(),
            weights: Vec::with_capacity(groups),
            offsets,
            projects: Vec::with_capacity(groups.saturating_mul(4)),
        }
    }

    /// Adds `weight` voters casting `ballot` (ascending, no repeats, not
    /// empty): to its group if there is one, else as a new last group.
    pub(crate) fn add(&mut self, ballot: &[u32], weight: u64) {
        let hash = self.seed.hash(ballot);
        let (offsets, projects) = (&self.offsets, &self.projects);
        let group = |g: u32| {
            let g = g as usize;
            match (offsets.get(g), offsets.get(g + 1)) {
                (Some(&a), Some(&b)) => projects.get(a..b).unwrap_or(&[]),
                _ => &[],
            }
        };
        if let Some(&g) = self.table.find(hash, |&g| group(g) == ballot) {
            if let Some(w) = self.weights.get_mut(g as usize) {
                *w += weight;
            }
            return;
        }
        let g = self.weights.len() as u32;
        self.projects.extend_from_slice(ballot);
        self.offsets.push(self.projects.len());
        self.weights.push(weight);
        let (seed, offsets, projects) = (&self.seed, &self.offsets, &self.projects);
        self.table.insert_unique(hash, g, |&g| {
            let g = g as usize;
            let ballot = match (offsets.get(g), offsets.get(g + 1)) {
                (Some(&a), Some(&b)) => projects.get(a..b).unwrap_or(&[]),
                _ => &[],
            };
            seed.hash(ballot)
        });
    }

    /// Adds the groups of `later` (ballots cast after all of these), in
    /// their order: the same groups as adding their voters one by one.
    pub(crate) fn append(&mut self, later: BallotGroups) {
        for (ballot, weight) in later.iter() {
            self.add(ballot, weight);
        }
    }

    /// Number of groups.
    pub(crate) fn len(&self) -> usize {
        self.weights.len()
    }

    /// The groups in order: each ballot and its weight.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&[u32], u64)> {
        self.offsets
            .windows(2)
            .zip(&self.weights)
            .map(|(w, &weight)| (self.projects.get(w[0]..w[1]).unwrap_or(&[]), weight))
    }

    /// The weights, ballot offsets and flattened ballots.
    pub(crate) fn into_parts(self) -> (Vec<u64>, Vec<usize>, Vec<u32>) {
        (self.weights, self.offsets, self.projects)
    }
}

/// Two random 64-bit seeds of a ballot hash.
#[derive(Clone, Copy)]
struct Seed(u64, u64);

impl Seed {
    /// Fresh seeds (from the standard per-process random hash seeds).
    fn new() -> Seed {
        let state = RandomState::default();
        Seed(state.hash_one(1u64), state.hash_one(2u64) | 1)
    }

    /// The hash of a ballot: a folded multiply per project index (a ballot
    /// lists a few projects, where hashing its bytes as a string costs
    /// more).
    fn hash(&self, ballot: &[u32]) -> u64 {
        let mut h = self.0 ^ ballot.len() as u64;
        for &p in ballot {
            let full = u128::from(h ^ u64::from(p)) * u128::from(self.1);
            h = (full as u64) ^ ((full >> 64) as u64);
        }
        h
    }
}

impl PartialEq for BallotGroups {
    fn eq(&self, other: &Self) -> bool {
        self.weights == other.weights
            && self.offsets == other.offsets
            && self.projects == other.projects
    }
}

impl Eq for BallotGroups {}

impl std::fmt::Debug for BallotGroups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_ballots_merge_in_order_of_first_appearance() {
        let mut a = BallotGroups::default();
        for b in [&[1, 2][..], &[3], &[1, 2], &[1]] {
            a.add(b, 1);
        }
        let mut later = BallotGroups::default();
        for b in [&[4][..], &[1], &[3], &[4]] {
            later.add(b, 1);
        }
        a.append(later);
        let groups: Vec<(Vec<u32>, u64)> = a.iter().map(|(b, w)| (b.to_vec(), w)).collect();
        assert_eq!(
            groups,
            vec![(vec![1, 2], 2), (vec![3], 2), (vec![1], 2), (vec![4], 2)]
        );
        assert_eq!(a.len(), 4);
    }
}
