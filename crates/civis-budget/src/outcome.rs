//! Computing a process's outcome with its frozen rule through the `civis-pb` engine.
//!
//! Each budget unit (see [`crate::units`]) is one engine election: its projects
//! (ids are the proposal ids as decimal strings, in id order) with their costs, its
//! budget, and one voter per ballot that lists at least one of its projects (a
//! ballot counts in each unit for the projects of that unit it chose; a ballot
//! choosing nothing there is not a voter there). Approval and knapsack ballots are
//! approval votes, cumulative ballots cumulative votes with their points, ranked
//! ballots ordinal votes in their order.
//!
//! The rule, always with cost satisfaction and the process's tie-breaking:
//! - greedy: approval votes by the engine's utilitarian greedy (projects by
//!   decreasing number of votes, each funded if it still fits); cumulative and
//!   ranked votes by the engine's greedy on counted scores (points; for rankings
//!   Borda positions: a ballot ranking `n` projects of the unit gives `n, n-1, …, 1`),
//!   ties by the tie-breaking;
//! - the Method of Equal Shares with completion `none`, `add1` or `add1u`, where
//!   (as in the engine) every ballot approves the projects it lists.
//!
//! All arithmetic is exact (the engine's).

use std::collections::HashSet;

use civis_domain::Timestamp;
use civis_pb::official::greedy::{self as official_greedy, GreedyRun, GreedyVariant};
use civis_pb::official::scores::ProjectScores;
use civis_pb::rules::completion_equalshares::mes_add1u;
use civis_pb::rules::{
    self as engine, MesBudget, MesParams, Outcome, Profile, Satisfaction, Selection,
};
use civis_pb::{Decimal, Election, Fields, Project, VoteType, Voter};
use serde::{Deserialize, Serialize};

use crate::results::{ProjectTally, UnitOutcome};
use crate::rules::Amount;
use crate::units::{budget_units, BudgetUnit};
use crate::{
    Ballot, BallotContent, BallotFormat, Completion, OutcomeRule, Process, ProcessResults,
    ProcessRules, Proposal, ProposalId, TieBreak,
};

/// Why an outcome could not be computed (the engine refused the election; with
/// amounts in whole currency units this does not happen in practice).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("the outcome of {unit} could not be computed: {reason}")]
pub struct OutcomeError {
    /// The budget unit.
    pub unit: String,
    /// The engine's reason.
    pub reason: String,
}

/// The engine's tie-breaking for a process's.
pub fn engine_tie_break(tie: TieBreak) -> engine::TieBreak {
    match tie {
        TieBreak::Lexico => engine::TieBreak::Lexico,
        TieBreak::CostVotes => engine::TieBreak::CostVotes,
        TieBreak::File => engine::TieBreak::File,
    }
}

/// The Pabulib vote type of a ballot format.
pub fn vote_type(format: &BallotFormat) -> VoteType {
    match format {
        BallotFormat::Approval { .. } | BallotFormat::Knapsack { .. } => VoteType::Approval,
        BallotFormat::Cumulative { .. } => VoteType::Cumulative,
        BallotFormat::Ranked { .. } => VoteType::Ordinal,
    }
}

/// A ballot's entries: each listed project once (first occurrence) with its
/// points (1 for approval and ranking ballots; projects given 0 points left out).
fn entries(content: &BallotContent) -> Vec<(ProposalId, u32)> {
    let listed: Vec<(ProposalId, u32)> = match content {
        BallotContent::Approval(ids) | BallotContent::Ranking(ids) => {
            ids.iter().map(|&id| (id, 1)).collect()
        }
        BallotContent::Points(points) => points.iter().copied().filter(|(_, n)| *n > 0).collect(),
    };
    let mut seen = HashSet::new();
    listed
        .into_iter()
        .filter(|(id, _)| seen.insert(*id))
        .collect()
}

