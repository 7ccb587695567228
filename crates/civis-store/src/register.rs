//! [`RegisterStore`]: the resident register and enrolment: register records and
//! their dated versions, imports, links between accounts and records, enrolment
//! codes, official grants.
//!
//! An import is planned by `civis_identity::import::plan` inside the backend's
//! write transaction, against the register as it stands in that transaction,
//! so two imports never interleave and a refused import writes nothing.
//! Reading a record through [`RegisterStore::read_register_record`] records the
//! read (who, which record, why) in the same transaction.

use async_trait::async_trait;
use civis_domain::{AuditAction, NewAuditEvent, Proofing, Timestamp, UserId};
use civis_identity::codes::Channel;
use civis_identity::{
    Date, ImportProblem, ImportRow, Permission, PersonalCode, Purpose, RecordData, RecordStatus,
};
use serde_json::json;

use crate::{Change, Page, StoreError, StoreResult};

/// One dated version of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterVersion {
    /// The first day it holds.
    pub valid_from: Date,
    /// What it says.
    pub data: RecordData,
    /// The import that brought it.
    pub import_id: i64,
}

/// A register record with every version, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRecord {
    /// The record id.
    pub id: i64,
    /// The personal code.
    pub personal_code: PersonalCode,
    /// Its versions, newest first (never empty).
    pub versions: Vec<RegisterVersion>,
}

impl RegisterRecord {
    /// The newest version.
    pub fn current(&self) -> Option<&RegisterVersion> {
        self.versions.first()
    }

    /// The version valid on `day`, if the record existed then.
    pub fn on(&self, day: Date) -> Option<&RegisterVersion> {
        self.versions.iter().find(|v| v.valid_from <= day)
    }
}

/// How a record is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordLookup {
    /// By its id.
    Id(i64),
    /// By its personal code.
    Code(PersonalCode),
}

/// A recorded import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterImport {
    /// Its id.
    pub id: i64,
    /// The date its versions are valid from.
    pub effective_date: Date,
    /// SHA-256 of the file, hex.
    pub file_sha256: String,
    /// Records in the file.
    pub records: u32,
    /// Records created.
    pub created: u32,
    /// Records given a new version.
    pub changed: u32,
    /// Records unchanged.
    pub unchanged: u32,
    /// Who imported it (`None`: the system).
    pub imported_by: Option<UserId>,
    /// When.
    pub imported_at: Timestamp,
}

/// An import to make.
#[derive(Debug, Clone)]
pub struct NewRegisterImport {
    /// The date its versions are valid from.
    pub effective_date: Date,
    /// SHA-256 of the file, hex.
    pub file_sha256: String,
    /// The file's valid rows (from `civis_identity::import::parse_file`).
    pub rows: Vec<ImportRow>,
}

/// A permission held by an official.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterGrant {
    /// The official.
    pub user_id: UserId,
    /// The permission.
    pub permission: Permission,
    /// The admin who granted it.
    pub granted_by: Option<UserId>,
    /// When.
    pub granted_at: Timestamp,
}

/// The link between an account and its register record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLink {
    /// The account.
    pub user_id: UserId,
    /// The record.
    pub record_id: i64,
    /// How it was proofed (the strongest way so far).
    pub proofing: Proofing,
    /// When it was made or last strengthened.
    pub linked_at: Timestamp,
    /// The official who checked an identity document (in person only).
    pub verified_by: Option<UserId>,
    /// The document they checked (in person only).
    pub document_type: Option<String>,
}

/// An enrolment code to store (its digest only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEnrolmentCode {
    /// The register record it is for.
    pub record_id: i64,
    /// The only account that may use it (SMS codes); `None` for letters, which
    /// go to whoever lives at the register address.
    pub user_id: Option<UserId>,
    /// Letter or SMS.
    pub channel: Channel,
    /// `civis_identity::codes::digest` of the code.
    pub code_hash: [u8; 32],
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// What linking an account to a record came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// Linked (or the link strengthened); the account's proofing is set.
    Linked(RegisterLink),
    /// No unused, unexpired code with this digest for this record (and account).
    NoCode,
    /// The record is linked to another account.
    RecordTaken,
    /// The account is linked to another record.
    AccountLinkedElsewhere,
}

/// The strength order of proofings: in person above letter and SMS.
pub fn proofing_rank(p: Proofing) -> u8 {
    match p {
        Proofing::ActivationLetter | Proofing::Sms => 1,
        Proofing::InPerson => 2,
    }
}

/// The register and enrolment.
///
/// A supertrait of [`Store`](crate::Store); each backend implements it in its
/// `register/` module.
#[async_trait]
pub trait RegisterStore: Send + Sync {
    // ---- imports -------------------------------------------------------------

