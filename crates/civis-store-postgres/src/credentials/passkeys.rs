//! Passkeys and WebAuthn ceremonies.

use civis_domain::{AuditAction, Timestamp, UserId};
use civis_store::credentials::{
    audit as cred_audit, Ceremony, NewPasskey, PasskeyRemoval, StoredPasskey,
};
use civis_store::oidc::decode::digest;
use civis_store::{Change, StoreError, StoreResult};
use serde_json::json;
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::audit;
use crate::error::{db_err, write_err};
use crate::PostgresStore;

const PASSKEY_COLUMNS: &str =
    "id, user_id, credential_id, name, credential, counter, created_at, last_used_at";

fn decode_passkey(row: &PgRow) -> StoreResult<StoredPasskey> {
    let counter: i64 = row.try_get("counter").map_err(db_err)?;
    let last: Option<i64> = row.try_get("last_used_at").map_err(db_err)?;
    Ok(StoredPasskey {
        id: row.try_get("id").map_err(db_err)?,
        user_id: UserId(row.try_get("user_id").map_err(db_err)?),
        credential_id: row.try_get("credential_id").map_err(db_err)?,
        name: row.try_get("name").map_err(db_err)?,
        credential: row.try_get("credential").map_err(db_err)?,
        counter: u32::try_from(counter)
            .map_err(|_| StoreError::internal("stored passkeys.counter is not valid"))?,
        created_at: Timestamp::from_millis(row.try_get("created_at").map_err(db_err)?),
        last_used_at: last.map(Timestamp::from_millis),
    })
}

fn decode_ceremony(row: &PgRow) -> StoreResult<Ceremony> {
    let id: Vec<u8> = row.try_get("id_hash").map_err(db_err)?;
    let user: Option<i64> = row.try_get("user_id").map_err(db_err)?;
    Ok(Ceremony {
        id_hash: digest(&id, "webauthn_ceremonies.id_hash")?,
        user_id: user.map(UserId),
        kind: row.try_get("kind").map_err(db_err)?,
        state: row.try_get("state").map_err(db_err)?,
        created_at: Timestamp::from_millis(row.try_get("created_at").map_err(db_err)?),
        expires_at: Timestamp::from_millis(row.try_get("expires_at").map_err(db_err)?),
    })
}

impl PostgresStore {
    pub(crate) async fn add_passkey_impl(
        &self,
        new: &NewPasskey,
        change: Change,
    ) -> StoreResult<StoredPasskey> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&format!(
            "INSERT INTO passkeys (user_id, credential_id, name, credential, counter, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {PASSKEY_COLUMNS}"
        ))
        .bind(new.user_id.0)
        .bind(&new.credential_id)
        .bind(&new.name)
        .bind(&new.credential)
        .bind(i64::from(new.counter))
        .bind(change.at.as_millis())
        .fetch_one(&mut *tx)
        .await
        .map_err(write_err("credential_id"))?;
        let stored = decode_passkey(&row)?;
        audit::insert(
            &mut tx,
            &cred_audit::event(
                change,
                AuditAction::PasskeyRegistered,
                new.user_id,
                Some(json!({"passkey_id": stored.id, "name": stored.name})),
            ),
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    pub(crate) async fn passkeys_of_impl(&self, user: UserId) -> StoreResult<Vec<StoredPasskey>> {
        let rows = sqlx::query(&format!(
            "SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY created_at, id"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(decode_passkey).collect()
    }

    pub(crate) async fn passkey_by_credential_id_impl(
        &self,
        credential_id: &[u8],
    ) -> StoreResult<Option<StoredPasskey>> {
        let row = sqlx::query(&format!(
            "SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE credential_id = $1"
        ))
        .bind(credential_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        row.as_ref().map(decode_passkey).transpose()
    }

    pub(crate) async fn use_passkey_impl(
        &self,
        id: i64,
        counter: u32,
        credential: &str,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let counter = i64::from(counter);
        let done = sqlx::query(
            "UPDATE passkeys SET counter = $1, credential = $2, last_used_at = $3 \
             WHERE id = $4 AND (counter < $5 OR (counter = 0 AND $6 = 0))",
        )
        .bind(counter)
        .bind(credential)
        .bind(at.as_millis())
        .bind(id)
        .bind(counter)
        .bind(counter)
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    pub(crate) async fn remove_passkey_impl(
        &self,
        user: UserId,
        id: i64,
        keep_one: bool,
        change: Change,
    ) -> StoreResult<PasskeyRemoval> {
        let mut tx = self.begin_write().await?;
        // The account's passkeys locked: a concurrent removal waits, then counts
        // without the one removed here.
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM passkeys WHERE user_id = $1 FOR UPDATE")
                .bind(user.0)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_err)?;
        if !ids.contains(&id) {
            return Ok(PasskeyRemoval::NotFound);
        }
        if keep_one && ids.len() == 1 {
            return Ok(PasskeyRemoval::LastOne);
        }
        let name: Option<String> = sqlx::query_scalar(
            "DELETE FROM passkeys WHERE id = $1 AND user_id = $2 RETURNING name",
        )
        .bind(id)
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let Some(name) = name else {
            return Ok(PasskeyRemoval::NotFound);
        };
        audit::insert(
            &mut tx,
            &cred_audit::event(
                change,
                AuditAction::PasskeyRemoved,
                user,
                Some(json!({"passkey_id": id, "name": name})),
            ),
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(PasskeyRemoval::Removed)
    }

    pub(crate) async fn save_ceremony_impl(&self, c: &Ceremony) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO webauthn_ceremonies (id_hash, user_id, kind, state, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&c.id_hash[..])
        .bind(c.user_id.map(|u| u.0))
        .bind(&c.kind)
        .bind(&c.state)
        .bind(c.created_at.as_millis())
        .bind(c.expires_at.as_millis())
        .execute(&self.pool)
        .await
        .map_err(write_err("id"))?;
        Ok(())
    }

    pub(crate) async fn take_ceremony_impl(
        &self,
        id_hash: &[u8; 32],
        now: Timestamp,
    ) -> StoreResult<Option<Ceremony>> {
        let row = sqlx::query(
            "DELETE FROM webauthn_ceremonies WHERE id_hash = $1 \
             RETURNING id_hash, user_id, kind, state, created_at, expires_at",
        )
        .bind(&id_hash[..])
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        match row.as_ref().map(decode_ceremony).transpose()? {
            Some(c) if c.expires_at > now => Ok(Some(c)),
            _ => Ok(None),
        }
    }

    pub(crate) async fn purge_ceremonies_impl(&self, now: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM webauthn_ceremonies WHERE expires_at <= $1")
            .bind(now.as_millis())
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected())
    }
}
