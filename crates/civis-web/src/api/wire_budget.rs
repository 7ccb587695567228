//! JSON wire types of the participatory budgeting API, separate from the `civis_budget`
//! domain types, and the parsing of requests into domain values with an error per field
//! (`422` problem+json naming the field).

use std::collections::BTreeMap;

use civis_budget::participation::{Figure, GroupFigures, Participation};
use civis_budget::{
    Ballot, BallotChannel, BallotContent, BallotFormat, Budgets, Completion, Eligibility,
    ImplementationStatus, ImplementationUpdate, Localized, OutcomeRule, Process, ProcessResults,
    ProcessRules, ProcessSettings, Proposal, ProposalDraft, ProposalId, ResidentProfile, Review,
    Schedule, TieBreak, UnitKey,
};
use civis_domain::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::wire::{parse_rfc3339, Fields};
use crate::budget::ProcessOverview;
use crate::error::{AppError, FieldError};
use crate::i18n::Lang;

// ---- processes -------------------------------------------------------------------

/// When each phase begins (RFC 3339 UTC instants); each phase ends when the next begins.
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ScheduleWire {
    /// Proposal submission opens.
    pub proposals_open: String,
    /// Proposal submission closes; support collection opens.
    pub support_open: String,
    /// Support closes; feasibility review begins.
    pub review_open: String,
    /// Voting opens; the rules freeze.
    pub voting_open: String,
    /// Voting closes: no ballot is accepted from this instant.
    pub voting_close: String,
    /// Implementation reporting begins (after results are published).
    pub implementation_open: String,
}

/// The money to distribute, in whole currency units.
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct BudgetsWire {
    /// The citywide budget.
    pub total: i64,
    /// Budgets of districts, by district name: their projects compete only there.
    #[serde(default)]
    pub districts: BTreeMap<String, i64>,
    /// Budgets of categories, by category name (for projects whose district has none).
    #[serde(default)]
    pub categories: BTreeMap<String, i64>,
}

/// Who may take part.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct EligibilityWire {
    /// Only residents of this district; absent: every resident.
    #[serde(default)]
    pub district: Option<String>,
    /// Minimum age in whole years on the day voting opens; absent: none.
    #[serde(default)]
    pub min_age: Option<i64>,
}

/// The ballot format: `approval` (`min`, `max`), `knapsack` (optional `limit`),
/// `cumulative` (`points`, optional `max_per_project`) or `ranked` (`k`).
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct BallotFormatWire {
    /// `approval`, `knapsack`, `cumulative` or `ranked`.
    #[serde(rename = "type")]
    pub format: String,
    /// Approval: fewest projects a ballot approves (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Approval: most projects a ballot approves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Knapsack: spending limit of one ballot; absent: each unit's budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Cumulative: points each voter distributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<i64>,
    /// Cumulative: most points for one project; absent: no limit below `points`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_project: Option<i64>,
    /// Ranked: longest ranking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k: Option<i64>,
}

/// The outcome rule: `greedy`, or `mes` with a `completion` (`none`, `add1`, `add1u`).
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct OutcomeRuleWire {
    /// `greedy` or `mes`.
    #[serde(rename = "rule")]
    pub name: String,
    /// For `mes`: `none`, `add1` or `add1u` (default `add1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<String>,
}

/// A process's settings: what officials create and edit (until voting opens), and what
/// `GET` shows.
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProcessSettingsWire {
    /// The title in every supported language (`en`, `es`, `et`).
    pub title: BTreeMap<String, String>,
    /// The description in every supported language.
    pub description: BTreeMap<String, String>,
    /// When each phase begins.
    pub schedule: ScheduleWire,
    /// Budgets, eligibility, ballot format and outcome rule: frozen once voting opens.
    pub rules: RulesWire,
}

/// The rules of a process (their digest is shown once they are frozen).
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct RulesWire {
    /// The money to distribute.
    pub budgets: BudgetsWire,
    /// Who may take part.
    #[serde(default)]
    pub eligibility: EligibilityWire,
    /// The ballot format.
    pub ballot: BallotFormatWire,
    /// The outcome rule.
    pub rule: OutcomeRuleWire,
    /// Tie-breaking: `lexico` (default), `cost_votes` or `file`.
    #[serde(default)]
    pub tie_break: Option<String>,
    /// Secret ballots (default `false`): residents vote under an anonymous
    /// credential with sealed ballots appended to the process's ballot log
    /// (see `/api/v1/processes/{id}/secret-ballot`). Frozen when voting opens.
    #[serde(default)]
    pub secret_ballots: bool,
}

