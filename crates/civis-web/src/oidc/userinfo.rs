//! `GET|POST /oidc/userinfo`: the claims of the consented scopes, for a valid
//! access token (RFC 6750 Bearer, in the header or, with `POST`, the form body).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use civis_domain::Timestamp;
use civis_identity::{Date, RecordStatus};
use civis_oidc::claims::{userinfo as release, Address, Person};
use civis_oidc::scope::Scope;
use civis_oidc::{ErrorCode, OAuthError};
use civis_store::oidc::{audit, OidcTokenHolder, OidcTokenKind};
use civis_store::register::RecordLookup;

use super::respond::{self, bearer_error};
use crate::error::AppError;
use crate::state::AppState;

/// The access token of the request: `Authorization: Bearer …`, or the
/// `access_token` field of a form body. `Err` when it is sent twice.
fn bearer(headers: &HeaderMap, body: &[u8]) -> Result<Option<String>, OAuthError> {
    let from_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_owned())
        });
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let from_body = if is_form {
        url::form_urlencoded::parse(body)
            .find(|(k, _)| k == "access_token")
            .map(|(_, v)| v.into_owned())
    } else {
        None
    };
    match (from_header, from_body) {
        (Some(_), Some(_)) => Err(OAuthError::invalid_request(
            "send the access token once, in the header or the body",
        )),
        (Some(t), None) | (None, Some(t)) => Ok(Some(t)),
        (None, None) => Ok(None),
    }
}

/// `GET|POST /oidc/userinfo`.
pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match run(&state, &headers, &body).await {
        Ok(res) => res,
        Err(e) => respond::oauth_error(&respond::from_app_error(e), false),
    }
}

async fn run(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<Response, AppError> {
    let token = match bearer(headers, body) {
        Ok(Some(t)) => t,
        Ok(None) => return Ok(bearer_error(None)),
        Err(e) => return Ok(bearer_error(Some(&e))),
    };
    let invalid = OAuthError::new(
        ErrorCode::InvalidToken,
        "the access token is invalid, expired or revoked",
    );
    let Some(holder) = state
        .store()
        .oidc_token_holder(&super::digest(&token))
        .await?
    else {
        return Ok(bearer_error(Some(&invalid)));
    };
    let stored = &holder.token;
    let now = state.now();
    if stored.kind != OidcTokenKind::Access || !stored.is_active(now) {
        return Ok(bearer_error(Some(&invalid)));
    }
    if !stored.scopes.contains(Scope::OpenId) {
        return Ok(bearer_error(Some(&OAuthError::new(
            ErrorCode::InsufficientScope,
            "the token was not issued for the openid scope",
        ))));
    }
    let mut person = Person {
        name: holder.user.display_name.to_string(),
        preferred_username: holder.user.username.to_string(),
        ..Person::default()
    };
    if let Some(record) = holder.register_record {
        add_register_claims(state, &holder, record, now, &mut person).await?;
    }
    let claims = release(&stored.sub, stored.scopes, &person);
    Ok(respond::json_no_store(StatusCode::OK, &claims))
}

/// Fills `person` with the register claims the token's scopes release
/// (`profile`: given and family name, birth date; `address`: the address of a
/// resident still living here), from the version of the linked record valid
/// on `now`'s day. The release is recorded as `oidc.claims_released` before
/// anything is released; nothing is read when no scope asks for these claims.
async fn add_register_claims(
    state: &AppState,
    holder: &OidcTokenHolder,
    record: i64,
    now: Timestamp,
    person: &mut Person,
) -> Result<(), AppError> {
    let scopes = holder.token.scopes;
    let (profile, address) = (
        scopes.contains(Scope::Profile),
        scopes.contains(Scope::Address),
    );
    if !profile && !address {
        return Ok(());
    }
    let Some(found) = state
        .store()
        .register_record(&RecordLookup::Id(record))
        .await?
    else {
        return Ok(());
    };
    let Some(version) = found.on(Date::of(now)) else {
        return Ok(());
    };
    let data = &version.data;
    let mut released = Vec::new();
    if profile {
        person.given_name = Some(data.given_name.clone());
        person.family_name = Some(data.family_name.clone());
        person.birthdate = Some(data.birth_date.to_string());
        released.extend(["given_name", "family_name", "birthdate"]);
    }
    if address && data.status == RecordStatus::Active {
        person.address = Some(Address {
            formatted: formatted_address(&data.address),
            ..Address::default()
        });
        released.push("address");
    }
    if released.is_empty() {
        return Ok(());
    }
    let event = audit::claims_released(
        now,
        holder.user.id,
        &holder.token.client_id,
        record,
        &released,
    );
    state.store().append_audit(&event).await?;
    Ok(())
}

/// A register address as OpenID Connect's `formatted`: one line per part.
fn formatted_address(register: &str) -> String {
    register
        .split(['\n', ','])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::formatted_address;

    #[test]
    fn register_addresses_become_lines() {
        assert_eq!(
            formatted_address("Pikk 1-4, 10123 Tallinn"),
            "Pikk 1-4\n10123 Tallinn"
        );
        assert_eq!(formatted_address("Pikk 1\nTallinn\n"), "Pikk 1\nTallinn");
    }
}
