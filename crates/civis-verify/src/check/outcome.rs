//! Re-runs the frozen outcome rule (`civis-budget`'s `compute_results`) on the
//! decrypted, valid counted ballots and compares with `outcome.json`.

use std::collections::BTreeMap;

use civis_budget::proposal::ProposalDraft;
use civis_budget::{
    compute_results, Ballot, BallotChannel, BallotContent, Localized, Process, ProcessResults,
    ProcessSettings, Proposal, Review, Schedule,
};
use civis_domain::{Timestamp, UserId};

use crate::check::rules::Frozen;
use crate::record::{PublishedOutcome, PublishedProject, OUTCOME};
use crate::report::CheckResult;

/// A counted ballot that decrypted and is valid under the frozen rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBallot {
    /// Its log entry index.
    pub entry: usize,
    /// What it says.
    pub content: BallotContent,
    /// Whether it is a paper ballot.
    pub paper: bool,
}

/// The process as `compute_results` takes it: only its id and rules matter.
pub fn process_of(frozen: &Frozen) -> Process {
    let at = Timestamp::EPOCH;
    Process {
        id: frozen.manifest.process,
        settings: ProcessSettings {
            title: Localized(BTreeMap::from([(
                "en".to_string(),
                frozen.manifest.title.clone(),
            )])),
            description: Localized::default(),
            schedule: Schedule {
                proposals_open: at,
                support_open: at,
                review_open: at,
                voting_open: at,
                voting_close: at,
                implementation_open: at,
            },
            rules: frozen.rules.clone(),
        },
        created_by: None,
        created_at: at,
        updated_at: at,
        results_published_at: None,
    }
}

/// The projects on the ballot as proposals accepted at their published cost.
pub fn proposals_of(frozen: &Frozen) -> Vec<Proposal> {
    frozen
        .projects
        .iter()
        .map(|p: &PublishedProject| Proposal {
            id: p.id,
            process: frozen.manifest.process,
            author: UserId(0),
            draft: ProposalDraft {
                title: p.title.clone(),
                description: String::new(),
                estimated_cost: p.cost,
                district: p.district.clone(),
                category: p.category.clone(),
                location: None,
            },
            review: Review::Accepted {
                official_cost: p.cost,
            },
            hidden: None,
            supports: 0,
            created_at: Timestamp::EPOCH,
            updated_at: Timestamp::EPOCH,
        })
        .collect()
}

/// Computes the outcome of `ballots` under the frozen rules, recorded as
/// computed at `computed_at`.
pub fn rerun(
    frozen: &Frozen,
    ballots: &[ValidBallot],
    computed_at: Timestamp,
) -> Result<ProcessResults, String> {
    let process = process_of(frozen);
    let ballots: Vec<Ballot> = ballots
        .iter()
        .enumerate()
        .map(|(n, b)| Ballot {
            process: process.id,
            voter: UserId(i64::try_from(n).unwrap_or(i64::MAX)),
            content: b.content.clone(),
            channel: if b.paper {
                BallotChannel::Paper {
                    official: UserId(0),
                }
            } else {
                BallotChannel::Online
            },
            cast_at: Timestamp::EPOCH,
            revision: 1,
        })
        .collect();
    compute_results(&process, &proposals_of(frozen), &ballots, computed_at)
        .map_err(|e| format!("the frozen rule fails on unit {}: {}", e.unit, e.reason))
}

/// Compares the re-run with the published outcome.
pub fn check_outcome(
    frozen: &Frozen,
    published: &PublishedOutcome,
    ballots: &[ValidBallot],
    spoiled: &[u64],
) -> CheckResult {
    let mut check = CheckResult::new("outcome");
    if published.spoiled != spoiled {
        check.fail(format!(
            "{OUTCOME}: spoiled lists entries {}, the verifier finds {}",
            short_list(&published.spoiled),
            short_list(spoiled)
        ));
    }
    let ours = match rerun(frozen, ballots, published.results.computed_at) {
        Ok(r) => r,
        Err(e) => {
            check.fail(e);
            return check;
        }
    };
    diff_results(&published.results, &ours, &mut check);
    let funded: usize = ours.units.iter().map(|u| u.selected.len()).sum();
    let verdict = if check.holds() {
        format!("funds the same {funded} projects as {OUTCOME}, with the same figures")
    } else {
        format!("funds {funded} projects; {OUTCOME} differs")
    };
    check.summary = format!(
        "{} re-run on {} valid ballots in {} budget unit(s) {verdict}",
        serde_json::to_string(&frozen.rules.rule).unwrap_or_default(),
        ballots.len(),
        ours.units.len()
    );
    check
}

fn diff_results(published: &ProcessResults, ours: &ProcessResults, check: &mut CheckResult) {
    if published.rules_digest != ours.rules_digest {
        check.fail(format!(
            "{OUTCOME}: results.rules_digest is {}, the frozen rules' digest is {}",
            published.rules_digest, ours.rules_digest
        ));
    }
    if published.ballots != ours.ballots {
        check.fail(format!(
            "{OUTCOME}: results.ballots is {}, the re-run counts {} valid ballots",
            published.ballots, ours.ballots
        ));
    }
    if published.units.len() != ours.units.len() {
        check.fail(format!(
            "{OUTCOME}: {} budget units published, the re-run has {}",
            published.units.len(),
            ours.units.len()
        ));
    }
    for (p, o) in published.units.iter().zip(&ours.units) {
        let unit = &o.unit;
        if p.unit != o.unit || p.budget != o.budget {
            check.fail(format!(
                "{OUTCOME}: unit {:?} with budget {} published where the re-run has {unit:?} with budget {}",
                p.unit, p.budget, o.budget
            ));
        }
        if p.selected != o.selected {
            check.fail(format!(
                "{OUTCOME}: unit {unit}: funded projects {:?} published, the re-run funds {:?}",
                ids(&p.selected),
                ids(&o.selected)
            ));
        }
        if p.cost != o.cost || p.voters != o.voters {
            check.fail(format!(
                "{OUTCOME}: unit {unit}: cost {} and {} voters published, the re-run has {} and {}",
                p.cost, p.voters, o.cost, o.voters
            ));
        }
        if p.projects != o.projects {
            let differing: Vec<String> = o
                .projects
                .iter()
                .filter(|t| !p.projects.contains(t))
                .map(|t| t.project.to_string())
                .collect();
            check.fail(format!(
                "{OUTCOME}: unit {unit}: project figures differ from the re-run (projects {})",
                if differing.is_empty() {
                    "listed differently".to_string()
                } else {
                    differing.join(", ")
                }
            ));
        }
    }
    if !published.explanations.is_empty() && published.explanations != ours.explanations {
        check.fail(format!(
            "{OUTCOME}: results.explanations is not part of the format and must be empty"
        ));
    }
}

/// `[a, b, c]`, or its first ten and how many more.
fn short_list(list: &[u64]) -> String {
    let shown: Vec<String> = list.iter().take(10).map(u64::to_string).collect();
    if list.len() > 10 {
        format!("[{}, ... {} more]", shown.join(", "), list.len() - 10)
    } else {
        format!("[{}]", shown.join(", "))
    }
}

fn ids(list: &[civis_budget::ProposalId]) -> Vec<i64> {
    list.iter().map(|p| p.0).collect()
}
