//! [`BallotStore`] for SQLite: issuer keys, issued credentials and appends to
//! the per-process ballot logs (SQLite's single writer serialises them).

use async_trait::async_trait;
use civis_budget::ProcessId;
use civis_domain::{AuditAction, NewAuditEvent, Timestamp, UserId};
use civis_store::{process_log, BallotStore, Change, StoreError, StoreResult};

use crate::error::{db_err, write_err};
use crate::SqliteStore;

#[async_trait]
impl BallotStore for SqliteStore {
    async fn ballot_issuer_key(
        &self,
        process: ProcessId,
        candidate: &[u8],
        now: Timestamp,
    ) -> StoreResult<Vec<u8>> {
        sqlx::query(
            "INSERT INTO ballot_issuers (process_id, secret_key, created_at) VALUES (?, ?, ?) \
             ON CONFLICT (process_id) DO NOTHING",
        )
        .bind(process.0)
        .bind(candidate)
        .bind(now.as_millis())
        .execute(&self.pool)
        .await
        .map_err(write_err("process"))?;
        sqlx::query_scalar("SELECT secret_key FROM ballot_issuers WHERE process_id = ?")
            .bind(process.0)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
    }

    async fn record_credential_issued(
        &self,
        process: ProcessId,
        resident: UserId,
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO ballot_credentials (process_id, user_id) VALUES (?, ?)")
            .bind(process.0)
            .bind(resident.0)
            .execute(&mut *tx)
            .await
            .map_err(write_err("credential"))?;
        crate::audit::insert(&mut tx, &issued_event(process, change)).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn credentials_issued(&self, process: ProcessId) -> StoreResult<u64> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM ballot_credentials WHERE process_id = ?")
                .bind(process.0)
                .fetch_one(&self.pool)
                .await
                .map_err(db_err)?;
        civis_store::tlog::from_db(n)
    }

    async fn has_credential(&self, process: ProcessId, resident: UserId) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ballot_credentials WHERE process_id = ? AND user_id = ?",
        )
        .bind(process.0)
        .bind(resident.0)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(n > 0)
    }

    async fn append_ballot_entry(
        &self,
        process: ProcessId,
        token: &[u8],
        seq: u32,
        entry: &[u8],
    ) -> StoreResult<u64> {
        let mut tx = self.begin_write().await?;
        // Taking the log's head first serialises every append to this log,
        // so two submissions racing under one token cannot both pass the check.
        let log = process_log(process);
        let size = crate::tlog::head(&mut tx, &log).await?;
        let last: Option<i64> = sqlx::query_scalar(
            "SELECT last_seq FROM ballot_tokens WHERE process_id = ? AND token = ?",
        )
        .bind(process.0)
        .bind(token)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        if last.unwrap_or(0) + 1 != i64::from(seq) {
            return Err(StoreError::Conflict { field: "seq" });
        }
        sqlx::query(
            "INSERT INTO ballot_tokens (process_id, token, last_seq) VALUES (?, ?, ?) \
             ON CONFLICT (process_id, token) DO UPDATE SET last_seq = excluded.last_seq",
        )
        .bind(process.0)
        .bind(token)
        .bind(i64::from(seq))
        .execute(&mut *tx)
        .await
        .map_err(write_err("process"))?;
        let index = crate::tlog::append_at(&mut tx, &log, size, entry, None, None).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(index)
    }
}

/// `ballot.credential_issued` on `process:<id>`, by the resident, with nothing else.
pub(crate) fn issued_event(process: ProcessId, change: Change) -> NewAuditEvent {
    NewAuditEvent {
        at: change.at,
        actor: change.actor,
        action: AuditAction::BallotCredentialIssued,
        target: Some(format!("process:{}", process.0)),
        before: None,
        after: None,
    }
}
