//! Signing keys: created in the database on first use (one per rotation slot and
//! algorithm, whichever server gets there first), cached per process once loaded,
//! used to sign ID tokens with RS256 or ES256 (OpenSSL) as each client service
//! asks, and published in the JWKS until every token they signed has expired.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use civis_domain::Timestamp;
use civis_oidc::jws::{self, Alg, Header};
use civis_oidc::wire::{Jwk, JwkSet};
use civis_store::oidc::OidcSigningKey;
use openssl::bn::{BigNum, BigNumContext};
use openssl::ec::{EcGroup, EcKey};
use openssl::ecdsa::EcdsaSig;
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::sign::{Signer, Verifier};
use serde::Serialize;

use crate::error::AppError;
use crate::state::AppState;

/// RSA modulus size of new keys.
const RSA_BITS: u32 = 2048;

/// The algorithms this provider signs ID tokens with, each with its own keys.
pub const ALGS: [Alg; 2] = [Alg::Rs256, Alg::Es256];

/// A signing key ready to use.
pub struct LoadedKey {
    /// Its key id.
    pub kid: String,
    /// Its rotation slot.
    pub slot: i64,
    /// What it signs with.
    pub alg: Alg,
    pkey: PKey<Private>,
}

/// The keys this process has loaded, by slot and algorithm.
#[derive(Default)]
pub struct KeyCache {
    by_slot: RwLock<HashMap<(i64, Alg), Arc<LoadedKey>>>,
}

impl KeyCache {
    fn get(&self, slot: i64, alg: Alg) -> Option<Arc<LoadedKey>> {
        self.by_slot.read().ok()?.get(&(slot, alg)).cloned()
    }

    fn put(&self, key: Arc<LoadedKey>) {
        if let Ok(mut map) = self.by_slot.write() {
            map.insert((key.slot, key.alg), key);
        }
    }
}

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

fn p256() -> Result<EcGroup, AppError> {
    EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).map_err(|e| internal("P-256 group", e))
}

/// A new key for `slot` and `alg` (RSA 2048 or P-256), its private part as
/// PKCS#8 PEM and its public JWK.
fn new_key(alg: Alg) -> Result<(PKey<Private>, Jwk), AppError> {
    match alg {
        Alg::Rs256 => {
            let rsa = Rsa::generate(RSA_BITS).map_err(|e| internal("generating an RSA key", e))?;
            let n = civis_oidc::b64::encode(&rsa.n().to_vec());
            let e = civis_oidc::b64::encode(&rsa.e().to_vec());
            let kid = civis_oidc::keys::rsa_thumbprint(&n, &e);
            let pkey = PKey::from_rsa(rsa).map_err(|e| internal("wrapping an RSA key", e))?;
            let jwk = Jwk {
                kty: "RSA".into(),
                kid,
                use_: "sig".into(),
                alg: alg.as_str().into(),
                n: Some(n),
                e: Some(e),
                crv: None,
                x: None,
                y: None,
            };
            Ok((pkey, jwk))
        }
        Alg::Es256 => {
            let group = p256()?;
            let ec = EcKey::generate(&group).map_err(|e| internal("generating a P-256 key", e))?;
            let mut ctx = BigNumContext::new().map_err(|e| internal("bignum context", e))?;
            let (mut x, mut y) = (
                BigNum::new().map_err(|e| internal("bignum", e))?,
                BigNum::new().map_err(|e| internal("bignum", e))?,
            );
            ec.public_key()
                .affine_coordinates(&group, &mut x, &mut y, &mut ctx)
                .map_err(|e| internal("P-256 coordinates", e))?;
            let coordinate = |v: &BigNum| -> Result<String, AppError> {
                let bytes = v
                    .to_vec_padded(32)
                    .map_err(|e| internal("P-256 coordinate", e))?;
                Ok(civis_oidc::b64::encode(&bytes))
            };
            let (x, y) = (coordinate(&x)?, coordinate(&y)?);
            let kid = civis_oidc::keys::ec_thumbprint(&x, &y);
            let pkey = PKey::from_ec_key(ec).map_err(|e| internal("wrapping a P-256 key", e))?;
            let jwk = Jwk {
                kty: "EC".into(),
                kid,
                use_: "sig".into(),
                alg: alg.as_str().into(),
                n: None,
                e: None,
                crv: Some("P-256".into()),
                x: Some(x),
                y: Some(y),
            };
            Ok((pkey, jwk))
        }
    }
}

/// A new key for `slot` and `alg`, as stored.
fn generate(slot: i64, alg: Alg, now: Timestamp) -> Result<OidcSigningKey, AppError> {
    let (pkey, jwk) = new_key(alg)?;
    let pem = pkey
        .private_key_to_pem_pkcs8()
        .map_err(|e| internal("encoding a signing key", e))?;
    Ok(OidcSigningKey {
        kid: jwk.kid.clone(),
        slot,
        alg: alg.as_str().into(),
        private_pem: String::from_utf8(pem).map_err(|e| internal("PEM text", e))?,
        public_jwk: serde_json::to_string(&jwk).map_err(|e| internal("JWK JSON", e))?,
        created_at: now,
    })
}

fn load(stored: &OidcSigningKey) -> Result<LoadedKey, AppError> {
    let alg = Alg::parse(&stored.alg).ok_or_else(|| internal("stored key", "unknown alg"))?;
    let pkey = PKey::private_key_from_pem(stored.private_pem.as_bytes())
        .map_err(|e| internal("reading a stored signing key", e))?;
    Ok(LoadedKey {
        kid: stored.kid.clone(),
        slot: stored.slot,
        alg,
        pkey,
    })
}

