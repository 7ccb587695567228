//! [`OidcStore`](civis_store::OidcStore) for SQLite.

use async_trait::async_trait;
use civis_domain::{Timestamp, UserId};
use civis_oidc::client::ClientSettings;
use civis_oidc::scope::Scope;
use civis_oidc::{Client, ClientId, Scopes};
use civis_store::oidc::decode::{redirect_uris_text, ClientRow, CodeRow, TokenRow};
use civis_store::oidc::{
    audit as oidc_audit, CodeRedemption, NewOidcToken, OidcCode, OidcSigningKey, OidcToken,
    OidcTokenHolder, OidcTokenKind, RedemptionTokens,
};
use civis_store::{Change, OidcStore, StoreError, StoreResult};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::audit;

/// A token by its digest, with the columns of the account it was issued for
/// (`u_`-prefixed, read by [`decode_token_holder`]).
const TOKEN_BY_HASH: &str =
    "SELECT t.token_hash, t.kind, t.grant_id, t.client_id, t.user_id, t.scopes, t.sub, \
     t.auth_time, t.acr, t.amr, t.issued_at, t.expires_at, t.revoked_at, u.disabled_at, \
     u.username AS u_username, u.display_name AS u_display_name, u.role AS u_role, \
     u.created_at AS u_created_at, l.record_id AS l_record_id \
     FROM oidc_tokens t JOIN users u ON u.id = t.user_id \
     LEFT JOIN register_links l ON l.user_id = t.user_id WHERE t.token_hash = ?";

/// A [`TOKEN_BY_HASH`] row: the token, its account and the account's register link.
fn decode_token_holder(row: &SqliteRow) -> StoreResult<OidcTokenHolder> {
    let token = decode_token(row)?;
    let user = civis_store::decode::UserRow {
        id: row.try_get("user_id").map_err(db_err)?,
        username: row.try_get("u_username").map_err(db_err)?,
        display_name: row.try_get("u_display_name").map_err(db_err)?,
        role: row.try_get("u_role").map_err(db_err)?,
        created_at: row.try_get("u_created_at").map_err(db_err)?,
        disabled_at: row.try_get("disabled_at").map_err(db_err)?,
    }
    .into_user()?;
    Ok(OidcTokenHolder {
        token,
        user,
        register_record: row.try_get("l_record_id").map_err(db_err)?,
    })
}
use crate::error::{db_err, write_err};
use crate::SqliteStore;

const CLIENT_COLUMNS: &str =
    "client_id, name, redirect_uris, allowed_scopes, min_level, subject_type, kind, \
     sector_identifier, secret_hash, created_at, updated_at, id_token_alg";

fn decode_client(row: &SqliteRow) -> StoreResult<Client> {
    ClientRow {
        client_id: row.try_get("client_id").map_err(db_err)?,
        name: row.try_get("name").map_err(db_err)?,
        redirect_uris: row.try_get("redirect_uris").map_err(db_err)?,
        allowed_scopes: row.try_get("allowed_scopes").map_err(db_err)?,
        min_level: row.try_get("min_level").map_err(db_err)?,
        subject_type: row.try_get("subject_type").map_err(db_err)?,
        kind: row.try_get("kind").map_err(db_err)?,
        sector_identifier: row.try_get("sector_identifier").map_err(db_err)?,
        id_token_alg: row.try_get("id_token_alg").map_err(db_err)?,
        secret_hash: row.try_get("secret_hash").map_err(db_err)?,
        created_at: row.try_get("created_at").map_err(db_err)?,
        updated_at: row.try_get("updated_at").map_err(db_err)?,
    }
    .into_client()
}

/// The columns of `oidc_codes` that [`decode_code`] reads.
macro_rules! code_columns {
    () => {
        "code_hash, client_id, user_id, redirect_uri, code_challenge, nonce, scopes, sub, \
         auth_time, acr, amr, created_at, expires_at, consumed_at"
    };
}

