//! Generated processes with ballots, and their outcome computed with the
//! civis-pb engine unit by unit.

use std::collections::BTreeMap;

use civis_budget::export::Published;
use civis_budget::outcome::run_rule;
use civis_budget::{
    compute_results, Ballot, BallotChannel, BallotContent, BallotFormat, Budgets, Eligibility,
    Localized, OutcomeRule, Process, ProcessId, ProcessResults, ProcessRules, ProcessSettings,
    Proposal, ProposalDraft, ProposalId, Review, Schedule, TieBreak,
};
use civis_domain::{Timestamp, UserId};
use civis_pb::Election;

/// A small deterministic generator (xorshift).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// 2026-03-01T00:00:00Z.
pub const VOTING_OPEN: i64 = 1_772_323_200_000;
const DAY: i64 = 86_400_000;

pub fn localized(text: &str) -> Localized {
    Localized(
        ["en", "es", "et"]
            .iter()
            .map(|l| (l.to_string(), format!("{text} ({l})")))
            .collect(),
    )
}

pub fn process(ballot: BallotFormat, rule: OutcomeRule, tie_break: TieBreak) -> Process {
    let t = |days: i64| Timestamp::from_millis(VOTING_OPEN + days * DAY);
    Process {
        id: ProcessId(7),
        settings: ProcessSettings {
            title: localized("Green city; 2026"),
            description: localized("Ideas for the city"),
            schedule: Schedule {
                proposals_open: t(-60),
                support_open: t(-40),
                review_open: t(-30),
                voting_open: t(0),
                voting_close: t(14),
                implementation_open: t(60),
            },
            rules: ProcessRules {
                budgets: Budgets {
                    total: 10_000,
                    districts: BTreeMap::from([("North".to_string(), 3_000)]),
                    categories: BTreeMap::from([("green".to_string(), 2_500)]),
                },
                eligibility: Eligibility::default(),
                ballot,
                rule,
                tie_break,
                secret_ballots: false,
            },
        },
        created_by: None,
        created_at: t(-70),
        updated_at: t(-70),
        results_published_at: Some(t(16)),
    }
}

/// Projects in three units (citywide, district:North, category:green), plus
/// proposals that are not on the ballot (rejected, pending, hidden, merged).
pub fn proposals(rng: &mut Rng) -> Vec<Proposal> {
    let mut out = Vec::new();
    let specs: [(Option<&str>, Option<&str>, u64); 18] = [
        (None, None, 2_000),
        (None, Some("sport"), 1_500),
        (Some("South"), None, 3_200),
        (Some("South"), Some("culture"), 900),
        (None, None, 4_100),
        (None, Some("sport"), 550),
        (Some("East"), None, 2_750),
        (None, None, 1_300),
        (Some("North"), None, 1_200),
        (Some("North"), Some("green"), 800),
        (Some("North"), None, 1_500),
        (Some("North"), Some("sport"), 600),
        (None, Some("green"), 1_000),
        (Some("South"), Some("green"), 900),
        (None, Some("green"), 700),
        (Some("West"), Some("green"), 600),
        (None, None, 900),
        (None, None, 400),
    ];
    for (i, (district, category, cost)) in specs.iter().enumerate() {
        let id = ProposalId(i as i64 + 1);
        let jitter = rng.below(20) * 10;
        let review = match i {
            16 => Review::Rejected {
                reason: "not feasible".into(),
            },
            17 => Review::Pending,
            _ => Review::Accepted {
                official_cost: cost + jitter,
            },
        };
        out.push(Proposal {
            id,
            process: ProcessId(7),
            author: UserId(100 + i as i64),
            draft: ProposalDraft {
                title: match i {
                    3 => "Library \"Reading\"; corner, with seats".to_string(),
                    5 => "Skate park\nnear the river".to_string(),
                    _ => format!("Project number {}", i + 1),
                },
                description: "…".into(),
                estimated_cost: *cost,
                district: district.map(String::from),
                category: category.map(String::from),
                location: None,
            },
            review,
            hidden: (i == 7).then(|| "abusive".to_string()),
            supports: 0,
            created_at: Timestamp::from_millis(VOTING_OPEN - 50 * DAY),
            updated_at: Timestamp::from_millis(VOTING_OPEN - 50 * DAY),
        });
    }
    out
}

