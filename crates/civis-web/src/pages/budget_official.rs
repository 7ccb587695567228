//! Officials' forms on a proposal: feasibility review (accept with an official cost,
//! reject with a public reason, merge into another proposal), moderation (hide with a
//! reason, or show again), implementation reports; and publishing a process's results.
//! Every write goes through the budget service.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use civis_budget::{ImplementationStatus, ProcessId, ProposalId, Review};
use serde::Deserialize;

use super::budget::{visible_proposal, ProcessSummary, ProposalRow};
use super::budget_process::status_key;
use super::budget_proposal_forms::{parse_amount, refusal};
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::extract::ManageProcesses;
use crate::auth::RequireRole;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// Which officials' form a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Feasibility review.
    Review,
    /// Moderation.
    Moderation,
    /// Implementation report.
    Implementation,
}

/// A choice in a radio group or select.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The submitted value.
    pub value: &'static str,
    /// The translated label.
    pub label: String,
    /// Whether it is selected.
    pub selected: bool,
}

/// `templates/budget_official.html`.
#[derive(Template)]
#[template(path = "budget_official.html")]
pub struct OfficialPage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// The proposal.
    pub row: ProposalRow,
    /// `review`, `moderation` or `implementation`.
    pub kind: &'static str,
    /// The page's heading.
    pub heading: String,
    /// Where the form posts.
    pub action: String,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// A refusal concerning no field (wrong phase).
    pub refusal: Option<String>,
    /// Radio choices (review decision, moderation) or select options (status).
    pub choices: Vec<Choice>,
    /// The error about the choice, if any.
    pub choice_error: Option<String>,
    /// First text field (official cost; reason; progress).
    pub first: Field,
    /// Second text field (reason; note).
    pub second: Field,
    /// Third text field (merge into).
    pub third: Field,
}

/// Every field of the three forms (each uses some).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct OfficialForm {
    /// Review decision (`accepted`, `rejected`, `merged`), moderation (`hide`, `show`)
    /// or implementation status.
    #[serde(default)]
    pub status: String,
    /// Official cost.
    #[serde(default)]
    pub official_cost: String,
    /// Rejection or hiding reason.
    #[serde(default)]
    pub reason: String,
    /// Id of the proposal to merge into.
    #[serde(default)]
    pub into: String,
    /// Progress in percent.
    #[serde(default)]
    pub progress: String,
    /// Implementation note.
    #[serde(default)]
    pub note: String,
}

const STATUSES: [(ImplementationStatus, &str); 4] = [
    (ImplementationStatus::Planned, "planned"),
    (ImplementationStatus::InProgress, "in_progress"),
    (ImplementationStatus::Done, "done"),
    (ImplementationStatus::Cancelled, "cancelled"),
];

fn choices(l: &L10n, kind: Kind, selected: &str) -> Vec<Choice> {
    let list: Vec<(&'static str, String)> = match kind {
        Kind::Review => vec![
            ("accepted", l.t("pb-decision-accept")),
            ("rejected", l.t("pb-decision-reject")),
            ("merged", l.t("pb-decision-merge")),
        ],
        Kind::Moderation => vec![
            ("hide", l.t("pb-moderation-hide")),
            ("show", l.t("pb-moderation-show")),
        ],
        Kind::Implementation => STATUSES
            .iter()
            .map(|(s, v)| (*v, l.t(status_key(*s))))
            .collect(),
    };
    list.into_iter()
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

/// Which page is asked for, by whom.
struct Target<'a> {
    state: &'a AppState,
    lang: Lang,
    uri: &'a Uri,
    official: &'a RequireRole<ManageProcesses>,
    id: &'a str,
    kind: Kind,
}

/// Builds the page of `kind` for proposal `id`, with the submitted `form`.
async fn page(
    t: Target<'_>,
    form: &OfficialForm,
    errors: FormErrors,
    refused: Option<String>,
) -> Result<OfficialPage, AppError> {
    let Target {
        state,
        lang,
        uri,
        official,
        id,
        kind,
    } = t;
    let now = state.now();
    let (process, proposal) = visible_proposal(state, id, Some(&official.user), now).await?;
    let c = Chrome::new(lang, uri, Some(&official.user), official.csrf_token.clone());
    let l = c.l;
    let (kind_name, heading, path) = match kind {
        Kind::Review => ("review", l.t("pb-review-link"), "review"),
        Kind::Moderation => ("moderation", l.t("pb-moderate-link"), "moderation"),
        Kind::Implementation => ("implementation", l.t("pb-impl-link"), "implementation"),
    };
    let (first, second, third) = match kind {
        Kind::Review => (
            Field::text(
                "official_cost",
                l.t("pb-field-official-cost"),
                &form.official_cost,
                &errors,
            )
            .hint(l.t("pb-hint-official-cost")),
            Field::text(
                "reason",
                l.t("pb-field-public-reason"),
                &form.reason,
                &errors,
            )
            .hint(l.t("pb-hint-public-reason")),
            Field::text("into", l.t("pb-field-merge-into"), &form.into, &errors)
                .hint(l.t("pb-hint-merge-into")),
        ),
        Kind::Moderation => (
            Field::text("reason", l.t("pb-field-hide-reason"), &form.reason, &errors)
                .hint(l.t("pb-hint-hide-reason")),
            Field::text("unused", String::new(), "", &errors),
            Field::text("unused", String::new(), "", &errors),
        ),
        Kind::Implementation => (
            Field::text(
                "progress",
                l.t("pb-field-progress"),
                &form.progress,
                &errors,
            )
            .hint(l.t("pb-hint-progress")),
            Field::text("note", l.t("pb-field-note"), &form.note, &errors),
            Field::text("unused", String::new(), "", &errors),
        ),
    };
    Ok(OfficialPage {
        p: ProcessSummary::new(&l, &process, now),
        row: ProposalRow::new(&l, &proposal),
        kind: kind_name,
        heading,
        action: format!("/proposals/{}/{path}", proposal.id),
        choices: choices(&l, kind, &form.status),
        choice_error: errors.get("status").map(str::to_owned),
        errors,
        refusal: refused,
        first,
        second,
        third,
        c,
    })
}

