//! `pb_proposals` and `pb_supports`: residents' proposals, officials' reviews,
//! moderation, and supports (counted, not stored on the proposal).

use civis_budget::{ProcessId, Proposal, ProposalDraft, ProposalId, Review};
use civis_domain::{Timestamp, UserId};
use civis_store::budget_codec::{to_json, ProposalRow};
use civis_store::{budget_audit, Change, StoreError, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use crate::error::{db_err, write_err};
use crate::{audit, PostgresStore};

macro_rules! select_proposals {
    () => {
        "SELECT p.id, p.process_id, p.author_id, \
         p.draft_json::text AS draft_json, p.review_json::text AS review_json, \
         p.hidden_reason, p.created_at, p.updated_at, \
         (SELECT COUNT(*) FROM pb_supports s WHERE s.proposal_id = p.id) AS supports \
         FROM pb_proposals p"
    };
}

fn decode(row: &PgRow) -> StoreResult<Proposal> {
    ProposalRow {
        id: row.try_get("id").map_err(db_err)?,
        process_id: row.try_get("process_id").map_err(db_err)?,
        author_id: row.try_get("author_id").map_err(db_err)?,
        draft_json: row.try_get("draft_json").map_err(db_err)?,
        review_json: row.try_get("review_json").map_err(db_err)?,
        hidden_reason: row.try_get("hidden_reason").map_err(db_err)?,
        supports: row.try_get("supports").map_err(db_err)?,
        created_at: row.try_get("created_at").map_err(db_err)?,
        updated_at: row.try_get("updated_at").map_err(db_err)?,
    }
    .into_proposal()
}

/// The proposal with this id, on `conn`; `lock` locks its row until the end of the
/// transaction. Errors: `NotFound`.
async fn fetch(conn: &mut PgConnection, id: ProposalId, lock: bool) -> StoreResult<Proposal> {
    let sql = if lock {
        concat!(
            select_proposals!(),
            " WHERE p.id = $1 FOR NO KEY UPDATE OF p"
        )
    } else {
        concat!(select_proposals!(), " WHERE p.id = $1")
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
    pub(crate) async fn create_proposal_impl(
        &self,
        process: ProcessId,
        author: UserId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal> {
        let review = Review::Pending;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO pb_proposals \
             (process_id, author_id, draft_json, review_json, created_at, updated_at) \
             VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6) RETURNING id",
        )
        .bind(process.0)
        .bind(author.0)
        .bind(to_json("pb_proposals.draft_json", draft)?)
        .bind(to_json("pb_proposals.review_json", &review)?)
        .bind(at.as_millis())
        .bind(at.as_millis())
        .fetch_all(&self.pool)
        .await
        .map_err(write_err("id"))?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::internal("INSERT … RETURNING returned no row"))?;
        Ok(Proposal {
            id: ProposalId(id),
            process,
            author,
            draft: draft.clone(),
            review,
            hidden: None,
            supports: 0,
            created_at: at,
            updated_at: at,
        })
    }

    pub(crate) async fn update_proposal_impl(
        &self,
        id: ProposalId,
        draft: &ProposalDraft,
        at: Timestamp,
    ) -> StoreResult<Proposal> {
        let json = to_json("pb_proposals.draft_json", draft)?;
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE pb_proposals SET draft_json = $1::jsonb, updated_at = $2 WHERE id = $3",
        )
        .bind(json)
        .bind(at.as_millis())
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let proposal = fetch(&mut tx, id, false).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(proposal)
    }

    pub(crate) async fn proposal_impl(&self, id: ProposalId) -> StoreResult<Proposal> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        fetch(&mut conn, id, false).await
    }

    pub(crate) async fn list_proposals_impl(
        &self,
        process: ProcessId,
    ) -> StoreResult<Vec<Proposal>> {
        let rows = sqlx::query(concat!(
            select_proposals!(),
            " WHERE p.process_id = $1 ORDER BY p.id"
        ))
        .bind(process.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(decode).collect()
    }

    pub(crate) async fn support_proposal_impl(
        &self,
        id: ProposalId,
        user: UserId,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO pb_supports (proposal_id, user_id, at) VALUES ($1, $2, $3) \
             ON CONFLICT (proposal_id, user_id) DO NOTHING",
        )
        .bind(id.0)
        .bind(user.0)
        .bind(at.as_millis())
        .execute(&self.pool)
        .await
        .map_err(write_err("support"))?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn supports_impl(&self, id: ProposalId, user: UserId) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM pb_supports WHERE proposal_id = $1 AND user_id = $2",
        )
        .bind(id.0)
        .bind(user.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(found.is_some())
    }

    pub(crate) async fn review_proposal_impl(
        &self,
        id: ProposalId,
        review: &Review,
        change: Change,
    ) -> StoreResult<Proposal> {
        let json = to_json("pb_proposals.review_json", review)?;
        let mut tx = self.begin_write().await?;
        let before = fetch(&mut tx, id, true).await?;
        let after = Proposal {
            review: review.clone(),
            updated_at: change.at,
            ..before.clone()
        };
        let Some(event) = budget_audit::proposal_reviewed(change, &before, &after)? else {
            return Ok(before);
        };
        sqlx::query(
            "UPDATE pb_proposals SET review_json = $1::jsonb, updated_at = $2 WHERE id = $3",
        )
        .bind(json)
        .bind(change.at.as_millis())
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    pub(crate) async fn moderate_proposal_impl(
        &self,
        id: ProposalId,
        hidden: Option<&str>,
        change: Change,
    ) -> StoreResult<Proposal> {
        let mut tx = self.begin_write().await?;
        let before = fetch(&mut tx, id, true).await?;
        let after = Proposal {
            hidden: hidden.map(str::to_owned),
            ..before.clone()
        };
        let Some(event) = budget_audit::proposal_moderated(change, &before, &after) else {
            return Ok(before);
        };
        sqlx::query("UPDATE pb_proposals SET hidden_reason = $1 WHERE id = $2")
            .bind(hidden)
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }
}
