//! `pb_published_exports` and `pb_results.participation_json`: what a published
//! process serves, made once (at publication, or at the first request for processes
//! published before they were stored).

use civis_budget::export::published::{DocumentKind, ExportDocument, PublishedExports};
use civis_budget::participation::Participation;
use civis_budget::ProcessId;
use civis_store::budget_codec::{from_json, to_json};
use civis_store::{StoreError, StoreResult};
use sqlx::SqliteConnection;

use crate::error::{db_err, write_err};
use crate::SqliteStore;

/// Writes `exports` of `process` in the caller's transaction; `false` (nothing written)
/// when they are stored already, `NotFound` when the results are not.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    process: ProcessId,
    exports: &PublishedExports,
) -> StoreResult<bool> {
    let figures = to_json("pb_results.participation_json", &exports.participation)?;
    let done = sqlx::query(
        "UPDATE pb_results SET participation_json = ? \
         WHERE process_id = ? AND participation_json IS NULL",
    )
    .bind(figures)
    .bind(process.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    if done.rows_affected() == 0 {
        let published: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM pb_results WHERE process_id = ?")
                .bind(process.0)
                .fetch_optional(&mut *conn)
                .await
                .map_err(db_err)?;
        return match published {
            Some(_) => Ok(false),
            None => Err(StoreError::NotFound),
        };
    }
    for d in &exports.documents {
        sqlx::query(
            "INSERT INTO pb_published_exports (process_id, kind, unit, file_name, body) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(process.0)
        .bind(d.kind.name())
        .bind(d.kind.unit())
        .bind(&d.file_name)
        .bind(&d.text)
        .execute(&mut *conn)
        .await
        .map_err(write_err("exports"))?;
    }
    Ok(true)
}

fn kind_of(name: &str, unit: &str) -> StoreResult<DocumentKind> {
    DocumentKind::from_parts(name, unit).ok_or_else(|| {
        StoreError::internal(format!(
            "stored pb_published_exports.kind {name:?} is unknown"
        ))
    })
}

impl SqliteStore {
    pub(crate) async fn store_published_exports_impl(
        &self,
        process: ProcessId,
        exports: &PublishedExports,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let stored = insert(&mut tx, process, exports).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    pub(crate) async fn published_participation_impl(
        &self,
        process: ProcessId,
    ) -> StoreResult<Option<Participation>> {
        let json: Option<Option<String>> =
            sqlx::query_scalar("SELECT participation_json FROM pb_results WHERE process_id = ?")
                .bind(process.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
        json.flatten()
            .map(|j| from_json("pb_results.participation_json", &j))
            .transpose()
    }

    pub(crate) async fn published_document_kinds_impl(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<DocumentKind>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT kind, unit FROM pb_published_exports WHERE process_id = ? \
             ORDER BY CASE kind WHEN 'pabulib' THEN 0 WHEN 'csv' THEN 1 ELSE 2 END, unit",
        )
        .bind(process.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(|(k, u)| kind_of(k, u)).collect()
    }

    pub(crate) async fn published_document_impl(
        &self,
        process: ProcessId,
        kind: &DocumentKind,
    ) -> StoreResult<Option<ExportDocument>> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT file_name, body FROM pb_published_exports \
             WHERE process_id = ? AND kind = ? AND unit = ?",
        )
        .bind(process.0)
        .bind(kind.name())
        .bind(kind.unit())
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(row.map(|(file_name, text)| ExportDocument {
            kind: kind.clone(),
            file_name,
            text,
        }))
    }
}
