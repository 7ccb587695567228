//! Open data: a process's published results as Pabulib, CSV and JSON.
//!
//! Every export starts from a [`Published`] process: its settings, proposals,
//! counted ballots and published results. [`Published::new`] refuses a process
//! whose results are not published, so no export can show counts earlier.
//! Exports hold no personal data: projects (accepted, not hidden) with their
//! figures, and ballots under anonymous sequential numbers (see
//! [`anonymous_ballots`]), without voter, channel or time.

pub mod csv;
pub mod json;
pub mod pabulib;
pub mod published;
mod units;

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest as _, Sha256};

use crate::rules::Amount;
use crate::{Ballot, BallotContent, BallotFormat, Process, ProcessResults, Proposal, ProposalId};

use units::unit_of;

/// Why an export cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The process's results are not published (nothing is exported before).
    #[error("the results of this process are not published")]
    NotPublished,
    /// No budget unit has this name.
    #[error("no budget unit named {0:?}")]
    UnknownUnit(String),
}

/// A process with published results and what its exports read.
#[derive(Debug, Clone, Copy)]
pub struct Published<'a> {
    /// The process.
    pub process: &'a Process,
    /// Its proposals (all of them; exports keep the accepted, visible ones).
    pub proposals: &'a [Proposal],
    /// Its counted ballots (one per voter).
    pub ballots: &'a [Ballot],
    /// Its published results.
    pub results: &'a ProcessResults,
}

impl<'a> Published<'a> {
    /// Bundles the parts; fails with [`ExportError::NotPublished`] unless the
    /// process's results are published.
    pub fn new(
        process: &'a Process,
        proposals: &'a [Proposal],
        ballots: &'a [Ballot],
        results: &'a ProcessResults,
    ) -> Result<Self, ExportError> {
        if process.results_published_at.is_none() {
            return Err(ExportError::NotPublished);
        }
        Ok(Published {
            process,
            proposals,
            ballots,
            results,
        })
    }

    /// The projects on the ballot (accepted, not hidden), by id.
    pub fn projects(&self) -> Vec<&'a Proposal> {
        let mut v: Vec<&Proposal> = self.proposals.iter().filter(|p| p.on_ballot()).collect();
        v.sort_by_key(|p| p.id);
        v
    }

    /// The ids of every funded project, whatever its unit.
    pub fn selected(&self) -> BTreeSet<ProposalId> {
        self.results
            .units
            .iter()
            .flat_map(|u| u.selected.iter().copied())
            .collect()
    }

    /// The budget units that have projects, in the order of the results
    /// (units named only by the rules come after, sorted), each with its budget
    /// and projects (by id).
    pub fn units(&self) -> Vec<Unit<'a>> {
        let rules = &self.process.settings.rules;
        let mut by_unit: BTreeMap<String, Vec<&'a Proposal>> = BTreeMap::new();
        for p in self.projects() {
            by_unit.entry(unit_of(rules, p)).or_default().push(p);
        }
        let mut out = Vec::new();
        for u in &self.results.units {
            if let Some(projects) = by_unit.remove(&u.unit) {
                out.push(Unit {
                    name: u.unit.clone(),
                    budget: u.budget,
                    projects,
                });
            }
        }
        for (name, projects) in by_unit {
            let budget = units::budget_of(rules, &name);
            out.push(Unit {
                name,
                budget,
                projects,
            });
        }
        out
    }

    /// The unit named `name`.
    pub fn unit(&self, name: &str) -> Result<Unit<'a>, ExportError> {
        self.units()
            .into_iter()
            .find(|u| u.name == name)
            .ok_or_else(|| ExportError::UnknownUnit(name.to_string()))
    }
}

/// One budget unit: `citywide`, `district:<name>` or `category:<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'a> {
    /// Its name.
    pub name: String,
    /// Its budget.
    pub budget: Amount,
    /// Its projects, by id.
    pub projects: Vec<&'a Proposal>,
}

/// What one voter chose among some projects, without saying who.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnonymousBallot {
    /// Sequential number from 1, in an order that depends only on the ballots'
    /// contents (see [`anonymous_ballots`]).
    pub number: u64,
    /// The choices among the projects asked for, in canonical order (see
    /// [`anonymous_ballots`]).
    pub content: BallotContent,
}