fn amount(fields: &mut Fields, field: &str, value: i64) -> u64 {
    fields
        .take(
            field,
            u64::try_from(value).map_err(|_| "Must not be negative.".to_owned()),
        )
        .unwrap_or(0)
}

fn count(fields: &mut Fields, field: &str, value: Option<i64>, required: bool) -> Option<u32> {
    match value {
        None if required => {
            fields.take::<u32, _>(field, Err("Required for this ballot format."));
            None
        }
        None => None,
        Some(v) => fields.take(
            field,
            u32::try_from(v).map_err(|_| "Must be a whole number from 0 to 4294967295.".to_owned()),
        ),
    }
}

fn instant(fields: &mut Fields, field: &str, text: &str) -> Timestamp {
    fields
        .take(field, parse_rfc3339(text))
        .unwrap_or(Timestamp::EPOCH)
}

impl ProcessSettingsWire {
    /// Parses into domain settings; every malformed field is reported (the checks of
    /// meaning, such as phase order, are `crate::budget::settings::problems`).
    pub fn parse(&self) -> Result<ProcessSettings, AppError> {
        let mut f = Fields::default();
        let s = &self.schedule;
        let schedule = Schedule {
            proposals_open: instant(&mut f, "schedule.proposals_open", &s.proposals_open),
            support_open: instant(&mut f, "schedule.support_open", &s.support_open),
            review_open: instant(&mut f, "schedule.review_open", &s.review_open),
            voting_open: instant(&mut f, "schedule.voting_open", &s.voting_open),
            voting_close: instant(&mut f, "schedule.voting_close", &s.voting_close),
            implementation_open: instant(
                &mut f,
                "schedule.implementation_open",
                &s.implementation_open,
            ),
        };
        let mut budgets = Budgets {
            total: amount(&mut f, "rules.budgets.total", self.rules.budgets.total),
            ..Budgets::default()
        };
        for (name, v) in &self.rules.budgets.districts {
            let a = amount(&mut f, &format!("rules.budgets.districts.{name}"), *v);
            budgets.districts.insert(name.clone(), a);
        }
        for (name, v) in &self.rules.budgets.categories {
            let a = amount(&mut f, &format!("rules.budgets.categories.{name}"), *v);
            budgets.categories.insert(name.clone(), a);
        }
        let eligibility = Eligibility {
            district: self
                .rules
                .eligibility
                .district
                .as_ref()
                .map(|d| d.trim().to_owned()),
            min_age: count(
                &mut f,
                "rules.eligibility.min_age",
                self.rules.eligibility.min_age,
                false,
            ),
        };
        let b = &self.rules.ballot;
        let ballot = match b.format.as_str() {
            "approval" => BallotFormat::Approval {
                min: count(&mut f, "rules.ballot.min", b.min, false).unwrap_or(0),
                max: count(&mut f, "rules.ballot.max", b.max, true).unwrap_or(0),
            },
            "knapsack" => BallotFormat::Knapsack {
                limit: b.limit.map(|l| amount(&mut f, "rules.ballot.limit", l)),
            },
            "cumulative" => BallotFormat::Cumulative {
                points: count(&mut f, "rules.ballot.points", b.points, true).unwrap_or(0),
                max_per_project: count(
                    &mut f,
                    "rules.ballot.max_per_project",
                    b.max_per_project,
                    false,
                ),
            },
            "ranked" => BallotFormat::Ranked {
                k: count(&mut f, "rules.ballot.k", b.k, true).unwrap_or(0),
            },
            other => {
                f.take::<(), _>(
                    "rules.ballot.type",
                    Err(format!(
                        "Choose approval, knapsack, cumulative or ranked (got {other:?})."
                    )),
                );
                BallotFormat::Approval { min: 0, max: 1 }
            }
        };
        let rule = match self.rules.rule.name.as_str() {
            "greedy" => OutcomeRule::Greedy,
            "mes" => {
                let completion = match self.rules.rule.completion.as_deref().unwrap_or("add1") {
                    "none" => Completion::None,
                    "add1" => Completion::Add1,
                    "add1u" => Completion::Add1u,
                    other => {
                        f.take::<(), _>(
                            "rules.rule.completion",
                            Err(format!("Choose none, add1 or add1u (got {other:?}).")),
                        );
                        Completion::None
                    }
                };
                OutcomeRule::Mes { completion }
            }
            other => {
                f.take::<(), _>(
                    "rules.rule.rule",
                    Err(format!("Choose greedy or mes (got {other:?}).")),
                );
                OutcomeRule::Greedy
            }
        };
        let tie_break = match self.rules.tie_break.as_deref().unwrap_or("lexico") {
            "lexico" => TieBreak::Lexico,
            "cost_votes" => TieBreak::CostVotes,
            "file" => TieBreak::File,
            other => {
                f.take::<(), _>(
                    "rules.tie_break",
                    Err(format!(
                        "Choose lexico, cost_votes or file (got {other:?})."
                    )),
                );
                TieBreak::Lexico
            }
        };
        let shape = f.finish();
        let trimmed = |m: &BTreeMap<String, String>| {
            Localized(
                m.iter()
                    .map(|(k, v)| (k.clone(), v.trim().to_owned()))
                    .collect(),
            )
        };
        let settings = ProcessSettings {
            title: trimmed(&self.title),
            description: trimmed(&self.description),
            schedule,
            rules: ProcessRules {
                budgets,
                eligibility,
                ballot,
                rule,
                tie_break,
                secret_ballots: self.rules.secret_ballots,
            },
        };
        match shape {
            Ok(()) => Ok(settings),
            Err(AppError::Validation(mut errors)) => {
                // Report the texts' problems too, so one answer names every field.
                errors.extend(
                    crate::budget::settings::problems(&settings)
                        .into_iter()
                        .filter(|e| {
                            e.field.starts_with("title.") || e.field.starts_with("description.")
                        }),
                );
                Err(AppError::Validation(errors))
            }
            Err(e) => Err(e),
        }
    }
}

