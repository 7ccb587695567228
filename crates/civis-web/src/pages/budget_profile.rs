//! Residents' district and birth date, which PB eligibility and participation figures
//! use: the list of residents with a username search (`/residents`) and one resident's
//! page (`/residents/{id}`). Officials and admins change them through the budget
//! service (audited as `resident.profile_changed`); auditors see them read-only.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use civis_budget::ResidentProfile;
use civis_domain::{Role, User, UserId};
use civis_store::{Page, StoreError, UserFilter};
use serde::Deserialize;

use super::budget::parse_id;
use super::form::{Field, FormErrors};
use super::layout::{role_key, Chrome};
use super::messages;
use super::paging::Paging;
use crate::auth::extract::{ManageProcesses, ReadAll};
use crate::auth::RequireRole;
use crate::budget::residents::{self, ProfileProblem};
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// Residents per page of the list.
pub const PER_PAGE: u32 = 20;

/// One row of the residents table.
#[derive(Debug, Clone)]
pub struct ResidentRow {
    /// Account id, for the link.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// The recorded district, or "Not recorded".
    pub district: String,
    /// The recorded birth date, or "Not recorded".
    pub birth_date: String,
}

/// `templates/budget_profile_list.html`.
#[derive(Template)]
#[template(path = "budget_profile_list.html")]
pub struct ListPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the search form.
    pub errors: FormErrors,
    /// The username search field.
    pub username: Field,
    /// Table caption.
    pub caption: String,
    /// This page of residents.
    pub rows: Vec<ResidentRow>,
    /// "Page 1 of 3".
    pub page_status: String,
    /// Link to the previous page.
    pub prev_href: Option<String>,
    /// Link to the next page.
    pub next_href: Option<String>,
}

/// `templates/budget_profile.html`.
#[derive(Template)]
#[template(path = "budget_profile.html")]
pub struct ProfilePage {
    /// The page frame.
    pub c: Chrome,
    /// The account's id, for the form's action.
    pub id: i64,
    /// The page's heading.
    pub heading: String,
    /// A note when the account is not a resident's.
    pub role_note: Option<String>,
    /// The confirmation after saving.
    pub notice: Option<String>,
    /// The recorded district, or "Not recorded".
    pub current_district: String,
    /// The recorded birth date, or "Not recorded".
    pub current_birth_date: String,
    /// Whether the viewer may change them (officials and admins; not auditors).
    pub editable: bool,
    /// Errors of the submitted form.
    pub errors: FormErrors,
    /// The district field.
    pub district: Field,
    /// The districts the processes name, offered as suggestions.
    pub known: Vec<String>,
    /// The birth date field.
    pub birth_date: Field,
}

/// `?username=` (the search) and `?page=`.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Username to go to.
    pub username: Option<String>,
    /// 1-based page number.
    pub page: Option<String>,
}

/// `?saved=1` after a change.
#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    /// Set after a successful change.
    pub saved: Option<String>,
}

/// The profile form as submitted.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ProfileForm {
    /// District, or empty.
    #[serde(default)]
    pub district: String,
    /// Birth date as `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub birth_date: String,
}

impl ProfileForm {
    /// The form filled with a stored profile.
    fn from_profile(p: &ResidentProfile) -> Self {
        ProfileForm {
            district: p.district.clone().unwrap_or_default(),
            birth_date: p.birth_date.clone().unwrap_or_default(),
        }
    }