    /// Imports `new` as one transaction: plans it against the stored register
    /// (see `civis_identity::import`), and either writes every record and
    /// version, the import row and a `register.imported` audit event, or, if the
    /// plan has problems, writes nothing and returns them.
    /// Errors: `NotFound` if `change.actor` names no account.
    async fn import_register(
        &self,
        new: &NewRegisterImport,
        change: Change,
    ) -> StoreResult<Result<RegisterImport, Vec<ImportProblem>>>;

    /// Imports, newest first.
    async fn list_register_imports(&self, page: Page) -> StoreResult<Vec<RegisterImport>>;

    /// How many records the register holds, and how many are active.
    async fn count_register_records(&self) -> StoreResult<(u64, u64)>;

    // ---- reading records -----------------------------------------------------

    /// The record `lookup` names, with its versions; `None` if there is none.
    /// Records the read as `register.record_read` (actor, purpose, whether
    /// found, the record as target) in the same transaction.
    /// Errors: `NotFound` if `change.actor` names no account.
    async fn read_register_record(
        &self,
        lookup: &RecordLookup,
        purpose: &Purpose,
        change: Change,
    ) -> StoreResult<Option<RegisterRecord>>;

    /// Active records with their current version only, by personal code:
    /// those of `district` if given, and only those no account is linked to if
    /// `unlinked_only`. For printing activation letters (the caller records
    /// each letter; nothing is audited here).
    async fn list_register_records(
        &self,
        district: Option<&str>,
        unlinked_only: bool,
        page: Page,
    ) -> StoreResult<Vec<RegisterRecord>>;

    /// The record `lookup` names, without an audit event: for the platform's
    /// own use (enrolment checks, claims released to a resident about themself),
    /// never to show an official.
    async fn register_record(&self, lookup: &RecordLookup) -> StoreResult<Option<RegisterRecord>>;

    // ---- grants --------------------------------------------------------------

    /// The permissions `user` holds.
    async fn register_permissions(&self, user: UserId) -> StoreResult<Vec<Permission>>;

    /// Every grant, by user then permission.
    async fn list_register_grants(&self) -> StoreResult<Vec<RegisterGrant>>;

    /// Grants `permission` to `user` and records `register.permission_granted`.
    /// Returns `false` (recording nothing) if it was held already.
    /// Errors: `NotFound` for an unknown user or actor.
    async fn grant_register_permission(
        &self,
        user: UserId,
        permission: Permission,
        change: Change,
    ) -> StoreResult<bool>;

    /// Revokes `permission` from `user` and records `register.permission_revoked`.
    /// Returns `false` (recording nothing) if it was not held.
    async fn revoke_register_permission(
        &self,
        user: UserId,
        permission: Permission,
        change: Change,
    ) -> StoreResult<bool>;

    // ---- enrolment -------------------------------------------------------------

    /// Stores enrolment codes; each replaces the unused codes of its record and
    /// channel (they count as used), and is recorded as `enrolment.code_issued`.
    /// Errors: `NotFound` for an unknown record, account or actor.
    async fn issue_enrolment_codes(
        &self,
        codes: &[NewEnrolmentCode],
        change: Change,
    ) -> StoreResult<()>;

    /// Redeems the code with `code_hash` for `record_id` over `channel` at
    /// `change.at` and links `user` to the record: the code must be unused,
    /// unexpired and (for SMS) issued to `user`. On success the code is used,
    /// the link made or strengthened, `users.proofing` set and
    /// `enrolment.linked` recorded, in one transaction; otherwise nothing is written.
    async fn redeem_enrolment_code(
        &self,
        user: UserId,
        record_id: i64,
        channel: Channel,
        code_hash: &[u8; 32],
        change: Change,
    ) -> StoreResult<LinkOutcome>;

    /// Links `user` to `record_id` after the official `change.actor` checked a
    /// `document_type` in person: proofing `in_person`, recorded as
    /// `enrolment.verified_in_person` with the official and the document type.
    /// Never returns `NoCode`. Errors: `NotFound` for an unknown user or record.
    async fn link_in_person(
        &self,
        user: UserId,
        record_id: i64,
        document_type: &str,
        change: Change,
    ) -> StoreResult<LinkOutcome>;

    /// The link of `user`, if the account is linked.
    async fn register_link(&self, user: UserId) -> StoreResult<Option<RegisterLink>>;
}

/// The audit target naming a record: `register_record:<id>`.
pub fn record_target(id: i64) -> String {
    format!("register_record:{id}")
}

/// Audit events of the register, built once for both backends.
pub mod audit {
    use super::*;