fn signed(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl From<&ProcessSettings> for ProcessSettingsWire {
    fn from(s: &ProcessSettings) -> Self {
        let sc = &s.schedule;
        let r = &s.rules;
        let ballot = match r.ballot {
            BallotFormat::Approval { min, max } => BallotFormatWire {
                format: "approval".to_owned(),
                min: Some(min.into()),
                max: Some(max.into()),
                ..BallotFormatWire::default()
            },
            BallotFormat::Knapsack { limit } => BallotFormatWire {
                format: "knapsack".to_owned(),
                limit: limit.map(signed),
                ..BallotFormatWire::default()
            },
            BallotFormat::Cumulative {
                points,
                max_per_project,
            } => BallotFormatWire {
                format: "cumulative".to_owned(),
                points: Some(points.into()),
                max_per_project: max_per_project.map(Into::into),
                ..BallotFormatWire::default()
            },
            BallotFormat::Ranked { k } => BallotFormatWire {
                format: "ranked".to_owned(),
                k: Some(k.into()),
                ..BallotFormatWire::default()
            },
        };
        let rule = match r.rule {
            OutcomeRule::Greedy => OutcomeRuleWire {
                name: "greedy".to_owned(),
                completion: None,
            },
            OutcomeRule::Mes { completion } => OutcomeRuleWire {
                name: "mes".to_owned(),
                completion: Some(
                    match completion {
                        Completion::None => "none",
                        Completion::Add1 => "add1",
                        Completion::Add1u => "add1u",
                    }
                    .to_owned(),
                ),
            },
        };
        Self {
            title: s.title.0.clone(),
            description: s.description.0.clone(),
            schedule: ScheduleWire {
                proposals_open: sc.proposals_open.to_string(),
                support_open: sc.support_open.to_string(),
                review_open: sc.review_open.to_string(),
                voting_open: sc.voting_open.to_string(),
                voting_close: sc.voting_close.to_string(),
                implementation_open: sc.implementation_open.to_string(),
            },
            rules: RulesWire {
                budgets: BudgetsWire {
                    total: signed(r.budgets.total),
                    districts: r
                        .budgets
                        .districts
                        .iter()
                        .map(|(k, v)| (k.clone(), signed(*v)))
                        .collect(),
                    categories: r
                        .budgets
                        .categories
                        .iter()
                        .map(|(k, v)| (k.clone(), signed(*v)))
                        .collect(),
                },
                eligibility: EligibilityWire {
                    district: r.eligibility.district.clone(),
                    min_age: r.eligibility.min_age.map(Into::into),
                },
                ballot,
                rule,
                tie_break: Some(
                    match r.tie_break {
                        TieBreak::Lexico => "lexico",
                        TieBreak::CostVotes => "cost_votes",
                        TieBreak::File => "file",
                    }
                    .to_owned(),
                ),
                secret_ballots: r.secret_ballots,
            },
        }
    }
}

/// A process in the list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProcessSummary {
    /// Process id.
    pub id: i64,
    /// Title in the request's language.
    pub title: String,
    /// `upcoming`, `proposals`, `support`, `review`, `voting`, `counting`, `results` or
    /// `implementation`.
    pub phase: String,
    /// When voting opens (RFC 3339).
    pub voting_open: String,
    /// When voting closes (RFC 3339).
    pub voting_close: String,
}

