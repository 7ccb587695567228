//! How long computing results and explanations takes for a synthetic process.
//!
//! `cargo run --release -p civis-budget --example explain_cost -- <projects> <ballots> [summary|full]`
//!
//! One citywide budget of 1,000,000, projects costing 10,000 to 209,000, approval
//! ballots of 1 to 6 projects skewed towards low ids (a fixed pseudo-random
//! sequence, so every run measures the same process), tie-breaking lexico. Prints,
//! for each rule, the time of `compute_results` and of `explain_results`.

use std::time::Instant;

use civis_budget::{
    compute_results, explain_results, Ballot, BallotChannel, BallotContent, BallotFormat, Budgets,
    Completion, Eligibility, ExplainDepth, Localized, OutcomeRule, Process, ProcessId,
    ProcessRules, ProcessSettings, Proposal, ProposalDraft, ProposalId, Review, Schedule, TieBreak,
};
use civis_domain::{Timestamp, UserId};

/// A fixed linear congruential sequence.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % m.max(1)
    }
}

fn process(rule: OutcomeRule) -> Process {
    let t = Timestamp::EPOCH;
    Process {
        id: ProcessId(1),
        settings: ProcessSettings {
            title: Localized::default(),
            description: Localized::default(),
            schedule: Schedule {
                proposals_open: t,
                support_open: t,
                review_open: t,
                voting_open: t,
                voting_close: t,
                implementation_open: t,
            },
            rules: ProcessRules {
                budgets: Budgets {
                    total: 1_000_000,
                    ..Budgets::default()
                },
                eligibility: Eligibility::default(),
                ballot: BallotFormat::Approval { min: 0, max: 10 },
                rule,
                tie_break: TieBreak::Lexico,
                secret_ballots: false,
            },
        },
        created_by: None,
        created_at: t,
        updated_at: t,
        results_published_at: None,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut number = |default: u64| {
        args.next()
            .and_then(|a| a.parse::<u64>().ok())
            .unwrap_or(default)
    };
    let n_projects = number(40);
    let n_ballots = number(3000);
    let depth = match std::env::args().nth(3).as_deref() {
        Some("summary") => ExplainDepth::Summary,
        _ => ExplainDepth::Full,
    };
    let mut rng = Lcg(12_345);
    let t = Timestamp::EPOCH;
    let proposals: Vec<Proposal> = (1..=n_projects)
        .map(|id| {
            let cost = 10_000 + rng.below(200) * 1000;
            Proposal {
                id: ProposalId(id as i64),
                process: ProcessId(1),
                author: UserId(1),
                draft: ProposalDraft {
                    title: String::new(),
                    description: String::new(),
                    estimated_cost: cost,
                    district: None,
                    category: None,
                    location: None,
                },
                review: Review::Accepted {
                    official_cost: cost,
                },
                hidden: None,
                supports: 0,
                created_at: t,
                updated_at: t,
            }
        })
        .collect();
    let ballots: Vec<Ballot> = (0..n_ballots)
        .map(|v| {
            let k = 1 + rng.below(6);
            let mut ids: Vec<ProposalId> = (0..k)
                .map(|_| {
                    let skewed = rng.below(n_projects) * rng.below(n_projects) / n_projects.max(1);
                    ProposalId(1 + skewed as i64)
                })
                .collect();
            ids.sort();
            ids.dedup();
            Ballot {
                process: ProcessId(1),
                voter: UserId(v as i64),
                content: BallotContent::Approval(ids),
                channel: BallotChannel::Online,
                cast_at: t,
                revision: 1,
            }
        })
        .collect();
    println!("{n_projects} projects, {n_ballots} ballots, explanations {depth:?}");
    for completion in [
        None,
        Some(Completion::None),
        Some(Completion::Add1),
        Some(Completion::Add1u),
    ] {
        let rule = match completion {
            None => OutcomeRule::Greedy,
            Some(completion) => OutcomeRule::Mes { completion },
        };
        let p = process(rule);
        let start = Instant::now();
        let results = compute_results(&p, &proposals, &ballots, t);
        let computed = start.elapsed();
        let start = Instant::now();
        let explained = explain_results(&p, &proposals, &ballots, depth);
        let explaining = start.elapsed();
        match (results, explained) {
            (Ok(r), Ok(e)) => println!(
                "{rule:?}: results {computed:.2?} ({} funded), explanations {explaining:.2?} ({} projects)",
                r.units.first().map_or(0, |u| u.selected.len()),
                e.len()
            ),
            (Err(e), _) | (_, Err(e)) => println!("{rule:?}: {e}"),
        }
    }
}
