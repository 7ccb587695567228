//! `/admin/enrolment` for officials holding `enrolment.in_person`: verify a
//! resident in person (find the account and the record, check the document,
//! confirm) and print a batch of activation letters as a PDF.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use civis_identity::codes::DOCUMENT_TYPES;
use civis_identity::Permission;

use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::oidc_clients::Choice;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::register::enrolment::{self, Refusal};
use crate::register::{self, letters};
use crate::state::AppState;

/// The record as the official compares it with the document.
#[derive(Debug, Clone)]
pub struct Found {
    /// The account's username.
    pub username: String,
    /// The personal code.
    pub personal_code: String,
    /// Name in the register.
    pub name: String,
    /// Birth date in the register.
    pub birth_date: String,
    /// Address in the register.
    pub address: String,
}

/// `templates/enrolment.html`.
#[derive(Template)]
#[template(path = "enrolment.html")]
pub struct EnrolmentPage {
    /// The frame.
    pub c: Chrome,
    /// Errors.
    pub errors: FormErrors,
    /// A confirmation.
    pub notice: Option<String>,
    /// Username field.
    pub username: Field,
    /// Personal code field.
    pub personal_code: Field,
    /// The record found, to compare with the document.
    pub found: Option<Found>,
    /// Document types.
    pub documents: Vec<Choice>,
    /// District field for letters.
    pub district: Field,
}

fn form(body: &[u8]) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn page(
    c: Chrome,
    errors: FormErrors,
    notice: Option<String>,
    f: &std::collections::HashMap<String, String>,
    found: Option<Found>,
) -> EnrolmentPage {
    let l: L10n = c.l;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let doc = get("document_type");
    EnrolmentPage {
        username: Field::text(
            "username",
            l.t("enrolment-field-username"),
            &get("username"),
            &errors,
        ),
        personal_code: Field::text(
            "personal_code",
            l.t("register-field-personal-code"),
            &get("personal_code"),
            &errors,
        ),
        documents: DOCUMENT_TYPES
            .into_iter()
            .map(|d| Choice {
                value: d,
                label: l.t(&format!("enrolment-document-{}", d.replace('_', "-"))),
                on: d == doc,
            })
            .collect(),
        district: Field::text("district", l.t("enrolment-field-district"), "", &errors)
            .hint(l.t("enrolment-hint-district")),
        found,
        errors,
        notice,
        c,
    }
}

fn errors_of(l: &L10n, r: &Refusal) -> FormErrors {
    let mut e = FormErrors::new();
    e.add(r.field(), l.t(&r.key()));
    e
}

/// `GET /admin/enrolment`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: CurrentUser,
) -> Result<Response, AppError> {
    register::require(&state, &me.user, Permission::EnrolmentInPerson).await?;
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    super::render(&page(c, FormErrors::new(), None, &Default::default(), None))
}

/// `POST /admin/enrolment/check` (`username`, `personal_code`): shows the
/// register's data to compare with the document (the read is audited).
pub async fn check(
    State(state): State<AppState>,
    lang: Lang,
    me: CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    register::require(&state, &me.user, Permission::EnrolmentInPerson).await?;
    let f = form(&body);
    let uri = Uri::from_static("/admin/enrolment");
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    match enrolment::check_in_person(&state, &me.user, &get("username"), &get("personal_code"))
        .await
    {
        Ok((user, record)) => {
            let v = record.current();
            let found = Found {
                username: user.username.to_string(),
                personal_code: record.personal_code.to_string(),
                name: v
                    .map(|v| format!("{} {}", v.data.given_name, v.data.family_name))
                    .unwrap_or_default(),
                birth_date: v.map(|v| v.data.birth_date.to_string()).unwrap_or_default(),
                address: v.map(|v| v.data.address.clone()).unwrap_or_default(),
            };
            let mut res = super::render(&page(c, FormErrors::new(), None, &f, Some(found)))?;
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(res)
        }
        Err(Refusal::Other(e)) => Err(e),
        Err(r) => {
            let errors = errors_of(&c.l, &r);
            super::render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(c, errors, None, &f, None),
            )
        }
    }
}

/// `POST /admin/enrolment/verify` (`username`, `personal_code`,
/// `document_type`, `confirmed`): links the account, proofed in person.
pub async fn verify(
    State(state): State<AppState>,
    lang: Lang,
    me: CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    register::require(&state, &me.user, Permission::EnrolmentInPerson).await?;
    let f = form(&body);
    let uri = Uri::from_static("/admin/enrolment");
    let c = Chrome::new(lang, &uri, Some(&me.user), me.csrf_token.clone());
    let l = c.l;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    match enrolment::verify_in_person(
        &state,
        &me.user,
        &get("username"),
        &get("personal_code"),
        &get("document_type"),
        f.get("confirmed").is_some_and(|v| v == "yes"),
    )
    .await
    {
        Ok(_) => {
            let notice = Some(l.t1("enrolment-verified", "username", get("username")));
            super::render(&page(
                c,
                FormErrors::new(),
                notice,
                &Default::default(),
                None,
            ))
        }
        Err(Refusal::Other(e)) => Err(e),
        Err(r) => {
            let errors = errors_of(&l, &r);
            // Back to the first step: the official looks the record up again.
            super::render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(c, errors, None, &f, None),
            )
        }
    }
}

/// `POST /admin/enrolment/letters` (`district`, optional): the batch as a PDF.
pub async fn print_letters(
    State(state): State<AppState>,
    lang: Lang,
    me: CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let f = form(&body);
    let l = L10n::new(lang);
    let batch = letters::print_batch(
        &state,
        &me.user,
        f.get("district").map_or("", String::as_str),
        &l,
    )
    .await?;
    let mut res = batch.pdf.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"activation-letters.pdf\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&batch.letters.to_string()) {
        h.insert("x-letters", v);
    }
    Ok(res)
}
