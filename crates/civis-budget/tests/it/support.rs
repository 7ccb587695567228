//! Builders of processes, proposals and ballots, and Pabulib fixtures, for the
//! outcome and explanation tests.

use std::path::PathBuf;

use civis_budget::rules::Amount;
use civis_budget::{
    Ballot, BallotChannel, BallotContent, BallotFormat, Budgets, Completion, Eligibility,
    Localized, OutcomeRule, Process, ProcessId, ProcessRules, ProcessSettings, Proposal,
    ProposalDraft, ProposalId, Review, Schedule, TieBreak,
};
use civis_domain::{Timestamp, UserId};
use civis_pb::Election;

/// Rules with these budgets, ballot format, rule and tie-breaking.
pub fn rules(
    budgets: Budgets,
    ballot: BallotFormat,
    rule: OutcomeRule,
    tie_break: TieBreak,
) -> ProcessRules {
    ProcessRules {
        budgets,
        eligibility: Eligibility::default(),
        ballot,
        rule,
        tie_break,
        secret_ballots: false,
    }
}

/// Budgets with a citywide total, district and category budgets.
pub fn budgets(
    total: Amount,
    districts: &[(&str, Amount)],
    categories: &[(&str, Amount)],
) -> Budgets {
    Budgets {
        total,
        districts: districts.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        categories: categories
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
    }
}

/// Process 1 with these rules (voting closed at t = 4000).
pub fn process(rules: ProcessRules) -> Process {
    let t = Timestamp::from_millis;
    Process {
        id: ProcessId(1),
        settings: ProcessSettings {
            title: Localized::default(),
            description: Localized::default(),
            schedule: Schedule {
                proposals_open: t(0),
                support_open: t(1000),
                review_open: t(2000),
                voting_open: t(3000),
                voting_close: t(4000),
                implementation_open: t(6000),
            },
            rules,
        },
        created_by: None,
        created_at: t(0),
        updated_at: t(0),
        results_published_at: None,
    }
}

/// An accepted proposal of process 1.
pub fn proposal(id: i64, cost: Amount, district: Option<&str>, category: Option<&str>) -> Proposal {
    Proposal {
        id: ProposalId(id),
        process: ProcessId(1),
        author: UserId(1),
        draft: ProposalDraft {
            title: format!("Project {id}"),
            description: String::new(),
            estimated_cost: cost,
            district: district.map(str::to_string),
            category: category.map(str::to_string),
            location: None,
        },
        review: Review::Accepted {
            official_cost: cost,
        },
        hidden: None,
        supports: 0,
        created_at: Timestamp::EPOCH,
        updated_at: Timestamp::EPOCH,
    }
}

/// A ballot of voter `voter` in process 1.
pub fn ballot(voter: i64, content: BallotContent) -> Ballot {
    Ballot {
        process: ProcessId(1),
        voter: UserId(voter),
        content,
        channel: BallotChannel::Online,
        cast_at: Timestamp::from_millis(3500),
        revision: 1,
    }
}

/// Approval ballots, one per list of proposal ids.
pub fn approvals(lists: &[&[i64]]) -> Vec<Ballot> {
    lists
        .iter()
        .enumerate()
        .map(|(v, ids)| {
            ballot(
                v as i64 + 1,
                BallotContent::Approval(ids.iter().map(|&i| ProposalId(i)).collect()),
            )
        })
        .collect()
}

/// MES with a completion.
pub fn mes(completion: Completion) -> OutcomeRule {
    OutcomeRule::Mes { completion }
}

/// A committed Pabulib fixture of the engine.
pub fn fixture(name: &str) -> Election {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-pb/tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    civis_pb::pabulib::parse(&text).unwrap()
}

/// Parses a Pabulib text.
pub fn parse(text: &str) -> Election {
    civis_pb::pabulib::parse(text).unwrap()
}

/// The proposals and ballots of a Pabulib election with integer project ids and
/// costs (all citywide): approval votes as approval ballots, cumulative votes as
/// points, ordinal votes as rankings.
pub fn from_pabulib(election: &Election) -> (Vec<Proposal>, Vec<Ballot>) {
    let proposals = election
        .projects
        .iter()
        .map(|p| {
            let cost = Amount::try_from(p.cost.units_at_scale(0).unwrap()).unwrap();
            proposal(p.id.parse().unwrap(), cost, None, None)
        })
        .collect();
    let id = |i: &u32| ProposalId(election.projects[*i as usize].id.parse().unwrap());
    let ballots = election
        .voters
        .iter()
        .enumerate()
        .map(|(n, v)| {
            let content = match (election.vote_type(), &v.points) {
                (civis_pb::VoteType::Cumulative, Some(points)) => BallotContent::Points(
                    v.vote
                        .iter()
                        .zip(points)
                        .map(|(i, p)| (id(i), u32::try_from(p.units_at_scale(0).unwrap()).unwrap()))
                        .collect(),
                ),
                (civis_pb::VoteType::Ordinal, _) => {
                    BallotContent::Ranking(v.vote.iter().map(id).collect())
                }
                _ => BallotContent::Approval(v.vote.iter().map(id).collect()),
            };
            ballot(n as i64 + 1, content)
        })
        .collect();
    (proposals, ballots)
}
