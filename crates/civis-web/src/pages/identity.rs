//! `/identity`: a resident's level of assurance, what would raise it, the
//! enrolment forms (activation letter code, SMS code), and which services were
//! given their register details (`oidc.claims_released`).

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::Extension;
use civis_domain::{level_of_assurance, AuditAction, AuthMethod, LevelOfAssurance, Proofing, User};
use civis_identity::codes::Channel;
use civis_oidc::ClientId;
use civis_store::register::RecordLookup;
use civis_store::{AuditFilter, Page, StoreError};

use super::account::When;
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::extract::AuthContext;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::register::enrolment::{self, Refusal};
use crate::state::AppState;

/// `templates/identity.html`.
#[derive(Template)]
#[template(path = "identity.html")]
pub struct IdentityPage {
    /// The frame.
    pub c: Chrome,
    /// Errors.
    pub errors: FormErrors,
    /// A confirmation.
    pub notice: Option<String>,
    /// This session's level, translated.
    pub level: String,
    /// How the account is tied to the register, translated (`None`: not linked).
    pub proofing: Option<String>,
    /// The name in the linked register record.
    pub linked_name: Option<String>,
    /// What would raise the level, translated.
    pub raise: Vec<String>,
    /// Letter form: personal code.
    pub letter_personal_code: Field,
    /// Letter form: the activation code.
    pub letter_code: Field,
    /// SMS form: personal code.
    pub sms_personal_code: Field,
    /// Where the SMS went (masked), once sent.
    pub sms_sent_to: Option<String>,
    /// SMS form: the code.
    pub sms_code: Field,
    /// The latest releases of register details to services, newest first.
    pub releases: Vec<ReleaseRow>,
}

/// One release of register details to a service, as the page lists it.
#[derive(Debug, Clone)]
pub struct ReleaseRow {
    /// The service's name (its id if it is no longer registered).
    pub service: String,
    /// What it was given, translated.
    pub what: String,
    /// When.
    pub at: When,
}

/// How many releases the page lists.
const RELEASES_SHOWN: u32 = 20;

/// The name of the service with client id `id` (the id itself if it is no
/// longer registered).
async fn service_name(state: &AppState, id: &str) -> Result<String, AppError> {
    let Ok(client) = ClientId::parse(id) else {
        return Ok(id.to_owned());
    };
    match state.store().oidc_client(&client).await {
        Ok(found) => Ok(found.settings.name),
        Err(StoreError::NotFound) => Ok(id.to_owned()),
        Err(other) => Err(other.into()),
    }
}

/// The latest releases of `user`'s register details, in `l`'s words.
async fn releases(state: &AppState, l: &L10n, user: &User) -> Result<Vec<ReleaseRow>, AppError> {
    let filter = AuditFilter {
        action: Some(AuditAction::OidcClaimsReleased),
        target: Some(civis_domain::audit::user_target(user.id)),
        ..AuditFilter::default()
    };
    let events = state
        .store()
        .list_audit(&filter, Page::first(RELEASES_SHOWN))
        .await?;
    let mut rows = Vec::with_capacity(events.len());
    // Service names by client id: each service read once, however often it appears.
    let mut names: HashMap<String, String> = HashMap::new();
    for e in events {
        let after = e.after.unwrap_or_default();
        let id = after["client"].as_str().unwrap_or_default().to_owned();
        let service = match names.get(&id) {
            Some(name) => name.clone(),
            None => {
                let name = service_name(state, &id).await?;
                names.insert(id, name.clone());
                name
            }
        };
        let claims: Vec<&str> = after["claims"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c.as_str()).collect())
            .unwrap_or_default();
        let mut what = Vec::new();
        if claims.contains(&"given_name") {
            what.push(l.t("identity-released-profile"));
        }
        if claims.contains(&"address") {
            what.push(l.t("identity-released-address"));
        }
        rows.push(ReleaseRow {
            service,
            what: what.join(", "),
            at: When::from(e.at),
        });
    }
    Ok(rows)
}

/// What was typed, to show again.
#[derive(Debug, Default, Clone)]
struct Typed {
    letter_personal_code: String,
    sms_personal_code: String,
}

fn form(body: &[u8]) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// What a response shows besides the account's state.
#[derive(Debug, Default)]
struct View {
    errors: FormErrors,
    notice: Option<String>,
    typed: Typed,
    sms_sent_to: Option<String>,
}

