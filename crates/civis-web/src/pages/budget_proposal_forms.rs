//! Residents' proposal forms: submit (`/processes/{id}/proposals/new`), edit
//! (`/proposals/{id}/edit`) and support (`POST /proposals/{id}/support`). The budget
//! service decides who may do what in which phase; its refusals come back as messages
//! on the page (next to the field for bad input).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use civis_budget::{ProcessId, ProposalDraft, ProposalId};
use serde::Deserialize;

use super::budget::{visible_process, visible_proposal, ProcessSummary};
use super::budget_messages;
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// The proposal form as submitted.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ProposalForm {
    /// Short title.
    #[serde(default)]
    pub title: String,
    /// What, where, why.
    #[serde(default)]
    pub description: String,
    /// The author's estimate, as typed.
    #[serde(default)]
    pub estimated_cost: String,
    /// District, or empty.
    #[serde(default)]
    pub district: String,
    /// Category, or empty.
    #[serde(default)]
    pub category: String,
    /// Location, or empty.
    #[serde(default)]
    pub location: String,
}

impl ProposalForm {
    /// The form filled with a stored draft.
    pub fn from_draft(d: &ProposalDraft) -> Self {
        ProposalForm {
            title: d.title.clone(),
            description: d.description.clone(),
            estimated_cost: d.estimated_cost.to_string(),
            district: d.district.clone().unwrap_or_default(),
            category: d.category.clone().unwrap_or_default(),
            location: d.location.clone().unwrap_or_default(),
        }
    }

    /// The draft these fields make, or the fields typed wrongly (the rules on lengths
    /// and costs are the service's).
    pub fn draft(&self, l: &L10n) -> Result<ProposalDraft, FormErrors> {
        let mut errors = FormErrors::new();
        let cost = match parse_amount(&self.estimated_cost) {
            Some(c) => c,
            None if self.estimated_cost.trim().is_empty() => {
                errors.add("estimated_cost", l.t("pb-error-cost-empty"));
                0
            }
            None => {
                errors.add("estimated_cost", l.t("pb-error-cost-number"));
                0
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(ProposalDraft {
            title: self.title.trim().to_owned(),
            description: self.description.trim().to_owned(),
            estimated_cost: cost,
            district: optional(&self.district),
            category: optional(&self.category),
            location: optional(&self.location),
        })
    }
}

/// A whole amount as people type it: digits, optionally grouped with spaces, commas or
/// dots (`25000`, `25 000`, `25,000`, `25.000`).
pub fn parse_amount(text: &str) -> Option<u64> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `templates/budget_proposal_form.html`.
#[derive(Template)]
#[template(path = "budget_proposal_form.html")]
pub struct ProposalFormPage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// Where the form posts.
    pub action: String,
    /// New proposal or edit.
    pub editing: bool,
    /// Errors (summary and next to fields).
    pub errors: FormErrors,
    /// A refusal that concerns no field (wrong phase, not eligible).
    pub refusal: Option<String>,
    /// Title field.
    pub title: Field,
    /// Description (textarea).
    pub description: Field,
    /// Estimated cost.
    pub estimated_cost: Field,
    /// District.
    pub district: Field,
    /// Category.
    pub category: Field,
    /// Location.
    pub location: Field,
}

fn form_page(
    c: Chrome,
    p: ProcessSummary,
    action: String,
    editing: bool,
    form: &ProposalForm,
    errors: FormErrors,
    refusal: Option<String>,
) -> ProposalFormPage {
    let l = c.l;
    let optional = |f: Field| Field {
        kind: "text",
        ..f.hint(l.t("pb-hint-optional"))
    };
    ProposalFormPage {
        title: Field::text("title", l.t("pb-field-title"), &form.title, &errors),
        description: Field::text(
            "description",
            l.t("pb-field-description"),
            &form.description,
            &errors,
        )
        .hint(l.t("pb-hint-description")),
        estimated_cost: Field::text(
            "estimated_cost",
            l.t("pb-field-cost"),
            &form.estimated_cost,
            &errors,
        )
        .hint(l.t("pb-hint-cost")),
        district: optional(Field::text(
            "district",
            l.t("pb-field-district"),
            &form.district,
            &errors,
        )),
        category: optional(Field::text(
            "category",
            l.t("pb-field-category"),
            &form.category,
            &errors,
        )),
        location: optional(Field::text(
            "location",
            l.t("pb-field-location"),
            &form.location,
            &errors,
        )),
        c,
        p,
        action,
        editing,
        errors,
        refusal,
    }
}

/// Sorts the service's refusal into field errors (bad input) or a page-level message in
/// the page's language (wrong phase, not eligible); anything else is an error page.
pub fn refusal(
    l: &L10n,
    e: AppError,
    errors: &mut FormErrors,
) -> Result<(StatusCode, Option<String>), AppError> {
    match e {
        AppError::Validation(list) => {
            for f in list {
                let message = budget_messages::field_error(l, &f);
                errors.add(f.field, message);
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, None))
        }
        AppError::WrongPhase(why) => Ok((
            StatusCode::CONFLICT,
            Some(budget_messages::phase_refusal(l, &why).text(l)),
        )),
        AppError::NotEligible(why) => Ok((
            StatusCode::FORBIDDEN,
            Some(budget_messages::ineligible(&why).text(l)),
        )),
        other => Err(other),
    }
}