/// The engine election of one budget unit (see the module documentation). Voter
/// ids are `1`, `2`, … in the order of `ballots`; projects are in the order of
/// `unit.projects`, with the cost of the matching proposal.
pub fn unit_election(
    rules: &ProcessRules,
    unit: &BudgetUnit,
    proposals: &[Proposal],
    ballots: &[Ballot],
) -> Election {
    let vote_type = vote_type(&rules.ballot);
    let projects: Vec<Project> = unit
        .projects
        .iter()
        .map(|id| Project {
            id: id.to_string(),
            cost: Decimal::from_int(i128::from(
                proposals
                    .iter()
                    .find(|p| p.id == *id)
                    .map(Proposal::cost)
                    .unwrap_or(0),
            )),
            fields: Fields::default(),
        })
        .collect();
    let mut voters = Vec::new();
    for ballot in ballots {
        let mut vote = Vec::new();
        let mut points = Vec::new();
        for (id, n) in entries(&ballot.content) {
            if let Some(i) = unit.projects.iter().position(|p| *p == id) {
                vote.push(u32::try_from(i).unwrap_or(u32::MAX));
                points.push(Decimal::from_int(i128::from(n)));
            }
        }
        if vote.is_empty() {
            continue;
        }
        voters.push(Voter {
            id: (voters.len() + 1).to_string(),
            vote,
            points: (vote_type == VoteType::Cumulative).then_some(points),
            fields: Fields::default(),
        });
    }
    let mut meta = vec![
        (
            "description".to_string(),
            format!("budget unit {}", unit.key),
        ),
        ("num_projects".to_string(), projects.len().to_string()),
        ("num_votes".to_string(), voters.len().to_string()),
        ("budget".to_string(), unit.budget.to_string()),
        ("vote_type".to_string(), vote_type.as_str().to_string()),
    ];
    if let BallotFormat::Cumulative { points, .. } = rules.ballot {
        meta.push(("max_sum_points".to_string(), points.to_string()));
    }
    Election {
        meta,
        project_columns: Vec::new(),
        voter_columns: Vec::new(),
        projects,
        voters,
    }
}

/// The engine's greedy on counted scores (points, or Borda positions for ordinal
/// votes), ties by `tie`: projects are handed to it in tie order, which it keeps
/// among equal scores. Returns the run (indices in tie order) and the tie order
/// (`by_tie[i]` is the election index of the `i`-th project).
pub fn score_greedy(election: &Election, tie: TieBreak) -> Result<(GreedyRun, Vec<usize>), String> {
    let profile = Profile::from_election(election).map_err(|e| e.to_string())?;
    let order = engine_tie_break(tie).order(&profile);
    let budget = election.budget().ok_or("the election has no budget")?;
    let scores = ProjectScores::of(election).map_err(|e| e.to_string())?;
    let mut by_tie: Vec<usize> = (0..election.projects.len()).collect();
    by_tie.sort_by_key(|&p| order.rank(p));
    let in_tie_order = Election {
        projects: by_tie
            .iter()
            .map(|&p| election.projects[p].clone())
            .collect(),
        ..Election::default()
    };
    let scores = ProjectScores {
        source: scores.source,
        values: by_tie.iter().map(|&p| scores.values[p]).collect(),
    };
    let run = official_greedy::run(
        &in_tie_order,
        &scores,
        budget,
        Decimal::from_int(0),
        &GreedyVariant::Skip,
    );
    Ok((run, by_tie))
}

/// Whether `rules` with votes of this type use [`score_greedy`].
pub fn uses_score_greedy(rules: &ProcessRules, vote_type: VoteType) -> bool {
    rules.rule == OutcomeRule::Greedy && vote_type != VoteType::Approval
}