async fn show(
    state: AppState,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    id: String,
    kind: Kind,
) -> Result<Response, AppError> {
    let target = Target {
        state: &state,
        lang,
        uri: &uri,
        official: &official,
        id: &id,
        kind,
    };
    let page = page(target, &OfficialForm::default(), FormErrors::new(), None).await?;
    super::render(&page)
}

/// `GET /proposals/{id}/review`.
pub async fn review_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    show(state, lang, uri, official, id, Kind::Review).await
}

/// `GET /proposals/{id}/moderation`.
pub async fn moderation_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    show(state, lang, uri, official, id, Kind::Moderation).await
}

/// `GET /proposals/{id}/implementation`.
pub async fn implementation_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    show(state, lang, uri, official, id, Kind::Implementation).await
}

/// What a submitted form asks the service to do, or the fields typed wrongly.
fn parse(l: &L10n, kind: Kind, form: &OfficialForm) -> Result<Action, FormErrors> {
    let mut errors = FormErrors::new();
    let action = match (kind, form.status.as_str()) {
        (Kind::Review, "accepted") => match parse_amount(&form.official_cost) {
            Some(cost) => Some(Action::Review(Review::Accepted {
                official_cost: cost,
            })),
            None => {
                errors.add("official_cost", l.t("pb-error-cost-number"));
                None
            }
        },
        (Kind::Review, "rejected") => Some(Action::Review(Review::Rejected {
            reason: form.reason.trim().to_owned(),
        })),
        (Kind::Review, "merged") => match form.into.trim().parse::<i64>() {
            Ok(into) => Some(Action::Review(Review::Merged {
                into: ProposalId(into),
            })),
            Err(_) => {
                errors.add("into", l.t("pb-error-proposal-number"));
                None
            }
        },
        (Kind::Moderation, "hide") => Some(Action::Moderate(Some(form.reason.trim().to_owned()))),
        (Kind::Moderation, "show") => Some(Action::Moderate(None)),
        (Kind::Implementation, value) => {
            let status = STATUSES.iter().find(|(_, v)| *v == value).map(|(s, _)| *s);
            let progress = form
                .progress
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= 100);
            if status.is_none() {
                errors.add("status", l.t("pb-error-choose"));
            }
            if progress.is_none() {
                errors.add("progress", l.t("pb-error-progress"));
            }
            match (status, progress) {
                (Some(s), Some(p)) => Some(Action::Report(s, p, form.note.trim().to_owned())),
                _ => None,
            }
        }
        _ => {
            errors.add("status", l.t("pb-error-choose"));
            None
        }
    };
    action.ok_or(errors)
}

enum Action {
    Review(Review),
    Moderate(Option<String>),
    Report(ImplementationStatus, u8, String),
}

async fn submit(
    state: AppState,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    id: String,
    kind: Kind,
    form: OfficialForm,
) -> Result<Response, AppError> {
    let now = state.now();
    let l = L10n::new(lang);
    let pid = ProposalId(super::budget::parse_id(&id)?);
    let mut errors = FormErrors::new();
    let mut refused = None;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    match parse(&l, kind, &form) {
        Err(e) => errors = e,
        Ok(action) => {
            let user = &official.user;
            let done = match action {
                Action::Review(r) => crate::budget::proposals::review(&state, user, pid, &r, now)
                    .await
                    .map(|_| ()),
                Action::Moderate(reason) => {
                    crate::budget::proposals::moderate(&state, user, pid, reason.as_deref(), now)
                        .await
                        .map(|_| ())
                }
                Action::Report(s, p, note) => {
                    crate::budget::implementation::report(&state, user, pid, s, p, &note, now)
                        .await
                        .map(|_| ())
                }
            };
            match done {
                Ok(()) => {
                    return Ok(Redirect::to(&format!("/proposals/{pid}?saved=1")).into_response())
                }
                Err(e) => (status, refused) = refusal(&l, e, &mut errors)?,
            }
        }
    }
    let target = Target {
        state: &state,
        lang,
        uri: &uri,
        official: &official,
        id: &id,
        kind,
    };
    let page = page(target, &form, errors, refused).await?;
    super::render_with(status, &page)
}

/// `POST /proposals/{id}/review`.
pub async fn review(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
    Form(form): Form<OfficialForm>,
) -> Result<Response, AppError> {
    submit(state, lang, uri, official, id, Kind::Review, form).await
}

/// `POST /proposals/{id}/moderation`.
pub async fn moderate(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
    Form(form): Form<OfficialForm>,
) -> Result<Response, AppError> {
    submit(state, lang, uri, official, id, Kind::Moderation, form).await
}

/// `POST /proposals/{id}/implementation`.
pub async fn report(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
    Form(form): Form<OfficialForm>,
) -> Result<Response, AppError> {
    submit(state, lang, uri, official, id, Kind::Implementation, form).await
}

/// `POST /processes/{id}/results`: computes and publishes the results through the
/// service, then shows them.
pub async fn publish(
    State(state): State<AppState>,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let id = ProcessId(super::budget::parse_id(&id)?);
    crate::budget::results::publish(&state, &official.user, id, now).await?;
    Ok(Redirect::to(&format!("/processes/{id}/results")).into_response())
}
