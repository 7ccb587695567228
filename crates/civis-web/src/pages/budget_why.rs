//! `GET /processes/{id}/results/why/{proposal}`: why one project was or was not funded,
//! worked out by the PB engine from the published process's ballots with its frozen
//! rule (`civis_budget::explain_project`, on the blocking pool). 404 before publication.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use civis_budget::{explain_project, ExplainDepth, ProposalId};

use super::budget::{parse_id, published_results, visible_process, ProcessSummary};
use super::budget_messages;
use super::layout::Chrome;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// `templates/budget_why.html`.
#[derive(Template)]
#[template(path = "budget_why.html")]
pub struct WhyPage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// The project's id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Whether it was funded.
    pub funded: bool,
    /// The engine's explanation, in the page's language.
    pub message: String,
}

/// `GET /processes/{id}/results/why/{proposal}`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Path((id, proposal)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = me.user.as_ref();
    let process = visible_process(&state, &id, user, now).await?;
    let results = published_results(&state, &process)
        .await?
        .ok_or(AppError::NotFound)?;
    let pid = ProposalId(parse_id(&proposal)?);
    let proposals = state.store().list_proposals(process.id).await?;
    let title = proposals
        .iter()
        .find(|p| p.id == pid && p.on_ballot())
        .map(|p| p.draft.title.clone())
        .ok_or(AppError::NotFound)?;
    let stored = results
        .explanations
        .iter()
        .find(|e| e.project == pid)
        .cloned();
    let explanation = match stored {
        Some(e) => e,
        None => {
            let ballots = state.store().list_ballots(process.id).await?;
            let p = process.clone();
            tokio::task::spawn_blocking(move || {
                explain_project(&p, &proposals, &ballots, pid, ExplainDepth::Full)
            })
            .await
            .map_err(|e| AppError::Internal(anyhow::anyhow!("explain task: {e}")))?
            .map_err(|e| AppError::Internal(anyhow::anyhow!("explain: {e}")))?
            .ok_or(AppError::NotFound)?
        }
    };
    let c = Chrome::new(lang, &uri, user, me.csrf_token.clone());
    let page = WhyPage {
        p: ProcessSummary::new(&c.l, &process, now),
        id: pid.0,
        funded: explanation.funded,
        message: budget_messages::explanation(&c.l, &explanation, &title),
        title,
        c,
    };
    super::render(&page)
}
