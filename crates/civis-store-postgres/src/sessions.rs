//! Sessions, looked up by token hash; validity is decided at a given `now`.

use civis_domain::{AuthMethods, Session, Timestamp, TokenHash, UserId};
use civis_store::decode::{SessionRow, UserRow};
use civis_store::{NewSession, SessionContext, StoreError, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::error::{db_err, write_err};
use crate::PostgresStore;

fn decode(row: &PgRow) -> StoreResult<Session> {
    SessionRow {
        token_hash: row.try_get("token_hash").map_err(db_err)?,
        user_id: row.try_get("user_id").map_err(db_err)?,
        csrf_secret: row.try_get("csrf_secret").map_err(db_err)?,
        created_at: row.try_get("created_at").map_err(db_err)?,
        last_seen_at: row.try_get("last_seen_at").map_err(db_err)?,
        expires_at: row.try_get("expires_at").map_err(db_err)?,
        auth_methods: row.try_get("auth_methods").map_err(db_err)?,
        authenticated_at: row.try_get("authenticated_at").map_err(db_err)?,
    }
    .into_session()
}

/// A session row joined with its account's columns (prefixed `u_`).
fn decode_context(row: &PgRow) -> StoreResult<SessionContext> {
    let session = decode(row)?;
    let user = UserRow {
        id: row.try_get("user_id").map_err(db_err)?,
        username: row.try_get("u_username").map_err(db_err)?,
        display_name: row.try_get("u_display_name").map_err(db_err)?,
        role: row.try_get("u_role").map_err(db_err)?,
        created_at: row.try_get("u_created_at").map_err(db_err)?,
        disabled_at: row.try_get("u_disabled_at").map_err(db_err)?,
    }
    .into_user()?;
    let proofing: Option<String> = row.try_get("u_proofing").map_err(db_err)?;
    let proofing = civis_store::decode::proofing(proofing)?;
    Ok(SessionContext {
        session,
        user,
        proofing,
    })
}

impl PostgresStore {
    pub(crate) async fn create_session_impl(&self, new: &NewSession) -> StoreResult<Session> {
        let row = sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at, \
             auth_methods, authenticated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING token_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at, \
             auth_methods, authenticated_at",
        )
        .bind(&new.token_hash.as_bytes()[..])
        .bind(new.user_id.0)
        .bind(&new.csrf_secret)
        .bind(new.created_at.as_millis())
        .bind(new.created_at.as_millis())
        .bind(new.expires_at.as_millis())
        .bind(new.auth_methods.to_amr_string())
        .bind(new.created_at.as_millis())
        .fetch_one(&self.pool)
        .await
        .map_err(write_err("token_hash"))?;
        decode(&row)
    }

    pub(crate) async fn session_by_token_hash_impl(
        &self,
        hash: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Option<Session>> {
        let row = sqlx::query(
            "SELECT s.token_hash, s.user_id, s.csrf_secret, s.created_at, s.last_seen_at, s.expires_at, s.auth_methods, s.authenticated_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(&hash.as_bytes()[..])
        .bind(now.as_millis())
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        row.as_ref().map(decode).transpose()
    }

    pub(crate) async fn session_context_impl(
        &self,
        hash: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Option<SessionContext>> {
        let row = sqlx::query(
            "SELECT s.token_hash, s.user_id, s.csrf_secret, s.created_at, s.last_seen_at, s.expires_at, s.auth_methods, s.authenticated_at, \
             u.username AS u_username, u.display_name AS u_display_name, u.role AS u_role, \
             u.created_at AS u_created_at, u.disabled_at AS u_disabled_at, u.proofing AS u_proofing \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(&hash.as_bytes()[..])
        .bind(now.as_millis())
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        row.as_ref().map(decode_context).transpose()
    }

    pub(crate) async fn list_user_sessions_impl(
        &self,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Vec<Session>> {
        let rows = sqlx::query(
            "SELECT s.token_hash, s.user_id, s.csrf_secret, s.created_at, s.last_seen_at, s.expires_at, s.auth_methods, s.authenticated_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.user_id = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL \
             ORDER BY s.last_seen_at DESC, s.created_at DESC, s.token_hash",
        )
        .bind(user.0)
        .bind(now.as_millis())
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(decode).collect()
    }

    pub(crate) async fn touch_session_impl(
        &self,
        hash: &TokenHash,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3",
        )
        .bind(now.as_millis())
        .bind(expires_at.as_millis())
        .bind(&hash.as_bytes()[..])
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    pub(crate) async fn step_up_session_impl(
        &self,
        hash: &TokenHash,
        methods: AuthMethods,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let current: Option<String> = sqlx::query_scalar(
            "SELECT auth_methods FROM sessions WHERE token_hash = $1 FOR UPDATE",
        )
        .bind(&hash.as_bytes()[..])
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let Some(current) = current else {
            return Ok(false);
        };
        let current = AuthMethods::parse_amr_string(&current)
            .ok_or_else(|| StoreError::internal("stored sessions.auth_methods is not valid"))?;
        let done = sqlx::query(
            "UPDATE sessions SET auth_methods = $1, authenticated_at = $2 WHERE token_hash = $3",
        )
        .bind(current.union(methods).to_amr_string())
        .bind(at.as_millis())
        .bind(&hash.as_bytes()[..])
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    pub(crate) async fn delete_session_impl(&self, hash: &TokenHash) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&hash.as_bytes()[..])
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    pub(crate) async fn delete_user_sessions_impl(&self, user: UserId) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected())
    }

    pub(crate) async fn purge_expired_sessions_impl(&self, now: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now.as_millis())
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected())
    }
}
