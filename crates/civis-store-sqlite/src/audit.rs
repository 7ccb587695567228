//! The append-only audit log. There is deliberately no update or delete here.

use civis_domain::{AuditEvent, AuditEventId, NewAuditEvent};
use civis_store::decode::{count, json_text, AuditRow};
use civis_store::{AuditFilter, Page, StoreResult};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use crate::error::{db_err, write_err};
use crate::SqliteStore;

macro_rules! audit_columns {
    () => {
        "id, at, actor_id, action, target, before_json, after_json"
    };
}

fn decode(row: &SqliteRow) -> StoreResult<AuditEvent> {
    AuditRow {
        id: row.try_get("id").map_err(db_err)?,
        at: row.try_get("at").map_err(db_err)?,
        actor_id: row.try_get("actor_id").map_err(db_err)?,
        action: row.try_get("action").map_err(db_err)?,
        target: row.try_get("target").map_err(db_err)?,
        before_json: row.try_get("before_json").map_err(db_err)?,
        after_json: row.try_get("after_json").map_err(db_err)?,
    }
    .into_event()
}

/// Appends one event on `conn`, which must be inside a write transaction, and
/// its entry to the public audit log (see `crate::tlog`).
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    event: &NewAuditEvent,
) -> StoreResult<AuditEvent> {
    let row = sqlx::query(concat!(
        "INSERT INTO audit_events (at, actor_id, action, target, before_json, after_json) \
         VALUES (?, ?, ?, ?, ?, ?) RETURNING ",
        audit_columns!()
    ))
    .bind(event.at.as_millis())
    .bind(event.actor.map(|a| a.0))
    .bind(event.action.as_str())
    .bind(event.target.as_deref())
    .bind(json_text(&event.before))
    .bind(json_text(&event.after))
    .fetch_one(&mut *conn)
    .await
    .map_err(write_err("id"))?;
    let stored = decode(&row)?;
    crate::tlog::append_audit_event(conn, &stored).await?;
    Ok(stored)
}

/// The events not yet in the audit log other than `except`, oldest first (for
/// the first append, when the log starts after events were recorded).
pub(crate) async fn unlogged_except(
    conn: &mut SqliteConnection,
    except: AuditEventId,
) -> StoreResult<Vec<AuditEvent>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        audit_columns!(),
        " FROM audit_events WHERE id <> ? AND id NOT IN \
         (SELECT audit_event_id FROM tlog_entries WHERE audit_event_id IS NOT NULL) ORDER BY id"
    ))
    .bind(except.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    rows.iter().map(decode).collect()
}

fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, filter: &AuditFilter) {
    q.push(" WHERE 1 = 1");
    if let Some(actor) = filter.actor {
        q.push(" AND actor_id = ").push_bind(actor.0);
    }
    if let Some(action) = filter.action {
        q.push(" AND action = ").push_bind(action.as_str());
    }
    if let Some(target) = &filter.target {
        q.push(" AND target = ").push_bind(target.clone());
    }
    if let Some(from) = filter.from {
        q.push(" AND at >= ").push_bind(from.as_millis());
    }
    if let Some(until) = filter.until {
        q.push(" AND at < ").push_bind(until.as_millis());
    }
}

impl SqliteStore {
    pub(crate) async fn append_audit_impl(&self, event: &NewAuditEvent) -> StoreResult<AuditEvent> {
        let mut tx = self.begin_write().await?;
        let stored = insert(&mut tx, event).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    pub(crate) async fn list_audit_impl(
        &self,
        filter: &AuditFilter,
        page: Page,
    ) -> StoreResult<Vec<AuditEvent>> {
        let mut q =
            QueryBuilder::<Sqlite>::new(concat!("SELECT ", audit_columns!(), " FROM audit_events"));
        push_filter(&mut q, filter);
        q.push(" ORDER BY at DESC, id DESC LIMIT ")
            .push_bind(page.limit_i64())
            .push(" OFFSET ")
            .push_bind(page.offset_i64());
        let rows = q.build().fetch_all(&self.pool).await.map_err(db_err)?;
        rows.iter().map(decode).collect()
    }

    pub(crate) async fn count_audit_impl(&self, filter: &AuditFilter) -> StoreResult<u64> {
        let mut q = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM audit_events");
        push_filter(&mut q, filter);
        let n: i64 = q
            .build_query_scalar()
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)?;
        count(n)
    }
}