/// `n` valid random ballots for the format (voters 1000, 1001, …, listed by
/// voter id as the store lists them).
pub fn ballots(
    rng: &mut Rng,
    format: &BallotFormat,
    projects: &[&Proposal],
    n: usize,
) -> Vec<Ballot> {
    let ids: Vec<ProposalId> = projects.iter().map(|p| p.id).collect();
    (0..n)
        .map(|v| {
            let mut pool = ids.clone();
            let content = match format {
                BallotFormat::Approval { min, max } => {
                    let k = *min as u64 + rng.below(u64::from(max - min) + 1);
                    BallotContent::Approval(pick(rng, &mut pool, k as usize))
                }
                BallotFormat::Knapsack { .. } => {
                    let k = 1 + rng.below(4) as usize;
                    let mut chosen = pick(rng, &mut pool, k);
                    let mut total = 0;
                    chosen.retain(|id| {
                        let cost = projects.iter().find(|p| p.id == *id).unwrap().cost();
                        total += cost;
                        total <= 2_500 || total == cost
                    });
                    BallotContent::Approval(chosen)
                }
                BallotFormat::Cumulative {
                    points,
                    max_per_project,
                } => {
                    let k = 1 + rng.below(4) as usize;
                    let chosen = pick(rng, &mut pool, k);
                    let cap = max_per_project.unwrap_or(*points);
                    let mut left = *points;
                    let mut given = Vec::new();
                    for id in chosen {
                        let n = (1 + rng.below(u64::from(cap))) as u32;
                        let n = n.min(left);
                        left -= n;
                        given.push((id, n));
                    }
                    BallotContent::Points(given)
                }
                BallotFormat::Ranked { k } => {
                    let k = 1 + rng.below(u64::from(*k)) as usize;
                    BallotContent::Ranking(pick(rng, &mut pool, k))
                }
            };
            Ballot {
                process: ProcessId(7),
                voter: UserId(1000 + v as i64),
                content,
                channel: if v % 9 == 0 {
                    BallotChannel::Paper {
                        official: UserId(1),
                    }
                } else {
                    BallotChannel::Online
                },
                cast_at: Timestamp::from_millis(VOTING_OPEN + (v as i64) * 60_000),
                revision: 1,
            }
        })
        .collect()
}

/// `k` projects taken from `pool`, popular (early) ones more often.
fn pick(rng: &mut Rng, pool: &mut Vec<ProposalId>, k: usize) -> Vec<ProposalId> {
    let mut chosen = Vec::new();
    for _ in 0..k.min(pool.len()) {
        let n = pool.len() as u64;
        let j = (rng.below(n) * rng.below(n) / n) as usize;
        chosen.push(pool.remove(j));
    }
    chosen
}

/// The engine's outcome of an election written by the export (with the
/// process's rules, whatever META `rule` says): project ids selected, sorted.
pub fn tally(election: &Election, rules: &ProcessRules) -> Vec<String> {
    let outcome = run_rule(rules, election).unwrap();
    let mut ids: Vec<String> = outcome
        .projects()
        .iter()
        .map(|&p| election.projects[p].id.clone())
        .collect();
    ids.sort();
    ids
}

/// A generated process with published results computed by the engine.
pub struct Case {
    pub process: Process,
    pub proposals: Vec<Proposal>,
    pub ballots: Vec<Ballot>,
    pub results: ProcessResults,
}

impl Case {
    pub fn new(
        seed: u64,
        ballot: BallotFormat,
        rule: OutcomeRule,
        tie: TieBreak,
        voters: usize,
    ) -> Case {
        let mut rng = Rng::new(seed);
        let process = process(ballot.clone(), rule, tie);
        let proposals = proposals(&mut rng);
        let on_ballot: Vec<&Proposal> = proposals.iter().filter(|p| p.on_ballot()).collect();
        let ballots = ballots(&mut rng, &ballot, &on_ballot, voters);
        let results = compute_results(
            &process,
            &proposals,
            &ballots,
            Timestamp::from_millis(VOTING_OPEN + 15 * DAY),
        )
        .unwrap();
        Case {
            process,
            proposals,
            ballots,
            results,
        }
    }

    pub fn published(&self) -> Published<'_> {
        Published::new(&self.process, &self.proposals, &self.ballots, &self.results).unwrap()
    }
}
