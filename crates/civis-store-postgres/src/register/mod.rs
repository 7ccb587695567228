//! [`RegisterStore`](civis_store::RegisterStore) for PostgreSQL.

use async_trait::async_trait;
use civis_domain::{Timestamp, UserId};
use civis_identity::codes::Channel;
use civis_identity::import::{plan, Planned};
use civis_identity::{CurrentRecord, Date, ImportProblem, Permission, Purpose};
use civis_store::register::decode::{count32, permission, records, stored_date, VersionRow};
use civis_store::register::{
    audit as register_audit, LinkOutcome, NewEnrolmentCode, NewRegisterImport, RecordLookup,
    RegisterGrant, RegisterImport, RegisterLink, RegisterRecord,
};
use civis_store::{Change, Page, RegisterStore, StoreError, StoreResult};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use crate::audit;
use crate::error::{db_err, write_err};
use crate::PostgresStore;

mod enrolment;
mod recovery;

const VERSION_COLUMNS: &str = "v.record_id, r.personal_code, v.valid_from, v.given_name, \
     v.family_name, v.birth_date, v.address, v.district, v.phone, v.status, v.import_id";

fn decode_version(row: &PgRow) -> StoreResult<VersionRow> {
    Ok(VersionRow {
        record_id: row.try_get("record_id").map_err(db_err)?,
        personal_code: row.try_get("personal_code").map_err(db_err)?,
        valid_from: row.try_get("valid_from").map_err(db_err)?,
        given_name: row.try_get("given_name").map_err(db_err)?,
        family_name: row.try_get("family_name").map_err(db_err)?,
        birth_date: row.try_get("birth_date").map_err(db_err)?,
        address: row.try_get("address").map_err(db_err)?,
        district: row.try_get("district").map_err(db_err)?,
        phone: row.try_get("phone").map_err(db_err)?,
        status: row.try_get("status").map_err(db_err)?,
        import_id: row.try_get("import_id").map_err(db_err)?,
    })
}

const IMPORT_COLUMNS: &str = "id, effective_date, file_sha256, records, created, changed, \
     unchanged, imported_by, imported_at";

fn decode_import(row: &PgRow) -> StoreResult<RegisterImport> {
    let date: String = row.try_get("effective_date").map_err(db_err)?;
    Ok(RegisterImport {
        id: row.try_get("id").map_err(db_err)?,
        effective_date: stored_date(&date)?,
        file_sha256: row.try_get("file_sha256").map_err(db_err)?,
        records: count32(row.try_get("records").map_err(db_err)?),
        created: count32(row.try_get("created").map_err(db_err)?),
        changed: count32(row.try_get("changed").map_err(db_err)?),
        unchanged: count32(row.try_get("unchanged").map_err(db_err)?),
        imported_by: row
            .try_get::<Option<i64>, _>("imported_by")
            .map_err(db_err)?
            .map(UserId),
        imported_at: Timestamp::from_millis(row.try_get("imported_at").map_err(db_err)?),
    })
}

async fn current_records(conn: &mut PgConnection) -> StoreResult<Vec<CurrentRecord>> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM register_versions v \
         JOIN register_records r ON r.id = v.record_id \
         WHERE v.valid_from = (SELECT MAX(w.valid_from) FROM register_versions w \
                               WHERE w.record_id = v.record_id) \
         ORDER BY v.record_id"
    );
    let rows = sqlx::query(&sql)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let v = decode_version(row)?;
        let version = v.version()?;
        out.push(CurrentRecord {
            id: v.record_id,
            personal_code: civis_identity::PersonalCode::from_stored(v.personal_code),
            valid_from: version.valid_from,
            data: version.data,
        });
    }
    Ok(out)
}

async fn record_id(conn: &mut PgConnection, lookup: &RecordLookup) -> StoreResult<Option<i64>> {
    let q = match lookup {
        RecordLookup::Id(id) => {
            sqlx::query_scalar("SELECT id FROM register_records WHERE id = $1").bind(*id)
        }
        RecordLookup::Code(code) => {
            sqlx::query_scalar("SELECT id FROM register_records WHERE personal_code = $1")
                .bind(code.as_str().to_owned())
        }
    };
    q.fetch_optional(&mut *conn).await.map_err(db_err)
}

async fn fetch_record(conn: &mut PgConnection, id: i64) -> StoreResult<Option<RegisterRecord>> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM register_versions v \
         JOIN register_records r ON r.id = v.record_id \
         WHERE r.id = $1 ORDER BY v.valid_from DESC"
    );
    let rows = sqlx::query(&sql)
        .bind(id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
    let rows = rows
        .iter()
        .map(decode_version)
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(records(&rows)?.into_iter().next())
}