impl ProcessSummary {
    /// The summary of `p` in phase `phase`, titled in `lang`.
    pub fn new(p: &Process, phase: civis_budget::Phase, lang: Lang) -> Self {
        Self {
            id: p.id.0,
            title: p.settings.title.get(lang.code()).to_owned(),
            phase: phase.as_str().to_owned(),
            voting_open: p.settings.schedule.voting_open.to_string(),
            voting_close: p.settings.schedule.voting_close.to_string(),
        }
    }
}

/// A process with its settings, phase, rules digest and ballot count.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProcessView {
    /// Process id.
    pub id: i64,
    /// Title in the request's language.
    pub title: String,
    /// Description in the request's language.
    pub description: String,
    /// The current phase.
    pub phase: String,
    /// Whether the rules are frozen (voting has opened): settings can no longer change.
    pub rules_frozen: bool,
    /// SHA-256 of the rules' canonical JSON: anyone can check they did not change.
    pub rules_digest: String,
    /// How many residents have a ballot (the only ballot figure shown before results).
    pub ballot_count: u64,
    /// When the results were published (RFC 3339), if they are.
    pub results_published_at: Option<String>,
    /// When the process was created.
    pub created_at: String,
    /// When its settings last changed.
    pub updated_at: String,
    /// Every setting, in every language.
    pub settings: ProcessSettingsWire,
}

impl ProcessView {
    /// The view of a process just created or changed (no ballots can exist yet).
    pub fn of_process(p: &Process, now: Timestamp, lang: Lang) -> Self {
        Self::new(
            &ProcessOverview {
                phase: p.phase_at(now),
                rules_frozen: !p.editable_at(now),
                rules_digest: p.settings.rules.digest(),
                ballots: 0,
                process: p.clone(),
            },
            lang,
        )
    }

    /// The view of an overview, in `lang`.
    pub fn new(o: &ProcessOverview, lang: Lang) -> Self {
        let p = &o.process;
        Self {
            id: p.id.0,
            title: p.settings.title.get(lang.code()).to_owned(),
            description: p.settings.description.get(lang.code()).to_owned(),
            phase: o.phase.as_str().to_owned(),
            rules_frozen: o.rules_frozen,
            rules_digest: o.rules_digest.clone(),
            ballot_count: o.ballots,
            results_published_at: p.results_published_at.map(|t| t.to_string()),
            created_at: p.created_at.to_string(),
            updated_at: p.updated_at.to_string(),
            settings: ProcessSettingsWire::from(&p.settings),
        }
    }
}

// ---- proposals -------------------------------------------------------------------

/// A resident's proposal, to submit or edit.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProposalRequest {
    /// Short title (at most 200 characters).
    pub title: String,
    /// What, where and why.
    pub description: String,
    /// The author's cost estimate, in whole currency units (more than 0).
    pub estimated_cost: i64,
    /// District it is in.
    #[serde(default)]
    pub district: Option<String>,
    /// Category, e.g. `green`.
    #[serde(default)]
    pub category: Option<String>,
    /// An address or `lat,lon`.
    #[serde(default)]
    pub location: Option<String>,
}

impl ProposalRequest {
    /// Parses into a domain draft (blank optional texts become absent); the checks of
    /// lengths and cost are `crate::budget::proposals::draft_problems`.
    pub fn parse(&self) -> Result<ProposalDraft, AppError> {
        let mut f = Fields::default();
        let cost = amount(&mut f, "estimated_cost", self.estimated_cost);
        f.finish()?;
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Ok(ProposalDraft {
            title: self.title.trim().to_owned(),
            description: self.description.trim().to_owned(),
            estimated_cost: cost,
            district: opt(&self.district),
            category: opt(&self.category),
            location: opt(&self.location),
        })
    }
}

/// The officials' review as shown.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewView {
    /// `pending`, `accepted`, `rejected` or `merged`.
    pub status: String,
    /// Accepted: the official cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub official_cost: Option<u64>,
    /// Rejected: the public reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Merged: the proposal it was merged into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<i64>,
}

impl From<&Review> for ReviewView {
    fn from(r: &Review) -> Self {
        let (status, official_cost, reason, into) = match r {
            Review::Pending => ("pending", None, None, None),
            Review::Accepted { official_cost } => ("accepted", Some(*official_cost), None, None),
            Review::Rejected { reason } => ("rejected", None, Some(reason.clone()), None),
            Review::Merged { into } => ("merged", None, None, Some(into.0)),
        };
        Self {
            status: status.to_owned(),
            official_cost,
            reason,
            into,
        }
    }
}

