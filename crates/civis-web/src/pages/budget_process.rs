//! `GET /processes/{id}`: a process's page (description, timeline, budgets and rules in
//! plain words, the frozen rules' digest, the number of ballots while voting, the
//! proposals); and `GET /proposals/{id}`: one proposal with what the visitor may do.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use civis_budget::{ImplementationStatus, Phase, Review};

use super::budget::{
    manages, reads_all, visible_process, visible_proposal, ProcessSummary, ProposalRow,
};
use super::budget_words::{money, rules_in_words, timeline, RuleLine, Step};
use super::dates::show_minutes;
use super::layout::Chrome;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// `templates/budget_process.html`.
#[derive(Template)]
#[template(path = "budget_process.html")]
pub struct ProcessPage {
    /// The page frame.
    pub c: Chrome,
    /// Title and phase.
    pub p: ProcessSummary,
    /// The description in the page's language, as paragraphs.
    pub description: Vec<String>,
    /// The phases with their dates.
    pub steps: Vec<Step>,
    /// Budgets and rules in plain words.
    pub rules: Vec<RuleLine>,
    /// The frozen rules' digest, once voting has opened.
    pub digest: Option<String>,
    /// "1,234 ballots so far", from voting on.
    pub ballots: Option<String>,
    /// When voting closes, while it is open.
    pub voting_closes: Option<String>,
    /// The proposals the visitor may see.
    pub proposals: Vec<ProposalRow>,
    /// Residents may submit proposals now.
    pub can_propose: bool,
    /// The visitor may vote now (signed in, voting open).
    pub can_vote: bool,
    /// Results are published.
    pub has_results: bool,
    /// Officials: the settings may still change.
    pub can_edit: bool,
    /// Officials: the results may be published now.
    pub can_publish: bool,
    /// Officials: paper ballots may be entered now.
    pub can_enter_paper: bool,
    /// A confirmation after saving.
    pub notice: Option<String>,
}

/// Splits a text into paragraphs at blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `GET /processes/{id}` (`?saved=1` after an official saved it).
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ProposalQuery>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = me.user.as_ref();
    let process = visible_process(&state, &id, user, now).await?;
    let c = Chrome::new(lang, &uri, user, me.csrf_token.clone());
    let l = c.l;
    let phase = process.phase_at(now);
    let settings = &process.settings;
    let staff = reads_all(user);
    let ballots = if phase >= Phase::Voting {
        let n = state.store().count_ballots(process.id).await?;
        Some(l.t1("pb-ballot-count", "count", n))
    } else {
        None
    };
    let proposals = state
        .store()
        .list_proposals(process.id)
        .await?
        .iter()
        .filter(|p| staff || p.hidden.is_none())
        .map(|p| ProposalRow::new(&l, p))
        .collect();
    let official = manages(user);
    let page = ProcessPage {
        p: ProcessSummary::new(&l, &process, now),
        description: paragraphs(settings.description.get(lang.code())),
        steps: timeline(&l, &settings.schedule, phase),
        rules: rules_in_words(&l, &settings.rules),
        digest: (!process.editable_at(now)).then(|| settings.rules.digest()),
        ballots,
        voting_closes: (phase == Phase::Voting)
            .then(|| show_minutes(settings.schedule.voting_close)),
        proposals,
        can_propose: phase == Phase::Proposals && user.is_some_and(|u| u.role.can_write()),
        can_vote: phase == Phase::Voting,
        has_results: process.results_published_at.is_some(),
        can_edit: official && process.editable_at(now),
        can_publish: official && phase == Phase::Counting,
        can_enter_paper: official && phase == Phase::Voting,
        notice: q.saved.is_some().then(|| l.t("pb-process-saved")),
        c,
    };
    super::render(&page)
}

/// One implementation report as the proposal page lists it.
#[derive(Debug, Clone)]
pub struct UpdateRow {
    /// When (`2026-11-26 19:40 UTC`).
    pub at: String,
    /// Status in words.
    pub status: String,
    /// Progress in percent.
    pub progress: u8,
    /// What happened.
    pub note: String,
}

