//! [`CredentialStore`](civis_store::CredentialStore) for PostgreSQL.

mod devices;
mod passkeys;
mod totp;

use async_trait::async_trait;
use civis_domain::{Timestamp, TokenHash, UserId};
use civis_store::credentials::{
    Ceremony, NewPasskey, PasskeyRemoval, StoredPasskey, TotpCredential,
};
use civis_store::{Change, CredentialStore, StoreResult};

use crate::PostgresStore;

#[async_trait]
impl CredentialStore for PostgresStore {
    async fn begin_totp(&self, user: UserId, secret: &[u8], at: Timestamp) -> StoreResult<()> {
        self.begin_totp_impl(user, secret, at).await
    }

    async fn totp_credential(&self, user: UserId) -> StoreResult<Option<TotpCredential>> {
        self.totp_credential_impl(user).await
    }

    async fn confirm_totp(&self, user: UserId, step: u64, change: Change) -> StoreResult<()> {
        self.confirm_totp_impl(user, step, change).await
    }

    async fn use_totp_step(&self, user: UserId, step: u64) -> StoreResult<bool> {
        self.use_totp_step_impl(user, step).await
    }

    async fn remove_totp(&self, user: UserId, change: Change) -> StoreResult<bool> {
        self.remove_totp_impl(user, change).await
    }

    async fn add_passkey(&self, new: &NewPasskey, change: Change) -> StoreResult<StoredPasskey> {
        self.add_passkey_impl(new, change).await
    }

    async fn passkeys_of(&self, user: UserId) -> StoreResult<Vec<StoredPasskey>> {
        self.passkeys_of_impl(user).await
    }

    async fn passkey_by_credential_id(
        &self,
        credential_id: &[u8],
    ) -> StoreResult<Option<StoredPasskey>> {
        self.passkey_by_credential_id_impl(credential_id).await
    }

    async fn use_passkey(
        &self,
        id: i64,
        counter: u32,
        credential: &str,
        at: Timestamp,
    ) -> StoreResult<bool> {
        self.use_passkey_impl(id, counter, credential, at).await
    }

    async fn remove_passkey(
        &self,
        user: UserId,
        id: i64,
        keep_one: bool,
        change: Change,
    ) -> StoreResult<PasskeyRemoval> {
        self.remove_passkey_impl(user, id, keep_one, change).await
    }

    async fn save_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()> {
        self.save_ceremony_impl(ceremony).await
    }

    async fn take_ceremony(
        &self,
        id_hash: &[u8; 32],
        now: Timestamp,
    ) -> StoreResult<Option<Ceremony>> {
        self.take_ceremony_impl(id_hash, now).await
    }

    async fn purge_ceremonies(&self, now: Timestamp) -> StoreResult<u64> {
        self.purge_ceremonies_impl(now).await
    }

    async fn record_session_device(&self, hash: &TokenHash, user_agent: &str) -> StoreResult<()> {
        self.record_session_device_impl(hash, user_agent).await
    }

    async fn session_devices(&self, user: UserId) -> StoreResult<Vec<(TokenHash, String)>> {
        self.session_devices_impl(user).await
    }

    async fn revoke_session(
        &self,
        user: UserId,
        hash: &TokenHash,
        change: Change,
    ) -> StoreResult<bool> {
        self.revoke_session_impl(user, hash, change).await
    }
}