/// The condition, on `oidc_codes`, of a code that a redemption's parameters
/// (?1 code hash, ?2 client, ?3 redirect URI, ?4 challenge, ?5 now) may
/// redeem; the same for storing its tokens and for marking it used.
macro_rules! redeemable {
    () => {
        "code_hash = ?1 AND consumed_at IS NULL AND client_id = ?2 AND redirect_uri = ?3 \
         AND code_challenge = ?4 AND expires_at > ?5"
    };
}

fn decode_code(row: &SqliteRow) -> StoreResult<OidcCode> {
    CodeRow {
        code_hash: row.try_get("code_hash").map_err(db_err)?,
        client_id: row.try_get("client_id").map_err(db_err)?,
        user_id: row.try_get("user_id").map_err(db_err)?,
        redirect_uri: row.try_get("redirect_uri").map_err(db_err)?,
        code_challenge: row.try_get("code_challenge").map_err(db_err)?,
        nonce: row.try_get("nonce").map_err(db_err)?,
        scopes: row.try_get("scopes").map_err(db_err)?,
        sub: row.try_get("sub").map_err(db_err)?,
        auth_time: row.try_get("auth_time").map_err(db_err)?,
        acr: row.try_get("acr").map_err(db_err)?,
        amr: row.try_get("amr").map_err(db_err)?,
        created_at: row.try_get("created_at").map_err(db_err)?,
        expires_at: row.try_get("expires_at").map_err(db_err)?,
        consumed_at: row.try_get("consumed_at").map_err(db_err)?,
    }
    .into_code()
}

fn decode_token(row: &SqliteRow) -> StoreResult<OidcToken> {
    TokenRow {
        token_hash: row.try_get("token_hash").map_err(db_err)?,
        kind: row.try_get("kind").map_err(db_err)?,
        grant_id: row.try_get("grant_id").map_err(db_err)?,
        client_id: row.try_get("client_id").map_err(db_err)?,
        user_id: row.try_get("user_id").map_err(db_err)?,
        scopes: row.try_get("scopes").map_err(db_err)?,
        sub: row.try_get("sub").map_err(db_err)?,
        auth_time: row.try_get("auth_time").map_err(db_err)?,
        acr: row.try_get("acr").map_err(db_err)?,
        amr: row.try_get("amr").map_err(db_err)?,
        issued_at: row.try_get("issued_at").map_err(db_err)?,
        expires_at: row.try_get("expires_at").map_err(db_err)?,
        revoked_at: row.try_get("revoked_at").map_err(db_err)?,
        user_disabled_at: row.try_get("disabled_at").map_err(db_err)?,
    }
    .into_token()
}

fn decode_key(row: &SqliteRow) -> StoreResult<OidcSigningKey> {
    Ok(OidcSigningKey {
        kid: row.try_get("kid").map_err(db_err)?,
        slot: row.try_get("slot").map_err(db_err)?,
        alg: row.try_get("alg").map_err(db_err)?,
        private_pem: row.try_get("private_pem").map_err(db_err)?,
        public_jwk: row.try_get("public_jwk").map_err(db_err)?,
        created_at: Timestamp::from_millis(row.try_get("created_at").map_err(db_err)?),
    })
}

/// Stores `tokens` with one multi-row `INSERT` (all or none).
async fn insert_tokens<'e, E>(executor: E, tokens: &[NewOidcToken]) -> StoreResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    if tokens.is_empty() {
        return Ok(());
    }
    let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "INSERT INTO oidc_tokens (token_hash, kind, grant_id, client_id, user_id, scopes, sub, \
         auth_time, acr, amr, issued_at, expires_at) ",
    );
    insert.push_values(tokens, |mut row, t| {
        row.push_bind(&t.token_hash[..])
            .push_bind(t.kind.as_str())
            .push_bind(&t.grant[..])
            .push_bind(t.client_id.as_str())
            .push_bind(t.user_id.0)
            .push_bind(t.scopes.to_scope_string())
            .push_bind(&t.sub)
            .push_bind(t.auth_time.as_millis())
            .push_bind(t.acr.as_str())
            .push_bind(t.amr.to_amr_string())
            .push_bind(t.issued_at.as_millis())
            .push_bind(t.expires_at.as_millis());
    });
    insert
        .build()
        .execute(executor)
        .await
        .map_err(write_err("token_hash"))?;
    Ok(())
}