/// A proposal as shown.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalView {
    /// Proposal id (also the project id on the ballot and in exports).
    pub id: i64,
    /// Its process.
    pub process_id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// The author's estimate.
    pub estimated_cost: u64,
    /// The cost on the ballot: the official cost once accepted, else the estimate.
    pub cost: u64,
    /// District.
    pub district: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Location.
    pub location: Option<String>,
    /// The budget unit it competes in: `citywide`, `district:<name>` or `category:<name>`.
    pub unit: String,
    /// The officials' review.
    pub review: ReviewView,
    /// Whether moderators hid it (only its author and officials see it then).
    pub hidden: bool,
    /// Why it was hidden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden_reason: Option<String>,
    /// How many residents support it.
    pub supports: u64,
    /// Whether the signed-in user wrote it.
    pub mine: bool,
    /// When it was submitted.
    pub created_at: String,
    /// When its text or review last changed.
    pub updated_at: String,
}

impl ProposalView {
    /// The view of `p` under `process`'s budgets, for a viewer with id `viewer`.
    pub fn new(p: &Proposal, budgets: &Budgets, viewer: Option<civis_domain::UserId>) -> Self {
        Self {
            id: p.id.0,
            process_id: p.process.0,
            title: p.draft.title.clone(),
            description: p.draft.description.clone(),
            estimated_cost: p.draft.estimated_cost,
            cost: p.cost(),
            district: p.draft.district.clone(),
            category: p.draft.category.clone(),
            location: p.draft.location.clone(),
            unit: UnitKey::of(budgets, p).to_string(),
            review: ReviewView::from(&p.review),
            hidden: p.hidden.is_some(),
            hidden_reason: p.hidden.clone(),
            supports: p.supports,
            mine: viewer == Some(p.author),
            created_at: p.created_at.to_string(),
            updated_at: p.updated_at.to_string(),
        }
    }
}

/// The result of supporting a proposal.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SupportView {
    /// The proposal.
    pub proposal_id: i64,
    /// Whether this request added a support (`false`: you already supported it).
    pub added: bool,
    /// How many residents support it now.
    pub supports: u64,
}

/// The officials' review of a proposal.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReviewRequest {
    /// `accepted`, `rejected` or `merged`.
    pub status: String,
    /// Accepted: the official cost (more than 0).
    #[serde(default)]
    pub official_cost: Option<i64>,
    /// Rejected: the public reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// Merged: the proposal it duplicates.
    #[serde(default)]
    pub into: Option<i64>,
}

impl ReviewRequest {
    /// Parses into a domain review.
    pub fn parse(&self) -> Result<Review, AppError> {
        let missing = |field: &str| AppError::field(field, "Required for this status.");
        match self.status.as_str() {
            "accepted" => {
                let cost = self.official_cost.ok_or_else(|| missing("official_cost"))?;
                let mut f = Fields::default();
                let official_cost = amount(&mut f, "official_cost", cost);
                f.finish()?;
                Ok(Review::Accepted { official_cost })
            }
            "rejected" => Ok(Review::Rejected {
                reason: self
                    .reason
                    .as_deref()
                    .ok_or_else(|| missing("reason"))?
                    .trim()
                    .to_owned(),
            }),
            "merged" => Ok(Review::Merged {
                into: ProposalId(self.into.ok_or_else(|| missing("into"))?),
            }),
            other => Err(AppError::field(
                "status",
                format!("Choose accepted, rejected or merged (got {other:?})."),
            )),
        }
    }
}

/// Hide a proposal (with a reason) or show it again.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ModerationRequest {
    /// `true` to hide, `false` to show again.
    pub hidden: bool,
    /// Why it is hidden (required when hiding).
    #[serde(default)]
    pub reason: Option<String>,
}

/// A project on the ballot.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProjectView {
    /// Project (proposal) id: what a ballot names.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// The official cost.
    pub cost: u64,
    /// District.
    pub district: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// The budget unit it competes in.
    pub unit: String,
}

impl ProjectView {
    /// The view of a project on the ballot.
    pub fn new(p: &Proposal, budgets: &Budgets) -> Self {
        Self {
            id: p.id.0,
            title: p.draft.title.clone(),
            description: p.draft.description.clone(),
            cost: p.cost(),
            district: p.draft.district.clone(),
            category: p.draft.category.clone(),
            unit: UnitKey::of(budgets, p).to_string(),
        }
    }
}

