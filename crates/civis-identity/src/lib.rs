//! civis digital identity, with no IO: the resident register (records, their
//! dated versions, CSV import with a validation report), enrolment (linking an
//! account to a register record and the level of assurance it gives, see
//! [`civis_domain::level_of_assurance`]), and one-time codes.
//!
//! Nothing here touches the network, files, SQL or the wall clock: time and
//! randomness are parameters.

pub mod access;
pub mod codes;
pub mod csv;
pub mod date;
pub mod import;
pub mod letter_pdf;
pub mod personal_code;
pub mod record;
pub mod recovery;
#[cfg(feature = "soft-authenticator")]
pub mod soft_authenticator;
pub mod totp;

pub use access::{Permission, Purpose, PurposeProblem};
pub use date::{Date, DateError};
pub use import::{ImportPlan, ImportProblem, ImportRow, Planned, Reason};
pub use personal_code::{CodeProblem, Isikukood, PersonalCode, PersonalCodeRules};
pub use record::{CurrentRecord, RecordData, RecordStatus};