/// The ballots' choices among `projects`, numbered anonymously.
///
/// Choices of other projects are dropped, and ballots left with no choice are
/// left out. Approvals are listed by id and points highest first (then by id),
/// so not even the order of a voter's clicks is kept. The ballots are ordered by the SHA-256 of their canonical content
/// (then by the content), and numbered 1, 2, …: the order is a function of the
/// published contents alone, so it says nothing about voters, user ids, the
/// time or channel of voting. Identical ballots end up next to each other.
pub fn anonymous_ballots(
    ballots: &[Ballot],
    projects: &BTreeSet<ProposalId>,
) -> Vec<AnonymousBallot> {
    let mut kept: Vec<(Vec<u8>, String, BallotContent)> = ballots
        .iter()
        .filter_map(|b| restrict(&b.content, projects))
        .map(|c| {
            let key = canonical(&c);
            let hash = Sha256::digest(key.as_bytes()).to_vec();
            (hash, key, c)
        })
        .collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    kept.into_iter()
        .enumerate()
        .map(|(i, (_, _, content))| AnonymousBallot {
            number: i as u64 + 1,
            content,
        })
        .collect()
}

/// The content restricted to `projects` in canonical order (approvals by id,
/// points highest first then by id, rankings as ranked; repeats and zero points
/// dropped), so equal choices give equal contents whatever the order they were
/// made in; `None` when nothing is left.
fn restrict(content: &BallotContent, projects: &BTreeSet<ProposalId>) -> Option<BallotContent> {
    // Ballots are short: a list beats a set here.
    let mut seen: Vec<ProposalId> = Vec::new();
    let mut keep = |id: &ProposalId| {
        let new = projects.contains(id) && !seen.contains(id);
        if new {
            seen.push(*id);
        }
        new
    };
    let c = match content {
        BallotContent::Approval(ids) => {
            let mut ids: Vec<ProposalId> = ids.iter().copied().filter(|id| keep(id)).collect();
            ids.sort();
            BallotContent::Approval(ids)
        }
        BallotContent::Ranking(ids) => {
            BallotContent::Ranking(ids.iter().copied().filter(|id| keep(id)).collect())
        }
        BallotContent::Points(points) => {
            let mut points: Vec<(ProposalId, u32)> = points
                .iter()
                .copied()
                .filter(|(id, n)| *n > 0 && keep(id))
                .collect();
            points.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            BallotContent::Points(points)
        }
    };
    let empty = match &c {
        BallotContent::Approval(v) | BallotContent::Ranking(v) => v.is_empty(),
        BallotContent::Points(v) => v.is_empty(),
    };
    (!empty).then_some(c)
}

/// A canonical text of a content: approvals sorted; rankings in order; points
/// by decreasing points, then id.
fn canonical(content: &BallotContent) -> String {
    match content {
        BallotContent::Approval(ids) => {
            let mut ids = ids.clone();
            ids.sort();
            format!("a:{}", join(ids.iter()))
        }
        BallotContent::Ranking(ids) => format!("r:{}", join(ids.iter())),
        BallotContent::Points(points) => {
            let mut points = points.clone();
            points.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let parts: Vec<String> = points.iter().map(|(id, n)| format!("{id}={n}")).collect();
            format!("p:{}", parts.join(","))
        }
    }
}

fn join<'i>(ids: impl Iterator<Item = &'i ProposalId>) -> String {
    ids.map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// One project's published figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectResult {
    /// The proposal id.
    pub id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its district, if any.
    pub district: Option<String>,
    /// Its category, if any.
    pub category: Option<String>,
    /// Its budget unit.
    pub unit: String,
    /// The official cost.
    pub cost: Amount,
    /// How many counted ballots chose it (approved, ranked, or gave it points).
    pub votes: u64,
    /// Total points it received (cumulative ballots only).
    pub points: Option<u64>,
    /// Whether it is funded.
    pub selected: bool,
}

/// Every project on the ballot with its figures, by unit (in [`Published::units`]
/// order), then by id.
pub fn project_results(published: &Published<'_>) -> Vec<ProjectResult> {
    let selected = published.selected();
    let cumulative = matches!(
        published.process.settings.rules.ballot,
        BallotFormat::Cumulative { .. }
    );
    let mut votes: BTreeMap<ProposalId, (u64, u64)> = BTreeMap::new();
    for b in published.ballots {
        let mut seen = BTreeSet::new();
        match &b.content {
            BallotContent::Approval(ids) | BallotContent::Ranking(ids) => {
                for id in ids {
                    if seen.insert(*id) {
                        votes.entry(*id).or_default().0 += 1;
                    }
                }
            }
            BallotContent::Points(points) => {
                for (id, n) in points {
                    if *n > 0 && seen.insert(*id) {
                        let e = votes.entry(*id).or_default();
                        e.0 += 1;
                        e.1 += u64::from(*n);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for unit in published.units() {
        for p in unit.projects {
            let (v, pts) = votes.get(&p.id).copied().unwrap_or_default();
            out.push(ProjectResult {
                id: p.id,
                title: p.draft.title.clone(),
                district: p.draft.district.clone(),
                category: p.draft.category.clone(),
                unit: unit.name.clone(),
                cost: p.cost(),
                votes: v,
                points: cumulative.then_some(pts),
                selected: selected.contains(&p.id),
            });
        }
    }
    out
}
