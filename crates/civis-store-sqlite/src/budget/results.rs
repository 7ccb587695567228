//! `pb_results` and `pb_implementation_updates`: the published outcome and the
//! reports on funded projects.

use civis_budget::export::published::PublishedExports;
use civis_budget::{ImplementationUpdate, ProcessId, ProcessResults};
use civis_store::budget_codec::{from_json, implementation_update, to_json};
use civis_store::{budget_audit, Change, StoreError, StoreResult};

use crate::error::{db_err, write_err};
use crate::{audit, SqliteStore};

impl SqliteStore {
    pub(crate) async fn publish_results_impl(
        &self,
        process: ProcessId,
        results: &ProcessResults,
        exports: Option<&PublishedExports>,
        change: Change,
    ) -> StoreResult<()> {
        let json = to_json("pb_results.results_json", results)?;
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE pb_processes SET results_published_at = ? \
             WHERE id = ? AND results_published_at IS NULL",
        )
        .bind(change.at.as_millis())
        .bind(process.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM pb_processes WHERE id = ?")
                .bind(process.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
            return Err(match exists {
                Some(_) => StoreError::Conflict { field: "results" },
                None => StoreError::NotFound,
            });
        }
        sqlx::query("INSERT INTO pb_results (process_id, results_json) VALUES (?, ?)")
            .bind(process.0)
            .bind(json)
            .execute(&mut *tx)
            .await
            .map_err(write_err("results"))?;
        if let Some(exports) = exports {
            super::exports::insert(&mut tx, process, exports).await?;
        }
        let event = budget_audit::results_published(change, process, results);
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    pub(crate) async fn results_impl(
        &self,
        process: ProcessId,
    ) -> StoreResult<Option<ProcessResults>> {
        let json: Option<String> =
            sqlx::query_scalar("SELECT results_json FROM pb_results WHERE process_id = ?")
                .bind(process.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
        json.map(|j| from_json("pb_results.results_json", &j))
            .transpose()
    }

    pub(crate) async fn add_implementation_update_impl(
        &self,
        update: &ImplementationUpdate,
        change: Change,
    ) -> StoreResult<()> {
        let json = to_json("pb_implementation_updates.update_json", update)?;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO pb_implementation_updates (proposal_id, author_id, at, update_json) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(update.proposal.0)
        .bind(update.author.0)
        .bind(update.at.as_millis())
        .bind(json)
        .execute(&mut *tx)
        .await
        .map_err(write_err("implementation_update"))?;
        let event = budget_audit::implementation_updated(change, update)?;
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)
    }

    pub(crate) async fn list_implementation_updates_impl(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<ImplementationUpdate>> {
        let docs: Vec<String> = sqlx::query_scalar(
            "SELECT u.update_json FROM pb_implementation_updates u \
             JOIN pb_proposals p ON p.id = u.proposal_id \
             WHERE p.process_id = ? ORDER BY u.at, u.id",
        )
        .bind(process.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        docs.iter().map(|d| implementation_update(d)).collect()
    }
}