// ---- ballots ---------------------------------------------------------------------

/// A ballot: exactly one of `approvals` (approval and knapsack formats), `points`
/// (cumulative) or `ranking` (ranked), as the process's format asks.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BallotRequest {
    /// Ids of the approved projects.
    #[serde(default)]
    pub approvals: Option<Vec<i64>>,
    /// Points per project id, e.g. `{"12": 3, "15": 2}`.
    #[serde(default)]
    pub points: Option<BTreeMap<String, i64>>,
    /// Project ids, best first.
    #[serde(default)]
    pub ranking: Option<Vec<i64>>,
}

impl BallotRequest {
    /// Parses into a domain ballot content.
    pub fn parse(&self) -> Result<BallotContent, AppError> {
        match (&self.approvals, &self.points, &self.ranking) {
            (Some(ids), None, None) => Ok(BallotContent::Approval(
                ids.iter().map(|i| ProposalId(*i)).collect(),
            )),
            (None, None, Some(ids)) => Ok(BallotContent::Ranking(
                ids.iter().map(|i| ProposalId(*i)).collect(),
            )),
            (None, Some(points), None) => {
                let mut errors = vec![];
                let mut out = Vec::with_capacity(points.len());
                for (key, n) in points {
                    let Ok(id) = key.trim().parse::<i64>() else {
                        errors.push(FieldError::new(
                            "points",
                            format!("{key:?} is not a project id."),
                        ));
                        continue;
                    };
                    match u32::try_from(*n) {
                        Ok(n) => out.push((ProposalId(id), n)),
                        Err(_) => errors.push(FieldError::new(
                            "points",
                            format!("Project {id}: points must be a whole number, 0 or more."),
                        )),
                    }
                }
                if !errors.is_empty() {
                    return Err(AppError::Validation(errors));
                }
                out.sort_by_key(|(id, _)| *id);
                Ok(BallotContent::Points(out))
            }
            _ => Err(AppError::field(
                "ballot",
                "Send exactly one of `approvals`, `points` or `ranking`.",
            )),
        }
    }
}

/// Receipt of a cast ballot.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BallotReceipt {
    /// 1 for the first ballot, increased by each replacement.
    pub revision: u32,
    /// When it was cast (RFC 3339).
    pub cast_at: String,
    /// `online` or `paper`.
    pub channel: String,
}

impl From<&Ballot> for BallotReceipt {
    fn from(b: &Ballot) -> Self {
        Self {
            revision: b.revision,
            cast_at: b.cast_at.to_string(),
            channel: channel_name(&b.channel).to_owned(),
        }
    }
}

fn channel_name(c: &BallotChannel) -> &'static str {
    match c {
        BallotChannel::Online => "online",
        BallotChannel::Paper { .. } => "paper",
    }
}

/// A voter's counted ballot.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BallotView {
    /// The process.
    pub process_id: i64,
    /// 1 for the first ballot, increased by each replacement.
    pub revision: u32,
    /// When it was cast (RFC 3339).
    pub cast_at: String,
    /// `online` or `paper`.
    pub channel: String,
    /// Approved project ids (approval and knapsack).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approvals: Option<Vec<i64>>,
    /// Points per project id (cumulative).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<BTreeMap<String, u32>>,
    /// Project ids, best first (ranked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Vec<i64>>,
}

impl From<&Ballot> for BallotView {
    fn from(b: &Ballot) -> Self {
        let ids = |v: &[ProposalId]| v.iter().map(|i| i.0).collect::<Vec<_>>();
        let (approvals, points, ranking) = match &b.content {
            BallotContent::Approval(v) => (Some(ids(v)), None, None),
            BallotContent::Points(p) => (
                None,
                Some(p.iter().map(|(id, n)| (id.0.to_string(), *n)).collect()),
                None,
            ),
            BallotContent::Ranking(v) => (None, None, Some(ids(v))),
        };
        Self {
            process_id: b.process.0,
            revision: b.revision,
            cast_at: b.cast_at.to_string(),
            channel: channel_name(&b.channel).to_owned(),
            approvals,
            points,
            ranking,
        }
    }
}

// ---- results, implementation, residents ---------------------------------------------

/// One project's tally in a unit.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProjectTallyView {
    /// Project id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Cost.
    pub cost: u64,
    /// Voters who chose it.
    pub votes: u64,
    /// Points or Borda score (cumulative and ranked formats).
    pub score: Option<u64>,
    /// Whether it is funded.
    pub selected: bool,
}

