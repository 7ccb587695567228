//! Accounts and password hashes.

use civis_domain::{
    DisplayName, NewAuditEvent, PasswordHash, Proofing, Role, Timestamp, User, UserId, Username,
};
use civis_store::decode::{count, UserRow};
use civis_store::{
    account_audit, Change, NewUser, Page, PasswordAccount, PasswordSignInFacts,
    PasswordSignInQuery, StoreError, StoreResult, UserFilter,
};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Postgres, QueryBuilder, Row};

use crate::error::{db_err, write_err};
use crate::{audit, PostgresStore};

macro_rules! user_columns {
    () => {
        "id, username, display_name, role, created_at, disabled_at"
    };
}

fn decode(row: &PgRow) -> StoreResult<User> {
    UserRow {
        id: row.try_get("id").map_err(db_err)?,
        username: row.try_get("username").map_err(db_err)?,
        display_name: row.try_get("display_name").map_err(db_err)?,
        role: row.try_get("role").map_err(db_err)?,
        created_at: row.try_get("created_at").map_err(db_err)?,
        disabled_at: row.try_get("disabled_at").map_err(db_err)?,
    }
    .into_user()
}

/// One change to an account's columns.
pub(crate) enum UserUpdate<'a> {
    Role(Role),
    DisplayName(&'a DisplayName),
    /// Disable at this instant unless already disabled.
    Disable(Timestamp),
    Enable,
}

