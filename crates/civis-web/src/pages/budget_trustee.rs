//! A trustee's page for a secret-ballot process (`/processes/{id}/trustee`): the
//! trustees and what each handed in, and the one step this trustee is at, as a
//! form that takes the text `civis trustee` printed or wrote, pasted or as a
//! file: the personal public key, then the dealing, then (after the close) the
//! share. The work is the ballot service's; problems show next to the field.

use askama::Template;
use axum::body::Bytes as Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use civis_budget::{Phase, ProcessId};
use civis_domain::{Timestamp, User};
use fluent_bundle::FluentValue;

use super::budget::{visible_process, ProcessSummary};
use super::form::FormErrors;
use super::layout::Chrome;
use super::multipart;
use crate::api::trustees::{document, TrusteesDocument};
use crate::auth::CurrentUser;
use crate::ballot::refusal::SecretBallotRefusal;
use crate::ballot::{close, trustees};
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// Which step a trustee is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Submit the personal public key.
    Key,
    /// Wait for every trustee's key.
    WaitKeys,
    /// Submit the dealing.
    Dealing,
    /// Wait for the close.
    WaitClose,
    /// Reveal the share.
    Share,
    /// Nothing left to do.
    Done,
}

impl Step {
    /// The form field's value naming the step.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Key => "key",
            Step::Dealing => "dealing",
            Step::Share => "share",
            Step::WaitKeys | Step::WaitClose | Step::Done => "",
        }
    }
}

/// `templates/budget_trustee.html`.
#[derive(Template)]
#[template(path = "budget_trustee.html")]
pub struct TrusteePage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// The trustees as published.
    pub doc: TrusteesDocument,
    /// This trustee's index.
    pub me: u32,
    /// The step.
    pub step: Step,
    /// Errors (summary and next to the field).
    pub errors: FormErrors,
    /// What was pasted (kept after an error).
    pub text: String,
    /// A notice after a step went through.
    pub saved: bool,
    /// The lead sentence (index, threshold, size).
    pub lead: String,
}

impl TrusteePage {
    /// The form field's value naming the step.
    pub fn step_name(&self) -> &'static str {
        self.step.as_str()
    }
}

fn step_of(doc: &TrusteesDocument, me: u32, phase: Phase) -> Step {
    let Some(mine) = doc.trustees.iter().find(|t| t.index == me) else {
        return Step::Done;
    };
    if mine.public_key.is_none() {
        Step::Key
    } else if doc.trustees.iter().any(|t| t.public_key.is_none()) {
        Step::WaitKeys
    } else if mine.dealing.is_none() {
        Step::Dealing
    } else if phase < Phase::Counting {
        Step::WaitClose
    } else if !mine.share_revealed {
        Step::Share
    } else {
        Step::Done
    }
}

async fn page(
    state: &AppState,
    c: Chrome,
    user: &User,
    id: &str,
    now: Timestamp,
) -> Result<TrusteePage, AppError> {
    let process = visible_process(state, id, Some(user), now).await?;
    let (_, board) = trustees::board(state, Some(user), process.id, now).await?;
    let me = board
        .as_ref()
        .and_then(|b| b.trustees.iter().find(|t| t.user == user.id))
        .map(|t| t.index)
        .ok_or(AppError::Forbidden)?;
    let doc = document(state, process.id, board).await?;
    let step = step_of(&doc, me, process.phase_at(now));
    let lead = c.l.ta(
        "trustee-lead",
        &[
            ("index", FluentValue::from(me)),
            ("threshold", FluentValue::from(doc.threshold)),
            ("size", FluentValue::from(doc.size)),
        ],
    );
    Ok(TrusteePage {
        lead,
        p: ProcessSummary::new(&c.l, &process, now),
        c,
        doc,
        me,
        step,
        errors: FormErrors::new(),
        text: String::new(),
        saved: false,
    })
}

/// `GET /processes/{id}/trustee` (the process's trustees only).
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let mut p = page(&state, c, &me.user, &id, state.now()).await?;
    p.saved = uri.query().is_some_and(|q| q.contains("saved=1"));
    super::render(&p)
}

/// The refusal's message in the page's language, for the text field.
fn message(l: &L10n, why: &SecretBallotRefusal) -> String {
    let key = match why {
        SecretBallotRefusal::BadTrusteeKey => "trustee-error-key",
        SecretBallotRefusal::BadDealing(_) => "trustee-error-dealing",
        SecretBallotRefusal::WrongDealer => "trustee-error-wrong-dealer",
        SecretBallotRefusal::TrusteeKeysMissing => "trustee-error-keys-missing",
        SecretBallotRefusal::AlreadyHandedIn(_) => "trustee-error-handed-in",
        SecretBallotRefusal::VotingNotClosed => "trustee-error-not-closed",
        SecretBallotRefusal::BadShare => "trustee-error-share",
        _ => "trustee-error-other",
    };
    l.t(key)
}

/// `POST /processes/{id}/trustee` (multipart: `step`, `text` or `file`): hands in
/// this step's text; problems show next to the field and nothing is stored.
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let now = state.now();
    let parts = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary)
        .and_then(|b| multipart::parse(&body, &b))
        .unwrap_or_default();
    let step = multipart::text(&parts, "step").unwrap_or_default();
    let pasted = multipart::text(&parts, "text").unwrap_or_default();
    let file = parts
        .iter()
        .find(|p| p.name == "file" && !p.data.is_empty())
        .map(|p| String::from_utf8_lossy(&p.data).into_owned());
    let text = file.unwrap_or_else(|| pasted.clone());
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let l = c.l;
    let mut p = page(&state, c, &me.user, &id, now).await?;
    let process = ProcessId(p.p.id);
    let compact: String = text.split_whitespace().collect();
    let mut errors = FormErrors::new();
    let decoded = serde_json::from_value::<civis_verify::record::Bytes>(serde_json::Value::String(
        compact.clone(),
    ))
    .map(|b| b.0);
    match decoded {
        _ if compact.is_empty() => errors.add("text", l.t("trustee-error-empty")),
        Err(_) => errors.add("text", l.t("trustee-error-base64")),
        Ok(bytes) => {
            let done = match step.as_str() {
                "key" => trustees::submit_key(&state, &me.user, process, &bytes, now).await,
                "dealing" => trustees::submit_dealing(&state, &me.user, process, &bytes, now).await,
                "share" => close::submit_share(&state, &me.user, process, &bytes, now).await,
                _ => Err(AppError::BadRequest("unknown step".into())),
            };
            match done {
                Ok(()) => {
                    return Ok(
                        Redirect::to(&format!("/processes/{}/trustee?saved=1", p.p.id))
                            .into_response(),
                    )
                }
                Err(AppError::SecretBallot(why)) => errors.add("text", message(&l, &why)),
                Err(e) => return Err(e),
            }
        }
    }
    p.errors = errors;
    p.text = pasted;
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &p)
}
