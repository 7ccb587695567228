//! [`TrusteeStore`] for PostgreSQL: trustees, what they hand in, the election key and
//! the published record's files.

use async_trait::async_trait;
use civis_budget::ProcessId;
use civis_domain::{AuditAction, UserId};
use civis_store::trustee::{hex, trustee_event};
use civis_store::{Change, StoreError, StoreResult, TrusteeBoard, TrusteeRow, TrusteeStore};
use sqlx::Row;

use crate::error::{db_err, write_err};
use crate::PostgresStore;

/// Sets column `column` of trustee `index` where it is still empty; `Conflict`
/// naming `field` otherwise (or `NotFound` if there is no such trustee).
async fn fill(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    process: ProcessId,
    index: u32,
    column: &'static str,
    field: &'static str,
    value: &[u8],
) -> StoreResult<()> {
    let sql = format!(
        "UPDATE ballot_trustees SET {column} = $1 \
         WHERE process_id = $2 AND idx = $3 AND {column} IS NULL"
    );
    let done = sqlx::query(&sql)
        .bind(value)
        .bind(process.0)
        .bind(i64::from(index))
        .execute(&mut **tx)
        .await
        .map_err(write_err(field))?;
    if done.rows_affected() == 1 {
        return Ok(());
    }
    let exists: Option<i64> = sqlx::query_scalar(
        "SELECT 1::BIGINT FROM ballot_trustees WHERE process_id = $1 AND idx = $2",
    )
    .bind(process.0)
    .bind(i64::from(index))
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_err)?;
    Err(match exists {
        Some(_) => StoreError::Conflict { field },
        None => StoreError::NotFound,
    })
}

fn index_of(v: i64) -> StoreResult<u32> {
    u32::try_from(v).map_err(|_| StoreError::internal(format!("trustee index {v} out of range")))
}

#[async_trait]
impl TrusteeStore for PostgresStore {
    async fn set_trustees(
        &self,
        process: ProcessId,
        threshold: u32,
        trustees: &[UserId],
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let keys: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ballot_trustees WHERE process_id = $1 AND public_key IS NOT NULL",
        )
        .bind(process.0)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        if keys > 0 {
            return Err(StoreError::Conflict { field: "trustees" });
        }
        sqlx::query("DELETE FROM ballot_trustees WHERE process_id = $1")
            .bind(process.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO ballot_trustee_boards (process_id, threshold) VALUES ($1, $2) \
             ON CONFLICT (process_id) DO UPDATE SET threshold = excluded.threshold",
        )
        .bind(process.0)
        .bind(i64::from(threshold))
        .execute(&mut *tx)
        .await
        .map_err(write_err("process"))?;
        for (i, user) in trustees.iter().enumerate() {
            sqlx::query(
                "INSERT INTO ballot_trustees (process_id, idx, user_id) VALUES ($1, $2, $3)",
            )
            .bind(process.0)
            .bind(i as i64 + 1)
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(write_err("trustees"))?;
        }
        let after = serde_json::json!({
            "threshold": threshold,
            "trustees": trustees.iter().map(|u| u.0).collect::<Vec<_>>(),
        });
        let event = trustee_event(AuditAction::BallotTrusteesSet, process, change, Some(after));
        crate::audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn trustee_board(&self, process: ProcessId) -> StoreResult<Option<TrusteeBoard>> {
        let board = sqlx::query(
            "SELECT threshold, election_key FROM ballot_trustee_boards WHERE process_id = $1",
        )
        .bind(process.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        let Some(board) = board else {
            return Ok(None);
        };
        let threshold: i64 = board.try_get("threshold").map_err(db_err)?;
        let election_key: Option<Vec<u8>> = board.try_get("election_key").map_err(db_err)?;
        let rows = sqlx::query(
            "SELECT idx, user_id, public_key, dealing, share FROM ballot_trustees \
             WHERE process_id = $1 ORDER BY idx",
        )
        .bind(process.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let mut trustees = Vec::with_capacity(rows.len());
        for row in rows {
            trustees.push(TrusteeRow {
                index: index_of(row.try_get("idx").map_err(db_err)?)?,
                user: UserId(row.try_get("user_id").map_err(db_err)?),
                public_key: row.try_get("public_key").map_err(db_err)?,
                dealing: row.try_get("dealing").map_err(db_err)?,
                share: row.try_get("share").map_err(db_err)?,
            });
        }
        Ok(Some(TrusteeBoard {
            threshold: index_of(threshold)?,
            trustees,
            election_key,
        }))
    }

    async fn submit_trustee_key(
        &self,
        process: ProcessId,
        index: u32,
        public_key: &[u8],
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        fill(
            &mut tx,
            process,
            index,
            "public_key",
            "public_key",
            public_key,
        )
        .await?;
        let after = serde_json::json!({ "trustee": index, "public_key": hex(public_key) });
        let event = trustee_event(
            AuditAction::BallotTrusteeKeySubmitted,
            process,
            change,
            Some(after),
        );
        crate::audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn submit_dealing(
        &self,
        process: ProcessId,
        index: u32,
        dealing: &[u8],
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        fill(&mut tx, process, index, "dealing", "dealing", dealing).await?;
        let after = serde_json::json!({ "trustee": index });
        let event = trustee_event(
            AuditAction::BallotDealingSubmitted,
            process,
            change,
            Some(after),
        );
        crate::audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn set_election_key(
        &self,
        process: ProcessId,
        key: &[u8],
        change: Change,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE ballot_trustee_boards SET election_key = $1 \
             WHERE process_id = $2 AND election_key IS NULL",
        )
        .bind(key)
        .bind(process.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        let after = serde_json::json!({ "election_key": hex(key) });
        let event = trustee_event(
            AuditAction::BallotElectionKeyMade,
            process,
            change,
            Some(after),
        );
        crate::audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn submit_share(
        &self,
        process: ProcessId,
        index: u32,
        share: &[u8],
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        fill(&mut tx, process, index, "share", "share", share).await?;
        let after = serde_json::json!({ "trustee": index });
        let event = trustee_event(
            AuditAction::BallotShareRevealed,
            process,
            change,
            Some(after),
        );
        crate::audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn store_ballot_record(
        &self,
        process: ProcessId,
        files: &[(String, Vec<u8>)],
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        for (name, body) in files {
            sqlx::query("INSERT INTO ballot_records (process_id, name, body) VALUES ($1, $2, $3)")
                .bind(process.0)
                .bind(name)
                .bind(body)
                .execute(&mut *tx)
                .await
                .map_err(write_err("record"))?;
        }
        let after = serde_json::json!({ "files": files.len() });
        let event = trustee_event(
            AuditAction::BallotRecordPublished,
            process,
            change,
            Some(after),
        );
        crate::audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn ballot_record_file(
        &self,
        process: ProcessId,
        name: &str,
    ) -> StoreResult<Option<Vec<u8>>> {
        sqlx::query_scalar("SELECT body FROM ballot_records WHERE process_id = $1 AND name = $2")
            .bind(process.0)
            .bind(name)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)
    }
}
