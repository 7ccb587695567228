//! The token endpoint (RFC 6749 §3.2, §4.1.3, §6; RFC 7636 §4.5): client
//! authentication, grant parsing, and the checks on a redeemed code.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use civis_domain::Timestamp;
use sha2::{Digest, Sha256};

use crate::client::{Client, ClientId, ClientKind};
use crate::error::{ErrorCode, OAuthError};
use crate::pkce;
use crate::scope::Scopes;

/// The parameters of a form-encoded request to the token, revocation or
/// introspection endpoint; a repeated parameter is an error (RFC 6749 §3.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormParams {
    params: BTreeMap<String, String>,
    repeated: Option<String>,
}

impl FormParams {
    /// Collects `pairs`.
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut out = FormParams::default();
        for (k, v) in pairs {
            let k = k.as_ref();
            if out.params.contains_key(k) {
                out.repeated.get_or_insert_with(|| k.to_owned());
            } else {
                out.params.insert(k.to_owned(), v.as_ref().to_owned());
            }
        }
        out
    }

    /// A parameter's value; empty counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `invalid_request` if a parameter was repeated.
    pub fn check_not_repeated(&self) -> Result<(), OAuthError> {
        match &self.repeated {
            Some(name) => Err(OAuthError::invalid_request(format!(
                "{name} is given more than once"
            ))),
            None => Ok(()),
        }
    }
}

/// How the client authenticated (RFC 6749 §2.3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAuth {
    /// HTTP Basic with the client id and secret (`client_secret_basic`).
    Basic {
        /// The client id.
        id: String,
        /// The secret.
        secret: String,
    },
    /// `client_id` and `client_secret` in the body (`client_secret_post`).
    Post {
        /// The client id.
        id: String,
        /// The secret.
        secret: String,
    },
    /// Only `client_id` in the body: a public client (`none`).
    None {
        /// The client id.
        id: String,
    },
}

impl ClientAuth {
    /// The client id claimed.
    pub fn client_id(&self) -> &str {
        match self {
            Self::Basic { id, .. } | Self::Post { id, .. } | Self::None { id } => id,
        }
    }

    /// Whether HTTP Basic was used (a failure then answers 401 with
    /// `WWW-Authenticate`, RFC 6749 §5.2).
    pub fn is_basic(&self) -> bool {
        matches!(self, Self::Basic { .. })
    }
}

/// Reads the client's credentials from the `Authorization` header and the body.
/// Using two methods at once is `invalid_request`; none at all is `invalid_client`.
pub fn client_auth(
    authorization: Option<&str>,
    form: &FormParams,
) -> Result<ClientAuth, OAuthError> {
    let basic = match authorization {
        None => None,
        Some(value) => Some(parse_basic(value).ok_or_else(|| {
            OAuthError::invalid_client("the Authorization header is not valid HTTP Basic")
        })?),
    };
    let body_id = form.get("client_id");
    let body_secret = form.get("client_secret");
    match (basic, body_id, body_secret) {
        (Some(_), _, Some(_)) => Err(OAuthError::invalid_request(
            "use one client authentication method, not two",
        )),
        (Some((id, secret)), body_id, None) => {
            if body_id.is_some_and(|b| b != id) {
                return Err(OAuthError::invalid_request(
                    "client_id in the body differs from the Authorization header",
                ));
            }
            Ok(ClientAuth::Basic { id, secret })
        }
        (None, Some(id), Some(secret)) => Ok(ClientAuth::Post {
            id: id.to_owned(),
            secret: secret.to_owned(),
        }),
        (None, Some(id), None) => Ok(ClientAuth::None { id: id.to_owned() }),
        (None, None, _) => Err(OAuthError::invalid_client(
            "client authentication is missing",
        )),
    }
}

/// Decodes `Basic base64(urlencode(id):urlencode(secret))`.
fn parse_basic(value: &str) -> Option<(String, String)> {
    let (scheme, rest) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(rest.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let id = url_decode(id)?;
    let secret = url_decode(secret)?;
    (!id.is_empty()).then_some((id, secret))
}

fn url_decode(text: &str) -> Option<String> {
    let bytes: Vec<u8> = url::form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())?;
    String::from_utf8(bytes).ok()
}

