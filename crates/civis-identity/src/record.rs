//! A resident's register record: what one dated version holds.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::personal_code::PersonalCode;

/// Whether the person is a resident at a version's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Lives here.
    Active,
    /// Died.
    Deceased,
    /// Moved away from the city.
    Left,
}

impl RecordStatus {
    /// Every status.
    pub const ALL: [RecordStatus; 3] = [Self::Active, Self::Deceased, Self::Left];

    /// The stable name used in files, storage and JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deceased => "deceased",
            Self::Left => "left",
        }
    }

    /// Parses [`RecordStatus::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What a register version says about a person (the personal code is the record's key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordData {
    /// Given name(s).
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Date of birth.
    pub birth_date: Date,
    /// Postal address, lines separated by `\n` or `, `.
    pub address: String,
    /// The city district.
    pub district: String,
    /// A mobile number for one-time codes, `+` and digits, if the register has one.
    pub phone: Option<String>,
    /// Resident, deceased or left.
    pub status: RecordStatus,
}

/// A record with its current version, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentRecord {
    /// The record's id.
    pub id: i64,
    /// Its personal code.
    pub personal_code: PersonalCode,
    /// The date the current version is valid from.
    pub valid_from: Date,
    /// The current version.
    pub data: RecordData,
}
