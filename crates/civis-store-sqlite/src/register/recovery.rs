//! [`RecoveryStore`](civis_store::RecoveryStore): recovery codes.

use async_trait::async_trait;
use civis_domain::UserId;
use civis_store::recovery::{audit as recovery_audit, NewRecoveryCode};
use civis_store::{Change, RecoveryStore, StoreError, StoreResult};
use sqlx::SqliteConnection;

use crate::audit;
use crate::error::{db_err, write_err};
use crate::SqliteStore;

async fn user_exists(conn: &mut SqliteConnection, user: UserId) -> StoreResult<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = ?")
        .bind(user.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    found.map(|_| ()).ok_or(StoreError::NotFound)
}

#[async_trait]
impl RecoveryStore for SqliteStore {
    async fn issue_recovery_code(&self, code: &NewRecoveryCode, change: Change) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        super::check_actor(&mut tx, change).await?;
        user_exists(&mut tx, code.user_id).await?;
        let voided = sqlx::query(
            "UPDATE recovery_codes SET voided_at = ? \
             WHERE user_id = ? AND used_at IS NULL AND voided_at IS NULL",
        )
        .bind(change.at.as_millis())
        .bind(code.user_id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash, document_type, issued_by, \
             created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(code.user_id.0)
        .bind(&code.code_hash[..])
        .bind(&code.document_type)
        .bind(change.actor.map(|a| a.0))
        .bind(change.at.as_millis())
        .bind(code.expires_at.as_millis())
        .execute(&mut *tx)
        .await
        .map_err(write_err("user_id"))?;
        audit::insert(&mut tx, &recovery_audit::issued(change, code, voided)).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &[u8; 32],
        change: Change,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        // One statement decides: of two concurrent uses, the second finds the
        // row used (SQLite serializes writers; PostgreSQL re-checks the
        // condition after the first commits).
        let taken = sqlx::query(
            "UPDATE recovery_codes SET used_at = ? \
             WHERE user_id = ? AND code_hash = ? AND used_at IS NULL \
             AND voided_at IS NULL AND expires_at > ?",
        )
        .bind(change.at.as_millis())
        .bind(user.0)
        .bind(&code_hash[..])
        .bind(change.at.as_millis())
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        if taken != 1 {
            return Ok(false);
        }
        audit::insert(&mut tx, &recovery_audit::used(change, user)).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(true)
    }
}
