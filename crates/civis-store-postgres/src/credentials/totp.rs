//! Authenticator-app (TOTP) credentials.

use civis_domain::{AuditAction, Timestamp, UserId};
use civis_store::credentials::{audit as cred_audit, decode_step, encode_step, TotpCredential};
use civis_store::{Change, StoreError, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::audit;
use crate::error::{db_err, write_err};
use crate::PostgresStore;

fn decode(row: &PgRow) -> StoreResult<TotpCredential> {
    let last: i64 = row.try_get("last_step").map_err(db_err)?;
    let confirmed: Option<i64> = row.try_get("confirmed_at").map_err(db_err)?;
    Ok(TotpCredential {
        user_id: UserId(row.try_get("user_id").map_err(db_err)?),
        secret: row.try_get("secret").map_err(db_err)?,
        confirmed_at: confirmed.map(Timestamp::from_millis),
        last_step: decode_step(last),
        created_at: Timestamp::from_millis(row.try_get("created_at").map_err(db_err)?),
    })
}

impl PostgresStore {
    pub(crate) async fn begin_totp_impl(
        &self,
        user: UserId,
        secret: &[u8],
        at: Timestamp,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "INSERT INTO totp_credentials (user_id, secret, confirmed_at, last_step, created_at) \
             VALUES ($1, $2, NULL, -1, $3) ON CONFLICT (user_id) DO UPDATE SET \
             secret = excluded.secret, created_at = excluded.created_at, last_step = -1 \
             WHERE totp_credentials.confirmed_at IS NULL",
        )
        .bind(user.0)
        .bind(secret)
        .bind(at.as_millis())
        .execute(&self.pool)
        .await
        .map_err(write_err("user_id"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict { field: "totp" });
        }
        Ok(())
    }

    pub(crate) async fn totp_credential_impl(
        &self,
        user: UserId,
    ) -> StoreResult<Option<TotpCredential>> {
        let row = sqlx::query(
            "SELECT user_id, secret, confirmed_at, last_step, created_at \
             FROM totp_credentials WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        row.as_ref().map(decode).transpose()
    }

    pub(crate) async fn confirm_totp_impl(
        &self,
        user: UserId,
        step: u64,
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE totp_credentials SET confirmed_at = $1, last_step = $2 \
             WHERE user_id = $3 AND confirmed_at IS NULL",
        )
        .bind(change.at.as_millis())
        .bind(encode_step(step))
        .bind(user.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        audit::insert(
            &mut tx,
            &cred_audit::event(change, AuditAction::TotpEnrolled, user, None),
        )
        .await?;
        tx.commit().await.map_err(db_err)
    }

    pub(crate) async fn use_totp_step_impl(&self, user: UserId, step: u64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE totp_credentials SET last_step = $1 \
             WHERE user_id = $2 AND confirmed_at IS NOT NULL AND last_step < $3",
        )
        .bind(encode_step(step))
        .bind(user.0)
        .bind(encode_step(step))
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    pub(crate) async fn remove_totp_impl(&self, user: UserId, change: Change) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let confirmed: Option<Option<i64>> = sqlx::query_scalar(
            "DELETE FROM totp_credentials WHERE user_id = $1 RETURNING confirmed_at",
        )
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        if matches!(confirmed, Some(Some(_))) {
            audit::insert(
                &mut tx,
                &cred_audit::event(change, AuditAction::TotpRemoved, user, None),
            )
            .await?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(confirmed.is_some())
    }
}