async fn fetch_by_id(conn: &mut PgConnection, id: UserId) -> StoreResult<User> {
    let row = sqlx::query(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?
    .ok_or(StoreError::NotFound)?;
    decode(&row)
}

/// Reads an account and locks its row until the end of the transaction.
async fn fetch_for_update(conn: &mut PgConnection, id: UserId) -> StoreResult<User> {
    let row = sqlx::query(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users WHERE id = $1 FOR UPDATE"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?
    .ok_or(StoreError::NotFound)?;
    decode(&row)
}

async fn apply(conn: &mut PgConnection, id: UserId, update: &UserUpdate<'_>) -> StoreResult<User> {
    let query = match update {
        UserUpdate::Role(role) => sqlx::query(concat!(
            "UPDATE users SET role = $1 WHERE id = $2 RETURNING ",
            user_columns!()
        ))
        .bind(role.as_str()),
        UserUpdate::DisplayName(name) => sqlx::query(concat!(
            "UPDATE users SET display_name = $1 WHERE id = $2 RETURNING ",
            user_columns!()
        ))
        .bind(name.as_str()),
        UserUpdate::Disable(at) => sqlx::query(concat!(
            "UPDATE users SET disabled_at = COALESCE(disabled_at, $1) WHERE id = $2 RETURNING ",
            user_columns!()
        ))
        .bind(at.as_millis()),
        UserUpdate::Enable => sqlx::query(concat!(
            "UPDATE users SET disabled_at = NULL WHERE id = $1 RETURNING ",
            user_columns!()
        )),
    };
    let row = query
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or(StoreError::NotFound)?;
    decode(&row)
}

impl PostgresStore {
    pub(crate) async fn create_user_impl(
        &self,
        new: &NewUser,
        change: Change,
    ) -> StoreResult<User> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(concat!(
            "INSERT INTO users (username, display_name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING ",
            user_columns!()
        ))
        .bind(new.username.as_str())
        .bind(new.display_name.as_str())
        .bind(new.role.as_str())
        .bind(new.password_hash.as_ref().map(PasswordHash::as_str))
        .bind(change.at.as_millis())
        .fetch_one(&mut *tx)
        .await
        .map_err(write_err("username"))?;
        let user = decode(&row)?;
        audit::insert(&mut tx, &account_audit::created(change, &user)).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(user)
    }

    /// Applies `update` to an account and records what `audit_of` derives from before/after.
    pub(crate) async fn update_user(
        &self,
        id: UserId,
        update: UserUpdate<'_>,
        change: Change,
        audit_of: fn(Change, &User, &User) -> Option<NewAuditEvent>,
    ) -> StoreResult<User> {
        let mut tx = self.begin_write().await?;
        let before = fetch_for_update(&mut tx, id).await?;
        let after = apply(&mut tx, id, &update).await?;
        if matches!(update, UserUpdate::Disable(_)) {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        if let Some(event) = audit_of(change, &before, &after) {
            audit::insert(&mut tx, &event).await?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    pub(crate) async fn user_by_id_impl(&self, id: UserId) -> StoreResult<User> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        fetch_by_id(&mut conn, id).await
    }

    pub(crate) async fn user_by_username_impl(&self, username: &Username) -> StoreResult<User> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users WHERE username = $1"
        ))
        .bind(username.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        .ok_or(StoreError::NotFound)?;
        decode(&row)
    }

    pub(crate) async fn list_users_impl(
        &self,
        filter: UserFilter,
        page: Page,
    ) -> StoreResult<Vec<User>> {
        let mut q =
            QueryBuilder::<Postgres>::new(concat!("SELECT ", user_columns!(), " FROM users"));
        push_user_filter(&mut q, filter);
        q.push(" ORDER BY username LIMIT ")
            .push_bind(page.limit_i64())
            .push(" OFFSET ")
            .push_bind(page.offset_i64());
        let rows = q.build().fetch_all(&self.pool).await.map_err(db_err)?;
        rows.iter().map(decode).collect()
    }

    pub(crate) async fn count_users_impl(&self, filter: UserFilter) -> StoreResult<u64> {
        let mut q = QueryBuilder::<Postgres>::new("SELECT COUNT(*) FROM users");
        push_user_filter(&mut q, filter);
        let n: i64 = q
            .build_query_scalar()
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)?;
        count(n)
    }

    pub(crate) async fn password_hash_impl(&self, id: UserId) -> StoreResult<Option<PasswordHash>> {
        let hash: Option<Option<String>> =
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
        Ok(hash.ok_or(StoreError::NotFound)?.map(PasswordHash::new))
    }

    pub(crate) async fn password_sign_in_facts_impl(
        &self,
        query: &PasswordSignInQuery<'_>,
    ) -> StoreResult<PasswordSignInFacts> {
        // One statement (one round trip): the two throttle counts, and the account
        // joined to a one-row table so that an unknown username still yields the counts.
        let row = sqlx::query(
            "SELECT \
               (SELECT COUNT(*) FROM sign_in_failures \
                 WHERE throttle_key = $1 AND at >= $3) AS failures_by_username, \
               (SELECT COUNT(*) FROM sign_in_failures \
                 WHERE throttle_key = $2 AND at >= $3) AS failures_by_ip, \
               u.id AS id, u.username AS username, u.display_name AS display_name, \
               u.role AS role, u.created_at AS created_at, u.disabled_at AS disabled_at, \
               u.password_hash AS password_hash, \
               EXISTS (SELECT 1 FROM totp_credentials t \
                 WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS totp_confirmed \
             FROM (SELECT 1 AS one) AS one_row \
             LEFT JOIN users u ON u.username = $4",
        )
        .bind(query.username_key)
        .bind(query.ip_key)
        .bind(query.since.as_millis())
        .bind(query.username.map(Username::as_str))
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        let failures_by_username = count(row.try_get("failures_by_username").map_err(db_err)?)?;
        let failures_by_ip = count(row.try_get("failures_by_ip").map_err(db_err)?)?;
        let id: Option<i64> = row.try_get("id").map_err(db_err)?;
        let account = match id {
            None => None,
            Some(_) => {
                let hash: Option<String> = row.try_get("password_hash").map_err(db_err)?;
                Some(PasswordAccount {
                    user: decode(&row)?,
                    password_hash: hash.map(PasswordHash::new),
                    totp_confirmed: row.try_get("totp_confirmed").map_err(db_err)?,
                })
            }
        };
        Ok(PasswordSignInFacts {
            failures_by_username,
            failures_by_ip,
            account,
        })
    }

    pub(crate) async fn account_proofing_impl(&self, id: UserId) -> StoreResult<Option<Proofing>> {
        let proofing: Option<Option<String>> =
            sqlx::query_scalar("SELECT proofing FROM users WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
        civis_store::decode::proofing(proofing.ok_or(StoreError::NotFound)?)
    }

    pub(crate) async fn set_password_hash_impl(
        &self,
        id: UserId,
        hash: &PasswordHash,
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let user = fetch_for_update(&mut tx, id).await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash.as_str())
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        audit::insert(&mut tx, &account_audit::password_changed(change, &user)).await?;
        tx.commit().await.map_err(db_err)
    }
}

fn push_user_filter(q: &mut QueryBuilder<'_, Postgres>, filter: UserFilter) {
    q.push(" WHERE 1 = 1");
    if let Some(role) = filter.role {
        q.push(" AND role = ").push_bind(role.as_str());
    }
    match filter.disabled {
        Some(true) => {
            q.push(" AND disabled_at IS NOT NULL");
        }
        Some(false) => {
            q.push(" AND disabled_at IS NULL");
        }
        None => {}
    }
}
