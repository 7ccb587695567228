//! `GET/POST /processes/{id}/paper-ballot`: officials enter a paper ballot for a
//! resident who cannot vote online (the assisted channel). First the resident is found
//! by username, then the same ballot form as online voting is filled in; the budget
//! service records it as a paper ballot (audited), replacing any earlier ballot.

use std::collections::BTreeSet;

use askama::Template;
use axum::body::Bytes as Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use civis_domain::{User, Username};
use civis_store::StoreError;
use serde::Deserialize;

use super::budget::{visible_process, ProcessSummary};
use super::budget_ballot::{projects_on_ballot, Choices};
use super::budget_vote::{ballot_problems, build, closed_reason, VoteView};
use super::budget_vote_sealed::{self, paper_problems};
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::messages;
use crate::auth::extract::ManageProcesses;
use crate::auth::RequireRole;
use crate::ballot::server_seal::VotingKeyFile;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// `templates/budget_paper_find.html`: the first step, finding the resident.
#[derive(Template)]
#[template(path = "budget_paper_find.html")]
pub struct FindPage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// The username field.
    pub resident: Field,
    /// Errors of the lookup.
    pub errors: FormErrors,
    /// A confirmation after a paper ballot was recorded.
    pub notice: Option<String>,
    /// Why no paper ballot can be entered now, if so.
    pub closed: Option<String>,
}

/// `?resident=` (the lookup) and `?entered=` (the confirmation).
#[derive(Debug, Default, Deserialize)]
pub struct PaperQuery {
    /// Username of the resident to enter a ballot for.
    pub resident: Option<String>,
    /// Username of the resident whose paper ballot was just recorded.
    pub entered: Option<String>,
}

async fn find_resident(
    state: &AppState,
    l: &L10n,
    name: &str,
) -> Result<Result<User, String>, AppError> {
    let username = match messages::parse_username(l, name) {
        Ok(u) => u,
        Err(e) => return Ok(Err(e)),
    };
    match state.store().user_by_username(&username).await {
        Ok(u) => Ok(Ok(u)),
        Err(StoreError::NotFound) => Ok(Err(l.t1(
            "error-actor-unknown",
            "name",
            username.to_string(),
        ))),
        Err(e) => Err(e.into()),
    }
}

/// `GET /processes/{id}/paper-ballot`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
    Query(q): Query<PaperQuery>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = &official.user;
    let process = visible_process(&state, &id, Some(user), now).await?;
    let c = Chrome::new(lang, &uri, Some(user), official.csrf_token.clone());
    let l = c.l;
    let closed = closed_reason(&l, &process, Some(user), process.phase_at(now));
    let mut errors = FormErrors::new();
    if let (Some(name), None) = (q.resident.as_deref(), &closed) {
        match find_resident(&state, &l, name).await? {
            Ok(resident) => {
                let view = VoteView {
                    process: &process,
                    action: format!("/processes/{}/paper-ballot", process.id),
                    paper_for: Some(resident.username.to_string()),
                    current: None,
                    notice: None,
                    errors: FormErrors::new(),
                    problems: Vec::new(),
                    closed: None,
                    closed_detail: None,
                };
                let page = build(&state, c, view, &Choices::default()).await?;
                return super::render(&page);
            }
            Err(message) => errors.add("resident", message),
        }
    }
    let notice = q
        .entered
        .as_deref()
        .and_then(|n| Username::parse(n).ok())
        .map(|n| l.t1("pb-paper-entered", "name", n.to_string()));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FindPage {
        p: ProcessSummary::new(&l, &process, now),
        resident: Field::text(
            "resident",
            l.t("pb-paper-resident"),
            q.resident.as_deref().unwrap_or_default(),
            &errors,
        )
        .hint(l.t("pb-paper-resident-hint")),
        errors,
        notice,
        closed,
        c,
    };
    super::render_with(status, &page)
}

/// `POST /processes/{id}/paper-ballot`: records the paper ballot through the service;
/// in a process with secret ballots (multipart, with the resident's voting key file
/// if they have one) it is sealed under their credential ([`crate::ballot::paper`]).
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let posted = budget_vote_sealed::posted(&headers, &body);
    let fields = posted.fields;
    let now = state.now();
    let user = &official.user;
    let process = visible_process(&state, &id, Some(user), now).await?;
    let l = L10n::new(lang);
    let name = fields
        .iter()
        .find(|(k, _)| k == "resident")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    let resident = find_resident(&state, &l, name)
        .await?
        .map_err(AppError::BadRequest)?;
    let proposals = state.store().list_proposals(process.id).await?;
    let on_ballot: BTreeSet<i64> = projects_on_ballot(&proposals)
        .iter()
        .map(|p| p.id.0)
        .collect();
    let choices = Choices::from_fields(&fields, &on_ballot);
    let mut errors = FormErrors::new();
    let mut problems = Vec::new();
    let status = match choices.content(&l, &process.settings.rules.ballot) {
        Err(e) => {
            errors = e;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Ok(content) if process.settings.rules.secret_ballots => {
            let entered = match posted.voting_key.as_deref().map(VotingKeyFile::parse) {
                Some(Err(e)) => Err(e),
                kept => {
                    crate::ballot::paper::enter(
                        &state,
                        user,
                        resident.id,
                        process.id,
                        &content,
                        kept.transpose()?,
                        now,
                    )
                    .await
                }
            };
            match entered {
                Ok(_) => {
                    let to = format!(
                        "/processes/{}/paper-ballot?entered={}",
                        process.id, resident.username
                    );
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(e) => paper_problems(&l, e, &mut errors, &mut problems)?,
            }
        }
        Ok(content) => {
            match crate::budget::ballots::cast_paper(
                &state,
                user,
                process.id,
                resident.id,
                content,
                now,
            )
            .await
            {
                Ok(_) => {
                    let to = format!(
                        "/processes/{}/paper-ballot?entered={}",
                        process.id, resident.username
                    );
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(e) => ballot_problems(&l, e, &mut errors, &mut problems)?,
            }
        }
    };
    let c = Chrome::new(lang, &uri, Some(user), official.csrf_token.clone());
    let view = VoteView {
        process: &process,
        action: format!("/processes/{}/paper-ballot", process.id),
        paper_for: Some(resident.username.to_string()),
        current: None,
        notice: None,
        errors,
        problems,
        closed: closed_reason(&l, &process, Some(user), process.phase_at(now)),
        closed_detail: None,
    };
    let page = build(&state, c, view, &choices).await?;
    super::render_with(status, &page)
}
