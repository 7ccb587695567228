//! Identical ballots merged: the distinct ballots in order of first
//! appearance, each with its number of voters.

use std::hash::BuildHasher as _;

use foldhash::fast::RandomState;

/// Distinct non-empty ballots (ascending project indices, no repeats) in
/// order of first appearance, each with its weight (number of voters).
#[derive(Clone)]
pub(crate) struct BallotGroups {
    /// The groups of short ballots ([`pack`]) with their packed ballots,
    /// by the hash of that key under `seed`.
    short: hashbrown::HashTable<(u64, u32)>,
    /// The groups of other ballots, by their ballot's hash under `seed`.
    table: hashbrown::HashTable<u32>,
    /// Drawn per table, so that crafted ballots cannot force collisions.
    seed: Seed,
    weights: Vec<u64>,
    /// Group `g`'s ballot is `projects[offsets[g]..offsets[g + 1]]`.
    offsets: Vec<usize>,
    projects: Vec<u32>,
}

impl Default for BallotGroups {
    fn default() -> Self {
        BallotGroups {
            short: hashbrown::HashTable::new(),
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
            short: hashbrown::HashTable::with_capacity(groups),
            table: hashbrown::HashTable::new(),
            seed: Seed::new(),
            weights: Vec::with_capacity(groups),
            offsets,
            projects: Vec::with_capacity(groups.saturating_mul(4)),
        }
    }

    /// Adds `weight` voters casting `ballot` (ascending, no repeats, not
    /// empty): to its group if there is one, else as a new last group.
    pub(crate) fn add(&mut self, ballot: &[u32], weight: u64) {
        if let Some(key) = pack(ballot) {
            // Most ballots: one integer hashed and compared.
            let hash = self.seed.hash_key(key);
            if let Some(&(_, g)) = self.short.find(hash, |&(k, _)| k == key) {
                if let Some(w) = self.weights.get_mut(g as usize) {
                    *w += weight;
                }
                return;
            }
            let g = self.push(ballot, weight);
            let seed = &self.seed;
            self.short
                .insert_unique(hash, (key, g), |&(k, _)| seed.hash_key(k));
            return;
        }
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
        let g = self.push(ballot, weight);
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

    /// Adds a new last group; returns its index.
    fn push(&mut self, ballot: &[u32], weight: u64) -> u32 {
        let g = self.weights.len() as u32;
        self.projects.extend_from_slice(ballot);
        self.offsets.push(self.projects.len());
        self.weights.push(weight);
        g
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

/// A ballot of at most 5 projects, each below 4,096, packed into one
/// integer (its length, then 12 bits a project): distinct such ballots give
/// distinct keys. `None` for any other ballot.
#[inline]
fn pack(ballot: &[u32]) -> Option<u64> {
    if ballot.len() > 5 {
        return None;
    }
    let mut key = ballot.len() as u64;
    for (i, &p) in ballot.iter().enumerate() {
        if p >= 1 << 12 {
            return None;
        }
        key |= u64::from(p) << (3 + 12 * i);
    }
    Some(key)
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
            h = self.fold(h ^ u64::from(p));
        }
        h
    }

    /// The hash of a packed ballot ([`pack`]).
    #[inline]
    fn hash_key(&self, key: u64) -> u64 {
        self.fold(self.0 ^ key)
    }

    /// The high and low halves of `x` times the second seed, folded.
    #[inline]
    fn fold(&self, x: u64) -> u64 {
        let full = u128::from(x) * u128::from(self.1);
        (full as u64) ^ ((full >> 64) as u64)
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
    fn only_short_ballots_of_small_indices_are_packed() {
        assert_eq!(pack(&[]), Some(0));
        assert_eq!(pack(&[5]), Some(1 | 5 << 3));
        assert_eq!(pack(&[1, 4095]), Some(2 | 1 << 3 | 4095 << 15));
        assert_eq!(
            pack(&[1, 2, 3, 4, 4095]),
            Some(5 | 1 << 3 | 2 << 15 | 3 << 27 | 4 << 39 | 4095 << 51)
        );
        assert_eq!(pack(&[1, 2, 3, 4, 5, 6]), None);
        assert_eq!(pack(&[4096]), None);
    }

    #[test]
    fn short_and_long_ballots_share_one_order_of_groups() {
        let mut a = BallotGroups::with_capacity(4);
        let ballots: [&[u32]; 7] = [
            &[1, 2, 3, 4, 5, 6],
            &[9],
            &[5000],
            &[1, 2, 3, 4, 5, 6],
            &[9],
            &[2, 5000],
            &[5000],
        ];
        for b in ballots {
            a.add(b, 1);
        }
        let groups: Vec<(Vec<u32>, u64)> = a.iter().map(|(b, w)| (b.to_vec(), w)).collect();
        assert_eq!(
            groups,
            vec![
                (vec![1, 2, 3, 4, 5, 6], 2),
                (vec![9], 2),
                (vec![5000], 2),
                (vec![2, 5000], 1)
            ]
        );
    }

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
