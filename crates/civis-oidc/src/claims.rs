//! Claims: the ID token's (OpenID Connect Core §2), and what `/userinfo`
//! releases for the consented scopes (§5.1, §5.4).

use civis_domain::{AuthMethods, LevelOfAssurance, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::scope::{Scope, Scopes};

/// The claims of an ID token (the JWS payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    /// The issuer: this provider's URL.
    pub iss: String,
    /// The subject identifier the client sees.
    pub sub: String,
    /// The audience: the client id.
    pub aud: String,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
    /// Issue time, seconds since the epoch.
    pub iat: i64,
    /// When the resident last authenticated, seconds since the epoch.
    pub auth_time: i64,
    /// The request's nonce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// The level of assurance, as an eIDAS URI.
    pub acr: String,
    /// How the resident authenticated (RFC 8176 values).
    pub amr: Vec<String>,
    /// The authorized party: the client id.
    pub azp: String,
    /// The left half of the access token's SHA-256, base64url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_hash: Option<String>,
}

/// Seconds since the epoch of `t` (JWT `NumericDate`), rounded down.
pub fn numeric_date(t: Timestamp) -> i64 {
    t.as_millis().div_euclid(1000)
}

/// What an ID token says about how the resident authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authentication {
    /// When.
    pub at: Timestamp,
    /// At which level.
    pub level: LevelOfAssurance,
    /// With which methods.
    pub methods: AuthMethods,
}

/// The inputs of an ID token besides the authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdTokenInput<'a> {
    /// The issuer URL.
    pub issuer: &'a str,
    /// The subject identifier for this client.
    pub sub: &'a str,
    /// The client id.
    pub client_id: &'a str,
    /// The request's nonce.
    pub nonce: Option<&'a str>,
    /// The access token issued with it, for `at_hash`.
    pub access_token: Option<&'a str>,
    /// Issue time.
    pub now: Timestamp,
    /// Lifetime in seconds.
    pub ttl_secs: i64,
}

impl IdTokenClaims {
    /// Builds the claims of an ID token.
    pub fn new(input: &IdTokenInput<'_>, auth: Authentication) -> Self {
        IdTokenClaims {
            iss: input.issuer.to_owned(),
            sub: input.sub.to_owned(),
            aud: input.client_id.to_owned(),
            exp: numeric_date(input.now) + input.ttl_secs,
            iat: numeric_date(input.now),
            auth_time: numeric_date(auth.at),
            nonce: input.nonce.map(str::to_owned),
            acr: auth.level.acr().to_owned(),
            amr: auth.methods.iter().map(|m| m.amr().to_owned()).collect(),
            azp: input.client_id.to_owned(),
            at_hash: input.access_token.map(at_hash),
        }
    }
}

/// `at_hash`: the left-most half of the SHA-256 of the access token, base64url.
pub fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    crate::b64::encode(&digest[..16])
}

/// A postal address (OpenID Connect Core §5.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Address {
    /// The full address for display, lines separated by `\n`.
    pub formatted: String,
    /// Street, house number, flat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// City or town.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country code or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// What the platform knows about a resident that scopes can release.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    /// The display name (`name`).
    pub name: String,
    /// The username (`preferred_username`).
    pub preferred_username: String,
    /// Given name, from the register when the account is linked to a record.
    pub given_name: Option<String>,
    /// Family name, from the register.
    pub family_name: Option<String>,
    /// Birth date `YYYY-MM-DD`, from the register.
    pub birthdate: Option<String>,
    /// Postal address, from the register.
    pub address: Option<Address>,
}

/// The claims `/userinfo` returns: `sub`, and for each consented scope the
/// claims it releases that the platform has a value for.
pub fn userinfo(sub: &str, scopes: Scopes, person: &Person) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("sub".into(), Value::String(sub.to_owned()));
    if scopes.contains(Scope::Profile) {
        out.insert("name".into(), Value::String(person.name.clone()));
        out.insert(
            "preferred_username".into(),
            Value::String(person.preferred_username.clone()),
        );
        for (key, value) in [
            ("given_name", &person.given_name),
            ("family_name", &person.family_name),
            ("birthdate", &person.birthdate),
        ] {
            if let Some(v) = value {
                out.insert(key.into(), Value::String(v.clone()));
            }
        }
    }
    if scopes.contains(Scope::Address) {
        if let Some(a) = &person.address {
            if let Ok(v) = serde_json::to_value(a) {
                out.insert("address".into(), v);
            }
        }
    }
    out
}

/// Every claim the provider can release, for discovery's `claims_supported`.
pub fn supported() -> Vec<&'static str> {
    let mut out = vec!["iss", "aud", "exp", "iat", "nonce", "azp", "at_hash"];
    for s in Scope::ALL {
        out.extend_from_slice(s.claims());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use civis_domain::AuthMethod;

    #[test]
    fn id_token_claims() {
        let input = IdTokenInput {
            issuer: "https://id.example",
            sub: "abc",
            client_id: "library",
            nonce: Some("n"),
            access_token: Some("tok"),
            now: Timestamp::from_millis(10_999),
            ttl_secs: 300,
        };
        let c = IdTokenClaims::new(
            &input,
            Authentication {
                at: Timestamp::from_millis(5_000),
                level: LevelOfAssurance::Substantial,
                methods: AuthMethods::one(AuthMethod::Password).with(AuthMethod::Totp),
            },
        );
        assert_eq!((c.iat, c.exp, c.auth_time), (10, 310, 5));
        assert_eq!(c.acr, "http://eidas.europa.eu/LoA/substantial");
        assert_eq!(c.amr, vec!["pwd", "otp"]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["aud"], "library");
        assert_eq!(json["at_hash"].as_str().unwrap().len(), 22);
        let no_nonce = IdTokenClaims { nonce: None, ..c };
        assert!(serde_json::to_value(&no_nonce)
            .unwrap()
            .get("nonce")
            .is_none());
    }

    #[test]
    fn userinfo_releases_only_consented_claims() {
        let person = Person {
            name: "Ann Smith".into(),
            preferred_username: "ann".into(),
            given_name: Some("Ann".into()),
            birthdate: Some("1990-01-02".into()),
            address: Some(Address {
                formatted: "Main St 1\nTown".into(),
                ..Address::default()
            }),
            ..Person::default()
        };
        let only_openid = userinfo("s", Scopes::one(Scope::OpenId), &person);
        assert_eq!(only_openid.len(), 1);
        let profile = userinfo(
            "s",
            Scopes::one(Scope::OpenId).with(Scope::Profile),
            &person,
        );
        assert_eq!(profile["name"], "Ann Smith");
        assert_eq!(profile["given_name"], "Ann");
        assert!(profile.get("family_name").is_none());
        assert!(profile.get("address").is_none());
        let address = userinfo("s", Scopes::one(Scope::Address), &person);
        assert_eq!(address["address"]["formatted"], "Main St 1\nTown");
        assert!(address.get("name").is_none());
    }
}
