//! civis digital identity, with no IO: the resident register (records, their
//! dated versions, CSV import with a validation report), enrolment (linking an
//! account to a register record and the level of assurance it gives, see
//! [`civis_domain::level_of_assurance`]), and one-time codes.
//!
//! Nothing here touches the network, files, SQL or the wall clock: time and
//! randomness are parameters.

#[cfg(feature = "soft-authenticator")]
pub mod soft_authenticator;
pub mod totp;