/// The stored form of a client secret: its SHA-256 (the secret is 256 random
/// bits, so a fast hash is enough).
pub fn secret_hash(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Checks the credentials against the registered client: a confidential client
/// needs its secret (basic or post), a public one must send none.
pub fn authenticate(client: &Client, auth: &ClientAuth) -> Result<(), OAuthError> {
    let bad = || OAuthError::invalid_client("client authentication failed");
    match (client.settings.kind, auth) {
        (
            ClientKind::Confidential,
            ClientAuth::Basic { secret, .. } | ClientAuth::Post { secret, .. },
        ) => {
            let stored = client.secret_hash.ok_or_else(bad)?;
            let sent = secret_hash(secret);
            let diff = stored
                .iter()
                .zip(sent.iter())
                .fold(0u8, |a, (x, y)| a | (x ^ y));
            if diff == 0 {
                Ok(())
            } else {
                Err(bad())
            }
        }
        (ClientKind::Public, ClientAuth::None { .. }) => Ok(()),
        _ => Err(bad()),
    }
}

/// A token request's grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// `authorization_code`.
    AuthorizationCode {
        /// The code.
        code: String,
        /// The redirect URI of the authorization request.
        redirect_uri: String,
        /// The PKCE verifier.
        code_verifier: String,
    },
    /// `refresh_token`.
    RefreshToken {
        /// The refresh token.
        refresh_token: String,
        /// A narrower scope, if asked for.
        scope: Option<Scopes>,
    },
}

/// Parses the grant of a token request.
pub fn parse_grant(form: &FormParams) -> Result<Grant, OAuthError> {
    form.check_not_repeated()?;
    let missing = |name: &str| OAuthError::invalid_request(format!("{name} is missing"));
    match form.get("grant_type") {
        None => Err(missing("grant_type")),
        Some("authorization_code") => Ok(Grant::AuthorizationCode {
            code: form.get("code").ok_or_else(|| missing("code"))?.to_owned(),
            redirect_uri: form
                .get("redirect_uri")
                .ok_or_else(|| missing("redirect_uri"))?
                .to_owned(),
            code_verifier: form
                .get("code_verifier")
                .ok_or_else(|| missing("code_verifier"))?
                .to_owned(),
        }),
        Some("refresh_token") => Ok(Grant::RefreshToken {
            refresh_token: form
                .get("refresh_token")
                .ok_or_else(|| missing("refresh_token"))?
                .to_owned(),
            scope: form.get("scope").map(|s| Scopes::parse_request(s).0),
        }),
        Some(_) => Err(OAuthError::new(
            ErrorCode::UnsupportedGrantType,
            "grant_type must be authorization_code or refresh_token",
        )),
    }
}

/// What the provider stored about a code, for [`check_code`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBinding {
    /// The client it was issued to.
    pub client_id: ClientId,
    /// The redirect URI of the request.
    pub redirect_uri: String,
    /// The PKCE challenge.
    pub code_challenge: String,
    /// When it expires.
    pub expires_at: Timestamp,
}

