//! [`BallotStore`] for PostgreSQL: issuer keys, issued credentials and appends to
//! the per-process ballot logs (the lock on the log's head row serialises them).

use std::collections::HashMap;

use async_trait::async_trait;
use civis_budget::ProcessId;
use civis_domain::{AuditAction, NewAuditEvent, Timestamp, UserId};
use civis_store::ballot::{plan_batch, BatchPlan};
use civis_store::{
    process_log, AppendedBallots, BallotStore, Change, NewBallotEntry, StoreError, StoreResult,
};
use sqlx::{PgConnection, Postgres, QueryBuilder};

use crate::error::{db_err, write_err};
use crate::PostgresStore;

#[async_trait]
impl BallotStore for PostgresStore {
    async fn ballot_issuer_key(
        &self,
        process: ProcessId,
        candidate: &[u8],
        now: Timestamp,
    ) -> StoreResult<Vec<u8>> {
        sqlx::query(
            "INSERT INTO ballot_issuers (process_id, secret_key, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (process_id) DO NOTHING",
        )
        .bind(process.0)
        .bind(candidate)
        .bind(now.as_millis())
        .execute(&self.pool)
        .await
        .map_err(write_err("process"))?;
        sqlx::query_scalar("SELECT secret_key FROM ballot_issuers WHERE process_id = $1")
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
        sqlx::query("INSERT INTO ballot_credentials (process_id, user_id) VALUES ($1, $2)")
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
            sqlx::query_scalar("SELECT COUNT(*) FROM ballot_credentials WHERE process_id = $1")
                .bind(process.0)
                .fetch_one(&self.pool)
                .await
                .map_err(db_err)?;
        civis_store::tlog::from_db(n)
    }

    async fn has_credential(&self, process: ProcessId, resident: UserId) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ballot_credentials WHERE process_id = $1 AND user_id = $2",
        )
        .bind(process.0)
        .bind(resident.0)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(n > 0)
    }

    async fn append_ballot_entries(
        &self,
        process: ProcessId,
        batch: &[NewBallotEntry],
    ) -> StoreResult<AppendedBallots> {
        let mut tx = self.begin_write().await?;
        // Taking the log's head first serialises every append to this log,
        // so two submissions racing under one token cannot both pass the check.
        let log = process_log(process);
        let size = crate::tlog::head(&mut tx, &log).await?;
        let last = last_seqs(&mut tx, process, batch).await?;
        let BatchPlan { indexes, updates } = plan_batch(size, &last, batch);
        if updates.is_empty() {
            return Ok(AppendedBallots { indexes, size });
        }
        for chunk in updates.chunks(TOKENS_PER_QUERY) {
            let mut q = QueryBuilder::<Postgres>::new(
                "INSERT INTO ballot_tokens (process_id, token, last_seq) ",
            );
            q.push_values(chunk, |mut b, (token, seq)| {
                b.push_bind(process.0)
                    .push_bind(token.clone())
                    .push_bind(i64::from(*seq));
            });
            q.push(" ON CONFLICT (process_id, token) DO UPDATE SET last_seq = EXCLUDED.last_seq");
            q.build()
                .execute(&mut *tx)
                .await
                .map_err(write_err("process"))?;
        }
        let appended: Vec<&[u8]> = batch
            .iter()
            .zip(&indexes)
            .filter(|(_, i)| i.is_some())
            .map(|(e, _)| e.entry.as_slice())
            .collect();
        let size = crate::tlog::append_many_at(&mut tx, &log, size, &appended).await?;
        // Audit events last: each appends to the audit log, whose head it locks.
        for (entry, _) in batch.iter().zip(&indexes).filter(|(_, i)| i.is_some()) {
            if let Some(event) = &entry.audit {
                crate::audit::insert(&mut tx, event).await?;
            }
        }
        tx.commit().await.map_err(db_err)?;
        Ok(AppendedBallots { indexes, size })
    }
}

/// Tokens per upsert of `ballot_tokens` (3 bound values each).
const TOKENS_PER_QUERY: usize = 1000;

/// The stored last `seq` of the tokens of `batch` that have one.
async fn last_seqs(
    conn: &mut PgConnection,
    process: ProcessId,
    batch: &[NewBallotEntry],
) -> StoreResult<HashMap<Vec<u8>, u32>> {
    let mut tokens: Vec<Vec<u8>> = batch.iter().map(|e| e.token.clone()).collect();
    tokens.sort_unstable();
    tokens.dedup();
    let rows: Vec<(Vec<u8>, i64)> = sqlx::query_as(
        "SELECT token, last_seq FROM ballot_tokens WHERE process_id = $1 AND token = ANY($2)",
    )
    .bind(process.0)
    .bind(&tokens)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    rows.into_iter()
        .map(|(token, seq)| {
            let seq = u32::try_from(seq)
                .map_err(|_| StoreError::internal("stored last seq out of range"))?;
            Ok((token, seq))
        })
        .collect()
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
