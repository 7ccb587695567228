//! `pb_processes`: process settings (JSON) and when results were published.

use civis_budget::{Process, ProcessId, ProcessSettings};
use civis_store::budget_codec::{to_json, ProcessRow};
use civis_store::{budget_audit, Change, StoreError, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use crate::error::{db_err, write_err};
use crate::{audit, PostgresStore};

macro_rules! process_columns {
    () => {
        "id, settings_json::text AS settings_json, created_by, created_at, updated_at, \
         results_published_at"
    };
}

fn decode(row: &PgRow) -> StoreResult<Process> {
    ProcessRow {
        id: row.try_get("id").map_err(db_err)?,
        settings_json: row.try_get("settings_json").map_err(db_err)?,
        created_by: row.try_get("created_by").map_err(db_err)?,
        created_at: row.try_get("created_at").map_err(db_err)?,
        updated_at: row.try_get("updated_at").map_err(db_err)?,
        results_published_at: row.try_get("results_published_at").map_err(db_err)?,
    }
    .into_process()
}

/// The process with this id, on `conn`; `lock` locks its row until the end of the
/// transaction. Errors: `NotFound`.
async fn fetch(conn: &mut PgConnection, id: ProcessId, lock: bool) -> StoreResult<Process> {
    let sql = if lock {
        concat!(
            "SELECT ",
            process_columns!(),
            " FROM pb_processes WHERE id = $1 FOR NO KEY UPDATE"
        )
    } else {
        concat!(
            "SELECT ",
            process_columns!(),
            " FROM pb_processes WHERE id = $1"
        )
    };
    let row = sqlx::query(sql)
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or(StoreError::NotFound)?;
    decode(&row)
}

impl PostgresStore {
    pub(crate) async fn create_process_impl(
        &self,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process> {
        let json = to_json("pb_processes.settings_json", settings)?;
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(concat!(
            "INSERT INTO pb_processes (settings_json, created_by, created_at, updated_at) \
             VALUES ($1::jsonb, $2, $3, $4) RETURNING ",
            process_columns!()
        ))
        .bind(json)
        .bind(change.actor.map(|a| a.0))
        .bind(change.at.as_millis())
        .bind(change.at.as_millis())
        .fetch_one(&mut *tx)
        .await
        .map_err(write_err("id"))?;
        let process = decode(&row)?;
        audit::insert(&mut tx, &budget_audit::process_created(change, &process)?).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(process)
    }

    pub(crate) async fn update_process_impl(
        &self,
        id: ProcessId,
        settings: &ProcessSettings,
        change: Change,
    ) -> StoreResult<Process> {
        let json = to_json("pb_processes.settings_json", settings)?;
        let mut tx = self.begin_write().await?;
        let before = fetch(&mut tx, id, true).await?;
        let Some(event) = budget_audit::process_changed(change, id, &before.settings, settings)?
        else {
            return Ok(before);
        };
        let row = sqlx::query(concat!(
            "UPDATE pb_processes SET settings_json = $1::jsonb, updated_at = $2 WHERE id = $3 RETURNING ",
            process_columns!()
        ))
        .bind(json)
        .bind(change.at.as_millis())
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = decode(&row)?;
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    pub(crate) async fn process_impl(&self, id: ProcessId) -> StoreResult<Process> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        fetch(&mut conn, id, false).await
    }

    pub(crate) async fn list_processes_impl(&self) -> StoreResult<Vec<Process>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            process_columns!(),
            " FROM pb_processes ORDER BY created_at DESC, id DESC"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(decode).collect()
    }
}