async fn insert_version(
    conn: &mut PgConnection,
    record_id: i64,
    valid_from: Date,
    data: &civis_identity::RecordData,
    import_id: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO register_versions (record_id, valid_from, given_name, family_name, \
         birth_date, address, district, phone, status, import_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(record_id)
    .bind(valid_from.to_string())
    .bind(&data.given_name)
    .bind(&data.family_name)
    .bind(data.birth_date.to_string())
    .bind(&data.address)
    .bind(&data.district)
    .bind(data.phone.as_deref())
    .bind(data.status.as_str())
    .bind(import_id)
    .execute(&mut *conn)
    .await
    .map_err(write_err("valid_from"))?;
    Ok(())
}

async fn check_actor(conn: &mut PgConnection, change: Change) -> StoreResult<()> {
    if let Some(actor) = change.actor {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
            .bind(actor.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
        found.ok_or(StoreError::NotFound)?;
    }
    Ok(())
}

#[async_trait]
impl RegisterStore for PostgresStore {
    async fn import_register(
        &self,
        new: &NewRegisterImport,
        change: Change,
    ) -> StoreResult<Result<RegisterImport, Vec<ImportProblem>>> {
        let mut tx = self.begin_write().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(7150)")
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        check_actor(&mut tx, change).await?;
        let last: Option<String> =
            sqlx::query_scalar("SELECT MAX(effective_date) FROM register_imports")
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        let last = last.as_deref().map(stored_date).transpose()?;
        let current = current_records(&mut tx).await?;
        let planned = match plan(&new.rows, &current, new.effective_date, last) {
            Ok(p) => p,
            Err(problems) => return Ok(Err(problems)),
        };
        let sql = format!(
            "INSERT INTO register_imports (effective_date, file_sha256, records, created, \
             changed, unchanged, imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING {IMPORT_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.effective_date.to_string())
            .bind(&new.file_sha256)
            .bind(i64::try_from(new.rows.len()).unwrap_or(i64::MAX))
            .bind(i64::from(planned.created))
            .bind(i64::from(planned.changed))
            .bind(i64::from(planned.unchanged))
            .bind(change.actor.map(|a| a.0))
            .bind(change.at.as_millis())
            .fetch_one(&mut *tx)
            .await
            .map_err(write_err("imported_by"))?;
        let import = decode_import(&row)?;
        for write in &planned.writes {
            match write {
                Planned::Create {
                    personal_code,
                    data,
                } => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO register_records (personal_code) VALUES ($1) RETURNING id",
                    )
                    .bind(personal_code.as_str())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(write_err("personal_code"))?;
                    insert_version(&mut tx, id, new.effective_date, data, import.id).await?;
                }
                Planned::Update { record_id, data } => {
                    insert_version(&mut tx, *record_id, new.effective_date, data, import.id)
                        .await?;
                }
            }
        }
        audit::insert(&mut tx, &register_audit::imported(change, &import)).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(Ok(import))
    }

    async fn list_register_imports(&self, page: Page) -> StoreResult<Vec<RegisterImport>> {
        let sql = format!(
            "SELECT {IMPORT_COLUMNS} FROM register_imports ORDER BY id DESC LIMIT $1 OFFSET $2"
        );
        let rows = sqlx::query(&sql)
            .bind(i64::from(page.limit))
            .bind(i64::try_from(page.offset).unwrap_or(i64::MAX))
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter().map(decode_import).collect()
    }

    async fn count_register_records(&self) -> StoreResult<(u64, u64)> {
        let (all, active): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN v.status = 'active' THEN 1 ELSE 0 END), 0) \
             FROM register_versions v \
             WHERE v.valid_from = (SELECT MAX(w.valid_from) FROM register_versions w \
                                   WHERE w.record_id = v.record_id)",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok((
            u64::try_from(all).unwrap_or(0),
            u64::try_from(active).unwrap_or(0),
        ))
    }

    async fn read_register_record(
        &self,
        lookup: &RecordLookup,
        purpose: &Purpose,
        change: Change,
    ) -> StoreResult<Option<RegisterRecord>> {
        let mut tx = self.begin_write().await?;
        let id = record_id(&mut tx, lookup).await?;
        audit::insert(&mut tx, &register_audit::read(change, id, purpose)).await?;
        let record = match id {
            Some(id) => fetch_record(&mut tx, id).await?,
            None => None,
        };
        tx.commit().await.map_err(db_err)?;
        Ok(record)
    }

    async fn list_register_records(
        &self,
        district: Option<&str>,
        unlinked_only: bool,
        page: Page,
    ) -> StoreResult<Vec<RegisterRecord>> {
        let district_clause = if district.is_some() {
            " AND v.district = $3"
        } else {
            ""
        };
        let unlinked_clause = if unlinked_only {
            " AND NOT EXISTS (SELECT 1 FROM register_links l WHERE l.record_id = r.id)"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM register_versions v \
             JOIN register_records r ON r.id = v.record_id \
             WHERE v.valid_from = (SELECT MAX(w.valid_from) FROM register_versions w \
                                   WHERE w.record_id = v.record_id) \
             AND v.status = 'active'{district_clause}{unlinked_clause} \
             ORDER BY r.personal_code LIMIT $1 OFFSET $2"
        );
        let mut q = sqlx::query(&sql);
        q = q
            .bind(i64::from(page.limit))
            .bind(i64::try_from(page.offset).unwrap_or(i64::MAX));
        if let Some(d) = district {
            q = q.bind(d);
        }
        let rows = q.fetch_all(&self.pool).await.map_err(db_err)?;
        let rows = rows
            .iter()
            .map(decode_version)
            .collect::<StoreResult<Vec<_>>>()?;
        records(&rows)
    }

    async fn register_record(&self, lookup: &RecordLookup) -> StoreResult<Option<RegisterRecord>> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        match record_id(&mut conn, lookup).await? {
            Some(id) => fetch_record(&mut conn, id).await,
            None => Ok(None),
        }
    }

    async fn register_permissions(&self, user: UserId) -> StoreResult<Vec<Permission>> {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT permission FROM register_grants WHERE user_id = $1 ORDER BY permission",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        names.iter().map(|n| permission(n)).collect()
    }

    async fn list_register_grants(&self) -> StoreResult<Vec<RegisterGrant>> {
        let rows = sqlx::query(
            "SELECT user_id, permission, granted_by, granted_at FROM register_grants \
             ORDER BY user_id, permission",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter()
            .map(|row| {
                let name: String = row.try_get("permission").map_err(db_err)?;
                Ok(RegisterGrant {
                    user_id: UserId(row.try_get("user_id").map_err(db_err)?),
                    permission: permission(&name)?,
                    granted_by: row
                        .try_get::<Option<i64>, _>("granted_by")
                        .map_err(db_err)?
                        .map(UserId),
                    granted_at: Timestamp::from_millis(row.try_get("granted_at").map_err(db_err)?),
                })
            })
            .collect()
    }

    async fn grant_register_permission(
        &self,
        user: UserId,
        permission: Permission,
        change: Change,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        check_actor(&mut tx, change).await?;
        let done = sqlx::query(
            "INSERT INTO register_grants (user_id, permission, granted_by, granted_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, permission) DO NOTHING",
        )
        .bind(user.0)
        .bind(permission.as_str())
        .bind(change.actor.map(|a| a.0))
        .bind(change.at.as_millis())
        .execute(&mut *tx)
        .await
        .map_err(write_err("user_id"))?
        .rows_affected()
            == 1;
        if done {
            audit::insert(
                &mut tx,
                &register_audit::grant(change, user, permission, true),
            )
            .await?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(done)
    }

    async fn revoke_register_permission(
        &self,
        user: UserId,
        permission: Permission,
        change: Change,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        check_actor(&mut tx, change).await?;
        let done =
            sqlx::query("DELETE FROM register_grants WHERE user_id = $1 AND permission = $2")
                .bind(user.0)
                .bind(permission.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db_err)?
                .rows_affected()
                == 1;
        if done {
            audit::insert(
                &mut tx,
                &register_audit::grant(change, user, permission, false),
            )
            .await?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(done)
    }

    async fn issue_enrolment_codes(
        &self,
        codes: &[NewEnrolmentCode],
        change: Change,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        check_actor(&mut tx, change).await?;
        enrolment::issue(&mut tx, codes, change).await?;
        tx.commit().await.map_err(db_err)
    }

    async fn redeem_enrolment_code(
        &self,
        user: UserId,
        record_id: i64,
        channel: Channel,
        code_hash: &[u8; 32],
        change: Change,
    ) -> StoreResult<LinkOutcome> {
        let mut tx = self.begin_write().await?;
        let found =
            enrolment::take_code(&mut tx, user, record_id, channel, code_hash, change.at).await?;
        if found.is_none() {
            return Ok(LinkOutcome::NoCode);
        }
        let outcome =
            enrolment::link(&mut tx, user, record_id, channel.proofing(), None, change).await?;
        if matches!(outcome, LinkOutcome::Linked(_)) {
            tx.commit().await.map_err(db_err)?;
        }
        Ok(outcome)
    }

    async fn link_in_person(
        &self,
        user: UserId,
        record_id: i64,
        document_type: &str,
        change: Change,
    ) -> StoreResult<LinkOutcome> {
        let official = change.actor.ok_or(StoreError::NotFound)?;
        let mut tx = self.begin_write().await?;
        check_actor(&mut tx, change).await?;
        let outcome = enrolment::link(
            &mut tx,
            user,
            record_id,
            civis_domain::Proofing::InPerson,
            Some((official, document_type)),
            change,
        )
        .await?;
        if matches!(outcome, LinkOutcome::Linked(_)) {
            tx.commit().await.map_err(db_err)?;
        }
        Ok(outcome)
    }

    async fn register_link(&self, user: UserId) -> StoreResult<Option<RegisterLink>> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        enrolment::link_of_user(&mut conn, user).await
    }
}
