//! Administration of the OpenID Connect provider's client services (admins):
//! the list with a registration form, and each client's page with its
//! settings and a button for a new secret. Secrets are shown once.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use civis_domain::LevelOfAssurance;
use civis_oidc::client::{ClientDraft, ClientProblem};
use civis_oidc::{Client, ClientId, Scope};

use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::extract::ManageUsers;
use crate::auth::RequireRole;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::oidc::clients::{self, RegisterError};
use crate::state::AppState;

/// One option of a select or one checkbox.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The submitted value.
    pub value: &'static str,
    /// The translated label.
    pub label: String,
    /// Whether it is selected or checked.
    pub on: bool,
}

/// The registration form's fields, as typed.
#[derive(Debug, Clone, Default)]
pub struct ClientForm {
    /// `client_id` (registration only).
    pub client_id: String,
    /// The rest.
    pub draft: ClientDraft,
}

impl ClientForm {
    fn parse(body: &[u8]) -> Self {
        let mut form = ClientForm::default();
        for (k, v) in url::form_urlencoded::parse(body) {
            let v = v.into_owned();
            match k.as_ref() {
                "client_id" => form.client_id = v,
                "name" => form.draft.name = v,
                "redirect_uris" => form.draft.redirect_uris = v,
                "scopes" => form.draft.scopes.push(v),
                "min_level" => form.draft.min_level = v,
                "subject_type" => form.draft.subject_type = v,
                "kind" => form.draft.kind = v,
                "sector_identifier" => form.draft.sector_identifier = v,
                "id_token_alg" => form.draft.id_token_alg = v,
                _ => {}
            }
        }
        form
    }

    fn of(client: &Client) -> Self {
        let s = &client.settings;
        ClientForm {
            client_id: client.id.to_string(),
            draft: ClientDraft {
                name: s.name.clone(),
                redirect_uris: s.redirect_uris.join("\n"),
                scopes: s
                    .allowed_scopes
                    .iter()
                    .filter(|x| *x != Scope::OpenId)
                    .map(|x| x.as_str().to_owned())
                    .collect(),
                min_level: s.min_level.as_str().into(),
                subject_type: s.subject_type.as_str().into(),
                kind: s.kind.as_str().into(),
                sector_identifier: s.sector_identifier.clone().unwrap_or_default(),
                id_token_alg: s.id_token_alg.as_str().into(),
            },
        }
    }

    fn blank() -> Self {
        ClientForm {
            client_id: String::new(),
            draft: ClientDraft {
                min_level: "low".into(),
                subject_type: "pairwise".into(),
                kind: "confidential".into(),
                id_token_alg: "RS256".into(),
                ..ClientDraft::default()
            },
        }
    }
}

/// The fields of the form as the template shows them.
#[derive(Debug, Clone)]
pub struct FormView {
    /// Client id (registration only).
    pub client_id: Field,
    /// Name.
    pub name: Field,
    /// Redirect URIs, one per line.
    pub redirect_uris: String,
    /// Their error.
    pub redirect_uris_error: Option<String>,
    /// Scope checkboxes.
    pub scopes: Vec<Choice>,
    /// Scope error.
    pub scopes_error: Option<String>,
    /// Level options.
    pub levels: Vec<Choice>,
    /// Subject type options.
    pub subject_types: Vec<Choice>,
    /// Kind options.
    pub kinds: Vec<Choice>,
    /// Sector identifier.
    pub sector_identifier: Field,
    /// ID token signing algorithm options.
    pub id_token_algs: Vec<Choice>,
}