/// Makes sure the keys of the slots needed at `now`, for every algorithm, exist
/// and are cached.
async fn ensure(state: &AppState, now: Timestamp) -> Result<(), AppError> {
    let schedule = state.config().oidc.key_schedule();
    let cache = state.oidc().keys();
    for slot in schedule.slots_needed(now) {
        for alg in ALGS {
            if cache.get(slot, alg).is_some() {
                continue;
            }
            let existing = state
                .store()
                .oidc_signing_keys(slot)
                .await?
                .into_iter()
                .find(|k| k.slot == slot && k.alg == alg.as_str());
            let stored = match existing {
                Some(k) => k,
                None => {
                    let fresh = tokio::task::spawn_blocking(move || generate(slot, alg, now))
                        .await
                        .map_err(|e| internal("key generation task", e))??;
                    state.store().add_oidc_signing_key(&fresh).await?
                }
            };
            cache.put(Arc::new(load(&stored)?));
        }
    }
    Ok(())
}

/// The `alg` key that signs at `now`.
pub async fn signing_key(
    state: &AppState,
    now: Timestamp,
    alg: Alg,
) -> Result<Arc<LoadedKey>, AppError> {
    let schedule = state.config().oidc.key_schedule();
    let cache = state.oidc().keys();
    let needed = schedule.slots_needed(now);
    if needed
        .iter()
        .any(|s| ALGS.iter().any(|a| cache.get(*s, *a).is_none()))
    {
        ensure(state, now).await?;
    }
    cache
        .get(schedule.signing_slot(now), alg)
        .ok_or_else(|| internal("signing key", "missing after creation"))
}

fn sign_now(key: &LoadedKey, input: &str) -> Result<Vec<u8>, AppError> {
    let mut signer =
        Signer::new(MessageDigest::sha256(), &key.pkey).map_err(|e| internal("signer", e))?;
    signer
        .update(input.as_bytes())
        .map_err(|e| internal("signing", e))?;
    let signature = signer.sign_to_vec().map_err(|e| internal("signing", e))?;
    match key.alg {
        Alg::Rs256 => Ok(signature),
        Alg::Es256 => civis_oidc::keys::ecdsa_der_to_jws(&signature)
            .map(|s| s.to_vec())
            .ok_or_else(|| internal("signing", "unexpected ECDSA signature")),
    }
}

/// Signs `claims` as a JWT with `key`: RS256 on the blocking pool (it takes most
/// of a millisecond), ES256 in place (a few tens of microseconds).
pub async fn sign(key: Arc<LoadedKey>, claims: &impl Serialize) -> Result<String, AppError> {
    let input = jws::signing_input(&Header::jwt(key.alg, &key.kid), claims)
        .map_err(|e| internal("JWT claims", e))?;
    let signature = match key.alg {
        Alg::Es256 => sign_now(&key, &input)?,
        Alg::Rs256 => {
            let (key, input) = (Arc::clone(&key), input.clone());
            tokio::task::spawn_blocking(move || sign_now(&key, &input))
                .await
                .map_err(|e| internal("signing task", e))??
        }
    };
    Ok(jws::compact(&input, &signature))
}

/// A JWS signature as OpenSSL's verifier takes it: RS256 as is, ES256's
/// `r || s` as DER. `None` if it cannot be one.
pub fn verifiable_signature(alg: Alg, signature: &[u8]) -> Option<Vec<u8>> {
    match alg {
        Alg::Rs256 => Some(signature.to_vec()),
        Alg::Es256 => {
            if signature.len() != 64 {
                return None;
            }
            let r = BigNum::from_slice(&signature[..32]).ok()?;
            let s = BigNum::from_slice(&signature[32..]).ok()?;
            EcdsaSig::from_private_components(r, s).ok()?.to_der().ok()
        }
    }
}

/// The JWKS at `now`: every key whose tokens may still be valid, and the next
/// key once it is about to be used.
pub async fn jwks(state: &AppState, now: Timestamp) -> Result<JwkSet, AppError> {
    ensure(state, now).await?;
    let schedule = state.config().oidc.key_schedule();
    let stored = state
        .store()
        .oidc_signing_keys(schedule.oldest_published(now))
        .await?;
    let keys = stored
        .iter()
        .filter(|k| schedule.is_published(k.slot, now))
        .map(|k| serde_json::from_str::<Jwk>(&k.public_jwk).map_err(|e| internal("stored JWK", e)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(JwkSet { keys })
}

/// The payload of `token` if it is a JWS this provider signed (with any key it
/// still has, expired tokens included: an `id_token_hint` may be old).
pub async fn verify(state: &AppState, token: &str) -> Result<Option<Vec<u8>>, AppError> {
    let Ok(parsed) = jws::parse(token) else {
        return Ok(None);
    };
    let Some(alg) = Alg::parse(&parsed.header.alg) else {
        return Ok(None);
    };
    let Some(kid) = parsed.header.kid.clone() else {
        return Ok(None);
    };
    let Some(stored) = state
        .store()
        .oidc_signing_keys(i64::MIN)
        .await?
        .into_iter()
        .find(|k| k.kid == kid && k.alg == alg.as_str())
    else {
        return Ok(None);
    };
    let key = load(&stored)?;
    let Some(signature) = verifiable_signature(alg, &parsed.signature) else {
        return Ok(None);
    };
    let mut verifier =
        Verifier::new(MessageDigest::sha256(), &key.pkey).map_err(|e| internal("verifier", e))?;
    verifier
        .update(parsed.signing_input.as_bytes())
        .map_err(|e| internal("verifying", e))?;
    let ok = verifier.verify(&signature).unwrap_or(false);
    Ok(ok.then_some(parsed.payload))
}