/// Runs the process's rule on one unit's election (see the module documentation).
pub fn run_rule(rules: &ProcessRules, election: &Election) -> Result<Outcome, String> {
    let profile = Profile::from_election(election).map_err(|e| e.to_string())?;
    let order = engine_tie_break(rules.tie_break).order(&profile);
    let cost = Satisfaction::Cost;
    Ok(match rules.rule {
        OutcomeRule::Greedy if uses_score_greedy(rules, election.vote_type()) => {
            let (run, by_tie) = score_greedy(election, rules.tie_break)?;
            Outcome {
                selections: run
                    .funded()
                    .into_iter()
                    .enumerate()
                    .map(|(i, q)| Selection {
                        project: by_tie[q],
                        phase: engine::Phase::Greedy,
                        round: i + 1,
                        price: None,
                    })
                    .collect(),
                ..Outcome::default()
            }
        }
        OutcomeRule::Greedy => engine::greedy(&profile, cost, &order),
        OutcomeRule::Mes {
            completion: Completion::None,
        } => engine::mes(
            &profile,
            &MesParams {
                sat: cost,
                budget: MesBudget::Equal,
            },
            &order,
        ),
        OutcomeRule::Mes {
            completion: Completion::Add1,
        } => engine::mes_add1_greedy(&profile, cost, &order),
        OutcomeRule::Mes {
            completion: Completion::Add1u,
        } => mes_add1u(&profile, &order),
    })
}

/// The proposals and ballots of `process` (others are ignored).
pub(crate) fn of_process<'a>(
    process: &Process,
    proposals: &'a [Proposal],
    ballots: &'a [Ballot],
) -> (Vec<Proposal>, Vec<Ballot>) {
    (
        proposals
            .iter()
            .filter(|p| p.process == process.id)
            .cloned()
            .collect(),
        ballots
            .iter()
            .filter(|b| b.process == process.id)
            .cloned()
            .collect(),
    )
}

/// Per-project figures of a unit: ballots listing each project and, for
/// cumulative and ranked ballots, its points or Borda score.
fn tallies(
    rules: &ProcessRules,
    unit: &BudgetUnit,
    election: &Election,
    outcome: &Outcome,
) -> Vec<ProjectTally> {
    let scores = match rules.ballot {
        BallotFormat::Cumulative { .. } | BallotFormat::Ranked { .. } => {
            ProjectScores::of(election).ok()
        }
        _ => None,
    };
    unit.projects
        .iter()
        .enumerate()
        .map(|(i, id)| ProjectTally {
            project: *id,
            cost: election.projects[i]
                .cost
                .units_at_scale(0)
                .and_then(|c| Amount::try_from(c).ok())
                .unwrap_or(0),
            votes: election
                .voters
                .iter()
                .filter(|v| v.vote.contains(&u32::try_from(i).unwrap_or(u32::MAX)))
                .count() as u64,
            score: scores.as_ref().and_then(|s| {
                s.values
                    .get(i)
                    .and_then(|d| d.units_at_scale(0))
                    .and_then(|u| u64::try_from(u).ok())
            }),
            selected: outcome.contains(i),
        })
        .collect()
}

/// Computes the outcome of every budget unit of `process` with its rules, from the
/// projects on the ballot among `proposals` and the counted `ballots` (one per
/// voter, as the store keeps them); proposals and ballots of other processes are
/// ignored. `now` is recorded as the computation time.
pub fn compute_results(
    process: &Process,
    proposals: &[Proposal],
    ballots: &[Ballot],
    now: Timestamp,
) -> Result<ProcessResults, OutcomeError> {
    let rules = &process.settings.rules;
    let (proposals, ballots) = of_process(process, proposals, ballots);
    let mut units = Vec::new();
    for unit in budget_units(&rules.budgets, &proposals) {
        let election = unit_election(rules, &unit, &proposals, &ballots);
        let outcome = run_rule(rules, &election).map_err(|reason| OutcomeError {
            unit: unit.key.to_string(),
            reason,
        })?;
        let selected: Vec<ProposalId> = outcome
            .projects()
            .into_iter()
            .filter_map(|i| unit.projects.get(i).copied())
            .collect();
        let projects = tallies(rules, &unit, &election, &outcome);
        let cost = projects
            .iter()
            .filter(|t| t.selected)
            .map(|t| t.cost)
            .fold(0, Amount::saturating_add);
        units.push(UnitOutcome {
            unit: unit.key.to_string(),
            budget: unit.budget,
            selected,
            cost,
            voters: election.voters.len() as u64,
            projects,
        });
    }
    Ok(ProcessResults {
        computed_at: now,
        rules_digest: rules.digest(),
        ballots: ballots.len() as u64,
        units,
        explanations: Vec::new(),
    })
}
