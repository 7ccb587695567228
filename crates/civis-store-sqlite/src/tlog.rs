//! [`TlogStore`] for SQLite, and the append that the audit log's `insert`
//! makes inside its write transaction (SQLite's single writer serialises appends).

use async_trait::async_trait;
use civis_domain::{AuditEvent, AuditEventId, Timestamp};
use civis_store::tlog::{from_db, hashes_in_order, node_runs, to_db};
use civis_store::{audit_log, StoreError, StoreResult, TlogStore, AUDIT_LOG};
use civis_tlog::hash::leaf_hash;
use civis_tlog::tree::{append, append_many, append_needs, frontier};
use civis_tlog::{Hash, NodeId};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use crate::error::db_err;
use crate::SqliteStore;

/// Ranges of nodes per query (4 bound values each).
const RUNS_PER_QUERY: usize = 500;

/// The query of the hashes of `runs` (`(level, first, last)`) of `log`. Each
/// range names the log itself, so that SQLite searches the primary key for
/// each one (a "multi-index OR"); with `log = ?` outside the ORs it would read
/// every hash of the log.
fn hashes_query(log: &str, runs: &[(u8, u64, u64)]) -> StoreResult<QueryBuilder<'static, Sqlite>> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT level, idx, hash FROM tlog_hashes WHERE ");
    for (i, (level, first, last)) in runs.iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push("(log = ")
            .push_bind(log.to_owned())
            .push(" AND level = ")
            .push_bind(i64::from(*level))
            .push(" AND idx BETWEEN ")
            .push_bind(to_db(*first)?)
            .push(" AND ")
            .push_bind(to_db(*last)?)
            .push(")");
    }
    Ok(q)
}

async fn read_hashes(
    conn: &mut SqliteConnection,
    log: &str,
    nodes: &[NodeId],
) -> StoreResult<Vec<(NodeId, Hash)>> {
    let runs = node_runs(nodes);
    if runs.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = Vec::new();
    for chunk in runs.chunks(RUNS_PER_QUERY) {
        let mut q = hashes_query(log, chunk)?;
        rows.extend(q.build().fetch_all(&mut *conn).await.map_err(db_err)?);
    }
    rows.iter()
        .map(|row| {
            let level: i64 = row.try_get("level").map_err(db_err)?;
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

pub(crate) async fn head(conn: &mut SqliteConnection, log: &str) -> StoreResult<u64> {
    sqlx::query("INSERT INTO tlog_heads (log, size) VALUES (?, 0) ON CONFLICT (log) DO NOTHING")
        .bind(log)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let size: i64 = sqlx::query_scalar("SELECT size FROM tlog_heads WHERE log = ?")
        .bind(log)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    from_db(size)
}

pub(crate) async fn append_at(
    conn: &mut SqliteConnection,
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
        "INSERT INTO tlog_entries (log, idx, entry, salt, audit_event_id) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(log)
    .bind(to_db(size)?)
    .bind(entry)
    .bind(salt)
    .bind(audit_event.map(|e| e.0))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    sqlx::query("UPDATE tlog_heads SET size = ? WHERE log = ?")
        .bind(to_db(size + 1)?)
        .bind(log)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(size)
}

/// Rows per multi-row `INSERT` (4 values each, well under SQLite's limit of
/// bound parameters).
const ROWS_PER_INSERT: usize = 1000;

/// Stores the hashes `made` by an append to `log`, in multi-row inserts.
async fn insert_hashes(
    conn: &mut SqliteConnection,
    log: &str,
    made: &[(NodeId, Hash)],
) -> StoreResult<()> {
    for chunk in made.chunks(ROWS_PER_INSERT) {
        let rows = chunk
            .iter()
            .map(|(node, hash)| Ok((i64::from(node.level), to_db(node.index)?, hash.0.to_vec())))
            .collect::<StoreResult<Vec<(i64, i64, Vec<u8>)>>>()?;
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO tlog_hashes (log, level, idx, hash) ");
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
/// entries, inside the caller's write transaction: one read of the tree's
/// frontier, the new hashes and entries in multi-row inserts, one update of the
/// head. Returns the new size.
pub(crate) async fn append_many_at(
    conn: &mut SqliteConnection,
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
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO tlog_entries (log, idx, entry) ");
        q.push_values(rows, |mut b, (idx, entry)| {
            b.push_bind(log.to_owned()).push_bind(idx).push_bind(entry);
        });
        q.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    sqlx::query("UPDATE tlog_heads SET size = ? WHERE log = ?")
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
    conn: &mut SqliteConnection,
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
impl TlogStore for SqliteStore {
    async fn tlog_size(&self, log: &str) -> StoreResult<u64> {
        let size: Option<i64> = sqlx::query_scalar("SELECT size FROM tlog_heads WHERE log = ?")
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
            "SELECT entry FROM tlog_entries WHERE log = ? AND idx >= ? AND idx < ? ORDER BY idx",
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
            "INSERT INTO tlog_keys (log, signer, created_at) VALUES (?, ?, ?) \
             ON CONFLICT (log) DO NOTHING",
        )
        .bind(log)
        .bind(candidate)
        .bind(now.as_millis())
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        sqlx::query_scalar("SELECT signer FROM tlog_keys WHERE log = ?")
            .bind(log)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
    }

    async fn audit_log_index(&self, event: AuditEventId) -> StoreResult<Option<u64>> {
        let idx: Option<i64> =
            sqlx::query_scalar("SELECT idx FROM tlog_entries WHERE log = ? AND audit_event_id = ?")
                .bind(AUDIT_LOG)
                .bind(event.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
        idx.map(from_db).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every range of a hash read is a search of the primary key, never a scan
    /// of the log.
    #[tokio::test]
    async fn hash_reads_search_the_index_for_each_range() {
        let store = SqliteStore::open("sqlite::memory:").await.unwrap();
        for runs in [
            vec![(0u8, 5u64, 9u64)],
            vec![(0, 5, 9), (1, 2, 3), (3, 0, 0), (7, 1, 1)],
        ] {
            let sql = format!(
                "EXPLAIN QUERY PLAN {}",
                hashes_query("audit", &runs).unwrap().sql()
            );
            let rows = sqlx::query(&sql).fetch_all(store.pool()).await.unwrap();
            let plan: Vec<String> = rows.iter().map(|r| r.get::<String, _>("detail")).collect();
            let searches = plan
                .iter()
                .filter(|d| d.contains("(log=? AND level=? AND idx>? AND idx<?)"))
                .count();
            assert_eq!(searches, runs.len(), "{plan:?}");
            assert!(plan.iter().all(|d| !d.starts_with("SCAN")), "{plan:?}");
        }
    }
}
