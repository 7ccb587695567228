//! [`TlogStore`] for PostgreSQL, and the append that the audit log's `insert`
//! makes inside its transaction. Appends lock the log's `tlog_heads` row
//! (`SELECT … FOR UPDATE`) until commit, so that servers sharing the database
//! append one at a time, in one order.

use async_trait::async_trait;
use civis_domain::{AuditEvent, AuditEventId, Timestamp};
use civis_store::tlog::{from_db, hashes_in_order, node_runs, to_db};
use civis_store::{audit_log, StoreError, StoreResult, TlogStore, AUDIT_LOG};
use civis_tlog::hash::leaf_hash;
use civis_tlog::tree::{append, append_many, append_needs, frontier};
use civis_tlog::{Hash, NodeId};
use sqlx::{PgConnection, Postgres, QueryBuilder, Row};

use crate::error::db_err;
use crate::PostgresStore;

async fn read_hashes(
    conn: &mut PgConnection,
    log: &str,
    nodes: &[NodeId],
) -> StoreResult<Vec<(NodeId, Hash)>> {
    let runs = node_runs(nodes);
    if runs.is_empty() {
        return Ok(Vec::new());
    }
    let mut q =
        QueryBuilder::<Postgres>::new("SELECT level, idx, hash FROM tlog_hashes WHERE log = ");
    q.push_bind(log.to_owned()).push(" AND (");
    for (i, (level, first, last)) in runs.iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push("(level = ")
            .push_bind(i16::from(*level))
            .push(" AND idx BETWEEN ")
            .push_bind(to_db(*first)?)
            .push(" AND ")
            .push_bind(to_db(*last)?)
            .push(")");
    }
    q.push(")");
    let rows = q.build().fetch_all(&mut *conn).await.map_err(db_err)?;
    rows.iter()
        .map(|row| {
            let level: i16 = row.try_get("level").map_err(db_err)?;
            let idx: i64 = row.try_get("idx").map_err(db_err)?;
            let hash: Vec<u8> = row.try_get("hash").map_err(db_err)?;
            let level = u8::try_from(level)
                .map_err(|_| StoreError::internal("stored log hash level out of range"))?;
            let hash = Hash::from_slice(&hash)
                .map_err(|_| StoreError::internal("stored log hash is not 32 bytes"))?;
            Ok((NodeId::new(level, from_db(idx)?), hash))
        })
        .collect()
}

pub(crate) async fn head(conn: &mut PgConnection, log: &str) -> StoreResult<u64> {
    sqlx::query("INSERT INTO tlog_heads (log, size) VALUES ($1, 0) ON CONFLICT (log) DO NOTHING")
        .bind(log)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    // The row lock, held until the caller's transaction ends, serialises appends.
    let size: i64 = sqlx::query_scalar("SELECT size FROM tlog_heads WHERE log = $1 FOR UPDATE")
        .bind(log)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    from_db(size)
}