    /// `register.imported`.
    pub fn imported(change: Change, import: &RegisterImport) -> NewAuditEvent {
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action: AuditAction::RegisterImported,
            target: Some(format!("register_import:{}", import.id)),
            before: None,
            after: Some(json!({
                "effective_date": import.effective_date.to_string(),
                "file_sha256": import.file_sha256,
                "records": import.records,
                "created": import.created,
                "changed": import.changed,
                "unchanged": import.unchanged,
            })),
        }
    }

    /// `register.record_read`: who read which record and why.
    pub fn read(change: Change, record: Option<i64>, purpose: &Purpose) -> NewAuditEvent {
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action: AuditAction::RegisterRecordRead,
            target: record.map(record_target),
            before: None,
            after: Some(json!({
                "purpose": purpose.choice(),
                "purpose_text": purpose.text(),
                "found": record.is_some(),
            })),
        }
    }

    /// `register.permission_granted` or `register.permission_revoked`.
    pub fn grant(
        change: Change,
        user: UserId,
        permission: Permission,
        granted: bool,
    ) -> NewAuditEvent {
        let (action, before, after) = if granted {
            (
                AuditAction::RegisterPermissionGranted,
                None,
                Some(json!({ "permission": permission.as_str() })),
            )
        } else {
            (
                AuditAction::RegisterPermissionRevoked,
                Some(json!({ "permission": permission.as_str() })),
                None,
            )
        };
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action,
            target: Some(civis_domain::audit::user_target(user)),
            before,
            after,
        }
    }
}

/// Audit events of enrolment.
pub mod enrolment_audit {
    use super::*;

    /// `enrolment.code_issued`: a code made for a record (never the code).
    pub fn issued(change: Change, code: &NewEnrolmentCode) -> NewAuditEvent {
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action: AuditAction::EnrolmentCodeIssued,
            target: Some(record_target(code.record_id)),
            before: None,
            after: Some(json!({
                "channel": code.channel.as_str(),
                "for_user": code.user_id.map(|u| u.0),
                "expires_at": code.expires_at.to_string(),
            })),
        }
    }

    /// `enrolment.linked` or `enrolment.verified_in_person`.
    pub fn linked(
        change: Change,
        link: &RegisterLink,
        before: Option<Proofing>,
        in_person: bool,
    ) -> NewAuditEvent {
        let action = if in_person {
            AuditAction::EnrolmentVerifiedInPerson
        } else {
            AuditAction::EnrolmentLinked
        };
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action,
            target: Some(civis_domain::audit::user_target(link.user_id)),
            before: before.map(|p| json!({ "proofing": p.as_str() })),
            after: Some(json!({
                "record": link.record_id,
                "proofing": link.proofing.as_str(),
                "verified_by": link.verified_by.map(|u| u.0),
                "document_type": link.document_type,
            })),
        }
    }
}

/// Decoding stored rows, shared by the backends.
pub mod decode {
    use super::*;

    /// A version row as stored.
    #[derive(Debug, Clone)]
    pub struct VersionRow {
        /// `register_versions.record_id`.
        pub record_id: i64,
        /// `register_records.personal_code`.
        pub personal_code: String,
        /// `valid_from`, `YYYY-MM-DD`.
        pub valid_from: String,
        /// `given_name`.
        pub given_name: String,
        /// `family_name`.
        pub family_name: String,
        /// `birth_date`.
        pub birth_date: String,
        /// `address`.
        pub address: String,
        /// `district`.
        pub district: String,
        /// `phone`.
        pub phone: Option<String>,
        /// `status`.
        pub status: String,
        /// `import_id`.
        pub import_id: i64,
    }

    fn date(s: &str) -> StoreResult<Date> {
        Date::parse(s).map_err(|_| StoreError::internal("stored register date is not valid"))
    }

    impl VersionRow {
        /// The version.
        pub fn version(&self) -> StoreResult<RegisterVersion> {
            Ok(RegisterVersion {
                valid_from: date(&self.valid_from)?,
                import_id: self.import_id,
                data: RecordData {
                    given_name: self.given_name.clone(),
                    family_name: self.family_name.clone(),
                    birth_date: date(&self.birth_date)?,
                    address: self.address.clone(),
                    district: self.district.clone(),
                    phone: self.phone.clone(),
                    status: RecordStatus::parse(&self.status).ok_or_else(|| {
                        StoreError::internal("stored register status is not valid")
                    })?,
                },
            })
        }
    }

    /// Groups version rows ordered by record then `valid_from` descending into records.
    pub fn records(rows: &[VersionRow]) -> StoreResult<Vec<RegisterRecord>> {
        let mut out: Vec<RegisterRecord> = Vec::new();
        for row in rows {
            let version = row.version()?;
            match out.last_mut() {
                Some(r) if r.id == row.record_id => r.versions.push(version),
                _ => out.push(RegisterRecord {
                    id: row.record_id,
                    personal_code: PersonalCode::from_stored(row.personal_code.clone()),
                    versions: vec![version],
                }),
            }
        }
        Ok(out)
    }

    /// Parses a stored permission name.
    pub fn permission(s: &str) -> StoreResult<Permission> {
        Permission::parse(s).ok_or_else(|| StoreError::internal("stored permission is not valid"))
    }

    /// Parses a stored date.
    pub fn stored_date(s: &str) -> StoreResult<Date> {
        date(s)
    }

    /// A count column as `u32`.
    pub fn count32(n: i64) -> u32 {
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}
