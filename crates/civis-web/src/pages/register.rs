//! The resident register pages for officials: `/admin/register` (import with
//! the report next to the file field, search by personal code with a purpose,
//! the latest imports) and a record's page with its versions, shown only after
//! the official says why (`/admin/register/records/{id}`). Each read is audited.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use civis_domain::User;
use civis_identity::{ImportProblem, Permission, Purpose, PurposeProblem};
use civis_store::register::{RecordLookup, RegisterRecord};
use civis_store::Page;
use fluent_bundle::FluentValue;

use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::multipart;
use super::oidc_clients::Choice;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::register::imports::{self, ImportRefusal};
use crate::register::{self, records};
use crate::state::AppState;

/// One line of an import's validation report.
#[derive(Debug, Clone)]
pub struct ReportRow {
    /// The file line, or empty for the file as a whole.
    pub line: String,
    /// The column.
    pub field: String,
    /// Why, translated.
    pub reason: String,
}

/// One past import.
#[derive(Debug, Clone)]
pub struct ImportLine {
    /// Effective date.
    pub effective_date: String,
    /// Records in the file.
    pub records: u32,
    /// Created.
    pub created: u32,
    /// Changed.
    pub changed: u32,
    /// Unchanged.
    pub unchanged: u32,
}

/// The search form.
#[derive(Debug, Clone)]
pub struct SearchView {
    /// The personal code field.
    pub personal_code: Field,
    /// The purpose choices.
    pub purposes: Vec<Choice>,
    /// The purpose error.
    pub purpose_error: Option<String>,
    /// The free-text purpose.
    pub purpose_text: Field,
}

/// `templates/register.html`.
#[derive(Template)]
#[template(path = "register.html")]
pub struct RegisterPage {
    /// The frame.
    pub c: Chrome,
    /// Errors of either form.
    pub errors: FormErrors,
    /// A confirmation.
    pub notice: Option<String>,
    /// Whether the official may import.
    pub can_import: bool,
    /// Whether the official may search.
    pub can_read: bool,
    /// The effective date field.
    pub effective_date: Field,
    /// The file's error summary line, if any.
    pub file_error: Option<String>,
    /// The validation report.
    pub report: Vec<ReportRow>,
    /// How many records, and active ones, translated.
    pub counts: String,
    /// The latest imports.
    pub imports: Vec<ImportLine>,
    /// The search form.
    pub search: SearchView,
}

/// One version as the record page shows it.
#[derive(Debug, Clone)]
pub struct VersionLine {
    /// Valid from.
    pub valid_from: String,
    /// Full name.
    pub name: String,
    /// Birth date.
    pub birth_date: String,
    /// Address.
    pub address: String,
    /// District.
    pub district: String,
    /// Phone or empty.
    pub phone: String,
    /// Translated status.
    pub status: String,
}

/// `templates/register_record.html`.
#[derive(Template)]
#[template(path = "register_record.html")]
pub struct RecordPage {
    /// The frame.
    pub c: Chrome,
    /// The record id.
    pub id: i64,
    /// Its personal code.
    pub personal_code: String,
    /// The purpose recorded for this read, translated.
    pub purpose: String,
    /// Versions, newest first.
    pub versions: Vec<VersionLine>,
}

/// `templates/register_purpose.html`: say why before seeing a record.
#[derive(Template)]
#[template(path = "register_purpose.html")]
pub struct PurposePage {
    /// The frame.
    pub c: Chrome,
    /// Errors.
    pub errors: FormErrors,
    /// The record id.
    pub id: i64,
    /// The purpose choices.
    pub purposes: Vec<Choice>,
    /// The purpose error.
    pub purpose_error: Option<String>,
    /// The free-text purpose.
    pub purpose_text: Field,
}

/// A translated import problem.
pub fn problem_text(l: &L10n, p: &ImportProblem) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = p
        .reason
        .args()
        .into_iter()
        .map(|(k, v)| (k, FluentValue::from(v)))
        .collect();
    l.ta(&format!("register-problem-{}", p.reason.key()), &args)
}

fn purpose_choices(l: &L10n, current: &str) -> Vec<Choice> {
    Purpose::CHOICES
        .into_iter()
        .map(|c| Choice {
            value: c,
            label: l.t(&format!("register-purpose-{}", c.replace('_', "-"))),
            on: c == current,
        })
        .collect()
}

fn purpose_error(l: &L10n, p: PurposeProblem, errors: &mut FormErrors) {
    let field = match p {
        PurposeProblem::MissingText | PurposeProblem::BadText => "purpose_text",
        _ => "purpose",
    };
    errors.add(field, l.t(&format!("register-{}", p.key())));
}

/// What the official typed in the search form.
#[derive(Debug, Clone, Default)]
struct SearchForm {
    personal_code: String,
    purpose: String,
    purpose_text: String,
}

impl SearchForm {
    fn parse(body: &[u8]) -> Self {
        let mut f = SearchForm::default();
        for (k, v) in url::form_urlencoded::parse(body) {
            match k.as_ref() {
                "personal_code" => f.personal_code = v.into_owned(),
                "purpose" => f.purpose = v.into_owned(),
                "purpose_text" => f.purpose_text = v.into_owned(),
                _ => {}
            }
        }
        f
    }
}

