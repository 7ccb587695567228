//! The user agent of each session, and revoking one session from the devices page.

use civis_domain::{AuditAction, TokenHash, UserId};
use civis_store::credentials::audit as cred_audit;
use civis_store::{Change, StoreError, StoreResult};
use sqlx::Row;

use crate::audit;
use crate::error::{db_err, write_err};
use crate::SqliteStore;

impl SqliteStore {
    pub(crate) async fn record_session_device_impl(
        &self,
        hash: &TokenHash,
        user_agent: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO session_devices (token_hash, user_agent) VALUES (?, ?) \
             ON CONFLICT (token_hash) DO UPDATE SET user_agent = excluded.user_agent",
        )
        .bind(&hash.as_bytes()[..])
        .bind(user_agent)
        .execute(&self.pool)
        .await
        .map_err(write_err("token_hash"))?;
        Ok(())
    }

    pub(crate) async fn session_devices_impl(
        &self,
        user: UserId,
    ) -> StoreResult<Vec<(TokenHash, String)>> {
        let rows = sqlx::query(
            "SELECT d.token_hash, d.user_agent FROM session_devices d \
             JOIN sessions s ON s.token_hash = d.token_hash WHERE s.user_id = ?",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter()
            .map(|row| {
                let hash: Vec<u8> = row.try_get("token_hash").map_err(db_err)?;
                let hash = TokenHash::from_slice(&hash).ok_or_else(|| {
                    StoreError::internal("stored session_devices.token_hash is not valid")
                })?;
                Ok((hash, row.try_get("user_agent").map_err(db_err)?))
            })
            .collect()
    }

    pub(crate) async fn revoke_session_impl(
        &self,
        user: UserId,
        hash: &TokenHash,
        change: Change,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = ? AND user_id = ?")
            .bind(&hash.as_bytes()[..])
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let existed = done.rows_affected() > 0;
        if existed {
            audit::insert(
                &mut tx,
                &cred_audit::event(change, AuditAction::SessionRevoked, user, None),
            )
            .await?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(existed)
    }
}
