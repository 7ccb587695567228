//! The [`Store`] implementation, delegating to the per-table modules.

use async_trait::async_trait;
use civis_domain::{
    AuditEvent, AuthMethods, DisplayName, NewAuditEvent, PasswordHash, Proofing, Role, Session,
    Timestamp, TokenHash, User, UserId, Username,
};
use civis_store::{
    account_audit, AuditFilter, Change, NewSession, NewUser, Page, PasswordSignInFacts,
    PasswordSignInQuery, PoolStats, Store, StoreResult, UserFilter,
};

use crate::error::db_err;
use crate::users::UserUpdate;
use crate::SqliteStore;

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    fn pool_stats(&self) -> PoolStats {
        PoolStats {
            size: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }

    async fn close(&self) {
        self.pool.close().await;
    }

    async fn create_user(&self, new: &NewUser, change: Change) -> StoreResult<User> {
        self.create_user_impl(new, change).await
    }

    async fn user_by_id(&self, id: UserId) -> StoreResult<User> {
        self.user_by_id_impl(id).await
    }

    async fn user_by_username(&self, username: &Username) -> StoreResult<User> {
        self.user_by_username_impl(username).await
    }

    async fn list_users(&self, filter: UserFilter, page: Page) -> StoreResult<Vec<User>> {
        self.list_users_impl(filter, page).await
    }

    async fn count_users(&self, filter: UserFilter) -> StoreResult<u64> {
        self.count_users_impl(filter).await
    }

    async fn set_user_role(&self, id: UserId, role: Role, change: Change) -> StoreResult<User> {
        self.update_user(
            id,
            UserUpdate::Role(role),
            change,
            account_audit::role_changed,
        )
        .await
    }

    async fn set_display_name(
        &self,
        id: UserId,
        name: &DisplayName,
        change: Change,
    ) -> StoreResult<User> {
        self.update_user(
            id,
            UserUpdate::DisplayName(name),
            change,
            account_audit::profile_changed,
        )
        .await
    }

    async fn disable_user(&self, id: UserId, change: Change) -> StoreResult<User> {
        self.update_user(
            id,
            UserUpdate::Disable(change.at),
            change,
            account_audit::disabled,
        )
        .await
    }

    async fn enable_user(&self, id: UserId, change: Change) -> StoreResult<User> {
        self.update_user(id, UserUpdate::Enable, change, account_audit::enabled)
            .await
    }

    async fn password_hash(&self, id: UserId) -> StoreResult<Option<PasswordHash>> {
        self.password_hash_impl(id).await
    }

    async fn password_sign_in_facts(
        &self,
        query: &PasswordSignInQuery<'_>,
    ) -> StoreResult<PasswordSignInFacts> {
        self.password_sign_in_facts_impl(query).await
    }

    async fn set_password_hash(
        &self,
        id: UserId,
        hash: &PasswordHash,
        change: Change,
    ) -> StoreResult<()> {
        self.set_password_hash_impl(id, hash, change).await
    }

    async fn create_session(&self, new: &NewSession) -> StoreResult<Session> {
        self.create_session_impl(new).await
    }

    async fn session_by_token_hash(
        &self,
        hash: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Option<Session>> {
        self.session_by_token_hash_impl(hash, now).await
    }

    async fn session_context(
        &self,
        hash: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Option<civis_store::SessionContext>> {
        self.session_context_impl(hash, now).await
    }

    async fn touch_session(
        &self,
        hash: &TokenHash,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<bool> {
        self.touch_session_impl(hash, now, expires_at).await
    }

    async fn list_user_sessions(&self, user: UserId, now: Timestamp) -> StoreResult<Vec<Session>> {
        self.list_user_sessions_impl(user, now).await
    }

    async fn step_up_session(
        &self,
        hash: &TokenHash,
        methods: AuthMethods,
        at: Timestamp,
    ) -> StoreResult<bool> {
        self.step_up_session_impl(hash, methods, at).await
    }

    async fn account_proofing(&self, id: UserId) -> StoreResult<Option<Proofing>> {
        self.account_proofing_impl(id).await
    }

    async fn delete_session(&self, hash: &TokenHash) -> StoreResult<bool> {
        self.delete_session_impl(hash).await
    }

    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<u64> {
        self.delete_user_sessions_impl(user).await
    }

    async fn purge_expired_sessions(&self, now: Timestamp) -> StoreResult<u64> {
        self.purge_expired_sessions_impl(now).await
    }

    async fn record_failed_sign_in(&self, key: &str, at: Timestamp) -> StoreResult<()> {
        self.record_failed_sign_in_impl(key, at).await
    }

    async fn count_failed_sign_ins(&self, key: &str, since: Timestamp) -> StoreResult<u64> {
        self.count_failed_sign_ins_impl(key, since).await
    }

    async fn clear_failed_sign_ins(&self, key: &str) -> StoreResult<u64> {
        self.clear_failed_sign_ins_impl(key).await
    }

    async fn purge_failed_sign_ins(&self, before: Timestamp) -> StoreResult<u64> {
        self.purge_failed_sign_ins_impl(before).await
    }

    async fn append_audit(&self, event: &NewAuditEvent) -> StoreResult<AuditEvent> {
        self.append_audit_impl(event).await
    }

    async fn list_audit(&self, filter: &AuditFilter, page: Page) -> StoreResult<Vec<AuditEvent>> {
        self.list_audit_impl(filter, page).await
    }

    async fn count_audit(&self, filter: &AuditFilter) -> StoreResult<u64> {
        self.count_audit_impl(filter).await
    }
}