async fn fetch_client(conn: &mut SqliteConnection, id: &ClientId) -> StoreResult<Client> {
    let sql = format!("SELECT {CLIENT_COLUMNS} FROM oidc_clients WHERE client_id = ?");
    let row = sqlx::query(&sql)
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or(StoreError::NotFound)?;
    decode_client(&row)
}

#[async_trait]
impl OidcStore for SqliteStore {
    async fn oidc_secret(
        &self,
        name: &str,
        candidate: &[u8],
        now: Timestamp,
    ) -> StoreResult<Vec<u8>> {
        sqlx::query(
            "INSERT INTO oidc_secrets (name, secret, created_at) VALUES (?, ?, ?) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(candidate)
        .bind(now.as_millis())
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        sqlx::query_scalar("SELECT secret FROM oidc_secrets WHERE name = ?")
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
    }

    async fn oidc_signing_keys(&self, min_slot: i64) -> StoreResult<Vec<OidcSigningKey>> {
        let rows = sqlx::query(
            "SELECT kid, slot, alg, private_pem, public_jwk, created_at FROM oidc_signing_keys \
             WHERE slot >= ? ORDER BY slot, alg",
        )
        .bind(min_slot)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(decode_key).collect()
    }

    async fn add_oidc_signing_key(&self, key: &OidcSigningKey) -> StoreResult<OidcSigningKey> {
        sqlx::query(
            "INSERT INTO oidc_signing_keys (kid, slot, alg, private_pem, public_jwk, created_at) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(&key.kid)
        .bind(key.slot)
        .bind(&key.alg)
        .bind(&key.private_pem)
        .bind(&key.public_jwk)
        .bind(key.created_at.as_millis())
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        let row = sqlx::query(
            "SELECT kid, slot, alg, private_pem, public_jwk, created_at FROM oidc_signing_keys \
             WHERE slot = ? AND alg = ?",
        )
        .bind(key.slot)
        .bind(&key.alg)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        decode_key(&row)
    }

    async fn create_oidc_client(&self, client: &Client, change: Change) -> StoreResult<Client> {
        let s = &client.settings;
        let mut tx = self.begin_write().await?;
        let sql = format!(
            "INSERT INTO oidc_clients ({CLIENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             RETURNING {CLIENT_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(client.id.as_str())
            .bind(&s.name)
            .bind(redirect_uris_text(&s.redirect_uris))
            .bind(s.allowed_scopes.to_scope_string())
            .bind(s.min_level.as_str())
            .bind(s.subject_type.as_str())
            .bind(s.kind.as_str())
            .bind(s.sector_identifier.as_deref())
            .bind(client.secret_hash.as_ref().map(|h| &h[..]))
            .bind(change.at.as_millis())
            .bind(change.at.as_millis())
            .bind(s.id_token_alg.as_str())
            .fetch_one(&mut *tx)
            .await
            .map_err(write_err("client_id"))?;
        let created = decode_client(&row)?;
        audit::insert(&mut tx, &oidc_audit::registered(change, &client.id, s)).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(created)
    }

    async fn update_oidc_client(
        &self,
        id: &ClientId,
        settings: &ClientSettings,
        change: Change,
    ) -> StoreResult<Client> {
        let mut tx = self.begin_write().await?;
        let before = fetch_client(&mut tx, id).await?;
        let Some(event) = oidc_audit::changed(change, id, &before.settings, settings) else {
            return Ok(before);
        };
        sqlx::query(
            "UPDATE oidc_clients SET name = ?, redirect_uris = ?, allowed_scopes = ?, min_level = ?, \
             subject_type = ?, kind = ?, sector_identifier = ?, updated_at = ?, id_token_alg = ? \
             WHERE client_id = ?",
        )
        .bind(&settings.name)
        .bind(redirect_uris_text(&settings.redirect_uris))
        .bind(settings.allowed_scopes.to_scope_string())
        .bind(settings.min_level.as_str())
        .bind(settings.subject_type.as_str())
        .bind(settings.kind.as_str())
        .bind(settings.sector_identifier.as_deref())
        .bind(change.at.as_millis())
        .bind(settings.id_token_alg.as_str())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = fetch_client(&mut tx, id).await?;
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn set_oidc_client_secret(
        &self,
        id: &ClientId,
        secret_hash: Option<[u8; 32]>,
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE oidc_clients SET secret_hash = ?, updated_at = ? WHERE client_id = ?",
        )
        .bind(secret_hash.as_ref().map(|h| &h[..]))
        .bind(change.at.as_millis())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        audit::insert(&mut tx, &oidc_audit::secret_reset(change, id)).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    async fn oidc_client(&self, id: &ClientId) -> StoreResult<Client> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        fetch_client(&mut conn, id).await
    }

    async fn list_oidc_clients(&self) -> StoreResult<Vec<Client>> {
        let sql = format!("SELECT {CLIENT_COLUMNS} FROM oidc_clients ORDER BY client_id");
        let rows = sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter().map(decode_client).collect()
    }

    async fn oidc_consent(&self, user: UserId, client: &ClientId) -> StoreResult<Scopes> {
        let text: Option<String> = sqlx::query_scalar(
            "SELECT scopes FROM oidc_consents WHERE user_id = ? AND client_id = ?",
        )
        .bind(user.0)
        .bind(client.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        match text {
            None => Ok(Scopes::NONE),
            Some(t) => Scopes::parse_stored(&t)
                .ok_or_else(|| StoreError::internal("stored oidc_consents.scopes is not valid")),
        }
    }

    async fn grant_oidc_consent(
        &self,
        user: UserId,
        client: &ClientId,
        scopes: Scopes,
        change: Change,
    ) -> StoreResult<Scopes> {
        let mut tx = self.begin_write().await?;
        let existing: Option<String> = sqlx::query_scalar(
            "SELECT scopes FROM oidc_consents WHERE user_id = ? AND client_id = ?",
        )
        .bind(user.0)
        .bind(client.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let before = match existing {
            None => Scopes::NONE,
            Some(t) => Scopes::parse_stored(&t)
                .ok_or_else(|| StoreError::internal("stored oidc_consents.scopes is not valid"))?,
        };
        let after = before.union(scopes);
        if existing_covers(before, after) {
            return Ok(before);
        }
        sqlx::query(
            "INSERT INTO oidc_consents (user_id, client_id, scopes, granted_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (user_id, client_id) DO UPDATE SET scopes = excluded.scopes, \
             granted_at = excluded.granted_at",
        )
        .bind(user.0)
        .bind(client.as_str())
        .bind(after.to_scope_string())
        .bind(change.at.as_millis())
        .execute(&mut *tx)
        .await
        .map_err(write_err("client_id"))?;
        audit::insert(&mut tx, &oidc_audit::consent(change, user, client, after)).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn create_oidc_code(&self, code: &OidcCode) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO oidc_codes (code_hash, client_id, user_id, redirect_uri, code_challenge, nonce, \
             scopes, sub, auth_time, acr, amr, created_at, expires_at, consumed_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&code.code_hash[..])
        .bind(code.client_id.as_str())
        .bind(code.user_id.0)
        .bind(&code.redirect_uri)
        .bind(&code.code_challenge)
        .bind(code.nonce.as_deref())
        .bind(code.scopes.to_scope_string())
        .bind(&code.sub)
        .bind(code.auth_time.as_millis())
        .bind(code.acr.as_str())
        .bind(code.amr.to_amr_string())
        .bind(code.created_at.as_millis())
        .bind(code.expires_at.as_millis())
        .bind(code.consumed_at.map(Timestamp::as_millis))
        .execute(&self.pool)
        .await
        .map_err(write_err("code_hash"))?;
        Ok(())
    }

    async fn oidc_code(&self, code_hash: &[u8; 32]) -> StoreResult<Option<OidcCode>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            code_columns!(),
            " FROM oidc_codes WHERE code_hash = ?"
        ))
        .bind(&code_hash[..])
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        row.as_ref().map(decode_code).transpose()
    }

    async fn redeem_oidc_code(
        &self,
        r: &CodeRedemption<'_>,
        tokens: &RedemptionTokens,
    ) -> StoreResult<Option<OidcCode>> {
        // Each statement commits on its own: the tokens first, so that
        // whoever finds the code used afterwards can revoke them.
        let stored = sqlx::query(concat!(
            "WITH code AS (SELECT * FROM oidc_codes WHERE ",
            redeemable!(),
            ") INSERT INTO oidc_tokens (token_hash, kind, grant_id, client_id, user_id, scopes, sub, \
             auth_time, acr, amr, issued_at, expires_at) \
             SELECT ?6, ?7, code_hash, client_id, user_id, scopes, sub, auth_time, acr, amr, ?5, ?8 \
             FROM code \
             UNION ALL SELECT ?9, ?10, code_hash, client_id, user_id, scopes, sub, auth_time, acr, amr, ?5, ?11 \
             FROM code WHERE ' ' || scopes || ' ' LIKE ?12"
        ))
        .bind(&r.code_hash[..])
        .bind(r.client_id.as_str())
        .bind(r.redirect_uri)
        .bind(r.code_challenge)
        .bind(r.now.as_millis())
        .bind(&tokens.access_hash[..])
        .bind(OidcTokenKind::Access.as_str())
        .bind(tokens.access_expires_at.as_millis())
        .bind(&tokens.refresh_hash[..])
        .bind(OidcTokenKind::Refresh.as_str())
        .bind(tokens.refresh_expires_at.as_millis())
        .bind(format!("% {} %", Scope::OfflineAccess.as_str()))
        .execute(&self.pool)
        .await
        .map_err(write_err("token_hash"))?;
        if stored.rows_affected() == 0 {
            return Ok(None);
        }
        let row = sqlx::query(concat!(
            "UPDATE oidc_codes SET consumed_at = ?5 WHERE ",
            redeemable!(),
            " RETURNING ",
            code_columns!()
        ))
        .bind(&r.code_hash[..])
        .bind(r.client_id.as_str())
        .bind(r.redirect_uri)
        .bind(r.code_challenge)
        .bind(r.now.as_millis())
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        match row {
            Some(row) => decode_code(&row).map(Some),
            None => {
                // A concurrent redemption marked the code first.
                self.revoke_oidc_grant(r.code_hash, r.now).await?;
                Ok(None)
            }
        }
    }

    async fn revoke_oidc_grant(&self, grant: &[u8; 32], at: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL",
        )
        .bind(at.as_millis())
        .bind(&grant[..])
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected())
    }