/// `GET /processes/{id}/proposals/new`.
pub async fn new_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let process = visible_process(&state, &id, Some(&me.user), now).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let p = ProcessSummary::new(&c.l, &process, now);
    let action = format!("/processes/{}/proposals/new", process.id);
    let page = form_page(
        c,
        p,
        action,
        false,
        &ProposalForm::default(),
        FormErrors::new(),
        None,
    );
    super::render(&page)
}

/// `POST /processes/{id}/proposals/new`: submits through the service.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<ProposalForm>,
) -> Result<Response, AppError> {
    let now = state.now();
    let process = visible_process(&state, &id, Some(&me.user), now).await?;
    let l = L10n::new(lang);
    let (status, mut errors, mut refused) =
        (StatusCode::UNPROCESSABLE_ENTITY, FormErrors::new(), None);
    let mut status = status;
    match form.draft(&l) {
        Err(e) => errors = e,
        Ok(draft) => {
            match crate::budget::proposals::submit(
                &state,
                &me.user,
                ProcessId(process.id.0),
                &draft,
                now,
            )
            .await
            {
                Ok(p) => {
                    return Ok(Redirect::to(&format!("/proposals/{}?saved=1", p.id)).into_response())
                }
                Err(e) => (status, refused) = refusal(&l, e, &mut errors)?,
            }
        }
    }
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let p = ProcessSummary::new(&c.l, &process, now);
    let action = format!("/processes/{}/proposals/new", process.id);
    let page = form_page(c, p, action, false, &form, errors, refused);
    super::render_with(status, &page)
}

/// `GET /proposals/{id}/edit`.
pub async fn edit_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let (process, proposal) = visible_proposal(&state, &id, Some(&me.user), now).await?;
    if proposal.author != me.user.id {
        return Err(AppError::Forbidden);
    }
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let p = ProcessSummary::new(&c.l, &process, now);
    let action = format!("/proposals/{}/edit", proposal.id);
    let form = ProposalForm::from_draft(&proposal.draft);
    let page = form_page(c, p, action, true, &form, FormErrors::new(), None);
    super::render(&page)
}

/// `POST /proposals/{id}/edit`: saves through the service.
pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<ProposalForm>,
) -> Result<Response, AppError> {
    let now = state.now();
    let (process, proposal) = visible_proposal(&state, &id, Some(&me.user), now).await?;
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    let mut refused = None;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    match form.draft(&l) {
        Err(e) => errors = e,
        Ok(draft) => {
            match crate::budget::proposals::edit(&state, &me.user, proposal.id, &draft, now).await {
                Ok(p) => {
                    return Ok(Redirect::to(&format!("/proposals/{}?saved=1", p.id)).into_response())
                }
                Err(e) => (status, refused) = refusal(&l, e, &mut errors)?,
            }
        }
    }
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let p = ProcessSummary::new(&c.l, &process, now);
    let action = format!("/proposals/{}/edit", proposal.id);
    let page = form_page(c, p, action, true, &form, errors, refused);
    super::render_with(status, &page)
}

/// `POST /proposals/{id}/support`: supports through the service, then back to the
/// proposal; a refusal (wrong phase, not eligible) is shown there.
pub async fn support(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let id = ProposalId(super::budget::parse_id(&id)?);
    crate::budget::proposals::support(&state, &me.user, id, now).await?;
    Ok(Redirect::to(&format!("/proposals/{id}?supported=1")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_may_be_grouped_as_people_type_them() {
        assert_eq!(parse_amount("25000"), Some(25_000));
        assert_eq!(parse_amount(" 25 000 "), Some(25_000));
        assert_eq!(parse_amount("25,000"), Some(25_000));
        assert_eq!(parse_amount("25.000"), Some(25_000));
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("12k"), None);
    }
}
