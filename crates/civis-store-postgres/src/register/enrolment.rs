//! Enrolment for PostgreSQL: codes and links.

use civis_domain::{Proofing, Timestamp, UserId};
use civis_identity::codes::Channel;
use civis_store::register::{
    enrolment_audit, proofing_rank, LinkOutcome, NewEnrolmentCode, RegisterLink,
};
use civis_store::{Change, StoreError, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use crate::audit;
use crate::error::{db_err, write_err};

const LINK_COLUMNS: &str = "user_id, record_id, proofing, linked_at, verified_by, document_type";

fn decode_link(row: &PgRow) -> StoreResult<RegisterLink> {
    let proofing: String = row.try_get("proofing").map_err(db_err)?;
    Ok(RegisterLink {
        user_id: UserId(row.try_get("user_id").map_err(db_err)?),
        record_id: row.try_get("record_id").map_err(db_err)?,
        proofing: Proofing::parse(&proofing)
            .ok_or_else(|| StoreError::internal("stored link proofing is not valid"))?,
        linked_at: Timestamp::from_millis(row.try_get("linked_at").map_err(db_err)?),
        verified_by: row
            .try_get::<Option<i64>, _>("verified_by")
            .map_err(db_err)?
            .map(UserId),
        document_type: row.try_get("document_type").map_err(db_err)?,
    })
}

pub(crate) async fn link_of_user(
    conn: &mut PgConnection,
    user: UserId,
) -> StoreResult<Option<RegisterLink>> {
    let sql = format!("SELECT {LINK_COLUMNS} FROM register_links WHERE user_id = $1");
    sqlx::query(&sql)
        .bind(user.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .as_ref()
        .map(decode_link)
        .transpose()
}

async fn link_of_record(
    conn: &mut PgConnection,
    record_id: i64,
) -> StoreResult<Option<RegisterLink>> {
    let sql = format!("SELECT {LINK_COLUMNS} FROM register_links WHERE record_id = $1");
    sqlx::query(&sql)
        .bind(record_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .as_ref()
        .map(decode_link)
        .transpose()
}

pub(crate) async fn issue(
    conn: &mut PgConnection,
    codes: &[NewEnrolmentCode],
    change: Change,
) -> StoreResult<()> {
    for code in codes {
        sqlx::query(
            "UPDATE enrolment_codes SET used_at = $1 \
             WHERE record_id = $2 AND channel = $3 AND used_at IS NULL",
        )
        .bind(change.at.as_millis())
        .bind(code.record_id)
        .bind(code.channel.as_str())
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO enrolment_codes (record_id, user_id, channel, code_hash, created_at, \
             expires_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(code.record_id)
        .bind(code.user_id.map(|u| u.0))
        .bind(code.channel.as_str())
        .bind(&code.code_hash[..])
        .bind(change.at.as_millis())
        .bind(code.expires_at.as_millis())
        .bind(change.actor.map(|a| a.0))
        .execute(&mut *conn)
        .await
        .map_err(write_err("record_id"))?;
        audit::insert(conn, &enrolment_audit::issued(change, code)).await?;
    }
    Ok(())
}

/// Makes or strengthens the link of `user` to `record_id`, sets the account's
/// proofing and records it.
pub(crate) async fn link(
    conn: &mut PgConnection,
    user: UserId,
    record_id: i64,
    proofing: Proofing,
    verified: Option<(UserId, &str)>,
    change: Change,
) -> StoreResult<LinkOutcome> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM register_records WHERE id = $1")
        .bind(record_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    exists.ok_or(StoreError::NotFound)?;
    if link_of_record(conn, record_id)
        .await?
        .is_some_and(|l| l.user_id != user)
    {
        return Ok(LinkOutcome::RecordTaken);
    }
    let current = link_of_user(conn, user).await?;
    if current.as_ref().is_some_and(|l| l.record_id != record_id) {
        return Ok(LinkOutcome::AccountLinkedElsewhere);
    }
    let before = current.as_ref().map(|l| l.proofing);
    let keep = current
        .as_ref()
        .is_some_and(|l| proofing_rank(l.proofing) > proofing_rank(proofing));
    let link = if keep {
        current.ok_or_else(|| StoreError::internal("link vanished"))?
    } else {
        RegisterLink {
            user_id: user,
            record_id,
            proofing,
            linked_at: change.at,
            verified_by: verified.map(|v| v.0),
            document_type: verified.map(|v| v.1.to_owned()),
        }
    };
    if !keep {
        sqlx::query(
            "INSERT INTO register_links (user_id, record_id, proofing, linked_at, verified_by, \
             document_type) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (user_id) DO UPDATE SET proofing = excluded.proofing, \
             linked_at = excluded.linked_at, verified_by = excluded.verified_by, \
             document_type = excluded.document_type",
        )
        .bind(user.0)
        .bind(record_id)
        .bind(proofing.as_str())
        .bind(change.at.as_millis())
        .bind(link.verified_by.map(|u| u.0))
        .bind(link.document_type.as_deref())
        .execute(&mut *conn)
        .await
        .map_err(write_err("record_id"))?;
        let updated = sqlx::query("UPDATE users SET proofing = $1 WHERE id = $2")
            .bind(proofing.as_str())
            .bind(user.0)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?
            .rows_affected();
        if updated != 1 {
            return Err(StoreError::NotFound);
        }
    }
    audit::insert(
        conn,
        &enrolment_audit::linked(change, &link, before, verified.is_some()),
    )
    .await?;
    Ok(LinkOutcome::Linked(link))
}

/// Finds and uses the code; `None` if there is no usable one.
pub(crate) async fn take_code(
    conn: &mut PgConnection,
    user: UserId,
    record_id: i64,
    channel: Channel,
    code_hash: &[u8; 32],
    now: Timestamp,
) -> StoreResult<Option<i64>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM enrolment_codes WHERE record_id = $1 AND channel = $2 AND code_hash = $3 \
         AND used_at IS NULL AND expires_at > $4 AND (user_id IS NULL OR user_id = $5)",
    )
    .bind(record_id)
    .bind(channel.as_str())
    .bind(&code_hash[..])
    .bind(now.as_millis())
    .bind(user.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    let Some(id) = id else {
        return Ok(None);
    };
    // Conditional, so that of two concurrent redemptions only one takes the code.
    let taken =
        sqlx::query("UPDATE enrolment_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now.as_millis())
            .bind(id)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?
            .rows_affected();
    let id = (taken == 1).then_some(id);
    Ok(id)
}