    async fn oidc_token(&self, token_hash: &[u8; 32]) -> StoreResult<Option<OidcToken>> {
        let row = sqlx::query(TOKEN_BY_HASH)
            .bind(&token_hash[..])
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.as_ref().map(decode_token).transpose()
    }

    async fn oidc_token_holder(
        &self,
        token_hash: &[u8; 32],
    ) -> StoreResult<Option<OidcTokenHolder>> {
        let row = sqlx::query(TOKEN_BY_HASH)
            .bind(&token_hash[..])
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.as_ref().map(decode_token_holder).transpose()
    }

    async fn rotate_oidc_refresh_token(
        &self,
        old: &[u8; 32],
        now: Timestamp,
        tokens: &[NewOidcToken],
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
        )
        .bind(now.as_millis())
        .bind(&old[..])
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        insert_tokens(&mut *tx, tokens).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn revoke_oidc_token(
        &self,
        token_hash: &[u8; 32],
        client: &ClientId,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = ? WHERE token_hash = ? AND client_id = ? \
             AND revoked_at IS NULL",
        )
        .bind(at.as_millis())
        .bind(&token_hash[..])
        .bind(client.as_str())
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn purge_oidc(&self, now: Timestamp) -> StoreResult<u64> {
        let tokens = sqlx::query("DELETE FROM oidc_tokens WHERE expires_at <= ?")
            .bind(now.as_millis())
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        let codes = sqlx::query("DELETE FROM oidc_codes WHERE expires_at <= ?")
            .bind(now.minus_seconds(86_400).as_millis())
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(tokens.rows_affected() + codes.rows_affected())
    }
}

/// Whether consenting to `after` adds nothing to `before`.
fn existing_covers(before: Scopes, after: Scopes) -> bool {
    before.contains_all(after)
}
