//! `GET /processes/{id}/results`: the published outcome of a process: funded projects
//! per budget unit, the projects not funded, participation, the open-data exports, and
//! where each funded project's implementation stands. 404 before publication.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use civis_budget::{ImplementationUpdate, ProposalId};

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
    /// The unit's budget, formatted.
    pub budget: String,
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
    let rules = &process.settings.rules;
    let units = results
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut rows: Vec<OutcomeRow> = u
                .selected
                .iter()
                .filter_map(|id| proposals.iter().find(|p| p.id == *id))
                .map(|p| OutcomeRow {
                    id: p.id.0,
                    title: p.draft.title.clone(),
                    cost: money(lang, p.cost()),
                    funded: true,
                    implementation: latest.get(&p.id).map(|u| {
                        format!(
                            "{} ({})",
                            l.t(status_key(u.status)),
                            l.t1("pb-impl-progress", "percent", u.progress)
                        )
                    }),
                })
                .collect();
            rows.extend(
                proposals
                    .iter()
                    .filter(|p| p.on_ballot() && !u.selected.contains(&p.id))
                    .filter(|p| {
                        super::budget_words::unit_of(
                            rules,
                            p.draft.district.as_deref(),
                            p.draft.category.as_deref(),
                        ) == u.unit
                    })
                    .map(|p| OutcomeRow {
                        id: p.id.0,
                        title: p.draft.title.clone(),
                        cost: money(lang, p.cost()),
                        funded: false,
                        implementation: None,
                    }),
            );
            UnitResult {
                key: format!("u{i}"),
                label: unit_label(&l, &u.unit),
                budget: money(lang, u.budget),
                spent_text: l.t2(
                    "pb-results-spent",
                    ("spent", money(lang, u.cost)),
                    ("budget", money(lang, u.budget)),
                ),
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
