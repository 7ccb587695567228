//! The clinic's side of OpenID Connect: the authorization request (code flow,
//! PKCE `S256`, `state`, `nonce`), the code exchange at the token endpoint,
//! the ID token check (RS256 against the provider's JWKS, `iss`, `aud`, `exp`,
//! `nonce`) and the userinfo call. Everything goes over real HTTP to the
//! provider, as any other service's would.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use openssl::bn::BigNum;
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::rsa::Rsa;
use openssl::sign::Verifier;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// How long a started sign-in may take before its state is forgotten.
const PENDING_TTL: Duration = Duration::from_secs(15 * 60);
/// The most sign-ins in progress the clinic remembers.
const MAX_PENDING: usize = 1000;

/// The clinic as a registered client service of the provider.
pub struct RelyingParty {
    /// The provider's issuer identifier (its public URL).
    pub issuer: String,
    /// The clinic's client id.
    pub client_id: String,
    /// The clinic's client secret.
    pub secret: String,
    /// The registered redirect URI.
    pub redirect_uri: String,
    http: reqwest::Client,
    pending: Mutex<HashMap<String, Pending>>,
}

struct Pending {
    verifier: String,
    nonce: String,
    started: Instant,
}

/// What the clinic learned about the resident.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The verified ID token's claims.
    pub id_token: Value,
    /// The `kid` of the key that signed it.
    pub kid: String,
    /// The userinfo response.
    pub userinfo: Value,
}

fn random_b64(bytes: usize) -> String {
    let data: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    URL_SAFE_NO_PAD.encode(data)
}

fn b64_json(part: &str) -> Result<Value, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| "the ID token is not base64url".to_owned())?;
    serde_json::from_slice(&bytes).map_err(|_| "the ID token is not JSON".to_owned())
}

impl RelyingParty {
    /// The relying party for `client_id` at `issuer`.
    pub fn new(issuer: String, client_id: String, secret: String, redirect_uri: String) -> Self {
        RelyingParty {
            issuer,
            client_id,
            secret,
            redirect_uri,
            http: reqwest::Client::new(),
            pending: Mutex::new(HashMap::new()),
        }
    }

    async fn get_json(&self, url: &str, bearer: Option<&str>) -> Result<Value, String> {
        let mut req = self.http.get(url);
        if let Some(token) = bearer {
            req = req.bearer_auth(token);
        }
        let res = req
            .send()
            .await
            .map_err(|e| format!("{url} cannot be reached: {e}"))?;
        let status = res.status();
        let body: Value = res
            .json()
            .await
            .map_err(|_| format!("{url} did not answer JSON"))?;
        if !status.is_success() {
            return Err(format!("{url} answered {status}: {body}"));
        }
        Ok(body)
    }

    async fn metadata(&self) -> Result<Value, String> {
        let meta = self
            .get_json(
                &format!("{}/.well-known/openid-configuration", self.issuer),
                None,
            )
            .await?;
        if meta["issuer"] != self.issuer.as_str() {
            return Err(format!(
                "the provider names another issuer: {}",
                meta["issuer"]
            ));
        }
        Ok(meta)
    }

