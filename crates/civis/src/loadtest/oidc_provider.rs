//! What the relying party knows about each server before the clock starts: its issuer
//! (from discovery) and its signing keys (the JWKS, fetched once), and how it checks an
//! ID token against them.

use std::collections::HashMap;

use anyhow::Context as _;
use civis_oidc::jws::Alg;
use openssl::bn::BigNum;
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Public};
use openssl::rsa::Rsa;
use openssl::sign::Verifier;
use serde_json::Value;

/// One server as a relying party sees it.
pub struct Provider {
    /// Base URL the requests go to.
    pub base: String,
    /// The issuer its discovery document names.
    pub issuer: String,
    keys: HashMap<String, (Alg, PKey<Public>)>,
}

/// What a verified ID token says that the flow checks further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdToken {
    /// The subject.
    pub sub: String,
    /// `at_hash`, when present.
    pub at_hash: Option<String>,
}

impl Provider {
    /// Reads discovery and the JWKS of the server at `base`.
    pub async fn discover(client: &reqwest::Client, base: &str) -> anyhow::Result<Self> {
        let meta = get_json(client, &format!("{base}/.well-known/openid-configuration")).await?;
        let issuer = meta["issuer"]
            .as_str()
            .context("discovery names no issuer")?
            .to_owned();
        let jwks = get_json(client, &format!("{base}/oidc/jwks")).await?;
        let mut keys = HashMap::new();
        for k in jwks["keys"].as_array().context("the JWKS has no keys")? {
            let kid = k["kid"].as_str().context("a JWKS key without kid")?;
            let key = match (k["kty"].as_str(), k["alg"].as_str()) {
                (Some("RSA"), Some("RS256")) => {
                    let (Some(n), Some(e)) = (k["n"].as_str(), k["e"].as_str()) else {
                        anyhow::bail!("an RSA JWKS key without n or e: {k}");
                    };
                    (
                        Alg::Rs256,
                        rsa_key(n, e).with_context(|| format!("JWKS key {kid}"))?,
                    )
                }
                (Some("EC"), Some("ES256")) => {
                    let (Some("P-256"), Some(x), Some(y)) =
                        (k["crv"].as_str(), k["x"].as_str(), k["y"].as_str())
                    else {
                        anyhow::bail!("an EC JWKS key without P-256 x and y: {k}");
                    };
                    (
                        Alg::Es256,
                        p256_key(x, y).with_context(|| format!("JWKS key {kid}"))?,
                    )
                }
                _ => continue,
            };
            keys.insert(kid.to_owned(), key);
        }
        if keys.is_empty() {
            anyhow::bail!("the JWKS of {base} has no RS256 or ES256 key");
        }
        Ok(Provider {
            base: base.to_owned(),
            issuer,
            keys,
        })
    }

    /// Checks an ID token: an RS256 or ES256 signature by a key of the JWKS for that
    /// algorithm, this issuer, the
    /// client as audience and authorized party, the nonce sent, and not expired at
    /// `now_secs`.
    pub fn verify_id_token(
        &self,
        token: &str,
        client_id: &str,
        nonce: &str,
        now_secs: i64,
    ) -> Result<IdToken, String> {
        let parsed = civis_oidc::jws::parse(token).map_err(|e| format!("ID token: {e}"))?;
        let kid = parsed.header.kid.as_deref().unwrap_or_default();
        let (alg, key) = self
            .keys
            .get(kid)
            .ok_or_else(|| format!("ID token key {kid:?} is not in the JWKS"))?;
        if parsed.header.alg != alg.as_str() {
            return Err(format!(
                "ID token signed with {} by a {} key",
                parsed.header.alg,
                alg.as_str()
            ));
        }
        let signature = civis_web::oidc::keys::verifiable_signature(*alg, &parsed.signature)
            .unwrap_or_default();
        let ok = Verifier::new(MessageDigest::sha256(), key)
            .and_then(|mut v| {
                v.update(parsed.signing_input.as_bytes())?;
                v.verify(&signature)
            })
            .unwrap_or(false);
        if !ok {
            return Err("ID token signature does not verify".into());
        }
        let claims: Value =
            serde_json::from_slice(&parsed.payload).map_err(|_| "ID token payload is not JSON")?;
        if claims["iss"] != self.issuer.as_str() {
            return Err(format!(
                "ID token iss {} is not {}",
                claims["iss"], self.issuer
            ));
        }
        let aud_ok = match &claims["aud"] {
            Value::String(a) => a == client_id,
            Value::Array(a) => a.iter().any(|x| x == client_id),
            _ => false,
        };
        if !aud_ok || claims.get("azp").is_some_and(|azp| azp != client_id) {
            return Err(format!(
                "ID token aud/azp {} is not {client_id}",
                claims["aud"]
            ));
        }
        if claims["nonce"] != nonce {
            return Err("ID token nonce does not match".into());
        }
        if claims["exp"].as_i64().is_none_or(|exp| exp <= now_secs) {
            return Err("ID token expired".into());
        }
        let sub = claims["sub"]
            .as_str()
            .filter(|s| !s.is_empty())
            .ok_or("ID token without sub")?;
        Ok(IdToken {
            sub: sub.to_owned(),
            at_hash: claims["at_hash"].as_str().map(str::to_owned),
        })
    }
}

