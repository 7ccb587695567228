//! Who submits what, in which order: every voter's first ballot, then re-votes
//! (about 10 % of voters), paper ballots entered by officials (about 1 %, half of
//! them followed by an online ballot that the paper one still overrides), and a
//! few invalid ballots that end up spoiled.

use civis_budget::{BallotContent, ProposalId};
use rand::seq::SliceRandom;
use rand::Rng;

use super::rng::{stream, Stream};

/// One submission to the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The voter (index).
    pub voter: usize,
    /// Its number under the voter's credential (1, 2, ...).
    pub seq: u32,
    /// What the ballot says.
    pub content: BallotContent,
    /// `Some(official index)` for a paper ballot.
    pub paper: Option<usize>,
}

/// What the projects are and how popular.
pub struct Ballots<'a> {
    /// Project ids.
    pub ids: &'a [ProposalId],
    /// Popularity weight of each project (same order).
    pub weights: &'a [u32],
    /// Most projects one ballot approves.
    pub max: u32,
}

impl Ballots<'_> {
    fn valid(&self, rng: &mut impl Rng) -> BallotContent {
        let n = rng.gen_range(1..=self.max as usize);
        let total: u32 = self.weights.iter().sum();
        let mut chosen: Vec<ProposalId> = Vec::with_capacity(n);
        while chosen.len() < n {
            let mut pick = rng.gen_range(0..total.max(1));
            for (id, w) in self.ids.iter().zip(self.weights) {
                if pick < *w {
                    if !chosen.contains(id) {
                        chosen.push(*id);
                    }
                    break;
                }
                pick -= w;
            }
        }
        BallotContent::Approval(chosen)
    }

    fn invalid(&self) -> BallotContent {
        BallotContent::Approval(vec![ProposalId(-1)])
    }
}

/// The submissions of `voters` voters in log order, with `officials` officials.
pub fn plan(voters: usize, officials: usize, ballots: &Ballots<'_>, seed: u64) -> Vec<Submission> {
    let mut rng = stream(seed, Stream::Plan, 0).0;
    let mut seq = vec![0u32; voters];
    let mut next = |v: usize| {
        seq[v] += 1;
        seq[v]
    };
    let mut order: Vec<usize> = (0..voters).collect();
    order.shuffle(&mut rng);
    let mut out: Vec<Submission> = Vec::new();
    for &v in &order {
        out.push(Submission {
            voter: v,
            seq: next(v),
            content: ballots.valid(&mut rng),
            paper: None,
        });
    }
    let paper_count = if voters >= 10 {
        (voters / 100).max(1)
    } else {
        0
    };
    let spoiled_count = if voters >= 100 {
        (voters / 500).max(1)
    } else {
        0
    };
    let mut later: Vec<(usize, Option<usize>, bool)> = Vec::new();
    for &v in order.iter().take(voters / 10) {
        later.push((v, None, false));
    }
    for (i, &v) in order.iter().rev().take(paper_count).enumerate() {
        later.push((v, Some(i % officials.max(1)), false));
    }
    for &v in order.iter().skip(voters / 10).take(spoiled_count) {
        later.push((v, None, true));
    }
    later.shuffle(&mut rng);
    let mut after_paper = Vec::new();
    for (v, paper, spoiled) in later {
        let content = if spoiled {
            ballots.invalid()
        } else {
            ballots.valid(&mut rng)
        };
        if paper.is_some() && rng.gen_bool(0.5) {
            after_paper.push(v);
        }
        out.push(Submission {
            voter: v,
            seq: next(v),
            content,
            paper,
        });
    }
    for v in after_paper {
        out.push(Submission {
            voter: v,
            seq: next(v),
            content: ballots.valid(&mut rng),
            paper: None,
        });
    }
    out
}
