//! Registered client services, kept in memory for a short time ([`CLIENT_TTL`]):
//! a flow needs its client at the authorization endpoint and again at the token
//! endpoint, and reading it from the store each time is a round trip per request.
//! A change made through this server drops the entry at once; another server on
//! the same database sees it within [`CLIENT_TTL`]. Unknown ids are not cached.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use civis_oidc::{Client, ClientId};
use civis_store::StoreResult;

use crate::state::AppState;

/// How long a client read from the store is used without reading it again.
pub const CLIENT_TTL: Duration = Duration::from_secs(1);

/// The clients read in the last [`CLIENT_TTL`], by id.
#[derive(Default)]
pub struct ClientCache {
    entries: RwLock<HashMap<ClientId, (Instant, Client)>>,
}

impl ClientCache {
    fn fresh(&self, id: &ClientId, now: Instant) -> Option<Client> {
        let entries = self.entries.read().ok()?;
        let (read_at, client) = entries.get(id)?;
        (now.saturating_duration_since(*read_at) < CLIENT_TTL).then(|| client.clone())
    }

    fn keep(&self, client: &Client, read_at: Instant) {
        if let Ok(mut entries) = self.entries.write() {
            entries.insert(client.id.clone(), (read_at, client.clone()));
        }
    }

    /// Drops `id`'s entry (after this server changed the client).
    pub fn forget(&self, id: &ClientId) {
        if let Ok(mut entries) = self.entries.write() {
            entries.remove(id);
        }
    }
}

/// The client `id`, from the cache when read less than [`CLIENT_TTL`] ago.
/// Errors: those of `Store::oidc_client` (`NotFound` for an unknown id).
pub async fn client(state: &AppState, id: &ClientId) -> StoreResult<Client> {
    let cache = state.oidc().clients();
    let now = Instant::now();
    if let Some(client) = cache.fresh(id, now) {
        return Ok(client);
    }
    let client = state.store().oidc_client(id).await?;
    cache.keep(&client, now);
    Ok(client)
}