/// One budget unit's outcome.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UnitOutcomeView {
    /// `citywide`, `district:<name>` or `category:<name>`.
    pub unit: String,
    /// The unit's budget.
    pub budget: u64,
    /// Total cost of the funded projects.
    pub cost: u64,
    /// Voters who chose at least one project of the unit.
    pub voters: u64,
    /// Funded project ids, in the order the rule chose them.
    pub selected: Vec<i64>,
    /// Every project of the unit with its tally.
    pub projects: Vec<ProjectTallyView>,
}

/// A funded project.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FundedProjectView {
    /// Project id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Cost.
    pub cost: u64,
    /// Its budget unit.
    pub unit: String,
}

/// Why one project was or was not funded.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExplanationView {
    /// Project id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Its budget unit.
    pub unit: String,
    /// Its cost.
    pub cost: u64,
    /// Ballots choosing it in its unit.
    pub supporters: u64,
    /// Whether it is funded.
    pub funded: bool,
    /// The explanation in plain words (English).
    pub message: String,
    /// Left out: the highest cost at which it would have been funded, when known.
    pub would_be_funded_at_cost: Option<u64>,
    /// Left out: how much cheaper it had to be, when known.
    pub cheaper_by: Option<u64>,
    /// Greedy, left out: how many more supporters it needed, when known.
    pub more_supporters_needed: Option<u64>,
}

/// One group's participation figures. A count about fewer than 10 people is never
/// shown (`…_hidden: "fewer_than_10"`), nor one that would let it be worked out
/// (`"withheld"`).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GroupFiguresView {
    /// A district name, an age band (`16-24`, …) or `unknown`; `all` for the total.
    pub group: String,
    /// How many voted, when shown.
    pub voters: Option<u64>,
    /// Why the voter count is not shown: `fewer_than_10` or `withheld`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voters_hidden: Option<String>,
    /// How many residents were eligible, when shown.
    pub eligible: Option<u64>,
    /// Why the eligible count is not shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligible_hidden: Option<String>,
    /// Voters per 100 eligible, to one decimal, when both counts are shown.
    pub percent: Option<f64>,
}

impl From<&GroupFigures> for GroupFiguresView {
    fn from(g: &GroupFigures) -> Self {
        let hidden = |f: &Figure| match f {
            Figure::Count(_) => None,
            Figure::FewerThan10 => Some("fewer_than_10".to_owned()),
            Figure::Withheld => Some("withheld".to_owned()),
        };
        Self {
            group: g.group.clone(),
            voters: g.voters.count(),
            voters_hidden: hidden(&g.voters),
            eligible: g.eligible.as_ref().and_then(Figure::count),
            eligible_hidden: g.eligible.as_ref().and_then(hidden),
            percent: g.percent,
        }
    }
}

/// Participation: in total, per district and per age band (on the day voting opened).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ParticipationView {
    /// The whole process.
    pub total: GroupFiguresView,
    /// By district.
    pub by_district: Vec<GroupFiguresView>,
    /// By age band.
    pub by_age: Vec<GroupFiguresView>,
}

impl From<&Participation> for ParticipationView {
    fn from(p: &Participation) -> Self {
        Self {
            total: GroupFiguresView::from(&p.total),
            by_district: p.by_district.iter().map(GroupFiguresView::from).collect(),
            by_age: p.by_age.iter().map(GroupFiguresView::from).collect(),
        }
    }
}

/// The published results of a process.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResultsView {
    /// The process.
    pub process_id: i64,
    /// When the outcome was computed (RFC 3339).
    pub computed_at: String,
    /// Digest of the rules it was computed with (equal to the process's).
    pub rules_digest: String,
    /// Counted ballots.
    pub ballots: u64,
    /// Every funded project.
    pub funded: Vec<FundedProjectView>,
    /// One outcome per budget unit.
    pub units: Vec<UnitOutcomeView>,
    /// Why each project was or was not funded.
    pub explanations: Vec<ExplanationView>,
    /// Who voted, with small groups suppressed.
    pub participation: ParticipationView,
}

