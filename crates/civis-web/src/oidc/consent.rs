//! The consent page (which claims a client service asks for, in plain words)
//! and `POST /oidc/consent`, where the resident allows or refuses.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use axum::Extension;
use civis_oidc::decide::Decision;
use civis_oidc::request::{error_redirect, validate, AuthorizeFailure, RawRequest, RedirectError};
use civis_oidc::scope::Scope;
use civis_oidc::{ticket, ErrorCode, OAuthError, SubjectType};
use civis_store::Change;

use super::authorize::{
    act, client_of, decide_for, error_page, parse_pairs, to_client, Pending, Via,
};
use super::continue_page::Outcome;
use crate::auth::extract::{AuthContext, SignedIn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::layout::Chrome;
use crate::state::AppState;

/// One hidden field carrying the authorization request through the form.
#[derive(Debug, Clone)]
pub struct Hidden {
    /// Parameter name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// `templates/oidc_consent.html`.
#[derive(Template)]
#[template(path = "oidc_consent.html")]
pub struct ConsentPage {
    /// The page frame.
    pub c: Chrome,
    /// The service's name.
    pub client_name: String,
    /// What the service would learn, one sentence per item.
    pub claims: Vec<String>,
    /// The authorization request, as hidden fields.
    pub hidden: Vec<Hidden>,
}

/// The plain-words items the consent page lists for the requested scopes.
pub fn claim_items(
    l: &crate::i18n::L10n,
    scopes: civis_oidc::Scopes,
    subject: SubjectType,
) -> Vec<String> {
    let mut items = Vec::new();
    for scope in scopes.iter() {
        match scope {
            Scope::OpenId => {
                items.push(l.t(match subject {
                    SubjectType::Pairwise => "oidc-claim-sub-pairwise",
                    SubjectType::Public => "oidc-claim-sub-public",
                }));
                items.push(l.t("oidc-claim-authentication"));
            }
            Scope::Profile => {
                items.push(l.t("oidc-claim-name"));
                items.push(l.t("oidc-claim-register-profile"));
            }
            Scope::Address => items.push(l.t("oidc-claim-address")),
            Scope::OfflineAccess => items.push(l.t("oidc-claim-offline")),
        }
    }
    items
}

/// Renders the consent page for a pending request.
pub async fn page(
    _state: &AppState,
    lang: Lang,
    uri: &Uri,
    ctx: &AuthContext,
    s: &SignedIn,
    p: &Pending<'_>,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, uri, Some(&s.user), ctx.csrf_token.clone());
    let mut hidden: Vec<Hidden> = p
        .raw
        .pairs()
        .map(|(k, v)| Hidden {
            name: k.to_owned(),
            value: v.to_owned(),
        })
        .collect();
    if let Some(t) = p.sent_ticket {
        hidden.push(Hidden {
            name: ticket::PARAM.to_owned(),
            value: t.to_owned(),
        });
    }
    let page = ConsentPage {
        client_name: p.client.settings.name.clone(),
        claims: claim_items(&c.l, p.req.scopes, p.client.settings.subject_type),
        hidden,
        c,
    };
    crate::pages::render(&page)
}

/// `POST /oidc/consent`: `decision=allow` stores the consent and goes on with
/// the request; anything else answers the client with `access_denied`. The
/// answer to the client goes through the "Continue" page (a redirect after
/// this form would be blocked by the pages' `form-action` policy).
pub async fn decide(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Extension(ctx): Extension<AuthContext>,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(s) = ctx.signed_in.as_ref() else {
        return Err(AppError::Unauthorized);
    };
    let pairs = parse_pairs(&body);
    let raw = RawRequest::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let client = match client_of(&state, &raw).await? {
        Ok(c) => c,
        Err(e) => return error_page(lang, &uri, e),
    };
    let mut req = match validate(&raw, &client) {
        Ok(r) => r,
        Err(AuthorizeFailure::Page(e)) => return error_page(lang, &uri, e),
        Err(AuthorizeFailure::Redirect(e)) => {
            let to = error_redirect(&e, &super::issuer(&state));
            return to_client(lang, &ctx, &client, Via::OwnForm, &to, Outcome::Error);
        }
    };
    let allowed = pairs.iter().any(|(k, v)| k == "decision" && v == "allow");
    if !allowed {
        let e = RedirectError {
            redirect_uri: req.redirect_uri.clone(),
            state: req.state.clone(),
            error: OAuthError::new(ErrorCode::AccessDenied, "the resident did not consent"),
        };
        let to = error_redirect(&e, &super::issuer(&state));
        return to_client(lang, &ctx, &client, Via::OwnForm, &to, Outcome::Error);
    }
    state
        .store()
        .grant_oidc_consent(
            s.user.id,
            &client.id,
            req.scopes,
            Change::by(s.user.id, state.now()),
        )
        .await?;
    // Consent was just given: `prompt=consent` is satisfied.
    req.prompt.consent = false;
    let sent_ticket = pairs
        .iter()
        .find(|(k, _)| k == ticket::PARAM)
        .map(|(_, v)| v.as_str());
    let (decision, level) = decide_for(&state, &req, &client, Some(s), sent_ticket).await?;
    let decision = match decision {
        // The consent was stored a moment ago; never loop back to the page.
        Decision::Interact(civis_oidc::decide::Interaction::Consent) => Decision::Issue,
        d => d,
    };
    let p = Pending {
        raw: &raw,
        req: &req,
        client: &client,
        sent_ticket,
        via: Via::OwnForm,
    };
    act(&state, lang, &uri, &ctx, &p, decision, level).await
}