fn choices(l: &L10n, items: &[(&'static str, &str)], current: &str) -> Vec<Choice> {
    items
        .iter()
        .map(|(value, key)| Choice {
            value,
            label: l.t(key),
            on: *value == current,
        })
        .collect()
}

fn form_view(l: &L10n, form: &ClientForm, errors: &FormErrors) -> FormView {
    let d = &form.draft;
    FormView {
        client_id: Field::text(
            "client_id",
            l.t("oidc-clients-field-client-id"),
            &form.client_id,
            errors,
        )
        .hint(l.t("oidc-clients-hint-client-id")),
        name: Field::text("name", l.t("oidc-clients-field-name"), &d.name, errors)
            .hint(l.t("oidc-clients-hint-name")),
        redirect_uris: d.redirect_uris.clone(),
        redirect_uris_error: errors.get("redirect_uris").map(str::to_owned),
        scopes: [Scope::Profile, Scope::Address, Scope::OfflineAccess]
            .into_iter()
            .map(|s| Choice {
                value: s.as_str(),
                label: l.t(&format!(
                    "oidc-clients-scope-{}",
                    s.as_str().replace('_', "-")
                )),
                on: d.scopes.iter().any(|x| x == s.as_str()),
            })
            .collect(),
        scopes_error: errors.get("scopes").map(str::to_owned),
        levels: LevelOfAssurance::ALL
            .into_iter()
            .map(|lv| Choice {
                value: lv.as_str(),
                label: l.t(&format!("oidc-clients-level-{}", lv.as_str())),
                on: lv.as_str() == d.min_level,
            })
            .collect(),
        subject_types: choices(
            l,
            &[
                ("pairwise", "oidc-clients-subject-pairwise"),
                ("public", "oidc-clients-subject-public"),
            ],
            &d.subject_type,
        ),
        kinds: choices(
            l,
            &[
                ("confidential", "oidc-clients-kind-confidential"),
                ("public", "oidc-clients-kind-public"),
            ],
            &d.kind,
        ),
        sector_identifier: Field::text(
            "sector_identifier",
            l.t("oidc-clients-field-sector"),
            &d.sector_identifier,
            errors,
        )
        .hint(l.t("oidc-clients-hint-sector")),
        id_token_algs: choices(
            l,
            &[
                ("RS256", "oidc-clients-alg-rs256"),
                ("ES256", "oidc-clients-alg-es256"),
            ],
            &d.id_token_alg,
        ),
    }
}

/// One row of the clients table.
#[derive(Debug, Clone)]
pub struct ClientRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Translated kind.
    pub kind: String,
    /// Translated minimum level.
    pub level: String,
    /// Translated subject type.
    pub subject: String,
}

/// `templates/oidc_clients.html`.
#[derive(Template)]
#[template(path = "oidc_clients.html")]
pub struct ClientsPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the registration form.
    pub errors: FormErrors,
    /// The registered clients.
    pub clients: Vec<ClientRow>,
    /// The registration form.
    pub form: FormView,
}

/// `templates/oidc_client.html`.
#[derive(Template)]
#[template(path = "oidc_client.html")]
pub struct ClientPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors of the settings form.
    pub errors: FormErrors,
    /// The client id.
    pub id: String,
    /// Whether it is confidential (has a secret).
    pub confidential: bool,
    /// A secret issued just now, shown once.
    pub secret: Option<String>,
    /// A confirmation, if any.
    pub notice: Option<String>,
    /// The settings form.
    pub form: FormView,
}

fn problem_errors(l: &L10n, problems: &[ClientProblem]) -> FormErrors {
    let mut errors = FormErrors::new();
    for p in problems {
        errors.add(p.field(), l.t(&format!("oidc-clients-problem-{}", p.key())));
    }
    errors
}

fn row(l: &L10n, c: &Client) -> ClientRow {
    let s = &c.settings;
    ClientRow {
        id: c.id.to_string(),
        name: s.name.clone(),
        kind: l.t(&format!("oidc-clients-kind-{}", s.kind.as_str())),
        level: l.t(&format!("oidc-clients-level-{}", s.min_level.as_str())),
        subject: l.t(&format!("oidc-clients-subject-{}", s.subject_type.as_str())),
    }
}

async fn list_page(
    state: &AppState,
    c: Chrome,
    errors: FormErrors,
    form: &ClientForm,
) -> Result<ClientsPage, AppError> {
    let clients = state.store().list_oidc_clients().await?;
    let l = c.l;
    Ok(ClientsPage {
        clients: clients.iter().map(|x| row(&l, x)).collect(),
        form: form_view(&l, form, &errors),
        errors,
        c,
    })
}

/// `GET /admin/oidc-clients`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    let page = list_page(&state, c, FormErrors::new(), &ClientForm::blank()).await?;
    super::render(&page)
}

