//! A process's credential issuer key: RSA 2048 bits (RSABSSA-SHA384-PSS-Randomized),
//! generated on first use and kept in the database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use civis_ballot::blind_rsa::IssuerSecretKey;
use civis_budget::ProcessId;

use crate::error::AppError;
use crate::state::AppState;

/// The size of the issuer keys the server makes.
pub const ISSUER_BITS: u32 = 2048;

/// Issuer keys already read, by process.
pub type IssuerCache = Mutex<HashMap<i64, Arc<IssuerSecretKey>>>;

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// The issuer key of `process` (which the caller checked has secret ballots):
/// the stored one, or a new one stored now.
pub async fn issuer(
    state: &AppState,
    process: ProcessId,
) -> Result<Arc<IssuerSecretKey>, AppError> {
    let cache = &state.ballots().issuers;
    let cached = cache
        .lock()
        .map_err(|_| internal("issuer keys", "lock poisoned"))?
        .get(&process.0)
        .cloned();
    if let Some(key) = cached {
        return Ok(key);
    }
    let candidate = tokio::task::spawn_blocking(|| IssuerSecretKey::generate(ISSUER_BITS))
        .await
        .map_err(|e| internal("issuer key generation", e))?
        .map_err(|e| internal("issuer key generation", e))?;
    let der = candidate
        .to_pkcs8_der()
        .map_err(|e| internal("issuer key encoding", e))?;
    let stored = state
        .store()
        .ballot_issuer_key(process, &der, state.now())
        .await?;
    let key = Arc::new(
        IssuerSecretKey::from_pkcs8_der(&stored).map_err(|e| internal("stored issuer key", e))?,
    );
    cache
        .lock()
        .map_err(|_| internal("issuer keys", "lock poisoned"))?
        .insert(process.0, Arc::clone(&key));
    Ok(key)
}