pub(crate) async fn append_at(
    conn: &mut PgConnection,
    log: &str,
    size: u64,
    entry: &[u8],
    salt: Option<&[u8]>,
    audit_event: Option<AuditEventId>,
) -> StoreResult<u64> {
    let needs = append_needs(size);
    let found = read_hashes(conn, log, &needs).await?;
    let siblings = hashes_in_order(&needs, &found)?;
    let made = append(size, leaf_hash(entry), &siblings)
        .map_err(|e| StoreError::internal(e.to_string()))?;
    insert_hashes(conn, log, &made).await?;
    sqlx::query(
        "INSERT INTO tlog_entries (log, idx, entry, salt, audit_event_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(log)
    .bind(to_db(size)?)
    .bind(entry)
    .bind(salt)
    .bind(audit_event.map(|e| e.0))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    sqlx::query("UPDATE tlog_heads SET size = $1 WHERE log = $2")
        .bind(to_db(size + 1)?)
        .bind(log)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(size)
}

/// Rows per multi-row `INSERT` (4 values each, well under PostgreSQL's limit of
/// bound parameters).
const ROWS_PER_INSERT: usize = 1000;

/// Stores the hashes `made` by an append to `log`, in multi-row inserts.
async fn insert_hashes(
    conn: &mut PgConnection,
    log: &str,
    made: &[(NodeId, Hash)],
) -> StoreResult<()> {
    for chunk in made.chunks(ROWS_PER_INSERT) {
        let rows = chunk
            .iter()
            .map(|(node, hash)| Ok((i16::from(node.level), to_db(node.index)?, hash.0.to_vec())))
            .collect::<StoreResult<Vec<(i16, i64, Vec<u8>)>>>()?;
        let mut q =
            QueryBuilder::<Postgres>::new("INSERT INTO tlog_hashes (log, level, idx, hash) ");
        q.push_values(rows, |mut b, (level, idx, hash)| {
            b.push_bind(log.to_owned())
                .push_bind(level)
                .push_bind(idx)
                .push_bind(hash);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

/// Appends `entries` (with no salt and no audit event) to `log`, of `size`
/// entries, inside the caller's transaction (which holds the head's lock): one
/// read of the tree's frontier, the new hashes and entries in multi-row
/// inserts, one update of the head. Returns the new size.
pub(crate) async fn append_many_at(
    conn: &mut PgConnection,
    log: &str,
    size: u64,
    entries: &[&[u8]],
) -> StoreResult<u64> {
    let nodes = frontier(size);
    let found = read_hashes(conn, log, &nodes).await?;
    let frontier_hashes = hashes_in_order(&nodes, &found)?;
    let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
    let made = append_many(size, &frontier_hashes, &leaves)
        .map_err(|e| StoreError::internal(e.to_string()))?;
    insert_hashes(conn, log, &made).await?;
    let mut at = size;
    for chunk in entries.chunks(ROWS_PER_INSERT) {
        let mut rows = Vec::with_capacity(chunk.len());
        for e in chunk {
            rows.push((to_db(at)?, *e));
            at += 1;
        }
        let mut q = QueryBuilder::<Postgres>::new("INSERT INTO tlog_entries (log, idx, entry) ");
        q.push_values(rows, |mut b, (idx, entry)| {
            b.push_bind(log.to_owned()).push_bind(idx).push_bind(entry);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    sqlx::query("UPDATE tlog_heads SET size = $1 WHERE log = $2")
        .bind(to_db(at)?)
        .bind(log)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(at)
}

/// Appends the audit event's entry to the audit log, inside the caller's
/// write transaction. The first append also logs the events recorded before
/// the log existed, oldest first.
pub(crate) async fn append_audit_event(
    conn: &mut PgConnection,
    event: &AuditEvent,
) -> StoreResult<u64> {
    let mut size = head(conn, AUDIT_LOG).await?;
    if size == 0 {
        for earlier in crate::audit::unlogged_except(conn, event.id).await? {
            let salt = audit_log::new_salt();
            let entry = audit_log::entry(&earlier, &salt);
            append_at(
                conn,
                AUDIT_LOG,
                size,
                &entry,
                Some(&salt[..]),
                Some(earlier.id),
            )
            .await?;
            size += 1;
        }
    }
    let salt = audit_log::new_salt();
    let entry = audit_log::entry(event, &salt);
    append_at(
        conn,
        AUDIT_LOG,
        size,
        &entry,
        Some(&salt[..]),
        Some(event.id),
    )
    .await
}

#[async_trait]
impl TlogStore for PostgresStore {
    async fn tlog_size(&self, log: &str) -> StoreResult<u64> {
        let size: Option<i64> = sqlx::query_scalar("SELECT size FROM tlog_heads WHERE log = $1")
            .bind(log)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        from_db(size.unwrap_or(0))
    }

    async fn tlog_hashes(&self, log: &str, nodes: &[NodeId]) -> StoreResult<Vec<(NodeId, Hash)>> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        read_hashes(&mut conn, log, nodes).await
    }

    async fn tlog_entries(&self, log: &str, from: u64, until: u64) -> StoreResult<Vec<Vec<u8>>> {
        sqlx::query_scalar(
            "SELECT entry FROM tlog_entries WHERE log = $1 AND idx >= $2 AND idx < $3 ORDER BY idx",
        )
        .bind(log)
        .bind(to_db(from)?)
        .bind(to_db(until)?)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)
    }

    async fn tlog_signing_key(
        &self,
        log: &str,
        candidate: &str,
        now: Timestamp,
    ) -> StoreResult<String> {
        sqlx::query(
            "INSERT INTO tlog_keys (log, signer, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (log) DO NOTHING",
        )
        .bind(log)
        .bind(candidate)
        .bind(now.as_millis())
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        sqlx::query_scalar("SELECT signer FROM tlog_keys WHERE log = $1")
            .bind(log)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
    }

    async fn audit_log_index(&self, event: AuditEventId) -> StoreResult<Option<u64>> {
        let idx: Option<i64> = sqlx::query_scalar(
            "SELECT idx FROM tlog_entries WHERE log = $1 AND audit_event_id = $2",
        )
        .bind(AUDIT_LOG)
        .bind(event.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        idx.map(from_db).transpose()
    }
}