async fn build(
    state: &AppState,
    c: Chrome,
    ctx_methods: civis_domain::AuthMethods,
    user: &User,
    view: View,
) -> Result<IdentityPage, AppError> {
    let View {
        errors,
        notice,
        typed,
        sms_sent_to,
    } = view;
    let l: L10n = c.l;
    let proofing = state.store().account_proofing(user.id).await?;
    let level = level_of_assurance(proofing, ctx_methods);
    let link = state.store().register_link(user.id).await?;
    let linked_name = match &link {
        Some(link) => state
            .store()
            .register_record(&RecordLookup::Id(link.record_id))
            .await?
            .and_then(|r| {
                r.current()
                    .map(|v| format!("{} {}", v.data.given_name, v.data.family_name))
            }),
        None => None,
    };
    let mut raise = Vec::new();
    match proofing {
        None => raise.push(l.t("identity-raise-link")),
        Some(_) if level < LevelOfAssurance::Substantial => {
            raise.push(l.t("identity-raise-factor"));
        }
        Some(_) => {}
    }
    if level < LevelOfAssurance::High {
        if proofing != Some(Proofing::InPerson) {
            raise.push(l.t("identity-raise-in-person"));
        }
        if !ctx_methods.contains(AuthMethod::Passkey) {
            raise.push(l.t("identity-raise-passkey"));
        }
    }
    Ok(IdentityPage {
        level: l.t(&format!("identity-level-{}", level.as_str())),
        proofing: proofing.map(|p| {
            l.t(&format!(
                "identity-proofing-{}",
                p.as_str().replace('_', "-")
            ))
        }),
        linked_name,
        raise,
        letter_personal_code: Field::text(
            "letter_personal_code",
            l.t("register-field-personal-code"),
            &typed.letter_personal_code,
            &errors,
        ),
        letter_code: Field::text(
            "letter_code",
            l.t("identity-field-letter-code"),
            "",
            &errors,
        )
        .hint(l.t("identity-hint-letter-code")),
        sms_personal_code: Field::text(
            "sms_personal_code",
            l.t("register-field-personal-code"),
            &typed.sms_personal_code,
            &errors,
        ),
        sms_sent_to,
        sms_code: Field::text("sms_code", l.t("identity-field-sms-code"), "", &errors)
            .autocomplete("one-time-code"),
        releases: releases(state, &l, user).await?,
        errors,
        notice,
        c,
    })
}

fn signed_in(ctx: &AuthContext) -> Result<(User, civis_domain::AuthMethods), AppError> {
    let s = ctx.signed_in.as_ref().ok_or(AppError::Unauthorized)?;
    Ok((s.user.clone(), s.auth_methods))
}

/// `GET /identity`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
) -> Result<Response, AppError> {
    let (user, methods) = signed_in(&ctx)?;
    let c = Chrome::new(lang, &uri, Some(&user), ctx.csrf_token.clone());
    let page = build(&state, c, methods, &user, View::default()).await?;
    super::render(&page)
}

fn refusal_errors(l: &L10n, prefix: &str, r: &Refusal) -> FormErrors {
    let mut errors = FormErrors::new();
    let text = match r {
        Refusal::WrongCode { left } => l.t1("identity-code-wrong", "left", *left),
        other => l.t(&other.key()),
    };
    errors.add(format!("{prefix}_{}", r.field()), text);
    errors
}

async fn respond(
    state: &AppState,
    lang: Lang,
    ctx: &AuthContext,
    outcome: Result<Option<String>, (String, Refusal)>,
    typed: Typed,
    sms_sent_to: Option<String>,
) -> Result<Response, AppError> {
    let (user, methods) = signed_in(ctx)?;
    let uri = Uri::from_static("/identity");
    let c = Chrome::new(lang, &uri, Some(&user), ctx.csrf_token.clone());
    let l = c.l;
    let (status, errors, notice) = match outcome {
        Ok(notice) => (StatusCode::OK, FormErrors::new(), notice),
        Err((_, Refusal::Other(e))) => return Err(e),
        Err((prefix, r)) => {
            let status = if r.is_rate_limit() {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            (status, refusal_errors(&l, &prefix, &r), None)
        }
    };
    let view = View {
        errors,
        notice,
        typed,
        sms_sent_to,
    };
    let page = build(state, c, methods, &user, view).await?;
    super::render_with(status, &page)
}

/// `POST /identity/letter` (`letter_personal_code`, `letter_code`).
pub async fn letter(
    State(state): State<AppState>,
    lang: Lang,
    Extension(ctx): Extension<AuthContext>,
    body: Bytes,
) -> Result<Response, AppError> {
    let (user, _) = signed_in(&ctx)?;
    let f = form(&body);
    let pc = f.get("letter_personal_code").cloned().unwrap_or_default();
    let code = f.get("letter_code").cloned().unwrap_or_default();
    let l = L10n::new(lang);
    let outcome = enrolment::redeem(&state, &user, &pc, &code, Channel::Letter)
        .await
        .map(|_| Some(l.t("identity-linked-letter")))
        .map_err(|r| ("letter".to_owned(), r));
    let typed = Typed {
        letter_personal_code: pc,
        ..Typed::default()
    };
    respond(&state, lang, &ctx, outcome, typed, None).await
}

/// `POST /identity/sms` (`sms_personal_code`, and `sms_code` once sent): sends
/// a code, or checks the one typed.
pub async fn sms(
    State(state): State<AppState>,
    lang: Lang,
    Extension(ctx): Extension<AuthContext>,
    body: Bytes,
) -> Result<Response, AppError> {
    let (user, _) = signed_in(&ctx)?;
    let f = form(&body);
    let pc = f.get("sms_personal_code").cloned().unwrap_or_default();
    let l = L10n::new(lang);
    let typed = Typed {
        sms_personal_code: pc.clone(),
        ..Typed::default()
    };
    if let Some(code) = f.get("sms_code") {
        let outcome = enrolment::redeem(&state, &user, &pc, code, Channel::Sms)
            .await
            .map(|_| Some(l.t("identity-linked-sms")))
            .map_err(|r| ("sms".to_owned(), r));
        let sent = outcome.is_err().then(String::new);
        return respond(&state, lang, &ctx, outcome, typed, sent).await;
    }
    match enrolment::send_sms(&state, &user, &pc).await {
        Ok(masked) => {
            let notice = Some(l.t1("identity-sms-sent", "phone", masked.clone()));
            respond(&state, lang, &ctx, Ok(notice), typed, Some(masked)).await
        }
        Err(r) => respond(&state, lang, &ctx, Err(("sms".to_owned(), r)), typed, None).await,
    }
}
