//! Signing keys: created in the database on first use (one per rotation slot,
//! whichever server gets there first), cached per process once loaded, used
//! to sign ID tokens with RS256 (OpenSSL), and published in the JWKS until
//! every token they signed has expired.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use civis_domain::Timestamp;
use civis_oidc::jws::{self, Alg, Header};
use civis_oidc::wire::{Jwk, JwkSet};
use civis_store::oidc::OidcSigningKey;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::sign::{Signer, Verifier};
use serde::Serialize;

use crate::error::AppError;
use crate::state::AppState;

/// RSA modulus size of new keys.
const RSA_BITS: u32 = 2048;

/// A signing key ready to use.
pub struct LoadedKey {
    /// Its key id.
    pub kid: String,
    /// Its rotation slot.
    pub slot: i64,
    pkey: PKey<Private>,
}

/// The keys this process has loaded, by slot.
#[derive(Default)]
pub struct KeyCache {
    by_slot: RwLock<HashMap<i64, Arc<LoadedKey>>>,
}

impl KeyCache {
    fn get(&self, slot: i64) -> Option<Arc<LoadedKey>> {
        self.by_slot.read().ok()?.get(&slot).cloned()
    }

    fn put(&self, key: Arc<LoadedKey>) {
        if let Ok(mut map) = self.by_slot.write() {
            map.insert(key.slot, key);
        }
    }
}

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// A new RS256 key for `slot`, as stored.
fn generate(slot: i64, now: Timestamp) -> Result<OidcSigningKey, AppError> {
    let rsa = Rsa::generate(RSA_BITS).map_err(|e| internal("generating an RSA key", e))?;
    let n = civis_oidc::b64::encode(&rsa.n().to_vec());
    let e = civis_oidc::b64::encode(&rsa.e().to_vec());
    let kid = civis_oidc::keys::rsa_thumbprint(&n, &e);
    let pkey = PKey::from_rsa(rsa).map_err(|e| internal("wrapping an RSA key", e))?;
    let pem = pkey
        .private_key_to_pem_pkcs8()
        .map_err(|e| internal("encoding an RSA key", e))?;
    let jwk = Jwk {
        kty: "RSA".into(),
        kid: kid.clone(),
        use_: "sig".into(),
        alg: Alg::Rs256.as_str().into(),
        n: Some(n),
        e: Some(e),
        crv: None,
        x: None,
        y: None,
    };
    Ok(OidcSigningKey {
        kid,
        slot,
        alg: Alg::Rs256.as_str().into(),
        private_pem: String::from_utf8(pem).map_err(|e| internal("PEM text", e))?,
        public_jwk: serde_json::to_string(&jwk).map_err(|e| internal("JWK JSON", e))?,
        created_at: now,
    })
}

fn load(stored: &OidcSigningKey) -> Result<LoadedKey, AppError> {
    let pkey = PKey::private_key_from_pem(stored.private_pem.as_bytes())
        .map_err(|e| internal("reading a stored signing key", e))?;
    Ok(LoadedKey {
        kid: stored.kid.clone(),
        slot: stored.slot,
        pkey,
    })
}

/// Makes sure the keys of the slots needed at `now` exist and are cached.
async fn ensure(state: &AppState, now: Timestamp) -> Result<(), AppError> {
    let schedule = state.config().oidc.key_schedule();
    let cache = state.oidc().keys();
    for slot in schedule.slots_needed(now) {
        if cache.get(slot).is_some() {
            continue;
        }
        let existing = state
            .store()
            .oidc_signing_keys(slot)
            .await?
            .into_iter()
            .find(|k| k.slot == slot && k.alg == Alg::Rs256.as_str());
        let stored = match existing {
            Some(k) => k,
            None => {
                let fresh = tokio::task::spawn_blocking(move || generate(slot, now))
                    .await
                    .map_err(|e| internal("key generation task", e))??;
                state.store().add_oidc_signing_key(&fresh).await?
            }
        };
        cache.put(Arc::new(load(&stored)?));
    }
    Ok(())
}

/// The key that signs at `now`.
pub async fn signing_key(state: &AppState, now: Timestamp) -> Result<Arc<LoadedKey>, AppError> {
    let schedule = state.config().oidc.key_schedule();
    let cache = state.oidc().keys();
    let needed = schedule.slots_needed(now);
    if needed.iter().any(|s| cache.get(*s).is_none()) {
        ensure(state, now).await?;
    }
    cache
        .get(schedule.signing_slot(now))
        .ok_or_else(|| internal("signing key", "missing after creation"))
}

/// Signs `claims` as a JWT with `key` (RS256), on the blocking pool.
pub async fn sign(key: Arc<LoadedKey>, claims: &impl Serialize) -> Result<String, AppError> {
    let input = jws::signing_input(&Header::jwt(Alg::Rs256, &key.kid), claims)
        .map_err(|e| internal("JWT claims", e))?;
    tokio::task::spawn_blocking(move || {
        let mut signer =
            Signer::new(MessageDigest::sha256(), &key.pkey).map_err(|e| internal("signer", e))?;
        signer
            .update(input.as_bytes())
            .map_err(|e| internal("signing", e))?;
        let signature = signer.sign_to_vec().map_err(|e| internal("signing", e))?;
        Ok(jws::compact(&input, &signature))
    })
    .await
    .map_err(|e| internal("signing task", e))?
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
    if parsed.header.alg != Alg::Rs256.as_str() {
        return Ok(None);
    }
    let Some(kid) = parsed.header.kid.clone() else {
        return Ok(None);
    };
    let Some(stored) = state
        .store()
        .oidc_signing_keys(i64::MIN)
        .await?
        .into_iter()
        .find(|k| k.kid == kid)
    else {
        return Ok(None);
    };
    let key = load(&stored)?;
    let mut verifier =
        Verifier::new(MessageDigest::sha256(), &key.pkey).map_err(|e| internal("verifier", e))?;
    verifier
        .update(parsed.signing_input.as_bytes())
        .map_err(|e| internal("verifying", e))?;
    let ok = verifier.verify(&parsed.signature).unwrap_or(false);
    Ok(ok.then_some(parsed.payload))
}
