//! `resident_profiles`: a resident's district and birth date.

use civis_budget::{ProcessId, ResidentProfile};
use civis_domain::UserId;
use civis_store::budget_codec::resident_profile;
use civis_store::{budget_audit, Change, StoreError, StoreResult};
use sqlx::PgConnection;

use crate::error::db_err;
use crate::{audit, PostgresStore};

/// The user's profile, on `conn`; `lock` locks the account row until the end of
/// the transaction. Errors: `NotFound` if there is no such account.
async fn fetch(conn: &mut PgConnection, user: UserId, lock: bool) -> StoreResult<ResidentProfile> {
    let sql = if lock {
        "SELECT r.district, r.birth_date FROM users u \
         LEFT JOIN resident_profiles r ON r.user_id = u.id WHERE u.id = $1 FOR NO KEY UPDATE OF u"
    } else {
        "SELECT r.district, r.birth_date FROM users u \
         LEFT JOIN resident_profiles r ON r.user_id = u.id WHERE u.id = $1"
    };
    let row: Option<(Option<String>, Option<String>)> = sqlx::query_as(sql)
        .bind(user.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    let (district, birth_date) = row.ok_or(StoreError::NotFound)?;
    Ok(resident_profile(district, birth_date))
}

/// A user id with the nullable profile columns.
type ProfileRow = (i64, Option<String>, Option<String>);

fn profile_of((id, district, birth_date): ProfileRow) -> (UserId, ResidentProfile) {
    (UserId(id), resident_profile(district, birth_date))
}

impl PostgresStore {
    pub(crate) async fn resident_profile_impl(&self, user: UserId) -> StoreResult<ResidentProfile> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        fetch(&mut conn, user, false).await
    }

    pub(crate) async fn voter_profiles_impl(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<(UserId, ResidentProfile)>> {
        let rows: Vec<ProfileRow> = sqlx::query_as(
            "SELECT b.voter_id, r.district, r.birth_date FROM pb_ballots b \
             LEFT JOIN resident_profiles r ON r.user_id = b.voter_id \
             WHERE b.process_id = $1 ORDER BY b.voter_id",
        )
        .bind(process.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows.into_iter().map(profile_of).collect())
    }

    pub(crate) async fn resident_profiles_impl(
        &self,
    ) -> StoreResult<Vec<(UserId, ResidentProfile)>> {
        let rows: Vec<ProfileRow> = sqlx::query_as(
            "SELECT u.id, r.district, r.birth_date FROM users u \
             LEFT JOIN resident_profiles r ON r.user_id = u.id \
             WHERE u.role = 'resident' AND u.disabled_at IS NULL ORDER BY u.id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows.into_iter().map(profile_of).collect())
    }

    pub(crate) async fn set_resident_profile_impl(
        &self,
        user: UserId,
        profile: &ResidentProfile,
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let before = fetch(&mut tx, user, true).await?;
        let Some(event) = budget_audit::resident_profile_changed(change, user, &before, profile)?
        else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO resident_profiles (user_id, district, birth_date) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET \
             district = excluded.district, birth_date = excluded.birth_date",
        )
        .bind(user.0)
        .bind(profile.district.as_deref())
        .bind(profile.birth_date.as_deref())
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }
}