fn search_view(l: &L10n, f: &SearchForm, errors: &FormErrors) -> SearchView {
    SearchView {
        personal_code: Field::text(
            "personal_code",
            l.t("register-field-personal-code"),
            &f.personal_code,
            errors,
        )
        .hint(l.t("register-hint-personal-code")),
        purposes: purpose_choices(l, &f.purpose),
        purpose_error: errors.get("purpose").map(str::to_owned),
        purpose_text: Field::text(
            "purpose_text",
            l.t("register-field-purpose-text"),
            &f.purpose_text,
            errors,
        )
        .hint(l.t("register-hint-purpose-text")),
    }
}

struct PageInput<'a> {
    errors: FormErrors,
    notice: Option<String>,
    effective_date: String,
    problems: &'a [ImportProblem],
    search: SearchForm,
}

async fn page(
    state: &AppState,
    c: Chrome,
    held: &[Permission],
    input: PageInput<'_>,
) -> Result<RegisterPage, AppError> {
    let l = c.l;
    let can_import = held.contains(&Permission::RegisterImport);
    let can_read = held.contains(&Permission::RegisterRead);
    let imports = if can_import {
        state
            .store()
            .list_register_imports(Page::new(0, 10))
            .await?
            .iter()
            .map(|i| ImportLine {
                effective_date: i.effective_date.to_string(),
                records: i.records,
                created: i.created,
                changed: i.changed,
                unchanged: i.unchanged,
            })
            .collect()
    } else {
        Vec::new()
    };
    let (records, active) = state.store().count_register_records().await?;
    let counts = l.t2("register-counts", ("records", records), ("active", active));
    let report = input
        .problems
        .iter()
        .map(|p| ReportRow {
            line: p.line.map(|n| n.to_string()).unwrap_or_default(),
            field: p.field.clone(),
            reason: problem_text(&l, p),
        })
        .collect();
    Ok(RegisterPage {
        effective_date: Field::text(
            "effective_date",
            l.t("register-field-effective-date"),
            &input.effective_date,
            &input.errors,
        )
        .hint(l.t("register-hint-effective-date")),
        file_error: input.errors.get("file").map(str::to_owned),
        search: search_view(&l, &input.search, &input.errors),
        errors: input.errors,
        notice: input.notice,
        can_import,
        can_read,
        report,
        counts,
        imports,
        c,
    })
}

/// The permissions for the register pages: at least one of read and import.
async fn officials_permissions(state: &AppState, user: &User) -> Result<Vec<Permission>, AppError> {
    let held = register::permissions(state, user).await?;
    if held.contains(&Permission::RegisterRead) || held.contains(&Permission::RegisterImport) {
        Ok(held)
    } else {
        Err(AppError::Forbidden)
    }
}

fn blank_input<'a>() -> PageInput<'a> {
    PageInput {
        errors: FormErrors::new(),
        notice: None,
        effective_date: String::new(),
        problems: &[],
        search: SearchForm::default(),
    }
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}

/// `GET /admin/register`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
) -> Result<Response, AppError> {
    let held = officials_permissions(&state, &me.user).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let p = page(&state, c, &held, blank_input()).await?;
    super::render(&p)
}

/// `POST /admin/register/import` (multipart: `effective_date`, `file`): imports
/// the file, or shows every problem next to the file field; nothing is imported then.
pub async fn import(
    State(state): State<AppState>,
    lang: Lang,
    me: CurrentUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let held = register::require(&state, &me.user, Permission::RegisterImport).await?;
    let uri = Uri::from_static("/admin/register");
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let l = c.l;
    let parts = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary)
        .and_then(|b| multipart::parse(&body, &b))
        .unwrap_or_default();
    let effective_date = multipart::text(&parts, "effective_date").unwrap_or_default();
    let file = parts
        .iter()
        .find(|p| p.name == "file" && !p.data.is_empty());
    let mut errors = FormErrors::new();
    let text = match file.map(|f| String::from_utf8(f.data.clone())) {
        None => {
            errors.add("file", l.t("register-file-missing"));
            None
        }
        Some(Err(_)) => {
            errors.add("file", l.t("register-file-not-utf8"));
            None
        }
        Some(Ok(t)) => Some(t),
    };
    let mut problems = Vec::new();
    let mut notice = None;
    if let Some(text) = text {
        match imports::import(&state, &me.user, &effective_date, &text).await {
            Ok(done) => {
                notice = Some(l.ta(
                    "register-imported",
                    &[
                        ("records", FluentValue::from(done.records)),
                        ("created", FluentValue::from(done.created)),
                        ("changed", FluentValue::from(done.changed)),
                        ("unchanged", FluentValue::from(done.unchanged)),
                        ("date", FluentValue::from(done.effective_date.to_string())),
                    ],
                ));
            }
            Err(ImportRefusal::EffectiveDate) => {
                errors.add("effective_date", l.t("register-effective-date-invalid"));
            }
            Err(ImportRefusal::Problems(p)) => {
                if let Some(d) = p.iter().find(|x| x.field == "effective_date") {
                    errors.add("effective_date", problem_text(&l, d));
                }
                let in_file: Vec<ImportProblem> = p
                    .into_iter()
                    .filter(|x| x.field != "effective_date")
                    .collect();
                if !in_file.is_empty() {
                    errors.add(
                        "file",
                        l.t1("register-file-problems", "count", in_file.len()),
                    );
                }
                problems = in_file;
            }
            Err(ImportRefusal::Other(e)) => return Err(e),
        }
    } else if civis_identity::Date::parse(effective_date.trim()).is_err() {
        errors.add("effective_date", l.t("register-effective-date-invalid"));
    }
    let ok = errors.is_empty();
    let input = PageInput {
        errors,
        notice,
        effective_date: if ok { String::new() } else { effective_date },
        problems: &problems,
        search: SearchForm::default(),
    };
    let p = page(&state, c, &held, input).await?;
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    super::render_with(status, &p)
}