fn rsa_key(n: &str, e: &str) -> anyhow::Result<PKey<Public>> {
    let decode = |x: &str| civis_oidc::b64::decode(x).context("not base64url");
    let rsa = Rsa::from_public_components(
        BigNum::from_slice(&decode(n)?)?,
        BigNum::from_slice(&decode(e)?)?,
    )?;
    Ok(PKey::from_rsa(rsa)?)
}

fn p256_key(x: &str, y: &str) -> anyhow::Result<PKey<Public>> {
    let decode = |v: &str| civis_oidc::b64::decode(v).context("not base64url");
    let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1)?;
    let (x, y) = (
        BigNum::from_slice(&decode(x)?)?,
        BigNum::from_slice(&decode(y)?)?,
    );
    let ec = EcKey::from_public_key_affine_coordinates(&group, &x, &y)?;
    ec.check_key()?;
    Ok(PKey::from_ec_key(ec)?)
}

async fn get_json(client: &reqwest::Client, url: &str) -> anyhow::Result<Value> {
    let res = client
        .get(url)
        .send()
        .await
        .with_context(|| format!("GET {url}"))?;
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    if !status.is_success() {
        anyhow::bail!("GET {url} answered {status}: {text}");
    }
    serde_json::from_str(&text).with_context(|| format!("GET {url} did not answer JSON"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::sign::Signer;

    #[test]
    fn id_tokens_are_checked_against_the_key_and_claims() {
        let rsa = Rsa::generate(2048).unwrap();
        let b = |x: &openssl::bn::BigNumRef| civis_oidc::b64::encode(&x.to_vec());
        let public = rsa_key(&b(rsa.n()), &b(rsa.e())).unwrap();
        let private = PKey::from_rsa(rsa).unwrap();
        let p = Provider {
            base: "http://x".into(),
            issuer: "http://issuer".into(),
            keys: HashMap::from([("k1".to_owned(), (Alg::Rs256, public))]),
        };
        let sign = |kid: &str, claims: Value| {
            let header = civis_oidc::jws::Header::jwt(civis_oidc::jws::Alg::Rs256, kid);
            let input = civis_oidc::jws::signing_input(&header, &claims).unwrap();
            let mut s = Signer::new(MessageDigest::sha256(), &private).unwrap();
            s.update(input.as_bytes()).unwrap();
            civis_oidc::jws::compact(&input, &s.sign_to_vec().unwrap())
        };
        let good = serde_json::json!({"iss": "http://issuer", "aud": "rp", "azp": "rp",
            "nonce": "n1", "exp": 2000, "sub": "abc", "at_hash": "h"});
        let token = sign("k1", good.clone());
        assert_eq!(
            p.verify_id_token(&token, "rp", "n1", 1000),
            Ok(IdToken {
                sub: "abc".into(),
                at_hash: Some("h".into())
            })
        );
        assert!(p.verify_id_token(&token, "other", "n1", 1000).is_err());
        assert!(p.verify_id_token(&token, "rp", "n2", 1000).is_err());
        assert!(p.verify_id_token(&token, "rp", "n1", 2000).is_err());
        assert!(p
            .verify_id_token(&sign("k2", good.clone()), "rp", "n1", 1000)
            .is_err());
        let mut other_iss = good.clone();
        other_iss["iss"] = "http://elsewhere".into();
        assert!(p
            .verify_id_token(&sign("k1", other_iss), "rp", "n1", 1000)
            .is_err());
        let (head, _) = token.rsplit_once('.').unwrap();
        let forged = format!("{head}.{}", civis_oidc::b64::encode(&[0u8; 256]));
        assert_eq!(
            p.verify_id_token(&forged, "rp", "n1", 1000),
            Err("ID token signature does not verify".into())
        );
    }
}