    /// Starts a sign-in: the provider's authorization URL to send the browser to.
    pub async fn authorization_url(&self) -> Result<String, String> {
        let meta = self.metadata().await?;
        let endpoint = meta["authorization_endpoint"]
            .as_str()
            .ok_or("no authorization_endpoint in the provider metadata")?;
        let state = random_b64(16);
        let nonce = random_b64(16);
        let verifier = random_b64(32);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("scope", "openid profile address")
            .append_pair("state", &state)
            .append_pair("nonce", &nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256")
            .finish();
        if let Ok(mut pending) = self.pending.lock() {
            pending.retain(|_, p| p.started.elapsed() < PENDING_TTL);
            if pending.len() >= MAX_PENDING {
                return Err("too many sign-ins in progress; try again in a few minutes".into());
            }
            pending.insert(
                state,
                Pending {
                    verifier,
                    nonce,
                    started: Instant::now(),
                },
            );
        }
        Ok(format!("{endpoint}?{query}"))
    }

    /// Finishes a sign-in from the redirect's parameters.
    pub async fn finish(&self, params: &HashMap<String, String>) -> Result<SignedIn, String> {
        let state = params.get("state").map(String::as_str).unwrap_or_default();
        let pending = self
            .pending
            .lock()
            .ok()
            .and_then(|mut p| p.remove(state))
            .filter(|p| p.started.elapsed() < PENDING_TTL)
            .ok_or("this sign-in is unknown or too old; start again")?;
        if params.get("iss").map(String::as_str) != Some(self.issuer.as_str()) {
            return Err("the answer does not come from the expected provider".into());
        }
        if let Some(error) = params.get("error") {
            return Err(format!("civis answered: {error}"));
        }
        let code = params.get("code").ok_or("no code in the answer")?;
        let meta = self.metadata().await?;
        let token_endpoint = meta["token_endpoint"]
            .as_str()
            .ok_or("no token_endpoint in the provider metadata")?;
        let res = self
            .http
            .post(token_endpoint)
            .basic_auth(&self.client_id, Some(&self.secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", self.redirect_uri.as_str()),
                ("code_verifier", pending.verifier.as_str()),
            ])
            .send()
            .await
            .map_err(|e| format!("the token endpoint cannot be reached: {e}"))?;
        let status = res.status();
        let tokens: Value = res
            .json()
            .await
            .map_err(|_| "the token endpoint did not answer JSON".to_owned())?;
        if !status.is_success() {
            return Err(format!("the token endpoint answered {status}: {tokens}"));
        }
        let id_token = tokens["id_token"].as_str().ok_or("no ID token")?;
        let access_token = tokens["access_token"].as_str().ok_or("no access token")?;
        let jwks_uri = meta["jwks_uri"].as_str().ok_or("no jwks_uri")?;
        let jwks = self.get_json(jwks_uri, None).await?;
        let (claims, kid) = self.verify(id_token, &jwks, &pending.nonce)?;
        let userinfo_endpoint = meta["userinfo_endpoint"]
            .as_str()
            .ok_or("no userinfo_endpoint")?;
        let userinfo = self.get_json(userinfo_endpoint, Some(access_token)).await?;
        if userinfo["sub"] != claims["sub"] {
            return Err("userinfo names another subject than the ID token".into());
        }
        Ok(SignedIn {
            id_token: claims,
            kid,
            userinfo,
        })
    }

    /// Checks an ID token (OpenID Connect Core §3.1.3.7); its claims and key id.
    fn verify(&self, token: &str, jwks: &Value, nonce: &str) -> Result<(Value, String), String> {
        let parts: Vec<&str> = token.split('.').collect();
        let [header, payload, signature] = parts.as_slice() else {
            return Err("the ID token is not a compact JWS".into());
        };
        let head = b64_json(header)?;
        if head["alg"] != "RS256" {
            return Err(format!(
                "the ID token is signed with {}, not RS256",
                head["alg"]
            ));
        }
        let kid = head["kid"].as_str().ok_or("the ID token names no key")?;
        let jwk = jwks["keys"]
            .as_array()
            .and_then(|keys| keys.iter().find(|k| k["kid"] == kid))
            .ok_or("the ID token's key is not in the provider's JWKS")?;
        let component = |name: &str| -> Result<BigNum, String> {
            let text = jwk[name].as_str().ok_or("a JWKS key lacks n or e")?;
            let bytes = URL_SAFE_NO_PAD
                .decode(text)
                .map_err(|_| "a JWKS key is not base64url".to_owned())?;
            BigNum::from_slice(&bytes).map_err(|e| e.to_string())
        };
        let rsa = Rsa::from_public_components(component("n")?, component("e")?)
            .map_err(|e| e.to_string())?;
        let key = PKey::from_rsa(rsa).map_err(|e| e.to_string())?;
        let sig = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| "the ID token's signature is not base64url".to_owned())?;
        let valid = Verifier::new(MessageDigest::sha256(), &key)
            .and_then(|mut v| {
                v.update(format!("{header}.{payload}").as_bytes())?;
                v.verify(&sig)
            })
            .map_err(|e| e.to_string())?;
        if !valid {
            return Err("the ID token's signature does not verify".into());
        }
        let claims = b64_json(payload)?;
        if claims["iss"] != self.issuer.as_str() {
            return Err("the ID token comes from another issuer".into());
        }
        let aud_ok = claims["aud"] == self.client_id.as_str()
            || claims["aud"]
                .as_array()
                .is_some_and(|a| a.iter().any(|v| v == self.client_id.as_str()));
        if !aud_ok {
            return Err("the ID token is meant for another service".into());
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or_default();
        if claims["exp"].as_i64().is_none_or(|exp| exp <= now) {
            return Err("the ID token has expired".into());
        }
        if claims["nonce"] != nonce {
            return Err("the ID token's nonce is not this sign-in's".into());
        }
        Ok((claims, kid.to_owned()))
    }
}