fn record_page(
    c: Chrome,
    record: &RegisterRecord,
    purpose: &Purpose,
) -> Result<Response, AppError> {
    let l = c.l;
    let purpose_text = match purpose.text() {
        Some(t) => format!("{}: {t}", l.t("register-purpose-other")),
        None => l.t(&format!(
            "register-purpose-{}",
            purpose.choice().replace('_', "-")
        )),
    };
    let page = RecordPage {
        id: record.id,
        personal_code: record.personal_code.to_string(),
        purpose: purpose_text,
        versions: record
            .versions
            .iter()
            .map(|v| {
                let d = &v.data;
                VersionLine {
                    valid_from: v.valid_from.to_string(),
                    name: format!("{} {}", d.given_name, d.family_name),
                    birth_date: d.birth_date.to_string(),
                    address: d.address.clone(),
                    district: d.district.clone(),
                    phone: d.phone.clone().unwrap_or_default(),
                    status: l.t(&format!("register-status-{}", d.status.as_str())),
                }
            })
            .collect(),
        c,
    };
    Ok(no_store(super::render(&page)?))
}

/// `POST /admin/register/search`: finds a record by personal code, saying why.
pub async fn search(
    State(state): State<AppState>,
    lang: Lang,
    me: CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let held = register::require(&state, &me.user, Permission::RegisterRead).await?;
    let form = SearchForm::parse(&body);
    let uri = Uri::from_static("/admin/register");
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let l = c.l;
    let mut errors = FormErrors::new();
    let code = records::parse_code(&form.personal_code)
        .map_err(|p| {
            errors.add(
                "personal_code",
                l.t(&format!("register-problem-{}", p.key())),
            )
        })
        .ok();
    let purpose = Purpose::parse(&form.purpose, &form.purpose_text)
        .map_err(|p| purpose_error(&l, p, &mut errors))
        .ok();
    if let (Some(code), Some(purpose)) = (code, purpose) {
        match records::read(&state, &me.user, &RecordLookup::Code(code), &purpose).await? {
            Some(record) => {
                let to: Uri = format!("/admin/register/records/{}", record.id)
                    .parse()
                    .unwrap_or(uri);
                let c = Chrome::new(lang, &to, Some(&me.user), me.csrf_token.clone());
                return record_page(c, &record, &purpose);
            }
            None => errors.add("personal_code", l.t("register-not-found")),
        }
    }
    let input = PageInput {
        errors,
        search: form,
        ..blank_input()
    };
    let p = page(&state, c, &held, input).await?;
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &p)
}

fn purpose_page(
    c: Chrome,
    id: i64,
    errors: FormErrors,
    choice: &str,
    text: &str,
) -> Result<Response, AppError> {
    let l = c.l;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PurposePage {
        id,
        purposes: purpose_choices(&l, choice),
        purpose_error: errors.get("purpose").map(str::to_owned),
        purpose_text: Field::text(
            "purpose_text",
            l.t("register-field-purpose-text"),
            text,
            &errors,
        )
        .hint(l.t("register-hint-purpose-text")),
        errors,
        c,
    };
    super::render_with(status, &page)
}

/// `GET /admin/register/records/{id}`: asks why before showing anything.
pub async fn ask_purpose(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    register::require(&state, &me.user, Permission::RegisterRead).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    purpose_page(c, id, FormErrors::new(), "", "")
}

/// `POST /admin/register/records/{id}`: the record with its versions, read for the given purpose.
pub async fn show_record(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    register::require(&state, &me.user, Permission::RegisterRead).await?;
    let form = SearchForm::parse(&body);
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let mut errors = FormErrors::new();
    match Purpose::parse(&form.purpose, &form.purpose_text) {
        Ok(purpose) => {
            let record = records::read(&state, &me.user, &RecordLookup::Id(id), &purpose)
                .await?
                .ok_or(AppError::NotFound)?;
            record_page(c, &record, &purpose)
        }
        Err(p) => {
            purpose_error(&c.l, p, &mut errors);
            purpose_page(c, id, errors, &form.purpose, &form.purpose_text)
        }
    }
}
