//! Wire types of the resident register API.

use civis_identity::Permission;
use civis_store::register::{RegisterGrant, RegisterImport, RegisterRecord, RegisterVersion};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An import to make: the file's text and the date it is the register of.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ImportRequest {
    /// `YYYY-MM-DD`: the date the imported versions are valid from.
    pub effective_date: String,
    /// The CSV file (see the README for its columns).
    pub csv: String,
}

/// A recorded import.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportView {
    /// Its id.
    pub id: i64,
    /// The date its versions are valid from.
    pub effective_date: String,
    /// SHA-256 of the file, hex.
    pub file_sha256: String,
    /// Records in the file.
    pub records: u32,
    /// Records created.
    pub created: u32,
    /// Records given a new version.
    pub changed: u32,
    /// Records that did not change.
    pub unchanged: u32,
    /// Who imported it (account id).
    pub imported_by: Option<i64>,
    /// When (RFC 3339).
    pub imported_at: String,
}

impl From<&RegisterImport> for ImportView {
    fn from(i: &RegisterImport) -> Self {
        ImportView {
            id: i.id,
            effective_date: i.effective_date.to_string(),
            file_sha256: i.file_sha256.clone(),
            records: i.records,
            created: i.created,
            changed: i.changed,
            unchanged: i.unchanged,
            imported_by: i.imported_by.map(|u| u.0),
            imported_at: i.imported_at.to_string(),
        }
    }
}

/// Imports, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportList {
    /// The imports.
    pub items: Vec<ImportView>,
}

/// A search of the register: one personal code and why the official looks.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SearchRequest {
    /// The personal code.
    pub personal_code: String,
    /// One of `enrolment`, `resident_request`, `eligibility`, `correction`, `other`.
    pub purpose: String,
    /// The purpose in words (required with `other`).
    #[serde(default)]
    pub purpose_text: String,
}

/// One dated version of a record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    /// The first day it holds (`YYYY-MM-DD`).
    pub valid_from: String,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Date of birth.
    pub birth_date: String,
    /// Address.
    pub address: String,
    /// District.
    pub district: String,
    /// Mobile number, if any.
    pub phone: Option<String>,
    /// `active`, `deceased` or `left`.
    pub status: String,
    /// The import that brought it.
    pub import_id: i64,
}

impl From<&RegisterVersion> for VersionView {
    fn from(v: &RegisterVersion) -> Self {
        let d = &v.data;
        VersionView {
            valid_from: v.valid_from.to_string(),
            given_name: d.given_name.clone(),
            family_name: d.family_name.clone(),
            birth_date: d.birth_date.to_string(),
            address: d.address.clone(),
            district: d.district.clone(),
            phone: d.phone.clone(),
            status: d.status.as_str().to_owned(),
            import_id: v.import_id,
        }
    }
}

/// A register record with its versions, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordView {
    /// The record id.
    pub id: i64,
    /// The personal code.
    pub personal_code: String,
    /// Its versions, newest first.
    pub versions: Vec<VersionView>,
}

impl From<&RegisterRecord> for RecordView {
    fn from(r: &RegisterRecord) -> Self {
        RecordView {
            id: r.id,
            personal_code: r.personal_code.to_string(),
            versions: r.versions.iter().map(VersionView::from).collect(),
        }
    }
}

/// A permission to grant.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct GrantRequest {
    /// The official's username.
    pub username: String,
    /// `register.read`, `register.import` or `enrolment.in_person`.
    pub permission: String,
}

/// A permission held by an official.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GrantView {
    /// The official's username.
    pub username: String,
    /// The permission.
    pub permission: String,
    /// The admin who granted it (account id).
    pub granted_by: Option<i64>,
    /// When (RFC 3339).
    pub granted_at: String,
}

impl GrantView {
    /// The view of `g` for the official named `username`.
    pub fn new(g: &RegisterGrant, username: String) -> Self {
        GrantView {
            username,
            permission: g.permission.as_str().to_owned(),
            granted_by: g.granted_by.map(|u| u.0),
            granted_at: g.granted_at.to_string(),
        }
    }
}

/// Every grant.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GrantList {
    /// The grants, by official then permission.
    pub items: Vec<GrantView>,
}

/// Whether a grant or revocation changed anything.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GrantOutcome {
    /// `false` if the official already held (or did not hold) the permission.
    pub changed: bool,
}

/// The permission names, for documentation.
pub fn permission_names() -> Vec<&'static str> {
    Permission::ALL.iter().map(|p| p.as_str()).collect()
}
