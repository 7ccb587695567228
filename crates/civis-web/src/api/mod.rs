//! The JSON API under `/api/v1`, documented with OpenAPI 3.1 (utoipa).
//!
//! Every route is registered through [`router`] with its `#[utoipa::path]` annotation, so
//! the document served at `/api/v1/openapi.json` lists them all; the integration tests
//! compare that document against the routes the router really has.

pub mod audit;
pub mod budget;
pub mod budget_ballots;
pub mod budget_exports;
pub mod budget_proposals;
pub mod budget_results;
pub mod credentials;
pub mod extract;
pub mod log;
pub mod meta;
pub mod oidc_clients;
pub mod passkeys;
pub mod recovery;
pub mod register;
pub mod secret_ballot;
pub mod session;
pub mod trustees;
pub mod users;
pub mod wire;
pub mod wire_auth;
pub mod wire_budget;
pub mod wire_oidc;
pub mod wire_recovery;
pub mod wire_register;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// Where the OpenAPI document is served.
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// Top-level OpenAPI metadata; paths are added by [`router`].
#[derive(OpenApi)]
#[openapi(
    info(
        title = "civis API",
        description = "The JSON API of civis. Errors are RFC 9457 `application/problem+json` documents. \
Requests authenticated with the session cookie must send the session's CSRF token in `X-CSRF-Token` \
when they change state.",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError)),
    modifiers(&SecuritySchemes)
)]
pub struct ApiDoc;

/// Declares how the API authenticates: the session cookie, plus the CSRF header on
/// state-changing requests.
pub struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::cookies::SESSION_COOKIE,
                "Set by sign-in and sign-up; HttpOnly, SameSite=Lax.",
            ))),
        );
        components.add_security_scheme(
            "csrf_header",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The session's `csrf_token` (from sign-in or `GET /api/v1/me`), required on \
                 state-changing requests made with the session cookie.",
            ))),
        );
    }
}

/// The API routes together with their OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(meta::version))
        .routes(routes!(session::sign_up))
        .routes(routes!(session::sign_in))
        .routes(routes!(session::sign_in_totp))
        .routes(routes!(session::sign_out))
        .routes(routes!(session::me))
        .routes(routes!(credentials::change_password))
        .routes(routes!(credentials::begin_totp, credentials::remove_totp))
        .routes(routes!(credentials::confirm_totp))
        .routes(routes!(credentials::list_sessions))
        .routes(routes!(credentials::revoke_session))
        .routes(routes!(passkeys::start_registration))
        .routes(routes!(
            passkeys::finish_registration,
            passkeys::list_passkeys
        ))
        .routes(routes!(passkeys::remove_passkey))
        .routes(routes!(passkeys::start_sign_in))
        .routes(routes!(passkeys::finish_sign_in))
        .routes(routes!(users::list_users, users::create_user))
        .routes(routes!(users::get_user))
        .routes(routes!(users::change_role))
        .routes(routes!(
            oidc_clients::list_clients,
            oidc_clients::create_client
        ))
        .routes(routes!(
            oidc_clients::get_client,
            oidc_clients::update_client
        ))
        .routes(routes!(oidc_clients::reset_client_secret))
        .merge(register::router())
        .routes(routes!(recovery::issue_recovery_code))
        .routes(routes!(recovery::recover))
        .routes(routes!(audit::list_audit_events))
        .routes(routes!(log::inclusion_proof))
        .routes(routes!(log::consistency_proof))
        .routes(routes!(log::process_inclusion_proof))
        .routes(routes!(log::process_consistency_proof))
        .routes(routes!(secret_ballot::secret_ballot_info))
        .routes(routes!(secret_ballot::request_credential))
        .routes(routes!(secret_ballot::submit_sealed))
        .routes(routes!(secret_ballot::enter_sealed_paper_ballot))
        .routes(routes!(trustees::get_trustees, trustees::set_trustees))
        .routes(routes!(trustees::submit_key))
        .routes(routes!(trustees::submit_dealing))
        .routes(routes!(trustees::submit_share))
        .routes(routes!(budget::list_processes, budget::create_process))
        .routes(routes!(budget::get_process, budget::update_process))
        .routes(routes!(
            budget_proposals::list_proposals,
            budget_proposals::submit_proposal
        ))
        .routes(routes!(
            budget_proposals::get_proposal,
            budget_proposals::edit_proposal
        ))
        .routes(routes!(budget_proposals::support_proposal))
        .routes(routes!(budget_proposals::review_proposal))
        .routes(routes!(budget_proposals::moderate_proposal))
        .routes(routes!(budget_proposals::list_projects))
        .routes(routes!(
            budget_ballots::cast_ballot,
            budget_ballots::own_ballot
        ))
        .routes(routes!(budget_ballots::enter_paper_ballot))
        .routes(routes!(
            budget_results::publish_results,
            budget_results::get_results
        ))
        .routes(routes!(budget_results::report_implementation))
        .routes(routes!(budget_results::list_implementation))
        .routes(routes!(budget_exports::pabulib))
        .routes(routes!(budget_exports::export_csv))
        .routes(routes!(budget_exports::export_json))
        .routes(routes!(
            budget_results::set_resident_profile,
            budget_results::get_resident_profile
        ))
}
