//! Re-authentication tickets: proof that the provider sent the resident to
//! sign in again for one particular authorization request.
//!
//! `prompt=login` and `max_age` demand a fresh sign-in; the resident comes back
//! to the same request afterwards, which would demand it again. The provider
//! adds a ticket to the request it sends the resident back to: the time it
//! asked, with an HMAC over that time and the request's client, redirect URI,
//! state, nonce and PKCE challenge. A sign-in after that time satisfies the
//! demand for this request only (the PKCE challenge is fresh per request).

use civis_domain::Timestamp;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::request::AuthorizationRequest;

/// The query parameter carrying the ticket.
pub const PARAM: &str = "civis_reauth";

fn mac(secret: &[u8], at: Timestamp, req: &AuthorizationRequest) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).ok()?;
    for part in [
        at.as_millis().to_string().as_str(),
        req.client_id.as_str(),
        req.redirect_uri.as_str(),
        req.state.as_deref().unwrap_or_default(),
        req.nonce.as_deref().unwrap_or_default(),
        req.code_challenge.as_str(),
    ] {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    Some(mac)
}

/// A ticket saying the provider asked for a sign-in for `req` at `at`.
pub fn issue(secret: &[u8], at: Timestamp, req: &AuthorizationRequest) -> String {
    match mac(secret, at, req) {
        Some(m) => format!(
            "{}.{}",
            at.as_millis(),
            crate::b64::encode(&m.finalize().into_bytes())
        ),
        None => String::new(),
    }
}

/// When the provider asked, if `ticket` is a genuine ticket for `req`.
pub fn verify(secret: &[u8], ticket: &str, req: &AuthorizationRequest) -> Option<Timestamp> {
    let (millis, tag) = ticket.split_once('.')?;
    let at = Timestamp::from_millis(millis.parse().ok()?);
    let tag = crate::b64::decode(tag)?;
    mac(secret, at, req)?.verify_slice(&tag).ok()?;
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Client, ClientId, ClientKind, ClientSettings, SubjectType};
    use crate::request::{validate, RawRequest};
    use crate::scope::Scopes;
    use civis_domain::LevelOfAssurance;

    fn request(challenge: &str) -> AuthorizationRequest {
        let client = Client {
            id: ClientId::parse("library").unwrap(),
            settings: ClientSettings {
                name: "Library".into(),
                redirect_uris: vec!["https://lib.example/cb".into()],
                allowed_scopes: Scopes::all(),
                min_level: LevelOfAssurance::Low,
                subject_type: SubjectType::Pairwise,
                kind: ClientKind::Public,
                sector_identifier: None,
                id_token_alg: crate::jws::Alg::Rs256,
            },
            secret_hash: None,
            created_at: Timestamp::EPOCH,
            updated_at: Timestamp::EPOCH,
        };
        validate(
            &RawRequest::from_pairs([
                ("response_type", "code"),
                ("client_id", "library"),
                ("redirect_uri", "https://lib.example/cb"),
                ("scope", "openid"),
                ("code_challenge", challenge),
                ("code_challenge_method", "S256"),
                ("prompt", "login"),
            ]),
            &client,
        )
        .unwrap()
    }

    #[test]
    fn a_ticket_is_bound_to_its_request_and_secret() {
        let a = request("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        let b = request("F9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        let at = Timestamp::from_millis(1_234);
        let ticket = issue(b"secret", at, &a);
        assert_eq!(verify(b"secret", &ticket, &a), Some(at));
        assert_eq!(verify(b"secret", &ticket, &b), None);
        assert_eq!(verify(b"other", &ticket, &a), None);
        let forged = ticket.replacen("1234", "9999", 1);
        assert_eq!(verify(b"secret", &forged, &a), None);
        assert_eq!(verify(b"secret", "garbage", &a), None);
    }
}
