//! `pb_ballots`: one counted ballot per voter per process.
//!
//! Casting is one `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement in its
//! own implicit transaction: it replaces the voter's ballot whatever its channel
//! and raises the revision atomically, also when servers sharing the database
//! receive casts by the same voter at once (the conflicting insert waits for the
//! other and then updates the row). It returns after the server has committed.
//! Paper ballots run the same statement inside a transaction with their audit
//! event, after locking the voter's earlier ballot, if any.

use civis_budget::{Ballot, BallotChannel, NewBallot, ProcessId};
use civis_domain::UserId;
use civis_store::budget_codec::{channel_columns, to_json, BallotRow};
use civis_store::decode::count;
use civis_store::{budget_audit, Change, StoreError, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use crate::error::{db_err, write_err};
use crate::{audit, PostgresStore};

const UPSERT: &str = "INSERT INTO pb_ballots \
     (process_id, voter_id, content_json, channel, official_id, cast_at, revision) \
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, 1) \
     ON CONFLICT (process_id, voter_id) DO UPDATE SET \
     content_json = excluded.content_json, channel = excluded.channel, \
     official_id = excluded.official_id, cast_at = excluded.cast_at, \
     revision = pb_ballots.revision + 1 \
     RETURNING revision";

macro_rules! ballot_columns {
    () => {
        "process_id, voter_id, content_json::text AS content_json, channel, official_id, \
         cast_at, revision"
    };
}

fn decode(row: &PgRow) -> StoreResult<Ballot> {
    BallotRow {
        process_id: row.try_get("process_id").map_err(db_err)?,
        voter_id: row.try_get("voter_id").map_err(db_err)?,
        content_json: row.try_get("content_json").map_err(db_err)?,
        channel: row.try_get("channel").map_err(db_err)?,
        official_id: row.try_get("official_id").map_err(db_err)?,
        cast_at: row.try_get("cast_at").map_err(db_err)?,
        revision: row.try_get("revision").map_err(db_err)?,
    }
    .into_ballot()
}

/// Runs the upsert on `conn` and returns the stored ballot.
async fn upsert(conn: &mut PgConnection, ballot: &NewBallot) -> StoreResult<Ballot> {
    let (channel, official) = channel_columns(ballot.channel);
    let revisions: Vec<i64> = sqlx::query_scalar(UPSERT)
        .bind(ballot.process.0)
        .bind(ballot.voter.0)
        .bind(to_json("pb_ballots.content_json", &ballot.content)?)
        .bind(channel)
        .bind(official)
        .bind(ballot.cast_at.as_millis())
        .fetch_all(&mut *conn)
        .await
        .map_err(write_err("ballot"))?;
    let revision = revisions
        .first()
        .copied()
        .ok_or_else(|| StoreError::internal("ballot upsert returned no row"))?;
    Ok(Ballot {
        process: ballot.process,
        voter: ballot.voter,
        content: ballot.content.clone(),
        channel: ballot.channel,
        cast_at: ballot.cast_at,
        revision: u32::try_from(revision)
            .map_err(|_| StoreError::internal("pb_ballots.revision is out of range"))?,
    })
}

/// The voter's ballot, on `conn`; `lock` locks its row until the end of the transaction.
async fn fetch(
    conn: &mut PgConnection,
    process: ProcessId,
    voter: UserId,
    lock: bool,
) -> StoreResult<Option<Ballot>> {
    let sql = if lock {
        concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM pb_ballots WHERE process_id = $1 AND voter_id = $2 FOR NO KEY UPDATE"
        )
    } else {
        concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM pb_ballots WHERE process_id = $1 AND voter_id = $2"
        )
    };
    let row = sqlx::query(sql)
        .bind(process.0)
        .bind(voter.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    row.as_ref().map(decode).transpose()
}

impl PostgresStore {
    pub(crate) async fn cast_ballot_impl(
        &self,
        ballot: &NewBallot,
        change: Option<Change>,
    ) -> StoreResult<Ballot> {
        let BallotChannel::Paper { official } = ballot.channel else {
            let mut conn = self.pool.acquire().await.map_err(db_err)?;
            return upsert(&mut conn, ballot).await;
        };
        let change = change.unwrap_or(Change::by(official, ballot.cast_at));
        let mut tx = self.begin_write().await?;
        let replaced = fetch(&mut tx, ballot.process, ballot.voter, true)
            .await?
            .map(|b| b.channel);
        let stored = upsert(&mut tx, ballot).await?;
        let event = budget_audit::paper_ballot_entered(change, &stored, replaced);
        audit::insert(&mut tx, &event).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    pub(crate) async fn ballot_impl(
        &self,
        process: ProcessId,
        voter: UserId,
    ) -> StoreResult<Option<Ballot>> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        fetch(&mut conn, process, voter, false).await
    }

    pub(crate) async fn list_ballots_impl(&self, process: ProcessId) -> StoreResult<Vec<Ballot>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM pb_ballots WHERE process_id = $1 ORDER BY voter_id"
        ))
        .bind(process.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(decode).collect()
    }

    pub(crate) async fn count_ballots_impl(&self, process: ProcessId) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pb_ballots WHERE process_id = $1")
            .bind(process.0)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)?;
        count(n)
    }
}