/// The message id naming an implementation status.
pub const fn status_key(s: ImplementationStatus) -> &'static str {
    match s {
        ImplementationStatus::Planned => "pb-impl-planned",
        ImplementationStatus::InProgress => "pb-impl-in-progress",
        ImplementationStatus::Done => "pb-impl-done",
        ImplementationStatus::Cancelled => "pb-impl-cancelled",
    }
}

/// `templates/budget_proposal.html`.
#[derive(Template)]
#[template(path = "budget_proposal.html")]
pub struct ProposalPage {
    /// The page frame.
    pub c: Chrome,
    /// Its process.
    pub p: ProcessSummary,
    /// The proposal as a row (title, cost, district, category, status).
    pub row: ProposalRow,
    /// Its description as paragraphs.
    pub description: Vec<String>,
    /// The location, if given.
    pub location: Option<String>,
    /// The author's estimate, when it differs from the official cost.
    pub estimate: Option<String>,
    /// Implementation reports, oldest first.
    pub updates: Vec<UpdateRow>,
    /// The visitor is its author and proposals are open.
    pub can_edit: bool,
    /// Support is open and the visitor is a resident who does not support it yet.
    pub can_support: bool,
    /// The visitor supports it.
    pub supported: bool,
    /// A confirmation after saving or supporting.
    pub notice: Option<String>,
    /// Officials: review is open.
    pub can_review: bool,
    /// Officials: moderation.
    pub can_moderate: bool,
    /// Officials: implementation reports (funded project, results published).
    pub can_report: bool,
}

/// `?saved=1` after saving a proposal, `?supported=1` after supporting it.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ProposalQuery {
    /// Set after the author saved it.
    pub saved: Option<String>,
    /// Set after the visitor supported it.
    pub supported: Option<String>,
}

/// `GET /proposals/{id}`.
pub async fn proposal(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ProposalQuery>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = me.user.as_ref();
    let (process, proposal) = visible_proposal(&state, &id, user, now).await?;
    let c = Chrome::new(lang, &uri, user, me.csrf_token.clone());
    let l = c.l;
    let phase = process.phase_at(now);
    let official = manages(user);
    let supported = match user {
        Some(u) => state.store().supports(proposal.id, u.id).await?,
        None => false,
    };
    let updates = if phase >= Phase::Results {
        state
            .store()
            .list_implementation_updates(process.id)
            .await?
            .into_iter()
            .filter(|u| u.proposal == proposal.id)
            .map(|u| update_row(&l, &u))
            .collect()
    } else {
        Vec::new()
    };
    let estimate = match proposal.review {
        Review::Accepted { official_cost } if official_cost != proposal.draft.estimated_cost => {
            Some(money(lang, proposal.draft.estimated_cost))
        }
        _ => None,
    };
    let is_author = user.is_some_and(|u| u.id == proposal.author);
    let page = ProposalPage {
        p: ProcessSummary::new(&l, &process, now),
        row: ProposalRow::new(&l, &proposal),
        description: paragraphs(&proposal.draft.description),
        location: proposal.draft.location.clone().filter(|s| !s.is_empty()),
        estimate,
        updates,
        can_edit: is_author && phase == Phase::Proposals,
        can_support: phase == Phase::Support
            && !supported
            && user.is_some_and(|u| u.role.can_write()),
        supported,
        notice: if q.saved.is_some() {
            Some(l.t("pb-proposal-saved"))
        } else if q.supported.is_some() && supported {
            Some(l.t("pb-supported-notice"))
        } else {
            None
        },
        can_review: official && matches!(phase, Phase::Support | Phase::Review),
        can_moderate: official,
        can_report: official
            && matches!(phase, Phase::Results | Phase::Implementation)
            && proposal.on_ballot(),
        c,
    };
    super::render(&page)
}

fn update_row(l: &L10n, u: &civis_budget::ImplementationUpdate) -> UpdateRow {
    UpdateRow {
        at: show_minutes(u.at),
        status: l.t(status_key(u.status)),
        progress: u.progress,
        note: u.note.clone(),
    }
}
