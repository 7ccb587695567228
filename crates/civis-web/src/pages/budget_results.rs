//! `GET /processes/{id}/results`: the published outcome of a process: funded projects
//! per budget unit, the projects not funded, participation, the open-data exports, and
//! where each funded project's implementation stands. 404 before publication.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use civis_budget::{ImplementationUpdate, ProjectTally, ProposalId, UnitKey};

use super::budget::{published_results, visible_process, ProcessSummary};
use super::budget_process::status_key;
use super::budget_words::{money, unit_label};
use super::dates::show_minutes;
use super::layout::Chrome;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// A project in a unit's outcome.
#[derive(Debug, Clone)]
pub struct OutcomeRow {
    /// The proposal id, for links.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its cost, formatted.
    pub cost: String,
    /// Ballots choosing it.
    pub votes: u64,
    /// Points (cumulative) or Borda score (ranked), if the format has one.
    pub score: Option<u64>,
    /// Why it was or was not funded, in plain English, from the engine.
    pub why: Option<String>,
    /// Funded or not.
    pub funded: bool,
    /// Its latest implementation status in words (funded projects), if reported.
    pub implementation: Option<String>,
}

/// One budget unit's outcome.
#[derive(Debug, Clone)]
pub struct UnitResult {
    /// A short id for element ids.
    pub key: String,
    /// "Citywide", "District: North".
    pub label: String,
    /// Ballots counted in the unit.
    pub voters: u64,
    /// Whether the table has a score column.
    pub has_score: bool,
    /// "Funded projects cost 90,000 of 100,000."
    pub spent_text: String,
    /// The unit's projects, funded first in the order the rule chose them.
    pub rows: Vec<OutcomeRow>,
}

/// `templates/budget_results.html`.
#[derive(Template)]
#[template(path = "budget_results.html")]
pub struct ResultsPage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// How many ballots were counted, and when the outcome was computed.
    pub lead: String,
    /// The digest of the rules the outcome was computed with.
    pub digest: String,
    /// One outcome per unit.
    pub units: Vec<UnitResult>,
}

/// `GET /processes/{id}/results`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = me.user.as_ref();
    let process = visible_process(&state, &id, user, now).await?;
    let results = published_results(&state, &process)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = Chrome::new(lang, &uri, user, me.csrf_token.clone());
    let l = c.l;
    let proposals = state.store().list_proposals(process.id).await?;
    let updates = state
        .store()
        .list_implementation_updates(process.id)
        .await?;
    let latest: HashMap<ProposalId, &ImplementationUpdate> =
        updates.iter().map(|u| (u.proposal, u)).collect();
    let title_of = |id: ProposalId| {
        proposals
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.draft.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let units = results
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            // Funded projects in the order the rule chose them, then the others by id.
            let mut tallies: Vec<&ProjectTally> = u.projects.iter().collect();
            tallies.sort_by_key(|t| {
                (
                    u.selected
                        .iter()
                        .position(|id| *id == t.project)
                        .unwrap_or(usize::MAX),
                    t.project,
                )
            });
            let rows = tallies
                .into_iter()
                .map(|t| {
                    let title = title_of(t.project);
                    OutcomeRow {
                        id: t.project.0,
                        cost: money(lang, t.cost),
                        votes: t.votes,
                        score: t.score,
                        funded: t.selected,
                        why: results
                            .explanations
                            .iter()
                            .find(|e| e.project == t.project)
                            .map(|e| e.message(&title)),
                        implementation: latest.get(&t.project).map(|up| {
                            format!(
                                "{} ({})",
                                l.t(status_key(up.status)),
                                l.t1("pb-impl-progress", "percent", up.progress)
                            )
                        }),
                        title,
                    }
                })
                .collect();
            let key = u.unit.parse::<UnitKey>().unwrap_or(UnitKey::Citywide);
            UnitResult {
                key: format!("u{i}"),
                label: unit_label(&l, &key),
                spent_text: l.t2(
                    "pb-results-spent",
                    ("spent", money(lang, u.cost)),
                    ("budget", money(lang, u.budget)),
                ),
                voters: u.voters,
                has_score: u.projects.iter().any(|t| t.score.is_some()),
                rows,
            }
        })
        .collect();
    let page = ResultsPage {
        p: ProcessSummary::new(&l, &process, now),
        lead: l.t2(
            "pb-results-lead",
            ("ballots", results.ballots),
            ("when", show_minutes(results.computed_at)),
        ),
        digest: results.rules_digest.clone(),
        units,
        c,
    };
    super::render(&page)
}