    /// The profile these fields make (blank fields are "not known").
    fn profile(&self) -> ResidentProfile {
        let opt = |v: &str| Some(v.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
        ResidentProfile {
            district: opt(&self.district),
            birth_date: opt(&self.birth_date),
        }
    }
}

/// A recorded value, or "Not recorded".
fn shown(l: &L10n, value: Option<&str>) -> String {
    value.map_or_else(|| l.t("pb-profile-not-recorded"), str::to_owned)
}

/// A problem of a submitted profile in the page's language.
fn problem_message(l: &L10n, problem: &ProfileProblem, profile: &ResidentProfile) -> String {
    match problem {
        ProfileProblem::DistrictLength => l.t1(
            "pb-profile-error-district-length",
            "max",
            residents::MAX_DISTRICT_CHARS,
        ),
        ProfileProblem::DistrictControl => l.t("pb-profile-error-district-control"),
        ProfileProblem::UnknownDistrict { known } => l.t2(
            "pb-profile-error-district-unknown",
            ("district", profile.district.clone().unwrap_or_default()),
            ("districts", known.join(", ")),
        ),
        ProfileProblem::BirthDateInvalid => l.t("pb-profile-error-birth-date-invalid"),
        ProfileProblem::BirthDateFuture => l.t("pb-profile-error-birth-date-future"),
    }
}

/// The account with the id in the path.
async fn account(state: &AppState, id: &str) -> Result<User, AppError> {
    Ok(state.store().user_by_id(UserId(parse_id(id)?)).await?)
}

/// `GET /residents`: the residents with their district and birth date, and a search
/// by username that goes to the resident's page (officials, admins, auditors).
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    staff: RequireRole<ReadAll>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&staff.user), staff.csrf_token.clone());
    let l = c.l;
    let mut errors = FormErrors::new();
    if let Some(name) = q.username.as_deref() {
        match messages::parse_username(&l, name) {
            Err(e) => errors.add("username", e),
            Ok(username) => match state.store().user_by_username(&username).await {
                Ok(user) => {
                    return Ok(Redirect::to(&format!("/residents/{}", user.id)).into_response())
                }
                Err(StoreError::NotFound) => errors.add(
                    "username",
                    l.t1("error-actor-unknown", "name", username.to_string()),
                ),
                Err(e) => return Err(e.into()),
            },
        }
    }
    let filter = UserFilter {
        role: Some(Role::Resident),
        disabled: None,
    };
    let total = state.store().count_users(filter).await?;
    let paging = Paging::new(q.page.as_deref(), total, PER_PAGE);
    let users = state
        .store()
        .list_users(filter, Page::new(paging.offset(), paging.per_page))
        .await?;
    let mut rows = Vec::with_capacity(users.len());
    for u in &users {
        let p = state.store().resident_profile(u.id).await?;
        rows.push(ResidentRow {
            id: u.id.0,
            username: u.username.to_string(),
            display_name: u.display_name.to_string(),
            district: shown(&l, p.district.as_deref()),
            birth_date: shown(&l, p.birth_date.as_deref()),
        });
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ListPage {
        username: Field::text(
            "username",
            l.t("pb-profile-find-username"),
            q.username.as_deref().unwrap_or_default(),
            &errors,
        )
        .hint(l.t("pb-paper-resident-hint")),
        caption: l.t1("pb-profile-caption", "total", total),
        rows,
        page_status: paging.status(&l),
        prev_href: paging.prev_href("/residents", ""),
        next_href: paging.next_href("/residents", ""),
        errors,
        c,
    };
    super::render_with(status, &page)
}

/// Builds a resident's page; `form` is what to show in the fields.
async fn profile_page(
    state: &AppState,
    c: Chrome,
    user: &User,
    form: &ProfileForm,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<ProfilePage, AppError> {
    let l = c.l;
    let stored = state.store().resident_profile(user.id).await?;
    let known: BTreeSet<String> = residents::known_districts(state).await?;
    let editable = c
        .user
        .as_ref()
        .is_some_and(|u| u.role.can_manage_processes());
    let district_hint = if known.is_empty() {
        l.t("pb-profile-district-hint-any")
    } else {
        l.t1(
            "pb-profile-district-hint-known",
            "districts",
            known.iter().cloned().collect::<Vec<_>>().join(", "),
        )
    };
    Ok(ProfilePage {
        id: user.id.0,
        heading: l.t1("pb-profile-title", "name", user.username.to_string()),
        role_note: (user.role != Role::Resident)
            .then(|| l.t1("pb-profile-not-resident", "role", l.t(role_key(user.role)))),
        notice,
        current_district: shown(&l, stored.district.as_deref()),
        current_birth_date: shown(&l, stored.birth_date.as_deref()),
        editable,
        district: Field::text(
            "district",
            l.t("pb-field-district"),
            &form.district,
            &errors,
        )
        .hint(district_hint),
        known: known.into_iter().collect(),
        birth_date: Field {
            kind: "date",
            ..Field::text(
                "birth_date",
                l.t("pb-profile-field-birth-date"),
                &form.birth_date,
                &errors,
            )
        }
        .hint(l.t("pb-profile-birth-date-hint")),
        errors,
        c,
    })
}

/// `GET /residents/{id}`: the recorded district and birth date, with the form to change
/// them for officials and admins (auditors read only).
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    staff: RequireRole<ReadAll>,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let user = account(&state, &id).await?;
    let c = Chrome::new(lang, &uri, Some(&staff.user), staff.csrf_token.clone());
    let notice = q.saved.is_some().then(|| c.l.t("pb-profile-saved"));
    let stored = state.store().resident_profile(user.id).await?;
    let form = ProfileForm::from_profile(&stored);
    let page = profile_page(&state, c, &user, &form, FormErrors::new(), notice).await?;
    super::render(&page)
}

/// `POST /residents/{id}`: saves the district and birth date (officials and admins), or
/// shows the page again with each problem next to its field.
pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
    Form(form): Form<ProfileForm>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = account(&state, &id).await?;
    let l = L10n::new(lang);
    let profile = form.profile();
    let mut errors = FormErrors::new();
    for problem in residents::problems(&state, user.id, &profile, now).await? {
        errors.add(problem.field(), problem_message(&l, &problem, &profile));
    }
    if errors.is_empty() {
        match residents::set_profile(&state, &official.user, user.id, &profile, now).await {
            Ok(_) => {
                let to = format!("/residents/{}?saved=1", user.id);
                return Ok(Redirect::to(&to).into_response());
            }
            // Changed in between (a process naming other districts): the service's words.
            Err(AppError::Validation(list)) => {
                for f in list {
                    errors.add(f.field, f.message);
                }
            }
            Err(e) => return Err(e),
        }
    }
    let c = Chrome::new(
        lang,
        &uri,
        Some(&official.user),
        official.csrf_token.clone(),
    );
    let page = profile_page(&state, c, &user, &form, errors, None).await?;
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