/// `POST /admin/oidc-clients`: registers a client and shows its page with the
/// secret, or the list again with the errors next to the fields.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
    body: Bytes,
) -> Result<Response, AppError> {
    let l = L10n::new(lang);
    let form = ClientForm::parse(&body);
    let errors = match clients::register(&state, &admin.user, &form.client_id, &form.draft).await {
        Ok((client, secret)) => {
            let to = format!("/admin/oidc-clients/{}", client.id);
            let to_uri: Uri = to.parse().unwrap_or(uri);
            let c = Chrome::new(lang, &to_uri, Some(&admin.user), admin.csrf_token.clone());
            let notice = Some(c.l.t("oidc-clients-registered"));
            return client_page(
                c,
                &client,
                secret,
                notice,
                FormErrors::new(),
                &ClientForm::of(&client),
            );
        }
        Err(RegisterError::Invalid(problems)) => problem_errors(&l, &problems),
        Err(RegisterError::Taken) => {
            let mut e = FormErrors::new();
            e.add("client_id", l.t("oidc-clients-problem-taken"));
            e
        }
        Err(RegisterError::Other(e)) => return Err(e),
    };
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    let page = list_page(&state, c, errors, &form).await?;
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

fn client_page(
    c: Chrome,
    client: &Client,
    secret: Option<String>,
    notice: Option<String>,
    errors: FormErrors,
    form: &ClientForm,
) -> Result<Response, AppError> {
    let l = c.l;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ClientPage {
        id: client.id.to_string(),
        confidential: client.settings.kind == civis_oidc::ClientKind::Confidential,
        secret,
        notice,
        form: form_view(&l, form, &errors),
        errors,
        c,
    };
    let mut res = super::render_with(status, &page)?;
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

fn parse_id(id: &str) -> Result<ClientId, AppError> {
    ClientId::parse(id).map_err(|_| AppError::NotFound)
}

/// `GET /admin/oidc-clients/{id}`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let client = state.store().oidc_client(&parse_id(&id)?).await?;
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    client_page(
        c,
        &client,
        None,
        None,
        FormErrors::new(),
        &ClientForm::of(&client),
    )
}

/// `POST /admin/oidc-clients/{id}`: saves the settings.
pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    admin: RequireRole<ManageUsers>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let before = state.store().oidc_client(&id).await?;
    let mut form = ClientForm::parse(&body);
    form.client_id = id.to_string();
    let c = Chrome::new(lang, &uri, Some(&admin.user), admin.csrf_token.clone());
    match clients::update(&state, &admin.user, &id, &form.draft).await {
        Ok((client, secret)) => {
            let notice = Some(c.l.t("oidc-clients-saved"));
            client_page(
                c,
                &client,
                secret,
                notice,
                FormErrors::new(),
                &ClientForm::of(&client),
            )
        }
        Err(RegisterError::Invalid(problems)) => {
            let errors = problem_errors(&c.l, &problems);
            client_page(c, &before, None, None, errors, &form)
        }
        Err(RegisterError::Taken) => Err(AppError::Internal(anyhow::anyhow!(
            "update reported a taken id"
        ))),
        Err(RegisterError::Other(e)) => Err(e),
    }
}

/// `POST /admin/oidc-clients/{id}/secret`: a new secret, shown once.
pub async fn new_secret(
    State(state): State<AppState>,
    lang: Lang,
    admin: RequireRole<ManageUsers>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let client = state.store().oidc_client(&id).await?;
    if client.settings.kind != civis_oidc::ClientKind::Confidential {
        return Ok(Redirect::to(&format!("/admin/oidc-clients/{id}")).into_response());
    }
    let secret = clients::reset_secret(&state, &admin.user, &id).await?;
    let to: Uri = format!("/admin/oidc-clients/{id}")
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let c = Chrome::new(lang, &to, Some(&admin.user), admin.csrf_token.clone());
    let notice = Some(c.l.t("oidc-clients-secret-replaced"));
    client_page(
        c,
        &client,
        Some(secret),
        notice,
        FormErrors::new(),
        &ClientForm::of(&client),
    )
}