impl ResultsView {
    /// The view of `r`, with titles from `proposals`, and the participation figures.
    pub fn new(
        process: civis_budget::ProcessId,
        r: &ProcessResults,
        proposals: &[Proposal],
        participation: &Participation,
    ) -> Self {
        let title = |id: ProposalId| {
            proposals
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.draft.title.clone())
                .unwrap_or_default()
        };
        let mut funded = vec![];
        let units = r
            .units
            .iter()
            .map(|u| {
                for id in &u.selected {
                    let cost = u
                        .projects
                        .iter()
                        .find(|p| p.project == *id)
                        .map(|p| p.cost)
                        .unwrap_or_default();
                    funded.push(FundedProjectView {
                        id: id.0,
                        title: title(*id),
                        cost,
                        unit: u.unit.clone(),
                    });
                }
                UnitOutcomeView {
                    unit: u.unit.clone(),
                    budget: u.budget,
                    cost: u.cost,
                    voters: u.voters,
                    selected: u.selected.iter().map(|i| i.0).collect(),
                    projects: u
                        .projects
                        .iter()
                        .map(|p| ProjectTallyView {
                            id: p.project.0,
                            title: title(p.project),
                            cost: p.cost,
                            votes: p.votes,
                            score: p.score,
                            selected: p.selected,
                        })
                        .collect(),
                }
            })
            .collect();
        Self {
            process_id: process.0,
            computed_at: r.computed_at.to_string(),
            rules_digest: r.rules_digest.clone(),
            ballots: r.ballots,
            funded,
            units,
            explanations: r
                .explanations
                .iter()
                .map(|e| {
                    let t = title(e.project);
                    ExplanationView {
                        id: e.project.0,
                        message: e.message(&t),
                        title: t,
                        unit: e.unit.to_string(),
                        cost: e.cost,
                        supporters: e.supporters,
                        funded: e.funded,
                        would_be_funded_at_cost: e.would_be_funded_at_cost,
                        cheaper_by: e.cheaper_by,
                        more_supporters_needed: e.more_supporters_needed,
                    }
                })
                .collect(),
            participation: ParticipationView::from(participation),
        }
    }
}

/// A report on a funded project's implementation.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ImplementationRequest {
    /// `planned`, `in_progress`, `done` or `cancelled`.
    pub status: String,
    /// Progress in percent, 0–100.
    pub progress: i64,
    /// What happened, in plain words.
    #[serde(default)]
    pub note: String,
}

impl ImplementationRequest {
    /// Parses the status and progress.
    pub fn parse(&self) -> Result<(ImplementationStatus, u8), AppError> {
        let mut f = Fields::default();
        let status = f.take(
            "status",
            match self.status.as_str() {
                "planned" => Ok(ImplementationStatus::Planned),
                "in_progress" => Ok(ImplementationStatus::InProgress),
                "done" => Ok(ImplementationStatus::Done),
                "cancelled" => Ok(ImplementationStatus::Cancelled),
                other => Err(format!(
                    "Choose planned, in_progress, done or cancelled (got {other:?})."
                )),
            },
        );
        let progress = f.take(
            "progress",
            u8::try_from(self.progress)
                .ok()
                .filter(|p| *p <= 100)
                .ok_or("Progress is a percentage, 0 to 100."),
        );
        f.finish()?;
        match (status, progress) {
            (Some(s), Some(p)) => Ok((s, p)),
            _ => Err(AppError::Internal(anyhow::anyhow!("parsed fields missing"))),
        }
    }
}

/// An implementation report as shown.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImplementationView {
    /// The funded project.
    pub proposal_id: i64,
    /// `planned`, `in_progress`, `done` or `cancelled`.
    pub status: String,
    /// Progress in percent.
    pub progress: u8,
    /// What happened.
    pub note: String,
    /// When (RFC 3339).
    pub at: String,
}

impl From<&ImplementationUpdate> for ImplementationView {
    fn from(u: &ImplementationUpdate) -> Self {
        Self {
            proposal_id: u.proposal.0,
            status: match u.status {
                ImplementationStatus::Planned => "planned",
                ImplementationStatus::InProgress => "in_progress",
                ImplementationStatus::Done => "done",
                ImplementationStatus::Cancelled => "cancelled",
            }
            .to_owned(),
            progress: u.progress,
            note: u.note.clone(),
            at: u.at.to_string(),
        }
    }
}

/// A resident's district and birth date.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResidentProfileWire {
    /// District of residence.
    #[serde(default)]
    pub district: Option<String>,
    /// Birth date, `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
}

impl ResidentProfileWire {
    /// Parses into a domain profile (blank texts become absent); checked by
    /// `crate::budget::residents::check`.
    pub fn parse(&self) -> ResidentProfile {
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        ResidentProfile {
            district: opt(&self.district),
            birth_date: opt(&self.birth_date),
        }
    }
}

impl From<&ResidentProfile> for ResidentProfileWire {
    fn from(p: &ResidentProfile) -> Self {
        Self {
            district: p.district.clone(),
            birth_date: p.birth_date.clone(),
        }
    }
}
