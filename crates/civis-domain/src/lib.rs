//! The civis platform domain: accounts, roles, permissions and audit events.
//!
//! IO-free: nothing here touches the network, files, SQL or the wall clock.
//! Time is always a parameter ([`Timestamp`]). Values coming from outside
//! are parsed into newtypes ([`Username::parse`], [`Password::parse`], ...)
//! whose errors name the offending field.

pub mod assurance;
pub mod audit;
pub mod common_passwords;
pub mod display_name;
pub mod ids;
pub mod password;
pub mod permissions;
pub mod role;
pub mod session;
pub mod time;
pub mod user;
pub mod username;

pub use assurance::{level_of_assurance, AuthMethod, AuthMethods, LevelOfAssurance, Proofing};
pub use audit::{AuditAction, AuditActionError, AuditEvent, NewAuditEvent};
pub use display_name::{DisplayName, DisplayNameError};
pub use ids::{AuditEventId, UserId};
pub use password::{Password, PasswordError, PasswordHash};
pub use role::{Role, RoleError};
pub use session::{Session, TokenHash};
pub use time::Timestamp;
pub use user::User;
pub use username::{Username, UsernameError};
