//! The simulated residents: registered in bulk through the store, then signed in
//! through the HTTP API.
//!
//! Registration skips the API on purpose: creating an account through it hashes the
//! password with Argon2id at the production cost (m = 19456 KiB, t = 2, p = 1), some
//! 20–30 ms of CPU each, which for 100,000 residents is more than half an hour of
//! hashing on two cores. The simulation instead stores, for every resident, a hash of
//! the one simulation password computed once: for most residents at the lower cost
//! [`SIM_MEMORY_KIB`]/[`SIM_ITERATIONS`], which only this command uses; for a sample at
//! the production cost, so that the production sign-in throughput is measured too. The
//! server verifies each sign-in at the cost its stored PHC string names, through its
//! unchanged code.

use std::sync::Arc;

use anyhow::Context as _;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use civis_domain::{DisplayName, PasswordHash, Role, Timestamp, UserId, Username};
use civis_store::{Change, NewUser, Store};

use super::pool;
use crate::loadtest::api::{self, Session};

/// The password of every simulated account.
pub const SIM_PASSWORD: &str = "civis-simulation-password";
/// Argon2id memory cost of the simulation's lower profile, in KiB.
pub const SIM_MEMORY_KIB: u32 = 1024;
/// Argon2id iterations of the simulation's lower profile.
pub const SIM_ITERATIONS: u32 = 1;

/// The two stored hashes of [`SIM_PASSWORD`].
#[derive(Clone)]
pub struct Hashes {
    /// At the simulation's lower cost.
    pub low: PasswordHash,
    /// At the production cost (the server's own hashing function).
    pub full: PasswordHash,
}

/// Computes both hashes once.
pub async fn hashes() -> anyhow::Result<Hashes> {
    let low = tokio::task::spawn_blocking(|| {
        let params = Params::new(SIM_MEMORY_KIB, SIM_ITERATIONS, 1, None)
            .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
        let salt = SaltString::generate(&mut OsRng);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(SIM_PASSWORD.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2 hashing: {e}"))
    })
    .await??;
    let full = civis_web::auth::password::hash(SIM_PASSWORD.to_owned()).await?;
    Ok(Hashes {
        low: PasswordHash::new(low),
        full: PasswordHash::new(full),
    })
}

/// The username of resident `i` of the run tagged `tag`.
pub fn username(tag: &str, i: usize) -> String {
    format!("sim{tag}r{:06}", i + 1)
}

/// Creates one account through the store (one transaction and audit event each).
pub async fn create(
    store: &Arc<dyn Store>,
    username: &str,
    role: Role,
    hash: &PasswordHash,
    now: Timestamp,
) -> anyhow::Result<UserId> {
    let new = NewUser {
        username: Username::parse(username)?,
        display_name: DisplayName::parse(username)?,
        role,
        password_hash: Some(hash.clone()),
    };
    let user = store
        .create_user(&new, Change::system(now))
        .await
        .map_err(|e| anyhow::anyhow!("creating {username} failed: {}", e.log_detail()))?;
    Ok(user.id)
}

/// Registers `count` residents through the store, `concurrency` at a time; the first
/// `full_cost` of them get the production-cost hash.
pub async fn register(
    store: Arc<dyn Store>,
    tag: Arc<str>,
    hashes: Hashes,
    count: usize,
    full_cost: usize,
    concurrency: usize,
    now: Timestamp,
) -> anyhow::Result<()> {
    pool::run_all(count, concurrency, move |i| {
        let (store, tag, hashes) = (store.clone(), tag.clone(), hashes.clone());
        async move {
            let hash = if i < full_cost {
                &hashes.full
            } else {
                &hashes.low
            };
            create(&store, &username(&tag, i), Role::Resident, hash, now).await?;
            Ok(())
        }
    })
    .await?;
    Ok(())
}

/// Signs residents `range` in through `POST /api/v1/auth/sign-in`, `concurrency` at a
/// time; their sessions in order.
pub async fn sign_in(
    client: reqwest::Client,
    base: Arc<str>,
    tag: Arc<str>,
    range: std::ops::Range<usize>,
    concurrency: usize,
) -> anyhow::Result<Vec<Session>> {
    let start = range.start;
    pool::run_all(range.len(), concurrency, move |k| {
        let (client, base, tag) = (client.clone(), base.clone(), tag.clone());
        async move {
            let name = username(&tag, start + k);
            api::sign_in(&client, &base, &name, SIM_PASSWORD)
                .await?
                .with_context(|| format!("the server refused the sign-in of {name}"))
        }
    })
    .await
}