/// Checks a code against the token request: same client, not expired, same
/// redirect URI, and a verifier matching the challenge. Every failure is
/// `invalid_grant` (RFC 6749 §5.2, RFC 7636 §4.6).
pub fn check_code(
    code: &CodeBinding,
    client: &ClientId,
    redirect_uri: &str,
    code_verifier: &str,
    now: Timestamp,
) -> Result<(), OAuthError> {
    if &code.client_id != client {
        return Err(OAuthError::invalid_grant(
            "the code was issued to another client",
        ));
    }
    if now >= code.expires_at {
        return Err(OAuthError::invalid_grant("the code has expired"));
    }
    if code.redirect_uri != redirect_uri {
        return Err(OAuthError::invalid_grant(
            "redirect_uri differs from the authorization request",
        ));
    }
    if !pkce::verify(code_verifier, &code.code_challenge) {
        return Err(OAuthError::invalid_grant(
            "the PKCE code_verifier does not match",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{ClientSettings, SubjectType};
    use civis_domain::LevelOfAssurance;

    fn client(kind: ClientKind) -> Client {
        Client {
            id: ClientId::parse("library").unwrap(),
            settings: ClientSettings {
                name: "Library".into(),
                redirect_uris: vec!["https://lib.example/cb".into()],
                allowed_scopes: Scopes::all(),
                min_level: LevelOfAssurance::Low,
                subject_type: SubjectType::Pairwise,
                kind,
                sector_identifier: None,
                id_token_alg: crate::jws::Alg::Rs256,
            },
            secret_hash: (kind == ClientKind::Confidential).then(|| secret_hash("s3cret")),
            created_at: Timestamp::EPOCH,
            updated_at: Timestamp::EPOCH,
        }
    }

    #[test]
    fn basic_and_post_authentication() {
        let form = FormParams::from_pairs([("grant_type", "authorization_code")]);
        // "library:s3cret"
        let auth = client_auth(Some("Basic bGlicmFyeTpzM2NyZXQ="), &form).unwrap();
        assert_eq!(auth.client_id(), "library");
        assert!(authenticate(&client(ClientKind::Confidential), &auth).is_ok());
        let post = FormParams::from_pairs([("client_id", "library"), ("client_secret", "wrong")]);
        let auth = client_auth(None, &post).unwrap();
        assert_eq!(
            authenticate(&client(ClientKind::Confidential), &auth)
                .unwrap_err()
                .code,
            ErrorCode::InvalidClient
        );
        let none = FormParams::from_pairs([("client_id", "library")]);
        let auth = client_auth(None, &none).unwrap();
        assert!(authenticate(&client(ClientKind::Public), &auth).is_ok());
        assert!(authenticate(&client(ClientKind::Confidential), &auth).is_err());
        assert_eq!(
            client_auth(None, &FormParams::default()).unwrap_err().code,
            ErrorCode::InvalidClient
        );
        assert_eq!(
            client_auth(Some("Basic bGlicmFyeTpzM2NyZXQ="), &post)
                .unwrap_err()
                .code,
            ErrorCode::InvalidRequest
        );
        assert_eq!(
            client_auth(Some("Bearer x"), &form).unwrap_err().code,
            ErrorCode::InvalidClient
        );
    }

    #[test]
    fn basic_credentials_are_form_decoded() {
        // "a%3Ab:p%2Bw" is id "a:b", secret "p+w".
        let header = format!("Basic {}", STANDARD.encode("a%3Ab:p%2Bw"));
        assert_eq!(
            parse_basic(&header),
            Some(("a:b".to_owned(), "p+w".to_owned()))
        );
    }

    #[test]
    fn grants() {
        let f =
            |pairs: &[(&str, &str)]| parse_grant(&FormParams::from_pairs(pairs.iter().copied()));
        assert_eq!(f(&[]).unwrap_err().code, ErrorCode::InvalidRequest);
        assert_eq!(
            f(&[("grant_type", "password")]).unwrap_err().code,
            ErrorCode::UnsupportedGrantType
        );
        assert_eq!(
            f(&[("grant_type", "authorization_code"), ("code", "c")])
                .unwrap_err()
                .code,
            ErrorCode::InvalidRequest
        );
        assert_eq!(
            f(&[
                ("grant_type", "refresh_token"),
                ("grant_type", "refresh_token")
            ])
            .unwrap_err()
            .code,
            ErrorCode::InvalidRequest
        );
        assert!(matches!(
            f(&[("grant_type", "refresh_token"), ("refresh_token", "r")]),
            Ok(Grant::RefreshToken { scope: None, .. })
        ));
    }

    #[test]
    fn code_checks() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let binding = CodeBinding {
            client_id: ClientId::parse("library").unwrap(),
            redirect_uri: "https://lib.example/cb".into(),
            code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into(),
            expires_at: Timestamp::from_millis(1_000),
        };
        let now = Timestamp::from_millis(500);
        let lib = binding.client_id.clone();
        assert!(check_code(&binding, &lib, "https://lib.example/cb", verifier, now).is_ok());
        let other = ClientId::parse("other").unwrap();
        for result in [
            check_code(&binding, &other, "https://lib.example/cb", verifier, now),
            check_code(
                &binding,
                &lib,
                "https://lib.example/cb",
                verifier,
                Timestamp::from_millis(1_000),
            ),
            check_code(&binding, &lib, "https://lib.example/other", verifier, now),
            check_code(
                &binding,
                &lib,
                "https://lib.example/cb",
                &verifier.replace('d', "e"),
                now,
            ),
        ] {
            assert_eq!(result.unwrap_err().code, ErrorCode::InvalidGrant);
        }
    }
}
