//! Failed sign-in attempts per throttle key.

use civis_domain::Timestamp;
use civis_store::decode::count;
use civis_store::StoreResult;

use crate::error::db_err;
use crate::PostgresStore;

impl PostgresStore {
    pub(crate) async fn record_failed_sign_in_impl(
        &self,
        key: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO sign_in_failures (throttle_key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(at.as_millis())
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    pub(crate) async fn count_failed_sign_ins_impl(
        &self,
        key: &str,
        since: Timestamp,
    ) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sign_in_failures WHERE throttle_key = $1 AND at >= $2",
        )
        .bind(key)
        .bind(since.as_millis())
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        count(n)
    }

    pub(crate) async fn clear_failed_sign_ins_impl(&self, key: &str) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sign_in_failures WHERE throttle_key = $1")
            .bind(key)
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected())
    }

    pub(crate) async fn purge_failed_sign_ins_impl(&self, before: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
            .bind(before.as_millis())
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected())
    }
}
